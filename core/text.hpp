// UTF-8 and Vietnamese text primitives shared by every module.
//
// Inside xasite all text is UTF-8 in NFC. These functions convert at the edges (nfc), fold text for
// matching (fold: no tone or vowel marks, đ→d, lower case, old/new tone placement unified) and make
// URL slugs. The fold table is derived once from ICU's canonical decompositions, so it covers every
// precomposed Latin letter, not only the 134 Vietnamese ones, and NFD input folds the same as NFC.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::text {

// Returns the byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or std::nullopt when the whole input is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);
inline bool is_valid_utf8(std::string_view s) {
    return !find_invalid_utf8(s).has_value();
}

// Decodes one code point at s[i] and advances i. Invalid bytes decode as U+FFFD (one byte
// consumed).
char32_t decode_utf8(std::string_view s, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);

// Unicode NFC (ICU). ASCII and already-normalised input is returned unchanged without copying work.
// Precondition: valid UTF-8 (invalid sequences become U+FFFD).
std::string nfc(std::string_view s);
bool is_nfc(std::string_view s);

// Simple Unicode lower case per code point (Đ→đ, Ư→ư, ...). Keeps diacritics.
std::string lower(std::string_view s);
// Simple Unicode upper case per code point.
std::string upper(std::string_view s);

// Folded form for matching: lower case, every letter reduced to its base letter (ắ→a, ư→u, đ→d),
// combining marks dropped (so NFD folds like NFC), typographic apostrophes (’ ‘ ʼ `) turned into '.
// Whitespace runs become a single space; leading/trailing space is trimmed.
std::string fold(std::string_view s);

// Folded key that also ignores spacing, apostrophes, hyphens and dots: "Ea H’Leo" → "eahleo",
// "Eachà Rang" → "eacharang". Used to match names spelled with different spacing.
std::string compact_key(std::string_view s);

// URL slug: fold, keep [a-z0-9], apostrophes dropped, any other run becomes one '-', trimmed.
// "Buôn Ma Thuột" → "buon-ma-thuot", "Ea H'Leo" → "ea-hleo". Empty input gives "".
std::string slug(std::string_view s);

// Replaces ’ ‘ ʼ ` ´ with ASCII apostrophe, and NBSP/tabs with spaces; collapses whitespace runs;
// trims. Used to tidy names read from sources.
std::string tidy(std::string_view s);

// Trims ASCII and Unicode whitespace (including NBSP) from both ends.
std::string_view trim(std::string_view s);

// Levenshtein distance counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The length of a prefix of `s` of at most `max_bytes` that ends between words (before a space)
// or, when the second half of that span has no space, at a code point boundary. `s` itself when
// it is short enough.
std::size_t prefix_at_word(std::string_view s, std::size_t max_bytes);

// Splits on a single ASCII delimiter; keeps empty parts.
std::vector<std::string_view> split(std::string_view s, char delim);

bool starts_with_ci_folded(std::string_view text, std::string_view folded_prefix);

}  // namespace xasite::text

namespace xasite::text {
// A byte string that sorts in Vietnamese alphabetical order (ICU collation for "vi": a ă â b c d
// đ e ê …), ties broken by the exact text. Thread-safe.
std::string sort_key_vi(std::string_view s);

// HTML escaping for text and attribute values: & < > " ' (the only escaper of the project; the
// templates, the document bodies, the archive views and the search results all use it).
void append_html_escaped(std::string& out, std::string_view s);
std::string html_escape(std::string_view s);
}  // namespace xasite::text
