#include "archive/package/url.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "archive/package/digest.hpp"
#include "archive/package/mime.hpp"
#include "core/text.hpp"

namespace xasite::archive {

namespace {

bool is_special(std::string_view scheme) {
    return scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "file" ||
           scheme == "ws" || scheme == "wss";
}

std::string default_port(std::string_view scheme) {
    if (scheme == "http" || scheme == "ws") return "80";
    if (scheme == "https" || scheme == "wss") return "443";
    if (scheme == "ftp") return "21";
    return "";
}

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_unreserved(unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// Scheme length when `s` starts with "scheme:", else 0.
std::size_t scheme_length(std::string_view s) {
    if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return 0;
    std::size_t i = 1;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '+' ||
                            s[i] == '-' || s[i] == '.'))
        ++i;
    return (i < s.size() && s[i] == ':') ? i : 0;
}

std::string remove_dot_segments(std::string_view path) {
    std::vector<std::string_view> out;
    bool absolute = !path.empty() && path.front() == '/';
    std::size_t i = absolute ? 1 : 0;
    bool trailing = false;
    while (i <= path.size()) {
        auto slash = path.find('/', i);
        std::string_view seg =
            path.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
        bool last = slash == std::string_view::npos;
        if (seg == ".") {
            trailing = true;
        } else if (seg == "..") {
            if (!out.empty()) out.pop_back();
            trailing = true;
        } else {
            out.push_back(seg);
            trailing = false;
        }
        if (last) break;
        i = slash + 1;
    }
    std::string r = absolute ? "/" : "";
    for (std::size_t k = 0; k < out.size(); ++k) {
        if (k > 0) r.push_back('/');
        r.append(out[k]);
    }
    if (trailing && (r.empty() || r.back() != '/')) r.push_back('/');
    return r;
}

std::string percent_normalise(std::string_view s, bool query) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '%' && i + 2 < s.size() && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            auto v = static_cast<unsigned char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            if (is_unreserved(v))
                out.push_back(static_cast<char>(v));
            else {
                out.push_back('%');
                out.push_back(hex[v >> 4]);
                out.push_back(hex[v & 15]);
            }
            i += 2;
            continue;
        }
        bool encode = c < 0x21 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' ||
                      c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || c == '%' ||
                      (!query && c == '#');
        if (encode) {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

std::string hash8(std::string_view s) {
    Digest d(DigestAlgorithm::sha1);
    d.update(s);
    return d.finish_hex().substr(0, 8);
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (lower(s[s.size() - suffix.size() + i]) != suffix[i]) return false;
    return true;
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

std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::string Url::str() const {
    std::string s = scheme + ":";
    if (hierarchical) {
        s += "//";
        if (!userinfo.empty()) s += userinfo + "@";
        s += host;
        if (!port.empty()) s += ":" + port;
    }
    s += path;
    if (has_query) s += "?" + query;
    if (has_fragment) s += "#" + fragment;
    return s;
}

std::string clean_reference(std::string_view ref) {
    while (!ref.empty() && static_cast<unsigned char>(ref.front()) <= 0x20)
        ref.remove_prefix(1);
    while (!ref.empty() && static_cast<unsigned char>(ref.back()) <= 0x20)
        ref.remove_suffix(1);
    std::string out;
    out.reserve(ref.size());
    for (char c : ref)
        if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
    return out;
}

std::optional<Url> parse_absolute_url(std::string_view input) {
    std::string s = clean_reference(input);
    std::size_t sl = scheme_length(s);
    if (sl == 0) return std::nullopt;
    Url u;
    for (std::size_t i = 0; i < sl; ++i)
        u.scheme.push_back(lower(s[i]));
    std::string_view rest = std::string_view(s).substr(sl + 1);
    bool special = is_special(u.scheme);
    bool has_authority = special || (rest.size() >= 2 && rest[0] == '/' && rest[1] == '/');
    if (!has_authority) {
        u.hierarchical = false;
        u.path = std::string(rest);
        return u;
    }
    std::size_t i = 0;
    while (i < rest.size() && (rest[i] == '/' || (special && rest[i] == '\\')))
        ++i;
    if (!special && i > 2) i = 2;
    rest.remove_prefix(i);
    std::size_t end = 0;
    while (end < rest.size() && rest[end] != '/' && rest[end] != '?' && rest[end] != '#' &&
           !(special && rest[end] == '\\'))
        ++end;
    std::string_view authority = rest.substr(0, end);
    rest.remove_prefix(end);
    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        u.userinfo = std::string(authority.substr(0, at));
        authority.remove_prefix(at + 1);
    }
    std::string_view hostport = authority;
    std::string_view port;
    if (!hostport.empty() && hostport.front() == '[') {
        auto close = hostport.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        if (close + 1 < hostport.size()) {
            if (hostport[close + 1] != ':') return std::nullopt;
            port = hostport.substr(close + 2);
        }
        hostport = hostport.substr(0, close + 1);
    } else if (auto colon = hostport.rfind(':'); colon != std::string_view::npos) {
        port = hostport.substr(colon + 1);
        hostport = hostport.substr(0, colon);
    }
    if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        port.size() > 5)
        return std::nullopt;
    for (char c : hostport)
        u.host.push_back(lower(c));
    while (!u.host.empty() && u.host.back() == '.')
        u.host.pop_back();
    for (char c : u.host)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '>' || c == '"' ||
            c == '\\' || c == '^' || c == '|')
            return std::nullopt;
    if (special && u.scheme != "file" && u.host.empty()) return std::nullopt;
    while (!port.empty() && port.front() == '0' && port.size() > 1)
        port.remove_prefix(1);
    u.port = std::string(port);
    if (u.port == default_port(u.scheme)) u.port.clear();
    // path ? query # fragment
    auto hash = rest.find('#');
    if (hash != std::string_view::npos) {
        u.has_fragment = true;
        u.fragment = std::string(rest.substr(hash + 1));
        rest = rest.substr(0, hash);
    }
    auto q = rest.find('?');
    if (q != std::string_view::npos) {
        u.has_query = true;
        u.query = std::string(rest.substr(q + 1));
        rest = rest.substr(0, q);
    }
    u.path = std::string(rest);
    if (special)
        for (auto& c : u.path)
            if (c == '\\') c = '/';
    if (u.path.empty()) u.path = "/";
    u.path = remove_dot_segments(u.path);
    return u;
}

