#include "generator/content/pages.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "generator/content/markdown.hpp"

using namespace xasite;
using namespace xasite::content;

namespace {

std::string error_of(const std::string& text,
                     const std::string& file = "content/units/24373/x.md") {
    try {
        parse_page(text, file);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(Pages, ParsesFrontMatterAndMarkdown) {
    Page p = parse_page(
        "---\ntitle: Lịch tiếp công dân\nsection: tin-tuc\ndate: 2025-07-02\nupdated: 2025-07-05\n"
        "tags: [tiếp công dân, lịch]\nweight: 3\nmenu: true\n---\n"
        "Ủy ban nhân dân xã **tiếp công dân** vào thứ Năm.\n\n| Ngày | Người |\n|---|---|\n| 03/7 "
        "| Chủ tịch |\n",
        "content/units/24373/lich-tiep-cong-dan.md");
    EXPECT_EQ(p.title, "Lịch tiếp công dân");
    EXPECT_EQ(p.section, "tin-tuc");
    EXPECT_EQ(p.section_line, 3u);
    EXPECT_EQ(p.date, "2025-07-02");
    EXPECT_EQ(p.updated, "2025-07-05");
    EXPECT_EQ(p.slug, "lich-tiep-cong-dan");
    EXPECT_EQ(p.weight, 3);
    EXPECT_TRUE(p.menu);
    ASSERT_EQ(p.tags.size(), 2u);
    EXPECT_NE(p.body_html.find("<strong>tiếp công dân</strong>"), std::string::npos);
    EXPECT_NE(p.body_html.find("<table>"), std::string::npos);
    EXPECT_EQ(p.description, "Ủy ban nhân dân xã tiếp công dân vào thứ Năm.");
}

TEST(Pages, RawHtmlInMarkdownIsNotPassedThrough) {
    Page p = parse_page(
        "---\ntitle: x\n---\n<script>alert(1)</script>\n\nVăn bản <b onclick=x>đậm</b>\n", "x.md");
    EXPECT_EQ(p.body_html.find("<script>"), std::string::npos);
    EXPECT_EQ(p.body_html.find("onclick"), std::string::npos);
}

TEST(Pages, NfdInputBecomesNfc) {
    Page p =
        parse_page("---\ntitle: \"Tho\xCC\x82ng ba\xCC\x81o\"\n---\nNo\xCC\xA3i dung\n", "x.md");
    EXPECT_EQ(p.title, "Thông báo");
}

TEST(Pages, BadFrontMatterNamesFileAndLine) {
    EXPECT_NE(error_of("no front matter\n").find("x.md:1: a page must start"), std::string::npos);
    EXPECT_NE(error_of("---\ntitle: x\n").find("not closed"), std::string::npos);
    EXPECT_NE(
        error_of("---\ntitle: x\ntitel: y\n---\n").find("x.md:3: unknown front matter key 'titel'"),
        std::string::npos);
    EXPECT_NE(
        error_of("---\ntitle: x\ndate: 2025-13-01\n---\n").find("x.md:3: date must be a date"),
        std::string::npos);
    // Days that do not exist in their month (core/date.hpp), 29 February only in leap years.
    EXPECT_NE(
        error_of("---\ntitle: x\ndate: 2025-02-30\n---\n").find("x.md:3: date must be a date"),
        std::string::npos);
    EXPECT_NE(error_of("---\ntitle: x\nupdated: 2025-02-29\n---\n")
                  .find("x.md:3: updated must be a date"),
              std::string::npos);
    EXPECT_EQ(error_of("---\ntitle: x\ndate: 2024-02-29\n---\n"), "");
    EXPECT_NE(
        error_of("---\ntitle: x\nsection: Tin tức!\n---\n").find("section must be a section name"),
        std::string::npos);
    EXPECT_NE(error_of("---\ndate: 2025-01-01\n---\n").find("no 'title'"), std::string::npos);
    EXPECT_NE(error_of("---\ntitle: [unclosed\n---\n").find("not valid YAML"), std::string::npos);
    EXPECT_NE(error_of("---\ntitle: x\nweight: heavy\n---\n").find("'weight' has the wrong type"),
              std::string::npos);
    EXPECT_NE(error_of("---\ntitle: ok\n---\nbad \xC3\x28 byte\n").find("x.md:4: invalid UTF-8"),
              std::string::npos);
    EXPECT_NE(error_of("---\ntitle: x\ndate: 2025-07-05\nupdated: 2025-07-01\n---\n")
                  .find("is before date"),
              std::string::npos);
}

TEST(Markdown, SummaryCutsAtAWordBoundary) {
    std::string s =
        markdown_summary("# Tiêu đề\n\nMột hai ba bốn năm sáu bảy tám chín mười.\n\nĐoạn hai.", 20);
    EXPECT_EQ(s, "Một hai ba bốn năm…");
}

TEST(Pages, NonScalarKeyIsAnErrorNotACrash) {
    // Found by fuzzing: a YAML sequence as a key.
    EXPECT_NE(error_of("---\r\n[x]: Arlf\r\n---\r\nbody\r\n").find("keys must be plain words"),
              std::string::npos);
    EXPECT_NE(error_of("---\ntitle: x\n? {a: b}\n: c\n---\n").find("keys must be plain words"),
              std::string::npos);
}

TEST(Markdown, ReferencesCarryTheirLineAndAltText) {
    auto refs = xasite::content::markdown_references(
        "Mở đầu.\n\nDòng ba ![Lễ *khai* mạc](anh.jpg)\n\n- [Tải về](ke-hoach.pdf)\n");
    ASSERT_EQ(refs.size(), 2u);
    EXPECT_EQ(refs[0].url, "anh.jpg");
    EXPECT_EQ(refs[0].line, 3u);
    EXPECT_TRUE(refs[0].image);
    EXPECT_EQ(refs[0].alt, "Lễ khai mạc");
    EXPECT_EQ(refs[1].url, "ke-hoach.pdf");
    EXPECT_EQ(refs[1].line, 5u);
    EXPECT_FALSE(refs[1].image);
}

TEST(Markdown, RewritingKeepsSafeModeAndNestedReferences) {
    using xasite::content::MarkdownRef;
    using xasite::content::RefRewrite;
    // An image inside a link and a link inside an image's description: both rewritten, nothing
    // freed twice; raw HTML and javascript: links stay out.
    const std::string md =
        "[![Ảnh](a.jpg)](big.jpg) ![Ảnh [x](b.pdf)](c.jpg) <script>alert(1)</script> "
        "[j](javascript:alert(1))\n";
    const std::string html = xasite::content::markdown_to_html(
        md, [](const MarkdownRef& r) -> std::optional<RefRewrite> {
            if (r.url == "javascript:alert(1)") return std::nullopt;
            if (r.image) return RefRewrite{"", "<img src=\"new-" + r.url + "\">"};
            return RefRewrite{"new-" + r.url, ""};
        });
    EXPECT_NE(html.find("<a href=\"new-big.jpg\"><img src=\"new-a.jpg\"></a>"), std::string::npos)
        << html;
    EXPECT_NE(html.find(" <img src=\"new-c.jpg\"> "), std::string::npos) << html;
    EXPECT_EQ(html.find("b.pdf"), std::string::npos) << html;
    EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
}

// Commune staff write these files: each error of a page's front matter is also said in
// Vietnamese (InputError::vi(), shown by the editor, the preview and `xasite build --lang vi`),
// with the same file and line as the English one.
TEST(Pages, ErrorsAreAlsoInVietnameseWithTheSameFileAndLine) {
    struct Case {
        const char* text;
        const char* where;
    };
    const Case cases[] = {
        {"Chỉ có nội dung.\n", "tin.md:1: "},
        {"---\ntitle: Họp dân\n", "tin.md:1: "},
        {"---\ntitle: Họp dân\ndate: 2025-13-45\n---\nx\n", "tin.md:3: "},
        {"---\ntitle: Họp dân\nsection: Tin Tuc\n---\nx\n", "tin.md:3: "},
        {"---\ntitle: Họp dân\nngay: 2025-01-01\n---\nx\n", "tin.md:3: "},
        {"---\ndate: 2025-01-01\n---\nx\n", "tin.md:1: "},
        {"---\ntitle: Họp dân\ndraft: có lẽ\n---\nx\n", "tin.md:3: "},
        {"---\ntitle: Họp dân\ndate: 2025-08-02\nupdated: 2025-08-01\n---\nx\n", "tin.md:1: "},
    };
    for (const auto& c : cases) {
        try {
            parse_page(c.text, "tin.md");
            ADD_FAILURE() << "no error for: " << c.text;
        } catch (const xasite::InputError& e) {
            const std::string en = e.what(), vi = e.vi();
            EXPECT_TRUE(e.has_vi()) << en;
            EXPECT_EQ(en.rfind(c.where, 0), 0u) << en;
            EXPECT_EQ(vi.rfind(c.where, 0), 0u) << vi;
            EXPECT_NE(vi, en);
            // Said in Vietnamese words, not only the English with a Vietnamese file name.
            bool said = false;
            for (const char* word : {"phải", "phần đầu trang", "không", "thiếu", "trước", "mục"})
                said = said || vi.find(word) != std::string::npos;
            EXPECT_TRUE(said) << vi;
        }
    }
}
