// An independent statement of what the step splitter may drop: list markers and whitespace. Used
// by the splitter tests on every real record and by fuzz/step_text_fuzz.cpp.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "generator/procedures/procedure.hpp"

namespace xasite::procedures::testing {

// True when `gap` is only whitespace and list markers: "Bước N:" / "bước N." / "BƯỚC N -" (any
// case), "-",
// "*", "+", "N.", "(i)"…, "a)"…, "đ)" and the heading "Trình tự thực hiện" (with or without ':').
inline bool only_markers(std::string_view gap) {
    auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0;
    auto starts = [&](std::string_view w) { return gap.substr(i, w.size()) == w; };
    while (true) {
        while (i < gap.size() && space(gap[i]))
            ++i;
        if (i == gap.size()) return true;
        // "Bước" in any case ("BưỚc" too: the splitter takes any case at an item start).
        if (xasite::text::lower(gap.substr(i, std::string_view("Bước").size())) == "bước") {
            i += std::string_view("Bước").size();
            while (i < gap.size() && gap[i] == ' ')
                ++i;
            std::size_t d = i;
            while (i < gap.size() && digit(gap[i]))
                ++i;
            if (i == d) return false;
            while (i < gap.size() && gap[i] == ' ')
                ++i;
            if (i == gap.size() || (gap[i] != ':' && gap[i] != '.' && gap[i] != '-')) return false;
            ++i;
        } else if (gap[i] == '-' || gap[i] == '*' || gap[i] == '+') {
            ++i;
        } else if (digit(gap[i])) {
            std::size_t d = i;
            while (i < gap.size() && digit(gap[i]))
                ++i;
            if (i - d > 2 || i == gap.size() || gap[i] != '.') return false;
            ++i;
        } else if (gap[i] == '(') {
            std::size_t close = gap.find(')', i);
            if (close == std::string_view::npos) return false;
            for (std::size_t k = i + 1; k < close; ++k)
                if (gap[k] != 'i' && gap[k] != 'v' && gap[k] != 'x') return false;
            if (close == i + 1) return false;
            i = close + 1;
        } else if (starts("đ)")) {
            i += std::string_view("đ)").size();
        } else if (gap[i] >= 'a' && gap[i] <= 'y' && i + 1 < gap.size() && gap[i + 1] == ')') {
            i += 2;
        } else if (starts("Trình tự thực hiện")) {
            i += std::string_view("Trình tự thực hiện").size();
            while (i < gap.size() && gap[i] == ' ')
                ++i;
            if (i < gap.size() && gap[i] == ':') ++i;
        } else {
            return false;
        }
    }
}

// Checks that the pieces of `steps` (each text, then its substeps) occur in `text` in order and
// that everything between them is only_markers(). A piece may also occur inside the markers
// before it ("c 1:" inside "Bước 1:"), so every placement is tried (memoised: pieces × offsets).
// Returns "" or what went wrong.
inline std::string pieces_cover(std::string_view text, const std::vector<Step>& steps) {
    std::vector<std::string_view> pieces;
    for (const auto& step : steps) {
        if (!step.text.empty()) pieces.push_back(step.text);
        for (const auto& sub : step.substeps)
            if (!sub.empty()) pieces.push_back(sub);
    }
    std::set<std::pair<std::size_t, std::size_t>> failed;  // (piece, offset) known not to cover
    std::size_t furthest_piece = 0, furthest_at = 0;
    std::function<bool(std::size_t, std::size_t)> cover = [&](std::size_t k, std::size_t at) {
        if (k > furthest_piece || (k == furthest_piece && at > furthest_at)) {
            furthest_piece = k;
            furthest_at = at;
        }
        if (k == pieces.size()) return only_markers(text.substr(at));
        if (failed.count({k, at})) return false;
        for (std::size_t found = text.find(pieces[k], at); found != std::string_view::npos;
             found = text.find(pieces[k], found + 1)) {
            if (!only_markers(text.substr(at, found - at))) continue;
            if (cover(k + 1, found + pieces[k].size())) return true;
        }
        failed.insert({k, at});
        return false;
    };
    if (cover(0, 0)) return "";
    if (furthest_piece == pieces.size())
        return "dropped text at the end: \"" +
               std::string(text.substr(furthest_at)).substr(0, 120) + "\"";
    return "piece " + std::to_string(furthest_piece) + " (\"" +
           std::string(pieces[furthest_piece]).substr(0, 80) +
           "\") not found after only markers; dropped text after offset " +
           std::to_string(furthest_at) + ": \"" +
           std::string(text.substr(furthest_at)).substr(0, 120) + "\"";
}

}  // namespace xasite::procedures::testing
