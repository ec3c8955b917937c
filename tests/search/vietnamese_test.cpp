// Vietnamese text as the search sees it: tokens, folding with i/y variants, tone placement,
// codes, Telex/VNI readings, typo distance, escaping.
#include "search/vietnamese.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"
#include "search/lexicon.hpp"

using namespace xasite::search;

namespace {

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : tokenize(text))
        out.push_back(t.lower);
    return out;
}

std::string fold(std::string_view s) {
    return fold_token(xasite::text::lower(s), Lexicon::builtin());
}

}  // namespace

TEST(SearchText, TokensAreSyllablesWithOffsetsCodesAndJoinedApostrophes) {
    const std::string text = "Đăng ký khai sinh (Mã 1.001193.000.00.00.H12), xã Ea H’Leo.";
    auto tokens = tokenize(text);
    ASSERT_EQ(tokens.size(), 9u);
    EXPECT_EQ(tokens[0].lower, "đăng");
    EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Đăng");
    EXPECT_EQ(tokens[5].lower, "1.001193.000.00.00.h12");
    EXPECT_TRUE(tokens[5].is_code);
    EXPECT_FALSE(tokens[4].is_code);
    EXPECT_EQ(tokens[8].lower, "hleo");
    EXPECT_EQ(words("2025. Hết"), (std::vector<std::string>{"2025", "hết"}));
    EXPECT_EQ(words("12/2021/QĐ-TTg"), (std::vector<std::string>{"12", "2021", "qđ", "ttg"}));
}

TEST(SearchText, DecomposedInputAndInvalidBytesAreHandled) {
    // NFD: the combining marks stay inside the word.
    EXPECT_EQ(words("Đa\xCC\x86\xCC\x81ng ky\xCC\x81").size(), 2u);
    // An invalid byte separates words and never crashes.
    EXPECT_EQ(words("khai\xFFsinh"), (std::vector<std::string>{"khai", "sinh"}));
    EXPECT_EQ(clean_text("khai\xFF sinh"), "khai  sinh");
    EXPECT_EQ(clean_text("ho\xCC\x81\x61"), "hóa");  // NFD → NFC
    EXPECT_TRUE(tokenize(std::string(5000, '(')).empty());
}

TEST(SearchText, FoldingRemovesMarksAndUnifiesIYVariants) {
    EXPECT_EQ(fold("Đăng"), "dang");
    EXPECT_EQ(fold("ĐẤT"), "dat");
    EXPECT_EQ(fold("ký"), "ki");
    EXPECT_EQ(fold("kí"), "ki");
    EXPECT_EQ(fold("Mỹ"), "mi");
    EXPECT_EQ(fold("Mĩ"), "mi");
    EXPECT_EQ(fold("quý"), "qui");
    EXPECT_EQ(fold("lý"), "li");
    // Not variants: "thủy" is not "thui", "y" alone stays.
    EXPECT_EQ(fold("thủy"), "thuy");
    EXPECT_EQ(fold("y"), "y");
    EXPECT_EQ(fold("uỷ"), fold("ủy"));
    // NFD folds like NFC.
    EXPECT_EQ(fold("ky\xCC\x81"), "ki");
}

TEST(SearchText, TonePlacementIsUnified) {
    EXPECT_EQ(canonical_tone_placement("hoá"), "hóa");
    EXPECT_EQ(canonical_tone_placement("hóa"), "hóa");
    EXPECT_EQ(canonical_tone_placement("uỷ"), "ủy");
    EXPECT_EQ(canonical_tone_placement("thuỵ"), "thụy");
    EXPECT_EQ(canonical_tone_placement("hoà"), "hòa");
    EXPECT_EQ(canonical_tone_placement("khoẻ"), "khỏe");
    // Unambiguous placements are kept.
    for (const char* s : {"quý", "giữ", "người", "khuỷu", "hoàng", "toán", "thuyết", "ngoài", "mía",
                          "của", "gì", "tiếng", "đăng"})
        EXPECT_EQ(canonical_tone_placement(s), s) << s;
    // Not a syllable: unchanged.
    EXPECT_EQ(canonical_tone_placement("hleo"), "hleo");
    EXPECT_EQ(canonical_tone_placement("ḿ"), "ḿ");
}

TEST(SearchText, MarkSignaturesTellApartWhatFoldingJoins) {
    // Same marks: tone placement, i/y spelling and "đ" do not count.
    EXPECT_EQ(mark_signature("hoà"), mark_signature("hòa"));
    EXPECT_EQ(mark_signature("ký"), mark_signature("kí"));
    EXPECT_EQ(mark_signature("đăng"), mark_signature("dăng"));
    EXPECT_EQ(mark_signature("đi"), mark_signature("di"));
    // Different marks on the same folded syllable.
    EXPECT_NE(mark_signature("cũ"), mark_signature("cụ"));
    EXPECT_NE(mark_signature("mất"), mark_signature("mặt"));
    EXPECT_NE(mark_signature("hỏng"), mark_signature("hồng"));
    EXPECT_NE(mark_signature("để"), mark_signature("đẻ"));
    EXPECT_NE(mark_signature("thể"), mark_signature("thế"));
    EXPECT_NE(mark_signature("ma"), mark_signature("mà"));
    EXPECT_NE(mark_signature("người"), mark_signature("ngươi"));
}

TEST(SearchText, CodesDropTheProvinceSuffix) {
    EXPECT_EQ(code_key("1.001193"), "1.001193");
    EXPECT_EQ(code_key("1.001193.000.00.00.H12"), "1.001193");
    EXPECT_EQ(code_key("1.0133611"), "1.0133611");
    EXPECT_EQ(code_key("156/kh-ubnd"), "156/kh-ubnd");
}

TEST(SearchText, TelexAndVniLeftoversHaveReadings) {
    auto has = [](std::string_view token, const std::string& reading) {
        auto r = keyboard_readings(token);
        return std::find(r.begin(), r.end(), reading) != r.end();
    };
    EXPECT_TRUE(has("dangw", "dang"));
    EXPECT_TRUE(has("kys", "ky"));
    EXPECT_TRUE(has("ddaats", "dat"));
    EXPECT_TRUE(has("tieengs", "tieng"));
    EXPECT_TRUE(has("nhwng", "nhung"));
    EXPECT_TRUE(has("dang1", "dang"));
    EXPECT_TRUE(has("ky1", "ky"));
    EXPECT_TRUE(has("d9a8ng", "dang"));
    EXPECT_TRUE(keyboard_readings("sinh").empty());
    EXPECT_TRUE(keyboard_readings("2025").empty());
    EXPECT_TRUE(keyboard_readings("đăng").empty());
}

TEST(SearchText, TypoDistanceCountsTranspositionsAsOne) {
    EXPECT_EQ(typo_distance("dnag", "dang"), 1u);
    EXPECT_EQ(typo_distance("sinhh", "sinh"), 1u);
    EXPECT_EQ(typo_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(typo_distance("", "abc"), 3u);
    EXPECT_EQ(typo_distance("dang", "dang"), 0u);
}

TEST(SearchText, HtmlEscaping) {
    EXPECT_EQ(xasite::text::html_escape("<script>alert('x') & \"y\"</script>"),
              "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    EXPECT_TRUE(adjacent_gap(", "));
    EXPECT_FALSE(adjacent_gap(". "));
    EXPECT_FALSE(adjacent_gap(" ("));
    EXPECT_EQ(cut_text("đăng ký khai sinh", 7), "đăng");
}
