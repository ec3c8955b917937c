// The section tables on a tiny content tree made here (three units of the minimal registry
// fixture, three real procedure records, a few Markdown pages): each section's folder and pages,
// the menu and reserved names that follow from the tables, section names from the theme.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/error.hpp"
#include "core/files.hpp"
#include "generator/site/build.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/sections.hpp"
#include "test_support.hpp"
#include "tiny_content.hpp"

using namespace xasite;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// content/ with site.json, the minimal registry (new units 24169 Phường Ea Kao, 24352, 24121),
// three procedure records, a news item, a schedule entry, an intro part, a page whose slug is a
// section folder, and a province page whose slug is reserved for the API.
class TinyContent : public ::testing::Test {
  protected:
    void SetUp() override {
        content_ = dir_.path() / "content";
        xasite::testing::make_tiny_content(content_, {"1.001193", "1.000080", "1.000094"});
        write(
            content_ / "units/24169/hop-dan.md",
            "---\ntitle: Họp dân khu phố 3\nsection: tin-tuc\ndate: 2025-08-02\n---\nNội dung.\n");
        write(content_ / "units/24169/lich-tuan-32.md",
              "---\ntitle: Lịch công tác tuần 32\nsection: lich-cong-tac\ndate: 2025-08-04\n---\n"
              "Thứ Hai: giao ban.\n");
        write(content_ / "units/24169/lich-su.md",
              "---\ntitle: Lịch sử phường\nsection: gioi-thieu\n---\nPhường được thành lập…\n");
        write(content_ / "units/24169/thu-tuc.md",
              "---\ntitle: Hướng dẫn nộp hồ sơ\nmenu: true\n---\nMang theo CCCD.\n");
        write(content_ / "pages/api.md", "---\ntitle: Giới thiệu API\n---\nTrang của tỉnh.\n");
    }
    site::BuildSummary build() {
        site::BuildOptions o;
        o.content_dir = content_;
        o.out_dir = dir_.path() / "site";
        o.units = {"24169"};
        o.quiet = true;
        o.background_cleanup = false;
        o.search_index = false;
        return site::build_site(o);
    }
    std::string page(const std::string& rel) { return read_file(dir_.path() / "site" / rel); }
    xasite::testing::TempDir dir_;
    fs::path content_;
};

const std::string kUnit = "phuong-ea-kao/";

}  // namespace

TEST(Routes, OneSchemeForEveryPath) {
    EXPECT_EQ(site::routes::procedure_path("1.001193"), "thu-tuc/1.001193.html");
    EXPECT_EQ(site::routes::procedure_path("a/b c"), "thu-tuc/a-b-c.html");
    EXPECT_EQ(site::routes::procedure_path(".hidden"), "thu-tuc/p.hidden.html");
    EXPECT_EQ(site::routes::procedure_field("ho-tich"), "thu-tuc/linh-vuc/ho-tich/");
    EXPECT_EQ(site::routes::list_page("van-ban/", 1), "van-ban/");
    EXPECT_EQ(site::routes::list_page("van-ban/", 3), "van-ban/trang-3/");
    EXPECT_EQ(site::routes::archive("huyen-ea-kar"), "luu-tru/huyen-ea-kar/");
    EXPECT_EQ(site::routes::old_commune("24121"), "tra-cuu-don-vi/#xa-24121");
    EXPECT_EQ(site::routes::procedures_export("csv"), "du-lieu/thu-tuc.csv");
}

TEST(SectionTables, KeysAndFoldersAreUniqueAndEveryFolderIsReserved) {
    std::set<std::string_view> keys, folders;
    for (const auto& s : site::sections::commune_sections()) {
        EXPECT_TRUE(keys.insert(s.key).second) << s.key;
        if (!s.folder.empty()) {
            EXPECT_TRUE(folders.insert(s.folder).second) << s.folder;
        }
        EXPECT_TRUE(s.render || s.menu_items) << s.key << " neither renders nor links";
    }
    auto reserved = site::sections::commune_reserved();
    for (auto f : folders)
        EXPECT_NE(std::find(reserved.begin(), reserved.end(), std::string(f)), reserved.end());
    EXPECT_NE(std::find(reserved.begin(), reserved.end(), "luu-tru"), reserved.end());
    auto province = site::sections::province_reserved();
    EXPECT_NE(std::find(province.begin(), province.end(), "api"), province.end());
    EXPECT_NE(std::find(province.begin(), province.end(), "tra-cuu-don-vi"), province.end());
}

