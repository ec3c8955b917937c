// render_view on a synthetic package: the files written, the banner, link rewriting, safety,
// charsets, attachments, the index feed, the redirect maps, determinism and internal links.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "archive/package/url.hpp"
#include "archive/view/archive_view.hpp"
#include "archive/view/view.hpp"
#include "core/text.hpp"
#include "test_package.hpp"
#include "test_support.hpp"

namespace xasite::archive {
namespace {

struct Rendered {
    std::map<std::string, std::string> files;
    std::vector<ArchivedItem> items;
    ViewSummary summary;
};

Rendered render(const PackageInfo& p, const ViewOptions& o) {
    Rendered r;
    r.summary = render_view(
        p, o,
        [&](std::string_view path, std::string_view bytes) {
            EXPECT_TRUE(r.files.emplace(std::string(path), std::string(bytes)).second) << path;
        },
        [&](const ArchivedItem& item) { r.items.push_back(item); });
    return r;
}

bool has(const std::string& s, std::string_view needle) {
    return s.find(needle) != std::string::npos;
}

const std::string kHome = "luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/default.aspx.html";
const std::string kArticle =
    "luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/default.aspx@id=101&tabid=55.html";

class ViewTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new xasite::testing::TempDir();
        package_ = new PackageInfo(testing::district_portal(dir_->path() / "651"));
        out_ = new Rendered(render(*package_, testing::district_view_options()));
    }
    static void TearDownTestSuite() {
        delete out_;
        delete package_;
        delete dir_;
    }
    const std::string& file(const std::string& path) {
        auto it = out_->files.find(path);
        if (it == out_->files.end()) {
            ADD_FAILURE() << "not written: " << path;
            static const std::string none;
            return none;
        }
        return it->second;
    }
    static xasite::testing::TempDir* dir_;
    static PackageInfo* package_;
    static Rendered* out_;
};
xasite::testing::TempDir* ViewTest::dir_ = nullptr;
PackageInfo* ViewTest::package_ = nullptr;
Rendered* ViewTest::out_ = nullptr;

TEST_F(ViewTest, WritesTheExpectedFiles) {
    std::set<std::string> names;
    for (const auto& [k, v] : out_->files)
        names.insert(k);
    for (const std::string& f : std::vector<std::string>{
             kHome, kArticle,
             std::string("luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/portals/0/qd-15.pdf"),
             std::string("luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/portals/style.css"),
             std::string("luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/portals/logo.gif"),
             std::string("luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/old.aspx.html"),
             std::string("luu-tru/huyen-ea-kar/muc-luc/index.html"),
             std::string("luu-tru/huyen-ea-kar/chua-luu-tru/index.html"),
             std::string("luu-tru/huyen-ea-kar/giao-dien/luu-tru.css"),
             std::string("luu-tru/huyen-ea-kar/chuyen-huong/index.html"),
             std::string("luu-tru/huyen-ea-kar/chuyen-huong/index.json"),
             std::string("luu-tru/huyen-ea-kar/chuyen-huong/nginx.conf"),
             std::string("luu-tru/huyen-ea-kar/chuyen-huong/eakar.daklak.gov.vn.csv"),
             std::string("luu-tru/huyen-ea-kar/chuyen-huong/eakar.daklak.gov.vn.map")})
        EXPECT_TRUE(names.count(f)) << f;
    for (const auto& n : names)
        EXPECT_FALSE(n.size() > 3 && n.substr(n.size() - 3) == ".js")
            << "a script reached the view: " << n;
    EXPECT_EQ(out_->summary.pages, 2u);
    EXPECT_EQ(out_->summary.files, 3u);
    EXPECT_EQ(out_->summary.redirects, 2u);
}

