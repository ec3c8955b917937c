#include "archive/package/url.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "archive/package/digest.hpp"
#include "archive/package/mime.hpp"
#include "core/ascii.hpp"
#include "core/text.hpp"
#include "core/url.hpp"

namespace xasite::archive {

namespace {

using url::append_percent_byte;
using url::is_unreserved;
using url::remove_dot_segments;

std::string percent_normalise(std::string_view s, bool query) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '%' && i + 2 < s.size() && ascii::hex_value(s[i + 1]) >= 0 &&
            ascii::hex_value(s[i + 2]) >= 0) {
            auto v = static_cast<unsigned char>(ascii::hex_value(s[i + 1]) * 16 +
                                                ascii::hex_value(s[i + 2]));
            if (is_unreserved(v))
                out.push_back(static_cast<char>(v));
            else
                append_percent_byte(out, v);
            i += 2;
            continue;
        }
        bool encode = c < 0x21 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' ||
                      c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || c == '%' ||
                      (!query && c == '#');
        if (encode)
            append_percent_byte(out, c);
        else
            out.push_back(static_cast<char>(c));
    }
    return out;
}

std::string hash8(std::string_view s) {
    Digest d(DigestAlgorithm::sha1);
    d.update(s);
    return d.finish_hex().substr(0, 8);
}

// Makes one path segment (or the query part) safe as a file name; sets lossy on any change.
std::string sanitise_name(std::string_view encoded, bool query, bool& lossy) {
    std::string raw = percent_decode(encoded);
    std::string out;
    if (!text::is_valid_utf8(raw)) {
        lossy = true;
        for (char c : raw)
            out.push_back(static_cast<unsigned char>(c) < 0x80 ? c : '_');
        raw = out;
        out.clear();
    } else {
        raw = text::nfc(raw);
    }
    std::size_t i = 0;
    while (i < raw.size()) {
        std::size_t start = i;
        char32_t cp = text::decode_utf8(raw, i);
        if (cp < 0x80) {
            auto c = static_cast<char>(cp);
            bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
                      c == '~' || c == '-' || c == ',' || c == '+' || c == '=' || c == '(' ||
                      c == ')' || c == '!' || (query && c == '&');
            if (ok)
                out.push_back(c);
            else {
                out.push_back('_');
                lossy = true;
            }
        } else if (cp < 0xA0 || cp == 0xFFFD || (cp >= 0x2000 && cp <= 0x206F)) {
            out.push_back('_');
            lossy = true;
        } else {
            out.append(raw, start, i - start);
        }
    }
    if (!query && !out.empty() && out.front() == '.') {
        out.front() = '_';
        lossy = true;
    }
    // No ".." anywhere in a name ("download.aspx?file=../../web.config", "a..b.html"): checkers,
    // servers and copy tools read it as a way out of the folder.
    for (auto dots = out.find(".."); dots != std::string::npos; dots = out.find("..", dots)) {
        out[dots + 1] = '_';
        lossy = true;
    }
    return out;
}

std::string truncate_utf8(std::string s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut;
    s.resize(cut);
    return s;
}

}  // namespace

std::string host_key(const Url& u) {
    std::string h = u.host;
    if (h.size() > 4 && h.rfind("www.", 0) == 0) h = h.substr(4);
    if (!u.port.empty()) h += ":" + u.port;
    return h;
}

std::string normalise_path(std::string_view path) {
    std::string p = percent_normalise(path, false);
    p = remove_dot_segments(p);
    if (p.empty() || p.front() != '/') p.insert(p.begin(), '/');
    return p;
}

std::string normalise_query(std::string_view query) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= query.size()) {
        auto amp = query.find('&', start);
        std::string_view part = query.substr(
            start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
        // "&amp;" left in a URL by a page or a mirror tool that escaped it twice: the parameter
        // after it is the real one ("a=1&amp;b=2" is "a=1&b=2").
        while (part.size() > 4 && (part.substr(0, 4) == "amp;" || part.substr(0, 4) == "AMP;"))
            part.remove_prefix(4);
        if (!part.empty()) parts.push_back(percent_normalise(part, true));
        if (amp == std::string_view::npos) break;
        start = amp + 1;
    }
    std::sort(parts.begin(), parts.end());
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out.push_back('&');
        out += parts[i];
    }
    return out;
}

std::string canonical_key(const Url& u, bool case_insensitive) {
    std::string key;
    if (!u.is_http()) key = u.scheme + "://";
    key += host_key(u);
    // Case-insensitive hosts: letters lower-cased (percent escapes keep upper-case hex) before the
    // parameters are sorted, so "ID=1&tabid=2" and "TabId=2&id=1" give one key.
    auto fold = [&](std::string s) {
        if (!case_insensitive) return s;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '%' && i + 2 < s.size()) {
                i += 2;
                continue;
            }
            s[i] = ascii::lower(s[i]);
        }
        return s;
    };
    std::string rest = fold(normalise_path(u.path));
    std::string q = normalise_query(fold(u.query));
    if (!q.empty()) rest += "?" + fold(q);
    return key + rest;
}

bool looks_case_insensitive_path(std::string_view path) {
    std::string p;
    for (char c : path.substr(0, path.find('?')))
        p.push_back(ascii::lower(c));
    for (std::string_view ext : {".aspx", ".asp", ".ashx", ".asmx", ".axd"}) {
        auto pos = p.find(ext);
        while (pos != std::string::npos) {
            std::size_t end = pos + ext.size();
            if (end == p.size() || p[end] == '/') return true;
            pos = p.find(ext, pos + 1);
        }
    }
    return false;
}

