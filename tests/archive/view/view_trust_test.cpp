// Issue 10 ("Archives an archivist can trust"), render_view and OldUrlIndex: odd captured URLs get
// safe, bounded file names and never stop the build; attachments that could run are neutralised;
// banners show when each page was captured; the redirect tables hold every captured spelling,
// the other spelling of a trailing slash, and one archive per old host.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <stdexcept>

#include "archive/package/url.hpp"
#include "archive/view/archive_view.hpp"
#include "archive/view/view.hpp"
#include "test_package.hpp"
#include "test_support.hpp"

namespace xasite::archive {
namespace {

namespace fs = std::filesystem;

const std::string kHost = "http://eakar.daklak.gov.vn";
const std::string kPrefix = "luu-tru/huyen-ea-kar/";

bool has(const std::string& s, std::string_view needle) {
    return s.find(needle) != std::string::npos;
}

// What the build's output writer and the file system accept (generator/site/output.cpp refuses
// any "..", Linux has NAME_MAX 255 and PATH_MAX 4096).
void check_writable(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.find("..") != std::string_view::npos)
        throw std::runtime_error("refusing to write outside the output directory: " +
                                 std::string(path));
    if (path.size() > 3000) throw std::runtime_error("File name too long");
    std::size_t seg = 0;
    for (char c : path) {
        seg = c == '/' ? 0 : seg + 1;
        if (seg > 255) throw std::runtime_error("File name too long");
    }
}

struct Out {
    std::map<std::string, std::string> files;
    ViewSummary summary;
};

Out render(const PackageInfo& p, const ViewOptions& o, std::string_view fail = {}) {
    Out out;
    out.summary = render_view(
        p, o,
        [&](std::string_view path, std::string_view bytes) {
            check_writable(path);
            if (!fail.empty() && path.find(fail) != std::string_view::npos)
                throw std::runtime_error("disk full");
            out.files[std::string(path)] = std::string(bytes);
        },
        nullptr);
    return out;
}

// The files of a view written under a site folder, as the build leaves them.
void write_site(const Out& out, const fs::path& site) {
    for (const auto& [path, bytes] : out.files) {
        fs::path f = site / path;
        fs::create_directories(f.parent_path());
        std::ofstream(f, std::ios::binary) << bytes;
    }
}

ViewOptions view_options(const std::string& prefix = kPrefix) {
    ViewOptions o = testing::district_view_options();
    o.prefix = prefix;
    o.landing_href = prefix;
    return o;
}

std::string deep_path() {
    std::string p;
    for (int i = 0; i < 2000; ++i)
        p += "/cap" + std::to_string(i % 10);
    return p + "/trang.html";
}

PackageInfo odd_package(const fs::path& dir) {
    testing::PackageBuilder b(dir);
    const std::vector<std::string> odd = {"/download.aspx?file=../../web.config", "/a..b.html",
                                          "/x?a=..&b=..", deep_path(),
                                          "/" + std::string(300, 'x') + ".html"};
    std::string home = "<html><head><title>Trang chủ</title></head><body>";
    for (const auto& u : odd)
        home += "<a href=\"" + u + "\">l</a>";
    home += "<img src=\"/anh/logo.svg\"><script src=\"/js/app.js\"></script></body></html>";
    b.add(kHost + "/Default.aspx", "text/html", home, "utf-8");
    for (const auto& u : odd)
        b.add(kHost + u, "text/html", "<html><body>odd " + u.substr(0, 20) + "</body></html>",
              "utf-8");
    b.add(kHost + "/anh/logo.svg", "image/svg+xml",
          "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script>"
          "<circle r=\"3\"/></svg>");
    b.add(kHost + "/anh/xau.svg", "image/svg+xml",
          "<!DOCTYPE svg [<!ENTITY e \"x\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&e;</svg>");
    b.add(kHost + "/js/app.js", "application/javascript", "alert('archived script')");
    return b.finish();
}

TEST(ViewTrust, OddUrlsGetSafeBoundedNames) {
    xasite::testing::TempDir dir;
    PackageInfo p = odd_package(dir.path() / "651");
    Out out;
    ASSERT_NO_THROW(out = render(p, view_options()));
    // Every link of the home page leads to a file that was written.
    const std::string home_file = kPrefix + "trang/eakar.daklak.gov.vn/default.aspx.html";
    ASSERT_TRUE(out.files.count(home_file));
    const std::string& home = out.files[home_file];
    std::size_t links = 0;
    for (std::size_t at = 0; (at = home.find("<a href=\"", at)) != std::string::npos;) {
        at += 9;
        std::string href = home.substr(at, home.find('"', at) - at);
        if (href.rfind("../", 0) == 0 || has(href, "chua-luu-tru") || !has(href, ".html")) continue;
        for (std::size_t amp; (amp = href.find("&amp;")) != std::string::npos;)
            href.replace(amp, 5, "&");  // the attribute is HTML: "&" is written "&amp;"
        std::string target = kPrefix + "trang/eakar.daklak.gov.vn/" + percent_decode(href);
        EXPECT_TRUE(out.files.count(target)) << href;
        ++links;
    }
    EXPECT_EQ(links, 5u) << home;
    // The odd pages are there, with their text.
    std::size_t odd = 0;
    for (const auto& [path, bytes] : out.files)
        if (has(bytes, "odd ")) ++odd;
    EXPECT_EQ(odd, 5u);
    EXPECT_TRUE(out.summary.warnings.size() == 1u) << out.summary.warnings.size();
}

TEST(ViewTrust, OddHostNeverStopsTheView) {
    xasite::testing::TempDir dir;
    testing::PackageBuilder b(dir.path() / "651");
    b.add(kHost + "/Default.aspx", "text/html",
          "<html><body><a href=\"http://eakar..daklak.gov.vn/x.html\">x</a></body></html>",
          "utf-8");
    b.add("http://eakar..daklak.gov.vn/x.html", "text/html", "<html><body>ODDHOST</body></html>",
          "utf-8");
    PackageInfo p = b.finish();
    Out out;
    ASSERT_NO_THROW(out = render(p, view_options()));
    std::size_t odd = 0;
    for (const auto& [path, bytes] : out.files)
        if (has(bytes, "<body><div class=\"xa-archive-banner\"") && has(bytes, "ODDHOST")) {
            ++odd;
            EXPECT_TRUE(has(path, "/~/")) << path;  // the host's name is not used in a file name
        }
    EXPECT_EQ(odd, 1u);
}

TEST(ViewTrust, ScriptsAndSvgAttachmentsCannotRun) {
    xasite::testing::TempDir dir;
    PackageInfo p = odd_package(dir.path() / "651");
    Out out = render(p, view_options());
    const std::string svg = kPrefix + "trang/eakar.daklak.gov.vn/anh/logo.svg";
    ASSERT_TRUE(out.files.count(svg));
    EXPECT_FALSE(has(out.files[svg], "alert")) << out.files[svg];
    EXPECT_TRUE(has(out.files[svg], "<circle r=\"3\"/>"));
    const std::string ugly = kPrefix + "trang/eakar.daklak.gov.vn/anh/xau.svg";
    ASSERT_TRUE(out.files.count(ugly));
    EXPECT_FALSE(has(out.files[ugly], "ENTITY"));
    ASSERT_EQ(out.summary.warnings.size(), 1u);
    EXPECT_TRUE(has(out.summary.warnings[0], kHost + "/anh/xau.svg: an SVG file that cannot"))
        << out.summary.warnings[0];
    // A captured script never reaches the view (the CSP's script-src 'self' finds none there).
    for (const auto& [path, bytes] : out.files)
        EXPECT_FALSE(has(path, "app.js")) << path;
}

TEST(ViewTrust, OneFailingCaptureIsLeftOutWithAWarning) {
    xasite::testing::TempDir dir;
    PackageInfo p = odd_package(dir.path() / "651");
    Out out;
    ASSERT_NO_THROW(out = render(p, view_options(), "a..b"));  // nothing is named like it now
    out = render(p, view_options(), "anh/logo.svg");
    EXPECT_FALSE(out.files.count(kPrefix + "trang/eakar.daklak.gov.vn/anh/logo.svg"));
    bool warned = false;
    for (const auto& w : out.summary.warnings)
        warned = warned || (has(w, kHost + "/anh/logo.svg: left out of the view (disk full)"));
    EXPECT_TRUE(warned);
    EXPECT_FALSE(has(out.files[kPrefix + "muc-luc/index.html"], "/anh/logo.svg"));
    EXPECT_TRUE(out.files.count(kPrefix + "chuyen-huong/nginx.conf"));
}

TEST(ViewTrust, BannersShowTheCaptureDate) {
    xasite::testing::TempDir dir;
    testing::PackageBuilder b(dir.path() / "651");
    b.add(kHost + "/warc.html", "text/html", "<html><body>warc</body></html>", "utf-8").date =
        "2025-06-18T07:00:00Z";
    // Mirror members: their time is the file's (the old server's Last-Modified), not the crawl's.
    Record& m = b.add(kHost + "/mirror.html", "text/html", "<html><body>m</body></html>", "utf-8");
    m.kind = "file";
    m.date = "2019-03-04T10:00:00Z";
    m.source = "data/original/mirror.tar.gz";
    Record& n = b.add(kHost + "/other.html", "text/html", "<html><body>n</body></html>", "utf-8");
    n.kind = "file";
    n.date = "2018-01-01T00:00:00Z";
    n.source = "data/original/old-mirror.tar.gz";
    b.sources().push_back({{"path", "data/original/mirror.tar.gz"}, {"captured", "2025-06-27"}});
    PackageInfo p = b.finish();
    Out out = render(p, view_options());
    auto page = [&](const std::string& name) {
        return out.files[kPrefix + "trang/eakar.daklak.gov.vn/" + name];
    };
    EXPECT_TRUE(has(page("warc.html"), "Nội dung được lưu lại ngày 18/6/2025"));
    EXPECT_TRUE(has(page("mirror.html"), "Nội dung được lưu lại ngày 27/6/2025"));
    EXPECT_TRUE(has(page("other.html"), "Nội dung được lưu lại ngày 20/6/2025"));  // package's
    EXPECT_FALSE(has(page("mirror.html"), "2019"));
}

// A capture cut short or damaged when it was read (Record::truncated: a lying Content-Length, a
// corrupt gzip member, the end of the file) is still shown, and its banner says it is incomplete;
// a complete one's does not.
TEST(ViewTrust, IncompleteCapturesSaySo) {
    xasite::testing::TempDir dir;
    testing::PackageBuilder b(dir.path() / "651");
    b.add(kHost + "/du.html", "text/html", "<html><body>đủ</body></html>", "utf-8");
    b.add(kHost + "/cut.html", "text/html", "<html><body>phần đầu", "utf-8").truncated = true;
    Out out = render(b.finish(), view_options());
    const std::string cut = out.files[kPrefix + "trang/eakar.daklak.gov.vn/cut.html"];
    const std::string whole = out.files[kPrefix + "trang/eakar.daklak.gov.vn/du.html"];
    EXPECT_TRUE(has(cut, "Bản lưu không đầy đủ:")) << cut;
    EXPECT_TRUE(has(cut, "phần đầu"));
    EXPECT_FALSE(has(whole, "Bản lưu không đầy đủ"));
}

TEST(ViewTrust, RedirectTablesHoldEverySpellingAndTheOtherSlash) {
    xasite::testing::TempDir dir;
    testing::PackageBuilder b(dir.path() / "651");
    for (int id = 101; id <= 104; ++id)
        b.add(kHost + "/Default.aspx?tabid=55&ID=" + std::to_string(id), "text/html",
              "<html><body>" + std::to_string(id) + "</body></html>", "utf-8");
    // The same page captured again with the parameters in the other order.
    b.add(kHost + "/Default.aspx?ID=103&tabid=55", "text/html", "<html><body>103</body></html>",
          "utf-8");
    b.add(kHost + "/tin-cu", "text/html", "<html><body>tin cũ</body></html>", "utf-8");
    b.add(kHost + "/thu-muc/", "text/html", "<html><body>thư mục</body></html>", "utf-8");
    PackageInfo p = b.finish();
    Out out = render(p, view_options());
    const std::string conf = out.files[kPrefix + "chuyen-huong/nginx.conf"];
    for (int id = 101; id <= 104; ++id) {
        std::string target = "\"/" + kPrefix +
                             "trang/eakar.daklak.gov.vn/default.aspx@id=" + std::to_string(id) +
                             "&tabid=55.html\";";
        EXPECT_TRUE(has(conf, "\"/Default.aspx?tabid=55&ID=" + std::to_string(id) + "\" " + target))
            << id << conf;
        EXPECT_TRUE(has(conf, "\"/Default.aspx?ID=" + std::to_string(id) + "&tabid=55\" " + target))
            << id;
    }
    EXPECT_TRUE(
        has(conf, "\"/tin-cu/\" \"/" + kPrefix + "trang/eakar.daklak.gov.vn/tin-cu.html\";"))
        << conf;
    EXPECT_TRUE(
        has(conf, "\"/thu-muc\" \"/" + kPrefix + "trang/eakar.daklak.gov.vn/thu-muc/index.html\";"))
        << conf;
    // `xasite serve` the same.
    xasite::testing::TempDir site;
    write_site(out, site.path());
    OldUrlIndex idx = OldUrlIndex::load(site.path() / "luu-tru");
    EXPECT_EQ(idx.find(kHost + "/tin-cu/"),
              "/" + kPrefix + "trang/eakar.daklak.gov.vn/tin-cu.html");
    EXPECT_EQ(idx.find(kHost + "/thu-muc"),
              "/" + kPrefix + "trang/eakar.daklak.gov.vn/thu-muc/index.html");
    EXPECT_TRUE(idx.warnings().empty());
}

TEST(ViewTrust, TwoArchivesClaimingOneHostAreNamed) {
    xasite::testing::TempDir dir, site;
    // Ea Kar's own portal, and a small package of another district that caught one of its pages.
    write_site(render(testing::district_portal(dir.path() / "651"), view_options()), site.path());
    testing::PackageBuilder other(dir.path() / "650");
    other.unit().code = "650";
    other.unit().name = "Huyện Cư M'gar";
    other.add(kHost + "/lac.html", "text/html", "<html><body>lạc</body></html>", "utf-8");
    write_site(render(other.finish(), view_options("luu-tru/a-huyen-cu-mgar/")), site.path());
    OldUrlIndex idx = OldUrlIndex::load(site.path() / "luu-tru");
    ASSERT_EQ(idx.warnings().size(), 1u);
    const std::string& w = idx.warnings()[0];
    EXPECT_TRUE(has(w, "eakar.daklak.gov.vn")) << w;
    EXPECT_TRUE(has(w, "a-huyen-cu-mgar (650)")) << w;
    EXPECT_TRUE(has(w, "huyen-ea-kar (651)")) << w;
    EXPECT_TRUE(has(w, "redirects to huyen-ea-kar (651)")) << w;
    EXPECT_EQ(idx.find(kHost + "/khong-co.aspx"), "/" + kPrefix);  // Ea Kar's landing page
    EXPECT_EQ(idx.find(kHost + "/lac.html"), "/" + kPrefix);
}

// Issue 10, item 1: ASP.NET pagination (postback links, disabled) is not shown struck through,
// and archived form controls without a name get one.
TEST(ViewTrust, PostbackLinksNotStruckThrough) {
    std::string css = ViewChrome::banner_css();
    EXPECT_FALSE(has(css, "line-through")) << css;
    EXPECT_TRUE(has(css, "[data-archive-disabled] { cursor: not-allowed; }"));
}

}  // namespace
}  // namespace xasite::archive
