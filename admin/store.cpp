#include "admin/store.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <archive.h>
#include <archive_entry.h>

#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "generator/content/markdown.hpp"
#include "generator/content/pages.hpp"
#include "generator/site/routes.hpp"

namespace xasite::admin {

namespace fs = std::filesystem;

const std::vector<SectionInfo>& editor_sections() {
    static const std::vector<SectionInfo> sections = {
        {site::routes::kNews, "Tin tức", true},
        {site::routes::kSchedule, "Lịch công tác", true},
        {"trang", "Trang", false},
        {site::routes::kQuestions, "Hỏi đáp", true},
        {site::routes::kIntro, "Giới thiệu", false},
        {site::routes::kContact, "Liên hệ (thêm nội dung)", false},
    };
    return sections;
}

const SectionInfo* find_section(std::string_view key) {
    for (const auto& s : editor_sections())
        if (s.key == key) return &s;
    return nullptr;
}

bool valid_slug(std::string_view s) {
    if (s.empty() || s.size() > 80 || s.front() == '-' || s.back() == '-') return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool valid_unit_code(std::string_view s) {
    return !s.empty() && s.size() <= 10 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string normalise(PageFields& f) {
    for (std::string* s : {&f.section, &f.title, &f.date, &f.description, &f.body})
        if (!text::is_valid_utf8(*s)) return "nội dung gửi lên không phải văn bản UTF-8 hợp lệ";
    auto one_line = [](std::string s) {
        std::replace(s.begin(), s.end(), '\r', ' ');
        std::replace(s.begin(), s.end(), '\n', ' ');
        std::replace(s.begin(), s.end(), '\t', ' ');
        return text::tidy(text::nfc(s));
    };
    f.title = one_line(f.title);
    f.description = one_line(f.description);
    f.date = std::string(text::trim(f.date));
    std::string body;
    body.reserve(f.body.size());
    for (char c : f.body)
        if (c != '\r') body += c;
    f.body = text::nfc(body);
    if (!find_section(f.section)) return "chuyên mục không hợp lệ";
    if (f.title.empty()) return "cần nhập tiêu đề";
    if (f.title.size() > 400) return "tiêu đề quá dài (tối đa 400 byte)";
    if (f.description.size() > 1000) return "mô tả quá dài (tối đa 1000 byte)";
    if (f.body.size() > 200 * 1024) return "nội dung quá dài (tối đa 200 KB)";
    if (!f.date.empty() && !date::parse_iso(f.date))
        return "ngày phải có dạng NNNN-TT-NN (ví dụ 2025-08-02)";
    if (f.date.empty() && find_section(f.section)->dated)
        return "tin tức, lịch công tác và hỏi đáp cần ngày (NNNN-TT-NN)";
    for (unsigned char c : f.body)
        if (c < 0x20 && c != '\n' && c != '\t') return "nội dung chứa ký tự điều khiển";
    return "";
}

namespace {
std::size_t front_matter_end(std::string_view text);
}  // namespace

std::string page_text(const PageFields& f, std::string_view previous) {
    // A JSON string is a YAML double-quoted scalar.
    auto quoted = [](const std::string& s) { return nlohmann::json(s).dump(); };
    std::string out = "---\ntitle: " + quoted(f.title) + "\n";
    out += "section: " + f.section + "\n";
    if (!f.date.empty()) out += "date: " + f.date + "\n";
    if (!f.description.empty()) out += "description: " + quoted(f.description) + "\n";
    if (f.draft) out += "draft: true\n";
    // The other keys of the previous front matter, each with its continuation lines.
    const std::size_t end = front_matter_end(previous);
    if (end != std::string_view::npos) {
        std::size_t pos = previous.find('\n') + 1;
        bool keep = false;
        while (pos < end) {
            std::size_t nl = previous.find('\n', pos);
            const std::size_t next = nl == std::string_view::npos ? previous.size() : nl + 1;
            const std::string_view line = previous.substr(pos, next - pos);
            if (!line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != '-' &&
                line[0] != '#') {
                const std::string_view key = text::trim(line.substr(0, line.find(':')));
                keep = key != "title" && key != "section" && key != "date" &&
                       key != "description" && key != "draft";
            }
            if (keep) {
                out.append(line);
                if (out.back() != '\n') out += '\n';
            }
            pos = next;
        }
    }
    out += "---\n";
    out += f.body;
    if (!out.empty() && out.back() != '\n') out += '\n';
    return out;
}

UnitStore::UnitStore(fs::path content_dir, std::string unit_code)
    : content_(std::move(content_dir)), unit_(std::move(unit_code)) {
    if (!valid_unit_code(unit_)) throw std::invalid_argument("bad unit code");
}

fs::path UnitStore::unit_rel() const {
    return fs::path("units") / unit_;
}
fs::path UnitStore::page_rel(std::string_view slug) const {
    if (!valid_slug(slug)) throw std::invalid_argument("bad slug");
    return unit_rel() / (std::string(slug) + ".md");
}
fs::path UnitStore::contacts_rel() const {
    return unit_rel() / "unit.json";
}

namespace {

PageItem item_of(const fs::path& file, std::string slug) {
    PageItem item;
    item.slug = std::move(slug);
    try {
        const content::Page p = content::load_page(file);
        item.fields.section = p.section;
        item.fields.title = p.title;
        item.fields.date = p.date;
        // The parser fills an absent description with the summary: keep only a written one.
        if (p.description != content::markdown_summary(p.body_markdown, 200))
            item.fields.description = p.description;
        item.fields.body = p.body_markdown;
        item.fields.draft = p.draft;
    } catch (const std::exception& e) {
        item.error = e.what();
        item.fields.title = item.slug;
    }
    return item;
}

}  // namespace

std::vector<PageItem> UnitStore::list() const {
    std::vector<PageItem> items;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(content_ / unit_rel(), ec)) {
        if (!e.is_regular_file() || e.is_symlink() || e.path().extension() != ".md") continue;
        std::string slug = e.path().stem().string();
        if (!valid_slug(slug)) continue;
        items.push_back(item_of(e.path(), std::move(slug)));
    }
    std::sort(items.begin(), items.end(), [](const PageItem& a, const PageItem& b) {
        if (a.fields.date != b.fields.date) return a.fields.date > b.fields.date;
        return a.slug < b.slug;
    });
    return items;
}

std::optional<PageItem> UnitStore::read(std::string_view slug) const {
    if (!valid_slug(slug)) return std::nullopt;
    const fs::path file = content_ / page_rel(slug);
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(file, ec))) return std::nullopt;
    return item_of(file, std::string(slug));
}

