#include "archive/view/css_rewrite.hpp"

#include <cctype>

#include "archive/view/legacy_vi.hpp"
#include "core/ascii.hpp"

namespace xasite::archive {

namespace {

bool ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool ci_match(std::string_view s, std::size_t at, std::string_view word) {
    return at <= s.size() && ascii::istarts_with(s.substr(at), word);
}

// CSS whitespace (no vertical tab).
constexpr std::string_view kCssSpace = " \t\n\r\f";

bool space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// End of a string starting at `at` (the quote), just past the closing quote.
std::size_t skip_string(std::string_view s, std::size_t at) {
    char q = s[at];
    std::size_t i = at + 1;
    while (i < s.size() && s[i] != q && s[i] != '\n') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        ++i;
    }
    return i < s.size() && s[i] == q ? i + 1 : i;
}

std::size_t skip_comment(std::string_view s, std::size_t at) {
    auto end = s.find("*/", at + 2);
    return end == std::string_view::npos ? s.size() : end + 2;
}

std::string unescape(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            if (s[i + 1] == '\n') {
                ++i;
                continue;
            }
            if (std::isxdigit(static_cast<unsigned char>(s[i + 1]))) {
                // Hex escapes are rare in URLs: keep them as written.
                out.push_back(s[i]);
                continue;
            }
            out.push_back(s[++i]);
            continue;
        }
        out.push_back(s[i]);
    }
    return out;
}

std::string quote_css(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out += "\\a ";
        } else {
            out.push_back(c);
        }
    }
    return out + "\"";
}

// End of a declaration value starting at `at`: the next ';' or '}' outside strings and brackets.
std::size_t value_end(std::string_view s, std::size_t at) {
    int depth = 0;
    std::size_t i = at;
    while (i < s.size()) {
        char c = s[i];
        if (c == '"' || c == '\'') {
            i = skip_string(s, i);
            continue;
        }
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            i = skip_comment(s, i);
            continue;
        }
        if (c == '(')
            ++depth;
        else if (c == ')' && depth > 0)
            --depth;
        else if (depth == 0 && (c == ';' || c == '}'))
            return i;
        ++i;
    }
    return i;
}

std::string replace_fonts_in_shorthand(std::string_view value) {
    std::string out;
    std::size_t i = 0;
    bool changed = false;
    while (i < value.size()) {
        if (space(value[i]) || value[i] == ',') {
            out.push_back(value[i++]);
            continue;
        }
        std::size_t j = i;
        if (value[j] == '"' || value[j] == '\'')
            j = skip_string(value, j);
        else
            while (j < value.size() && !space(value[j]) && value[j] != ',')
                ++j;
        std::string_view tok = value.substr(i, j - i);
        if (legacy_font(tok) != LegacyFont::none) {
            std::string f = unicode_font_for(tok);
            out += f.find(' ') != std::string::npos ? "'" + f + "'" : f;
            changed = true;
        } else {
            out.append(tok);
        }
        i = j;
    }
    return changed ? out : std::string(value);
}

}  // namespace

