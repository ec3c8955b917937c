// `xasite preview`: the inotify watcher (one debounced batch per burst of writes, new folders
// watched), the reload script's injection (preview HTML responses only, never the files), the event
// stream (an event after each rebuild), the error banner after a failed build.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/files.hpp"
#include "generator/authoring/preview_server.hpp"
#include "generator/authoring/watcher.hpp"
#include "tiny_content.hpp"

using namespace xasite;
using namespace std::chrono_literals;
using xasite::testing::contains;
using xasite::testing::write_text;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

TEST(ContentWatcher, OneBurstOfWritesIsOneChange) {
    xasite::testing::TempDir dir;
    fs::create_directories(dir.path() / "units/24169");
    authoring::ContentWatcher w(dir.path());
    EXPECT_EQ(w.watched_folders(), 3u);
    std::thread writer([&] {
        for (int i = 0; i < 5; ++i) {
            write_text(dir.path() / "units/24169/a.md", "lần " + std::to_string(i));
            std::this_thread::sleep_for(20ms);
        }
    });
    auto changes = w.wait(100ms, 5s);
    writer.join();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0], fs::path("units/24169/a.md"));
    EXPECT_TRUE(w.wait(100ms, 300ms).empty()) << "the burst was one change";
}

TEST(ContentWatcher, ANewFolderIsWatched) {
    xasite::testing::TempDir dir;
    authoring::ContentWatcher w(dir.path());
    fs::create_directories(dir.path() / "units/24352");
    auto changes = w.wait(100ms, 5s);
    ASSERT_FALSE(changes.empty());
    EXPECT_EQ(changes[0], fs::path("units"));
    EXPECT_EQ(w.watched_folders(), 3u) << "units/ and units/24352/ are watched";
    write_text(dir.path() / "units/24352/tin.md", "x");
    changes = w.wait(100ms, 5s);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0], fs::path("units/24352/tin.md"));
}

TEST(ContentWatcher, EditorScratchFilesAreNotChangesAndStopWakesAWait) {
    xasite::testing::TempDir dir;
    authoring::ContentWatcher w(dir.path());
    write_text(dir.path() / ".tin.md.swp", "x");
    write_text(dir.path() / "tin.md~", "x");
    write_text(dir.path() / "4913", "x");
    EXPECT_TRUE(w.wait(50ms, 300ms).empty());
    std::thread stopper([&] {
        std::this_thread::sleep_for(50ms);
        w.stop();
    });
    const auto t0 = Clock::now();
    EXPECT_TRUE(w.wait(50ms, 10s).empty());
    EXPECT_LT(Clock::now() - t0, 5s);
    stopper.join();
}

TEST(InjectPreview, ScriptBeforeBodyEndAndBannerOnlyAfterAnError) {
    const std::string page =
        "<!DOCTYPE html><html><head><title>x</title></head><body class=\"a\"><p>nội dung</p>"
        "</body></html>";
    std::string ok = authoring::inject_preview(page, 7, "");
    EXPECT_TRUE(contains(ok,
                         "<p>nội dung</p><script src=\"/__xasite/reload.js\" "
                         "data-xasite-generation=\"7\"></script></body></html>"))
        << ok;
    EXPECT_FALSE(contains(ok, "xasite-preview-error"));
    std::string bad = authoring::inject_preview(page, 8, "units/24169/a.md:3: bad <date>");
    EXPECT_TRUE(contains(bad, "<link rel=\"stylesheet\" href=\"/__xasite/preview.css\"></head>"));
    EXPECT_TRUE(contains(bad, "<body class=\"a\"><div id=\"xasite-preview-error\" role=\"alert\">"))
        << bad;
    EXPECT_TRUE(contains(bad, "units/24169/a.md:3: bad &lt;date&gt;"));
    EXPECT_TRUE(contains(bad, "data-xasite-generation=\"8\""));
    // Not a whole page: the script is appended.
    EXPECT_EQ(authoring::inject_preview("<p>x</p>", 1, ""),
              "<p>x</p><script src=\"/__xasite/reload.js\" data-xasite-generation=\"1\"></script>");
}

