// parse_predecessor_text on real and synthetic strings.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/text.hpp"
#include "generator/units/registry.hpp"

namespace xasite::units {
namespace {

using ::testing::IsEmpty;

std::vector<PredecessorFragment> parse(std::string_view s) {
    return parse_predecessor_text(s);
}

TEST(UnitsPredecessorText, SplitsOnCommasAndReadsTypeAndName) {
    auto f = parse(
        "Phường 1, Xã Hòa An (huyện Phú Hòa) (phần còn lại sau khi sáp nhập vào xã Phú "
        "Hòa 1), Thị trấn La Hai, Krông Na");
    ASSERT_EQ(f.size(), 4u);
    EXPECT_EQ(f[0].raw, "Phường 1");
    EXPECT_EQ(f[0].type, "Phường");
    EXPECT_EQ(f[0].name, "1");
    EXPECT_EQ(f[0].district_hint, "");
    EXPECT_EQ(f[0].remainder_of, "");
    EXPECT_FALSE(f[0].unchanged);

    EXPECT_EQ(f[1].raw,
              "Xã Hòa An (huyện Phú Hòa) (phần còn lại sau khi sáp nhập vào xã Phú Hòa 1)");
    EXPECT_EQ(f[1].type, "Xã");
    EXPECT_EQ(f[1].name, "Hòa An");
    EXPECT_EQ(f[1].district_hint, "huyện Phú Hòa");
    EXPECT_EQ(f[1].remainder_of, "xã Phú Hòa 1");

    EXPECT_EQ(f[2].type, "Thị trấn");
    EXPECT_EQ(f[2].name, "La Hai");

    EXPECT_EQ(f[3].type, "");  // a bare renamed name
    EXPECT_EQ(f[3].name, "Krông Na");
}

TEST(UnitsPredecessorText, DistrictHintsOfEveryKind) {
    auto f = parse(
        "Xã Hòa Thành (thị xã Đông Hòa), Xã Hòa Thắng (thành phố Buôn Ma Thuột), "
        "Xã A (Huyện B), Xã C (TP. D), Xã E (quận F), Xã G (cũ)");
    ASSERT_EQ(f.size(), 6u);
    EXPECT_EQ(f[0].district_hint, "thị xã Đông Hòa");
    EXPECT_EQ(f[1].district_hint, "thành phố Buôn Ma Thuột");
    EXPECT_EQ(f[2].district_hint, "Huyện B");
    EXPECT_EQ(f[3].district_hint, "TP. D");
    EXPECT_EQ(f[4].district_hint, "quận F");
    EXPECT_EQ(f[5].district_hint, "");  // unknown groups are ignored, kept in raw
    EXPECT_EQ(f[5].name, "G");
    EXPECT_EQ(f[5].raw, "Xã G (cũ)");
}

TEST(UnitsPredecessorText, TypeWordsInAnyCaseAndForm) {
    auto f = parse(
        "XÃ Ea Kao, phường Tân An, THỊ TRẤN Ea Kar, Thị Trấn Phú Hoà, "
        "Xa\xcc\x83 Ea Tu");  // the last one in NFD
    ASSERT_EQ(f.size(), 5u);
    EXPECT_EQ(f[0].type, "Xã");
    EXPECT_EQ(f[0].name, "Ea Kao");
    EXPECT_EQ(f[1].type, "Phường");
    EXPECT_EQ(f[2].type, "Thị trấn");
    EXPECT_EQ(f[2].name, "Ea Kar");
    EXPECT_EQ(f[3].type, "Thị trấn");
    EXPECT_EQ(f[4].type, "Xã");
    EXPECT_EQ(f[4].name, "Ea Tu");
    EXPECT_TRUE(text::is_nfc(f[4].raw));
}

TEST(UnitsPredecessorText, WordsThatOnlyLookLikeTypeWords) {
    auto f = parse("Xãhội, Xã, Xa Lộ, Phường");
    ASSERT_EQ(f.size(), 4u);
    for (const auto& fragment : f)
        EXPECT_EQ(fragment.type, "") << fragment.raw;
    EXPECT_EQ(f[0].name, "Xãhội");
    EXPECT_EQ(f[1].name, "Xã");
    EXPECT_EQ(f[2].name, "Xa Lộ");
}

TEST(UnitsPredecessorText, ApostrophesAndSpacesAreTidiedButRawIsKept) {
    auto f = parse("   Xã   Ea H’đing ,\tXã Cư M‘Lan  ");
    ASSERT_EQ(f.size(), 2u);
    EXPECT_EQ(f[0].raw, "Xã   Ea H’đing");
    EXPECT_EQ(f[0].name, "Ea H'đing");
    EXPECT_EQ(f[1].name, "Cư M'Lan");
}

TEST(UnitsPredecessorText, UnchangedMarkers) {
    auto f = parse("giữ nguyên");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(f[0].unchanged);
    EXPECT_EQ(f[0].name, "");
    f = parse("Không sáp nhập.");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(f[0].unchanged);
    f = parse("Xã Ea Trang (Giữ nguyên)");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(f[0].unchanged);
    EXPECT_EQ(f[0].name, "Ea Trang");
    f = parse("Xã Giữ Nguyên Hòa");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_FALSE(f[0].unchanged);
}

TEST(UnitsPredecessorText, RemainderWithoutTarget) {
    auto f = parse("Xã Ea Bia (phần còn lại)");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].remainder_of, "phần còn lại");
    EXPECT_EQ(f[0].name, "Ea Bia");
}

