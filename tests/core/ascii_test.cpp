#include "core/ascii.hpp"

#include <gtest/gtest.h>

using namespace xasite;

TEST(Ascii, LowerChangesOnlyAsciiLetters) {
    EXPECT_EQ(ascii::lower('A'), 'a');
    EXPECT_EQ(ascii::lower('z'), 'z');
    EXPECT_EQ(ascii::lower('@'), '@');
    EXPECT_EQ(ascii::lower("Index.HTML"), "index.html");
    // UTF-8 bytes pass through: "Đắk" keeps its letters, only ASCII is lowered.
    EXPECT_EQ(ascii::lower("ĐẮK Lắk"), "ĐẮk lắk");
    std::string s = "X.PDF";
    ascii::lower_in_place(s);
    EXPECT_EQ(s, "x.pdf");
}

TEST(Ascii, Classes) {
    EXPECT_TRUE(ascii::is_alpha('q'));
    EXPECT_FALSE(ascii::is_alpha('1'));
    EXPECT_TRUE(ascii::is_digit('7'));
    EXPECT_FALSE(ascii::is_alnum('\xC3'));
    EXPECT_EQ(ascii::hex_value('0'), 0);
    EXPECT_EQ(ascii::hex_value('f'), 15);
    EXPECT_EQ(ascii::hex_value('B'), 11);
    EXPECT_EQ(ascii::hex_value('g'), -1);
}

TEST(Ascii, Trim) {
    EXPECT_EQ(ascii::trim("  a b \t\r\n"), "a b");
    EXPECT_EQ(ascii::trim(" \t "), "");
    EXPECT_EQ(ascii::trim(""), "");
    EXPECT_EQ(ascii::trim("\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");  // NBSP is not ASCII space
    EXPECT_EQ(ascii::trim(" x\n", " \t\r"), "x\n");                    // own set
}

TEST(Ascii, CaseInsensitiveComparison) {
    EXPECT_TRUE(ascii::iequals("Content-Type", "content-type"));
    EXPECT_FALSE(ascii::iequals("abc", "abcd"));
    EXPECT_TRUE(ascii::istarts_with("JavaScript:void(0)", "javascript:"));
    EXPECT_FALSE(ascii::istarts_with("java", "javascript:"));
    EXPECT_TRUE(ascii::iends_with("PAGE.ASPX", ".aspx"));
    EXPECT_TRUE(ascii::icontains("x __doPostBack(y)", "__dopostback"));
    EXPECT_FALSE(ascii::icontains("short", "longer needle"));
}
