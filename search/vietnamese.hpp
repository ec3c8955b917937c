// Vietnamese text as the search index and the query engine see it: syllable tokens with their
// byte offsets, the folded form used for matching (no marks, đ→d, i/y variants unified), the
// exact form used to rank exact diacritics higher (lower case, NFC, one tone placement), procedure
// codes, and the repairs a query may need (Telex/VNI leftovers, typos). Generic folding lives in
// core/text.hpp; what is specific to search lives here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::search {

class Lexicon;

struct Token {
    std::size_t begin = 0, end = 0;  // byte range in the text given to tokenize()
    std::string lower;               // lower case, NFC, apostrophes removed ("h'leo" → "hleo")
    bool is_code = false;  // a dotted number such as "1.001193" or "1.001193.000.00.00.H12"
};

// Splits NFC text into tokens: runs of letters (with their marks) and digits. Apostrophes inside a
// word are dropped ("H’Leo" → "hleo"); a run that starts with a digit may contain dots followed by
// letters or digits and is then a code ("1.001193", "12.5"). Everything else separates tokens.
// Invalid UTF-8 bytes separate tokens too. At most `max_tokens` tokens are returned.
std::vector<Token> tokenize(std::string_view text, std::size_t max_tokens = 1'000'000);

// Folded form of one token for matching: core fold (lower case, no tone or vowel marks, đ→d),
// apostrophes removed, then the i/y variants of `lexicon` ("ky" → "ki"). Codes are only
// lower-cased.
std::string fold_token(std::string_view token_lower, const Lexicon& lexicon);

// The exact form of a lower-case syllable with its tone mark placed by one rule, so that old and
// new placements ("hoá"/"hóa", "uỷ"/"ủy", "thuỵ"/"thụy") give the same string: the mark goes on the
// modified vowel (ă â ê ô ơ ư; the second of "ươ"), else on the last vowel when a final consonant
// follows, else on the first of two vowels ("hóa", "ủy", "mía") or the middle of three ("ngoài").
// "qu" and "gi" count as initial consonants. Text that is not a Vietnamese syllable (no vowel,
// several tone marks) is returned unchanged.
std::string canonical_tone_placement(std::string_view lower_syllable);

// True when the token carries Vietnamese marks (its folded form differs from it).
bool has_marks(std::string_view token_lower);

// The marks of a lower-case syllable, where they sit aside: its modified vowels in order (ă â ê ô
// ơ ư) and its tone, so that "cũ" and "cụ", "mất" and "mặt", "hỏng" and "hồng" differ while "hoà"
// and "hòa", "ký" and "kí", "đăng" and "dăng" do not (đ, tone placement and the i/y spelling are
// left out).
std::string mark_signature(std::string_view lower_syllable);

// The key a code is indexed and looked up under: lower case, and a procedure code with the
// province suffix ("1.001193.000.00.00.h12") cut to the national code ("1.001193").
std::string code_key(std::string_view code);

// Readings of a folded token typed with Telex or VNI keys left in ("dangw" → "dang", "kys" → "ky",
// "ddaats" → "dat", "dang1" → "dang", "d9a8ng" → "dang"). Candidates only; the caller keeps those
// that are known words. Empty when the token has no Telex/VNI key in it.
std::vector<std::string> keyboard_readings(std::string_view folded_token);

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), in bytes: the
// folded syllables it is used on are ASCII.
std::size_t typo_distance(std::string_view a, std::string_view b);

// Valid UTF-8 in NFC: every invalid byte becomes a space. Cheap for text that is already fine.
std::string clean_text(std::string_view text);

// At most `max_bytes` of `text`, cut at a word boundary when there is one in the last quarter
// (never inside a UTF-8 sequence).
std::string_view cut_text(std::string_view text, std::size_t max_bytes);

// Whether two adjacent tokens are close enough to count as neighbours for bigrams: only spaces,
// commas, hyphens, slashes or quotes between them (a full stop, semicolon, colon, bracket or line
// break separates).
bool adjacent_gap(std::string_view gap);

}  // namespace xasite::search
