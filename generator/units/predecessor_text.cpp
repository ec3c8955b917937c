// parse_predecessor_text: the raw "truocsapnhap" text of a new unit → fragments (see registry.hpp).
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "generator/units/registry.hpp"
#include "generator/units/unit_text.hpp"

namespace xasite::units {
namespace {

// For each byte of s: whether it is a parenthesis that has a partner. An unclosed "(" and a stray
// ")" are then read as plain characters, so one typo does not swallow the rest of the text.
std::vector<bool> matched_parentheses(std::string_view s) {
    std::vector<bool> matched(s.size(), false);
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '(') {
            open.push_back(i);
        } else if (s[i] == ')' && !open.empty()) {
            matched[open.back()] = true;
            matched[i] = true;
            open.pop_back();
        }
    }
    return matched;
}

// Splits on ',' and ';' outside (matched) parentheses; trims; drops empty pieces.
std::vector<std::string_view> split_fragments(std::string_view s) {
    std::vector<bool> matched = matched_parentheses(s);
    std::vector<std::string_view> pieces;
    std::size_t depth = 0, start = 0;
    auto flush = [&](std::size_t end) {
        std::string_view piece = text::trim(s.substr(start, end - start));
        if (!piece.empty()) pieces.push_back(piece);
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '(' && matched[i]) {
            ++depth;
        } else if (c == ')' && matched[i]) {
            --depth;
        } else if ((c == ',' || c == ';') && depth == 0) {
            flush(i);
            start = i + 1;
        }
    }
    flush(s.size());
    return pieces;
}

struct Groups {
    std::string head;     // text before the first group
    std::string outside;  // all text outside groups
    std::vector<std::string> groups;
};

// Top-level parenthesised groups of one fragment. Here an unclosed "(" opens a group that runs to
// the end ("Xã A (huyện B" → hint "huyện B"); a stray ")" is dropped.
Groups split_groups(std::string_view s) {
    Groups g;
    std::size_t depth = 0;
    bool seen_group = false;
    std::string current;
    for (char c : s) {
        if (c == '(') {
            if (depth++ == 0) {
                seen_group = true;
                current.clear();
                continue;
            }
        } else if (c == ')') {
            if (depth == 0) continue;
            if (--depth == 0) {
                g.groups.push_back(current);
                g.outside.push_back(' ');
                continue;
            }
        }
        if (depth > 0) {
            current.push_back(c);
        } else {
            g.outside.push_back(c);
            if (!seen_group) g.head.push_back(c);
        }
    }
    if (depth > 0) g.groups.push_back(current);
    return g;
}

// Drops nested "( … )" parts: "huyện Krông Bông (cũ)" → "huyện Krông Bông ".
std::string without_parentheses(std::string_view s) {
    std::string out;
    std::size_t depth = 0;
    for (char c : s) {
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (depth > 0) --depth;
        } else if (depth == 0) {
            out.push_back(c);
        }
    }
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool is_unchanged_marker(std::string_view lowered) {
    while (!lowered.empty() && (lowered.back() == '.' || lowered.back() == ' '))
        lowered.remove_suffix(1);
    return lowered == "giữ nguyên" || lowered == "không sáp nhập";
}

bool is_district_hint(std::string_view lowered) {
    for (const auto& w : detail::kDistrictTypeWords)
        if (starts_with(lowered, w.lower) && lowered.size() > w.lower.size() &&
            lowered[w.lower.size()] == ' ')
            return true;
    for (std::string_view abbr : {"tp.", "tp ", "tx.", "tx "})
        if (starts_with(lowered, abbr) && lowered.size() > abbr.size()) return true;
    return false;
}

// "phần còn lại sau khi sáp nhập vào xã Phú Hòa 1" → "xã Phú Hòa 1" (from the cleaned group).
std::string remainder_target(const std::string& group, const std::string& lowered) {
    std::size_t at = lowered.find("phần còn lại");
    std::size_t into = lowered.find("vào ", at);
    if (into == std::string::npos) return group;
    std::size_t code_points = detail::count_code_points(
        std::string_view(lowered).substr(0, into + std::string_view("vào ").size()));
    std::string target(text::trim(detail::skip_code_points(group, code_points)));
    return target.empty() ? group : target;
}

PredecessorFragment parse_fragment(std::string_view fragment) {
    PredecessorFragment f;
    f.raw = std::string(fragment);
    Groups g = split_groups(fragment);
    std::string head = detail::clean(g.head);
    if (head.empty()) head = detail::clean(g.outside);

    if (is_unchanged_marker(text::lower(head))) {
        f.unchanged = true;
    } else {
        detail::TypedName typed = detail::split_type_word(head, detail::kCommuneTypeWords);
        f.type = std::string(typed.type);
        f.name = std::move(typed.name);
    }

    for (const std::string& raw_group : g.groups) {
        std::string group = detail::clean(raw_group);
        std::string lowered = text::lower(group);
        if (is_district_hint(lowered)) {
            if (f.district_hint.empty())
                f.district_hint = detail::clean(without_parentheses(group));
        } else if (lowered.find("phần còn lại") != std::string::npos) {
            if (f.remainder_of.empty()) f.remainder_of = remainder_target(group, lowered);
        } else if (is_unchanged_marker(lowered)) {
            f.unchanged = true;
        }
    }
    return f;
}

}  // namespace

std::vector<PredecessorFragment> parse_predecessor_text(std::string_view raw) {
    std::string text = detail::valid_utf8(raw);
    try {
        text = text::nfc(text);
    } catch (const std::runtime_error&) {
        // keep the text as it is; matching folds it anyway
    }
    std::vector<PredecessorFragment> fragments;
    for (std::string_view piece : split_fragments(text))
        fragments.push_back(parse_fragment(piece));
    return fragments;
}

}  // namespace xasite::units
