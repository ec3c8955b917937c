// End-to-end: build real units from the default content and check the output.
#include <gtest/gtest.h>

#include <sstream>

#include "core/files.hpp"
#include "e2e_support.hpp"
#include "generator/check/link_checker.hpp"
#include "generator/site/build.hpp"
#include "generator/site/catalog.hpp"
#include "search/index.hpp"
#include "search/searcher.hpp"

using namespace xasite;
using xasite::testing::contains;
namespace fs = std::filesystem;

namespace {

// Three units of different kinds: a phường formed with partial predecessors (Tuy Hòa), a merged xã
// (Ea Kar), a xã that was not rearranged (Ea H'Leo).
const std::vector<std::string> kUnits = {"22015", "24373", "24184"};

class ThreeUnitBuild : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new xasite::testing::TempDir();
        site::BuildOptions o;
        o.content_dir = xasite::testing::content_dir();
        o.out_dir = dir_->path() / "site";
        o.units = kUnits;
        o.quiet = true;
        o.background_cleanup = false;
        summary_ = site::build_site(o);
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static fs::path site() { return dir_->path() / "site"; }
    static std::string page(const std::string& rel) { return read_file(site() / rel); }
    static xasite::testing::TempDir* dir_;
    static site::BuildSummary summary_;
};
xasite::testing::TempDir* ThreeUnitBuild::dir_ = nullptr;
site::BuildSummary ThreeUnitBuild::summary_;

}  // namespace

TEST_F(ThreeUnitBuild, WritesEverySiteAndTheProvinceEntry) {
    EXPECT_EQ(summary_.units, 3u);
    for (const char* f : {"index.html", "tra-cuu-don-vi/index.html", "trung-tam-phuc-vu/index.html",
                          "luu-tru/index.html", "luu-tru/huyen-ea-kar/index.html", "404.html",
                          "robots.txt", "sitemap.xml", "assets/style.css"})
        EXPECT_TRUE(fs::exists(site() / f)) << f;
    for (const char* unit : {"phuong-tuy-hoa", "xa-ea-kar", "xa-ea-hleo"}) {
        for (const char* f : {"index.html",
                              "gioi-thieu/index.html",
                              "thu-tuc/index.html",
                              "van-ban/index.html",
                              "tin-tuc/index.html",
                              "lien-he/index.html",
                              "tra-cuu/index.html",
                              "so-do-trang/index.html",
                              "sitemap.xml",
                              "feed.xml",
                              "robots.txt",
                              "404.html",
                              "lich-cong-tac/index.html",
                              "cong-khai/index.html",
                              "du-lieu/thu-tuc.csv",
                              "du-lieu/thu-tuc.json",
                              "assets/style.css",
                              "assets/print.css",
                              "thu-tuc/1.001193.html",
                              "thu-tuc/linh-vuc/ho-tich/index.html"})
            EXPECT_TRUE(fs::exists(site() / unit / f)) << unit << "/" << f;
    }
    // Every procedure the catalogue lists for communes has a page on each commune site (1,039 of
    // the 1,518 records: procedure-scope.json sends customs, tax, border-guard… to the province
    // site and drops other provinces' copies), and each of those the province keeps has one there.
    const auto content = content::Content::load(xasite::testing::content_dir());
    const site::Catalog cat = site::Catalog::build(content, content.build_date());
    std::size_t procedure_pages = 0, province_pages = 0;
    for (const auto& e : fs::directory_iterator(site() / "xa-ea-kar/thu-tuc"))
        if (e.path().extension() == ".html" && e.path().filename() != "index.html")
            ++procedure_pages;
    for (const auto& e : fs::directory_iterator(site() / "thu-tuc"))
        if (e.path().extension() == ".html" && e.path().filename() != "index.html")
            ++province_pages;
    EXPECT_EQ(procedure_pages, cat.listed.size() + cat.retired.size());
    EXPECT_EQ(province_pages, cat.not_listed.size());
    EXPECT_GT(cat.listed.size(), 1000u);
    EXPECT_LT(cat.listed.size(), 1200u);
    EXPECT_GT(summary_.pages, 3 * 1300u);
}

TEST_F(ThreeUnitBuild, CheckFindsNoBrokenLinksOrMissingBasics) {
    check::Report report = check::check_site(site());
    for (const auto& p : report.problems)
        ADD_FAILURE() << p.page << ": " << p.kind << ": " << p.detail;
    EXPECT_EQ(report.pages, summary_.pages);
    EXPECT_GT(report.links, 100000u);
}

