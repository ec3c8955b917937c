// Text primitives of the extractor: fast folding with offsets, letter case, line joining.
#include <unicode/uchar.h>

#include <array>

#include "core/text.hpp"
#include "generator/directives/internal.hpp"

namespace xasite::directives::detail {

namespace {

// Folds of U+0080..U+02FF and U+1E00..U+1EFF, computed once through text::fold (the project's
// definition of folding), so that fold_char agrees with it.
struct FoldTables {
    std::array<char32_t, 0x280> latin{};  // U+0080..U+02FF
    std::array<char32_t, 0x100> viet{};   // U+1E00..U+1EFF
    static char32_t one(char32_t c) {
        std::string s;
        text::append_utf8(s, c);
        std::string f = text::fold(s);
        if (f.empty()) return is_space_cp(c) ? U' ' : 0;
        std::size_t i = 0;
        return text::decode_utf8(f, i);
    }
    FoldTables() {
        for (char32_t c = 0; c < 0x280; ++c)
            latin[c] = one(0x80 + c);
        for (char32_t c = 0; c < 0x100; ++c)
            viet[c] = one(0x1E00 + c);
    }
};

const FoldTables& tables() {
    static const FoldTables t;
    return t;
}

}  // namespace

bool is_space_cp(char32_t c) {
    return c == U' ' || c == U'\t' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

char32_t fold_char(char32_t c) {
    if (c < 0x80) return (c >= U'A' && c <= U'Z') ? c + 32 : c;
    if (c >= 0x300 && c <= 0x36F) return 0;
    if (c < 0x300) return tables().latin[c - 0x80];
    if (c >= 0x1E00 && c <= 0x1EFF) return tables().viet[c - 0x1E00];
    if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2212)
        return U'-';
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC) return U'\'';
    if (u_getCombiningClass(static_cast<UChar32>(c)) != 0) return 0;
    return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

Folded fold_map(std::string_view text) {
    Folded f;
    f.s.reserve(text.size());
    f.off.reserve(text.size() + 1);
    bool pending_space = false;
    std::size_t space_at = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        char32_t c = text::decode_utf8(text, i);
        if (is_space_cp(c) || c == U'\n' || c == U'\r' || c == U'\f') {
            if (!pending_space) space_at = start;
            pending_space = true;
            continue;
        }
        char32_t m = fold_char(c);
        if (m == 0) continue;
        if (pending_space) {
            if (!f.s.empty()) {
                f.s.push_back(' ');
                f.off.push_back(static_cast<std::uint32_t>(space_at));
            }
            pending_space = false;
        }
        std::size_t before = f.s.size();
        text::append_utf8(f.s, m);
        for (std::size_t k = before; k < f.s.size(); ++k)
            f.off.push_back(static_cast<std::uint32_t>(start));
    }
    // A trailing space run is dropped; the end maps to the end of the last kept code point's text.
    f.off.push_back(static_cast<std::uint32_t>(pending_space ? space_at : text.size()));
    return f;
}

std::string fold_str(std::string_view text) {
    return fold_map(text).s;
}

bool is_letter(char32_t c) {
    if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
    return u_isalpha(static_cast<UChar32>(c));
}
bool is_upper(char32_t c) {
    if (c < 0x80) return c >= U'A' && c <= U'Z';
    return u_isupper(static_cast<UChar32>(c));
}
bool is_lower(char32_t c) {
    if (c < 0x80) return c >= U'a' && c <= U'z';
    return u_islower(static_cast<UChar32>(c));
}

bool is_upper_text(std::string_view s, std::size_t min_letters) {
    std::size_t letters = 0;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = text::decode_utf8(s, i);
        if (is_lower(c)) return false;
        if (is_letter(c)) ++letters;
    }
    return letters >= min_letters;
}

bool has_lower(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (is_lower(text::decode_utf8(s, i))) return true;
    return false;
}

