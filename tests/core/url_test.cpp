#include "core/url.hpp"

#include <gtest/gtest.h>

using namespace xasite;

TEST(CoreUrl, PercentDecodeKeepsBadEscapes) {
    EXPECT_EQ(url::percent_decode("thu-tuc/%C4%91%E1%BA%A5t"), "thu-tuc/đất");
    EXPECT_EQ(url::percent_decode("%c4%91"), "đ");
    EXPECT_EQ(url::percent_decode("100%"), "100%");
    EXPECT_EQ(url::percent_decode("%"), "%");
    EXPECT_EQ(url::percent_decode("%4"), "%4");
    EXPECT_EQ(url::percent_decode("%zz%4"), "%zz%4");
    EXPECT_EQ(url::percent_decode("%G1%1G"), "%G1%1G");
    EXPECT_EQ(url::percent_decode("%%41"), "%A");
    EXPECT_EQ(url::percent_decode("a+b"), "a+b");
    EXPECT_EQ(url::percent_decode("a+b%2B", /*plus_is_space=*/true), "a b+");
    EXPECT_EQ(url::percent_decode("%00"), std::string(1, '\0'));
}

TEST(CoreUrl, PercentEncode) {
    EXPECT_EQ(url::percent_encode("thủ tục"), "th%E1%BB%A7%20t%E1%BB%A5c");
    EXPECT_EQ(url::percent_encode("a-b_c.d~e"), "a-b_c.d~e");
    EXPECT_EQ(url::percent_encode("a/b c", "/"), "a/b%20c");
    EXPECT_EQ(url::percent_decode(url::percent_encode("x y/ż&=?#%")), "x y/ż&=?#%");
}

TEST(CoreUrl, CleanAndSplit) {
    EXPECT_EQ(url::clean_reference("  \t/a/\nb.html \n"), "/a/b.html");
    auto p = url::split("a/b.html?x=1#muc");
    EXPECT_EQ(p.path, "a/b.html");
    EXPECT_TRUE(p.has_query);
    EXPECT_EQ(p.query, "x=1");
    EXPECT_TRUE(p.has_fragment);
    EXPECT_EQ(p.fragment, "muc");
    p = url::split("#x?y");
    EXPECT_EQ(p.path, "");
    EXPECT_FALSE(p.has_query);
    EXPECT_EQ(p.fragment, "x?y");
}

TEST(CoreUrl, ParseAndResolve) {
    EXPECT_EQ(url::scheme_length("https://x"), 5u);
    EXPECT_EQ(url::scheme_length("a/b:c"), 0u);
    EXPECT_EQ(url::scheme_length("1a:"), 0u);
    auto base = url::parse_absolute_url("HTTP://Example.COM:80/a/b/c.aspx?q=1");
    ASSERT_TRUE(base);
    EXPECT_EQ(base->str(), "http://example.com/a/b/c.aspx?q=1");
    EXPECT_EQ(url::resolve_url(*base, "../d.html#t")->str(), "http://example.com/a/d.html#t");
    EXPECT_EQ(url::resolve_url(*base, "\\x\\y")->str(), "http://example.com/x/y");
    EXPECT_EQ(url::resolve_url(*base, "//other.org/p")->str(), "http://other.org/p");
    EXPECT_EQ(url::resolve_url(*base, "?z=2")->str(), "http://example.com/a/b/c.aspx?z=2");
    EXPECT_EQ(url::remove_dot_segments("/a/./b/../c/"), "/a/c/");
    EXPECT_FALSE(url::parse_absolute_url("/relative"));
    EXPECT_FALSE(url::parse_absolute_url("http://host:99999999/"));
}
