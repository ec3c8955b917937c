// Bad input: every case fails with exit status 1 and a message naming the file (and the line or
// record), writes nothing, and leaves a previously built site untouched.
#include <gtest/gtest.h>

#include "core/files.hpp"
#include "e2e_support.hpp"

using namespace xasite;
using xasite::testing::contains;
using xasite::testing::quote;
namespace fs = std::filesystem;

namespace {

class BadInput : public ::testing::Test {
  protected:
    void SetUp() override { content_ = xasite::testing::copy_content(dir_.path()); }

    // Runs `xasite build` and expects failure with every fragment in its message.
    void expect_failure(const std::vector<std::string>& fragments) {
        auto r = xasite::testing::run_command(quote(xasite::testing::xasite_binary()) +
                                              " build -q --content " + quote(content_) + " --out " +
                                              quote(dir_ / "site") + " --unit 24373");
        EXPECT_EQ(r.exit_code, 1) << r.out;
        for (const auto& f : fragments)
            EXPECT_TRUE(contains(r.out, f)) << "missing '" << f << "' in: " << r.out;
        EXPECT_FALSE(fs::exists(dir_ / "site")) << "a failed build wrote output";
        for (const auto& e : fs::directory_iterator(dir_.path()))
            EXPECT_EQ(e.path().filename().string().find("site.tmp"), std::string::npos)
                << "temporary left behind";
    }
    void write(const std::string& rel, const std::string& data) {
        write_file_atomic(content_ / rel, data);
    }

    xasite::testing::TempDir dir_;
    fs::path content_;
};

}  // namespace

TEST_F(BadInput, MalformedProcedureJsonNamesFileLineAndColumn) {
    write("procedures/1.001193.json",
          "{\n  \"code\": \"1.001193\",\n  \"name\": \"x\" \"field\": \"y\"\n}\n");
    expect_failure({"procedures/1.001193.json:3:", "malformed JSON"});
}

TEST_F(BadInput, TruncatedJsonIsReportedAsSuch) {
    std::string site = read_file(content_ / "site.json");
    write("site.json", site.substr(0, site.size() / 2));
    expect_failure({"site.json:", "unexpected end of file"});
}

TEST_F(BadInput, InvalidUtf8InAPageNamesTheLine) {
    write("units/24373/gioi-thieu.md",
          "---\ntitle: Giới thiệu\nsection: gioi-thieu\n---\nDòng một\nDòng \xC3\x28 hai\n");
    expect_failure({"units/24373/gioi-thieu.md:6: invalid UTF-8"});
}

TEST_F(BadInput, InvalidUtf8InTheRegistryNamesTheFile) {
    std::string units = read_file(content_ / "units/daklak-units.json");
    units.insert(units.find("Ea Kar"), "\xFF");
    write("units/daklak-units.json", units);
    expect_failure({"units/daklak-units.json:", "invalid UTF-8"});
}

TEST_F(BadInput, DuplicateProcedureCodesNameBothFiles) {
    fs::copy_file(content_ / "procedures/1.001193.json",
                  content_ / "procedures/copy-of-khai-sinh.json");
    expect_failure({"1.001193", "copy-of-khai-sinh.json", "1.001193.json", "duplicate"});
}

TEST_F(BadInput, MissingRequiredFieldNamesTheField) {
    write("procedures/1.001193.json",
          "{\"code\": \"1.001193\", \"field\": \"Hộ tịch\", \"detail\": \"catalog\", "
          "\"status\": \"in_force\", \"online_level\": \"none\"}\n");
    expect_failure({"procedures/1.001193.json", "name"});
}

TEST_F(BadInput, UnknownUnitCodeInFrontMatter) {
    write("pages/thong-bao.md",
          "---\ntitle: Thông báo chung\nunits: [24373, 99999]\n---\nNội dung.\n");
    expect_failure({"pages/thong-bao.md", "unknown unit code '99999'"});
}

