// `xasite build` with a preservation package in content/archives/: the district's view is
// rendered under luu-tru/<slug>/, its landing page shows the package, `xasite check` finds no
// problem, rebuilds are byte-identical, and a malformed package stops the build naming it.
// An old commune's package is built under luu-tru/<commune-slug>-<code>/, counted apart from the
// districts on the index, linked from its successor's giới thiệu page; two packages claiming one
// old host make the build and `xasite serve` warn, naming both.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "serve/server.hpp"
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

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1))
        ++n;
    return n;
}

// The re-bagging after a change under data/ (the checksums hold again).
void rebag(const fs::path& dir) {
    Manifest payload;
    for (const auto& f : fs::recursive_directory_iterator(dir / "data"))
        if (f.is_regular_file())
            payload[fs::relative(f.path(), dir).generic_string()] = digest_file(f.path());
    write_bag_files(dir, payload, {{"Source-Organization", "xasite tests"}});
}

// A small portal of Thị trấn Ea Kar (24373, in Huyện Ea Kar, now in Xã Ea Kar): a home page and
// one article, captured from `host`, as `archive ingest --unit 24373` records the unit.
void township_portal(const fs::path& dir, const std::string& host) {
    testing::PackageBuilder b(dir);
    UnitInfo& u = b.unit();
    u.code = "24373";
    u.name = "Thị trấn Ea Kar";
    u.type = "Thị trấn";
    u.level = "commune";
    u.district = "Huyện Ea Kar";
    u.district_code = "651";
    u.successors = {{"24373", "Xã Ea Kar", false}};
    const std::string origin = "http://" + host;
    b.add(origin + "/", "text/html",
          "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Trang chủ Thị trấn Ea "
          "Kar</title></head><body><h1>Thị trấn Ea Kar</h1><a href=\"/tin-tuc/dua-voi.html\">Hội "
          "đua voi</a></body></html>",
          "utf-8", "nginx");
    b.add(origin + "/tin-tuc/dua-voi.html", "text/html",
          "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Hội đua voi thị trấn"
          "</title></head><body><p>Hội đua voi được tổ chức tại sân vận động thị trấn.</p>"
          "<a href=\"/\">Trang chủ</a></body></html>",
          "utf-8", "nginx");
    b.finish();
    // The builder names the district portal's host in capture.json: name this one.
    nlohmann::json capture = {
        {"captured", "2025-06-20"},
        {"hosts", {{{"host", host}, {"case_insensitive", false}, {"records", 2}}}}};
    std::ofstream(dir / "data/metadata/capture.json") << capture.dump(2);
    rebag(dir);
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
    EXPECT_NE(home.find("Trang lưu trữ của Huyện Ea Kar đã kết thúc hoạt động từ 01/7/2025"),
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
    rebag(dir);
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
    EXPECT_NE(r.out.find("neither an old district nor an old commune"), std::string::npos) << r.out;
}

TEST_F(SiteBuild, OldCommuneArchiveBuiltCountedAndLinkedFromItsSuccessor) {
    township_portal(tmp_ / "content/archives/24373", "thitran.eakar.daklak.gov.vn");
    auto r = build("site");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(r.out.find("claimed by"), std::string::npos) << r.out;
    fs::path site = tmp_ / "site";
    fs::path view = site / "luu-tru" / "thi-tran-ea-kar-24373";

    // Its landing page, in a commune's words, with its successor and its old district linked.
    std::string landing = slurp(view / "index.html");
    EXPECT_NE(landing.find("<h1>Thị trấn Ea Kar</h1>"), std::string::npos) << landing;
    EXPECT_NE(landing.find("Thị trấn Ea Kar (Huyện Ea Kar, tỉnh Đắk Lắk) được sắp xếp lại; địa "
                           "bàn của Thị trấn Ea Kar nay thuộc đơn vị hành chính dưới đây."),
              std::string::npos)
        << landing;
    EXPECT_NE(landing.find("href=\"../../xa-ea-kar/\">Xã Ea Kar</a>"), std::string::npos)
        << landing;
    EXPECT_NE(landing.find("thuộc <a href=\"../../luu-tru/huyen-ea-kar/\">Huyện Ea Kar</a>"),
              std::string::npos)
        << landing;
    EXPECT_NE(landing.find("Trang thông tin điện tử của Thị trấn Ea Kar được lưu trữ ngày"),
              std::string::npos)
        << landing;
    EXPECT_NE(landing.find("name=\"old_unit\" value=\"24373\""), std::string::npos);
    EXPECT_EQ(landing.find("huyện Thị trấn"), std::string::npos);
    EXPECT_EQ(landing.find("Các xã, phường, thị trấn cũ ("), std::string::npos);

    // The view: the banner names the township and its successor.
    std::string home = slurp(view / "trang/thitran.eakar.daklak.gov.vn/index.html");
    EXPECT_NE(home.find("Trang lưu trữ của Thị trấn Ea Kar"), std::string::npos) << home;
    EXPECT_NE(home.find("Nay thuộc: <a href=\"../../../../xa-ea-kar/\">Xã Ea Kar</a>"),
              std::string::npos)
        << home;
    EXPECT_TRUE(fs::exists(view / "chuyen-huong/thitran.eakar.daklak.gov.vn.map"));

    // The index counts the communes apart from the districts and lists only the one archived.
    std::string list = slurp(site / "luu-tru" / "index.html");
    EXPECT_NE(list.find("Hệ thống này có gói lưu trữ của 1 trong 24 đơn vị cấp huyện"),
              std::string::npos)
        << list;
    EXPECT_NE(list.find("Hệ thống này có gói lưu trữ trang thông tin điện tử của 1 trong 286 xã, "
                        "phường, thị trấn cũ"),
              std::string::npos)
        << list;
    EXPECT_NE(list.find("285 đơn vị chưa có bản lưu."), std::string::npos) << list;
    EXPECT_NE(list.find("<a href=\"../luu-tru/thi-tran-ea-kar-24373/\">Thị trấn Ea Kar</a>"),
              std::string::npos)
        << list;
    EXPECT_EQ(count(list, "Lưu ngày 20/06/2025"), 2u) << list;
    // The district's landing page points to its township's archive.
    std::string district = slurp(site / "luu-tru" / "huyen-ea-kar" / "index.html");
    EXPECT_NE(district.find("Thị trấn Ea Kar (<a href=\"../../luu-tru/thi-tran-ea-kar-24373/\">"
                            "bản lưu trữ trang thông tin</a>)"),
              std::string::npos)
        << district;

    // Xã Ea Kar's giới thiệu page: its old district's and the township's archives, and a plain
    // "none" for each other old commune.
    std::string intro = slurp(site / "xa-ea-kar" / "gioi-thieu" / "index.html");
    EXPECT_NE(intro.find("<th scope=\"row\">Thị trấn Ea Kar (Huyện Ea Kar)</th><td><a "
                         "href=\"../../luu-tru/thi-tran-ea-kar-24373/\">Xem bản lưu trữ</a>, lưu "
                         "ngày 20/06/2025</td>"),
              std::string::npos)
        << intro;
    EXPECT_NE(intro.find("<th scope=\"row\">Huyện Ea Kar (tỉnh Đắk Lắk)</th><td><a "
                         "href=\"../../luu-tru/huyen-ea-kar/\">"),
              std::string::npos)
        << intro;
    EXPECT_NE(intro.find("<th scope=\"row\">Xã Cư Huê (Huyện Ea Kar)</th><td>Chưa có bản lưu</td>"),
              std::string::npos)
        << intro;
    EXPECT_EQ(count(intro, "Chưa có bản lưu</td>"), 5u) << intro;

    // The archived pages are found by the township's filter of the search.
    auto search = run_command(quote(xasite::testing::xasite_binary()) + " search --json --site " +
                              quote(site) + " --type archive dua voi");
    ASSERT_EQ(search.exit_code, 0) << search.out;
    EXPECT_NE(search.out.find("\"url\":\"/luu-tru/thi-tran-ea-kar-24373/trang/"), std::string::npos)
        << search.out;

    auto check =
        run_command(quote(xasite::testing::xasite_binary()) + " check --site " + quote(site));
    EXPECT_EQ(check.exit_code, 0) << check.out;
}

TEST_F(SiteBuild, CommuneKeptUnchangedIsNotSaidToHaveEnded) {
    // Xã Ia Lốp (24214) was kept as it was ("giữ nguyên"); `archive ingest --unit 24214` accepts
    // it.
    fs::path dir = tmp_ / "content/archives/24214";
    township_portal(dir, "ialop.easup.daklak.gov.vn");
    UnitInfo u;
    u.code = "24214";
    u.name = "Xã Ia Lốp";
    u.type = "Xã";
    u.level = "commune";
    u.district = "Huyện Ea Súp";
    u.district_code = "646";
    u.province = "Đắk Lắk";
    u.dissolved = "2025-07-01";
    u.successors = {{"24214", "Xã Ia Lốp", false}};
    std::ofstream(dir / "data/metadata/unit.json") << unit_to_json(u).dump(2);
    rebag(dir);
    auto r =
        run_command(quote(xasite::testing::xasite_binary()) + " build -q --no-index --content " +
                    quote(tmp_ / "content") + " --out " + quote(tmp_ / "site") + " --unit 24214");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    // The archived pages' banners say it too (not "kết thúc hoạt động", not "giải thể").
    std::size_t banners = 0;
    for (const auto& f :
         fs::recursive_directory_iterator(tmp_ / "site/luu-tru/xa-ia-lop-24214/trang")) {
        if (f.path().extension() != ".html") continue;
        std::string page = slurp(f.path());
        ++banners;
        EXPECT_NE(page.find("Trang lưu trữ của Xã Ia Lốp, đơn vị được giữ nguyên khi sắp xếp từ "
                            "01/7/2025, nay là Xã Ia Lốp"),
                  std::string::npos)
            << f.path();
        EXPECT_EQ(page.find("kết thúc hoạt động"), std::string::npos) << f.path();
        EXPECT_EQ(page.find("giải thể"), std::string::npos) << f.path();
    }
    EXPECT_GT(banners, 0u);
    std::string landing = slurp(tmp_ / "site/luu-tru/xa-ia-lop-24214/index.html");
    EXPECT_NE(landing.find("giữ nguyên, không thực hiện sắp xếp"), std::string::npos) << landing;
    EXPECT_EQ(landing.find("Đã kết thúc hoạt động"), std::string::npos) << landing;
    std::string intro = slurp(tmp_ / "site/xa-ia-lop/gioi-thieu/index.html");
    EXPECT_NE(intro.find("Xã Ia Lốp (Huyện Ea Súp), giữ nguyên</th><td><a "
                         "href=\"../../luu-tru/xa-ia-lop-24214/\">Xem bản lưu trữ</a>"),
              std::string::npos)
        << intro;
}

TEST_F(SiteBuild, TwoPackagesOfOneOldCommuneStopTheBuild) {
    township_portal(tmp_ / "content/archives/24373", "thitran.eakar.daklak.gov.vn");
    township_portal(tmp_ / "content/archives/24373-lan-2", "thitran.eakar.daklak.gov.vn");
    auto r = build("site");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find("a second package for old commune 24373"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("archives/24373-lan-2"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("archives/24373)"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(tmp_ / "site"));
}

TEST_F(SiteBuild, TwoPackagesClaimingOneOldHostWarnInBuildAndServe) {
    // The township's package also holds captures of the district portal's host.
    township_portal(tmp_ / "content/archives/24373", "eakar.daklak.gov.vn");
    auto r = build("site");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const std::string a = (tmp_ / "content/archives/651").string();
    const std::string b = (tmp_ / "content/archives/24373").string();
    std::string line;
    for (std::istringstream in(r.out); std::getline(in, line);)
        if (line.find("old host eakar.daklak.gov.vn is claimed by") != std::string::npos) break;
    EXPECT_NE(line.find(a + " and " + b), std::string::npos) << r.out;

    // `xasite serve` says so at start-up, one line naming both archives.
    std::ostringstream log;
    serve::ServeOptions o;
    o.site_dir = tmp_ / "site";
    o.port = 0;
    o.quiet = true;
    o.archive_dir = "luu-tru";
    serve::SiteServer server(o, log);
    ASSERT_GT(server.bind(), 0) << log.str();
    std::string said = log.str();
    EXPECT_EQ(count(said,
                    "warning: old URLs: old host eakar.daklak.gov.vn is claimed by two "
                    "archives, huyen-ea-kar (651) and thi-tran-ea-kar-24373 (24373)"),
              1u)
        << said;
}

}  // namespace
}  // namespace xasite::archive
