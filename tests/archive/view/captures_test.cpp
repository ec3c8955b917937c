// Issue 10, items 6 and 7: several captures of one site in one package. A package made by two
// ingests of two small WARCs of different dates (two_captures.hpp) is rendered: the newest
// capture is the default view, the older one of each changed URL is kept under
// trang/<timestamp>/…, the banners link the dates of the same URL both ways, an older page's links
// stay in its capture, redirects go to the newest, the static TimeMaps list both mementos, and
// CaptureIndex (what `xasite serve` answers Memento requests from) returns both.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "archive/export/archive_export.hpp"
#include "archive/package/package.hpp"
#include "archive/view/archive_view.hpp"
#include "archive/view/view.hpp"
#include "test_support.hpp"
#include "two_captures.hpp"

namespace xasite::archive {
namespace {

namespace fs = std::filesystem;
using xasite::testing::TempDir;

const std::string kPrefix = "luu-tru/huyen-ea-kar/";
const std::string kDefault = "luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/";
const std::string kOld = "luu-tru/huyen-ea-kar/trang/20240501080000/eakar.daklak.gov.vn/";

bool has(const std::string& s, std::string_view needle) {
    return s.find(needle) != std::string::npos;
}

struct Rendered {
    std::map<std::string, std::string> files;
    std::vector<ArchivedItem> indexed;
    ViewSummary summary;
    fs::path package;

