#include "archive/package/mirror.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cctype>

#include "archive/package/transcode.hpp"
#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace xasite::archive {

struct MirrorReader::Impl {
    struct Free {
        void operator()(struct archive* a) const { archive_read_free(a); }
    };
    std::unique_ptr<struct archive, Free> a;
    std::string name;
    std::size_t index = 0;
    bool eof = false;
};

MirrorReader::MirrorReader(const std::filesystem::path& file, std::string display_name)
    : impl_(std::make_unique<Impl>()) {
    impl_->name = std::move(display_name);
    impl_->a.reset(archive_read_new());
    if (!impl_->a) throw std::runtime_error("archive_read_new failed");
    struct archive* a = impl_->a.get();
    archive_read_support_filter_all(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    archive_read_support_format_zip(a);
    archive_read_support_format_7zip(a);
    if (archive_read_open_filename(a, file.c_str(), 1 << 16) != ARCHIVE_OK) {
        const char* e = archive_error_string(a);
        throw InputError(impl_->name, std::string("not a readable tar, zip or 7z archive: ") +
                                          (e ? e : "unknown error"));
    }
}

MirrorReader::~MirrorReader() = default;

bool MirrorReader::next(MirrorMember& m) {
    if (impl_->eof) return false;
    struct archive* a = impl_->a.get();
    struct archive_entry* e = nullptr;
    int r = archive_read_next_header(a, &e);
    if (r == ARCHIVE_EOF) {
        impl_->eof = true;
        return false;
    }
    ++impl_->index;
    if (r < ARCHIVE_WARN || !e) {
        const char* msg = archive_error_string(a);
        impl_->eof = true;
        throw InputError(impl_->name,
                         "member " + std::to_string(impl_->index) +
                             ": damaged archive: " + (msg ? msg : "unreadable header"));
    }
    m = MirrorMember{};
    m.index = impl_->index;
    const char* raw = archive_entry_pathname(e);
    const char* utf8 = archive_entry_pathname_utf8(e);
    m.raw_name = raw ? raw : (utf8 ? utf8 : "");
    if (utf8 && text::is_valid_utf8(utf8)) {
        m.name = text::nfc(utf8);
    } else if (text::is_valid_utf8(m.raw_name)) {
        m.name = text::nfc(m.raw_name);
    } else {
        // Zips made on Vietnamese Windows store names in the ANSI/OEM code page (1258).
        m.name = text::nfc(repair_utf8(icu_to_utf8(m.raw_name, "windows-1258")));
        m.name_decoded = true;
    }
    switch (archive_entry_filetype(e)) {
        case AE_IFREG:
            m.type = MirrorMember::Type::file;
            break;
        case AE_IFDIR:
            m.type = MirrorMember::Type::directory;
            break;
        case AE_IFLNK:
            m.type = MirrorMember::Type::symlink;
            break;
        default:
            m.type = MirrorMember::Type::other;
            break;
    }
    if (const char* h = archive_entry_hardlink(e)) {
        m.type = MirrorMember::Type::hardlink;
        m.link_target = h;
    }
    if (m.type == MirrorMember::Type::symlink)
        if (const char* t = archive_entry_symlink(e)) m.link_target = t;
    m.size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
    m.mtime = archive_entry_mtime_is_set(e) ? archive_entry_mtime(e) : 0;
    return true;
}

std::size_t MirrorReader::read(char* buf, std::size_t n) {
    la_ssize_t r = archive_read_data(impl_->a.get(), buf, n);
    if (r < 0) {
        const char* msg = archive_error_string(impl_->a.get());
        throw InputError(impl_->name, "member " + std::to_string(impl_->index) +
                                          ": damaged data: " + (msg ? msg : "read error"));
    }
    return static_cast<std::size_t>(r);
}

std::int64_t MirrorReader::bytes_read() const {
    return archive_filter_bytes(impl_->a.get(), -1);
}

std::string MirrorReader::format_name() const {
    const char* f = archive_format_name(impl_->a.get());
    return f ? f : "";
}

namespace {

std::vector<std::string_view> split_path(std::string_view p) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i <= p.size()) {
        auto s = p.find('/', i);
        out.push_back(p.substr(i, s == std::string_view::npos ? std::string_view::npos : s - i));
        if (s == std::string_view::npos) break;
        i = s + 1;
    }
    return out;
}

bool ends_with(std::string_view s, std::string_view suf) {
    return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

bool dynamic_name(std::string_view lname) {
    for (std::string_view ext :
         {".aspx", ".asp", ".php", ".jsp", ".cfm", ".cgi", ".do", ".ashx", ".pl", ".action"})
        if (ends_with(lname, ext)) return true;
    return false;
}

std::string encode_name(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '?')
            out += "%3F";
        else if (c == '#')
            out += "%23";
        else if (c == ' ')
            out += "%20";
        else
            out.push_back(c);
    }
    return out;
}

}  // namespace

std::string unsafe_member_path(std::string_view name) {
    if (name.empty()) return "empty name";
    if (name.front() == '/' || name.front() == '\\') return "absolute path";
    if (name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) && name[1] == ':')
        return "absolute path (drive letter)";
    std::string n(name);
    std::replace(n.begin(), n.end(), '\\', '/');
    for (auto seg : split_path(n))
        if (seg == "..") return "\"..\" leaves the archive";
    return "";
}

bool link_stays_inside(std::string_view member, std::string_view target) {
    if (target.empty() || target.front() == '/' || target.front() == '\\') return false;
    std::vector<std::string_view> stack;
    auto m = split_path(member);
    m.pop_back();
    for (auto s : m)
        if (!s.empty() && s != ".") stack.push_back(s);
    for (auto s : split_path(target)) {
        if (s.empty() || s == ".") continue;
        if (s == "..") {
            if (stack.empty()) return false;
            stack.pop_back();
        } else {
            stack.push_back(s);
        }
    }
    return true;
}

