// `xasite build` with a preservation package in content/archives/: the district's view is
// rendered under luu-tru/<slug>/, its landing page shows the package, `xasite check` finds no
// problem, rebuilds are byte-identical, and a malformed package stops the build naming it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_package.hpp"
#include "test_support.hpp"

namespace xasite::archive {
namespace {

namespace fs = std::filesystem;
using xasite::testing::quote;
using xasite::testing::run_command;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class SiteBuild : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::copy(xasite::testing::content_dir(), tmp_ / "content", fs::copy_options::recursive);
        fs::remove_all(tmp_ / "content" / "archives");
        testing::district_portal(tmp_ / "content" / "archives" / "651");
    }
    xasite::testing::CommandResult build(const std::string& out) {
        // Xã Ea Kar (24373) is one of Huyện Ea Kar's successors.
        return run_command(quote(xasite::testing::xasite_binary()) + " build -q --content " +
                           quote(tmp_ / "content") + " --out " + quote(tmp_ / out) +
                           " --unit 24373");
    }
    xasite::testing::TempDir tmp_;
};

TEST_F(SiteBuild, ArchiveRenderedLinkedAndClean) {
    auto r = build("site");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    fs::path site = tmp_ / "site";
    fs::path view = site / "luu-tru" / "huyen-ea-kar";
    std::string landing = slurp(view / "index.html");
    EXPECT_NE(landing.find("Xem bản lưu trữ (trang chủ cũ)"), std::string::npos) << landing;
    EXPECT_NE(landing.find("trang/eakar.daklak.gov.vn/default.aspx.html"), std::string::npos);
    EXPECT_NE(landing.find("20/06/2025"), std::string::npos);
    EXPECT_NE(landing.find("2 trang và 3 tệp"), std::string::npos) << landing;
    EXPECT_NE(landing.find("đã kiểm tra, nguyên vẹn"), std::string::npos) << landing;
    EXPECT_NE(landing.find("name=\"old_unit\" value=\"651\""), std::string::npos);
    EXPECT_NE(landing.find("muc-luc/"), std::string::npos);
    EXPECT_NE(landing.find("chuyen-huong/"), std::string::npos);
    std::string list = slurp(site / "luu-tru" / "index.html");
    EXPECT_NE(list.find("Lưu ngày 20/06/2025"), std::string::npos) << list;
    EXPECT_NE(list.find("Chưa có"), std::string::npos);
    std::string home = slurp(view / "trang/eakar.daklak.gov.vn/default.aspx.html");
    EXPECT_NE(home.find("Trang lưu trữ của Huyện Ea Kar đã giải thể từ 01/7/2025"),
              std::string::npos);
    EXPECT_NE(home.find("href=\"../../../../xa-ea-kar/\""), std::string::npos) << home;
    EXPECT_TRUE(fs::exists(view / "chuyen-huong/eakar.daklak.gov.vn.map"));

    auto check =
        run_command(quote(xasite::testing::xasite_binary()) + " check --site " + quote(site));
    EXPECT_EQ(check.exit_code, 0) << check.out;

    // The archived pages are in the search index (decoded from TCVN3), found from the successor
    // commune's search without diacritics, linked to their copy in the view.
    auto search = run_command(quote(xasite::testing::xasite_binary()) + " search --json --site " +
                              quote(site) + " --unit 24373 --type archive quyet dinh so 15");
    ASSERT_EQ(search.exit_code, 0) << search.out;
    EXPECT_NE(search.out.find("\"type\":\"archive\""), std::string::npos) << search.out;
    EXPECT_NE(search.out.find("\"url\":\"/luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/"),
              std::string::npos)
        << search.out;
    EXPECT_NE(search.out.find("<mark>Quyết định số 15</mark>"), std::string::npos) << search.out;

    auto again = build("site2");
    ASSERT_EQ(again.exit_code, 0) << again.out;
    auto diff =
        run_command("diff -r " + quote(site / "luu-tru") + " " + quote(tmp_ / "site2" / "luu-tru"));
    EXPECT_EQ(diff.exit_code, 0) << diff.out.substr(0, 2000);
}

TEST_F(SiteBuild, MalformedPackageStopsTheBuild) {
    fs::path dir = tmp_ / "content/archives/651";
    std::ofstream(dir / "data/metadata/unit.json") << "{\"code\": 5";
    // Re-bagged, so that its checksums hold: a file changed behind the manifests' back is a fixity
    // failure instead, which stops only that view (tests/e2e/archive_fixity_test.cpp).
    Manifest payload;
    for (const auto& f : fs::recursive_directory_iterator(dir / "data"))
        if (f.is_regular_file())
            payload[fs::relative(f.path(), dir).generic_string()] = digest_file(f.path());
    write_bag_files(dir, payload, {{"Source-Organization", "xasite tests"}});
    auto r = build("site");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find("archives/651"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(tmp_ / "site"));
}

TEST_F(SiteBuild, PackageOfAnUnknownUnit) {
    fs::rename(tmp_ / "content/archives/651", tmp_ / "content/archives/999");
    std::ofstream(tmp_ / "content/archives/999/data/metadata/unit.json")
        << "{\"code\": \"999\", \"name\": \"Huyện X\"}";
    auto r = build("site");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find("not an old district"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace xasite::archive
