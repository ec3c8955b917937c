#include "generator/check/url.hpp"

#include <gtest/gtest.h>

using namespace xasite::check::url;

TEST(CheckUrl, CleanStripsControlsAndRemovesTabsAndNewlines) {
    EXPECT_EQ(clean_reference("  \t/a/b.html \n"), "/a/b.html");
    EXPECT_EQ(clean_reference("thu-\ntuc/\t"), "thu-tuc/");
    EXPECT_EQ(clean_reference("\x01\x1F"), "");
    EXPECT_EQ(clean_reference("a b.html"), "a b.html");  // inner spaces stay
}

TEST(CheckUrl, ExternalMeansAnySchemeOrProtocolRelative) {
    for (const char* s : {"http://x.vn/", "https://x.vn/a", "HTTPS://x", "mailto:a@b.vn",
                          "tel:+84123", "javascript:void(0)", "data:image/png;base64,AA",
                          "//cdn.example.com/a.js", "\\\\cdn/a", "/\\cdn/a", "ftp+x-y.z:rest"})
        EXPECT_TRUE(is_external(s)) << s;
    for (const char* s :
         {"a.html", "/a/b", "./a:b.html", "#top", "?q=1", "1http://x", "a/b:c", "", "/", "-x:y"})
        EXPECT_FALSE(is_external(s)) << s;
}

TEST(CheckUrl, SplitDropsQueryAndKeepsFragment) {
    auto p = split("a/b.html?x=1&y=2#muc-1");
    EXPECT_EQ(p.path, "a/b.html");
    EXPECT_TRUE(p.has_fragment);
    EXPECT_EQ(p.fragment, "muc-1");

    p = split("a/?q=#");
    EXPECT_EQ(p.path, "a/");
    EXPECT_TRUE(p.has_fragment);
    EXPECT_EQ(p.fragment, "");

    p = split("#x?y");  // '?' after '#' belongs to the fragment
    EXPECT_EQ(p.path, "");
    EXPECT_EQ(p.fragment, "x?y");

    p = split("?page=2");
    EXPECT_EQ(p.path, "");
    EXPECT_FALSE(p.has_fragment);
}

TEST(CheckUrl, PercentDecodeGivesUtf8BytesAndKeepsMalformedEscapes) {
    EXPECT_EQ(percent_decode("thu-tuc/%C4%91%E1%BA%A5t"), "thu-tuc/đất");
    EXPECT_EQ(percent_decode("%c4%91"), "đ");
    EXPECT_EQ(percent_decode("a%20b+c"), "a b+c");
    EXPECT_EQ(percent_decode("100%"), "100%");
    EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
    EXPECT_EQ(percent_decode("%2e%2E"), "..");
    EXPECT_EQ(decode_path("a\\b%5Cc"), "a/b\\c");  // literal backslash is '/', %5C is not
}

TEST(CheckUrl, ResolveRelativeRootRelativeAndEscapes) {
    auto r = resolve("thu-tuc/dat", "../nha-o/index.html");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->path, "thu-tuc/nha-o/index.html");
    EXPECT_FALSE(r->directory);

    r = resolve("thu-tuc/dat", "/lien-he/");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->path, "lien-he");
    EXPECT_TRUE(r->directory);

    r = resolve("a", "./b//c/./d");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->path, "a/b/c/d");
    EXPECT_FALSE(r->directory);

    r = resolve("a/b", "..");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->path, "a");
    EXPECT_TRUE(r->directory);

    r = resolve("a", "../");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->path, "");
    EXPECT_TRUE(r->directory);

    r = resolve("", "/");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->path, "");
    EXPECT_TRUE(r->directory);

    r = resolve("a", ".");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->path, "a");
    EXPECT_TRUE(r->directory);

    EXPECT_FALSE(resolve("a", "../../x"));
    EXPECT_FALSE(resolve("", "../x"));
    EXPECT_FALSE(resolve("a/b/c", "/../a"));
    EXPECT_TRUE(resolve("a/b/c", "../../../x"));
    EXPECT_FALSE(resolve("a/b/c", "../../../../x"));
    // "a/../.." climbs out even though it starts by going down.
    EXPECT_FALSE(resolve("", "a/../../x"));
}

TEST(CheckUrl, SrcsetCandidates) {
    using V = std::vector<std::string_view>;
    EXPECT_EQ(srcset_urls("a.png 1x, b.png 2x"), (V{"a.png", "b.png"}));
    EXPECT_EQ(srcset_urls("  a.png  480w ,b.png 800w,"), (V{"a.png", "b.png"}));
    // Without a space a comma is part of the URL, as in browsers.
    EXPECT_EQ(srcset_urls("a.png,b.png"), (V{"a.png,b.png"}));
    EXPECT_EQ(srcset_urls("a.png, b.png"), (V{"a.png", "b.png"}));
    EXPECT_EQ(srcset_urls("a.png"), (V{"a.png"}));
    EXPECT_EQ(srcset_urls("data:image/png;base64,AAA= 1x, c.png 2x"),
              (V{"data:image/png;base64,AAA=", "c.png"}));
    EXPECT_EQ(srcset_urls("a.png (x, y) 1x, b.png"), (V{"a.png", "b.png"}));
    EXPECT_EQ(srcset_urls(" , ,"), V{});
    EXPECT_EQ(srcset_urls(""), V{});
}

TEST(CheckUrl, RefreshUrl) {
    EXPECT_EQ(refresh_url("0; url=/xa-moi/"), "/xa-moi/");
    EXPECT_EQ(refresh_url("5;URL='../a.html'"), "../a.html");
    EXPECT_EQ(refresh_url("0, \"b.html\" "), "b.html");
    EXPECT_EQ(refresh_url("0;c.html"), "c.html");
    EXPECT_EQ(refresh_url(".5; url = d.html"), "d.html");
    EXPECT_FALSE(refresh_url("5"));
    EXPECT_FALSE(refresh_url("5; "));
    EXPECT_FALSE(refresh_url("soon; url=x.html"));
    EXPECT_FALSE(refresh_url("5 x.html"));
}

TEST(CheckUrl, ContentTypeCharset) {
    EXPECT_EQ(content_type_charset("text/html; charset=utf-8"), "utf-8");
    EXPECT_EQ(content_type_charset("text/html;CHARSET = \"UTF-8\""), "UTF-8");
    EXPECT_EQ(content_type_charset("text/html; charset=windows-1258; x=y"), "windows-1258");
    EXPECT_EQ(content_type_charset("charsetx; charset='utf8'"), "utf8");
    EXPECT_FALSE(content_type_charset("text/html"));
    EXPECT_FALSE(content_type_charset("text/html; charset="));
    EXPECT_FALSE(content_type_charset("text/html; charset=\"utf-8"));
}

TEST(CheckUrl, Utf8Labels) {
    EXPECT_TRUE(is_utf8_label("utf-8"));
    EXPECT_TRUE(is_utf8_label(" UTF-8 "));
    EXPECT_TRUE(is_utf8_label("utf8"));
    EXPECT_TRUE(is_utf8_label("unicode-1-1-utf-8"));
    EXPECT_FALSE(is_utf8_label("utf-16"));
    EXPECT_FALSE(is_utf8_label("windows-1258"));
    EXPECT_FALSE(is_utf8_label(""));
    EXPECT_FALSE(is_utf8_label("utf-8x"));
}
