// URL canonicalisation and the view's file names.
#include <gtest/gtest.h>

#include "archive/package/url.hpp"

namespace xasite::archive {
namespace {

std::string key(std::string_view s, bool ci) {
    auto u = parse_absolute_url(s);
    if (!u) return "<invalid>";
    return canonical_key(*u, ci);
}

TEST(Url, ParameterOrderDoesNotMatter) {
    EXPECT_EQ(key("http://eakar.daklak.gov.vn/Default.aspx?tabid=55&ID=101", false),
              key("http://eakar.daklak.gov.vn/Default.aspx?ID=101&tabid=55", false));
    EXPECT_EQ(key("http://eakar.daklak.gov.vn/Default.aspx?tabid=55&ID=101", false),
              "eakar.daklak.gov.vn/Default.aspx?ID=101&tabid=55");
    EXPECT_EQ(key("http://h.vn/p?a=1&&b=2&", false), "h.vn/p?a=1&b=2");
}

TEST(Url, CaseRulesOfIisHosts) {
    EXPECT_EQ(key("http://EAKAR.daklak.gov.vn/DEFAULT.ASPX?TabID=55", true),
              key("http://eakar.daklak.gov.vn/default.aspx?tabid=55", true));
    EXPECT_NE(key("http://eakar.daklak.gov.vn/Tin.html", false),
              key("http://eakar.daklak.gov.vn/tin.html", false));
    EXPECT_TRUE(looks_case_insensitive_path("/Default.aspx"));
    EXPECT_TRUE(looks_case_insensitive_path("/x/Handler.ASHX"));
    EXPECT_FALSE(looks_case_insensitive_path("/index.php"));
}

TEST(Url, HostSchemePortAndFragment) {
    EXPECT_EQ(key("https://www.eakar.daklak.gov.vn:443/a#frag", false), "eakar.daklak.gov.vn/a");
    EXPECT_EQ(key("http://eakar.daklak.gov.vn:8080/a", false), "eakar.daklak.gov.vn:8080/a");
    EXPECT_EQ(key("http://eakar.daklak.gov.vn", false), "eakar.daklak.gov.vn/");
    auto u = parse_absolute_url("http://h.vn/a#top");
    ASSERT_TRUE(u);
    EXPECT_TRUE(u->has_fragment);
    EXPECT_EQ(u->fragment, "top");
}

TEST(Url, AmpEntityLeftInQuery) {
    EXPECT_EQ(key("http://h.vn/Default.aspx?ID=101&amp;tabid=55", false),
              key("http://h.vn/Default.aspx?tabid=55&ID=101", false));
}

TEST(Url, PercentEncodingAndDotSegments) {
    EXPECT_EQ(key("http://h.vn/a/./b/../c%7e%41", false), "h.vn/a/c~A");
    EXPECT_EQ(key("http://h.vn/tin tức", false), key("http://h.vn/tin%20t%E1%BB%A9c", false));
    EXPECT_EQ(key("http://h.vn/p?x=%2f", false), "h.vn/p?x=%2F");
    EXPECT_EQ(percent_decode("a%20b%zz"), "a b%zz");
}

TEST(Url, RelativeResolution) {
    auto base = parse_absolute_url("http://eakar.daklak.gov.vn/tin-tuc/bai.aspx?id=1");
    ASSERT_TRUE(base);
    auto r = [&](std::string_view ref) {
        auto x = resolve_url(*base, ref);
        return x ? x->str() : std::string("<null>");
    };
    EXPECT_EQ(r("../Default.aspx?ID=2"), "http://eakar.daklak.gov.vn/Default.aspx?ID=2");
    EXPECT_EQ(r("/x"), "http://eakar.daklak.gov.vn/x");
    EXPECT_EQ(r("?p=2"), "http://eakar.daklak.gov.vn/tin-tuc/bai.aspx?p=2");
    EXPECT_EQ(r("//other.vn/y"), "http://other.vn/y");
    EXPECT_EQ(r(" \thttp:\\\\eakar.daklak.gov.vn\\z "), "http://eakar.daklak.gov.vn/z");
    EXPECT_EQ(r("#f"), "http://eakar.daklak.gov.vn/tin-tuc/bai.aspx?id=1#f");
    EXPECT_EQ(r("anh/1.jpg"), "http://eakar.daklak.gov.vn/tin-tuc/anh/1.jpg");
}

TEST(Url, FileNamesAreDeterministicAndTyped) {
    EXPECT_EQ(key_to_file("h.vn/Default.aspx?ID=101&tabid=55", "text/html"),
              "h.vn/Default.aspx@ID=101&tabid=55.html");
    EXPECT_EQ(key_to_file("h.vn/", "text/html"), "h.vn/index.html");
    EXPECT_EQ(key_to_file("h.vn/tin.htm", "text/html"), "h.vn/tin.htm");
    EXPECT_EQ(key_to_file("h.vn/files/qd.pdf", "application/pdf"), "h.vn/files/qd.pdf");
    std::string f = key_to_file("h.vn/GetFile.ashx?id=7", "application/pdf");
    EXPECT_EQ(f.substr(f.size() - 4), ".pdf") << f;
    // Lossy names get a digest, so distinct keys never share a file.
    EXPECT_NE(key_to_file("h.vn/a?x=%2F", "text/html"), key_to_file("h.vn/a?x=%3F", "text/html"));
    std::string long_key = "h.vn/p?" + std::string(400, 'q');
    EXPECT_LT(key_to_file(long_key, "text/html").size(), 260u);
}

TEST(Url, RelativeHrefs) {
    EXPECT_EQ(relative_href("trang/h.vn/a/b.html", "trang/h.vn/c.html"), "../c.html");
    EXPECT_EQ(relative_href("trang/h.vn/a/b.html", "chua-luu-tru/index.html"),
              "../../../chua-luu-tru/index.html");
    EXPECT_EQ(relative_href("a.html", "a.html"), "a.html");
    EXPECT_EQ(relative_href("x/a.html", "x/"), "./");
    EXPECT_EQ(encode_href_path("tin tức#1?.html"), "tin%20t%E1%BB%A9c%231%3F.html");
}

TEST(Url, MalformedInput) {
    EXPECT_FALSE(parse_absolute_url("not a url"));
    EXPECT_FALSE(parse_absolute_url(""));
    EXPECT_FALSE(parse_absolute_url("http://"));
    std::string huge = "http://h.vn/" + std::string(1 << 16, '%');
    auto u = parse_absolute_url(huge);
    if (u) {
        EXPECT_FALSE(canonical_key(*u, true).empty());
    }
    auto base = parse_absolute_url("http://h.vn/");
    ASSERT_TRUE(base);
    for (const std::string& s : std::vector<std::string>{"http://[::1", "http://a b/", "\x01\x02",
                                                         "http:", "../../../../..", "\xFF\xFE"})
        EXPECT_NO_THROW(resolve_url(*base, s)) << s;
}

}  // namespace
}  // namespace xasite::archive

namespace xasite::archive {
namespace {

TEST(Url, CaseAndOrderTogether) {
    auto k = [](std::string_view s) { return canonical_key(*parse_absolute_url(s), true); };
    EXPECT_EQ(k("http://h.vn/Default.aspx?id=101&TABID=55"),
              k("http://h.vn/Default.aspx?tabid=55&ID=101"));
    EXPECT_EQ(k("http://h.vn/a?x=%2f"), "h.vn/a?x=%2F");
}

}  // namespace
}  // namespace xasite::archive
