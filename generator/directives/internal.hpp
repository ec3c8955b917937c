// Internal pieces of the directive extractor, shared by its .cpp files (not part of the public
// API).
//
// The extractor works on a vector of Lines (prepare): the text made valid UTF-8, stripped of
// control characters, NFC, split into lines, with the "blank line after every line" of some
// PDF-to-text exports undone. The header (parse_header), the closing block (find_body_end,
// parse_closing) and the body (parse_body) are then read from line ranges.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "generator/directives/directive.hpp"

namespace xasite::directives::detail {

// ---- text primitives (scan.cpp) -------------------------------------------------------------

// Folds one code point like text::fold (lower case, base letter, đ→d), plus dashes (– — ‒ −) to
// '-'. Returns 0 for code points fold drops (combining marks). Fast: table lookups only.
char32_t fold_char(char32_t c);

// Folded text with, for each folded byte, the byte offset in the original it came from.
// Whitespace runs fold to one ' '; off.size() == s.size() + 1 (the last entry is the original
// size).
struct Folded {
    std::string s;
    std::vector<std::uint32_t> off;
};
Folded fold_map(std::string_view text);
std::string fold_str(std::string_view text);  // fold_map(text).s without the offsets

bool is_letter(char32_t c);
bool is_upper(char32_t c);
bool is_lower(char32_t c);
bool is_space_cp(char32_t c);
// True when the text has no lower-case letter and at least `min_letters` letters.
bool is_upper_text(std::string_view s, std::size_t min_letters = 2);
bool has_lower(std::string_view s);
std::size_t cp_len(std::string_view s);
// First / last code point (0 for empty input).
char32_t first_cp(std::string_view s);
char32_t last_cp(std::string_view s);
// The first letter (skipping quotes, brackets and dashes) is upper case.
bool starts_upper(std::string_view s);

std::string_view trim_view(std::string_view s);   // ASCII spaces and tabs only (input is sanitised)
std::string collapse_spaces(std::string_view s);  // runs of spaces → one, trimmed
// Appends a visual line to running text: a word split at a hyphen ("5-" + "BCHN") joins without a
// space, everything else with one space.
void append_line(std::string& acc, std::string_view line);
void append_collapsed(std::string& acc,
                      std::string_view collapsed_line);  // the same, line already collapsed
// A list item as written without its marker ("- ", "+ ", "• ") and trailing ";" "." "," spaces.
std::string strip_item(std::string_view s);
// Starts with a list marker: "-", "+", "•", "–", "*" followed by a space.
bool starts_with_bullet(std::string_view s);
bool starts_with_folded(std::string_view folded, std::string_view prefix);
// Splits a line at runs of at least `gap` spaces (the column gap of a physical-layout extraction).
std::vector<std::string_view> split_gaps(std::string_view s, std::size_t gap = 3);

// A personal name: 2–7 words, each starting with an upper-case letter followed by lower-case
// letters (apostrophes and hyphens allowed, one-letter words like "Y" allowed), no digits.
bool is_personal_name(std::string_view s);

// ---- lines (lines.cpp) ------------------------------------------------------------------------

struct Line {
    std::string text;         // NFC, trailing spaces removed, leading spaces kept
    bool blank = false;       // an empty line (in a double-spaced export: a whitespace-only line)
    bool lead_ws = false;     // starts with a space (first line of a page in some exports)
    bool separator = false;   // a footnote rule: ≥10 spaces only, or ≥8 '_' / '-' only
    bool page_break = false;  // first line after a form feed
};

struct Prepared {
    std::string nfc;  // the whole text, sanitised and NFC
    std::vector<Line> lines;
    std::vector<std::string> warnings;
};
Prepared prepare(std::string_view raw);

// ---- document types (types.cpp) ---------------------------------------------------------------

struct TypeInfo {
    const char* name;  // "Kế hoạch"
    const char* abbr;  // "KH" ("" for công văn, thư công)
};
const std::vector<TypeInfo>& types();
// A type title line ("KẾ HOẠCH", "QUYẾT ĐỊNH:"), folded. nullptr when it is not one.
const TypeInfo* type_by_title(std::string_view folded);
// The abbreviation of a symbol ("KH" of "KH-UBND" or of "2024/KH-UBND"); exact, then ignoring case.
const TypeInfo* type_by_abbr(std::string_view abbr);
// "Kế hoạch", "kế hoạch", "KE HOACH" → the type (front matter).
const TypeInfo* type_by_name(std::string_view name);
// The type abbreviation part of a symbol: after the last '/', before the first '-'.
std::string symbol_abbr(std::string_view symbol);

// ---- parts of the document ---------------------------------------------------------------------

// Reads the header (issuer, marks, number, place/date, type, subject, recipients). Returns the
// index of the first body line; `leftover` receives text of that line already partly read (or "").
std::size_t parse_header(const std::vector<Line>& lines, Metadata& m, std::string& leftover);

// Looks for a mark (secrecy) standalone in the first lines, whatever the header parse found.
void scan_marks(const std::vector<Line>& lines, Metadata& m);

struct BodyEnd {
    std::size_t line = 0;  // first line not in the body
    std::string tail;      // text of the body's last line up to and including "./." ("" if none)
    std::string rest;      // text after "./." on that line (goes to the closing block)
    bool found_end_mark = false;
};
BodyEnd find_body_end(const std::vector<Line>& lines, std::size_t from);

// Nơi nhận and the signature block, from `from` to the end of the text. Footnotes found after the
// signature are appended to `footnote_lines`' owner by parse_body; here only the closing is read.
void parse_closing(const std::vector<Line>& lines, std::size_t from, const std::string& first_rest,
                   Metadata& m, std::vector<Line>& trailing_footnote_lines);

// The body between header and closing: page numbers removed, footnotes moved out, lines joined into
// blocks with their structure. `extra_footnote_lines` are footnote lines found after the closing.
void parse_body(std::vector<Line> body_lines, const std::vector<Line>& extra_footnote_lines,
                Metadata& m);

// National procedure codes cited in the text ("1.001193" or "1.001193.000.00.00.H12"), in order of
// first appearance, each once.
std::vector<std::string> find_procedure_codes(std::string_view text);

bool is_page_number_line(std::string_view trimmed);
// "1 Nghị quyết số …" → 1: a footnote text at the bottom of a page; -1 when the line is not one.
int footnote_label(std::string_view trimmed);
// "TM." "KT." "TL." "TUQ." "Q." (also "T/M", "K/T", "T/L") at the start of a fragment followed by
// upper-case text: returns the normalised authority ("KT.") or "".
std::string authority_prefix(std::string_view fragment, std::size_t* prefix_len = nullptr);

// PartialDate validation: drops an impossible day (or month and day); returns a warning or "".
std::string validate_date(PartialDate& d);

}  // namespace xasite::directives::detail