std::string rewrite_css(std::string_view css, const CssUrlMap& map) {
    std::string out;
    out.reserve(css.size() + css.size() / 8);
    std::size_t i = 0, n = css.size();
    while (i < n) {
        char c = css[i];
        if (c == '/' && i + 1 < n && css[i + 1] == '*') {
            std::size_t e = skip_comment(css, i);
            out.append(css.substr(i, e - i));
            i = e;
            continue;
        }
        if (c == '"' || c == '\'') {
            std::size_t e = skip_string(css, i);
            out.append(css.substr(i, e - i));
            i = e;
            continue;
        }
        if ((c == 'u' || c == 'U') && ci_match(css, i, "url(") &&
            (i == 0 || !ident_char(css[i - 1]))) {
            std::size_t j = i + 4;
            while (j < n && space(css[j]))
                ++j;
            std::string ref;
            bool ok = false;
            if (j < n && (css[j] == '"' || css[j] == '\'')) {
                std::size_t e = skip_string(css, j);
                if (e > j + 1 && css[e - 1] == css[j]) {
                    ref = unescape(css.substr(j + 1, e - j - 2));
                    j = e;
                    while (j < n && space(css[j]))
                        ++j;
                    ok = j < n && css[j] == ')';
                }
            } else {
                std::size_t s = j;
                while (j < n && css[j] != ')' && !space(css[j]) && css[j] != '"' &&
                       css[j] != '\'' && css[j] != '(') {
                    if (css[j] == '\\' && j + 1 < n && css[j + 1] != '\n') ++j;  // an escape: "\)"
                    ++j;
                }
                ref = unescape(css.substr(s, j - s));
                while (j < n && space(css[j]))
                    ++j;
                ok = j < n && css[j] == ')';
            }
            if (ok) {
                auto m = map(ascii::trim(ref, kCssSpace));
                if (m)
                    out += "url(" + quote_css(*m) + ")";
                else
                    out.append(css.substr(i, j + 1 - i));
                i = j + 1;
                continue;
            }
            out.append(css.substr(i, 4));
            i += 4;
            continue;
        }
        if (c == '@' && ci_match(css, i, "@import")) {
            std::size_t j = i + 7;
            while (j < n && space(css[j]))
                ++j;
            if (j < n && (css[j] == '"' || css[j] == '\'')) {
                std::size_t e = skip_string(css, j);
                if (e > j + 1 && css[e - 1] == css[j]) {
                    std::string ref = unescape(css.substr(j + 1, e - j - 2));
                    auto m = map(ascii::trim(ref, kCssSpace));
                    out.append(css.substr(i, j - i));
                    out += m ? quote_css(*m) : std::string(css.substr(j, e - j));
                    i = e;
                    continue;
                }
            }
            out.append(css.substr(i, 7));
            i += 7;
            continue;
        }
        if (c == '@' && ci_match(css, i, "@charset")) {
            std::size_t e = css.find(';', i);
            if (e != std::string_view::npos && e - i < 80) {
                out += "@charset \"UTF-8\";";
                i = e + 1;
                continue;
            }
        }
        if ((c == 'f' || c == 'F') && (i == 0 || !ident_char(css[i - 1])) &&
            ci_match(css, i, "font")) {
            bool family = ci_match(css, i, "font-family");
            std::size_t j = i + (family ? 11 : 4);
            if (j <= n && (j == n || !ident_char(css[j]))) {
                std::size_t k = j;
                while (k < n && space(css[k]))
                    ++k;
                if (k < n && css[k] == ':') {
                    std::size_t e = value_end(css, k + 1);
                    std::string_view value = css.substr(k + 1, e - k - 1);
                    out.append(css.substr(i, k + 1 - i));
                    out += family ? replace_legacy_fonts(value) : replace_fonts_in_shorthand(value);
                    i = e;
                    continue;
                }
            }
        }
        out.push_back(c);
        ++i;
    }
    return out;
}

namespace {

void rules_in(std::string_view css,
              const std::function<void(std::string_view, std::string_view)>& f, int depth) {
    std::size_t i = 0, n = css.size();
    while (i < n) {
        // Prelude up to '{' or ';'.
        std::size_t start = i;
        while (i < n && css[i] != '{' && css[i] != ';' && css[i] != '}') {
            if (css[i] == '"' || css[i] == '\'')
                i = skip_string(css, i);
            else if (css[i] == '/' && i + 1 < n && css[i + 1] == '*')
                i = skip_comment(css, i);
            else
                ++i;
        }
        if (i >= n) return;
        if (css[i] != '{') {
            ++i;
            continue;
        }
        std::string_view prelude = ascii::trim(css.substr(start, i - start), kCssSpace);
        // Strip comments from the prelude's start.
        while (prelude.substr(0, 2) == "/*") {
            auto e = prelude.find("*/");
            if (e == std::string_view::npos) break;
            prelude = ascii::trim(prelude.substr(e + 2), kCssSpace);
        }
        std::size_t body_start = ++i;
        int d = 1;
        while (i < n && d > 0) {
            if (css[i] == '"' || css[i] == '\'') {
                i = skip_string(css, i);
                continue;
            }
            if (css[i] == '/' && i + 1 < n && css[i + 1] == '*') {
                i = skip_comment(css, i);
                continue;
            }
            if (css[i] == '{')
                ++d;
            else if (css[i] == '}')
                --d;
            ++i;
        }
        std::string_view body = css.substr(body_start, (d == 0 ? i - 1 : i) - body_start);
        if (!prelude.empty() && prelude.front() == '@') {
            if ((ci_match(prelude, 0, "@media") || ci_match(prelude, 0, "@supports")) && depth < 8)
                rules_in(body, f, depth + 1);
            continue;
        }
        f(prelude, body);
    }
}

}  // namespace

void for_each_rule(std::string_view css,
                   const std::function<void(std::string_view, std::string_view)>& f) {
    rules_in(css, f, 0);
}

void for_each_declaration(std::string_view block,
                          const std::function<void(std::string_view, std::string_view)>& f) {
    std::size_t i = 0;
    while (i < block.size()) {
        std::size_t e = value_end(block, i);
        std::string_view decl = block.substr(i, e - i);
        auto colon = decl.find(':');
        if (colon != std::string_view::npos)
            f(ascii::trim(decl.substr(0, colon), kCssSpace),
              ascii::trim(decl.substr(colon + 1), kCssSpace));
        i = e + 1;
    }
}

}  // namespace xasite::archive
