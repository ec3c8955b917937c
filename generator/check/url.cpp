#include "generator/check/url.hpp"

#include "core/ascii.hpp"

namespace xasite::check::url {

namespace {

std::size_t skip_html_space(std::string_view s, std::size_t i) {
    while (i < s.size() && is_html_space(s[i]))
        ++i;
    return i;
}

}  // namespace

std::string_view trim_html_space(std::string_view s) {
    return ascii::trim(s, " \t\n\f\r");
}

bool is_external(std::string_view s) {
    // "//host/..." (and "\\host", "/\host", which browsers treat the same way for http URLs).
    if (s.size() >= 2 && (s[0] == '/' || s[0] == '\\') && (s[1] == '/' || s[1] == '\\'))
        return true;
    return xasite::url::scheme_length(s) > 0;
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
    while (i < s.size() && ascii::is_digit(s[i]))
        ++i;
    if (i == digits && (i >= s.size() || s[i] != '.')) return std::nullopt;
    while (i < s.size() && (ascii::is_digit(s[i]) || s[i] == '.'))
        ++i;
    i = skip_html_space(s, i);
    if (i >= s.size()) return std::nullopt;  // "5": reload this page
    if (s[i] != ';' && s[i] != ',') return std::nullopt;
    i = skip_html_space(s, i + 1);
    std::string_view rest = s.substr(i);
    if (ascii::istarts_with(rest, "url")) {
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
            if (ascii::iequals(s.substr(i, 7), "charset")) {
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
        if (ascii::iequals(label, known)) return true;
    return false;
}

}  // namespace xasite::check::url