namespace {

// A preview of the tiny tree with one news item, on a free port.
class Preview : public ::testing::Test {
  protected:
    void SetUp() override {
        start("---\ntitle: Họp dân\nsection: tin-tuc\ndate: 2026-12-01\n---\nBản một.\n");
    }
    void start(const std::string& first_news) {
        content_ = dir_.path() / "content";
        xasite::testing::make_tiny_content(content_);
        news_ = content_ / "units/24169/hop-dan.md";
        write_text(news_, first_news);
        authoring::PreviewOptions o;
        o.content_dir = content_;
        o.out_dir = dir_.path() / "preview/site";
        o.units = {"24169"};
        o.port = 0;
        o.quiet = true;
        o.site_server.archive_dir = "luu-tru";
        o.site_server.search_page_dir = "tra-cuu";
        server_ = std::make_unique<authoring::PreviewServer>(o, log_);
        port_ = server_->start();
        ASSERT_GT(port_, 0) << log_.str();
        listener_ = std::thread([this] { server_->listen(); });
    }
    void TearDown() override {
        if (server_) server_->stop();
        if (listener_.joinable()) listener_.join();
        if (events_.joinable()) events_.join();
    }
    httplib::Result get(const std::string& path) {
        httplib::Client c("127.0.0.1", port_);
        c.set_read_timeout(30);
        return c.Get(path.c_str());
    }
    // Reads /__xasite/events in a thread until the server stops.
    void listen_events() {
        events_ = std::thread([this] {
            httplib::Client c("127.0.0.1", port_);
            c.set_read_timeout(60);
            c.Get("/__xasite/events", [this](const char* data, std::size_t n) {
                std::lock_guard<std::mutex> lock(mutex_);
                stream_.append(data, n);
                arrived_.notify_all();
                return true;
            });
        });
    }
    // Waits until the stream holds `text`; returns when it arrived.
    std::optional<Clock::time_point> wait_for_event(const std::string& text,
                                                    std::chrono::seconds limit = 30s) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!arrived_.wait_for(lock, limit, [&] { return contains(stream_, text); }))
            return std::nullopt;
        return Clock::now();
    }
    std::string stream() {
        std::lock_guard<std::mutex> lock(mutex_);
        return stream_;
    }

    xasite::testing::TempDir dir_;
    fs::path content_, news_;
    std::ostringstream log_;
    std::unique_ptr<authoring::PreviewServer> server_;
    int port_ = -1;
    std::thread listener_, events_;
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::string stream_;
};

const std::string kNews = "/phuong-ea-kao/tin-tuc/hop-dan/";

}  // namespace

TEST_F(Preview, ScriptOnlyInPreviewHtmlResponsesNeverInTheFiles) {
    auto r = get(kNews);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_TRUE(contains(r->body, "Bản một."));
    EXPECT_TRUE(
        contains(r->body, "<script src=\"/__xasite/reload.js\" data-xasite-generation=\"1\">"))
        << r->body.substr(r->body.size() > 400 ? r->body.size() - 400 : 0);
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
    const std::string file =
        read_file(dir_.path() / "preview/site/phuong-ea-kao/tin-tuc/hop-dan/index.html");
    EXPECT_TRUE(contains(file, "Bản một."));
    EXPECT_FALSE(contains(file, "__xasite")) << "the site's files never carry the script";
    auto xml = get("/phuong-ea-kao/sitemap.xml");
    ASSERT_TRUE(xml);
    EXPECT_EQ(xml->status, 200);
    EXPECT_FALSE(contains(xml->body, "__xasite")) << "only HTML gets the script";
    auto js = get("/__xasite/reload.js");
    ASSERT_TRUE(js);
    EXPECT_TRUE(contains(js->body, "EventSource('/__xasite/events')"));
    auto missing = get("/phuong-ea-kao/khong-co/");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_TRUE(contains(missing->body, "/__xasite/reload.js")) << "the 404 page reloads too";
}

