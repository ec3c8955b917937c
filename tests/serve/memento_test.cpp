// Memento (RFC 7089) in `xasite serve`: TimeMap, TimeGate and the headers of an archived page, on
// the Ea Kar package (content/archives/651) and a view folder made here (the view writes
// chuyen-huong/index.json naming the package's unit).
#include <gtest/gtest.h>
#include <httplib.h>

#include <sstream>
#include <thread>

#include "archive/export/archive_export.hpp"
#include "core/files.hpp"
#include "serve/server.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace xasite;

TEST(ServeMemento, TimeMapTimeGateAndHeaders) {
    xasite::testing::TempDir dir;
    const fs::path packages = fs::path(XASITE_SOURCE_DIR) / "content/archives";
    auto index = archive::CaptureIndex::load(packages / "651");
    const archive::Capture* home = index.find("http://eakar.daklak.gov.vn/index.html");
    ASSERT_NE(home, nullptr);
    const fs::path view = dir / "site/luu-tru/huyen-ea-kar";
    write_file_atomic(view / "chuyen-huong/index.json", R"({"unit": "651", "hosts": []})");
    write_file_atomic(view / home->view_file, "<!DOCTYPE html><title>Ea Kar</title>");

    std::ostringstream log;
    serve::ServeOptions o;
    o.site_dir = dir / "site";
    o.port = 0;
    o.quiet = true;
    o.archive_dir = "luu-tru";
    o.packages_dir = packages;
    serve::SiteServer server(o, log);
    const int port = server.bind();
    ASSERT_GT(port, 0) << log.str();
    std::thread t([&] { server.listen(); });
    httplib::Client client("127.0.0.1", port);
    const std::string base = "/luu-tru/huyen-ea-kar/";
    const std::string memento = base + home->view_file;

    // The memento itself.
    auto page = client.Get(memento.c_str());
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(page->get_header_value("Memento-Datetime"), "Sat, 28 Jun 2025 00:00:00 GMT");
    const std::string link = page->get_header_value("Link");
    EXPECT_NE(link.find("<http://eakar.daklak.gov.vn/index.html>; rel=\"original\""),
              std::string::npos)
        << link;
    EXPECT_NE(
        link.find("<" + base + "timegate/http://eakar.daklak.gov.vn/index.html>; rel=\"timegate\""),
        std::string::npos)
        << link;
    EXPECT_NE(link.find("rel=\"timemap\""), std::string::npos) << link;

    // The folder form of the same file is the same memento.
    if (home->view_file.size() > 10 &&
        home->view_file.compare(home->view_file.size() - 10, 10, "index.html") == 0) {
        const std::string folder = base + home->view_file.substr(0, home->view_file.size() - 10);
        auto same = client.Get(folder.c_str());
        ASSERT_TRUE(same);
        EXPECT_EQ(same->status, 200);
        EXPECT_EQ(same->get_header_value("Memento-Datetime"), "Sat, 28 Jun 2025 00:00:00 GMT");
    }

    // The TimeMap.
    auto tm = client.Get((base + "timemap/link/http://eakar.daklak.gov.vn/index.html").c_str());
    ASSERT_TRUE(tm);
    EXPECT_EQ(tm->status, 200);
    EXPECT_EQ(tm->get_header_value("Content-Type"), "application/link-format");
    EXPECT_NE(tm->body.find("<" + memento +
                            ">; rel=\"first last memento\"; datetime=\"Sat, 28 Jun "
                            "2025 00:00:00 GMT\""),
              std::string::npos)
        << tm->body;

    // The TimeGate: any Accept-Datetime goes to the one capture; an old address with its
    // parameters in another order (an IIS host: any case) is the same resource.
    auto tg = client.Get((base + "timegate/http://eakar.daklak.gov.vn/index.html").c_str(),
                         {{"Accept-Datetime", "Mon, 01 Jan 2024 00:00:00 GMT"}});
    ASSERT_TRUE(tg);
    EXPECT_EQ(tg->status, 302);
    EXPECT_EQ(tg->get_header_value("Location"), memento);
    EXPECT_EQ(tg->get_header_value("Vary"), "accept-datetime");
    EXPECT_NE(tg->get_header_value("Link").find("rel=\"original\""), std::string::npos);
    auto tg2 = client.Get(
        (base + "timegate/http://eakar.daklak.gov.vn/Default.aspx?ID=101&tabid=55").c_str());
    ASSERT_TRUE(tg2);
    EXPECT_EQ(tg2->status, 302);
    EXPECT_NE(tg2->get_header_value("Location").find(base + "trang/"), std::string::npos);
    auto bad = client.Get((base + "timegate/http://eakar.daklak.gov.vn/index.html").c_str(),
                          {{"Accept-Datetime", "yesterday"}});
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    auto none = client.Get((base + "timemap/link/http://example.org/").c_str());
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 404);
    server.stop();
    t.join();
}
