// CSS references: url() in every form, @import, @charset, comments and strings left alone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "archive/view/css_rewrite.hpp"

namespace xasite::archive {
namespace {

std::string mapped(std::string_view css, std::vector<std::string>* seen = nullptr) {
    return rewrite_css(css, [seen](std::string_view ref) -> std::optional<std::string> {
        if (seen) seen->emplace_back(ref);
        if (ref.rfind("http://ext", 0) == 0) return std::nullopt;
        return "NEW(" + std::string(ref) + ")";
    });
}

TEST(CssRewrite, UrlForms) {
    EXPECT_EQ(mapped("a{background:url(img/a.png)}"), "a{background:url(\"NEW(img/a.png)\")}");
    EXPECT_EQ(mapped("a{background:url( 'img/b.png' )}"), "a{background:url(\"NEW(img/b.png)\")}");
    EXPECT_EQ(mapped("a{background:URL(\"img/c.png\")}"), "a{background:url(\"NEW(img/c.png)\")}");
    EXPECT_EQ(mapped("a{background:url(http://ext/x.png)}"), "a{background:url(http://ext/x.png)}");
}

TEST(CssRewrite, Import) {
    std::vector<std::string> seen;
    std::string out = mapped("@import \"base.css\";\n@import url(print.css) print;", &seen);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0], "base.css");
    EXPECT_EQ(seen[1], "print.css");
    EXPECT_NE(out.find("NEW(base.css)"), std::string::npos) << out;
    EXPECT_NE(out.find("NEW(print.css)"), std::string::npos) << out;
    EXPECT_NE(out.find("print;"), std::string::npos) << out;
}

TEST(CssRewrite, CommentsAndStringsUntouched) {
    std::vector<std::string> seen;
    std::string css =
        "/* url(no.png) */ a:before{content:\"url(no2.png)\"} b{background:url(yes.png)}";
    std::string out = mapped(css, &seen);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0], "yes.png");
    EXPECT_NE(out.find("/* url(no.png) */"), std::string::npos);
    EXPECT_NE(out.find("\"url(no2.png)\""), std::string::npos);
}

TEST(CssRewrite, CharsetAndLegacyFonts) {
    std::string out = mapped("@charset \"windows-1258\";\np{font-family:.VnTime, serif}");
    EXPECT_NE(out.find("@charset \"UTF-8\";"), std::string::npos) << out;
    EXPECT_EQ(out.find(".VnTime"), std::string::npos) << out;
}

TEST(CssRewrite, EscapedReference) {
    std::vector<std::string> seen;
    mapped("a{background:url(im\\(g\\).png)}", &seen);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0], "im(g).png");
}

TEST(CssRewrite, RulesAndDeclarations) {
    std::vector<std::string> sel;
    for_each_rule("a{color:red} @media print { b{x:y} }",
                  [&](std::string_view s, std::string_view) { sel.emplace_back(s); });
    ASSERT_EQ(sel.size(), 2u);
    std::vector<std::string> props;
    for_each_declaration("color: red; font-family: 'A;B'; x:y",
                         [&](std::string_view p, std::string_view) { props.emplace_back(p); });
    EXPECT_EQ(props, (std::vector<std::string>{"color", "font-family", "x"}));
}

TEST(CssRewrite, MalformedInput) {
    for (const std::string& css : std::vector<std::string>{
             "url(", "a{background:url('unterminated", "/* never closed", "@import", "\"", "url(\\",
             std::string(100000, '('), "@charset"}) {
        EXPECT_NO_THROW(mapped(css)) << css.substr(0, 40);
    }
}

}  // namespace
}  // namespace xasite::archive