TEST_F(ThreeUnitBuild, ProcedurePageShowsEveryComponentOfAFullRecord) {
    std::string html = page("xa-ea-kar/thu-tuc/1.001193.html");
    EXPECT_TRUE(contains(html, "<html lang=\"vi\">"));
    EXPECT_TRUE(contains(html, "<h1>Thủ tục đăng ký khai sinh</h1>"));
    for (const char* section :
         {"Trình tự thực hiện", "Cách thức thực hiện, thời hạn giải quyết, phí và lệ phí",
          "Thành phần, số lượng hồ sơ", "Căn cứ pháp lý", "Nguồn thông tin"})
        EXPECT_TRUE(contains(html, section)) << section;
    EXPECT_TRUE(contains(html, "<h3>Giấy tờ phải nộp</h3>"));
    EXPECT_TRUE(contains(html, "<h3>Giấy tờ phải xuất trình</h3>"));
    EXPECT_FALSE(contains(html, "* Giấy tờ phải nộp:"));
    EXPECT_TRUE(contains(html, ">Trực tuyến</th>"));
    EXPECT_TRUE(contains(html, "Không phụ thuộc địa giới hành chính"));
    EXPECT_TRUE(contains(html, "https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/1.001193"));
    EXPECT_TRUE(contains(html, "Trung tâm Phục vụ hành chính công xã Ea Kar"));
    EXPECT_TRUE(contains(html, "<meta name=\"DC.title\" content=\"Thủ tục đăng ký khai sinh\">"));
    EXPECT_TRUE(contains(html,
                         "<meta property=\"og:url\" "
                         "content=\"https://daklak.gov.vn/xa-ea-kar/thu-tuc/1.001193.html\">"));
    // The same record on another commune's site names that commune's centre.
    EXPECT_TRUE(contains(page("phuong-tuy-hoa/thu-tuc/1.001193.html"),
                         "Trung tâm Phục vụ hành chính công phường Tuy Hòa"));
}

TEST_F(ThreeUnitBuild, CatalogOnlyRecordSaysSoAndLinksThePortal) {
    std::string html = page("xa-ea-kar/thu-tuc/1.000080.html");
    EXPECT_TRUE(contains(html, "notice-catalog"));
    EXPECT_TRUE(contains(html, "https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/1.000080"));
    EXPECT_FALSE(contains(html, "Trình tự thực hiện"));
    // The summary says plainly what the page does not have, and where to find it.
    EXPECT_TRUE(contains(html, "Trang này chưa có thành phần hồ sơ"));
}

TEST_F(ThreeUnitBuild, ProcedurePageAnswersFirstWithItsOwnDates) {
    std::string html = page("xa-ea-kar/thu-tuc/1.001193.html");
    const auto summary = html.find("class=\"procedure-summary\"");
    ASSERT_NE(summary, std::string::npos);
    EXPECT_LT(summary, html.find("id=\"general\""));  // before the details
    for (const char* part : {"data-summary=\"papers\"", "data-summary=\"fee\"",
                             "data-summary=\"time\"", "data-summary=\"where\""})
        EXPECT_TRUE(contains(html, part)) << part;
    EXPECT_TRUE(contains(html, "1 ngày làm việc"));  // the unit the record states, not "1"
    EXPECT_TRUE(contains(html, "Giấy chứng sinh"));
    // Ngày đăng is the publishing decision's date, Cập nhật the record's; never the build date.
    EXPECT_TRUE(contains(html, "<time datetime=\"2019-07-31\">"));
    EXPECT_TRUE(contains(html, "<time datetime=\"2026-04-15\">"));
    // Provenance is folded away, and wraps.
    EXPECT_TRUE(contains(html, "<details class=\"provenance\">"));
    // schema.org GovernmentService for this commune.
    EXPECT_TRUE(contains(html, "\"@type\":\"GovernmentService\""));
    EXPECT_TRUE(contains(html, "\"identifier\":\"1.001193\""));
    // The printable notice, with a QR code to this commune's page.
    std::string notice = page("xa-ea-kar/thu-tuc/ban-in/1.001193.html");
    EXPECT_TRUE(contains(notice, "<svg"));
    EXPECT_TRUE(contains(notice, "https://daklak.gov.vn/xa-ea-kar/thu-tuc/1.001193.html"));
    EXPECT_TRUE(contains(notice, "Trung tâm Phục vụ hành chính công xã Ea Kar"));
}