TEST_F(BadInput, UnknownUnitFolder) {
    write("units/12345/gioi-thieu.md", "---\ntitle: x\n---\n");
    expect_failure({"units/12345", "is not the code of a new unit"});
}

TEST_F(BadInput, TemplateSyntaxErrorNamesTheTemplateAndLine) {
    write("templates/partials/footer-unit.mustache",
          "<footer>\n<p>{{site.name}</p>\n{{#site}}\n</footer>\n");
    expect_failure({"template syntax error", "templates/partials/footer-unit.mustache:"});
}

TEST_F(BadInput, SecretDocumentsAreNeverPublished) {
    write("directives/bao-cao-mat.txt",
          "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nMẬT\nSố: 12/BC-UBND\nĐắk Lắk, ngày 02 tháng 7 năm 2025\n"
          "BÁO CÁO\nTình hình an ninh\nNội dung.\n");
    expect_failure({"directives/bao-cao-mat.txt", "MẬT", "never published"});
}

TEST_F(BadInput, UnknownUnitCodeInADocumentsFrontMatter) {
    write("directives/thong-bao.md",
          "---\nunits: [24373, 99999]\n---\nTHÔNG BÁO\nLịch tiếp công dân\n");
    expect_failure({"directives/thong-bao.md", "unknown unit code '99999'"});
}

TEST_F(BadInput, UnknownUnitOnTheCommandLine) {
    auto r = xasite::testing::run_command(quote(xasite::testing::xasite_binary()) +
                                          " build -q --content " + quote(content_) + " --out " +
                                          quote(dir_ / "site") + " --unit 00000");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "--unit 00000")) << r.out;
    EXPECT_FALSE(fs::exists(dir_ / "site"));
}

TEST_F(BadInput, AFailedBuildLeavesThePreviousSiteUntouched) {
    auto build = [&] {
        return xasite::testing::run_command(quote(xasite::testing::xasite_binary()) +
                                            " build -q --content " + quote(content_) + " --out " +
                                            quote(dir_ / "site") + " --unit 24169");
    };
    ASSERT_EQ(build().exit_code, 0);
    auto before = xasite::testing::read_tree(dir_ / "site");
    auto index_before = xasite::testing::read_tree(dir_ / "site.xapian");
    ASSERT_FALSE(index_before.empty());
    write("procedures/1.001193.json", "{ broken");
    auto r = build();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(before == xasite::testing::read_tree(dir_ / "site"));
    EXPECT_TRUE(index_before == xasite::testing::read_tree(dir_ / "site.xapian"));
    for (const auto& e : fs::directory_iterator(dir_.path()))
        EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
}

TEST_F(BadInput, RefusesToOverwriteADirectoryItDidNotBuild) {
    auto r = xasite::testing::run_command(quote(xasite::testing::xasite_binary()) +
                                          " build -q --content " + quote(content_) + " --out " +
                                          quote(content_ / "units") + " --unit 24373");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "refusing to replace")) << r.out;
    EXPECT_TRUE(fs::exists(content_ / "units/daklak-units.json"));
}

TEST_F(BadInput, AReformActWhoseQuoteIsNotInItsDocumentIsRefused) {
    std::string site = read_file(content_ / "site.json");
    const std::string quote_text =
        "Nghị quyết số 202/2025/QH15 về việc sắp xếp đơn vị hành chính cấp tỉnh";
    auto at = site.find(quote_text);
    ASSERT_NE(at, std::string::npos);
    write("site.json",
          site.replace(at, quote_text.size(), "Nghị quyết số 202/2024/QH15 về việc khác"));
    expect_failure({"site.json", "reorganisation.acts[0].checked_in.quote",
                    "directives/001_1eb639fe7a9b089c.txt does not contain"});
}

TEST_F(BadInput, AMalformedProcedureScopeNamesTheFileAndField) {
    write("procedure-scope.json",
          "{\"not_at_communes\": [{\"id\": \"thue\", \"fields\": [\"Thuế\"], \"reason\": \"x\"}]}");
    expect_failure({"procedure-scope.json", "not_at_communes[0].receiver", "missing"});
}
