// Charset decoding: byte strings built by hand from the published tables (Windows-1258 code page,
// TCVN 5712:1993 "ABC" font table, VNI font table); the expected text is typed in NFC.
#include <gtest/gtest.h>

#include "archive/view/charset.hpp"
#include "archive/view/legacy_vi.hpp"
#include "core/text.hpp"

namespace xasite::archive {
namespace {

TEST(Charset, LabelsAreNormalised) {
    EXPECT_EQ(normalise_charset_label("UTF8"), "utf-8");
    EXPECT_EQ(normalise_charset_label(" utf-8 "), "utf-8");
    EXPECT_EQ(normalise_charset_label("windows-1258"), "windows-1258");
    EXPECT_EQ(normalise_charset_label("CP1258"), "windows-1258");
    EXPECT_EQ(normalise_charset_label("iso-8859-1"), "windows-1252");
    EXPECT_EQ(normalise_charset_label("latin1"), "windows-1252");
    EXPECT_EQ(normalise_charset_label("no-such-charset-xyz"), "");
    EXPECT_EQ(normalise_charset_label(""), "");
}

TEST(Charset, MetaPrescan) {
    EXPECT_EQ(prescan_meta_charset("<html><head><meta charset=\"windows-1258\"></head>"),
              "windows-1258");
    EXPECT_EQ(prescan_meta_charset(
                  "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">"),
              "utf-8");
    EXPECT_EQ(prescan_meta_charset("<p>charset=utf-8 in text</p>"), "");
}

// "Quyết định" in Windows-1258: ê (EA) + combining acute (EC); đ (F0), i + combining dot below
// (F2). "về": ê + combining grave (CC); "việc": ê + combining dot below (F2).
const std::string kCp1258 =
    "Quy\xEA\xECt \xF0i\xF2nh v\xEA\xCC vi\xEA\xF2"
    "c";

TEST(Charset, Windows1258ComposesToNfc) {
    std::string u = to_utf8(kCp1258, "windows-1258");
    EXPECT_FALSE(text::is_nfc(u)) << "ICU leaves the tone marks combining";
    DecodedText d = decode_html(
        "<html><head><meta charset=\"windows-1258\"></head><body>" + kCp1258 + "</body></html>",
        "");
    EXPECT_EQ(d.encoding, "windows-1258");
    EXPECT_EQ(d.source, "meta");
    EXPECT_NE(d.text.find("Quyết định về việc"), std::string::npos) << d.text;
    EXPECT_TRUE(text::is_nfc(d.text));
}

TEST(Charset, HttpCharsetWinsOverMeta) {
    DecodedText d = decode_html("<meta charset=\"utf-8\"><p>" + kCp1258 + "</p>", "windows-1258");
    EXPECT_EQ(d.encoding, "windows-1258");
    EXPECT_EQ(d.source, "http");
    EXPECT_NE(d.text.find("Quyết định"), std::string::npos);
}

TEST(Charset, Windows1258DetectedWithoutLabel) {
    DecodedText d = decode_html("<html><body><p>" + kCp1258 + "</p></body></html>", "");
    EXPECT_EQ(d.encoding, "windows-1258");
    EXPECT_NE(d.text.find("Quyết định về việc"), std::string::npos) << d.text;
}

TEST(Charset, Utf8NfdIsComposed) {
    // "Việt" written with combining marks (Unikey "Unicode tổ hợp"): e + circumflex + dot below.
    std::string nfd = "Vie\xCC\x82\xCC\xA3t Nam";
    DecodedText d = decode_html("<meta charset=utf-8><p>" + nfd + "</p>", "");
    EXPECT_EQ(d.encoding, "utf-8");
    EXPECT_NE(d.text.find("Việt Nam"), std::string::npos);
}

TEST(Charset, BomDecides) {
    DecodedText d = decode_html("\xEF\xBB\xBF<p>Đắk Lắk</p>", "windows-1252");
    EXPECT_EQ(d.encoding, "utf-8");
    EXPECT_EQ(d.source, "bom");
    EXPECT_NE(d.text.find("Đắk Lắk"), std::string::npos);
}

// TCVN3 (ABC): ệ = D6, ế = D5, đ = AE, ị = DE, ắ = BE, Đ = A7.
TEST(Charset, Tcvn3Table) {
    EXPECT_EQ(text::nfc(tcvn3_to_utf8("Vi\xD6t Nam", false)), "Việt Nam");
    EXPECT_EQ(text::nfc(tcvn3_to_utf8("Quy\xD5t \xAE\xDEnh", false)), "Quyết định");
    EXPECT_EQ(text::nfc(tcvn3_to_utf8("\xA7\xBEk L\xBEk", false)), "Đắk Lắk");
}

TEST(Charset, Tcvn3CapitalFont) {
    // .VnTimeH draws the lower-case code points as capitals.
    EXPECT_EQ(text::nfc(tcvn3_to_utf8("huy\xD6n", true)), "HUYỆN");
}

// VNI: base letter followed by a mark byte: e + ä (E4) = ệ, e + á (E1) = ế, ñ (F1) = đ,
// ò (F2) = ị, a + é (E9) = ắ, Ñ (D1) = Đ.
TEST(Charset, VniTable) {
    EXPECT_EQ(text::nfc(vni_to_utf8("Vie\xE4t Nam")), "Việt Nam");
    EXPECT_EQ(text::nfc(vni_to_utf8("Quye\xE1t \xF1\xF2nh")), "Quyết định");
    EXPECT_EQ(text::nfc(vni_to_utf8("\xD1"
                                    "a\xE9k La\xE9k")),
              "Đắk Lắk");
}

TEST(Charset, FontEncodedPageConvertedByFont) {
    std::string html =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
        "</head><body><p><font face=\".VnTime\">Quy\xD5t \xAE\xDEnh</font></p>"
        "<p style=\"font-family: 'VNI-Times'\">Vie\xE4t Nam</p><p>Plain ASCII</p></body></html>";
    DecodedText d = decode_html(html, "");
    EXPECT_EQ(d.source, "font") << d.encoding;
    EXPECT_NE(d.text.find("Quyết định"), std::string::npos) << d.text;
    EXPECT_NE(d.text.find("Việt Nam"), std::string::npos) << d.text;
    EXPECT_NE(d.text.find("Plain ASCII"), std::string::npos);
    EXPECT_TRUE(text::is_valid_utf8(d.text));
    EXPECT_TRUE(text::is_nfc(d.text));
}

TEST(Charset, LegacyFontNames) {
    EXPECT_EQ(legacy_font(".VnTime, serif"), LegacyFont::tcvn3);
    EXPECT_EQ(legacy_font("'.VnTimeH'"), LegacyFont::tcvn3_capitals);
    EXPECT_EQ(legacy_font("VNI-Times"), LegacyFont::vni);
    EXPECT_EQ(legacy_font("Arial"), LegacyFont::none);
    EXPECT_EQ(replace_legacy_fonts(".VnArial"), unicode_font_for(".VnArial"));
    EXPECT_EQ(replace_legacy_fonts("Arial"), "Arial");
}

TEST(Charset, CssCharsetRule) {
    DecodedText d =
        decode_text("@charset \"windows-1258\"; p:before { content: \"" + kCp1258 + "\" }", "");
    EXPECT_EQ(d.encoding, "windows-1258");
    EXPECT_NE(d.text.find("Quyết định"), std::string::npos);
}

TEST(Charset, MalformedInputNeverThrows) {
    for (const std::string& label : std::vector<std::string>{"bogus", "utf-7", "x-user-defined",
                                                             "\xFF\xFE", "windows-1258\"", ""}) {
        std::string html = "<meta charset=\"" + label + "\"><p>\xC3\x28 \xFF\xFE\x80 abc</p>";
        DecodedText d;
        ASSERT_NO_THROW(d = decode_html(html, label)) << label;
        EXPECT_TRUE(text::is_valid_utf8(d.text)) << label;
        ASSERT_NO_THROW(d = decode_text(html, label));
        EXPECT_TRUE(text::is_valid_utf8(d.text));
    }
    EXPECT_THROW(to_utf8("abc", "no-such-encoding"), std::runtime_error);
    std::string huge(1 << 20, '\xE0');
    EXPECT_TRUE(text::is_valid_utf8(decode_html(huge, "").text));
}

}  // namespace
}  // namespace xasite::archive