TEST_F(ThreeUnitBuild, ProceduresCommuneCentresDoNotReceiveAreOnTheProvinceSite) {
    // Customs (1.000005) leaves the commune sites and gets a province page saying who receives it.
    EXPECT_FALSE(fs::exists(site() / "xa-ea-kar/thu-tuc/1.000005.html"));
    std::string html = page("thu-tuc/1.000005.html");
    EXPECT_TRUE(contains(html, "Không tiếp nhận tại Trung tâm Phục vụ hành chính công cấp xã"));
    EXPECT_TRUE(contains(html, "Chi cục Hải quan"));
    // Other provinces' copies are published nowhere; the review page lists them.
    EXPECT_FALSE(fs::exists(site() / "xa-ea-kar/thu-tuc/1.014194.html"));
    EXPECT_FALSE(fs::exists(site() / "thu-tuc/1.014194.html"));
    std::string review = page("thu-tuc/index.html");
    EXPECT_TRUE(contains(review, "1.014194"));
    EXPECT_TRUE(contains(review, "1.0133611"));
    EXPECT_TRUE(contains(review, "id=\"trung-ten\""));
    // The commune field list carries no customs procedure.
    EXPECT_FALSE(fs::exists(site() / "xa-ea-kar/thu-tuc/linh-vuc/hai-quan"));
}

TEST_F(ThreeUnitBuild, TheReformIsCitedByTheActsThatMadeIt) {
    std::string home = page("index.html");
    EXPECT_TRUE(contains(home, "Nghị quyết số 202/2025/QH15"));
    EXPECT_TRUE(contains(home, "Phú Yên"));
    EXPECT_TRUE(contains(home, "Nghị quyết số 203/2025/QH15"));
    EXPECT_TRUE(contains(home, "Nghị quyết số 1660/NQ-UBTVQH15"));
    std::string district = page("luu-tru/huyen-ea-kar/index.html");
    EXPECT_TRUE(contains(district, "Nghị quyết số 203/2025/QH15"));
    // Generated pages have no update date of their own: no build date is shown as one.
    for (const char* rel : {"xa-ea-kar/thu-tuc/index.html", "xa-ea-kar/gioi-thieu/index.html",
                            "xa-ea-kar/index.html", "index.html"})
        EXPECT_FALSE(contains(page(rel), "Cập nhật:")) << rel;
}

TEST_F(ThreeUnitBuild, IntroListsPredecessorsWithPartialMarksAndArchiveLinks) {
    std::string html = page("phuong-tuy-hoa/gioi-thieu/index.html");
    EXPECT_TRUE(contains(html,
                         "<td>Phường 9</td><td>Thành phố Tuy Hoà, Tỉnh Phú "
                         "Yên</td><td>22024</td><td><strong>Một phần</strong></td>"))
        << html.substr(html.find("Phường 9") - 200, 400);
    EXPECT_TRUE(contains(
        html,
        "<td>Phường 1</td><td>Thành phố Tuy Hoà, Tỉnh Phú Yên</td><td>22015</td><td>Toàn bộ</td>"));
    EXPECT_TRUE(contains(html, "href=\"../../luu-tru/thanh-pho-tuy-hoa/\""));
    EXPECT_TRUE(contains(html, "href=\"../../luu-tru/huyen-phu-hoa/\""));
    EXPECT_TRUE(contains(html, "Phòng Kinh tế, Hạ tầng và Đô thị"));  // a phường's department
    EXPECT_TRUE(
        contains(page("xa-ea-hleo/gioi-thieu/index.html"), "giữ nguyên, không thực hiện sắp xếp"));
}

TEST_F(ThreeUnitBuild, ProcedureIndexCountsFieldsAndFacets) {
    std::string html = page("xa-ea-kar/thu-tuc/index.html");
    EXPECT_TRUE(
        contains(html, "href=\"../thu-tuc/linh-vuc/ho-tich/\">Hộ tịch</a></td><td class=\"num\">"));
    EXPECT_TRUE(contains(html, "Không phụ thuộc địa giới hành chính</a>"));
    EXPECT_TRUE(contains(html, "Dịch vụ công trực tuyến một phần</a>"));
    // "Thi đua, khen thưởng" and "Thi đua - khen thưởng" are one field (procedure-scope.json), so
    // there is one list, not two with a -2 suffix.
    EXPECT_TRUE(contains(html, "linh-vuc/thi-dua-khen-thuong/"));
    EXPECT_FALSE(contains(html, "linh-vuc/thi-dua-khen-thuong-2/"));
    // The largest field is paginated 100 per page.
    EXPECT_TRUE(fs::exists(site() / "xa-ea-kar/thu-tuc/linh-vuc/dat-dai/trang-2/index.html"));
}