TEST_F(ViewTest, BannerOnEveryPage) {
    const std::string& home = file(kHome);
    EXPECT_TRUE(has(home, "Trang lưu trữ của Huyện Ea Kar đã kết thúc hoạt động từ 01/7/2025"))
        << home;
    EXPECT_TRUE(has(home, "data-archive-banner lang=\"vi\" role=\"region\""));
    EXPECT_TRUE(has(home, "<span class=\"xa-archive-badge\">Đã dừng hoạt động</span>"));
    EXPECT_TRUE(has(home, "href=\"../../\">Giới thiệu bản lưu trữ</a>")) << home;
    EXPECT_TRUE(has(home, "href=\"../../../../xa-ea-kar/\">Xã Ea Kar</a>")) << home;
    EXPECT_TRUE(has(home, "Xã Ea Knốp")) << "successor without a site shown as text";
    EXPECT_TRUE(has(home, "ngày 20/6/2025"));
    EXPECT_TRUE(has(file(kArticle), "data-archive-banner"));
}

TEST_F(ViewTest, CharsetsDecodedToNfc) {
    const std::string& home = file(kHome);
    EXPECT_TRUE(has(home, "<title>Trang chủ Huyện Ea Kar</title>")) << home;
    EXPECT_TRUE(has(home, "Quyết định về việc"));
    EXPECT_TRUE(has(home, "charset=utf-8"));
    EXPECT_FALSE(has(home, "windows-1258"));
    EXPECT_TRUE(text::is_nfc(home));
    const std::string& art = file(kArticle);
    EXPECT_TRUE(has(art, "Quyết định số 15 của Huyện Ea Kar")) << art;
    EXPECT_TRUE(has(art, "HUYỆN")) << art;
    EXPECT_FALSE(has(art, ".VnTime")) << art;
    EXPECT_TRUE(text::is_valid_utf8(art));
}

TEST_F(ViewTest, LinksRewrittenInsideTheArchive) {
    const std::string& home = file(kHome);
    // Both spellings of the query-string URL go to the one page; the fragment is kept.
    EXPECT_TRUE(has(home, "href=\"default.aspx@id=101&amp;tabid=55.html\">Quyết")) << home;
    EXPECT_TRUE(has(home, "href=\"default.aspx@id=101&amp;tabid=55.html#doan-2\">same page"))
        << home;
    EXPECT_TRUE(has(home, "href=\"portals/0/qd-15.pdf\">PDF")) << home;
    // A link to a captured redirect goes straight to its target.
    EXPECT_TRUE(has(home, "href=\"default.aspx@id=101&amp;tabid=55.html\">old")) << home;
    EXPECT_TRUE(has(home, "href=\"../../chua-luu-tru/index.html\" data-archive-missing=")) << home;
    EXPECT_TRUE(has(home, "href=\"https://chinhphu.vn/\""));
    EXPECT_TRUE(has(home, "href=\"portals/style.css\"")) << home;
    EXPECT_TRUE(has(home, "src=\"portals/logo.gif\"")) << home;
    EXPECT_FALSE(has(home, "eakar.daklak.gov.vn/Portals")) << "a link to the dead domain is left";
    EXPECT_TRUE(has(file(kArticle), "href=\"default.aspx.html\">home")) << file(kArticle);
    const std::string& css =
        file("luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/portals/style.css");
    EXPECT_TRUE(has(css, "url(\"logo.gif\")")) << css;
    EXPECT_TRUE(has(css, "url(\"../../../chua-luu-tru/index.html\")")) << css;
}

TEST_F(ViewTest, RedirectPages) {
    const std::string& inside =
        file("luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/old.aspx.html");
    EXPECT_TRUE(has(
        inside,
        "<meta http-equiv=\"refresh\" content=\"0;url=default.aspx@id=101&amp;tabid=55.html\">"))
        << inside;
    const std::string& out =
        file("luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/cong-moi.aspx.html");
    EXPECT_FALSE(has(out, "http-equiv=\"refresh\"")) << out;
    EXPECT_TRUE(has(out, "<a href=\"https://daklak.gov.vn/\">https://daklak.gov.vn/</a>")) << out;
}

