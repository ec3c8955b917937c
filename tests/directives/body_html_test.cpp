// body_html(): headings, nested lists, paragraphs, footnote links and list, escaping, and HTML5
// validity checked with HTML Tidy.
#include <gtest/gtest.h>

#include "directives_test_support.hpp"

namespace xasite::directives {
namespace {

using testing::fixture;

std::size_t count(const std::string& s, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1))
        ++n;
    return n;
}

TEST(DirectiveBodyHtml, HeadingsListsAndParagraphs) {
    Metadata m = extract(fixture("real/004_721385dba39d987a.txt"));
    std::string html = body_html(m);
    EXPECT_NE(html.find("<h2>I. MỤC ĐÍCH, NGUYÊN TẮC</h2>"), std::string::npos);
    EXPECT_NE(html.find("<h3>1. Mục đích</h3>"), std::string::npos);
    EXPECT_NE(html.find("<h4>b) Phương án thực hiện:</h4>"), std::string::npos);
    EXPECT_EQ(count(html, "<h2>"), 3u);
    EXPECT_EQ(count(html, "<h3>"), 12u);
    EXPECT_EQ(count(html, "<h4>"), 7u);
    EXPECT_EQ(count(html, "<p>"), 24u);
    EXPECT_EQ(count(html, "<li>"), 36u);
    EXPECT_EQ(count(html, "<ul>"), count(html, "</ul>"));
    EXPECT_EQ(count(html, "<li>"), count(html, "</li>"));
    EXPECT_EQ(html.find("style="), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("footnotes"), std::string::npos);  // no footnotes, no section
}

TEST(DirectiveBodyHtml, PlusItemsNestUnderTheirDashItem) {
    Metadata m = extract(fixture("synthetic/physical-layout-ke-hoach.txt"));
    std::string html = body_html(m);
    EXPECT_NE(html.find("<h3>2. Hoạt động</h3>\n"
                        "<ul>\n<li>Hướng dẫn cài đặt ứng dụng VNeID;"
                        "<ul>\n<li>Tài khoản định danh mức 2;</li>\n<li>Ví giấy tờ;</li></ul>\n"
                        "</li>\n<li>Hướng dẫn nộp hồ sơ trực tuyến./.</li></ul>\n"),
              std::string::npos)
        << html;
}

TEST(DirectiveBodyHtml, FootnoteReferencesAndList) {
    Metadata m = extract(fixture("real/001_1eb639fe7a9b089c.txt"));
    std::string html = body_html(m);
    EXPECT_NE(html.find("Tô Lâm<sup><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>, Nghị quyết"),
              std::string::npos);
    EXPECT_NE(html.find("Quốc hội<sup><a href=\"#fn-2\" id=\"fnref-2\">2</a></sup> và"),
              std::string::npos);
    EXPECT_NE(html.find("sửa chữa<sup><a href=\"#fn-4\" id=\"fnref-4\">4</a></sup>,"),
              std::string::npos);
    EXPECT_NE(
        html.find("<section class=\"footnotes\">\n<ol>\n<li id=\"fn-1\">Nghị quyết số 57-NQ/TW"),
        std::string::npos);
    EXPECT_NE(html.find("ngày 30/5/2025. <a href=\"#fnref-1\">↩</a></li>"), std::string::npos);
    EXPECT_EQ(count(html, "<li id=\"fn-"), 4u);
    EXPECT_EQ(count(html, "id=\"fnref-"), 4u);
    EXPECT_EQ(html.find("[^"), std::string::npos);
}

TEST(DirectiveBodyHtml, EverythingIsEscaped) {
    Metadata m;
    m.body.push_back({Block::Kind::heading, 2, "1.", "<script>alert(1)</script> & \"x\""});
    m.body.push_back({Block::Kind::paragraph, 0, "", "a < b & c > d 'e' [^1] [^7] [^x"});
    m.body.push_back({Block::Kind::bullet, 2, "+", "<b>bold</b>"});
    m.footnotes.push_back({"1", "<i>note</i> & more"});
    std::string html = body_html(m);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<b>"), std::string::npos);
    EXPECT_EQ(html.find("<i>"), std::string::npos);
    EXPECT_NE(html.find("<h3>1. &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</h3>"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<p>a &lt; b &amp; c &gt; d &#39;e&#39; <sup><a href=\"#fn-1\" "
                        "id=\"fnref-1\">1</a></sup> "
                        "[^7] [^x</p>"),
              std::string::npos)
        << html;
    // A "+" item with no "-" item before it opens a list of its own.
    EXPECT_NE(html.find("<ul>\n<li>&lt;b&gt;bold&lt;/b&gt;</li></ul>"), std::string::npos) << html;
    EXPECT_NE(
        html.find(
            "<li id=\"fn-1\">&lt;i&gt;note&lt;/i&gt; &amp; more <a href=\"#fnref-1\">↩</a></li>"),
        std::string::npos);
}

TEST(DirectiveBodyHtml, UnreferencedFootnoteHasNoBackLink) {
    Metadata m;
    m.body.push_back({Block::Kind::paragraph, 0, "", "text"});
    m.footnotes.push_back({"1", "never cited"});
    std::string html = body_html(m);
    EXPECT_NE(html.find("<li id=\"fn-1\">never cited</li>"), std::string::npos) << html;
    EXPECT_EQ(html.find("fnref"), std::string::npos);
}

TEST(DirectiveBodyHtml, IsValidHtml5ForEveryFixture) {
    if (xasite::testing::run_command("command -v tidy").exit_code != 0)
        GTEST_SKIP() << "tidy not installed";
    xasite::testing::TempDir dir;
    for (const char* rel :
         {"real/000_904af3f79e6c7a42.txt", "real/001_1eb639fe7a9b089c.txt",
          "real/004_721385dba39d987a.txt", "synthetic/commune-cong-van.txt",
          "synthetic/department-thong-bao.txt", "synthetic/physical-layout-ke-hoach.txt",
          "synthetic/footnotes-pages.txt", "synthetic/vbqppl-quyet-dinh.txt"}) {
        std::string page =
            "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta "
            "charset=\"utf-8\">\n<title>t</title>\n</head>\n"
            "<body>\n<main>\n" +
            body_html(extract(fixture(rel))) + "</main>\n</body>\n</html>\n";
        auto file = dir / "page.html";
        write_file_atomic(file, page);
        auto r = xasite::testing::run_command("tidy -q -e --show-warnings yes " +
                                              xasite::testing::quote(file));
        EXPECT_EQ(r.out, "") << rel;
    }
}

}  // namespace
}  // namespace xasite::directives