TEST_F(Preview, AnEditSendsOneEventAndServesTheNewPage) {
    listen_events();
    ASSERT_TRUE(wait_for_event("\"generation\":1,")) << stream();
    const auto t0 = Clock::now();
    write_text(news_, "---\ntitle: Họp dân\nsection: tin-tuc\ndate: 2026-12-01\n---\nBản hai.\n");
    auto t1 = wait_for_event("\"generation\":2,");
    ASSERT_TRUE(t1) << stream() << log_.str();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*t1 - t0).count();
    std::cout << "[ preview ] edit → reload event: " << ms << " ms\n";
    EXPECT_LT(ms, 1000) << "edit → event within a second";
    auto r = get(kNews);
    ASSERT_TRUE(r);
    EXPECT_TRUE(contains(r->body, "Bản hai."));
    EXPECT_TRUE(contains(r->body, "data-xasite-generation=\"2\""));
    std::this_thread::sleep_for(400ms);
    EXPECT_FALSE(contains(stream(), "\"generation\":3,")) << "one write, one rebuild";
    EXPECT_EQ(server_->generation(), 2u);
}

TEST_F(Preview, AFailedBuildKeepsTheLastSiteAndShowsTheErrorUntilFixed) {
    listen_events();
    write_text(news_, "---\ntitle: Họp dân\nsection: tin-tuc\ndate: 2026-13-01\n---\nBản lỗi.\n");
    ASSERT_TRUE(wait_for_event("\"generation\":2,\"ok\":false")) << stream();
    EXPECT_TRUE(contains(server_->last_error(), "hop-dan.md:4")) << server_->last_error();
    EXPECT_TRUE(contains(log_.str(), "hop-dan.md:4")) << "on the terminal too";
    auto r = get(kNews);
    ASSERT_TRUE(r);
    EXPECT_TRUE(contains(r->body, "Bản một.")) << "the last good site";
    EXPECT_TRUE(contains(r->body, "xasite-preview-error"));
    EXPECT_TRUE(contains(r->body, "hop-dan.md:4"));
    EXPECT_TRUE(contains(r->body, "Lỗi khi dựng lại trang"));
    write_text(news_, "---\ntitle: Họp dân\nsection: tin-tuc\ndate: 2026-12-01\n---\nBản sửa.\n");
    ASSERT_TRUE(wait_for_event("\"generation\":3,\"ok\":true")) << stream();
    r = get(kNews);
    ASSERT_TRUE(r);
    EXPECT_TRUE(contains(r->body, "Bản sửa."));
    EXPECT_FALSE(contains(r->body, "xasite-preview-error"));
}

// A preview whose first build fails: every page is the error until the file is fixed.
class PreviewOfBrokenContent : public Preview {
  protected:
    void SetUp() override {
        start("---\ntitle: Họp dân\nsection: blog\ndate: 2026-12-01\n---\nBản một.\n");
    }
};

TEST_F(PreviewOfBrokenContent, EveryPageIsTheErrorUntilTheFirstGoodBuild) {
    EXPECT_TRUE(contains(server_->last_error(), "hop-dan.md:3")) << server_->last_error();
    auto r = get(kNews);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 503);
    EXPECT_TRUE(contains(r->body, "Chưa dựng được trang"));
    EXPECT_TRUE(contains(r->body, "hop-dan.md:3"));
    EXPECT_TRUE(contains(r->body, "/__xasite/reload.js"));
    listen_events();
    write_text(news_, "---\ntitle: Họp dân\nsection: tin-tuc\ndate: 2026-12-01\n---\nBản sửa.\n");
    ASSERT_TRUE(wait_for_event("\"generation\":2,\"ok\":true")) << stream() << log_.str();
    r = get(kNews);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_TRUE(contains(r->body, "Bản sửa."));
}
