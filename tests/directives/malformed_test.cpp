// Malformed input (the fuzz corpus of fuzz/corpus/directive) through extract(): partial metadata,
// never an exception or a crash; and what some of those inputs must give.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "core/text.hpp"
#include "directives_test_support.hpp"

namespace xasite::directives {
namespace {

namespace fs = std::filesystem;

fs::path corpus() {
    return xasite::testing::source_dir() / "fuzz" / "corpus" / "directive";
}

TEST(DirectiveMalformed, EveryCorpusFileGivesMetadataWithoutThrowing) {
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(corpus())) {
        std::string data = read_file(e.path());
        auto start = std::chrono::steady_clock::now();
        Metadata m;
        EXPECT_NO_THROW(m = extract(data)) << e.path();
        std::string html;
        EXPECT_NO_THROW(html = body_html(m)) << e.path();
        nlohmann::json j;
        EXPECT_NO_THROW(j = to_json(m, e.path().string())) << e.path();
        EXPECT_NO_THROW((void)j.dump()) << e.path();  // every string is valid UTF-8
        EXPECT_TRUE(text::is_valid_utf8(html)) << e.path();
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
        EXPECT_LT(ms.count(), 20000)
            << e.path() << " took " << ms.count() << " ms";  // linear, even sanitized
        ++files;
    }
    EXPECT_GE(files, 30u);
}

TEST(DirectiveMalformed, EmptyInput) {
    Metadata m = extract("");
    EXPECT_EQ(m.type, "");
    EXPECT_FALSE(m.number.has_value());
    EXPECT_TRUE(m.body.empty());
    EXPECT_TRUE(m.date.empty());
    EXPECT_FALSE(m.warnings.empty());
    EXPECT_EQ(body_html(m), "");
}

TEST(DirectiveMalformed, OnlyTheNumberLabel) {
    Metadata m = extract("Số:");
    EXPECT_FALSE(m.number.has_value());
    EXPECT_EQ(m.symbol, "");
    EXPECT_EQ(m.type, "");
}

TEST(DirectiveMalformed, InvalidUtf8IsReplacedAndReported) {
    Metadata m = extract(read_file(corpus() / "invalid-utf8.txt"));
    EXPECT_EQ(m.symbol, "KH-UBND");
    bool warned = false;
    for (const auto& w : m.warnings)
        warned = warned || w.find("not valid UTF-8") != std::string::npos;
    EXPECT_TRUE(warned);
}

TEST(DirectiveMalformed, ControlCharactersAreRemoved) {
    std::string t =
        "ỦY BAN NHÂN DÂN\x01\x02\nXÃ EA KAR\x1b\nSố:\x07 12/UBND-VP\x7f\nV/v thử\x0bnghiệm\n"
        "Đắk Lắk,\x0e ngày 05 tháng 01 năm 2026\r\nKính gửi: Sở Nội vụ.\rNội "
        "dung\u2028dòng\u2029hai./.\n";
    t.insert(t.find("XÃ"), 1, '\0');
    Metadata m = extract(t);
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN XÃ EA KAR");
    EXPECT_EQ(m.number, "12");
    EXPECT_EQ(m.symbol, "UBND-VP");
    EXPECT_EQ(m.recipients, std::vector<std::string>{"Sở Nội vụ"});
    EXPECT_TRUE(std::find(m.warnings.begin(), m.warnings.end(),
                          "control characters were removed from the text") != m.warnings.end());
    EXPECT_FALSE(extract(read_file(corpus() / "control-chars.txt")).warnings.empty());
    EXPECT_EQ(m.place, "Đắk Lắk");
    EXPECT_EQ(m.date.iso(), "2026-01-05");
    for (const auto& b : m.body)
        for (unsigned char c : b.text)
            EXPECT_GE(c, 0x20u);
}

TEST(DirectiveMalformed, BlankLinesAndHugeLines) {
    EXPECT_TRUE(extract(std::string(10000, '\n')).body.empty());
    Metadata m = extract(read_file(corpus() / "line-1mb.txt"));
    EXPECT_EQ(m.issuer, "");
    EXPECT_GE(m.body.size(), 1u);
}

TEST(DirectiveMalformed, CarriageReturnsAndByteOrderMark) {
    std::string real = testing::fixture("real/000_904af3f79e6c7a42.txt");
    Metadata a = extract(real);
    EXPECT_EQ(to_json(extract(read_file(corpus() / "cr-only.txt")), "x"), to_json(a, "x"));
    EXPECT_EQ(to_json(extract(read_file(corpus() / "bom.txt")), "x"), to_json(a, "x"));
}

}  // namespace
}  // namespace xasite::directives
