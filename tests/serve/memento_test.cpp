// Memento (RFC 7089) in `xasite serve`: TimeMap, TimeGate and the headers of an archived page, on
// the Ea Kar package (content/archives/651) and on a package of two captures (two WARCs of
// different dates, tests/archive/view/two_captures.hpp), each with a view folder made here (the
// view writes chuyen-huong/index.json naming the package's unit).
#include <gtest/gtest.h>
#include <httplib.h>

#include <sstream>
#include <thread>

#include "archive/export/archive_export.hpp"
#include "archive/view/two_captures.hpp"
#include "core/files.hpp"
#include "serve/server.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace xasite;

// `xasite serve` on a free loopback port over `site` (archives in luu-tru/, their packages in
// `packages`), stopped when it goes out of scope.
class MementoServer {
  public:
    MementoServer(const fs::path& site, const fs::path& packages)
        : server_(options(site, packages), log_), port_(server_.bind()) {
        if (port_ > 0) thread_ = std::thread([this] { server_.listen(); });
    }
    ~MementoServer() {
        if (thread_.joinable()) {
            server_.stop();
            thread_.join();
        }
    }
    MementoServer(const MementoServer&) = delete;
    MementoServer& operator=(const MementoServer&) = delete;
    int port() const { return port_; }
    std::string log() const { return log_.str(); }

  private:
    static serve::ServeOptions options(const fs::path& site, const fs::path& packages) {
        serve::ServeOptions o;
        o.site_dir = site;
        o.port = 0;
        o.quiet = true;
        o.archive_dir = "luu-tru";
        o.packages_dir = packages;
        return o;
    }
    std::ostringstream log_;
    serve::SiteServer server_;
    int port_ = 0;
    std::thread thread_;
};

TEST(ServeMemento, TimeMapTimeGateAndHeaders) {
    xasite::testing::TempDir dir;
    const fs::path packages = fs::path(XASITE_SOURCE_DIR) / "content/archives";
    auto index = archive::CaptureIndex::load(packages / "651");
    const archive::Capture* home = index.find("http://eakar.daklak.gov.vn/index.html");
    ASSERT_NE(home, nullptr);
    const fs::path view = dir / "site/luu-tru/huyen-ea-kar";
    write_file_atomic(view / "chuyen-huong/index.json", R"({"unit": "651", "hosts": []})");
    write_file_atomic(view / home->view_file, "<!DOCTYPE html><title>Ea Kar</title>");

    MementoServer server(dir / "site", packages);
    ASSERT_GT(server.port(), 0) << server.log();
    httplib::Client client("127.0.0.1", server.port());
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
}

// Two captures of one URL: the TimeMap lists both, the TimeGate picks the one nearest to
// Accept-Datetime (the old one for a date in 2024, the newest without one), and each version's
// file carries its own Memento-Datetime.
TEST(ServeMemento, TwoCapturesOfOneUrl) {
    xasite::testing::TempDir dir;
    std::string error;
    const fs::path package = xasite::testing::make_two_capture_package(dir.path(), error);
    ASSERT_FALSE(package.empty()) << error;
    auto index = archive::CaptureIndex::load(package);
    const std::string url = "http://eakar.daklak.gov.vn/tin-tuc.html";
    auto all = index.find_all(url);
    ASSERT_EQ(all.size(), 2u);
    const fs::path view = dir / "site/luu-tru/huyen-ea-kar";
    write_file_atomic(view / "chuyen-huong/index.json", R"({"unit": "651", "hosts": []})");
    for (const archive::Capture* c : all)
        write_file_atomic(view / c->view_file, "<!DOCTYPE html><title>" + c->datetime + "</title>");

    MementoServer server(dir / "site", package.parent_path());
    ASSERT_GT(server.port(), 0) << server.log();
    httplib::Client client("127.0.0.1", server.port());
    const std::string base = "/luu-tru/huyen-ea-kar/";
    const std::string old_memento = base + "trang/20240501080000/eakar.daklak.gov.vn/tin-tuc.html";
    const std::string new_memento = base + "trang/eakar.daklak.gov.vn/tin-tuc.html";

    auto tm = client.Get((base + "timemap/link/" + url).c_str());
    ASSERT_TRUE(tm);
    EXPECT_EQ(tm->status, 200);
    EXPECT_EQ(tm->body,
              "<" + url + ">; rel=\"original\",\n<" + base + "timegate/" + url +
                  ">; rel=\"timegate\",\n<" + base + "timemap/link/" + url +
                  ">; rel=\"self\"; type=\"application/link-format\"; from=\"Wed, 01 "
                  "May 2024 08:00:00 GMT\"; until=\"Sat, 28 Jun 2025 09:00:00 GMT\",\n<" +
                  old_memento +
                  ">; rel=\"first memento\"; datetime=\"Wed, 01 May 2024 08:00:00 "
                  "GMT\",\n<" +
                  new_memento +
                  ">; rel=\"last memento\"; datetime=\"Sat, 28 Jun 2025 09:00:00 GMT\"\n");

    auto tg_old = client.Get((base + "timegate/" + url).c_str(),
                             {{"Accept-Datetime", "Mon, 01 Jan 2024 00:00:00 GMT"}});
    ASSERT_TRUE(tg_old);
    EXPECT_EQ(tg_old->status, 302);
    EXPECT_EQ(tg_old->get_header_value("Location"), old_memento);
    auto tg_mid = client.Get((base + "timegate/" + url).c_str(),
                             {{"Accept-Datetime", "Sun, 01 Jun 2025 00:00:00 GMT"}});
    ASSERT_TRUE(tg_mid);
    EXPECT_EQ(tg_mid->get_header_value("Location"), new_memento);
    auto tg_none = client.Get((base + "timegate/" + url).c_str());
    ASSERT_TRUE(tg_none);
    EXPECT_EQ(tg_none->status, 302);
    EXPECT_EQ(tg_none->get_header_value("Location"), new_memento);
    // The old redirect's address (only in the 2024 capture) has its target's mementos.
    auto tg_redirect = client.Get((base + "timegate/http://eakar.daklak.gov.vn/cu.aspx").c_str(),
                                  {{"Accept-Datetime", "Wed, 01 May 2024 08:00:00 GMT"}});
    ASSERT_TRUE(tg_redirect);
    EXPECT_EQ(tg_redirect->get_header_value("Location"), old_memento);

    auto page_old = client.Get(old_memento.c_str());
    ASSERT_TRUE(page_old);
    EXPECT_EQ(page_old->status, 200);
    EXPECT_EQ(page_old->get_header_value("Memento-Datetime"), "Wed, 01 May 2024 08:00:00 GMT");
    EXPECT_NE(page_old->get_header_value("Link").find("<" + url + ">; rel=\"original\""),
              std::string::npos);
    auto page_new = client.Get(new_memento.c_str());
    ASSERT_TRUE(page_new);
    EXPECT_EQ(page_new->get_header_value("Memento-Datetime"), "Sat, 28 Jun 2025 09:00:00 GMT");
}