TEST_F(ThreeUnitBuild, ProvinceEntryListsAllUnitsAndLinksOnlyBuiltOnes) {
    std::string html = page("index.html");
    EXPECT_TRUE(contains(html, "<strong>102 đơn vị hành chính cấp xã</strong> (88 xã, 14 phường)"));
    EXPECT_TRUE(contains(html, "<a href=\"./xa-ea-kar/\">Xã Ea Kar</a>"));
    EXPECT_TRUE(contains(html, ">Xã Krông Búk<span"));  // listed, not linked: not in this build
    std::string lookup = page("tra-cuu-don-vi/index.html");
    std::size_t rows = 0;
    for (std::size_t pos = 0; (pos = lookup.find("<tr id=\"xa-", pos)) != std::string::npos; ++pos)
        ++rows;
    EXPECT_EQ(rows, 286u);
    EXPECT_TRUE(contains(lookup,
                         "<th scope=\"row\">Xã Krông Na</th><td>24235</td><td><ul "
                         "class=\"plain-list\"><li>Xã Buôn Đôn</li></ul>"));
    EXPECT_TRUE(
        contains(lookup,
                 "<th scope=\"row\">Phường 9</th><td>22024</td><td><ul class=\"plain-list\"><li><a "
                 "href=\"../phuong-tuy-hoa/\">Phường Tuy Hòa</a> <span class=\"badge "
                 "badge-partial\">một phần</span></li><li>Phường Bình Kiến <span class=\"badge "
                 "badge-partial\">một phần</span></li></ul>"));
}

TEST_F(ThreeUnitBuild, FeedsSitemapsAndRobotsAreWellFormed) {
    std::string sitemap = page("xa-ea-kar/sitemap.xml");
    EXPECT_TRUE(contains(sitemap,
                         "<loc>https://daklak.gov.vn/xa-ea-kar/thu-tuc/1.001193.html</"
                         "loc><lastmod>2026-04-15</lastmod>"));
    std::string feed = page("xa-ea-kar/feed.xml");
    EXPECT_TRUE(contains(feed, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">"));
    EXPECT_TRUE(contains(feed, "<entry>"));
    EXPECT_TRUE(contains(page("xa-ea-kar/robots.txt"),
                         "Sitemap: https://daklak.gov.vn/xa-ea-kar/sitemap.xml"));
    std::string robots = page("robots.txt");
    EXPECT_TRUE(contains(robots, "Sitemap: https://daklak.gov.vn/phuong-tuy-hoa/sitemap.xml"));
    EXPECT_FALSE(contains(robots, "xa-krong-buk"));
}

TEST_F(ThreeUnitBuild, PagesHaveTheirOwnDatesOnlyAndAccessibleLandmarks) {
    for (const char* rel : {"xa-ea-kar/index.html", "xa-ea-kar/lien-he/index.html", "index.html"}) {
        std::string html = page(rel);
        EXPECT_TRUE(contains(html, "class=\"skip-link\" href=\"#noi-dung\"")) << rel;
        EXPECT_TRUE(contains(html, "<main id=\"noi-dung\"")) << rel;
        // Generated pages have no date of their own, and the build date is never shown as one.
        EXPECT_FALSE(contains(html, "Cập nhật: <time datetime=")) << rel;
        EXPECT_TRUE(contains(html, "aria-current=\"page\"")) << rel;
    }
    // 404 pages are served at any URL, so their links are absolute paths.
    EXPECT_TRUE(contains(page("xa-ea-kar/404.html"), "href=\"/xa-ea-kar/thu-tuc/\""));
}

TEST_F(ThreeUnitBuild, ExportsListEveryListedProcedure) {
    auto exported = nlohmann::json::parse(page("xa-ea-kar/du-lieu/thu-tuc.json"));
    std::size_t count = exported["count"].get<std::size_t>();
    EXPECT_EQ(exported["procedures"].size(), count);
    EXPECT_GT(count, 1000u);  // 1,039: procedure-scope.json's rules (docs/CONTENT.md)
    bool found = false;
    for (const auto& p : exported["procedures"]) {
        if (p["code"] != "1.001193") continue;
        found = true;
        EXPECT_EQ(p["detail"], "full");
        EXPECT_EQ(p["levels"], nlohmann::json::array({"commune"}));
        EXPECT_EQ(p["page"], "thu-tuc/1.001193.html");
    }
    EXPECT_TRUE(found);
    std::string csv = page("xa-ea-kar/du-lieu/thu-tuc.csv");
    EXPECT_EQ(csv.rfind("code,name,field,detail,levels,online_level,boundary_free,status,updated,"
                        "portal_url\r\n",
                        0),
              0u);
    EXPECT_TRUE(
        contains(csv, "\"1.001193\",\"Thủ tục đăng ký khai sinh\",\"Hộ tịch\",full,\"commune\","));
    std::size_t lines = 0;
    for (char c : csv)
        lines += c == '\n';
    EXPECT_EQ(lines, count + 1);
}

