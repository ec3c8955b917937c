#include "generator/check/url.hpp"

namespace xasite::check::url {

namespace {

bool is_ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}
char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals_ascii(s.substr(0, prefix.size()), prefix);
}
std::size_t skip_html_space(std::string_view s, std::size_t i) {
    while (i < s.size() && is_html_space(s[i]))
        ++i;
    return i;
}

}  // namespace

bool iequals_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

std::string_view trim_html_space(std::string_view s) {
    std::size_t begin = skip_html_space(s, 0);
    std::size_t end = s.size();
    while (end > begin && is_html_space(s[end - 1]))
        --end;
    return s.substr(begin, end - begin);
}

std::string clean(std::string_view raw) {
    auto is_c0_or_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
    std::size_t begin = 0, end = raw.size();
    while (begin < end && is_c0_or_space(raw[begin]))
        ++begin;
    while (end > begin && is_c0_or_space(raw[end - 1]))
        --end;
    std::string out;
    out.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i)
        if (raw[i] != '\t' && raw[i] != '\n' && raw[i] != '\r') out += raw[i];
    return out;
}

bool is_external(std::string_view s) {
    // "//host/..." (and "\\host", "/\host", which browsers treat the same way for http URLs).
    if (s.size() >= 2 && (s[0] == '/' || s[0] == '\\') && (s[1] == '/' || s[1] == '\\'))
        return true;
    if (s.empty() || !is_ascii_alpha(s[0])) return false;
    for (std::size_t i = 1; i < s.size(); ++i) {
        char c = s[i];
        if (c == ':') return true;
        if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.'))
            return false;
    }
    return false;
}

Parts split(std::string_view s) {
    Parts parts;
    std::size_t hash = s.find('#');
    if (hash != std::string_view::npos) {
        parts.has_fragment = true;
        parts.fragment = s.substr(hash + 1);
        s = s.substr(0, hash);
    }
    parts.path = s.substr(0, s.find('?'));
    return parts;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
            hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string decode_path(std::string_view path) {
    std::string slashed(path);
    for (char& c : slashed)
        if (c == '\\') c = '/';
    return percent_decode(slashed);
}

std::optional<Resolved> resolve(std::string_view page_dir, std::string_view path) {
    std::vector<std::string_view> stack;
    if (path.empty() || path.front() != '/') {
        std::size_t start = 0;
        while (start < page_dir.size()) {
            std::size_t slash = page_dir.find('/', start);
            if (slash == std::string_view::npos) slash = page_dir.size();
            if (slash > start) stack.push_back(page_dir.substr(start, slash - start));
            start = slash + 1;
        }
    }
    Resolved r;
    r.directory = path.empty();
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        std::string_view segment = path.substr(start, slash - start);
        start = slash + 1;
        if (segment.empty() || segment == ".") {
            // "a//b" and "a/./b" are "a/b"; a trailing "/" or "." names the directory.
            if (segment == "." || slash == path.size()) r.directory = true;
            continue;
        }
        if (segment == "..") {
            if (stack.empty()) return std::nullopt;
            stack.pop_back();
            r.directory = true;
            continue;
        }
        stack.push_back(segment);
        r.directory = false;
    }
    for (std::size_t i = 0; i < stack.size(); ++i) {
        if (i > 0) r.path += '/';
        r.path += stack[i];
    }
    return r;
}

std::vector<std::string_view> srcset_urls(std::string_view s) {
    std::vector<std::string_view> urls;
    std::size_t i = 0;
    while (true) {
        while (i < s.size() && (is_html_space(s[i]) || s[i] == ','))
            ++i;
        if (i >= s.size()) break;
        std::size_t start = i;
        while (i < s.size() && !is_html_space(s[i]))
            ++i;
        std::string_view candidate = s.substr(start, i - start);
        if (candidate.back() == ',') {
            // "a.jpg," ends the candidate with no descriptors.
            while (!candidate.empty() && candidate.back() == ',')
                candidate.remove_suffix(1);
        } else {
            // Descriptors run to the next comma outside parentheses.
            bool in_parens = false;
            for (; i < s.size(); ++i) {
                char c = s[i];
                if (in_parens) {
                    if (c == ')') in_parens = false;
                } else if (c == '(') {
                    in_parens = true;
                } else if (c == ',') {
                    ++i;
                    break;
                }
            }
        }
        if (!candidate.empty()) urls.push_back(candidate);
    }
    return urls;
}

std::optional<std::string_view> refresh_url(std::string_view s) {
    std::size_t i = skip_html_space(s, 0);
    std::size_t digits = i;
    while (i < s.size() && is_ascii_digit(s[i]))
        ++i;
    if (i == digits && (i >= s.size() || s[i] != '.')) return std::nullopt;
    while (i < s.size() && (is_ascii_digit(s[i]) || s[i] == '.'))
        ++i;
    i = skip_html_space(s, i);
    if (i >= s.size()) return std::nullopt;  // "5": reload this page
    if (s[i] != ';' && s[i] != ',') return std::nullopt;
    i = skip_html_space(s, i + 1);
    std::string_view rest = s.substr(i);
    if (starts_with_ci(rest, "url")) {
        std::size_t j = skip_html_space(rest, 3);
        if (j < rest.size() && rest[j] == '=') rest = rest.substr(skip_html_space(rest, j + 1));
    }
    if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
        char quote = rest.front();
        rest.remove_prefix(1);
        rest = rest.substr(0, rest.find(quote));
    }
    rest = trim_html_space(rest);
    if (rest.empty()) return std::nullopt;
    return rest;
}

std::optional<std::string_view> content_type_charset(std::string_view s) {
    std::size_t pos = 0;
    while (true) {
        std::size_t found = std::string_view::npos;
        for (std::size_t i = pos; i + 7 <= s.size(); ++i) {
            if (iequals_ascii(s.substr(i, 7), "charset")) {
                found = i;
                break;
            }
        }
        if (found == std::string_view::npos) return std::nullopt;
        std::size_t i = skip_html_space(s, found + 7);
        if (i >= s.size() || s[i] != '=') {
            pos = found + 7;
            continue;
        }
        i = skip_html_space(s, i + 1);
        if (i >= s.size()) return std::nullopt;
        if (s[i] == '"' || s[i] == '\'') {
            std::size_t close = s.find(s[i], i + 1);
            if (close == std::string_view::npos) return std::nullopt;
            return s.substr(i + 1, close - i - 1);
        }
        std::size_t end = i;
        while (end < s.size() && !is_html_space(s[end]) && s[end] != ';')
            ++end;
        return s.substr(i, end - i);
    }
}

bool is_utf8_label(std::string_view label) {
    label = trim_html_space(label);
    for (std::string_view known : {"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8",
                                   "unicode20utf8", "x-unicode20utf8"})
        if (iequals_ascii(label, known)) return true;
    return false;
}

}  // namespace xasite::check::url