TEST(UnitsPredecessorText, CommasInsideParenthesesDoNotSplit) {
    auto f = parse("Xã A (huyện B, tỉnh C), Xã D");
    ASSERT_EQ(f.size(), 2u);
    EXPECT_EQ(f[0].name, "A");
    EXPECT_EQ(f[0].district_hint, "huyện B, tỉnh C");
    EXPECT_EQ(f[1].name, "D");
}

TEST(UnitsPredecessorText, NestedParentheses) {
    auto f = parse(
        "Xã A (huyện Krông Bông (cũ)) (phần còn lại sau khi sáp nhập vào xã B (mới)), "
        "Xã C");
    ASSERT_EQ(f.size(), 2u);
    EXPECT_EQ(f[0].name, "A");
    EXPECT_EQ(f[0].district_hint, "huyện Krông Bông");
    EXPECT_EQ(f[0].remainder_of, "xã B (mới)");
    EXPECT_EQ(f[1].name, "C");
}

TEST(UnitsPredecessorText, UnbalancedParentheses) {
    // An unclosed "(" does not swallow the following fragments; it runs to the end of its own.
    auto f = parse("Xã A (huyện Phú Hòa, Xã B");
    ASSERT_EQ(f.size(), 2u);
    EXPECT_EQ(f[0].name, "A");
    EXPECT_EQ(f[0].district_hint, "huyện Phú Hòa");
    EXPECT_EQ(f[1].name, "B");
    // A stray ")" is dropped.
    f = parse("Xã A), Xã B)) (huyện C");
    ASSERT_EQ(f.size(), 2u);
    EXPECT_EQ(f[0].name, "A");
    EXPECT_EQ(f[1].name, "B");
    EXPECT_EQ(f[1].district_hint, "huyện C");
    // Only parentheses: one fragment without a name.
    f = parse("(((");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].name, "");
    // Name after the group.
    f = parse("(huyện Lắk) Xã Buôn Tría");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].type, "Xã");
    EXPECT_EQ(f[0].name, "Buôn Tría");
    EXPECT_EQ(f[0].district_hint, "huyện Lắk");
}

TEST(UnitsPredecessorText, EmptyInputsGiveNoFragments) {
    EXPECT_THAT(parse(""), IsEmpty());
    EXPECT_THAT(parse("   \t\n"), IsEmpty());
    EXPECT_THAT(parse(",,, , ;;"), IsEmpty());
    EXPECT_EQ(parse(", Xã A ,, ").size(), 1u);
}

TEST(UnitsPredecessorText, InvalidUtf8BecomesReplacementCharacters) {
    auto f = parse("Xã Ea\xff Kao, \xc3");
    ASSERT_EQ(f.size(), 2u);
    EXPECT_TRUE(text::is_valid_utf8(f[0].raw));
    EXPECT_EQ(f[0].type, "Xã");
    EXPECT_EQ(f[0].name, "Ea\xef\xbf\xbd Kao");
    EXPECT_EQ(f[1].name, "\xef\xbf\xbd");
}

TEST(UnitsPredecessorText, SemicolonsSplitToo) {
    auto f = parse("Xã A; Xã B");
    ASSERT_EQ(f.size(), 2u);
    EXPECT_EQ(f[1].name, "B");
}

}  // namespace
}  // namespace xasite::units