std::string UnitStore::new_slug(std::string_view title) const {
    std::string base = text::slug(title);
    if (base.size() > 60) {
        base.resize(60);
        while (!base.empty() && base.back() == '-')
            base.pop_back();
    }
    if (base.empty()) base = "trang";
    static const std::array<std::string_view, 21> reserved = {site::routes::kIntro,
                                                              site::routes::kProcedures,
                                                              site::routes::kDocuments,
                                                              site::routes::kNews,
                                                              site::routes::kSchedule,
                                                              site::routes::kQuestions,
                                                              site::routes::kDisclosure,
                                                              site::routes::kContact,
                                                              site::routes::kSearch,
                                                              site::routes::kSitemap,
                                                              site::routes::kExports,
                                                              site::routes::kAssets,
                                                              site::routes::kUnitLookup,
                                                              site::routes::kServiceCentres,
                                                              site::routes::kArchives,
                                                              site::routes::kApi,
                                                              "media",
                                                              "templates",
                                                              "index",
                                                              "404",
                                                              "dvc"};
    auto taken = [&](const std::string& s) {
        if (std::find(reserved.begin(), reserved.end(), s) != reserved.end()) return true;
        std::error_code ec;
        return fs::exists(content_ / unit_rel() / (s + ".md"), ec);
    };
    std::string slug = base;
    for (int n = 2; taken(slug); ++n)
        slug = base + "-" + std::to_string(n);
    return slug;
}