TEST_F(ViewTest, NothingRunsInTheView) {
    for (const auto& [name, body] : out_->files) {
        if (name.size() < 5 || name.substr(name.size() - 5) != ".html") continue;
        std::string low = text::lower(body);
        EXPECT_FALSE(has(low, "<script")) << name;
        EXPECT_FALSE(has(low, "javascript:")) << name;
        EXPECT_FALSE(has(low, "onload=")) << name;
        EXPECT_FALSE(has(low, "method=\"post\"")) << name;
    }
    const std::string& home = file(kHome);
    EXPECT_TRUE(has(home, "data-archive-disabled=\"postback\""));
    EXPECT_TRUE(has(home, "data-archive-disabled=\"form\""));
    EXPECT_TRUE(has(home, "Biểu mẫu này không hoạt động trong bản lưu trữ"));
    EXPECT_TRUE(has(home,
                    "<input name=\"q\" disabled title=\"Ô nhập của trang gốc (đã tắt trong bản "
                    "lưu trữ)\">"));
}

TEST_F(ViewTest, AttachmentsKeepTheirBytesAndType) {
    const std::string& pdf =
        file("luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/portals/0/qd-15.pdf");
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    const std::string& gif =
        file("luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/portals/logo.gif");
    EXPECT_EQ(gif.size(), 14u);
}

TEST_F(ViewTest, IndexFeed) {
    std::map<std::string, ArchivedItem> by_url;
    for (const auto& i : out_->items)
        by_url[i.url] = i;
    ASSERT_EQ(by_url.size(), 3u);
    const auto& home = by_url.at(kHome);
    EXPECT_EQ(home.title, "Trang chủ Huyện Ea Kar");
    EXPECT_EQ(home.original_url, "http://eakar.daklak.gov.vn/Default.aspx");
    EXPECT_EQ(home.content_type, "text/html");
    EXPECT_EQ(home.date, "2025-06-20");
    EXPECT_TRUE(has(home.text, "Quyết định về việc")) << home.text;
    EXPECT_FALSE(has(home.text, "Trang lưu trữ")) << "the banner is not indexed";
    EXPECT_FALSE(has(home.text, "document.write"));
    const auto& art = by_url.at(kArticle);
    EXPECT_TRUE(has(art.text, "Quyết định số 15 của Huyện Ea Kar")) << art.text;
    const auto& pdf =
        by_url.at("luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/portals/0/qd-15.pdf");
    EXPECT_EQ(pdf.content_type, "application/pdf");
    EXPECT_TRUE(has(pdf.text, "Quyet dinh so 15")) << pdf.text;
    EXPECT_EQ(pdf.title, "QD 15");
    for (const auto& i : out_->items) {
        EXPECT_TRUE(text::is_nfc(i.text));
        EXPECT_TRUE(text::is_nfc(i.title));
    }
}