TEST_F(ThreeUnitBuild, DisclosureListLinksWhereEachItemIsPublished) {
    std::string html = page("xa-ea-kar/cong-khai/index.html");
    EXPECT_TRUE(contains(html, "Dự toán, tình hình thực hiện, quyết toán ngân sách"));
    EXPECT_TRUE(contains(html, "<a href=\"../van-ban/\">Xem</a>"));
    EXPECT_TRUE(contains(html, "chậm nhất 05 ngày làm việc"));
}

TEST_F(ThreeUnitBuild, DocumentsArePublishedWhereTheyAreAddressed) {
    // 000 (Công văn …/UBND-NVKS) is addressed to districts and departments: province site only.
    // 001 (Kính gửi "UBND các xã, phường") and 004 (Nơi nhận "UBND các xã, phường, thị trấn"):
    // every commune.
    for (const char* slug :
         {"cong-van-ubnd-nvks-2025-06", "cong-van-ubnd-pvhcc-2025-07", "ke-hoach-kh-ubnd-2025-05"})
        EXPECT_TRUE(fs::exists(site() / "van-ban" / slug / "index.html")) << slug;
    EXPECT_FALSE(fs::exists(site() / "xa-ea-kar/van-ban/cong-van-ubnd-nvks-2025-06"));
    EXPECT_TRUE(fs::exists(site() / "xa-ea-kar/van-ban/cong-van-ubnd-pvhcc-2025-07/index.html"));
    EXPECT_TRUE(fs::exists(site() / "phuong-tuy-hoa/van-ban/ke-hoach-kh-ubnd-2025-05/index.html"));
    // The original file is published beside its page, byte for byte.
    EXPECT_EQ(page("xa-ea-kar/van-ban/cong-van-ubnd-pvhcc-2025-07/001-1eb639fe7a9b089c.txt"),
              read_file(xasite::testing::content_dir() / "directives/001_1eb639fe7a9b089c.txt"));
    std::string html = page("xa-ea-kar/van-ban/cong-van-ubnd-pvhcc-2025-07/index.html");
    EXPECT_TRUE(contains(html,
                         "<h1>V/v tăng cường công tác lãnh đạo, chỉ đạo vận hành chính quyền địa "
                         "phương 02 cấp trong giải quyết TTHC</h1>"));
    EXPECT_TRUE(contains(html, "<li>UBND các xã, phường</li>"));
    EXPECT_TRUE(contains(html, "Trương Công Thái"));
    EXPECT_TRUE(contains(
        html, "Ủy ban nhân dân tỉnh Đắk Lắk <span class=\"note\">(phần đầu văn bản bị thiếu"));
    EXPECT_TRUE(contains(html, "<section class=\"footnotes\">"));
    // Lists with facets by type, year and issuer.
    std::string list = page("van-ban/index.html");
    EXPECT_TRUE(contains(list, "3 văn bản"));
    EXPECT_TRUE(contains(page("xa-ea-kar/van-ban/index.html"), "2 văn bản"));
    EXPECT_TRUE(fs::exists(site() / "van-ban/loai/cong-van/index.html"));
    EXPECT_TRUE(fs::exists(site() / "van-ban/nam/2025/index.html"));
    EXPECT_TRUE(fs::exists(site() / "xa-ea-kar/van-ban/loai/ke-hoach/index.html"));
    EXPECT_TRUE(contains(page("van-ban/loai/cong-van/index.html"), "2 văn bản"));
    // Feeds and sitemaps carry them.
    EXPECT_TRUE(contains(page("xa-ea-kar/feed.xml"), "van-ban/cong-van-ubnd-pvhcc-2025-07/"));
    EXPECT_TRUE(contains(page("feed.xml"), "van-ban/cong-van-ubnd-nvks-2025-06/"));
    EXPECT_TRUE(
        contains(page("xa-ea-kar/sitemap.xml"), "/xa-ea-kar/van-ban/ke-hoach-kh-ubnd-2025-05/"));
    EXPECT_TRUE(contains(page("xa-ea-kar/index.html"), "Văn bản mới"));
}

