#include "core/text.hpp"

#include <gtest/gtest.h>

using namespace xasite::text;

TEST(Utf8, AcceptsValidAndRejectsInvalid) {
    EXPECT_TRUE(is_valid_utf8("Đắk Lắk"));
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_EQ(find_invalid_utf8("ab\xC3"), 2u);            // truncated sequence
    EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);          // overlong
    EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);     // surrogate
    EXPECT_EQ(find_invalid_utf8("\xF5\x80\x80\x80"), 0u);  // above U+10FFFF
    EXPECT_EQ(find_invalid_utf8("ok\xFF"), 2u);
}

TEST(Nfc, ComposesDecomposedVietnamese) {
    // "Đắk Lắk" in NFD: a + combining breve + combining acute
    std::string nfd =
        "\xC4\x90"
        "a\xCC\x86\xCC\x81k L"
        "a\xCC\x86\xCC\x81k";
    EXPECT_EQ(nfc(nfd), "Đắk Lắk");
    EXPECT_FALSE(is_nfc(nfd));
    EXPECT_TRUE(is_nfc("Đắk Lắk"));
    EXPECT_EQ(nfc("plain ascii"), "plain ascii");
}

TEST(Fold, StripsEveryVietnameseMarkAndD) {
    EXPECT_EQ(fold("Đăng ký khai sinh"), "dang ky khai sinh");
    EXPECT_EQ(fold("ĐƯỜNG ĐẤT ĐAI"), "duong dat dai");
    EXPECT_EQ(fold("Ủy ban nhân dân"), "uy ban nhan dan");
    // old and new tone placement fold the same
    EXPECT_EQ(fold("hoá"), fold("hóa"));
    EXPECT_EQ(fold("uỷ"), fold("ủy"));
    EXPECT_EQ(fold("Thuỵ"), fold("Thụy"));
    // NFD input folds like NFC
    EXPECT_EQ(fold("Đa\xCC\x86\xCC\x81k"), "dak");
    // typographic apostrophes become ASCII
    EXPECT_EQ(fold("Ea H’Leo"), "ea h'leo");
    // whitespace collapsed and trimmed, NBSP included
    EXPECT_EQ(fold("  Krông\xC2\xA0\t Năng  "), "krong nang");
}

TEST(Fold, AllVietnameseLettersFoldToAscii) {
    const std::string letters =
        "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
    std::string folded = fold(letters);
    EXPECT_EQ(folded, "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd");
    EXPECT_EQ(fold(upper(letters)), folded);
}

TEST(CompactKey, IgnoresSpacingAndApostrophes) {
    EXPECT_EQ(compact_key("Ea Chà Rang"), compact_key("Eachà Rang"));
    EXPECT_EQ(compact_key("Ea Drơng"), compact_key("Ea D'Rơng"));
    EXPECT_EQ(compact_key("Cư Ê Wi"), compact_key("Cư Êwi"));
    EXPECT_EQ(compact_key("Ea H’Leo"), "eahleo");
}

TEST(Slug, MatchesTheDesignExamples) {
    EXPECT_EQ(slug("Buôn Ma Thuột"), "buon-ma-thuot");
    EXPECT_EQ(slug("Ea H'Leo"), "ea-hleo");
    EXPECT_EQ(slug("Ea H’Leo"), "ea-hleo");
    EXPECT_EQ(slug("Thi đua - khen thưởng"), "thi-dua-khen-thuong");
    EXPECT_EQ(slug("Thi đua, khen thưởng"), "thi-dua-khen-thuong");
    EXPECT_EQ(slug("Phú Hòa 1"), "phu-hoa-1");
    EXPECT_EQ(slug("  --  "), "");
}

TEST(Tidy, NormalisesApostrophesAndSpaces) {
    EXPECT_EQ(tidy("  Ea  H’đing\t"), "Ea H'đing");
}

TEST(Trim, TrimsUnicodeSpace) {
    EXPECT_EQ(trim("\xC2\xA0 abc \n"), "abc");
    EXPECT_EQ(trim("   "), "");
}

TEST(EditDistance, CountsCodePoints) {
    EXPECT_EQ(edit_distance("đinh", "đing"), 1u);
    EXPECT_EQ(edit_distance("cuyang", "cujang"), 1u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("Lắk", "Lak"), 1u);
}

TEST(Case, LowerAndUpperKeepMarks) {
    EXPECT_EQ(lower("ĐẮK LẮK"), "đắk lắk");
    EXPECT_EQ(upper("ủy ban"), "ỦY BAN");
}

TEST(SortKeyVi, FollowsTheVietnameseAlphabet) {
    // a < ă < â < b ... d < đ < e < ê
    EXPECT_LT(sort_key_vi("an"), sort_key_vi("ăn"));
    EXPECT_LT(sort_key_vi("ăn"), sort_key_vi("ân"));
    EXPECT_LT(sort_key_vi("dân"), sort_key_vi("đất"));
    EXPECT_LT(sort_key_vi("đất"), sort_key_vi("em"));
    EXPECT_LT(sort_key_vi("Hải quan"), sort_key_vi("Hộ tịch"));
    EXPECT_NE(sort_key_vi("Thi đua - khen thưởng"), sort_key_vi("Thi đua, khen thưởng"));
}

TEST(Text, PrefixAtWordCutsBetweenWordsAndNeverInsideALetter) {
    using xasite::text::prefix_at_word;
    EXPECT_EQ(prefix_at_word("Giấy chứng sinh", 100), std::string("Giấy chứng sinh").size());
    const std::string s = "Giấy tờ có giá trị chứng minh thông tin về cư trú";
    std::size_t n = prefix_at_word(s, 20);
    EXPECT_LE(n, 20u);
    EXPECT_EQ(s.substr(0, n), "Giấy tờ có giá");
    // No space in the second half of the span: cut at a code point boundary, not inside "ứ".
    const std::string word = "chứngchứngchứngchứng";
    n = prefix_at_word(word, 4);
    EXPECT_EQ(word.substr(0, n), "ch");
    EXPECT_TRUE(xasite::text::is_valid_utf8(word.substr(0, prefix_at_word(word, 5))));
}
