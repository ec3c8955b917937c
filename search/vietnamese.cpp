#include "search/vietnamese.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/ascii.hpp"
#include "core/text.hpp"
#include "search/lexicon.hpp"

namespace xasite::search {

namespace {

bool is_apostrophe(char32_t c) {
    return c == U'\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == U'`' || c == 0x00B4;
}

bool is_mark(char32_t c) {
    if (c < 0x0300) return false;
    if (c <= 0x036F) return true;
    return u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK;
}

bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == 0xFFFD) return false;
    return u_isalnum(static_cast<UChar32>(c)) || is_mark(c);
}

bool is_ascii_digit(char32_t c) {
    return c >= '0' && c <= '9';
}
bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The twelve Vietnamese vowels, each with its six tones: none, huyền, sắc, hỏi, ngã, nặng.
constexpr std::array<std::u32string_view, 12> kVowels = {
    U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
    U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ",
};
constexpr int kModifiedVowels = (1 << 1) | (1 << 2) | (1 << 4) | (1 << 7) | (1 << 8) | (1 << 10);

struct VowelInfo {
    int vowel = -1;  // index in kVowels
    int tone = 0;
};

const std::unordered_map<char32_t, VowelInfo>& vowel_table() {
    static const std::unordered_map<char32_t, VowelInfo> table = [] {
        std::unordered_map<char32_t, VowelInfo> t;
        for (int v = 0; v < static_cast<int>(kVowels.size()); ++v)
            for (int tone = 0; tone < 6; ++tone)
                t[kVowels[static_cast<std::size_t>(v)][static_cast<std::size_t>(tone)]] = {v, tone};
        return t;
    }();
    return table;
}

bool is_consonant_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || c == U'đ';
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, std::size_t max_tokens) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < text.size() && tokens.size() < max_tokens) {
        std::size_t start = i;
        char32_t c = text::decode_utf8(text, i);
        if (!is_word_char(c) || is_mark(c)) continue;
        Token token;
        token.begin = start;
        const bool numeric = is_ascii_digit(c);
        std::string raw;
        raw.append(text.substr(start, i - start));
        std::size_t end = i;
        while (i < text.size()) {
            std::size_t at = i;
            std::size_t next = i;
            char32_t d = text::decode_utf8(text, next);
            if (is_word_char(d)) {
                raw.append(text.substr(at, next - at));
                i = end = next;
                continue;
            }
            // An apostrophe between two letters joins them ("H'Leo"); a dot inside a number
            // followed by a letter or digit continues a code ("1.001193.000.00.00.H12").
            if (next < text.size()) {
                std::size_t after = next;
                char32_t e = text::decode_utf8(text, after);
                if (is_apostrophe(d) && !numeric && is_word_char(e) && !is_ascii_digit(e)) {
                    i = next;
                    continue;
                }
                if (d == U'.' && numeric && e < 0x80 && is_ascii_alnum(static_cast<char>(e))) {
                    token.is_code = true;
                    raw.push_back('.');
                    i = next;
                    continue;
                }
            }
            break;
        }
        i = end;
        token.end = end;
        token.lower = text::lower(raw);
        tokens.push_back(std::move(token));
    }
    return tokens;
}

std::string fold_token(std::string_view token_lower, const Lexicon& lexicon) {
    std::string folded = text::fold(token_lower);
    folded.erase(std::remove(folded.begin(), folded.end(), '\''), folded.end());
    return lexicon.unify_variant(folded);
}

bool has_marks(std::string_view token_lower) {
    for (unsigned char c : token_lower)
        if (c >= 0x80) return true;
    return false;
}

std::string mark_signature(std::string_view lower_syllable) {
    std::string out;
    int tone = 0;
    const auto& table = vowel_table();
    for (std::size_t i = 0; i < lower_syllable.size();) {
        const char32_t c = text::decode_utf8(lower_syllable, i);
        auto it = table.find(c);
        if (it == table.end()) continue;
        if ((kModifiedVowels >> it->second.vowel) & 1)
            out.push_back(static_cast<char>('a' + it->second.vowel));
        if (it->second.tone != 0) tone = it->second.tone;
    }
    out.push_back(static_cast<char>('0' + tone));
    return out;
}

std::string canonical_tone_placement(std::string_view lower_syllable) {
    if (!has_marks(lower_syllable) || lower_syllable.size() > 40)
        return std::string(lower_syllable);
    const auto& table = vowel_table();
    std::u32string cps;
    for (std::size_t i = 0; i < lower_syllable.size();)
        cps.push_back(text::decode_utf8(lower_syllable, i));
    const std::size_t n = cps.size();
    std::vector<VowelInfo> info(n);
    int tone = 0, toned = 0;
    for (std::size_t k = 0; k < n; ++k) {
        auto it = table.find(cps[k]);
        if (it != table.end()) {
            info[k] = it->second;
            if (it->second.tone != 0) {
                tone = it->second.tone;
                ++toned;
            }
        } else if (!is_consonant_letter(cps[k])) {
            return std::string(lower_syllable);  // not a Vietnamese syllable
        }
    }
    if (toned != 1) return std::string(lower_syllable);
    auto is_vowel = [&](std::size_t k) { return info[k].vowel >= 0; };
    auto base = [&](std::size_t k) { return is_vowel(k) ? kVowels[info[k].vowel][0] : cps[k]; };
    std::size_t start = 0;
    while (start < n && !is_vowel(start))
        ++start;
    if (start == n) return std::string(lower_syllable);
    // "qu" and "gi" before another vowel are initial consonants.
    if (start + 1 < n && is_vowel(start + 1)) {
        if (start == 1 && cps[0] == U'q' && base(1) == U'u')
            ++start;
        else if (start == 1 && cps[0] == U'g' && base(1) == U'i')
            ++start;
    }
    std::size_t end = start;
    while (end < n && is_vowel(end))
        ++end;
    const std::size_t length = end - start;
    const bool final_consonant = end < n;
    std::size_t target = start;
    std::size_t modified = n;
    for (std::size_t k = start; k < end; ++k)
        if ((kModifiedVowels >> info[k].vowel) & 1) modified = k;
    if (modified != n)
        target = modified;
    else if (final_consonant)
        target = end - 1;
    else if (length == 1 || length == 2)
        target = start;
    else if (length == 3)
        target = start + 1;
    else
        return std::string(lower_syllable);
    if (info[target].tone == tone) return std::string(lower_syllable);
    std::string out;
    for (std::size_t k = 0; k < n; ++k) {
        char32_t c = cps[k];
        if (is_vowel(k))
            c = kVowels[info[k].vowel][static_cast<std::size_t>(k == target ? tone : 0)];
        text::append_utf8(out, c);
    }
    return out;
}

std::string code_key(std::string_view code) {
    std::string key;
    key.reserve(code.size());
    for (char c : code.substr(0, 120))
        key.push_back(ascii::lower(c));
    // "1.001193.000.00.00.h12" → "1.001193": digits '.' digits, then a dot and anything.
    std::size_t i = 0;
    while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i])))
        ++i;
    if (i == 0 || i >= key.size() || key[i] != '.') return key;
    std::size_t j = i + 1;
    while (j < key.size() && std::isdigit(static_cast<unsigned char>(key[j])))
        ++j;
    if (j > i + 1 && j < key.size() && key[j] == '.') key.resize(j);
    return key;
}

std::vector<std::string> keyboard_readings(std::string_view token) {
    std::vector<std::string> out;
    if (token.empty() || token.size() > 24) return out;
    bool letters = false, digits = false;
    for (char c : token) {
        if (c >= 'a' && c <= 'z')
            letters = true;
        else if (c >= '0' && c <= '9')
            digits = true;
        else
            return out;  // only plain ASCII tokens are keyboard leftovers
    }
    if (!letters) return out;
    auto add = [&](std::string s) {
        if (!s.empty() && s != token && std::find(out.begin(), out.end(), s) == out.end())
            out.push_back(std::move(s));
    };
    if (digits) {  // VNI: 1–5 tones, 6 â ê ô, 7 ơ ư, 8 ă, 9 đ
        std::string s;
        for (char c : token)
            if (c < '0' || c > '9') s.push_back(c);
        add(s);
        return out;
    }
    std::string s(token);
    // dd → đ
    for (std::size_t p; (p = s.find("dd")) != std::string::npos;)
        s.erase(p, 1);
    // aa ee oo → â ê ô
    for (const char* pair : {"aa", "ee", "oo"})
        for (std::size_t p; (p = s.find(pair)) != std::string::npos;)
            s.erase(p, 1);
    // tone keys (s f r x j) and z after the first vowel; s, r, x may also start a syllable
    std::size_t first_vowel = s.find_first_of("aeiouy");
    if (first_vowel != std::string::npos) {
        std::string t = s.substr(0, first_vowel + 1);
        for (std::size_t k = first_vowel + 1; k < s.size(); ++k)
            if (std::string_view("sfrxjz").find(s[k]) == std::string_view::npos) t.push_back(s[k]);
        s = t;
    }
    // w: ă ơ ư when the syllable has a, o or u; a lone w is ư
    if (s.find('w') != std::string::npos) {
        bool has_aou = s.find_first_of("aou") != std::string::npos;
        std::string removed, as_u;
        for (char c : s) {
            if (c == 'w') {
                as_u.push_back('u');
                continue;
            }
            removed.push_back(c);
            as_u.push_back(c);
        }
        if (has_aou) add(removed);
        add(as_u);
        if (!has_aou) add(removed);
    } else {
        add(s);
    }
    return out;
}

std::size_t typo_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    if (n == 0) return m;
    if (m == 0) return n;
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::string clean_text(std::string_view input) {
    if (text::is_valid_utf8(input))
        return text::is_nfc(input) ? std::string(input) : text::nfc(input);
    std::string valid;
    valid.reserve(input.size());
    for (std::size_t i = 0; i < input.size();) {
        std::size_t start = i;
        char32_t c = text::decode_utf8(input, i);
        if (c == 0xFFFD && !(i - start == 3 && input.substr(start, 3) == "\xEF\xBF\xBD"))
            valid.push_back(' ');
        else
            valid.append(input.substr(start, i - start));
    }
    return text::nfc(valid);
}

std::string_view cut_text(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    std::size_t space = text.rfind(' ', end);
    if (space != std::string_view::npos && space >= max_bytes - max_bytes / 4) end = space;
    return text.substr(0, end);
}

bool adjacent_gap(std::string_view gap) {
    for (char c : gap) {
        switch (c) {
            case '.':
            case ';':
            case ':':
            case '!':
            case '?':
            case '(':
            case ')':
            case '[':
            case ']':
            case '\n':
            case '\r':
            case '|':
                return false;
            default:
                break;
        }
    }
    return true;
}

}  // namespace xasite::search
