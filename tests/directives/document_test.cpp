// read_document(): .txt, .md with front matter overrides, .pdf through poppler (a PDF made here
// with cairo), and the files it must refuse with an InputError naming them.
#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <tuple>

#include "core/error.hpp"
#include "core/text.hpp"
#include "directives_test_support.hpp"

// fontconfig (under cairo) keeps its configuration for the life of the process.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig.so\n";
}

namespace xasite::directives {
namespace {

namespace fs = std::filesystem;
using testing::fixture;
using testing::fixture_path;
using xasite::testing::TempDir;

struct Text {
    double x, y;
    std::string s;
};

// A PDF with the given text on each page, in DejaVu Sans (it has the Vietnamese glyphs).
void make_pdf(const fs::path& out, const std::vector<std::vector<Text>>& pages) {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_pdf_surface_create(out.c_str(), 595, 842), cairo_surface_destroy);
    ASSERT_EQ(cairo_surface_status(surface.get()), CAIRO_STATUS_SUCCESS);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                          cairo_destroy);
    cairo_select_font_face(cr.get(), "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr.get(), 10);
    for (const auto& page : pages) {
        for (const auto& t : page) {
            cairo_move_to(cr.get(), t.x, t.y);
            cairo_show_text(cr.get(), t.s.c_str());
        }
        if (page.empty()) {  // a page with a drawing and no text (a scan)
            cairo_rectangle(cr.get(), 50, 50, 400, 600);
            cairo_fill(cr.get());
        }
        cairo_show_page(cr.get());
    }
    cr.reset();
    cairo_surface_finish(surface.get());
    ASSERT_EQ(cairo_surface_status(surface.get()), CAIRO_STATUS_SUCCESS);
}

// A short công văn on two pages, laid out like the real ones: issuing body and Quốc hiệu side by
// side, number and place/date on one line, the signature beside Nơi nhận, a page number.
std::vector<std::vector<Text>> cong_van_pages() {
    return {
        {
            {40, 60, "ỦY BAN NHÂN DÂN"},
            {300, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
            {60, 74, "XÃ EA KAR"},
            {335, 74, "Độc lập - Tự do - Hạnh phúc"},
            {40, 104, "Số: 21/UBND-VP"},
            {320, 104, "Ea Kar, ngày 02 tháng 4 năm 2026"},
            {40, 118, "V/v tổ chức tiếp công dân"},
            {40, 132, "định kỳ tháng 4 năm 2026"},
            {150, 170, "Kính gửi: Các thôn, buôn trên địa bàn xã."},
            {40, 200,
             "Ủy ban nhân dân xã tổ chức tiếp công dân định kỳ tháng 4 năm 2026 tại Trung tâm"},
            {40, 214, "Phục vụ hành chính công xã, hướng dẫn thủ tục 1.010940 như sau:"},
            {40, 228, "1. Thời gian"},
            {40, 242, "Ngày 15/4/2026, từ 7 giờ 30 phút."},
            {295, 810, "1"},
        },
        {
            {40, 60, "2. Thành phần"},
            {40, 74, "Lãnh đạo Ủy ban nhân dân xã và công chức chuyên môn./."},
            {40, 110, "Nơi nhận:"},
            {330, 110, "TM. ỦY BAN NHÂN DÂN"},
            {40, 124, "- Như trên;"},
            {365, 124, "CHỦ TỊCH"},
            {40, 138, "- Lưu: VT, VP."},
            {345, 190, "Nguyễn Văn Hùng"},
            {295, 810, "2"},
        },
    };
}

TEST(DirectiveDocument, PdfMadeWithCairo) {
    TempDir dir;
    fs::path pdf = dir / "cong-van.pdf";
    make_pdf(pdf, cong_van_pages());
    std::string raw = pdf_text(pdf);
    EXPECT_NE(raw.find('\f'), std::string::npos);  // pages are separated
    Document doc = read_document(pdf);
    const Metadata& m = doc.meta;
    EXPECT_EQ(doc.source, pdf);
    EXPECT_TRUE(text::is_nfc(doc.text));
    EXPECT_EQ(m.type, "Công văn");
    EXPECT_EQ(m.number, "21");
    EXPECT_EQ(m.symbol, "UBND-VP");
    EXPECT_EQ(m.place, "Ea Kar");
    EXPECT_EQ(m.date.iso(), "2026-04-02");
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN XÃ EA KAR");
    EXPECT_EQ(m.subject, "V/v tổ chức tiếp công dân định kỳ tháng 4 năm 2026");
    EXPECT_EQ(m.recipients, std::vector<std::string>{"Các thôn, buôn trên địa bàn xã"});
    EXPECT_EQ(m.signer.authority, "TM.");
    EXPECT_EQ(m.signer.position, "CHỦ TỊCH");
    EXPECT_EQ(m.signer.name, "Nguyễn Văn Hùng");
    EXPECT_EQ(m.distribution, (std::vector<std::string>{"Như trên", "Lưu: VT, VP"}));
    EXPECT_EQ(m.procedure_codes, std::vector<std::string>{"1.010940"});
    std::vector<std::string> got;
    for (const auto& b : m.body)
        got.push_back(testing::describe(b));
    EXPECT_EQ(got, (std::vector<std::string>{
                       "P Ủy ban nhân dân xã tổ chức tiếp công dân định kỳ tháng 4 năm 2026 tại "
                       "Trung tâm Phục vụ "
                       "hành chính công xã, hướng dẫn thủ tục 1.010940 như sau:",
                       "H2 1. Thời gian", "P Ngày 15/4/2026, từ 7 giờ 30 phút.", "H2 2. Thành phần",
                       "P Lãnh đạo Ủy ban nhân dân xã và công chức chuyên môn./."}))
        << raw;
}

TEST(DirectiveDocument, PdfWithoutTextLayer) {
    TempDir dir;
    fs::path pdf = dir / "scan.pdf";
    make_pdf(pdf, {{}});
    try {
        pdf_text(pdf);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(pdf.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("no text layer"), std::string::npos) << e.what();
    }
}

// Issue 12: one scanned PDF without text used to stop the whole build. read_document now returns
// it as an image-only document: no text, no guessed number or date, and a warning naming why.
TEST(DirectiveDocument, ScannedPdfIsReadAsImageOnly) {
    TempDir dir;
    fs::path pdf = dir / "scan.pdf";
    make_pdf(pdf, {{}});
    Document d = read_document(pdf);
    EXPECT_TRUE(d.image_only);
    EXPECT_TRUE(d.text.empty());
    EXPECT_FALSE(d.meta.number.has_value());
    EXPECT_TRUE(d.meta.subject.empty());
    ASSERT_EQ(d.meta.warnings.size(), 1u);
    EXPECT_NE(d.meta.warnings[0].find("no text layer"), std::string::npos);
    EXPECT_NE(d.meta.warnings[0].find("văn bản dạng ảnh"), std::string::npos);
    // A PDF with text is not image-only.
    fs::path text_pdf = dir / "text.pdf";
    make_pdf(text_pdf, {{{100, 200, "THÔNG BÁO"}}});
    EXPECT_FALSE(read_document(text_pdf).image_only);
}

// A PDF whose Standard security handler does not open with the empty password (random O and U).
std::string encrypted_pdf() {
    std::string out = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    auto obj = [&](const std::string& body) {
        offsets.push_back(out.size());
        out += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
    };
    std::string o(64, '7'), u(64, 'a');
    obj("<< /Type /Catalog /Pages 2 0 R >>");
    obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
    obj("<< /Filter /Standard /V 1 /R 2 /O <" + o + "> /U <" + u + "> /P -44 >>");
    std::size_t xref = out.size();
    out += "xref\n0 5\n0000000000 65535 f \n";
    for (std::size_t off : offsets) {
        std::string n = std::to_string(off);
        out += std::string(10 - n.size(), '0') + n + " 00000 n \n";
    }
    out +=
        "trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> "
        "<0123456789abcdef0123456789abcdef>] >>\nstartxref\n" +
        std::to_string(xref) + "\n%%EOF\n";
    return out;
}

TEST(DirectiveDocument, EncryptedPdf) {
    TempDir dir;
    fs::path pdf = dir / "locked.pdf";
    write_file_atomic(pdf, encrypted_pdf());
    try {
        read_document(pdf);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(pdf.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("encrypted"), std::string::npos) << e.what();
    }
}

void expect_input_error(const fs::path& path, const std::string& part) {
    try {
        read_document(path);
        ADD_FAILURE() << path << ": no error";
    } catch (const InputError& e) {
        std::string what = e.what();
        EXPECT_EQ(what.rfind(path.string(), 0), 0u) << what;  // the message starts with the file
        EXPECT_NE(what.find(part), std::string::npos) << what;
    }
}

TEST(DirectiveDocument, FilesThatAreRefused) {
    expect_input_error(fixture_path("bad/not-a-pdf.pdf"), "not a PDF");
    expect_input_error(fixture_path("bad/empty.pdf"), "not a PDF");
    expect_input_error(fixture_path("bad/truncated.pdf"), "PDF");
    expect_input_error(fixture_path("bad/document.docx"), "unknown document type '.docx'");
    expect_input_error(fixture_path("bad/invalid-utf8.txt"), "invalid UTF-8");
    expect_input_error(fixture_path("bad/missing.txt"), "missing.txt");
    expect_input_error(fixture_path("bad/missing.pdf"), "cannot be read");
}

TEST(DirectiveDocument, BadFrontMatterNamesFileAndLine) {
    struct Case {
        const char* file;
        const char* where;  // "file:line" suffix
        const char* what;
    };
    const Case cases[] = {
        {"front-matter-unclosed.md", ":1:", "not closed"},
        {"front-matter-yaml.md", ":", "not valid YAML"},
        {"front-matter-unknown-key.md", ":3:", "unknown front matter key 'author'"},
        {"front-matter-date.md", ":3:", "date must be YYYY-MM-DD"},
        {"front-matter-type.md", ":2:", "unknown document type"},
        {"front-matter-number.md", ":2:", "number must be digits"},
        {"front-matter-authority.md", ":4:", "signer.authority must be"},
        {"front-matter-signer.md", ":2:", "signer must be a mapping"},
        {"front-matter-units.md", ":2:", "units is either"},
        {"front-matter-slug.md", ":2:", "has no letters or digits"},
        {"front-matter-list.md", ":2:", "must be a YAML mapping"},
        {"front-matter-draft.md", ":2:", "wrong type"},
    };
    for (const auto& c : cases) {
        fs::path p = fixture_path(std::string("bad/") + c.file);
        expect_input_error(p, std::string(p.string()) + c.where);
        expect_input_error(p, c.what);
    }
}

TEST(DirectiveDocument, TextFile) {
    Document doc = read_document(fixture_path("real/004_721385dba39d987a.txt"));
    EXPECT_TRUE(text::is_nfc(doc.text));  // the source has NFD parts
    EXPECT_EQ(doc.meta.type, "Kế hoạch");
    EXPECT_EQ(to_json(doc.meta, "x"),
              to_json(extract(fixture("real/004_721385dba39d987a.txt")), "x"));
    EXPECT_TRUE(doc.units.empty());
    EXPECT_EQ(doc.slug, "");

    // The extension is matched without regard to case.
    TempDir dir;
    write_file_atomic(dir / "CONG-VAN.TXT", fixture("synthetic/commune-cong-van.txt"));
    EXPECT_EQ(read_document(dir / "CONG-VAN.TXT").meta.number_raw, "0156");
}

TEST(DirectiveDocument, FrontMatterOverridesExtractedFields) {
    Document doc = read_document(fixture_path("synthetic/front-matter.md"));
    const Metadata& m = doc.meta;
    // From the front matter.
    EXPECT_EQ(m.type, "Kế hoạch");
    EXPECT_EQ(m.type_abbr, "KH");
    EXPECT_EQ(m.number, "45");
    EXPECT_EQ(m.number_raw, "0045");
    EXPECT_EQ(m.date.iso(), "2026-01");
    EXPECT_EQ(m.subject, "Tổ chức Ngày hội chuyển đổi số năm 2026");
    EXPECT_EQ(m.recipients, (std::vector<std::string>{"Các thôn, buôn", "Trường THCS Ea Kar"}));
    EXPECT_EQ(m.signer.name, "Nguyễn Văn An");
    EXPECT_EQ(m.signer.authority, "KT.");
    EXPECT_TRUE(m.signer.authority_lines.empty());  // the text said TM.: its lines no longer apply
    EXPECT_EQ(m.signer.position, "PHÓ CHỦ TỊCH");
    EXPECT_TRUE(m.draft);
    EXPECT_EQ(doc.units, std::vector<std::string>{"24169"});
    EXPECT_EQ(doc.slug, "ke-hoach-ngay-hoi-chuyen-doi-so");
    // From the text.
    EXPECT_EQ(m.symbol, "KH-UBND");
    EXPECT_EQ(m.place, "Ea Kar");
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN XÃ EA KAR");
    EXPECT_EQ(m.distribution, std::vector<std::string>{"Lưu: VT"});
    ASSERT_EQ(m.body.size(), 3u);
    EXPECT_EQ(doc.text.rfind("ỦY BAN NHÂN DÂN\nXÃ EA KAR", 0),
              0u);  // the text is what follows the block
}

TEST(DirectiveDocument, MarkdownWithoutFrontMatterAndUnitsAll) {
    TempDir dir;
    write_file_atomic(dir / "a.md", fixture("synthetic/commune-cong-van.txt"));
    Document a = read_document(dir / "a.md");
    EXPECT_EQ(a.meta.number, "156");
    write_file_atomic(dir / "b.md", "---\nunits: all\nnumber:\n---\n" +
                                        fixture("synthetic/commune-cong-van.txt"));
    Document b = read_document(dir / "b.md");
    EXPECT_EQ(b.units, std::vector<std::string>{"all"});
    EXPECT_FALSE(b.meta.number.has_value());  // "number:" empty: an unsigned copy
    EXPECT_EQ(b.meta.number_raw, "");
}

TEST(DirectiveDocument, SecretDocumentsAreReadButMarked) {
    TempDir dir;
    std::string t = fixture("synthetic/commune-cong-van.txt");
    t.insert(t.find("V/v"), "MẬT\n");
    write_file_atomic(dir / "mat.txt", t);
    Document d = read_document(dir / "mat.txt");
    EXPECT_EQ(d.meta.secrecy, "MẬT");
    EXPECT_TRUE(must_not_publish(d.meta));
}

}  // namespace
}  // namespace xasite::directives
