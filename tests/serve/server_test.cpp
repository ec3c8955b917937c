#include "serve/server.hpp"

#include <httplib.h>

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "core/files.hpp"
#include "test_support.hpp"

using namespace xasite;
namespace fs = std::filesystem;

TEST(SiteServer, ServesPagesWithSecurityHeadersAndLogsEachRequest) {
    xasite::testing::TempDir dir;
    write_file_atomic(dir / "site/xa-ea-kar/index.html", "<!DOCTYPE html><title>Ea Kar</title>");
    write_file_atomic(dir / "site/404.html", "không tìm thấy");
    std::ostringstream log;
    serve::ServeOptions o;
    o.site_dir = dir / "site";
    o.port = 0;
    o.archive_dir = "luu-tru";
    o.search_page_dir = "tra-cuu";
    serve::SiteServer server(o, log);
    int port = server.bind();
    ASSERT_GT(port, 0);
    std::thread t([&] { server.listen(); });
    httplib::Client client("127.0.0.1", port);
    auto ok = client.Get("/xa-ea-kar/");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(ok->body, "<!DOCTYPE html><title>Ea Kar</title>");
    EXPECT_EQ(ok->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(ok->get_header_value("Content-Security-Policy").find("default-src 'self'"),
              std::string::npos);
    EXPECT_EQ(ok->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_FALSE(ok->get_header_value("Referrer-Policy").empty());
    auto missing = client.Get("/xa-ea-kar/khong-co/");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(missing->body, "không tìm thấy");
    auto traversal = client.Get("/%2e%2e/%2e%2e/etc/passwd");
    ASSERT_TRUE(traversal);
    EXPECT_TRUE(traversal->status == 400 || traversal->status == 404) << traversal->status;
    EXPECT_EQ(traversal->body.find("root:"), std::string::npos);
    auto redirect = client.Get("/xa-ea-kar");
    ASSERT_TRUE(redirect);
    EXPECT_EQ(redirect->status, 301);
    server.stop();
    t.join();
    std::string lines = log.str();
    EXPECT_NE(lines.find("\"GET /xa-ea-kar/ HTTP/1.1\" 200"), std::string::npos) << lines;
    EXPECT_NE(lines.find("\"GET /xa-ea-kar/khong-co/ HTTP/1.1\" 404"), std::string::npos) << lines;
}

TEST(SiteServer, MissingSiteIsAClearError) {
    std::ostringstream log;
    serve::ServeOptions o;
    o.site_dir = "/nonexistent/xasite-site";
    o.port = 0;
    serve::SiteServer server(o, log);
    EXPECT_EQ(server.bind(), -1);
    EXPECT_NE(log.str().find("/nonexistent/xasite-site"), std::string::npos);
}

// The server spells no folder of the sites: the archive and search-page folders are options.
TEST(SiteServer, SectionFoldersComeFromTheOptions) {
    xasite::testing::TempDir dir;
    const std::string page =
        "<!DOCTYPE html><title>Tìm</title><input name=\"q\">"
        "<div><!--xasite:search-results--></div>";
    write_file_atomic(dir / "site/tim-kiem/index.html", page);
    write_file_atomic(dir / "site/tra-cuu/index.html", page);
    write_file_atomic(dir / "site/kho/index.html", "<!DOCTYPE html><title>Kho</title>");
    write_file_atomic(dir / "site/luu-tru/index.html", "<!DOCTYPE html><title>Lưu trữ</title>");
    std::ostringstream log;
    serve::ServeOptions o;
    o.site_dir = dir / "site";
    o.index_dir = dir / "no-index";
    o.port = 0;
    o.quiet = true;
    o.archive_dir = "kho";
    o.search_page_dir = "tim-kiem";
    serve::SiteServer server(o, log);
    int port = server.bind();
    ASSERT_GT(port, 0) << log.str();
    std::thread t([&] { server.listen(); });
    httplib::Client client("127.0.0.1", port);
    // The search page folder: ?q= is answered on the server (here: no index yet).
    auto search = client.Get("/tim-kiem/?q=hotich");
    ASSERT_TRUE(search);
    EXPECT_EQ(search->status, 200);
    EXPECT_NE(search->body.find("value=\"hotich\""), std::string::npos) << search->body;
    EXPECT_EQ(search->body.find("<!--xasite:search-results-->"), std::string::npos);
    EXPECT_EQ(search->get_header_value("Cache-Control"), "no-store");
    // Another folder's index.html is a plain static page.
    auto other = client.Get("/tra-cuu/?q=hotich");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->body, page);
    // The archive folder gets the archives' policy; a folder of that old name does not.
    auto archive = client.Get("/kho/");
    ASSERT_TRUE(archive);
    EXPECT_EQ(archive->get_header_value_count("Content-Security-Policy"), 1u);
    EXPECT_NE(archive->get_header_value("Content-Security-Policy"),
              serve::content_security_policy());
    auto old_name = client.Get("/luu-tru/");
    ASSERT_TRUE(old_name);
    EXPECT_EQ(old_name->get_header_value("Content-Security-Policy"),
              serve::content_security_policy());
    server.stop();
    t.join();
}

// Two servers on one port: cpp-httplib's default SO_REUSEPORT would let both bind and split the
// requests between them; the second must fail with a message naming the address.
TEST(SiteServer, SecondServerOnTheSamePortFails) {
    xasite::testing::TempDir dir;
    write_file_atomic(dir / "site/index.html", "<!DOCTYPE html><title>Một</title>");
    std::ostringstream log1, log2;
    serve::ServeOptions o;
    o.site_dir = dir / "site";
    o.port = 0;
    serve::SiteServer first(o, log1);
    const int port = first.bind();
    ASSERT_GT(port, 0);
    std::thread t([&] { first.listen(); });
    o.port = port;
    serve::SiteServer second(o, log2);
    EXPECT_EQ(second.bind(), -1);
    EXPECT_NE(log2.str().find("cannot listen on 127.0.0.1:" + std::to_string(port) +
                              ": the address is in use"),
              std::string::npos)
        << log2.str();
    // Every request reaches the first server.
    httplib::Client client("127.0.0.1", port);
    for (int i = 0; i < 8; ++i) {
        auto r = client.Get("/");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
    }
    first.stop();
    t.join();
}