TEST_F(ThreeUnitBuild, EveryKindOfPageIsValidHtml) {
    // HTML Tidy (Debian package tidy) reports HTML5 errors; 5.6 does not know aria-current yet,
    // so that one warning is expected and anything else is a failure.
    if (xasite::testing::run_command("command -v tidy").exit_code != 0)
        GTEST_SKIP() << "tidy not installed";
    for (const char* rel : {"index.html",
                            "tra-cuu-don-vi/index.html",
                            "trung-tam-phuc-vu/index.html",
                            "luu-tru/index.html",
                            "luu-tru/huyen-ea-kar/index.html",
                            "so-do-trang/index.html",
                            "404.html",
                            "xa-ea-kar/index.html",
                            "xa-ea-kar/gioi-thieu/index.html",
                            "xa-ea-kar/thu-tuc/index.html",
                            "xa-ea-kar/thu-tuc/1.001193.html",
                            "xa-ea-kar/thu-tuc/1.000080.html",
                            "xa-ea-kar/thu-tuc/ban-in/1.001193.html",
                            "thu-tuc/index.html",
                            "thu-tuc/1.000005.html",
                            "xa-ea-kar/thu-tuc/linh-vuc/dat-dai/trang-2/index.html",
                            "xa-ea-kar/van-ban/index.html",
                            "xa-ea-kar/tin-tuc/index.html",
                            "xa-ea-kar/lien-he/index.html",
                            "xa-ea-kar/tra-cuu/index.html",
                            "xa-ea-kar/so-do-trang/index.html",
                            "xa-ea-kar/404.html",
                            "xa-ea-kar/lich-cong-tac/index.html",
                            "xa-ea-kar/cong-khai/index.html",
                            "van-ban/index.html",
                            "van-ban/cong-van-ubnd-pvhcc-2025-07/index.html",
                            "xa-ea-kar/van-ban/ke-hoach-kh-ubnd-2025-05/index.html",
                            "xa-ea-kar/van-ban/loai/cong-van/index.html"}) {
        auto r = xasite::testing::run_command("tidy -q -e --show-warnings yes " +
                                              xasite::testing::quote(site() / rel));
        std::string unexpected;
        std::size_t start = 0;
        while (start < r.out.size()) {
            std::size_t end = r.out.find('\n', start);
            if (end == std::string::npos) end = r.out.size();
            std::string line = r.out.substr(start, end - start);
            // tidy 5.6 does not know aria-current nor SVG's shape-rendering (both valid).
            if (!line.empty() && !contains(line, "proprietary attribute \"aria-current\"") &&
                !contains(line, "<svg> proprietary attribute \"shape-rendering\""))
                unexpected += line + "\n";
            start = end + 1;
        }
        EXPECT_TRUE(unexpected.empty()) << rel << ":\n" << unexpected;
    }
}

// The search index beside the site holds the procedures (linked into the commune searched), the
// documents, the registry pages and the old→new lookup; nothing temporary is left beside it.
TEST_F(ThreeUnitBuild, SearchIndexIsWrittenBesideTheSite) {
    fs::path index = search::index_path_for(site());
    ASSERT_TRUE(fs::is_directory(index));
    EXPECT_GT(summary_.index_documents, 1000u);
    for (const auto& e : fs::directory_iterator(dir_->path()))
        EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
    search::Searcher searcher(index);
    auto find = [&](const std::string& q, const std::string& unit, const std::string& type = "") {
        search::SearchRequest r;
        r.query = q;
        r.unit = unit;
        r.type = type;
        return searcher.search(r);
    };
    auto birth = find("dang ky khai sinh", "24373");
    ASSERT_FALSE(birth.results.empty());
    EXPECT_EQ(birth.results[0].code, "1.001193");
    EXPECT_EQ(birth.results[0].url, "/xa-ea-kar/thu-tuc/1.001193.html");
    EXPECT_TRUE(fs::exists(site() / "xa-ea-kar/thu-tuc/1.001193.html"));
    // The old commune merged into Ea Kar is found from its site, linked to the lookup page.
    auto old = find("xa cu hue", "24373", "page");
    bool lookup = false;
    for (const auto& hit : old.results)
        lookup = lookup || (hit.url.rfind("/tra-cuu-don-vi/#xa-", 0) == 0 &&
                            contains(hit.title, "Cư Huê") && contains(hit.title, "Xã Ea Kar"));
    EXPECT_TRUE(lookup);
    ASSERT_FALSE(old.results.empty());
    const std::string& url = old.results[0].url;
    const std::string anchor = url.substr(url.find('#') + 1);
    EXPECT_TRUE(contains(page("tra-cuu-don-vi/index.html"), "id=\"" + anchor + "\"")) << url;
    // Documents addressed to every commune are linked into the commune searched.
    auto doc = find("van hanh thu nghiem chinh quyen dia phuong cap xa", "24373", "directive");
    ASSERT_FALSE(doc.results.empty());
    EXPECT_EQ(doc.results[0].url.rfind("/xa-ea-kar/van-ban/", 0), 0u) << doc.results[0].url;
    EXPECT_TRUE(fs::exists(site() / doc.results[0].url.substr(1) / "index.html"));
    // Unit-less searches link procedures to the national portal.
    auto province = find("dang ky khai sinh", "");
    ASSERT_FALSE(province.results.empty());
    EXPECT_EQ(province.results[0].url.rfind("https://", 0), 0u);
    EXPECT_TRUE(fs::exists(site() / "tra-cuu/index.html"));  // the province's search page
}

