#include "core/html_parse.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace xasite;

TEST(HtmlParse, ParsesAndReadsAttributes) {
    std::string doc = "<html lang=vi><body><p id=a class='x'>Hi</p></body></html>";
    html::Document d = html::parse(doc);
    ASSERT_TRUE(d && d->root);
    EXPECT_EQ(html::tag_of(d->root), GUMBO_TAG_HTML);
    EXPECT_STREQ(html::attribute_value(d->root->v.element, "lang"), "vi");
    EXPECT_EQ(html::attribute_value(d->root->v.element, "dir"), nullptr);
    const GumboVector* kids = html::children_of(d->root);
    ASSERT_NE(kids, nullptr);
    ASSERT_EQ(kids->length, 2u);  // head (inserted) and body
    const GumboNode* body = html::child_at(*kids, 1);
    EXPECT_EQ(html::tag_of(body), GUMBO_TAG_BODY);
    const GumboNode* p = html::child_at(*html::children_of(body), 0);
    EXPECT_STREQ(html::attribute(p->v.element, "class")->value, "x");
    EXPECT_FALSE(html::is_element(html::child_at(*html::children_of(p), 0)));  // the text
    EXPECT_EQ(html::children_of(nullptr), nullptr);
}

TEST(HtmlParse, GarbageStillGivesATree) {
    std::string doc = "<<<</div></table><td>\x01<a href=\"";
    html::Document d = html::parse(doc);
    ASSERT_TRUE(d && d->root);
    EXPECT_EQ(d->errors.length, 0u);  // no error list is kept
}

// Issue 10: a page nested hundreds of thousands deep (an archived page, `import dvc` input) is
// parsed flattened, in linear time, instead of taking minutes or the stack.
TEST(HtmlParse, DeepNestingIsFlattened) {
    std::string doc = "<html><head><title>T</title></head><body>";
    for (int i = 0; i < 200000; ++i)
        doc += "<div><span>";
    doc += "sâu";
    EXPECT_GT(html::nesting_depth(doc), html::kMaxDepth);
    EXPECT_EQ(html::nesting_depth("<p>a<p>b<br><img src=x><div>c</div>"), 1u);
    // Old pages leave a <font> open in every paragraph: the parser does not pile them up.
    std::string fonts;
    for (int i = 0; i < 5000; ++i)
        fonts += "<p><font face=\".VnTime\">Dßng " + std::to_string(i);
    EXPECT_LE(html::nesting_depth(fonts), 2u);
    EXPECT_FALSE(html::flatten_deep(fonts));
    auto flat = html::flatten_deep(doc);
    ASSERT_TRUE(flat);
    EXPECT_EQ(html::nesting_depth(*flat), html::kMaxDepth);
    EXPECT_NE(flat->find("sâu"), std::string::npos);
    html::Document d = html::parse(doc);  // owns the flattened copy
    ASSERT_TRUE(d && d->root);
    std::size_t depth = 0;
    const GumboNode* n = d->root;
    while (const GumboVector* k = html::children_of(n)) {
        if (k->length == 0) break;
        n = html::child_at(*k, k->length - 1);
        ++depth;
    }
    EXPECT_LE(depth, html::kMaxDepth + 4);
    ASSERT_EQ(n->type, GUMBO_NODE_TEXT);
    EXPECT_STREQ(n->v.text.text, "sâu");
    // Shallow pages are parsed as they are, and elements whose content is not markup are
    // removed whole beyond the cap (their content would otherwise become markup).
    EXPECT_FALSE(html::flatten_deep("<div><div>x</div></div>"));
    std::string raw = std::string(3, ' ');
    for (int i = 0; i < 5; ++i)
        raw += "<div>";
    raw += "<textarea><script>alert(1)</script></textarea>t";
    auto f = html::flatten_deep(raw, 3);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->find("script"), std::string::npos) << *f;
    EXPECT_NE(f->find('t'), std::string::npos);
}