TEST_F(TinyContent, EverySectionWritesItsFolder) {
    site::BuildSummary s = build();
    EXPECT_EQ(s.units, 1u);
    for (const auto& row : site::sections::commune_sections()) {
        if (row.folder.empty() || !row.render) continue;
        fs::path p = dir_.path() / "site" / kUnit / std::string(row.folder);
        EXPECT_TRUE(fs::exists(p)) << row.key << ": " << p;
    }
    for (const auto& row : site::sections::province_sections()) {
        if (row.folder.empty() || !row.render) continue;
        EXPECT_TRUE(fs::exists(dir_.path() / "site" / std::string(row.folder))) << row.key;
    }
    // Procedures: the index, a field list and each record's page.
    EXPECT_TRUE(has(page(kUnit + "thu-tuc/1.001193.html"), "1.001193"));
    EXPECT_TRUE(has(page(kUnit + "thu-tuc/index.html"), "thu-tuc/linh-vuc/"));
    EXPECT_TRUE(has(page(kUnit + "du-lieu/thu-tuc.csv"), "1.000080"));
}

TEST_F(TinyContent, DatedPagesSitInTheirSectionAndTheListShowsThem) {
    build();
    const std::string item = page(kUnit + "tin-tuc/hop-dan/index.html");
    EXPECT_TRUE(has(item, "Họp dân khu phố 3"));
    EXPECT_TRUE(has(item, "section-tin-tuc")) << "a news item belongs to the news section";
    EXPECT_TRUE(has(page(kUnit + "tin-tuc/index.html"), "hop-dan/"));
    EXPECT_TRUE(has(page(kUnit + "lich-cong-tac/index.html"), "Lịch công tác tuần 32"));
    EXPECT_TRUE(has(page(kUnit + "lich-cong-tac/lich-tuan-32/index.html"), "giao ban"));
    EXPECT_TRUE(has(page(kUnit + "gioi-thieu/index.html"), "Lịch sử phường"));
}

TEST_F(TinyContent, APageCannotTakeASectionFolderOrTheApi) {
    site::BuildSummary s = build();
    // "thu-tuc" is the procedures' folder: the page moves to thu-tuc-2/, with a warning.
    EXPECT_TRUE(has(page(kUnit + "thu-tuc-2/index.html"), "Mang theo CCCD"));
    EXPECT_TRUE(has(page("api-2/index.html"), "Trang của tỉnh"));
    std::string all;
    for (const auto& w : s.warnings)
        all += w + "\n";
    EXPECT_TRUE(has(all, "thu-tuc.md: the path thu-tuc/ is taken; published at thu-tuc-2/")) << all;
    EXPECT_TRUE(has(all, "api.md: the path api/ is taken; published at api-2/")) << all;
}

TEST_F(TinyContent, MenuFollowsTheTableWithTheCommunesOwnPages) {
    build();
    const std::string home = page(kUnit + "index.html");
    std::vector<std::string> in_order = {
        "Trang chủ", "Giới thiệu",    "Thủ tục hành chính",     "Văn bản",
        "Tin tức",   "Lịch công tác", "Hướng dẫn nộp hồ sơ",    "Liên hệ",
        "Tra cứu",   "Sơ đồ trang",   "Dịch vụ công trực tuyến"};
    std::size_t nav = home.find("<nav");
    ASSERT_NE(nav, std::string::npos);
    std::size_t at = nav;
    for (const auto& label : in_order) {
        std::size_t next = home.find(">" + label + "<", at);
        ASSERT_NE(next, std::string::npos) << label << " missing or out of order";
        at = next;
    }
    // The page with `menu: true` links where it was published (its slug is the procedures'
    // folder, so it moved to thu-tuc-2/), not to the folder it asked for.
    EXPECT_TRUE(has(home, "href=\"./thu-tuc-2/\" data-key=\"trang-thu-tuc\"")) << "menu page link";
}

TEST_F(TinyContent, AThemeRenamesASection) {
    write(content_ / "templates/sections.json",
          read_file(xasite::testing::source_dir() / "templates/sections.json")
              .replace(read_file(xasite::testing::source_dir() / "templates/sections.json")
                           .find("\"tin-tuc\": {\"label\": \"Tin tức\"}"),
                       std::string("\"tin-tuc\": {\"label\": \"Tin tức\"}").size(),
                       "\"tin-tuc\": {\"label\": \"Tin tức - Sự kiện\"}"));
    build();
    EXPECT_TRUE(has(page(kUnit + "index.html"), ">Tin tức - Sự kiện<"));
    EXPECT_TRUE(has(page(kUnit + "tin-tuc/index.html"), "<h1>Tin tức - Sự kiện</h1>"));
    EXPECT_TRUE(has(page(kUnit + "tin-tuc/hop-dan/index.html"), "Tin tức - Sự kiện"))
        << "the item's breadcrumb uses the theme's name";
}