TEST(Build, IsReproducible) {
    xasite::testing::TempDir dir;
    site::BuildOptions o;
    o.content_dir = xasite::testing::content_dir();
    o.units = {"24169"};
    o.quiet = true;
    o.background_cleanup = false;
    // nginx.conf names the output's absolute path: one path for both builds.
    o.nginx_root = "/srv/xasite/site";
    o.out_dir = dir / "a";
    site::build_site(o);
    o.out_dir = dir / "b";
    o.jobs = 1;
    site::build_site(o);
    auto a = xasite::testing::read_tree(dir / "a");
    auto b = xasite::testing::read_tree(dir / "b");
    ASSERT_GT(a.size(), 1500u);
    ASSERT_EQ(a.size(), b.size());
    // The marker names each site's own index generation ("index: a.xapian.g-…"), and the outputs
    // list has its hash: those lines differ by design.
    for (auto* tree : {&a, &b}) {
        EXPECT_NE((*tree)[".xasite-site"].find("index: "), std::string::npos);
        tree->erase(".xasite-site");
        std::string& list = (*tree)[".xasite-outputs"];
        std::string kept;
        std::istringstream lines(list);
        for (std::string line; std::getline(lines, line);)
            if (line.size() < 13 || line.compare(line.size() - 13, 13, "\t.xasite-site") != 0)
                kept += line + "\n";
        list = kept;
    }
    for (const auto& [path, bytes] : a) {
        auto it = b.find(path);
        ASSERT_NE(it, b.end()) << path;
        EXPECT_TRUE(it->second == bytes) << path << " differs between two builds";
    }
}

