// Snippets and highlighting: original text with diacritics, escaped, matched words in <mark>.
#include "search/snippet.hpp"

#include <gtest/gtest.h>

#include "search/lexicon.hpp"

using namespace xasite::search;

TEST(SearchSnippet, HighlightsFoldedMatchesInTheOriginalText) {
    std::set<std::string> words = {"dang", "ki", "khai", "sinh"};
    MatchedWords m{words, "", Lexicon::builtin()};
    EXPECT_EQ(highlight_html("Thủ tục đăng ký khai sinh", m),
              "Thủ tục <mark>đăng ký khai sinh</mark>");
    EXPECT_EQ(highlight_html("Đăng kí, khai sinh", m),
              "<mark>Đăng kí</mark>, <mark>khai sinh</mark>");
    EXPECT_EQ(highlight_html("<b>khai</b> & sinh", m),
              "&lt;b&gt;<mark>khai</mark>&lt;/b&gt; &amp; <mark>sinh</mark>");
    MatchedWords typing{words, "ch", Lexicon::builtin()};
    EXPECT_EQ(highlight_html("Chứng thực", typing), "<mark>Chứng</mark> thực");
}

TEST(SearchSnippet, WindowAroundTheMatchesWithEllipses) {
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += "một hai ba ";
    text += "giấy chứng nhận quyền sử dụng đất ";
    for (int i = 0; i < 40; ++i)
        text += "bốn năm sáu ";
    std::set<std::string> words = {"giay", "chung", "nhan"};
    MatchedWords m{words, "", Lexicon::builtin()};
    std::string s = snippet_html(text, m, 20);
    EXPECT_EQ(s.rfind("… ", 0), 0u) << s;
    EXPECT_NE(s.find("<mark>giấy chứng nhận</mark> quyền sử dụng đất"), std::string::npos) << s;
    EXPECT_EQ(s.substr(s.size() - 4), " …");
    EXPECT_TRUE(has_match(text, m));
    // Nothing matched: the start of the text.
    std::set<std::string> none = {"khong"};
    MatchedWords n{none, "", Lexicon::builtin()};
    EXPECT_EQ(snippet_html("Ngắn gọn.", n), "Ngắn gọn.");
    EXPECT_EQ(snippet_html("", n), "");
}
