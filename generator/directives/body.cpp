// The body: page numbers dropped, footnotes moved out of the page bottoms, visual lines joined
// back into paragraphs, structure recognised (I. / 1. / a) / - / +), footnote references marked.
//
// Everything here is hand-written scanning, linear in the size of the text: no regular expressions
// run over the body (std::regex recurses per character and can exhaust the stack on long lines).
#include <algorithm>

#include "core/text.hpp"
#include "generator/directives/internal.hpp"

namespace xasite::directives::detail {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

int footnote_label(std::string_view t) {
    std::size_t i = 0;
    while (i < t.size() && is_digit(t[i]) && i < 3)
        ++i;
    if (i == 0 || i >= t.size() || is_digit(t[i])) return -1;
    std::size_t j = i;
    if (t[j] == ' ') {
        while (j < t.size() && t[j] == ' ')
            ++j;
        if (j >= t.size() || is_digit(t[j])) return -1;
    } else {
        std::size_t k = j;
        if (!is_upper(text::decode_utf8(t, k))) return -1;  // "1Nghị quyết" (label glued)
    }
    int v = 0;
    for (std::size_t k = 0; k < i; ++k)
        v = v * 10 + (t[k] - '0');
    return v == 0 ? -1 : v;
}

namespace {

// Digits glued to the end of a word or to punctuation after a word: a footnote reference
// ("Tô Lâm1,", "Quốc hội2 và", "phủ,3"). Calls f(label, byte_begin, byte_end).
template <typename F>
void scan_glued(std::string_view t, F&& f) {
    for (std::size_t p = 1; p < t.size(); ++p) {
        if (!is_digit(t[p]) || is_digit(t[p - 1])) continue;
        std::size_t q = p;
        while (q < t.size() && is_digit(t[q]))
            ++q;
        if (q - p > 3) {
            p = q;
            continue;
        }
        if (q < t.size()) {
            char c = t[q];
            bool ok = c == ' ' || c == ',' || c == ';' || c == ':' || c == ')' || c == '!' ||
                      c == '?' || c == '"' || c == '\'' ||
                      (c == '.' && (q + 1 >= t.size() || !is_digit(t[q + 1]))) ||
                      t.compare(q, 3, "\xE2\x80\x9D") == 0;  // ”
            if (!ok) {
                p = q;
                continue;
            }
        }
        char32_t prev = last_cp(t.substr(0, p));
        bool glued = false;
        if (is_letter(prev)) {
            // The word before: not a unit of measure ("50 m2", "10 km2").
            std::size_t ws = p;
            while (ws > 0 && t[ws - 1] != ' ' && t[ws - 1] != '(')
                --ws;
            std::string word = fold_str(t.substr(ws, p - ws));
            static const std::string_view units[] = {"m", "km", "cm", "mm", "dm", "ha", "kg",
                                                     "g", "l",  "ml", "kw", "mw", "kv", "h"};
            // (Capitals and digits like "QH15" may be a symbol: the label order filters those.)
            glued = true;
            for (auto u : units)
                if (word == u) glued = false;
        } else if (prev == U')' || prev == U',' || prev == U';' || prev == U'.' || prev == U':' ||
                   prev == 0x201D) {
            std::string_view before = t.substr(0, p);
            std::size_t plen = prev < 0x80 ? 1 : 3;
            char32_t pp =
                before.size() > plen ? last_cp(before.substr(0, before.size() - plen)) : 0;
            glued = is_letter(pp) || pp == U')';
        }
        if (glued) {
            int v = 0;
            for (std::size_t k = p; k < q; ++k)
                v = v * 10 + (t[k] - '0');
            f(v, p, q);
        }
        p = q;
    }
}

// ---- markers ------------------------------------------------------------------------------------

int roman_value(std::string_view r) {
    int total = 0, prev = 0;
    for (auto it = r.rbegin(); it != r.rend(); ++it) {
        int v = *it == 'I' ? 1 : *it == 'V' ? 5 : *it == 'X' ? 10 : *it == 'L' ? 50 : 0;
        if (v == 0) return 0;
        total += v < prev ? -v : v;
        prev = std::max(prev, v);
    }
    return total;
}

std::string to_roman(int n) {
    static const std::pair<int, const char*> table[] = {{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"},
                                                        {5, "V"},  {4, "IV"},  {1, "I"}};
    std::string s;
    for (const auto& [v, r] : table)
        while (n >= v) {
            s += r;
            n -= v;
        }
    return s;
}

enum class Marker { none, roman, number, subnumber, letter, bullet };

// Recognises the marker at the start of a trimmed line; `len` is its length with the space after.
Marker marker_of(std::string_view t, std::size_t& len, std::string& marker) {
    // I. II. … (a canonical Roman numeral up to 50)
    std::size_t i = 0;
    while (i < t.size() && (t[i] == 'I' || t[i] == 'V' || t[i] == 'X' || t[i] == 'L'))
        ++i;
    if (i > 0 && i + 1 < t.size() && t[i] == '.' && t[i + 1] == ' ') {
        int v = roman_value(t.substr(0, i));
        if (v > 0 && v <= 50 && to_roman(v) == t.substr(0, i)) {
            marker = std::string(t.substr(0, i + 1));
            len = i + 2;
            return Marker::roman;
        }
    }
    // 1. / 1.2. / 1.2
    i = 0;
    while (i < t.size() && is_digit(t[i]))
        ++i;
    if (i > 0 && i <= 2 && i < t.size() && t[i] == '.') {
        if (i + 1 < t.size() && t[i + 1] == ' ') {
            marker = std::string(t.substr(0, i + 1));
            len = i + 2;
            return Marker::number;
        }
        std::size_t j = i + 1;
        while (j < t.size() && is_digit(t[j]))
            ++j;
        if (j > i + 1 && j - i - 1 <= 2) {
            std::size_t k = j;
            if (k < t.size() && t[k] == '.') ++k;
            if (k < t.size() && t[k] == ' ') {
                marker = std::string(t.substr(0, k));
                len = k + 1;
                return Marker::subnumber;
            }
        }
    }
    // a) b) … đ)
    if (t.size() >= 3 && t[0] >= 'a' && t[0] <= 'z' && t[1] == ')' && t[2] == ' ') {
        marker = std::string(t.substr(0, 2));
        len = 3;
        return Marker::letter;
    }
    if (t.compare(0, 3, "\xC4\x91)") == 0 && t.size() >= 4 && t[3] == ' ') {  // đ)
        marker = "đ)";
        len = 4;
        return Marker::letter;
    }
    if (starts_with_bullet(t)) {
        std::size_t k = 0;
        char32_t c = text::decode_utf8(t, k);
        marker.assign(1, c == U'+' ? '+' : '-');
        len = k < t.size() && t[k] == ' ' ? k + 1 : k;
        return Marker::bullet;
    }
    return Marker::none;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Whether a paragraph ends after `prev` (a visual line) given the next line. PDF extractions end
// lines mid-sentence; a paragraph ends where a sentence ends and the next line starts a new one,
// or where a line is clearly shorter than the text width.
bool paragraph_ends(std::string_view prev, std::string_view next, double width) {
    std::size_t len = cp_len(prev);
    if (ends_with(prev, "./.")) return true;
    char last = prev.empty() ? ' ' : prev.back();
    bool short_line = static_cast<double>(len) < 0.9 * width;
    bool very_short = static_cast<double>(len) < 0.7 * width;
    if (last == '.' || last == ';' || last == '!' || last == '?' ||
        ends_with(prev, "\xE2\x80\xA6")) {  // …
        return starts_upper(next) || short_line;
    }
    if (last == ':') return short_line;
    return very_short;
}

}  // namespace

bool is_page_number_line(std::string_view t) {
    t = trim_view(t);
    if (t.size() > 6 && t[5] == ' ' && fold_str(t.substr(0, 5)) == "trang")
        t = trim_view(t.substr(6));
    while (!t.empty() && (t.front() == '-' || t.front() == ' '))
        t.remove_prefix(1);
    while (!t.empty() && (t.back() == '-' || t.back() == ' '))
        t.remove_suffix(1);
    std::size_t i = 0;
    while (i < t.size() && is_digit(t[i]))
        ++i;
    if (i == 0 || i > 3) return false;
    if (i == t.size()) return true;
    if (t[i] != '/') return false;
    std::size_t j = i + 1;
    while (j < t.size() && is_digit(t[j]))
        ++j;
    return j == t.size() && j - i - 1 >= 1 && j - i - 1 <= 3;
}

std::vector<std::string> find_procedure_codes(std::string_view t) {
    std::vector<std::string> codes;
    for (std::size_t p = 0; p + 8 <= t.size(); ++p) {
        if (!is_digit(t[p]) || t[p + 1] != '.') continue;
        if (p > 0 && (is_digit(t[p - 1]) || t[p - 1] == '.' || t[p - 1] == '/')) continue;
        std::size_t q = p + 2;
        while (q < t.size() && is_digit(t[q]))
            ++q;
        if (q - (p + 2) != 6) {
            p = q - 1;
            continue;
        }
        std::size_t end = q;
        // optional ".000.00.00.H12"
        auto digits_at = [&](std::size_t at, std::size_t n) {
            if (at + n > t.size()) return false;
            for (std::size_t k = at; k < at + n; ++k)
                if (!is_digit(t[k])) return false;
            return true;
        };
        if (q + 14 <= t.size() && t[q] == '.' && digits_at(q + 1, 3) && t[q + 4] == '.' &&
            digits_at(q + 5, 2) && t[q + 7] == '.' && digits_at(q + 8, 2) && t[q + 10] == '.' &&
            t[q + 11] >= 'A' && t[q + 11] <= 'Z' && digits_at(q + 12, 2)) {
            end = q + 14;
        }
        if (end < t.size() &&
            (is_digit(t[end]) || (t[end] == '.' && end + 1 < t.size() && is_digit(t[end + 1])))) {
            p = end;
            continue;
        }
        std::string code(t.substr(p, end - p));
        if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
        p = end - 1;
    }
    return codes;
}

void parse_body(std::vector<Line> lines, const std::vector<Line>& extra_footnote_lines,
                Metadata& m) {
    // 1. Footnotes out, page numbers out.
    std::vector<Footnote>& notes = m.footnotes;
    int last_label = 0;
    std::set<int> candidates;  // labels of glued digits seen so far in the body
    std::vector<Line> kept;
    kept.reserve(lines.size());
    auto run = [&](const std::vector<Line>& src, bool keep_body) {
        bool active = false;
        for (std::size_t i = 0; i < src.size(); ++i) {
            const Line& ln = src[i];
            std::string_view t = trim_view(ln.text);
            if (ln.separator) {
                std::size_t j = i + 1;
                while (j < src.size() && src[j].blank)
                    ++j;
                int label = j < src.size() ? footnote_label(trim_view(src[j].text)) : -1;
                active = label > last_label && label <= last_label + 3;
                continue;
            }
            if (active) {
                if (ln.blank) continue;
                if (ln.page_break || ln.lead_ws || is_page_number_line(t)) {
                    active = false;
                } else {
                    int label = footnote_label(t);
                    if (label > last_label && label <= last_label + 3) {
                        std::size_t k = 0;
                        while (k < t.size() && is_digit(t[k]))
                            ++k;
                        notes.push_back({std::to_string(label), collapse_spaces(t.substr(k))});
                        last_label = label;
                    } else if (!notes.empty()) {
                        append_line(notes.back().text, t);
                    }
                    continue;
                }
            }
            if (!ln.blank && !ln.lead_ws) {
                int label = footnote_label(t);
                if (label == last_label + 1 && candidates.count(label)) {
                    std::size_t k = 0;
                    while (k < t.size() && is_digit(t[k]))
                        ++k;
                    notes.push_back({std::to_string(label), collapse_spaces(t.substr(k))});
                    last_label = label;
                    active = true;
                    continue;
                }
            }
            if (!keep_body) continue;
            if (!ln.blank && is_page_number_line(t)) continue;
            if (!ln.blank)
                scan_glued(t,
                           [&](int label, std::size_t, std::size_t) { candidates.insert(label); });
            kept.push_back(ln);
        }
    };
    run(lines, true);
    if (!extra_footnote_lines.empty()) run(extra_footnote_lines, false);

    // 2. Visual lines → paragraphs.
    std::vector<std::size_t> lengths;
    for (const auto& ln : kept)
        if (!ln.blank) lengths.push_back(cp_len(trim_view(ln.text)));
    double width = 40;
    bool one_line_paragraphs = false;
    if (!lengths.empty()) {
        std::vector<std::size_t> sorted = lengths;
        std::sort(sorted.begin(), sorted.end());
        width = std::max(40.0, static_cast<double>(sorted[sorted.size() * 4 / 5]));
        one_line_paragraphs =
            sorted[sorted.size() / 2] > 160;  // a Word export: a line per paragraph
    }
    std::vector<std::string> paras;
    std::string cur, prev_line;
    bool open = false;
    for (const auto& ln : kept) {
        if (ln.blank) {
            // A word split at a hyphen ("5-" / "" / "BCHN") continues across the blank line.
            bool glued_hyphen = cur.size() >= 2 && cur.back() == '-' && cur[cur.size() - 2] != ' ';
            if (glued_hyphen) continue;
            if (open) paras.push_back(std::move(cur));
            cur.clear();
            open = false;
            continue;
        }
        std::string t = collapse_spaces(ln.text);
        std::size_t mlen = 0;
        std::string mk;
        bool marker = marker_of(t, mlen, mk) != Marker::none;
        bool glued_hyphen = cur.size() >= 2 && cur.back() == '-' && cur[cur.size() - 2] != ' ';
        bool new_block = !open || one_line_paragraphs ||
                         (!glued_hyphen && (marker || paragraph_ends(prev_line, t, width)));
        if (new_block && open) {
            paras.push_back(std::move(cur));
            cur.clear();
        }
        append_collapsed(cur, t);
        open = true;
        prev_line = std::move(t);
    }
    if (open) paras.push_back(std::move(cur));

    // 3. Footnote references, in order: each label once, the next expected label only.
    std::vector<int> labels;
    for (const auto& n : notes)
        labels.push_back(std::stoi(n.label));
    std::size_t next_ref = 0;
    std::set<int> referenced;
    for (auto& p : paras) {
        if (next_ref >= labels.size()) break;
        std::string out;
        std::size_t prev = 0;
        scan_glued(p, [&](int label, std::size_t b, std::size_t e) {
            if (next_ref < labels.size() && label == labels[next_ref]) {
                out.append(p, prev, b - prev);
                out += "[^" + std::to_string(label) + "]";
                prev = e;
                referenced.insert(label);
                ++next_ref;
            }
        });
        if (prev > 0) {
            out.append(p, prev, std::string::npos);
            p = std::move(out);
        }
    }
    for (int l : labels)
        if (!referenced.count(l))
            m.warnings.push_back("footnote " + std::to_string(l) +
                                 " is not referenced in the text");

    // 4. Structure.
    std::vector<Marker> kinds(paras.size());
    std::vector<std::size_t> mlens(paras.size());
    std::vector<std::string> marks(paras.size());
    for (std::size_t k = 0; k < paras.size(); ++k)
        kinds[k] = marker_of(paras[k], mlens[k], marks[k]);
    for (std::size_t k = 0; k < paras.size(); ++k) {
        Block b;
        std::string rest = k < paras.size()
                               ? std::string(trim_view(std::string_view(paras[k]).substr(mlens[k])))
                               : "";
        switch (kinds[k]) {
            case Marker::roman:
                b.kind = Block::Kind::heading;
                b.level = 1;
                b.marker = marks[k];
                b.text = rest;
                break;
            case Marker::bullet:
                b.kind = Block::Kind::bullet;
                b.level = marks[k] == "+" ? 2 : 1;
                b.marker = marks[k];
                b.text = rest;
                break;
            case Marker::number:
            case Marker::subnumber:
            case Marker::letter: {
                char lc = rest.empty() ? '.' : rest.back();
                bool short_title = cp_len(rest) <= 120 && lc != '.' && lc != ';' && lc != ',';
                bool followed_by_text = k + 1 < paras.size() && kinds[k + 1] != kinds[k];
                // The last item of a short enumeration ("1. Rà soát", "2. Báo cáo") is not a
                // heading.
                bool after_short_item =
                    k > 0 && kinds[k - 1] == kinds[k] && paras[k - 1].size() >= mlens[k - 1] &&
                    cp_len(std::string_view(paras[k - 1]).substr(mlens[k - 1])) <= 120;
                if (short_title && followed_by_text && !after_short_item) {
                    b.kind = Block::Kind::heading;
                    b.level = kinds[k] == Marker::number ? 2 : 3;
                    b.marker = marks[k];
                    b.text = rest;
                } else {
                    b.kind = Block::Kind::paragraph;
                    b.text = paras[k];
                }
                break;
            }
            case Marker::none:
                b.kind = Block::Kind::paragraph;
                b.text = paras[k];
                break;
        }
        if (!b.text.empty() || b.kind == Block::Kind::paragraph) m.body.push_back(std::move(b));
    }
}

}  // namespace xasite::directives::detail