std::size_t cp_len(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

char32_t first_cp(std::string_view s) {
    if (s.empty()) return 0;
    std::size_t i = 0;
    return text::decode_utf8(s, i);
}

char32_t last_cp(std::string_view s) {
    if (s.empty()) return 0;
    std::size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
        --start;
    return text::decode_utf8(s, start);
}

bool starts_upper(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = text::decode_utf8(s, i);
        if (is_letter(c)) return is_upper(c);
        if (c == U'"' || c == U'\'' || c == U'(' || c == U'[' || c == 0x201C || c == 0x2018 ||
            c == U' ' || c == U'*')
            continue;
        return false;
    }
    return false;
}

std::string_view trim_view(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        --e;
    return s.substr(b, e - b);
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        ++i;
    while (i < n) {
        std::size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\t')
            ++j;
        out.append(s.data() + i, j - i);
        std::size_t k = j;
        while (k < n && (s[k] == ' ' || s[k] == '\t'))
            ++k;
        if (k < n && k > j) out.push_back(' ');
        i = k;
    }
    return out;
}

void append_collapsed(std::string& acc, std::string_view l) {
    if (l.empty()) return;
    if (acc.empty()) {
        acc.assign(l);
        return;
    }
    bool glued_hyphen = acc.size() >= 2 && acc.back() == '-' && acc[acc.size() - 2] != ' ';
    if (!glued_hyphen) acc.push_back(' ');
    acc.append(l);
}

void append_line(std::string& acc, std::string_view line) {
    append_collapsed(acc, collapse_spaces(line));
}

bool starts_with_bullet(std::string_view s) {
    s = trim_view(s);
    if (s.size() < 2) return false;
    std::size_t i = 0;
    char32_t c = text::decode_utf8(s, i);
    bool marker = c == U'-' || c == U'+' || c == U'*' || c == 0x2022 || c == 0x2013 ||
                  c == 0x2014 || c == 0x25CF || c == 0x00B7;
    if (!marker || i >= s.size()) return false;
    if (s[i] == ' ') return true;
    // "-Các sở" (no space) is a list item too; "-5%" and "--" are not.
    std::size_t j = i;
    return c != U'*' && is_upper(text::decode_utf8(s, j));
}

std::string strip_item(std::string_view s) {
    s = trim_view(s);
    if (starts_with_bullet(s)) {
        std::size_t i = 0;
        text::decode_utf8(s, i);
        s = trim_view(s.substr(i));
    }
    while (!s.empty() && (s.back() == ';' || s.back() == '.' || s.back() == ',' || s.back() == ' '))
        s.remove_suffix(1);
    return collapse_spaces(s);
}

bool starts_with_folded(std::string_view folded, std::string_view prefix) {
    return folded.substr(0, prefix.size()) == prefix;
}

std::vector<std::string_view> split_gaps(std::string_view s, std::size_t gap) {
    std::vector<std::string_view> parts;
    std::size_t start = 0, i = 0;
    while (i < s.size()) {
        if (s[i] == ' ') {
            std::size_t j = i;
            while (j < s.size() && s[j] == ' ')
                ++j;
            if (j - i >= gap) {
                std::string_view part = trim_view(s.substr(start, i - start));
                if (!part.empty()) parts.push_back(part);
                start = j;
            }
            i = j;
        } else {
            ++i;
        }
    }
    std::string_view part = trim_view(s.substr(start));
    if (!part.empty()) parts.push_back(part);
    return parts;
}

bool is_personal_name(std::string_view s) {
    s = trim_view(s);
    if (s.empty() || cp_len(s) > 60) return false;
    std::size_t words = 0;
    bool word_start = true, prev_apostrophe = false;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = text::decode_utf8(s, i);
        if (c == U' ') {
            if (word_start) return false;  // double space cannot happen (callers collapse), guard
            word_start = true;
            continue;
        }
        if (word_start) {
            if (!is_upper(c)) return false;
            ++words;
            word_start = false;
            prev_apostrophe = false;
            continue;
        }
        if (c == U'\'' || c == 0x2019 || c == U'-') {
            prev_apostrophe = true;
            continue;
        }
        if (!is_letter(c)) return false;
        if (is_upper(c) && !prev_apostrophe) return false;
        prev_apostrophe = false;
    }
    return words >= 2 && words <= 7;
}

}  // namespace xasite::directives::detail
