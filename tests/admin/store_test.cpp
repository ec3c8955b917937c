// The editor's files: pages written in the format the build reads, server-made slugs, publishing
// by removing the draft line, uploads recognised by their content, Markdown kept safe.
#include <gtest/gtest.h>

#include <archive.h>
#include <archive_entry.h>

#include <fstream>

#include "admin/store.hpp"
#include "generator/content/markdown.hpp"
#include "generator/content/pages.hpp"
#include "test_support.hpp"

using namespace xasite;
namespace fs = std::filesystem;

namespace {

// A minimal DOCX: a ZIP holding word/document.xml (written with libarchive).
std::string make_docx(const std::string& document_xml) {
    std::string out;
    archive* a = archive_write_new();
    archive_write_set_format_zip(a);
    auto write_cb = [](archive*, void* data, const void* buf, size_t n) -> la_ssize_t {
        static_cast<std::string*>(data)->append(static_cast<const char*>(buf), n);
        return static_cast<la_ssize_t>(n);
    };
    archive_write_open(a, &out, nullptr, write_cb, nullptr);
    for (const auto& [name, data] :
         {std::pair<std::string, std::string>{"[Content_Types].xml", "<Types/>"},
          {"word/document.xml", document_xml}}) {
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, name.c_str());
        archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_write_header(a, e);
        archive_write_data(a, data.data(), data.size());
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

}  // namespace

TEST(AdminStore, PageTextIsWhatTheBuildReads) {
    admin::PageFields f;
    f.section = "tin-tuc";
    f.title = "Họp dân: \"khu phố 3\" # không phải chú thích";
    f.date = "2025-08-02";
    f.description = "Mô tả: có dấu hai chấm";
    f.body = "Nội dung **đậm**.\n\n---\n\nĐoạn sau.\n";
    f.draft = true;
    const std::string text = admin::page_text(f);
    const content::Page p = content::parse_page(text, "units/24169/hop-dan.md");
    EXPECT_EQ(p.title, f.title);
    EXPECT_EQ(p.section, "tin-tuc");
    EXPECT_EQ(p.date, "2025-08-02");
    EXPECT_EQ(p.description, f.description);
    EXPECT_TRUE(p.draft);
    EXPECT_EQ(p.body_markdown, f.body);

    const std::string published = admin::without_draft(text);
    EXPECT_EQ(published.find("draft:"), std::string::npos);
    EXPECT_FALSE(content::parse_page(published, "x.md").draft);
    EXPECT_EQ(admin::with_draft(published), text);
    // Only the front matter's line goes: a body line "draft: true" stays.
    const std::string tricky = "---\ntitle: a\ndraft: true\n---\ndraft: true\n";
    EXPECT_EQ(admin::without_draft(tricky), "---\ntitle: a\n---\ndraft: true\n");
}

TEST(AdminStore, KeysTheEditorDoesNotWriteAreKept) {
    const std::string previous =
        "---\ntitle: Cũ\nsection: trang\nmenu: true\nweight: 3\ntags:\n  - tiếp dân\n"
        "  - lịch\ndescription: cũ\ndraft: true\nauthor: Văn phòng\n---\nThân cũ.\n";
    admin::PageFields f;
    f.section = "trang";
    f.title = "Mới";
    f.body = "Thân mới.\n";
    f.draft = false;
    const content::Page p = content::parse_page(admin::page_text(f, previous), "x.md");
    EXPECT_EQ(p.title, "Mới");
    EXPECT_FALSE(p.draft);
    EXPECT_TRUE(p.menu);
    EXPECT_EQ(p.weight, 3);
    EXPECT_EQ(p.tags, (std::vector<std::string>{"tiếp dân", "lịch"}));
    EXPECT_EQ(p.author, "Văn phòng");
    EXPECT_EQ(p.description, "Thân mới.") << "the written description goes with the form's";
}

TEST(AdminStore, NormaliseChecksTheFormInput) {
    admin::PageFields f;
    f.section = "tin-tuc";
    f.title = "  Tiêu đề\r\nhai dòng  ";
    f.date = "2025-08-02";
    f.body = "a\r\nb\r\n";
    EXPECT_EQ(admin::normalise(f), "");
    EXPECT_EQ(f.title, "Tiêu đề hai dòng");
    EXPECT_EQ(f.body, "a\nb\n");
    admin::PageFields bad = f;
    bad.section = "../../etc";
    EXPECT_NE(admin::normalise(bad), "");
    bad = f;
    bad.date = "2025-02-30";
    EXPECT_NE(admin::normalise(bad), "");
    bad = f;
    bad.date = "";
    EXPECT_NE(admin::normalise(bad), "") << "news needs a date";
    bad = f;
    bad.title = "";
    EXPECT_NE(admin::normalise(bad), "");
    bad = f;
    bad.body = "\xc3\x28";
    EXPECT_NE(admin::normalise(bad), "");
}

TEST(AdminStore, SlugsAreMadeByTheServer) {
    xasite::testing::TempDir dir;
    fs::create_directories(dir.path() / "units" / "24169");
    admin::UnitStore store(dir.path(), "24169");
    EXPECT_EQ(store.new_slug("Họp dân khu phố 3 về đường điện"), "hop-dan-khu-pho-3-ve-duong-dien");
    EXPECT_EQ(store.new_slug("../../etc/passwd"), "etc-passwd");
    EXPECT_EQ(store.new_slug("???"), "trang");
    EXPECT_EQ(store.new_slug("Tin tức"), "tin-tuc-2") << "a section folder is never a page slug";
    std::ofstream(dir.path() / "units" / "24169" / "hop-dan.md") << "x";
    EXPECT_EQ(store.new_slug("Họp dân"), "hop-dan-2");
    EXPECT_TRUE(admin::valid_slug("hop-dan-2"));
    for (const char* bad : {"", "..", "a/b", "A", "-a", "a-", "a.md", "a%2f", "ạ"})
        EXPECT_FALSE(admin::valid_slug(bad)) << bad;
    EXPECT_THROW(store.page_rel("../x"), std::invalid_argument);
    EXPECT_THROW(admin::UnitStore(dir.path(), "../24169"), std::invalid_argument);
    EXPECT_FALSE(store.read("..").has_value());
}

TEST(AdminStore, UploadsAreRecognisedByTheirContent) {
    EXPECT_EQ(admin::sniff("%PDF-1.7\n..."), admin::FileKind::pdf);
    EXPECT_EQ(admin::sniff(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), admin::FileKind::png);
    EXPECT_EQ(admin::sniff("\xFF\xD8\xFF\xE0"), admin::FileKind::jpeg);
    EXPECT_EQ(admin::sniff("GIF89a...."), admin::FileKind::gif);
    EXPECT_EQ(admin::sniff(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), admin::FileKind::webp);
    EXPECT_EQ(admin::sniff("QUYẾT ĐỊNH\nVề việc …\n"), admin::FileKind::text);
    EXPECT_EQ(admin::sniff(std::string("MZ\x90\0\x03", 5)), admin::FileKind::none);
    EXPECT_EQ(admin::sniff("<svg onload=alert(1)>"), admin::FileKind::text)
        << "SVG is text, never an image";
    EXPECT_EQ(admin::sniff(std::string("PK\x03\x04junk", 8)), admin::FileKind::none);
    EXPECT_EQ(admin::sniff(""), admin::FileKind::none);

    const std::string docx = make_docx(
        "<?xml version=\"1.0\"?><w:document><w:body><w:p><w:r><w:t>QUYẾT ĐỊNH</w:t></w:r></w:p>"
        "<w:p><w:r><w:t xml:space=\"preserve\">Về việc A &amp; B </w:t></w:r><w:r><w:t>&#7841;"
        "</w:t></w:r></w:p></w:body></w:document>");
    EXPECT_EQ(admin::sniff(docx), admin::FileKind::docx);
    EXPECT_EQ(admin::docx_text(docx), "QUYẾT ĐỊNH\nVề việc A & B ạ\n");
    EXPECT_THROW(admin::docx_text("%PDF-"), std::runtime_error);
}

TEST(AdminStore, PreviewIsTheSafeMarkdownRenderer) {
    const std::string html = content::markdown_to_html(
        "<script>alert(1)</script>\n\n[bấm](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n"
        "[ok](https://daklak.gov.vn/)\n");
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
    EXPECT_EQ(html.find("<img"), std::string::npos) << html;
    EXPECT_NE(html.find("https://daklak.gov.vn/"), std::string::npos) << html;
}
