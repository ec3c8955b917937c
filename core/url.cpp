#include "core/url.hpp"

#include <algorithm>
#include <vector>

#include "core/ascii.hpp"

namespace xasite::url {

bool is_special_scheme(std::string_view scheme) {
    return scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "file" ||
           scheme == "ws" || scheme == "wss";
}

std::string default_port(std::string_view scheme) {
    if (scheme == "http" || scheme == "ws") return "80";
    if (scheme == "https" || scheme == "wss") return "443";
    if (scheme == "ftp") return "21";
    return "";
}

bool is_unreserved(unsigned char c) {
    return ascii::is_alnum(static_cast<char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
}

std::size_t scheme_length(std::string_view s) {
    if (s.empty() || !ascii::is_alpha(s[0])) return 0;
    std::size_t i = 1;
    while (i < s.size() && (ascii::is_alnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
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

namespace {

// Moves a "#fragment" from the end of `rest` into `u`.
void take_fragment(std::string_view& rest, Url& u) {
    auto hash = rest.find('#');
    if (hash == std::string_view::npos) return;
    u.has_fragment = true;
    u.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
}

}  // namespace

std::optional<Url> parse_absolute_url(std::string_view input) {
    std::string s = clean_reference(input);
    std::size_t sl = scheme_length(s);
    if (sl == 0) return std::nullopt;
    Url u;
    for (std::size_t i = 0; i < sl; ++i)
        u.scheme.push_back(ascii::lower(s[i]));
    std::string_view rest = std::string_view(s).substr(sl + 1);
    bool special = is_special_scheme(u.scheme);
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
        u.host.push_back(ascii::lower(c));
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
    take_fragment(rest, u);
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
            scheme.push_back(ascii::lower(ref[i]));
        std::string_view after = std::string_view(ref).substr(sl + 1);
        bool relative_same_scheme = scheme == base.scheme && is_special_scheme(scheme) &&
                                    (after.empty() || (after[0] != '/' && after[0] != '\\'));
        if (!relative_same_scheme) return parse_absolute_url(ref);
        ref = std::string(after);
    }
    if (!base.hierarchical) return std::nullopt;
    bool special = is_special_scheme(base.scheme);
    if (ref.size() >= 2 && (ref[0] == '/' || (special && ref[0] == '\\')) &&
        (ref[1] == '/' || (special && ref[1] == '\\')))
        return parse_absolute_url(base.scheme + ":" + ref);
    Url u = base;
    u.has_fragment = false;
    u.fragment.clear();
    std::string_view r = ref;
    take_fragment(r, u);
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

Parts split(std::string_view s) {
    Parts parts;
    std::size_t hash = s.find('#');
    if (hash != std::string_view::npos) {
        parts.has_fragment = true;
        parts.fragment = s.substr(hash + 1);
        s = s.substr(0, hash);
    }
    std::size_t q = s.find('?');
    if (q != std::string_view::npos) {
        parts.has_query = true;
        parts.query = s.substr(q + 1);
    }
    parts.path = s.substr(0, q);
    return parts;
}

std::string percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (plus_is_space && s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%' && i + 2 < s.size() && ascii::hex_value(s[i + 1]) >= 0 &&
                   ascii::hex_value(s[i + 2]) >= 0) {
            out.push_back(
                static_cast<char>(ascii::hex_value(s[i + 1]) * 16 + ascii::hex_value(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

void append_percent_byte(std::string& out, unsigned char c) {
    static const char* hex = "0123456789ABCDEF";
    out.push_back('%');
    out.push_back(hex[c >> 4]);
    out.push_back(hex[c & 15]);
}

std::string percent_encode(std::string_view s, std::string_view also_keep) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c) || also_keep.find(ch) != std::string_view::npos)
            out.push_back(ch);
        else
            append_percent_byte(out, c);
    }
    return out;
}

}  // namespace xasite::url
