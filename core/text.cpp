#include "core/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>

namespace xasite::text {

namespace {

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

const icu::Normalizer2& nfc_normalizer() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr)
        throw std::runtime_error("ICU NFC normalizer unavailable");
    return *n;
}

const icu::Normalizer2& nfd_normalizer() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || n == nullptr)
        throw std::runtime_error("ICU NFD normalizer unavailable");
    return *n;
}

bool is_apostrophe(char32_t c) {
    return c == U'\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == U'`' || c == 0x00B4 ||
           c == 0x02B9 || c == 0x2032;
}

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v' ||
           c == 0x00A0 || (c >= 0x80 && u_isUWhiteSpace(static_cast<UChar32>(c))) || c == 0x200B ||
           c == 0xFEFF;
}

bool is_combining(char32_t c) {
    if (c >= 0x0300 && c <= 0x036F) return true;
    if (c < 0x0300) return false;
    return u_getCombiningClass(static_cast<UChar32>(c)) != 0 ||
           u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK;
}

// Fold table for U+0000..U+02FF and U+1E00..U+1EFF, built from ICU decompositions.
// Each entry is the folded code point (lower-case base letter), or 0 to drop the code point.
struct FoldTable {
    std::array<char32_t, 0x300> latin{};
    std::array<char32_t, 0x100> extended_additional{};

    static char32_t fold_one(char32_t c) {
        if (c == 0x0110 || c == 0x0111) return U'd';  // Đ đ have no decomposition
        if (c == 0x00D0 || c == 0x00F0) return U'd';  // Ð ð (seen in legacy fonts for Đ)
        icu::UnicodeString decomposed;
        const auto& nfd = nfd_normalizer();
        char32_t base = c;
        if (nfd.getDecomposition(static_cast<UChar32>(c), decomposed) && decomposed.length() > 0) {
            base = static_cast<char32_t>(decomposed.char32At(0));
        }
        return static_cast<char32_t>(u_tolower(static_cast<UChar32>(base)));
    }

    FoldTable() {
        for (char32_t c = 0; c < 0x300; ++c)
            latin[c] = fold_one(c);
        for (char32_t c = 0; c < 0x100; ++c)
            extended_additional[c] = fold_one(0x1E00 + c);
    }
};

const FoldTable& fold_table() {
    static const FoldTable table;
    return table;
}

// Folds one code point; returns 0 to drop it.
char32_t fold_cp(char32_t c) {
    if (c < 0x80) return (c >= U'A' && c <= U'Z') ? c + 32 : c;
    if (is_combining(c)) return 0;
    if (is_apostrophe(c)) return U'\'';
    const auto& t = fold_table();
    if (c < 0x300) return t.latin[c];
    if (c >= 0x1E00 && c <= 0x1EFF) return t.extended_additional[c - 0x1E00];
    return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        char32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::nullopt;
}

char32_t decode_utf8(std::string_view s, std::size_t& i) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    unsigned char c = p[i];
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        ++i;
        return 0xFFFD;
    }
    if (i + len > s.size()) {
        ++i;
        return 0xFFFD;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if ((p[i + k] & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return 0xFFFD;
    }
    i += len;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool is_nfc(std::string_view s) {
    if (is_ascii(s)) return true;
    UErrorCode status = U_ZERO_ERROR;
    auto u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    bool ok = nfc_normalizer().isNormalized(u, status);
    return U_SUCCESS(status) && ok;
}

std::string nfc(std::string_view s) {
    if (is_ascii(s)) return std::string(s);
    UErrorCode status = U_ZERO_ERROR;
    auto u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    const auto& n = nfc_normalizer();
    if (n.isNormalized(u, status) && U_SUCCESS(status) && is_valid_utf8(s)) return std::string(s);
    status = U_ZERO_ERROR;
    icu::UnicodeString out = n.normalize(u, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normalisation failed");
    std::string result;
    out.toUTF8String(result);
    return result;
}

std::string lower(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = decode_utf8(s, i);
        if (c < 0x80) {
            out.push_back(static_cast<char>((c >= U'A' && c <= U'Z') ? c + 32 : c));
        } else {
            append_utf8(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
        }
    }
    return out;
}

std::string upper(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = decode_utf8(s, i);
        if (c < 0x80) {
            out.push_back(static_cast<char>((c >= U'a' && c <= U'z') ? c - 32 : c));
        } else {
            append_utf8(out, static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))));
        }
    }
    return out;
}

// Maps each code point through `map` (0 drops it), collapsing whitespace runs to one space and
// trimming both ends: the shared loop of fold() and tidy().
template <typename Map>
std::string map_collapsing_space(std::string_view s, Map map) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = decode_utf8(s, i);
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        char32_t m = map(c);
        if (m == 0) continue;
        if (pending_space) {
            out.push_back(' ');
            pending_space = false;
        }
        append_utf8(out, m);
    }
    return out;
}

std::string fold(std::string_view s) {
    return map_collapsing_space(s, fold_cp);
}

std::string compact_key(std::string_view s) {
    std::string folded = fold(s);
    std::string out;
    out.reserve(folded.size());
    for (char c : folded) {
        if (c == ' ' || c == '\'' || c == '-' || c == '.' || c == '_') continue;
        out.push_back(c);
    }
    return out;
}

std::string slug(std::string_view s) {
    std::string folded = fold(s);
    std::string out;
    out.reserve(folded.size());
    bool dash = false;
    for (std::size_t i = 0; i < folded.size();) {
        char32_t c = decode_utf8(folded, i);
        if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) {
            if (dash && !out.empty()) out.push_back('-');
            dash = false;
            out.push_back(static_cast<char>(c));
        } else if (c == U'\'') {
            // apostrophes inside names are dropped: Ea H'Leo → ea-hleo
        } else {
            dash = true;
        }
    }
    return out;
}

std::string tidy(std::string_view s) {
    return map_collapsing_space(s, [](char32_t c) { return is_apostrophe(c) ? U'\'' : c; });
}

std::string_view trim(std::string_view s) {
    std::size_t begin = 0;
    while (begin < s.size()) {
        std::size_t j = begin;
        char32_t c = decode_utf8(s, j);
        if (!is_space(c)) break;
        begin = j;
    }
    std::size_t end = s.size();
    while (end > begin) {
        // walk back to the start of the last code point
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
            --start;
        std::size_t j = start;
        char32_t c = decode_utf8(s, j);
        if (!is_space(c)) break;
        end = start;
    }
    return s.substr(begin, end - begin);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<char32_t> x, y;
    for (std::size_t i = 0; i < a.size();)
        x.push_back(decode_utf8(a, i));
    for (std::size_t i = 0; i < b.size();)
        y.push_back(decode_utf8(b, i));
    std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[y.size()];
}

std::vector<std::string_view> split(std::string_view s, char delim) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t pos = s.find(delim, start);
        if (pos == std::string_view::npos) {
            parts.push_back(s.substr(start));
            break;
        }
        parts.push_back(s.substr(start, pos - start));
        start = pos + 1;
    }
    return parts;
}

bool starts_with_ci_folded(std::string_view text, std::string_view folded_prefix) {
    std::string f = fold(text);
    return std::string_view(f).substr(0, folded_prefix.size()) == folded_prefix;
}

}  // namespace xasite::text

#include <unicode/coll.h>
#include <unicode/locid.h>

namespace xasite::text {

std::string sort_key_vi(std::string_view s) {
    thread_local std::unique_ptr<icu::Collator> collator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
        if (U_FAILURE(status) || !c) throw std::runtime_error("ICU: no Vietnamese collator");
        return c;
    }();
    auto u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    std::string key(64, '\0');
    int32_t n = collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()),
                                     static_cast<int32_t>(key.size()));
    if (n > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(n));
        n = collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), n);
    }
    key.resize(n > 0 ? static_cast<std::size_t>(n - 1) : 0);  // drop the terminating NUL
    key.push_back('\0');
    key.append(s);
    return key;
}

}  // namespace xasite::text

namespace xasite::text {

namespace {

constexpr std::array<bool, 256> make_html_special() {
    std::array<bool, 256> t{};
    t['&'] = t['<'] = t['>'] = t['"'] = t['\''] = true;
    return t;
}
constexpr auto kHtmlSpecial = make_html_special();

}  // namespace

void append_html_escaped(std::string& out, std::string_view s) {
    std::size_t run = 0;  // start of the pending run of ordinary bytes
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (!kHtmlSpecial[c]) continue;
        out.append(s.data() + run, i - run);
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += "&#39;";
                break;
        }
        run = i + 1;
    }
    out.append(s.data() + run, s.size() - run);
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    append_html_escaped(out, s);
    return out;
}

std::size_t prefix_at_word(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s.size();
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut;
    std::size_t space = s.rfind(' ', cut);
    if (space != std::string_view::npos && space >= max_bytes / 2) {
        while (space > 0 && s[space - 1] == ' ')
            --space;
        return space;
    }
    return cut;
}

}  // namespace xasite::text