TEST_F(TinyContent, AThemeWithoutASectionNameStopsTheBuildBeforeWriting) {
    write(content_ / "templates/sections.json",
          "{\"unit\": {\"trang-chu\": {\"label\": \"Trang chủ\"}}, \"province\": {}}");
    try {
        build();
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_TRUE(has(e.what(), "sections.json")) << e.what();
        EXPECT_TRUE(has(e.what(), "no name for the section")) << e.what();
    }
    EXPECT_FALSE(fs::exists(dir_.path() / "site"));
}

TEST_F(TinyContent, SitemapListsPagesInTableOrder) {
    build();
    const std::string xml = page(kUnit + "sitemap.xml");
    std::size_t home = xml.find("<loc>https://daklak.gov.vn/phuong-ea-kao/</loc>");
    std::size_t intro = xml.find("phuong-ea-kao/gioi-thieu/</loc>");
    std::size_t procedures = xml.find("phuong-ea-kao/thu-tuc/</loc>");
    std::size_t sitemap = xml.find("phuong-ea-kao/so-do-trang/</loc>");
    ASSERT_NE(home, std::string::npos);
    EXPECT_LT(home, intro);
    EXPECT_LT(intro, procedures);
    EXPECT_LT(procedures, sitemap);
    EXPECT_FALSE(has(xml, "404.html")) << "the error page is not in the sitemap";
}

TEST(SectionTables, DisclosureItemsMustPointAtACommuneSection) {
    content::SiteConfig ok =
        content::SiteConfig::load(xasite::testing::content_dir() / "site.json");
    EXPECT_GE(ok.disclosure.size(), 10u);
    EXPECT_NO_THROW(site::sections::check_disclosure(ok));
    content::SiteConfig bad = ok;
    bad.disclosure[1].section = "blog";
    try {
        site::sections::check_disclosure(bad);
        FAIL();
    } catch (const InputError& e) {
        std::string m = e.what();
        EXPECT_TRUE(has(m, "site.json")) << m;
        EXPECT_TRUE(has(m, "disclosure.items[1].section")) << m;
        EXPECT_TRUE(has(m, "unknown section \"blog\"")) << m;
    }
}

TEST_F(TinyContent, APageOfAnUnknownSectionStopsTheBuildNamingItsLine) {
    write(content_ / "units/24169/blog.md", "---\ntitle: Nhật ký\nsection: blog\n---\nx\n");
    try {
        build();
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        std::string m = e.what();
        EXPECT_TRUE(has(m, "blog.md:3")) << m;
        EXPECT_TRUE(has(m,
                        "section must be one of gioi-thieu, tin-tuc, lich-cong-tac, hoi-dap, "
                        "trang, lien-he; got 'blog'"))
            << m;
    }
    EXPECT_FALSE(fs::exists(dir_.path() / "site"));
}

// The section added to show what a new section costs: Hỏi đáp, a dated section.
TEST_F(TinyContent, QuestionsSectionHasAnHonestEmptyStateAndThenTheAnswers) {
    build();
    std::string empty = page(kUnit + "hoi-dap/index.html");
    EXPECT_TRUE(has(empty, "<h1>Hỏi đáp</h1>"));
    EXPECT_TRUE(has(empty, "Chưa có câu hỏi nào được trả lời trên trang này."));
    EXPECT_TRUE(has(empty, "lien-he/")) << "where to ask instead";
    EXPECT_TRUE(has(page(kUnit + "index.html"), ">Hỏi đáp<"));
    EXPECT_TRUE(has(page(kUnit + "sitemap.xml"), "phuong-ea-kao/hoi-dap/</loc>"));

    write(content_ / "units/24169/cap-lai-khai-sinh.md",
          "---\ntitle: Mất giấy khai sinh thì làm lại ở đâu?\nsection: hoi-dap\ndate: 2025-09-10\n"
          "description: Đăng ký lại khai sinh tại UBND phường.\n---\n"
          "Ông/bà nộp hồ sơ đăng ký lại khai sinh tại Trung tâm Phục vụ hành chính công.\n");
    build();
    std::string list = page(kUnit + "hoi-dap/index.html");
    EXPECT_FALSE(has(list, "Chưa có câu hỏi nào"));
    EXPECT_TRUE(has(list, "Mất giấy khai sinh thì làm lại ở đâu?"));
    EXPECT_TRUE(has(list, "cap-lai-khai-sinh/"));
    std::string answer = page(kUnit + "hoi-dap/cap-lai-khai-sinh/index.html");
    EXPECT_TRUE(has(answer, "Trung tâm Phục vụ hành chính công"));
    EXPECT_TRUE(has(answer, "section-hoi-dap"));
    EXPECT_TRUE(has(page(kUnit + "so-do-trang/index.html"), "hoi-dap/cap-lai-khai-sinh/"))
        << "the HTML sitemap lists the answers";
}
