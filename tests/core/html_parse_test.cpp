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
