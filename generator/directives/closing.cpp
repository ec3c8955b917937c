// The end of the body ("./.", "Nơi nhận", the signature block) and the closing block: Nơi nhận
// (distribution list) and the signature (authority lines TM./KT./TL./TUQ./Q., position, name).
// The two sit side by side in the original, so extractions give them in either order, one after
// the other or interleaved line by line, or on the same line separated by a column gap.
#include <algorithm>

#include "core/text.hpp"
#include "generator/directives/internal.hpp"

namespace xasite::directives::detail {

std::string authority_prefix(std::string_view fragment, std::size_t* prefix_len) {
    static const std::pair<std::string_view, const char*> forms[] = {
        {"TUQ.", "TUQ."}, {"TM.", "TM."},  {"T/M", "TM."}, {"T.M.", "TM."}, {"KT.", "KT."},
        {"K/T", "KT."},   {"K.T.", "KT."}, {"TL.", "TL."}, {"T/L", "TL."},  {"Q.", "Q."},
    };
    std::string_view t = trim_view(fragment);
    for (const auto& [form, norm] : forms) {
        if (t.substr(0, form.size()) != form) continue;
        std::string_view rest = trim_view(t.substr(form.size()));
        if (rest.empty() || !is_upper_text(rest, 2)) continue;
        if (prefix_len) *prefix_len = form.size();
        return norm;
    }
    return "";
}

namespace {

bool is_placeholder(std::string_view folded) {
    std::string f(folded);
    for (char& c : f)
        if (c == '(' || c == ')' || c == '[' || c == ']') c = ' ';
    f = collapse_spaces(f);
    return f == "da ky" || f == "daky" || f == "ky" || starts_with_folded(f, "ky ten") ||
           starts_with_folded(f, "ky, ") || starts_with_folded(f, "ky va ") || f == "dong dau" ||
           f == "chu ky so" || starts_with_folded(f, "da ky ");
}

// "TS. Nguyễn Văn A" → "Nguyễn Văn A" (NĐ 30 wants no academic titles; some documents have them).
std::string strip_titles(std::string name, bool& stripped) {
    static const std::string_view titles[] = {"PGS.TS.", "GS.TS.", "PGS.",    "GS.",    "TS.",
                                              "ThS.",    "Ths.",   "BSCKII.", "BSCKI.", "BS.",
                                              "KS.",     "CN.",    "Th.S.",   "Th.S"};
    bool again = true;
    while (again) {
        again = false;
        for (auto t : titles) {
            if (name.compare(0, t.size(), t) == 0 && name.size() > t.size()) {
                name = collapse_spaces(name.substr(t.size()));
                stripped = again = true;
            }
        }
    }
    return name;
}

bool is_position_head(std::string_view word) {
    std::string f = fold_str(word);
    static const std::string_view heads[] = {"pho", "chu",    "giam", "chanh", "truong", "bi",
                                             "thu", "tong",   "cuc",  "quyen", "hieu",   "ke",
                                             "uy",  "thuong", "tm.",  "kt.",   "tl.",    "tuq."};
    for (auto h : heads)
        if (f == h) return true;
    return false;
}

// Splits one column part of a closing line where the signature column shows through:
// "Nơi nhận: KT. CHỦ TỊCH" → "Nơi nhận:", "KT. CHỦ TỊCH"; "- Như trên; PHÓ CHỦ TỊCH" → "- Như
// trên;", "PHÓ CHỦ TỊCH".
void split_inline(std::string_view part, std::vector<std::string>& out) {
    if (part.size() >
        400) {  // signature lines are short; long text is never split (and stays linear)
        out.emplace_back(part);
        return;
    }
    // An authority token after a space.
    for (std::size_t i = 1; i < part.size(); ++i) {
        if (part[i - 1] != ' ') continue;
        std::string_view rest = part.substr(i);
        if (!authority_prefix(rest).empty()) {
            std::string_view head = trim_view(part.substr(0, i));
            if (!head.empty()) out.emplace_back(head);
            out.emplace_back(trim_view(rest));
            return;
        }
    }
    // A trailing upper-case position after a list item's punctuation.
    if (starts_with_bullet(part) || starts_with_folded(fold_str(part.substr(0, 12)), "noi nhan")) {
        std::vector<std::size_t> starts;  // word starts
        for (std::size_t i = 0; i < part.size(); ++i)
            if (part[i] != ' ' && (i == 0 || part[i - 1] == ' ')) starts.push_back(i);
        for (std::size_t w = 1; w + 1 < starts.size(); ++w) {
            std::string_view suffix = part.substr(starts[w]);
            std::string_view first = suffix.substr(0, suffix.find(' '));
            std::string_view before = trim_view(part.substr(0, starts[w]));
            char pc = before.empty() ? ' ' : before.back();
            if ((pc == ';' || pc == ':' || pc == '.' || pc == ',') && is_position_head(first) &&
                is_upper_text(suffix, 4)) {
                bool digits = false;
                for (char c : suffix)
                    digits = digits || (c >= '0' && c <= '9');
                if (digits) continue;
                out.emplace_back(before);
                out.emplace_back(trim_view(suffix));
                return;
            }
        }
    }
    out.emplace_back(part);
}

}  // namespace

BodyEnd find_body_end(const std::vector<Line>& lines, std::size_t from) {
    BodyEnd r;
    for (std::size_t i = from; i < lines.size(); ++i) {
        const Line& ln = lines[i];
        if (ln.blank) continue;
        std::string_view t = trim_view(ln.text);
        std::size_t pos = t.find("./.");
        if (pos != std::string_view::npos) {
            r.line = i + 1;
            r.tail = std::string(t.substr(0, pos + 3));
            r.rest = std::string(trim_view(t.substr(pos + 3)));
            r.found_end_mark = true;
            return r;
        }
        if ((t[0] == 'N' || t[0] == 'n') &&
            starts_with_folded(fold_str(t.substr(0, 24)), "noi nhan")) {
            r.line = i;
            return r;
        }
        // An authority line ("KT. CHỦ TỊCH", "T/M …", "Q. …"), possibly beside the other column.
        char c0 = t[0];
        if (c0 == 'T' || c0 == 'K' || c0 == 'Q') {
            auto parts = split_gaps(t);
            if (!parts.empty() && !authority_prefix(parts.front()).empty() &&
                is_upper_text(parts.front())) {
                r.line = i;
                return r;
            }
        }
    }
    // No end mark, no Nơi nhận, no authority line: a position line over a name at the very end.
    std::size_t j = lines.size();
    auto prev_nonblank = [&](std::size_t k) -> std::size_t {
        while (k > from) {
            --k;
            if (lines[k].blank) continue;
            if (is_placeholder(fold_str(trim_view(lines[k].text)))) continue;
            return k;
        }
        return lines.size();
    };
    j = prev_nonblank(lines.size());
    if (j < lines.size() && is_personal_name(collapse_spaces(lines[j].text))) {
        std::size_t start = lines.size();
        for (std::size_t k = prev_nonblank(j); k < lines.size(); k = prev_nonblank(k)) {
            std::string_view t = trim_view(lines[k].text);
            if (!is_upper_text(t, 3) || cp_len(t) > 80) break;
            start = k;
        }
        if (start < lines.size()) {
            r.line = start;
            return r;
        }
    }
    r.line = lines.size();
    return r;
}

void parse_closing(const std::vector<Line>& lines, std::size_t from, const std::string& first_rest,
                   Metadata& m, std::vector<Line>& trailing_footnote_lines) {
    std::vector<std::string> frags;
    auto add_line = [&](std::string_view t) {
        for (auto part : split_gaps(t))
            split_inline(part, frags);
    };
    if (!trim_view(first_rest).empty()) add_line(first_rest);
    bool appendix = false, closing_started = !trim_view(first_rest).empty(), in_note = false;
    for (std::size_t i = from; i < lines.size(); ++i) {
        const Line& ln = lines[i];
        // Footnote texts at the bottom of a page (under a rule, or starting with their label before
        // the closing block begins) go to the body parser, which keeps those the body refers to.
        if (ln.separator) {
            in_note = true;
            trailing_footnote_lines.push_back(ln);
            continue;
        }
        if (ln.blank) {
            if (in_note) trailing_footnote_lines.push_back(ln);
            continue;
        }
        std::string_view t = trim_view(ln.text);
        bool label = footnote_label(t) > 0;
        if (in_note) {
            bool closing_like =
                starts_with_folded(fold_str(t.substr(0, 24)), "noi nhan") ||
                !authority_prefix(t).empty() || starts_with_bullet(t) ||
                (!label && is_upper_text(t.substr(0, std::min<std::size_t>(t.size(), 200)), 3));
            if (ln.page_break || ln.lead_ws || closing_like || is_page_number_line(t)) {
                in_note = false;
            } else {
                trailing_footnote_lines.push_back(ln);
                continue;
            }
        }
        if (!closing_started && !ln.lead_ws && label) {
            in_note = true;
            trailing_footnote_lines.push_back(ln);
            continue;
        }
        if (is_page_number_line(t)) continue;
        closing_started = true;
        std::string ft = fold_str(t.substr(0, 40));
        if (starts_with_folded(ft, "phu luc") && is_upper_text(t.substr(0, 12), 3)) {
            appendix = true;
            break;
        }
        add_line(t);
    }
    if (appendix)
        m.warnings.push_back("an appendix (PHỤ LỤC) follows the signature: it is not read");

    bool dist_mode = false, signer_started = false, saw_noi_nhan = false;
    struct Item {
        std::string text;
        bool bullet;
    };
    std::vector<Item> dist;
    std::vector<std::string> positions;
    std::string name;
    bool titles_stripped = false;
    for (const std::string& s : frags) {
        std::string fs = fold_str(s);
        if (starts_with_folded(fs, "noi nhan")) {
            dist_mode = saw_noi_nhan = true;
            std::size_t colon = s.find(':');
            std::string_view rest = colon == std::string::npos
                                        ? std::string_view()
                                        : trim_view(std::string_view(s).substr(colon + 1));
            if (!rest.empty()) dist.push_back({std::string(rest), true});
            continue;
        }
        if (is_placeholder(fs)) continue;
        if (!authority_prefix(s).empty()) {
            signer_started = true;
            m.signer.authority_lines.push_back(collapse_spaces(s));
            continue;
        }
        if (starts_with_bullet(s)) {
            dist.push_back({s, true});
            dist_mode = true;
            continue;
        }
        if (is_upper_text(s, 3) && cp_len(s) <= 80 && s.find(';') == std::string::npos) {
            positions.push_back(collapse_spaces(s));
            signer_started = true;
            continue;
        }
        bool stripped = false;
        std::string candidate = strip_titles(collapse_spaces(s), stripped);
        if (signer_started && is_personal_name(candidate) &&
            (name.empty() || !dist_mode || !saw_noi_nhan)) {
            name = candidate;
            titles_stripped = stripped;
            continue;
        }
        if (dist_mode && !dist.empty()) {
            std::string_view last = trim_view(dist.back().text);
            char lc = last.empty() ? ';' : last.back();
            if (lc != ';' && lc != '.') {
                dist.back().text += " ";
                dist.back().text += s;
            } else {
                dist.push_back({s, false});
            }
        }
    }
    // A name alone at the very end, with no authority or position line above it.
    if (name.empty() && !dist.empty() && !dist.back().bullet) {
        bool stripped = false;
        std::string candidate = strip_titles(collapse_spaces(dist.back().text), stripped);
        if (is_personal_name(candidate)) {
            name = candidate;
            titles_stripped = stripped;
            dist.pop_back();
        }
    }
    for (const auto& item : dist) {
        std::string t = strip_item(item.text);
        if (!t.empty()) m.distribution.push_back(t);
    }
    m.signer.name = name;
    if (titles_stripped)
        m.warnings.push_back(
            "an academic title was removed from the signer's name (NĐ 30 writes none)");
    std::string pos;
    for (const auto& p : positions) {
        if (!pos.empty()) pos += " ";
        pos += p;
    }
    if (!m.signer.authority_lines.empty()) {
        const std::string& last = m.signer.authority_lines.back();
        std::size_t len = 0;
        m.signer.authority = authority_prefix(last, &len);
        if (pos.empty()) {
            if (m.signer.authority == "Q.")
                pos = collapse_spaces(std::string_view(last).substr(len));
            else
                m.warnings.push_back("no position line under the authority line \"" + last + "\"");
        }
    }
    m.signer.position = pos;
    if (name.empty()) m.warnings.push_back("the signer's name was not found");
    if (!saw_noi_nhan) m.warnings.push_back("no \"Nơi nhận\" list");
}

}  // namespace xasite::directives::detail
