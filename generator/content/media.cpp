#include "generator/content/media.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/image.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "generator/content/markdown.hpp"

namespace xasite::content {

namespace fs = std::filesystem;

namespace {

enum class Magic { pdf, zip, ole, text };

struct AttachmentType {
    std::string_view ext;
    std::string_view label;
    Magic magic;
};

// What a page may offer for download, by extension; the content must agree.
constexpr AttachmentType kAttachmentTypes[] = {
    {"pdf", "PDF", Magic::pdf},
    {"docx", "Word (.docx)", Magic::zip},
    {"xlsx", "Excel (.xlsx)", Magic::zip},
    {"pptx", "PowerPoint (.pptx)", Magic::zip},
    {"odt", "OpenDocument (.odt)", Magic::zip},
    {"ods", "OpenDocument (.ods)", Magic::zip},
    {"odp", "OpenDocument (.odp)", Magic::zip},
    {"zip", "ZIP", Magic::zip},
    {"doc", "Word (.doc)", Magic::ole},
    {"xls", "Excel (.xls)", Magic::ole},
    {"ppt", "PowerPoint (.ppt)", Magic::ole},
    {"txt", "text (.txt)", Magic::text},
    {"csv", "CSV", Magic::text},
};

constexpr std::string_view kImageExtensions[] = {"jpg", "jpeg", "png", "webp", "gif"};

bool starts(std::string_view b, std::string_view magic) {
    return b.size() >= magic.size() && b.substr(0, magic.size()) == magic;
}

bool has_magic(std::string_view b, Magic m) {
    switch (m) {
        case Magic::pdf:
            return starts(b, "%PDF-");
        case Magic::zip:
            return starts(b, std::string_view("PK\x03\x04", 4));
        case Magic::ole:
            return starts(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
        case Magic::text:
            return text::is_valid_utf8(b) && b.find('\0') == std::string_view::npos;
    }
    return false;
}

// What the bytes are, for a message.
std::string describe(std::string_view b) {
    if (b.empty()) return "an empty file";
    if (auto f = image::sniff(b)) return std::string("a ") + image::format_name(*f) + " picture";
    if (has_magic(b, Magic::pdf)) return "a PDF";
    if (has_magic(b, Magic::zip)) return "a ZIP archive (docx, xlsx, odt or zip)";
    if (has_magic(b, Magic::ole)) return "an old Office file (doc, xls or ppt)";
    if (starts(b, "MZ")) return "a Windows program";
    if (starts(b,
               "\x7F"
               "ELF"))
        return "a Linux program";
    if (starts(b, "Rar!")) return "a RAR archive";
    std::string_view t = text::trim(b.substr(0, 64));
    if (starts(t, "<")) return "HTML or XML";
    return "of a kind not recognised";
}

std::string lower_ext(const fs::path& p) {
    std::string e = p.extension().string();
    if (!e.empty()) e.erase(0, 1);
    for (char& c : e)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return e;
}

bool inside(const fs::path& path, const fs::path& root) {
    auto r = root.begin(), p = path.begin();
    for (; r != root.end(); ++r, ++p) {
        if (r->empty()) continue;  // a trailing separator of the root
        if (p == path.end() || *p != *r) return false;
    }
    return true;
}

std::string read_bytes(const fs::path& p, std::uintmax_t size) {
    std::string data = read_file(p);
    if (data.size() != size) throw InputError(p.string(), "the file changed while it was read");
    return data;
}

// A reference as written, split: the file path (percent-decoded, NFC) and what follows it
// ("#page=2"); nullopt when it is not a local file (a web address, mail, an anchor, a page).
struct LocalRef {
    std::string path;
    std::string suffix;
};

std::optional<LocalRef> local_file(const MarkdownRef& ref, const fs::path& source,
                                   std::size_t line) {
    const std::string url = url::clean_reference(ref.url);
    if (url.empty() || url.front() == '#' || url.front() == '?') return std::nullopt;
    if (std::size_t scheme = url::scheme_length(url); scheme > 0) {
        if (scheme == 1)  // C:\… or C:/…: a path on someone's computer
            throw InputError(location(source, line),
                             "'" + ref.url +
                                 "' is a path on a computer; put the file beside the page or in "
                                 "media/ and write its name (e.g. anh.jpg)",
                             "'" + ref.url +
                                 "' là đường dẫn trên máy tính; hãy đặt tệp cạnh trang hoặc "
                                 "trong thư mục media/ rồi ghi tên tệp (ví dụ anh.jpg)");
        return std::nullopt;
    }
    if (url.starts_with("//")) return std::nullopt;  // another host
    const url::Parts parts = url::split(url);
    LocalRef out;
    out.path = text::nfc(url::percent_decode(parts.path));
    out.suffix = url.substr(parts.path.size());
    // A link to a page ("../lien-he/", "tin-tuc/hop-dan") is not a file: only links whose last
    // segment has an extension other than .html are attachments. An image is always a file.
    if (!ref.image) {
        if (out.path.empty() || out.path.back() == '/') return std::nullopt;
        const fs::path p(out.path);
        const std::string ext = lower_ext(p);
        if (ext.empty() || ext == "html" || ext == "htm") return std::nullopt;
    }
    if (out.path.empty()) return std::nullopt;
    if (out.path.front() == '/' || out.path.find('\\') != std::string::npos)
        throw InputError(location(source, line),
                         "'" + ref.url +
                             "' is an absolute path; a file is referred to by its name beside the "
                             "page or in media/ (e.g. anh.jpg or media/anh.jpg)",
                         "'" + ref.url +
                             "' là đường dẫn tuyệt đối; hãy ghi tên tệp đặt cạnh trang hoặc "
                             "trong media/ (ví dụ anh.jpg hoặc media/anh.jpg)");
    return out;
}

}  // namespace

void attach_page_media(Page& page, const fs::path& folder, const fs::path& boundary,
                       std::vector<std::string>& warnings) {
    const fs::path root = boundary.lexically_normal();
    const fs::path here = folder.lexically_normal();
    const fs::path media_dir = root / "media";
    std::map<fs::path, std::size_t> by_source;
    std::set<std::string> names;
    // A published name: the file's name as a slug, unique among this page's files.
    auto claim = [&](const std::string& stem, const std::string& ext) {
        std::string base = text::slug(stem);
        if (base.empty()) base = "tep";
        std::string name = base;
        for (int n = 2; names.count(name + "." + ext); ++n)
            name = base + "-" + std::to_string(n);
        names.insert(name + "." + ext);
        return name;
    };

    for (const MarkdownRef& ref : markdown_references(page.body_markdown)) {
        const std::size_t line = page.body_line + ref.line - 1;
        const std::string where = location(page.source, line);
        std::optional<LocalRef> local = local_file(ref, page.source, line);
        if (!local) continue;
        const char* what = ref.image ? "image" : "attachment";

        // Beside the page first, then the unit's media/ folder; never outside the unit's folder.
        const fs::path beside = (here / local->path).lexically_normal();
        if (!inside(beside, root))
            throw InputError(where,
                             std::string("the ") + what + " '" + ref.url + "' is outside " +
                                 root.string() + "; only files of this unit's folder are published",
                             std::string(ref.image ? "ảnh" : "tệp đính kèm") + " '" + ref.url +
                                 "' nằm ngoài thư mục " + root.string() +
                                 "; chỉ đăng được tệp trong thư mục của đơn vị mình");
        fs::path found;
        std::error_code ec;
        for (const fs::path& candidate : {beside, (media_dir / local->path).lexically_normal()}) {
            if (!inside(candidate, root)) continue;
            if (fs::exists(candidate, ec)) {
                found = candidate;
                break;
            }
        }
        if (found.empty())
            throw InputError(where,
                             std::string("the ") + what + " '" + ref.url +
                                 "' is missing: no file " + local->path + " in " + here.string() +
                                 " or " + media_dir.string(),
                             std::string(ref.image ? "không tìm thấy ảnh" : "không tìm thấy tệp") +
                                 " '" + ref.url + "': không có tệp " + local->path + " trong " +
                                 here.string() + " hay " + media_dir.string());
        if (!fs::is_regular_file(found, ec))
            throw InputError(where, std::string("the ") + what + " '" + ref.url + "' (" +
                                        found.string() + ") is not a file");
        if (ref.image && ref.alt.empty())
            warnings.push_back(where + ": the image " + local->path +
                               " has no alt text; describe it between the brackets, "
                               "![Mô tả ảnh](" +
                               local->path + "), for readers who cannot see it");

        if (auto seen = by_source.find(found); seen != by_source.end()) {
            const PageMedia& m = page.media[seen->second];
            if (ref.image && m.kind != PageMedia::Kind::image)
                throw InputError(where, "'" + ref.url + "' is " + m.type + ", not a picture");
            page.media_by_url[ref.url] = seen->second;
            continue;
        }

        PageMedia m;
        m.source = found;
        m.line = line;
        m.bytes = fs::file_size(found, ec);
        if (ec) throw InputError(found.string(), "cannot read: " + ec.message());
        const std::string ext = lower_ext(found);
        const std::string stem = found.stem().string();
        const bool image_ext = std::find(std::begin(kImageExtensions), std::end(kImageExtensions),
                                         ext) != std::end(kImageExtensions);
        if (ref.image || image_ext) {
            // A picture, shown or linked: published only as a re-encoded copy without metadata.
            if (m.bytes > kMaxImageBytes)
                throw InputError(
                    where,
                    "the picture " + found.string() + " is " + std::to_string(m.bytes >> 20) +
                        " MB; a picture may have at most " + std::to_string(kMaxImageBytes >> 20) +
                        " MB",
                    "ảnh " + found.string() + " nặng " + std::to_string(m.bytes >> 20) +
                        " MB; mỗi ảnh tối đa " + std::to_string(kMaxImageBytes >> 20) + " MB");
            const std::string bytes = read_bytes(found, m.bytes);
            image::Info info;
            try {
                info = image::probe(bytes);
            } catch (const image::Error& e) {
                if (!image::sniff(bytes))
                    throw InputError(
                        where,
                        found.string() + " is not a picture: it is " + describe(bytes) +
                            " (pictures may be JPEG, PNG, WebP or GIF)",
                        found.string() + " không phải là ảnh (nội dung: " + describe(bytes) +
                            "); ảnh phải là JPEG, PNG, WebP hoặc GIF");
                throw InputError(
                    where, found.string() + ": " + e.what(),
                    found.string() + ": ảnh bị hỏng hoặc không đọc được (" + e.what() + ")");
            }
            m.kind = PageMedia::Kind::image;
            m.type = image::format_name(info.format);
            const std::string out_ext = image::published_extension(info.format);
            const std::vector<image::Size> sizes = image::plan(info.size, kImageWidths, kMaxEdge);
            std::string base = text::slug(stem);
            if (base.empty()) base = "anh";
            // The main copy and the resized ones, all names free on this page.
            for (int n = 1;; ++n) {
                const std::string name = n == 1 ? base : base + "-" + std::to_string(n);
                m.copies.clear();
                for (const image::Size& s : sizes)
                    m.copies.push_back(
                        {name + "-" + std::to_string(s.width) + "w." + out_ext, s.width, s.height});
                m.copies.back().name = name + "." + out_ext;
                bool free = true;
                for (const auto& c : m.copies)
                    free = free && !names.count(c.name);
                if (free) break;
            }
            for (const auto& c : m.copies)
                names.insert(c.name);
        } else {
            const AttachmentType* type = nullptr;
            for (const auto& t : kAttachmentTypes)
                if (t.ext == ext) type = &t;
            if (!type)
                throw InputError(where,
                                 "'" + ref.url + "': ." + ext +
                                     " files are not published; an attachment may be a PDF, "
                                     "Word, Excel, PowerPoint, OpenDocument, ZIP, .txt or .csv "
                                     "file, a picture JPEG, PNG, WebP or GIF",
                                 "'" + ref.url + "': không đăng được tệp ." + ext +
                                     "; tệp đính kèm phải là PDF, Word, Excel, PowerPoint, "
                                     "OpenDocument, ZIP, .txt, .csv hoặc ảnh JPEG, PNG, WebP, "
                                     "GIF");
            if (m.bytes > kMaxAttachmentBytes)
                throw InputError(
                    where,
                    "the attachment " + found.string() + " is " + std::to_string(m.bytes >> 20) +
                        " MB; an attachment may have at most " +
                        std::to_string(kMaxAttachmentBytes >> 20) + " MB",
                    "tệp đính kèm " + found.string() + " nặng " + std::to_string(m.bytes >> 20) +
                        " MB; mỗi tệp tối đa " + std::to_string(kMaxAttachmentBytes >> 20) + " MB");
            const std::string bytes = read_bytes(found, m.bytes);
            if (!has_magic(bytes, type->magic))
                throw InputError(where,
                                 found.string() + " is not a " + std::string(type->label) +
                                     " file as its name says: its content is " + describe(bytes),
                                 found.string() + " không phải tệp " + std::string(type->label) +
                                     " như tên tệp ghi: nội dung của nó là " + describe(bytes));
            m.kind = PageMedia::Kind::attachment;
            m.type = type->label;
            m.copies.push_back({claim(stem, ext) + "." + ext, 0, 0});
        }
        by_source[found] = page.media.size();
        page.media_by_url[ref.url] = page.media.size();
        page.media.push_back(std::move(m));
    }

    // A bundle's files the page does not use are not published; say so.
    if (here != root) {
        std::error_code ec;
        for (fs::directory_iterator it(here, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path p = it->path().lexically_normal();
            const std::string name = p.filename().string();
            if (name.front() == '.' || p.extension() == ".md" || !it->is_regular_file()) continue;
            if (!by_source.count(p))
                warnings.push_back(p.string() + ": not referred to by " +
                                   page.source.filename().string() + "; not published");
        }
    }
    page.body_html = render_page_body(page, "");
}

std::string render_page_body(const Page& page, std::string_view prefix) {
    if (page.media.empty())
        return page.body_html.empty() ? markdown_to_html(page.body_markdown) : page.body_html;
    const std::string pre(prefix);
    return markdown_to_html(
        page.body_markdown, [&](const MarkdownRef& ref) -> std::optional<RefRewrite> {
            auto it = page.media_by_url.find(ref.url);
            if (it == page.media_by_url.end()) return std::nullopt;
            const PageMedia& m = page.media[it->second];
            if (!ref.image) {
                const std::string url = url::clean_reference(ref.url);
                const url::Parts parts = url::split(url);
                return RefRewrite{pre + m.main().name + url.substr(parts.path.size()), ""};
            }
            // The picture at its displayed size (no layout shift), its resized copies for the
            // browser to choose from, loaded when scrolled to.
            const PageMedia::Copy& main = m.main();
            const PageMedia::Copy* src = &m.copies.front();
            for (const auto& c : m.copies)
                if (c.width <= 960) src = &c;
            std::string html = "<img src=\"";
            text::append_html_escaped(html, pre + src->name);
            html += '"';
            if (m.copies.size() > 1) {
                html += " srcset=\"";
                for (std::size_t i = 0; i < m.copies.size(); ++i) {
                    if (i) html += ", ";
                    text::append_html_escaped(html, pre + m.copies[i].name);
                    html += ' ' + std::to_string(m.copies[i].width) + 'w';
                }
                html += "\" sizes=\"(min-width: 50rem) 48rem, 100vw\"";
            }
            html += " width=\"" + std::to_string(main.width) + "\" height=\"" +
                    std::to_string(main.height) + "\" alt=\"";
            text::append_html_escaped(html, ref.alt);
            html += "\" loading=\"lazy\" decoding=\"async\" />";
            return RefRewrite{"", html};
        });
}

}  // namespace xasite::content