namespace {

// The front matter's closing delimiter line's offset, or npos.
std::size_t front_matter_end(std::string_view text) {
    if (text.rfind("---", 0) != 0) return std::string_view::npos;
    std::size_t pos = text.find('\n');
    while (pos != std::string_view::npos) {
        const std::size_t start = pos + 1;
        std::size_t end = text.find('\n', start);
        std::string_view line =
            text.substr(start, end == std::string_view::npos ? end : end - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.remove_suffix(1);
        if (line == "---") return start;
        pos = end;
    }
    return std::string_view::npos;
}

}  // namespace

std::string without_draft(std::string_view text) {
    const std::size_t end = front_matter_end(text);
    if (end == std::string_view::npos) return std::string(text);
    std::string out;
    std::size_t pos = 0;
    while (pos < end) {
        std::size_t nl = text.find('\n', pos);
        const std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
        std::string_view line = text.substr(pos, next - pos);
        std::string_view t = text::trim(line);
        if (!(t.rfind("draft:", 0) == 0 && text::trim(t.substr(6)) == "true")) out.append(line);
        pos = next;
    }
    out.append(text.substr(end));
    return out;
}

std::string with_draft(std::string_view text) {
    const std::size_t end = front_matter_end(text);
    if (end == std::string_view::npos) return std::string(text);
    if (without_draft(text) != text) return std::string(text);
    std::string out(text.substr(0, end));
    out += "draft: true\n";
    out.append(text.substr(end));
    return out;
}

// --- uploads ---------------------------------------------------------------------------------

namespace {

struct ArchiveReader {
    archive* a = archive_read_new();
    ~ArchiveReader() { archive_read_free(a); }
    ArchiveReader() = default;
    ArchiveReader(const ArchiveReader&) = delete;
    ArchiveReader& operator=(const ArchiveReader&) = delete;
};

// word/document.xml of a ZIP; nullopt when the bytes are not a ZIP holding it.
std::optional<std::string> docx_document_xml(std::string_view bytes) {
    ArchiveReader r;
    archive_read_support_format_zip(r.a);
    if (archive_read_open_memory(r.a, bytes.data(), bytes.size()) != ARCHIVE_OK)
        return std::nullopt;
    archive_entry* entry = nullptr;
    while (archive_read_next_header(r.a, &entry) == ARCHIVE_OK) {
        if (std::string_view(archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "") !=
            "word/document.xml") {
            archive_read_data_skip(r.a);
            continue;
        }
        std::string xml;
        std::array<char, 65536> buf;
        for (;;) {
            const la_ssize_t n = archive_read_data(r.a, buf.data(), buf.size());
            if (n < 0) return std::nullopt;
            if (n == 0) break;
            xml.append(buf.data(), static_cast<std::size_t>(n));
            if (xml.size() > 50u << 20) return std::nullopt;  // a ZIP bomb
        }
        return xml;
    }
    return std::nullopt;
}

}  // namespace

FileKind sniff(std::string_view b) {
    auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
    if (starts("%PDF-")) return FileKind::pdf;
    if (starts("\x89PNG\r\n\x1a\n")) return FileKind::png;
    if (starts("\xFF\xD8\xFF")) return FileKind::jpeg;
    if (starts("GIF87a") || starts("GIF89a")) return FileKind::gif;
    if (b.size() >= 12 && starts("RIFF") && b.substr(8, 4) == "WEBP") return FileKind::webp;
    if (starts(std::string_view("PK\x03\x04", 4)))
        return docx_document_xml(b) ? FileKind::docx : FileKind::none;
    if (b.empty() || !text::is_valid_utf8(b)) return FileKind::none;
    for (unsigned char c : b)
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return FileKind::none;
    return FileKind::text;
}

const char* extension_of(FileKind kind) {
    switch (kind) {
        case FileKind::pdf:
            return ".pdf";
        case FileKind::docx:
            return ".docx";
        case FileKind::text:
            return ".txt";
        case FileKind::png:
            return ".png";
        case FileKind::jpeg:
            return ".jpg";
        case FileKind::gif:
            return ".gif";
        case FileKind::webp:
            return ".webp";
        case FileKind::none:
            break;
    }
    return "";
}

bool is_image(FileKind kind) {
    return kind == FileKind::png || kind == FileKind::jpeg || kind == FileKind::gif ||
           kind == FileKind::webp;
}

std::string docx_text(std::string_view bytes) {
    const auto xml = docx_document_xml(bytes);
    if (!xml) throw std::runtime_error("not a Word document (no word/document.xml)");
    std::string out;
    bool in_text = false;
    std::size_t i = 0;
    const std::string& x = *xml;
    while (i < x.size()) {
        if (x[i] == '<') {
            const std::size_t close = x.find('>', i);
            if (close == std::string::npos) break;
            std::string_view tag(x.data() + i + 1, close - i - 1);
            if (tag == "w:t" || tag.rfind("w:t ", 0) == 0)
                in_text = true;
            else if (tag == "/w:t")
                in_text = false;
            else if (tag == "/w:p")
                out += '\n';
            else if (tag.rfind("w:tab", 0) == 0 && tag.find("/") != std::string_view::npos)
                out += '\t';
            else if (tag.rfind("w:br", 0) == 0)
                out += '\n';
            i = close + 1;
            continue;
        }
        if (x[i] == '&') {
            const std::size_t semi = x.find(';', i);
            if (semi != std::string::npos && semi - i < 12) {
                std::string_view ent(x.data() + i + 1, semi - i - 1);
                std::string rep;
                if (ent == "amp")
                    rep = "&";
                else if (ent == "lt")
                    rep = "<";
                else if (ent == "gt")
                    rep = ">";
                else if (ent == "quot")
                    rep = "\"";
                else if (ent == "apos")
                    rep = "'";
                else if (!ent.empty() && ent[0] == '#') {
                    const bool hexa = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
                    unsigned long cp = 0;
                    for (char c : ent.substr(hexa ? 2 : 1)) {
                        const int d = c >= '0' && c <= '9'           ? c - '0'
                                      : hexa && c >= 'a' && c <= 'f' ? c - 'a' + 10
                                      : hexa && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                     : -1;
                        if (d < 0 || cp > 0x10FFFF) {
                            cp = 0;
                            break;
                        }
                        cp = cp * (hexa ? 16 : 10) + static_cast<unsigned long>(d);
                    }
                    if (cp > 0 && cp < 0x110000 && (cp < 0xD800 || cp > 0xDFFF))
                        text::append_utf8(rep, static_cast<char32_t>(cp));
                }
                if (in_text) out += rep;
                i = semi + 1;
                continue;
            }
        }
        if (in_text) out += x[i];
        ++i;
    }
    if (!text::is_valid_utf8(out))
        throw std::runtime_error("the Word document's text is not UTF-8");
    return text::nfc(out);
}

}  // namespace xasite::admin