TEST_F(ViewTest, RedirectMaps) {
    const std::string& csv = file("luu-tru/huyen-ea-kar/chuyen-huong/eakar.daklak.gov.vn.csv");
    EXPECT_TRUE(has(csv, "old_url,archive_url\n"));
    EXPECT_TRUE(has(csv, "/Default.aspx?tabid=55&ID=101,/" + kArticle + "\n")) << csv;
    EXPECT_TRUE(has(csv, "/Default.aspx?ID=101&tabid=55,/" + kArticle + "\n")) << csv;
    EXPECT_TRUE(has(csv, "/old.aspx,/" + kArticle + "\n")) << csv;
    EXPECT_FALSE(has(csv, "app.js"));
    const std::string& map = file("luu-tru/huyen-ea-kar/chuyen-huong/eakar.daklak.gov.vn.map");
    EXPECT_TRUE(has(map, "\"/Default.aspx\" \"/" + kHome + "\";")) << map;
    const std::string& conf = file("luu-tru/huyen-ea-kar/chuyen-huong/nginx.conf");
    EXPECT_TRUE(has(conf, "server_name eakar.daklak.gov.vn www.eakar.daklak.gov.vn;")) << conf;
    EXPECT_TRUE(has(conf, "return 301 https://daklak.gov.vn$xasite_archive_eakar_daklak_gov_vn;"))
        << conf;
    // The map's entries are in the file itself (an include is read from nginx's prefix).
    EXPECT_FALSE(has(conf, "    include ")) << conf;
    EXPECT_TRUE(has(conf, "    \"/Default.aspx?tabid=55&ID=101\" \"/" + kArticle + "\";\n"))
        << conf;
    EXPECT_TRUE(has(conf, "    \"/Default.aspx?ID=101&tabid=55\" \"/" + kArticle + "\";\n"))
        << conf;
    // The archive's CSP, the one `xasite serve` sends, active in the site's server block.
    const std::string& loc = file("luu-tru/huyen-ea-kar/chuyen-huong/nginx-location.conf");
    EXPECT_TRUE(has(loc, "location ^~ /luu-tru/huyen-ea-kar/ {\n")) << loc;
    EXPECT_TRUE(has(loc, "\n    add_header Content-Security-Policy \"" +
                             std::string(archive_content_security_policy()) + "\" always;\n"))
        << loc;
    EXPECT_TRUE(has(loc, "\n    add_header X-Content-Type-Options \"nosniff\" always;\n"));
    auto meta = nlohmann::json::parse(file("luu-tru/huyen-ea-kar/chuyen-huong/index.json"));
    EXPECT_EQ(meta["landing"], "/luu-tru/huyen-ea-kar/");
    EXPECT_EQ(meta["hosts"][0]["case_insensitive"], true);
}

TEST_F(ViewTest, ContentsAndNotArchivedPages) {
    const std::string& toc = file("luu-tru/huyen-ea-kar/muc-luc/index.html");
    EXPECT_TRUE(has(toc, "<html lang=\"vi\">"));
    EXPECT_TRUE(has(toc, "gồm 2 trang và 3 tệp")) << toc;
    EXPECT_TRUE(has(toc,
                    "href=\"../trang/eakar.daklak.gov.vn/"
                    "default.aspx@id=101&amp;tabid=55.html\">Quyet dinh 15</a>"))
        << toc;
    EXPECT_TRUE(has(toc, "name=\"old_unit\" value=\"651\""));
    EXPECT_TRUE(has(toc, "action=\"../../../tra-cuu/\""));
    EXPECT_FALSE(has(toc, "<span class=\"xa-archive-url\"></span>"))
        << "empty address in the banner";
    const std::string& na = file("luu-tru/huyen-ea-kar/chua-luu-tru/index.html");
    EXPECT_TRUE(has(na, "<h1>Chưa được lưu trữ</h1>"));
}

// Every relative link of every written HTML/CSS file resolves to a written file, or leaves the
// view for the landing page and the successors' sites.
TEST_F(ViewTest, NoBrokenInternalLinks) {
    std::set<std::string> allowed_outside = {"luu-tru/huyen-ea-kar/", "xa-ea-kar/", "tra-cuu/"};
    for (const auto& [name, body] : out_->files) {
        bool html = name.size() > 5 && name.substr(name.size() - 5) == ".html";
        if (!html) continue;
        std::string dir = name.substr(0, name.rfind('/') + 1);
        for (const std::string& attr : std::vector<std::string>{"href=\"", "src=\"", "action=\""}) {
            for (auto p = body.find(attr); p != std::string::npos; p = body.find(attr, p + 1)) {
                if (p > 0 && body[p - 1] != ' ') continue;
                auto b = p + attr.size();
                std::string v = body.substr(b, body.find('"', b) - b);
                if (v.empty() || v[0] == '#' || has(v, ":")) continue;
                // &amp; → &, fragment dropped, percent-decoded, resolved.
                for (auto a = v.find("&amp;"); a != std::string::npos; a = v.find("&amp;", a + 1))
                    v.erase(a + 1, 4);
                v = v.substr(0, v.find('#'));
                auto base = parse_absolute_url("http://x/" + dir);
                auto target = resolve_url(*base, v);
                ASSERT_TRUE(target) << name << ": " << v;
                std::string path = percent_decode(target->path.substr(1));
                if (allowed_outside.count(path)) continue;
                if (!path.empty() && path.back() == '/') path += "index.html";
                EXPECT_TRUE(out_->files.count(path)) << name << " links to " << v << " → " << path;
            }
        }
    }
}

