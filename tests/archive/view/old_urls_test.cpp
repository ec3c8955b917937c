// OldUrlIndex over the files a view wrote.
#include <gtest/gtest.h>

#include <fstream>

#include "archive/view/archive_view.hpp"
#include "core/error.hpp"
#include "test_package.hpp"
#include "test_support.hpp"

namespace xasite::archive {
namespace {

const std::string kArticle =
    "/luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/default.aspx@id=101&tabid=55.html";

void write_site(const std::filesystem::path& pkg, const std::filesystem::path& site) {
    PackageInfo p = testing::district_portal(pkg);
    render_view(
        p, testing::district_view_options(),
        [&](std::string_view rel, std::string_view bytes) {
            auto f = site / std::string(rel);
            std::filesystem::create_directories(f.parent_path());
            std::ofstream(f, std::ios::binary) << bytes;
        },
        nullptr);
}

TEST(OldUrlIndex, Lookups) {
    xasite::testing::TempDir dir;
    write_site(dir.path() / "pkg", dir.path() / "site");
    OldUrlIndex idx = OldUrlIndex::load(dir.path() / "site" / "luu-tru");
    EXPECT_GT(idx.size(), 4u);
    EXPECT_EQ(idx.find("http://eakar.daklak.gov.vn/Default.aspx?tabid=55&ID=101"), kArticle);
    EXPECT_EQ(idx.find("http://eakar.daklak.gov.vn/default.aspx?id=101&TABID=55#x"), kArticle);
    EXPECT_EQ(idx.find("https://www.eakar.daklak.gov.vn/Default.aspx?ID=101&tabid=55"), kArticle);
    EXPECT_EQ(idx.find("eakar.daklak.gov.vn/Default.aspx?ID=101&amp;tabid=55"), kArticle);
    EXPECT_EQ(idx.find("http://eakar.daklak.gov.vn/old.aspx"), kArticle);
    EXPECT_EQ(idx.find("http://eakar.daklak.gov.vn/"),
              "/luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/default.aspx.html");
    EXPECT_EQ(idx.find("http://eakar.daklak.gov.vn/Portals/0/QD-15.pdf"),
              "/luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/portals/0/qd-15.pdf");
    // Unknown URL of an old host: the landing page. Another host: nothing.
    EXPECT_EQ(idx.find("http://eakar.daklak.gov.vn/khong-co.aspx"), "/luu-tru/huyen-ea-kar/");
    EXPECT_EQ(idx.find("http://chinhphu.vn/Default.aspx"), std::nullopt);
    EXPECT_EQ(idx.find(""), std::nullopt);
    EXPECT_EQ(idx.find("\xFF\xFE garbage"), std::nullopt);
}

TEST(OldUrlIndex, EmptySite) {
    xasite::testing::TempDir dir;
    OldUrlIndex idx = OldUrlIndex::load(dir.path() / "luu-tru");  // absent
    EXPECT_EQ(idx.size(), 0u);
    EXPECT_EQ(idx.find("http://eakar.daklak.gov.vn/"), std::nullopt);
}

TEST(OldUrlIndex, MalformedTablesAreInputErrors) {
    xasite::testing::TempDir dir;
    write_site(dir.path() / "pkg", dir.path() / "site");
    auto csv = dir.path() / "site/luu-tru/huyen-ea-kar/chuyen-huong/eakar.daklak.gov.vn.csv";
    std::ofstream(csv, std::ios::app) << "no-slash\n";
    try {
        OldUrlIndex::load(dir.path() / "site" / "luu-tru");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("eakar.daklak.gov.vn.csv"), std::string::npos)
            << e.what();
    }
    std::ofstream(dir.path() / "site/luu-tru/huyen-ea-kar/chuyen-huong/index.json") << "{";
    EXPECT_THROW(OldUrlIndex::load(dir.path() / "site" / "luu-tru"), InputError);
}

}  // namespace
}  // namespace xasite::archive