    const std::string& at(const std::string& path) const {
        static const std::string none;
        auto it = files.find(path);
        EXPECT_NE(it, files.end()) << "not written: " << path;
        return it == files.end() ? none : it->second;
    }
};

ViewOptions options(const std::string& base_url) {
    ViewOptions o;
    o.prefix = kPrefix;
    o.landing_href = kPrefix;
    o.search_href = "tra-cuu/";
    o.base_url = base_url;
    return o;
}

Rendered render_two_captures(const TempDir& tmp, bool new_first = false,
                             const std::string& base_url = "https://daklak.gov.vn/") {
    Rendered out;
    std::string error;
    out.package = xasite::testing::make_two_capture_package(tmp.path(), error, new_first);
    EXPECT_FALSE(out.package.empty()) << error;
    if (out.package.empty()) return out;
    PackageInfo p = read_package(out.package);
    EXPECT_EQ(p.fixity, "valid");
    out.summary = render_view(
        p, options(base_url),
        [&](std::string_view path, std::string_view bytes) {
            out.files[std::string(path)] = std::string(bytes);
        },
        [&](const ArchivedItem& item) { out.indexed.push_back(item); });
    return out;
}

// The hrefs of the <a> elements of a page, in order.
std::vector<std::string> hrefs(const std::string& html) {
    std::vector<std::string> out;
    static const std::regex a("<a [^>]*href=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), a); it != std::sregex_iterator();
         ++it)
        out.push_back((*it)[1]);
    return out;
}

// The date navigation paragraph of a page's banner ("" when it has none).
std::string dates_nav(const std::string& html) {
    auto start = html.find("<p class=\"xa-archive-dates\">");
    if (start == std::string::npos) return {};
    return html.substr(start, html.find("</p>", start) - start);
}

TEST(Captures, CatalogKeepsTheNewestAsDefaultAndOlderDaysAsVersions) {
    for (bool new_first : {false, true}) {
        TempDir tmp;
        std::string error;
        fs::path package = xasite::testing::make_two_capture_package(tmp.path(), error, new_first);
        ASSERT_FALSE(package.empty()) << error;
        PackageData data = load_package_data(package);
        Catalog catalog(data);
        EXPECT_EQ(catalog.days(), (std::vector<std::string>{"2025-06-28", "2024-05-01"}));
        const Catalog::Entry* news = catalog.find("http://eakar.daklak.gov.vn/tin-tuc.html");
        ASSERT_NE(news, nullptr);
        EXPECT_EQ(news->day, "2025-06-28") << "ingested new first: " << new_first;
        EXPECT_EQ(news->datetime, "2025-06-28T09:00:00Z");
        EXPECT_EQ(news->file, "trang/eakar.daklak.gov.vn/tin-tuc.html");
        ASSERT_EQ(news->versions.size(), 1u);
        EXPECT_EQ(news->versions[0].day, "2024-05-01");
        EXPECT_EQ(news->versions[0].datetime, "2024-05-01T08:00:00Z");
        EXPECT_EQ(news->versions[0].file, "trang/20240501080000/eakar.daklak.gov.vn/tin-tuc.html");
        // The same bytes on both days: nothing kept beside the default.
        const Catalog::Entry* css = catalog.find("http://eakar.daklak.gov.vn/style.css");
        ASSERT_NE(css, nullptr);
        EXPECT_TRUE(css->versions.empty());
        // Only in the old capture: it is the default view of its URL.
        const Catalog::Entry* old_only = catalog.find("http://eakar.daklak.gov.vn/chi-cu.html");
        ASSERT_NE(old_only, nullptr);
        EXPECT_EQ(old_only->day, "2024-05-01");
        EXPECT_TRUE(old_only->versions.empty());
        EXPECT_EQ(catalog.versions(), 2u);  // the home page and tin-tuc.html
    }
}

TEST(Captures, BothVersionsRenderedNewestIsTheDefault) {
    TempDir tmp;
    Rendered r = render_two_captures(tmp);
    ASSERT_FALSE(r.package.empty());
    EXPECT_EQ(r.summary.versions, 2u);
    EXPECT_EQ(r.summary.pages, 4u);  // home, tin-tuc, chi-cu, chi-moi: the default view only
    EXPECT_TRUE(has(r.at(kDefault + "tin-tuc.html"), "Tin tức năm 2025"));
    EXPECT_FALSE(has(r.at(kDefault + "tin-tuc.html"), "Tin tức năm 2024"));
    EXPECT_TRUE(has(r.at(kOld + "tin-tuc.html"), "Tin tức năm 2024"));
    EXPECT_TRUE(has(r.at(kDefault + "index.html"), "Trang chủ năm 2025"));
    EXPECT_TRUE(has(r.at(kOld + "index.html"), "Trang chủ năm 2024"));
    EXPECT_TRUE(has(r.at(kDefault + "chi-cu.html"), "Trang chỉ có năm 2024"));
    EXPECT_TRUE(has(r.at(kDefault + "chi-moi.html"), "Trang chỉ có năm 2025"));
    // Nothing else under the old capture's folder (unchanged and single captures are not kept
    // twice).
    std::set<std::string> old_files;
    for (const auto& [path, bytes] : r.files)
        if (path.rfind(kPrefix + "trang/20240501080000/", 0) == 0) old_files.insert(path);
    EXPECT_EQ(old_files, (std::set<std::string>{kOld + "index.html", kOld + "tin-tuc.html"}));
    // Each banner gives its own capture's date.
    EXPECT_TRUE(has(r.at(kDefault + "tin-tuc.html"), "Nội dung được lưu lại ngày 28/6/2025"));
    EXPECT_TRUE(has(r.at(kOld + "tin-tuc.html"), "Nội dung được lưu lại ngày 01/5/2024"));
}

TEST(Captures, BannerLinksTheOtherDatesBothWays) {
    TempDir tmp;
    Rendered r = render_two_captures(tmp);
    ASSERT_FALSE(r.package.empty());
    const std::string now = dates_nav(r.at(kDefault + "tin-tuc.html"));
    EXPECT_EQ(now,
              "<p class=\"xa-archive-dates\">Các lần lưu trang này: "
              "<a href=\"tin-tuc.html\" aria-current=\"page\">28/6/2025</a> (đang xem) · "
              "<a href=\"../20240501080000/eakar.daklak.gov.vn/tin-tuc.html\">01/5/2024</a>");
    const std::string then = dates_nav(r.at(kOld + "tin-tuc.html"));
    EXPECT_EQ(then,
              "<p class=\"xa-archive-dates\">Các lần lưu trang này: "
              "<a href=\"../../eakar.daklak.gov.vn/tin-tuc.html\">28/6/2025</a> · "
              "<a href=\"tin-tuc.html\" aria-current=\"page\">01/5/2024</a> (đang xem)");
    // A URL with one capture has no date navigation.
    EXPECT_EQ(dates_nav(r.at(kDefault + "chi-cu.html")), "");
    EXPECT_EQ(dates_nav(r.at(kDefault + "chi-moi.html")), "");
    // The navigation is inside the banner.
    const std::string& page = r.at(kOld + "tin-tuc.html");
    auto banner = page.find("class=\"xa-archive-banner\"");
    auto nav = page.find("xa-archive-dates");
    ASSERT_NE(banner, std::string::npos);
    EXPECT_LT(banner, nav);
    EXPECT_LT(nav, page.find("</div>", banner));
}

TEST(Captures, AnOlderPagesLinksStayInItsCapture) {
    TempDir tmp;
    Rendered r = render_two_captures(tmp);
    ASSERT_FALSE(r.package.empty());
    // The old home page: tin-tuc.html has a 2024 version beside it; chi-cu.html has only the
    // default view; the stylesheet is the same on both days (the default's).
    auto old_home = hrefs(r.at(kOld + "index.html"));
    EXPECT_NE(std::find(old_home.begin(), old_home.end(), "tin-tuc.html"), old_home.end());
    EXPECT_NE(std::find(old_home.begin(), old_home.end(), "../../eakar.daklak.gov.vn/chi-cu.html"),
              old_home.end());
    EXPECT_TRUE(has(r.at(kOld + "index.html"), "href=\"../../eakar.daklak.gov.vn/style.css\""));
    auto old_news = hrefs(r.at(kOld + "tin-tuc.html"));
    EXPECT_NE(std::find(old_news.begin(), old_news.end(), "index.html"), old_news.end());
    // The default view links to the default view (only its date navigation leads to the older
    // capture of the page itself).
    auto new_home = hrefs(r.at(kDefault + "index.html"));
    EXPECT_NE(std::find(new_home.begin(), new_home.end(), "tin-tuc.html"), new_home.end());
    for (const auto& h : new_home)
        if (has(h, "20240501080000")) {
            EXPECT_EQ(h, "../20240501080000/eakar.daklak.gov.vn/index.html");
        }
    // The page only the old capture has is the default view: its links go to the default view.
    auto old_only = hrefs(r.at(kDefault + "chi-cu.html"));
    EXPECT_NE(std::find(old_only.begin(), old_only.end(), "tin-tuc.html"), old_only.end());
    // Every link of an older page to a captured page leads to a file that was written.
    std::size_t checked = 0;
    for (const auto& h : old_home) {
        if (has(h, "://") || h.empty() || h[0] == '#') continue;
        std::string t = (fs::path(kOld) / h).lexically_normal().generic_string();
        if (t.rfind(kPrefix + "trang/", 0) != 0) continue;  // the landing page, the contents
        EXPECT_TRUE(r.files.count(t)) << h << " → " << t;
        ++checked;
    }
    EXPECT_GE(checked, 4u);  // tin-tuc, chi-cu, and the date navigation's two
}

TEST(Captures, RedirectsAndSearchGoToTheNewest) {
    TempDir tmp;
    Rendered r = render_two_captures(tmp);
    ASSERT_FALSE(r.package.empty());
    const std::string csv = r.at(kPrefix + "chuyen-huong/eakar.daklak.gov.vn.csv");
    EXPECT_TRUE(has(csv, "/tin-tuc.html,/" + kDefault + "tin-tuc.html\n")) << csv;
    // The redirect only the old capture has leads to the newest version of its target.
    EXPECT_TRUE(has(csv, "/cu.aspx,/" + kDefault + "tin-tuc.html\n")) << csv;
    EXPECT_TRUE(has(csv, "/chi-cu.html,/" + kDefault + "chi-cu.html\n")) << csv;
    for (const std::string& f :
         {kPrefix + "chuyen-huong/eakar.daklak.gov.vn.csv",
          kPrefix + "chuyen-huong/eakar.daklak.gov.vn.map", kPrefix + "chuyen-huong/nginx.conf"})
        EXPECT_FALSE(has(r.at(f), "20240501080000")) << f;
    // OldUrlIndex (`xasite serve` on the reclaimed domain) reads the CSV the view wrote.
    for (const auto& [path, bytes] : r.files)
        if (path.rfind(kPrefix + "chuyen-huong/", 0) == 0) {
            fs::create_directories((tmp / "site" / path).parent_path());
            write_new_file(tmp / "site" / path, bytes);
        }
    OldUrlIndex old = OldUrlIndex::load(tmp / "site/luu-tru");
    EXPECT_EQ(old.find("http://eakar.daklak.gov.vn/tin-tuc.html"), "/" + kDefault + "tin-tuc.html");
    EXPECT_EQ(old.find("http://eakar.daklak.gov.vn/cu.aspx"), "/" + kDefault + "tin-tuc.html");
    // Only the default view is indexed for search: one result per address.
    std::set<std::string> urls;
    for (const auto& item : r.indexed) {
        EXPECT_FALSE(has(item.url, "20240501080000")) << item.url;
        EXPECT_TRUE(urls.insert(item.original_url).second) << item.original_url;
    }
    EXPECT_TRUE(urls.count("http://eakar.daklak.gov.vn/tin-tuc.html"));
    // The contents page lists the default pages and says older captures exist.
    const std::string contents = r.at(kPrefix + "muc-luc/index.html");
    EXPECT_TRUE(has(contents, "lưu 2 lần (28/6/2025, 01/5/2024)")) << contents;
    EXPECT_TRUE(has(contents, "2 bản lưu ngày khác")) << contents;
    EXPECT_FALSE(has(contents, "20240501080000"));
}

TEST(Captures, StaticTimeMapsListEveryCapture) {
    TempDir tmp;
    Rendered r = render_two_captures(tmp);
    ASSERT_FALSE(r.package.empty());
    EXPECT_EQ(timemap_file("trang/eakar.daklak.gov.vn/tin-tuc.html"),
              "timemap/trang/eakar.daklak.gov.vn/tin-tuc.html.link");
    const std::string base = "https://daklak.gov.vn/luu-tru/huyen-ea-kar/";
    EXPECT_EQ(r.at(kPrefix + "timemap/trang/eakar.daklak.gov.vn/tin-tuc.html.link"),
              "<http://eakar.daklak.gov.vn/tin-tuc.html>; rel=\"original\",\n<" + base +
                  "timemap/trang/eakar.daklak.gov.vn/tin-tuc.html.link>; rel=\"self\"; "
                  "type=\"application/link-format\"; from=\"Wed, 01 May 2024 08:00:00 GMT\"; "
                  "until=\"Sat, 28 Jun 2025 09:00:00 GMT\",\n<" +
                  base +
                  "trang/20240501080000/eakar.daklak.gov.vn/tin-tuc.html>; rel=\"first "
                  "memento\"; datetime=\"Wed, 01 May 2024 08:00:00 GMT\",\n<" +
                  base +
                  "trang/eakar.daklak.gov.vn/tin-tuc.html>; rel=\"last memento\"; "
                  "datetime=\"Sat, 28 Jun 2025 09:00:00 GMT\"\n");
    // One capture: one memento, first and last.
    const std::string one = r.at(kPrefix + "timemap/trang/eakar.daklak.gov.vn/chi-cu.html.link");
    EXPECT_TRUE(has(one, "<" + base +
                             "trang/eakar.daklak.gov.vn/chi-cu.html>; rel=\"first last memento\"; "
                             "datetime=\"Wed, 01 May 2024 08:00:00 GMT\""))
        << one;
    // One TimeMap per page and file of the default view (home, 3 pages, the stylesheet).
    std::size_t maps = 0;
    for (const auto& [path, bytes] : r.files)
        if (path.rfind(kPrefix + "timemap/", 0) == 0) ++maps;
    EXPECT_EQ(maps, 5u);
    EXPECT_EQ(r.summary.timemaps, 5u);
    // nginx serves them with their media type, under the archive's headers.
    const std::string loc = r.at(kPrefix + "chuyen-huong/nginx-location.conf");
    EXPECT_TRUE(has(loc,
                    "location ^~ /luu-tru/huyen-ea-kar/timemap/ {\n        types { }\n"
                    "        default_type application/link-format;\n    }\n}"))
        << loc;
    // Without a public address the URIs are root-relative.
    TempDir tmp2;
    Rendered rel = render_two_captures(tmp2, false, "");
    ASSERT_FALSE(rel.package.empty());
    const std::string tm = rel.at(kPrefix + "timemap/trang/eakar.daklak.gov.vn/tin-tuc.html.link");
    EXPECT_TRUE(has(tm,
                    "</luu-tru/huyen-ea-kar/trang/20240501080000/eakar.daklak.gov.vn/"
                    "tin-tuc.html>; rel=\"first memento\""))
        << tm;
}

TEST(Captures, CaptureIndexReturnsEveryMemento) {
    TempDir tmp;
    std::string error;
    fs::path package = xasite::testing::make_two_capture_package(tmp.path(), error);
    ASSERT_FALSE(package.empty()) << error;
    CaptureIndex index = CaptureIndex::load(package);
    auto all = index.find_all("https://EAKAR.daklak.gov.vn/Tin-Tuc.html");  // an IIS host
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0]->datetime, "2025-06-28T09:00:00Z");
    EXPECT_EQ(all[0]->view_file, "trang/eakar.daklak.gov.vn/tin-tuc.html");
    EXPECT_EQ(all[1]->datetime, "2024-05-01T08:00:00Z");
    EXPECT_EQ(all[1]->view_file, "trang/20240501080000/eakar.daklak.gov.vn/tin-tuc.html");
    EXPECT_EQ(index.find("http://eakar.daklak.gov.vn/tin-tuc.html"), all[0]);
    // The older file is a memento of its own date.
    const Capture* old = index.find_view_file(all[1]->view_file);
    ASSERT_NE(old, nullptr);
    EXPECT_EQ(old->datetime, "2024-05-01T08:00:00Z");
    EXPECT_EQ(old->url, "http://eakar.daklak.gov.vn/tin-tuc.html");
    // The old redirect's address gives its target's captures.
    EXPECT_EQ(index.find_all("http://eakar.daklak.gov.vn/cu.aspx").size(), 2u);
    EXPECT_EQ(index.find_all("http://eakar.daklak.gov.vn/chi-cu.html").size(), 1u);
    auto mementos = index.mementos("http://eakar.daklak.gov.vn/tin-tuc.html", "/a/");
    ASSERT_EQ(mementos.size(), 2u);
    EXPECT_EQ(nearest_memento(mementos, parse_datetime("Mon, 01 Jan 2024 00:00:00 GMT"))->uri,
              "/a/trang/20240501080000/eakar.daklak.gov.vn/tin-tuc.html");
    EXPECT_EQ(nearest_memento(mementos, std::nullopt)->uri,
              "/a/trang/eakar.daklak.gov.vn/tin-tuc.html");
}

