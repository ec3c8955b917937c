// From raw bytes to Lines: valid UTF-8, no control characters, NFC, split, double spacing undone.
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <climits>
#include <cstdint>
#include <stdexcept>

#include "core/text.hpp"
#include "generator/directives/internal.hpp"

namespace xasite::directives::detail {

namespace {

std::string sanitise(std::string_view raw, bool& invalid, bool& controls) {
    invalid = false;
    controls = false;
    std::string out;
    out.reserve(raw.size());
    const std::size_t n = raw.size();
    std::size_t i = 0;
    while (i < n) {
        unsigned char b = static_cast<unsigned char>(raw[i]);
        if ((b >= 0x20 && b < 0x7F) || b == '\n') {  // the common case: copy a run of plain ASCII
            std::size_t j = i + 1;
            while (j < n) {
                unsigned char c = static_cast<unsigned char>(raw[j]);
                if (!((c >= 0x20 && c < 0x7F) || c == '\n')) break;
                ++j;
            }
            out.append(raw.data() + i, j - i);
            i = j;
            continue;
        }
        std::size_t start = i;
        char32_t c = text::decode_utf8(raw, i);
        if (c == 0xFFFD && i - start == 1) {
            invalid = true;
            text::append_utf8(out, c);
        } else if (c == U'\r') {
            if (i < n && raw[i] == '\n') continue;
            out.push_back('\n');
        } else if (c == U'\f') {
            out.push_back('\f');
        } else if (c == U'\t') {
            out.push_back(' ');
        } else if (c == U'\v' || c == 0x2028 || c == 0x2029 || c == 0x85) {
            out.push_back('\n');
        } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
            controls = true;
        } else if (c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
                   c == 0x3000) {
            out.push_back(' ');
        } else if ((c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0xAD) {
            // zero-width characters and soft hyphens carry nothing in extracted text
        } else {
            out.append(raw.data() + start, i - start);  // valid UTF-8 as it was
        }
    }
    return out;
}

// NFC straight on UTF-8 (no round trip through UTF-16): most documents are NFC already and the
// check alone is cheap.
std::string nfc_utf8(std::string&& s) {
    if (s.size() > static_cast<std::size_t>(INT32_MAX)) return text::nfc(s);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr)
        throw std::runtime_error("ICU NFC normalizer unavailable");
    icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
    if (n->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::move(s);
    status = U_ZERO_ERROR;
    std::string out;
    out.reserve(s.size());
    icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(s.size()));
    n->normalizeUTF8(0, piece, sink, nullptr, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normalisation failed");
    return out;
}

struct RawLine {
    std::string_view text;
    bool page_break = false;
};

std::vector<RawLine> split_raw(std::string_view s) {
    std::vector<RawLine> out;
    std::size_t start = 0;
    bool pending_break = false;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '\n' || s[i] == '\f') {
            std::string_view piece = s.substr(start, i - start);
            bool is_ff = i < s.size() && s[i] == '\f';
            // A form feed ends the current line only when it has text; "\n\f" adds no line.
            if (!(is_ff && piece.empty())) {
                out.push_back({piece, pending_break});
                pending_break = false;
            }
            if (is_ff) pending_break = true;
            start = i + 1;
        }
    }
    // Text ending in a newline gives a final empty piece: drop it.
    if (!out.empty() && out.back().text.empty() && !out.back().page_break) out.pop_back();
    return out;
}

bool only(std::string_view s, std::string_view chars) {
    for (char c : s)
        if (chars.find(c) == std::string_view::npos) return false;
    return true;
}

}  // namespace

Prepared prepare(std::string_view raw) {
    Prepared p;
    bool invalid = false, controls = false;
    std::string clean = sanitise(raw, invalid, controls);
    if (invalid) p.warnings.push_back("the text is not valid UTF-8: invalid bytes were replaced");
    if (controls) p.warnings.push_back("control characters were removed from the text");
    try {
        p.nfc = nfc_utf8(std::move(clean));
    } catch (const std::exception&) {
        p.nfc = std::move(clean);
        p.warnings.push_back("the text could not be normalised to NFC");
    }
    std::vector<RawLine> raw_lines = split_raw(p.nfc);

    // Some PDF exports put an empty line after every line: then empty lines mean nothing and a
    // whitespace-only line is the real blank line.
    std::size_t nonempty = 0, followed_by_empty = 0;
    for (std::size_t i = 0; i < raw_lines.size(); ++i) {
        if (raw_lines[i].text.empty()) continue;
        ++nonempty;
        if (i + 1 < raw_lines.size() && raw_lines[i + 1].text.empty()) ++followed_by_empty;
    }
    bool double_spaced = nonempty >= 6 && followed_by_empty * 10 >= nonempty * 6;

    p.lines.reserve(double_spaced ? nonempty : raw_lines.size());
    bool pending_break = false;
    for (const RawLine& r : raw_lines) {
        pending_break = pending_break || r.page_break;
        if (double_spaced && r.text.empty()) continue;
        Line line;
        std::string_view t = r.text;
        while (!t.empty() && t.back() == ' ')
            t.remove_suffix(1);
        line.text = std::string(t);
        line.lead_ws = !t.empty() && t.front() == ' ';
        std::string_view trimmed = trim_view(t);
        line.blank = trimmed.empty();
        if (line.blank && r.text.size() >= 10) line.separator = true;
        if (!line.blank && trimmed.size() >= 8 && only(trimmed, "_-")) line.separator = true;
        // A page break belongs to the first line with text after it.
        line.page_break = pending_break && !line.blank;
        if (!line.blank) pending_break = false;
        p.lines.push_back(std::move(line));
    }
    return p;
}

}  // namespace xasite::directives::detail