std::optional<Url> resolve_url(const Url& base, std::string_view input) {
    std::string ref = clean_reference(input);
    std::size_t sl = scheme_length(ref);
    if (sl > 0) {
        std::string scheme;
        for (std::size_t i = 0; i < sl; ++i)
            scheme.push_back(lower(ref[i]));
        std::string_view after = std::string_view(ref).substr(sl + 1);
        bool relative_same_scheme = scheme == base.scheme && is_special(scheme) &&
                                    (after.empty() || (after[0] != '/' && after[0] != '\\'));
        if (!relative_same_scheme) return parse_absolute_url(ref);
        ref = std::string(after);
    }
    if (!base.hierarchical) return std::nullopt;
    bool special = is_special(base.scheme);
    if (ref.size() >= 2 && (ref[0] == '/' || (special && ref[0] == '\\')) &&
        (ref[1] == '/' || (special && ref[1] == '\\')))
        return parse_absolute_url(base.scheme + ":" + ref);
    Url u = base;
    u.has_fragment = false;
    u.fragment.clear();
    std::string_view r = ref;
    auto hash = r.find('#');
    if (hash != std::string_view::npos) {
        u.has_fragment = true;
        u.fragment = std::string(r.substr(hash + 1));
        r = r.substr(0, hash);
    }
    auto q = r.find('?');
    std::string_view path = r.substr(0, q);
    std::string p(path);
    if (special)
        for (auto& c : p)
            if (c == '\\') c = '/';
    if (q != std::string_view::npos) {
        u.has_query = true;
        u.query = std::string(r.substr(q + 1));
    } else if (!p.empty()) {
        u.has_query = false;
        u.query.clear();
    }
    if (p.empty()) return u;
    if (p.front() == '/') {
        u.path = remove_dot_segments(p);
    } else {
        std::string dir = base.path.substr(0, base.path.rfind('/') + 1);
        if (dir.empty()) dir = "/";
        u.path = remove_dot_segments(dir + p);
    }
    if (u.path.empty()) u.path = "/";
    return u;
}

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
            s[i] = lower(s[i]);
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
        p.push_back(lower(c));
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
    for (auto seg : segs) {
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
        if (!(query.empty() && (ends_with_ci(name, ".html") || ends_with_ci(name, ".htm"))))
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
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (char ch : path) {
        auto c = static_cast<unsigned char>(ch);
        bool keep = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '!' ||
                    c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' ||
                    c == '+' || c == ',' || c == ';' || c == '=' || c == '@' || c == '/';
        if (keep)
            out.push_back(ch);
        else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
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