TEST(Captures, OneCaptureDayMakesNoVersions) {
    // A package of one capture day: no date navigation, no timestamp folder.
    TempDir tmp;
    fs::create_directories(tmp / "sources");
    write_new_file(tmp / "sources/a.warc.gz", xasite::testing::new_capture_warc());
    IngestOptions o;
    o.unit_code = "651";
    o.unit = xasite::testing::ea_kar_unit();
    o.content_dir = tmp / "content";
    o.sources = {tmp / "sources/a.warc.gz"};
    ASSERT_TRUE(ingest_package(o).ok);
    PackageInfo p = read_package(tmp / "content/archives/651");
    std::map<std::string, std::string> files;
    ViewSummary s = render_view(
        p, options(""),
        [&](std::string_view path, std::string_view bytes) {
            files[std::string(path)] = std::string(bytes);
        },
        nullptr);
    EXPECT_EQ(s.versions, 0u);
    for (const auto& [path, bytes] : files) {
        EXPECT_FALSE(has(path, "/trang/2025")) << path;
        EXPECT_FALSE(has(bytes, "xa-archive-dates\">")) << path;
    }
    EXPECT_TRUE(has(files.at(kPrefix + "timemap/trang/eakar.daklak.gov.vn/tin-tuc.html.link"),
                    "rel=\"first last memento\""));
}

}  // namespace
}  // namespace xasite::archive

