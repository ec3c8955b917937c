#include "core/front_matter.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

using namespace xasite;

TEST(FrontMatter, SplitsYamlAndBody) {
    auto fm = split_front_matter("---\ntitle: A\n---\nBody\n", "p.md");
    ASSERT_TRUE(fm);
    EXPECT_EQ(fm->yaml, "title: A\n");
    EXPECT_EQ(fm->body, "Body\n");
}

TEST(FrontMatter, CrLfAndTrailingSpacesOnDelimiters) {
    auto fm = split_front_matter("---\r\na: 1\r\n---  \r\nText", "p.md");
    ASSERT_TRUE(fm);
    EXPECT_EQ(fm->yaml, "a: 1\r\n");
    EXPECT_EQ(fm->body, "Text");
}

TEST(FrontMatter, EmptyBlockAndNoBody) {
    auto fm = split_front_matter("---\n---", "p.md");
    ASSERT_TRUE(fm);
    EXPECT_EQ(fm->yaml, "");
    EXPECT_EQ(fm->body, "");
}

TEST(FrontMatter, NoBlock) {
    EXPECT_FALSE(split_front_matter("", "p.md"));
    EXPECT_FALSE(split_front_matter("Text\n---\n", "p.md"));
    EXPECT_FALSE(split_front_matter("----\na\n---\n", "p.md"));
}

TEST(FrontMatter, UnterminatedBlockNamesTheFile) {
    try {
        split_front_matter("---\ntitle: A\nno end\n", "content/units/x/p.md");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("content/units/x/p.md:1: front matter block is not "
                                             "closed"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(split_front_matter("---\n", "p.md"), InputError);
    EXPECT_THROW(split_front_matter("---", "p.md"), InputError);
}