bool looks_like_host_folder(std::string_view c) {
    if (c.empty() || c.size() > 253) return false;
    std::string_view host = c;
    auto port = c.find_first_of(":+");
    if (port != std::string_view::npos) {
        std::string_view p = c.substr(port + 1);
        if (p.empty() || p.size() > 5 ||
            !std::all_of(p.begin(), p.end(), [](char x) { return x >= '0' && x <= '9'; }))
            return false;
        host = c.substr(0, port);
    }
    if (host == "localhost") return true;
    if (host.find('.') == std::string_view::npos) return false;
    for (char x : host)
        if (!(std::isalnum(static_cast<unsigned char>(x)) || x == '-' || x == '.')) return false;
    std::string_view tld = host.substr(host.rfind('.') + 1);
    bool ipv4 = std::all_of(host.begin(), host.end(), [](char x) {
        return std::isdigit(static_cast<unsigned char>(x)) || x == '.';
    });
    if (ipv4) return true;
    if (tld.size() < 2 || tld.size() > 24) return false;
    if (!std::all_of(tld.begin(), tld.end(),
                     [](char x) { return std::isalpha(static_cast<unsigned char>(x)); }))
        return false;
    // A folder named like a file ("index.html", "logo.png") is not a host.
    static const char* file_tlds[] = {"html", "htm", "css",  "js",  "png",  "jpg", "jpeg", "gif",
                                      "pdf",  "doc", "docx", "xls", "xlsx", "txt", "xml",  "zip",
                                      "old",  "bak", "aspx", "asp", "php",  "ico"};
    std::string l = ascii::lower(tld);
    for (const char* f : file_tlds)
        if (l == f) return false;
    return true;
}

std::optional<MirrorUrl> mirror_url(std::string_view member_path, std::string_view host,
                                    bool gzip_content) {
    std::string path(member_path);
    std::replace(path.begin(), path.end(), '\\', '/');
    while (path.rfind("./", 0) == 0)
        path.erase(0, 2);
    auto segs = split_path(path);
    std::vector<std::string> rest;
    for (auto s : segs)
        if (!s.empty() && s != ".") rest.emplace_back(s);
    std::string h(host);
    if (h.empty()) {
        if (rest.size() < 2 || !looks_like_host_folder(rest.front())) return std::nullopt;
        h = rest.front();
        std::replace(h.begin(), h.end(), '+', ':');
        rest.erase(rest.begin());
    }
    if (rest.empty()) return std::nullopt;
    MirrorUrl r;
    std::string dirs;
    for (std::size_t i = 0; i + 1 < rest.size(); ++i)
        dirs += "/" + encode_name(rest[i]);
    std::string last = rest.back();
    std::string literal = "http://" + h + dirs + "/" + encode_name(last);
    std::string lname = ascii::lower(last);
    if (gzip_content) {
        for (std::string_view inner :
             {".html.gz", ".htm.gz", ".css.gz", ".txt.gz", ".xml.gz", ".js.gz"})
            if (ends_with(lname, inner)) {
                r.gunzip = true;
                last.resize(last.size() - 3);
                break;
            }
        if (!r.gunzip && ends_with(lname, ".gz.html")) {
            r.gunzip = true;
            last.resize(last.size() - 5);  // "x.gz.html": the URL ended in .gz
        }
        // Any other name whose bytes are gzip is a body saved without undoing its
        // Content-Encoding (the WARC path undoes it), unless the name says the file itself is
        // compressed (a download "x.tar.gz", an ".svgz" image).
        if (!r.gunzip) {
            bool compressed_file = false;
            for (std::string_view ext : {".gz", ".tgz", ".svgz", ".emz", ".wmz", ".z", ".taz"})
                compressed_file = compressed_file || ends_with(lname, ext);
            r.gunzip = !compressed_file;
        }
        lname = ascii::lower(last);
    }
    std::string name = last, query;
    bool has_query = false;
    if (auto q = name.find('?'); q != std::string::npos) {
        query = name.substr(q + 1);
        name = name.substr(0, q);
        has_query = true;
    } else if (auto at = name.find('@');
               at != std::string::npos && name.find('=', at) != std::string::npos) {
        query = name.substr(at + 1);
        name = name.substr(0, at);
        has_query = true;
    }
    bool alias_without_html = false;
    if (has_query) {
        std::string lq = ascii::lower(query);
        if (ends_with(lq, ".html"))
            query.resize(query.size() - 5);
        else if (ends_with(lq, ".css"))
            query.resize(query.size() - 4);
    } else {
        std::string ln = ascii::lower(name);
        if (ends_with(ln, ".html") && ln.size() > 5) {
            std::string stem = ln.substr(0, ln.size() - 5);
            if (dynamic_name(stem))
                name.resize(name.size() - 5);  // "Default.aspx.html": added by -E
            else if (stem.find('.') == std::string::npos)
                alias_without_html = true;
        } else if (ends_with(ln, ".css") && dynamic_name(ln.substr(0, ln.size() - 4))) {
            name.resize(name.size() - 4);
        }
    }
    r.url = "http://" + h + dirs + "/" + encode_name(name) + (has_query ? "?" + query : "");
    if (literal != r.url) r.aliases.push_back(literal);
    if (alias_without_html)
        r.aliases.push_back("http://" + h + dirs + "/" +
                            encode_name(name.substr(0, name.size() - 5)));
    if (ascii::lower(name) == "index.html" || ascii::lower(name) == "index.htm")
        if (!has_query) r.aliases.push_back("http://" + h + dirs + "/");
    return r;
}

}  // namespace xasite::archive
