// `xasite serve` and the archives: the archive CSP on /luu-tru/, old-URL lookups and redirects
// for requests addressed to a reclaimed domain.
#include <httplib.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "archive/view/archive_view.hpp"
#include "archive/view/test_package.hpp"
#include "serve/server.hpp"
#include "test_support.hpp"

namespace xasite::archive {
namespace {

namespace fs = std::filesystem;

const std::string kArticle =
    "/luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/default.aspx@id=101&tabid=55.html";

class Serve : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::path site = dir_.path() / "site";
        PackageInfo p = testing::district_portal(dir_.path() / "pkg");
        render_view(
            p, testing::district_view_options(),
            [&](std::string_view rel, std::string_view bytes) {
                auto f = site / std::string(rel);
                fs::create_directories(f.parent_path());
                std::ofstream(f, std::ios::binary) << bytes;
            },
            nullptr);
        fs::create_directories(site / "xa-ea-kar");
        std::ofstream(site / "xa-ea-kar/index.html") << "<!DOCTYPE html><title>Ea Kar</title>";
        serve::ServeOptions o;
        o.site_dir = site;
        o.port = 0;
        o.quiet = true;
        o.archive_dir = "luu-tru";
        o.search_page_dir = "tra-cuu";
        server_ = std::make_unique<serve::SiteServer>(o, log_);
        port_ = server_->bind();
        ASSERT_GT(port_, 0) << log_.str();
        thread_ = std::thread([this] { server_->listen(); });
    }
    void TearDown() override {
        if (server_) server_->stop();
        if (thread_.joinable()) thread_.join();
    }
    httplib::Client client() { return httplib::Client("127.0.0.1", port_); }

    xasite::testing::TempDir dir_;
    std::ostringstream log_;
    std::unique_ptr<serve::SiteServer> server_;
    std::thread thread_;
    int port_ = -1;
};

TEST_F(Serve, ArchivePagesGetTheArchivePolicy) {
    auto c = client();
    auto page = c.Get("/luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/default.aspx.html");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(page->get_header_value_count("Content-Security-Policy"), 1u);
    EXPECT_EQ(page->get_header_value("Content-Security-Policy"), archive_content_security_policy());
    EXPECT_NE(page->body.find("data-archive-banner"), std::string::npos);
    auto site = c.Get("/xa-ea-kar/");
    ASSERT_TRUE(site);
    EXPECT_EQ(site->get_header_value("Content-Security-Policy"), serve::content_security_policy());
}

TEST_F(Serve, OldUrlApi) {
    auto c = client();
    auto r =
        c.Get("/api/old-url?url=" + httplib::detail::encode_query_param(
                                        "http://eakar.daklak.gov.vn/Default.aspx?ID=101&tabid=55"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(nlohmann::json::parse(r->body)["target"], kArticle);
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
    auto unknown =
        c.Get("/api/old-url?url=" + httplib::detail::encode_query_param("http://chinhphu.vn/"));
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 404);
    auto landing = c.Get("/api/old-url?url=" + httplib::detail::encode_query_param(
                                                   "http://eakar.daklak.gov.vn/khong-co"));
    ASSERT_TRUE(landing);
    EXPECT_EQ(nlohmann::json::parse(landing->body)["target"], "/luu-tru/huyen-ea-kar/");
    auto none = c.Get("/api/old-url");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 400);
}

TEST_F(Serve, RequestsForTheOldHostAreRedirected) {
    auto c = client();
    auto r = c.Get("/DEFAULT.aspx?tabid=55&id=101", {{"Host", "www.eakar.daklak.gov.vn"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 301);
    EXPECT_EQ(r->get_header_value("Location"), kArticle);
    // The archive itself is served to that host (no redirect loop).
    auto page = c.Get("/luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/default.aspx.html",
                      {{"Host", "eakar.daklak.gov.vn"}});
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    // Other hosts are not redirected.
    auto site = c.Get("/Default.aspx", {{"Host", "daklak.gov.vn"}});
    ASSERT_TRUE(site);
    EXPECT_EQ(site->status, 404);
}

}  // namespace
}  // namespace xasite::archive