TEST_F(ViewTest, RebuildIsByteIdentical) {
    Rendered again = render(*package_, testing::district_view_options());
    EXPECT_EQ(again.files, out_->files);
}

// The view names no section folder of the site: the search page is the caller's (and none means
// no search form).
TEST_F(ViewTest, SearchPageIsAnOption) {
    ViewOptions o = testing::district_view_options();
    o.search_href = "tim-kiem/";
    Rendered other = render(*package_, o);
    const std::string& toc = other.files.at("luu-tru/huyen-ea-kar/muc-luc/index.html");
    EXPECT_TRUE(has(toc, "action=\"../../../tim-kiem/\"")) << toc;
    EXPECT_FALSE(has(toc, "tra-cuu"));
    o.search_href.clear();
    Rendered none = render(*package_, o);
    for (const char* f : {"luu-tru/huyen-ea-kar/muc-luc/index.html",
                          "luu-tru/huyen-ea-kar/chua-luu-tru/index.html"}) {
        EXPECT_FALSE(has(none.files.at(f), "xa-archive-search")) << f;
        EXPECT_TRUE(has(out_->files.at(f), "xa-archive-search")) << f;
    }
}

TEST(View, DatesInAdministrativeStyle) {
    EXPECT_EQ(date_vi_admin("2025-07-01"), "01/7/2025");
    EXPECT_EQ(date_vi_admin("2025-02-09"), "09/02/2025");
    EXPECT_EQ(date_vi_admin("2025-12-31"), "31/12/2025");
    EXPECT_EQ(date_vi_admin("soon"), "soon");
}

// Issue 10: the archive's search form (to the site's search page) and the site's text-size
// script work under the archive's CSP; nothing inline or from elsewhere runs, no plugin.
TEST(View, CspAllowsTheSiteButNoArchivedScript) {
    std::string csp = archive_content_security_policy();
    EXPECT_TRUE(has(csp, "script-src 'self';"));
    EXPECT_TRUE(has(csp, "form-action 'self';"));
    EXPECT_TRUE(has(csp, "object-src 'none'"));
    EXPECT_TRUE(has(csp, "base-uri 'none'"));
    EXPECT_FALSE(has(csp, "unsafe-eval"));
    EXPECT_FALSE(has(csp, "script-src 'self' 'unsafe-inline'"));
    EXPECT_FALSE(has(csp, "data: ;"));
    auto script_src = csp.substr(csp.find("script-src"));
    script_src = script_src.substr(0, script_src.find(';'));
    EXPECT_EQ(script_src, "script-src 'self'");
}

TEST(View, MalformedPackageNamesTheFile) {
    xasite::testing::TempDir dir;
    PackageInfo p = testing::district_portal(dir.path() / "651");
    std::ofstream(p.dir / "data/metadata/records.jsonl", std::ios::app) << "{not json\n";
    try {
        render_view(
            p, testing::district_view_options(), [](std::string_view, std::string_view) {},
            [](const ArchivedItem&) {});
        FAIL() << "no error";
    } catch (const std::exception& e) {
        EXPECT_TRUE(has(e.what(), "records.jsonl")) << e.what();
    }
}

TEST(View, MissingPayloadIsAnError) {
    xasite::testing::TempDir dir;
    PackageInfo p = testing::district_portal(dir.path() / "651");
    std::filesystem::remove(p.dir / "data/records/00/r0");
    EXPECT_THROW(render_view(
                     p, testing::district_view_options(), [](std::string_view, std::string_view) {},
                     nullptr),
                 std::exception);
}

}  // namespace
}  // namespace xasite::archive