namespace {
// The most folders a view file has under its host, and the bytes of host and folders: the whole
// name stays under ~300 bytes, each part under 255.
constexpr std::size_t kMaxFolders = 16;
constexpr std::size_t kMaxFolderBytes = 160;
}  // namespace

std::string key_to_file(std::string_view key, std::string_view media_type) {
    bool lossy = false;
    std::string_view k = key;
    std::string prefix;
    if (auto sep = k.find("://"); sep != std::string_view::npos && sep < k.find('/')) {
        prefix = std::string(k.substr(0, sep)) + "_";
        k.remove_prefix(sep + 3);
    }
    auto slash = k.find('/');
    std::string_view host = k.substr(0, slash);
    std::string_view rest =
        slash == std::string_view::npos ? std::string_view("/") : k.substr(slash);
    auto qpos = rest.find('?');
    std::string_view path = rest.substr(0, qpos);
    std::string_view query =
        qpos == std::string_view::npos ? std::string_view() : rest.substr(qpos + 1);

    std::string out = prefix;
    for (char c : host) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')
            out.push_back(c);
        else if (c == ':')
            out.push_back('_');
        else {
            out.push_back('_');
            lossy = true;
        }
    }
    if (out.empty() || out.front() == '.') {
        out.insert(out.begin(), '_');
        lossy = true;
    }
    if (out.size() > 100) {
        out.resize(64);
        lossy = true;
    }
    std::vector<std::string_view> segs;
    std::size_t i = path.empty() ? 0 : 1;
    while (i <= path.size()) {
        auto s = path.find('/', i);
        segs.push_back(
            path.substr(i, s == std::string_view::npos ? std::string_view::npos : s - i));
        if (s == std::string_view::npos) break;
        i = s + 1;
    }
    if (segs.empty()) segs.emplace_back();
    std::string_view last = segs.back();
    segs.pop_back();
    // Bounded depth and length: a URL of 2,000 levels keeps its first folders and hashes the rest
    // (the key's hash on the name tells such files apart).
    if (segs.size() > kMaxFolders) {
        segs.resize(kMaxFolders);
        lossy = true;
    }
    for (auto seg : segs) {
        if (out.size() > kMaxFolderBytes) {
            lossy = true;
            break;
        }
        std::string name = sanitise_name(seg, false, lossy);
        if (name.empty()) {
            name = "_";
            lossy = true;
        }
        if (name.size() > 120) {
            name = truncate_utf8(name, 100);
            lossy = true;
        }
        out += "/" + name;
    }
    std::string name = last.empty() ? "index" : sanitise_name(last, false, lossy);
    if (name.empty()) {
        name = "_";
        lossy = true;
    }
    if (!query.empty()) {
        std::string q = sanitise_name(query, true, lossy);
        if (q.size() > 120) {
            q = "q";
            lossy = true;
        }
        name += "@" + q;
    }
    if (name.size() > 150) {
        name = truncate_utf8(name, 120);
        lossy = true;
    }
    std::string ext;
    MimeKind kind = mime_kind(media_type);
    if (kind == MimeKind::html) {
        if (!(query.empty() &&
              (ascii::iends_with(name, ".html") || ascii::iends_with(name, ".htm"))))
            ext = ".html";
    } else if (!(query.empty() && has_extension_for(name, media_type))) {
        ext = extension_for(media_type);
        if (ext.empty()) {
            auto dot = name.rfind('.');
            bool has_ext =
                query.empty() && dot != std::string::npos && dot > 0 && name.size() - dot <= 6;
            if (!has_ext) ext = ".bin";
        }
    }
    if (lossy) name += "~" + hash8(key);
    out += "/" + name + ext;
    return out;
}

std::string disambiguate_file(std::string_view file, std::string_view salt) {
    std::string f(file);
    auto slash = f.rfind('/');
    auto dot = f.rfind('.');
    std::string tag = "~" + hash8(salt);
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return f + tag;
    return f.substr(0, dot) + tag + f.substr(dot);
}

std::string encode_href_path(std::string_view path) {
    return url::percent_encode(path, "!$&'()*+,;=@/");
}

std::string relative_href(std::string_view from_file, std::string_view to_file) {
    auto split = [](std::string_view p) {
        std::vector<std::string_view> v;
        std::size_t i = 0;
        while (i <= p.size()) {
            auto s = p.find('/', i);
            v.push_back(p.substr(i, s == std::string_view::npos ? std::string_view::npos : s - i));
            if (s == std::string_view::npos) break;
            i = s + 1;
        }
        return v;
    };
    auto from = split(from_file);
    auto to = split(to_file);
    from.pop_back();  // the directory of the page
    std::size_t common = 0;
    while (common < from.size() && common + 1 < to.size() && from[common] == to[common])
        ++common;
    std::string out;
    for (std::size_t i = common; i < from.size(); ++i)
        out += "../";
    for (std::size_t i = common; i < to.size(); ++i) {
        out += encode_href_path(to[i]);
        if (i + 1 < to.size()) out.push_back('/');
    }
    if (out.empty()) out = "./";
    return out;
}

}  // namespace xasite::archive