TEST(Build, CommunePagesAndTemplateOverridesAreUsed) {
    xasite::testing::TempDir dir;
    fs::path content = xasite::testing::copy_content(dir.path());
    write_file_atomic(
        content / "units/24373/lich-tiep-dan.md",
        "---\ntitle: Lịch tiếp công dân tháng 7/2025\nsection: tin-tuc\ndate: 2025-07-02\n---\n"
        "Chủ tịch UBND xã tiếp công dân vào **thứ Năm** hằng tuần.\n");
    write_file_atomic(
        content / "units/24373/lich-tuan-28.md",
        "---\ntitle: Lịch công tác tuần 28\nsection: lich-cong-tac\ndate: 2025-07-07\n---\n"
        "- Thứ Hai: họp giao ban.\n");
    write_file_atomic(
        content / "units/24373/quy-che.md",
        "---\ntitle: Quy chế làm việc\nmenu: true\ndate: 2025-07-10\n---\nNội dung quy chế.\n");
    write_file_atomic(content / "units/24373/thu-tuc.md", "---\ntitle: Trùng đường dẫn\n---\nx\n");
    write_file_atomic(content / "units/24373/unit.json",
                      R"({"phone": "0262 3625 123", "email": "ubnd.eakar@daklak.gov.vn",
                          "responsible": {"name": "Nguyễn Văn A", "position": "Chánh Văn phòng"}})");
    write_file_atomic(content / "units/24373/templates/partials/skip.mustache",
                      "<a class=\"skip-link\" href=\"#noi-dung\">OVERRIDE-EA-KAR</a>\n");
    site::BuildOptions o;
    o.content_dir = content;
    o.out_dir = dir / "site";
    o.units = {"24373", "24376"};
    o.quiet = true;
    o.background_cleanup = false;
    auto summary = site::build_site(o);
    bool collision_reported = false;
    for (const auto& w : summary.warnings)
        collision_reported = collision_reported || contains(w, "thu-tuc.md");
    EXPECT_TRUE(collision_reported);
    EXPECT_TRUE(fs::exists(dir / "site/xa-ea-kar/thu-tuc-2/index.html"));
    std::string news = read_file(dir / "site/xa-ea-kar/tin-tuc/lich-tiep-dan/index.html");
    EXPECT_TRUE(contains(news, "<strong>thứ Năm</strong>"));
    EXPECT_TRUE(contains(read_file(dir / "site/xa-ea-kar/tin-tuc/index.html"),
                         "Lịch tiếp công dân tháng 7/2025"));
    EXPECT_TRUE(contains(read_file(dir / "site/xa-ea-kar/feed.xml"),
                         "<title>Lịch tiếp công dân tháng 7/2025</title>"));
    EXPECT_TRUE(
        contains(read_file(dir / "site/xa-ea-kar/index.html"), ">Quy chế làm việc</a>"));  // menu
    EXPECT_TRUE(contains(read_file(dir / "site/xa-ea-kar/lich-cong-tac/index.html"),
                         "Lịch công tác tuần 28"));
    EXPECT_TRUE(fs::exists(dir / "site/xa-ea-kar/lich-cong-tac/lich-tuan-28/index.html"));
    // The commune's own pages are searchable from its site, at the paths they were published at.
    search::Searcher searcher(search::index_path_for(dir / "site"));
    search::SearchRequest q;
    q.query = "tiep cong dan thu nam";
    q.unit = "24373";
    auto news_hits = searcher.search(q);
    ASSERT_FALSE(news_hits.results.empty());
    EXPECT_EQ(news_hits.results[0].url, "/xa-ea-kar/tin-tuc/lich-tiep-dan/");
    q.query = "trung duong dan";
    auto moved = searcher.search(q);
    ASSERT_FALSE(moved.results.empty());
    EXPECT_EQ(moved.results[0].url, "/xa-ea-kar/thu-tuc-2/");
    q.unit = "24376";  // another commune's search does not show them
    q.query = "tiep cong dan thu nam";
    for (const auto& hit : searcher.search(q).results)
        EXPECT_EQ(hit.url.find("lich-tiep-dan"), std::string::npos);
    std::string home = read_file(dir / "site/xa-ea-kar/index.html");
    EXPECT_TRUE(contains(home, "Nguyễn Văn A, Chánh Văn phòng"));
    EXPECT_TRUE(contains(home, "OVERRIDE-EA-KAR"));
    EXPECT_FALSE(contains(read_file(dir / "site/xa-ea-knop/index.html"), "OVERRIDE-EA-KAR"));
    check::Report report = check::check_site(dir / "site");
    for (const auto& p : report.problems)
        ADD_FAILURE() << p.page << ": " << p.kind << ": " << p.detail;
}

// Issue 12: a scanned PDF without text in content/directives/ used to stop the whole build. It is
// published with its PDF and a "văn bản dạng ảnh" note, the build warns naming the file, and the
// page claims no number, date or signature it could not read.
TEST(Build, ScannedPdfIsPublishedWithANoteNotAStop) {
    xasite::testing::TempDir dir;
    fs::path content = xasite::testing::copy_content(dir.path());
    // One blank A4 page and no text: what a scanner without OCR writes, minus the image.
    write_file_atomic(content / "directives/cong-van-scan.pdf",
                      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                      "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                      "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
                      "trailer << /Root 1 0 R >>\n%%EOF\n");
    site::BuildOptions o;
    o.content_dir = content;
    o.out_dir = dir / "site";
    o.units = {"24373"};
    o.quiet = true;
    o.background_cleanup = false;
    site::BuildSummary summary;
    ASSERT_NO_THROW(summary = site::build_site(o));
    bool warned = false;
    for (const auto& w : summary.warnings)
        warned = warned || (contains(w, "cong-van-scan.pdf") && contains(w, "no text layer"));
    EXPECT_TRUE(warned);
    std::string page_html;
    for (const auto& e : fs::recursive_directory_iterator(dir / "site")) {
        if (e.path().filename() != "index.html") continue;
        std::string h = read_file(e.path());
        if (contains(h, "<h1>Văn bản dạng ảnh (cong-van-scan.pdf)</h1>")) {
            page_html = h;
            EXPECT_TRUE(fs::exists(e.path().parent_path() / "cong-van-scan.pdf")) << e.path();
        }
    }
    ASSERT_FALSE(page_html.empty());
    EXPECT_TRUE(contains(page_html, "Tệp PDF gốc là ảnh quét, không có lớp chữ"));
    EXPECT_TRUE(contains(page_html, "href=\"cong-van-scan.pdf\" download"));
    EXPECT_FALSE(contains(page_html, "chưa ghi số"));  // no claim about what it could not read
}
