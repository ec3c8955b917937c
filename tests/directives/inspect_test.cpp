// run_inspect(): the human block and the JSON document per file, exit status, secret documents.
#include <gtest/gtest.h>

#include <sstream>

#include "directives_test_support.hpp"

namespace xasite::directives {
namespace {

using testing::fixture;
using testing::fixture_path;

TEST(DirectiveInspect, HumanReadable) {
    std::ostringstream out, err;
    int rc = run_inspect({fixture_path("real/000_904af3f79e6c7a42.txt"),
                          fixture_path("synthetic/commune-cong-van.txt")},
                         false, out, err);
    EXPECT_EQ(rc, 0);
    EXPECT_EQ(err.str(), "");
    std::string s = out.str();
    EXPECT_NE(s.find(fixture_path("real/000_904af3f79e6c7a42.txt").string() + "\n"),
              std::string::npos);
    EXPECT_NE(s.find("  type:         Công văn\n"), std::string::npos) << s;
    EXPECT_NE(s.find("  number:       (blank: unsigned copy)\n"), std::string::npos) << s;
    EXPECT_NE(s.find("  date:         2025-06 (day blank)\n"), std::string::npos) << s;
    EXPECT_NE(s.find("  issuer:       ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\n"), std::string::npos);
    EXPECT_NE(s.find("  signer:       KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Tuấn Hà\n"),
              std::string::npos);
    EXPECT_NE(s.find("  recipients:   - Các Sở, ngành:"), std::string::npos);
    EXPECT_NE(s.find("                - Viễn Thông Đắk Lắk\n"), std::string::npos);
    EXPECT_NE(
        s.find("  body:         21 blocks (5 headings, 8 paragraphs, 8 list items), 0 footnotes\n"),
        std::string::npos)
        << s;
    EXPECT_NE(s.find("  number:       156 (written 0156)\n"), std::string::npos) << s;
    EXPECT_NE(s.find("  procedures:   - 1.001193.000.00.00.H12\n"), std::string::npos) << s;
    EXPECT_EQ(s.find("never be published"), std::string::npos);
}

TEST(DirectiveInspect, JsonDocumentPerFile) {
    std::ostringstream out, err;
    int rc = run_inspect({fixture_path("real/001_1eb639fe7a9b089c.txt"),
                          fixture_path("real/004_721385dba39d987a.txt")},
                         true, out, err);
    EXPECT_EQ(rc, 0);
    std::istringstream in(out.str());
    nlohmann::json a, b;
    in >> a >> b;
    EXPECT_EQ(a["file"], fixture_path("real/001_1eb639fe7a9b089c.txt").string());
    EXPECT_EQ(a["type"], "Công văn");
    EXPECT_TRUE(a["number"].is_null());
    EXPECT_EQ(a["date"], "2025-07");
    EXPECT_EQ(b["type"], "Kế hoạch");
    EXPECT_EQ(b["symbol"], "KH-UBND");
    EXPECT_EQ(b["signer"]["authority"], "KT.");
    in >> std::ws;
    EXPECT_TRUE(in.eof());  // exactly two documents
}

TEST(DirectiveInspect, UnreadableFilesGiveExitOneAndTheOthersArePrinted) {
    std::ostringstream out, err;
    int rc =
        run_inspect({fixture_path("bad/not-a-pdf.pdf"), fixture_path("synthetic/header-cut.txt"),
                     fixture_path("bad/front-matter-date.md")},
                    false, out, err);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(err.str().find(fixture_path("bad/not-a-pdf.pdf").string() + ": is not a PDF file"),
              std::string::npos)
        << err.str();
    EXPECT_NE(err.str().find(fixture_path("bad/front-matter-date.md").string() + ":3:"),
              std::string::npos)
        << err.str();
    EXPECT_NE(out.str().find("Trần Văn Bình"), std::string::npos);
    EXPECT_NE(out.str().find("  warnings:     - the issuing body was not found\n"),
              std::string::npos)
        << out.str();
}

TEST(DirectiveInspect, SecretDocumentsAreShownAndSaidNeverToBePublished) {
    xasite::testing::TempDir dir;
    std::string t = fixture("synthetic/commune-cong-van.txt");
    t.insert(t.find("V/v"), "TỐI MẬT\n");
    write_file_atomic(dir / "secret.txt", t);
    std::ostringstream out, err, jout;
    EXPECT_EQ(run_inspect({dir / "secret.txt"}, false, out, err), 0);
    EXPECT_NE(
        out.str().find("  secrecy:      TỐI MẬT — a secret document: it will never be published\n"),
        std::string::npos)
        << out.str();
    EXPECT_NE(out.str().find("Y Bhin Niê"), std::string::npos);  // shown to staff
    EXPECT_EQ(run_inspect({dir / "secret.txt"}, true, jout, err), 0);
    nlohmann::json j = nlohmann::json::parse(jout.str());
    EXPECT_EQ(j["secrecy"], "TỐI MẬT");
    EXPECT_EQ(j["publishable"], false);
}

TEST(DirectiveInspect, NoFilesIsNotAnError) {
    std::ostringstream out, err;
    EXPECT_EQ(run_inspect({}, true, out, err), 0);
    EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace xasite::directives