namespace xasite::archive {
namespace {

// A mirror member's own date is the file's (the old server's Last-Modified): never a capture day.
// Without its source's day it takes the package's, so old file dates make no versions and no dates
// in the banners; a WARC record keeps its WARC-Date, and its source's day groups it.
TEST(Captures, MirrorFileDatesAreNotCaptureDays) {
    nlohmann::json capture = {
        {"captured", "2025-06-20"},
        {"sources", {{{"path", "data/original/a.warc.gz"}, {"captured", "2025-06-28"}}}}};
    CaptureDays days(capture);
    Record file;
    file.kind = "file";
    file.date = "2018-01-01T00:00:00Z";
    file.source = "data/original/old-mirror.tar.gz";
    EXPECT_EQ(days.day(file), "2025-06-20");
    EXPECT_EQ(days.datetime(file), "2025-06-20T00:00:00Z");
    Record warc;
    warc.kind = "response";
    warc.date = "2024-05-01T08:00:00Z";
    warc.source = "data/original/other.warc";
    EXPECT_EQ(days.day(warc), "2024-05-01");
    warc.source = "data/original/a.warc.gz";
    EXPECT_EQ(days.day(warc), "2025-06-28");
    EXPECT_EQ(days.datetime(warc), "2024-05-01T08:00:00Z");
}

}  // namespace
}  // namespace xasite::archive
