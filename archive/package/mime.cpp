#include "archive/package/mime.hpp"

#include <array>
#include <cctype>
#include <utility>
#include "core/ascii.hpp"

namespace xasite::archive {

namespace {

struct ExtType {
    const char* ext;
    const char* type;
};

// The first entry for a type is its usual extension.
constexpr std::array<ExtType, 44> kTypes{{
    {".html", "text/html"},
    {".htm", "text/html"},
    {".xhtml", "application/xhtml+xml"},
    {".css", "text/css"},
    {".js", "application/javascript"},
    {".mjs", "application/javascript"},
    {".json", "application/json"},
    {".xml", "application/xml"},
    {".rss", "application/rss+xml"},
    {".txt", "text/plain"},
    {".csv", "text/csv"},
    {".pdf", "application/pdf"},
    {".doc", "application/msword"},
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {".xls", "application/vnd.ms-excel"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {".ppt", "application/vnd.ms-powerpoint"},
    {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {".odt", "application/vnd.oasis.opendocument.text"},
    {".ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {".rtf", "application/rtf"},
    {".zip", "application/zip"},
    {".rar", "application/vnd.rar"},
    {".7z", "application/x-7z-compressed"},
    {".gz", "application/gzip"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".bmp", "image/bmp"},
    {".ico", "image/x-icon"},
    {".svg", "image/svg+xml"},
    {".webp", "image/webp"},
    {".tif", "image/tiff"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".eot", "application/vnd.ms-fontobject"},
    {".swf", "application/x-shockwave-flash"},
    {".mp3", "audio/mpeg"},
    {".mp4", "video/mp4"},
    {".flv", "video/x-flv"},
    {".wmv", "video/x-ms-wmv"},
    {".avi", "video/x-msvideo"},
}};

std::string canonical(std::string_view t) {
    std::string l = ascii::lower(t);
    if (l == "application/x-javascript" || l == "text/javascript" || l == "text/ecmascript" ||
        l == "application/ecmascript")
        return "application/javascript";
    if (l == "image/jpg" || l == "image/pjpeg") return "image/jpeg";
    if (l == "application/x-pdf") return "application/pdf";
    if (l == "text/xml") return "application/xml";
    if (l == "image/vnd.microsoft.icon") return "image/x-icon";
    return l;
}

}  // namespace

MimeKind mime_kind(std::string_view t) {
    std::string l = canonical(t);
    if (l == "text/html" || l == "application/xhtml+xml") return MimeKind::html;
    if (l == "text/css") return MimeKind::css;
    if (l == "application/javascript" || l == "application/json") return MimeKind::script;
    if (l == "application/pdf") return MimeKind::pdf;
    if (l.rfind("image/", 0) == 0) return MimeKind::image;
    if (l == "application/msword" || l == "application/rtf" || l == "application/vnd.ms-excel" ||
        l == "application/vnd.ms-powerpoint" ||
        l.rfind("application/vnd.openxmlformats-officedocument", 0) == 0 ||
        l.rfind("application/vnd.oasis.opendocument", 0) == 0)
        return MimeKind::document;
    if (l == "text/plain" || l == "text/csv") return MimeKind::text;
    return MimeKind::other;
}

bool is_indexed_attachment(std::string_view t) {
    auto k = mime_kind(t);
    return k == MimeKind::pdf || k == MimeKind::document || k == MimeKind::text;
}

std::string sniff_media_type(std::string_view head) {
    auto starts = [&](std::string_view p) { return head.substr(0, p.size()) == p; };
    if (starts("%PDF-")) return "application/pdf";
    if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
    if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
    if (starts("\xff\xd8\xff")) return "image/jpeg";
    if (starts("PK\x03\x04")) return "application/zip";
    if (starts("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) return "application/msword";
    if (starts("{\\rtf")) return "application/rtf";
    if (starts("BM")) return "";  // too weak alone
    // HTML: skip a BOM and whitespace, then look for a tag the HTML sniffing rules name.
    std::size_t i = 0;
    if (starts("\xef\xbb\xbf")) i = 3;
    while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i])))
        ++i;
    std::string l = ascii::lower(head.substr(i, 64));
    for (std::string_view tag :
         {"<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<h1", "<div", "<font",
          "<table", "<a ", "<style", "<title", "<b>", "<br", "<p>", "<!--"})
        if (l.rfind(tag, 0) == 0) return "text/html";
    if (l.rfind("<?xml", 0) == 0) {
        std::string more = ascii::lower(head.substr(0, 512));
        if (more.find("<html") != std::string::npos) return "application/xhtml+xml";
        if (more.find("<svg") != std::string::npos) return "image/svg+xml";
        return "application/xml";
    }
    if (l.rfind("<svg", 0) == 0) return "image/svg+xml";
    return "";
}

std::string media_type_for_path(std::string_view path) {
    auto q = path.find_first_of("?#");
    path = path.substr(0, q);
    auto slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    auto dot = name.rfind('.');
    if (dot == std::string_view::npos) return "";
    std::string ext = ascii::lower(name.substr(dot));
    for (const auto& e : kTypes)
        if (ext == e.ext) return e.type;
    if (ext == ".aspx" || ext == ".asp" || ext == ".php" || ext == ".jsp" || ext == ".cfm" ||
        ext == ".shtml" || ext == ".do")
        return "text/html";
    return "";
}

std::string extension_for(std::string_view t) {
    std::string l = canonical(t);
    for (const auto& e : kTypes)
        if (l == e.type) return e.ext;
    return "";
}

bool has_extension_for(std::string_view name, std::string_view t) {
    std::string l = canonical(t);
    auto dot = name.rfind('.');
    if (dot == std::string_view::npos) return false;
    std::string ext = ascii::lower(name.substr(dot));
    for (const auto& e : kTypes)
        if (ext == e.ext && l == e.type) return true;
    return false;
}

std::string effective_media_type(std::string_view recorded, std::string_view head,
                                 std::string_view url_path) {
    std::string r = canonical(recorded);
    std::string sniffed = sniff_media_type(head);
    if (r.empty() || r == "application/octet-stream" || r == "binary/octet-stream" ||
        r == "application/unknown" || r == "unknown/unknown" || r == "application/x-download" ||
        r == "application/force-download") {
        if (!sniffed.empty()) return sniffed;
        std::string by_path = media_type_for_path(url_path);
        if (!by_path.empty()) return by_path;
        return r.empty() ? "application/octet-stream" : r;
    }
    if (r == "text/plain" && (sniffed == "text/html" || sniffed == "application/pdf"))
        return sniffed;
    return r;
}

std::string media_type(std::string_view ct) {
    auto semi = ct.find(';');
    return ascii::lower(ascii::trim(ct.substr(0, semi), " \t\r"));
}

std::string charset_param(std::string_view ct) {
    std::string l = ascii::lower(ct);
    std::size_t pos = 0;
    while ((pos = l.find("charset", pos)) != std::string::npos) {
        std::size_t i = pos + 7;
        while (i < l.size() && (l[i] == ' ' || l[i] == '\t'))
            ++i;
        if (i < l.size() && l[i] == '=') {
            ++i;
            while (i < l.size() && (l[i] == ' ' || l[i] == '\t'))
                ++i;
            if (i < l.size() && (l[i] == '"' || l[i] == '\'')) ++i;
            std::size_t j = i;
            while (j < l.size() && l[j] != ';' && l[j] != '"' && l[j] != '\'' && l[j] != ' ' &&
                   l[j] != ',')
                ++j;
            return l.substr(i, j - i);
        }
        pos += 7;
    }
    return "";
}

}  // namespace xasite::archive
