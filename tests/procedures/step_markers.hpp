// An independent statement of what the step splitter may drop: list markers and whitespace. Used
// by the splitter tests on every real record and by fuzz/step_text_fuzz.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "generator/procedures/procedure.hpp"

namespace xasite::procedures::testing {

// True when `gap` is only whitespace and list markers: "Bước N:" / "bước N." / "BƯỚC N -", "-",
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
        if (starts("Bước") || starts("bước") || starts("BƯỚC")) {
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
// that everything between them is only_markers(). Returns "" or what went wrong.
inline std::string pieces_cover(std::string_view text, const std::vector<Step>& steps) {
    std::size_t at = 0;
    std::string problem;
    auto take = [&](const std::string& piece) {
        if (piece.empty() || !problem.empty()) return;
        std::size_t found = text.find(piece, at);
        if (found == std::string_view::npos) {
            problem = "piece not found in order: \"" + piece.substr(0, 80) + "\"";
            return;
        }
        if (!only_markers(text.substr(at, found - at)))
            problem =
                "dropped text: \"" + std::string(text.substr(at, found - at)).substr(0, 120) + "\"";
        at = found + piece.size();
    };
    for (const auto& step : steps) {
        take(step.text);
        for (const auto& sub : step.substeps)
            take(sub);
    }
    if (problem.empty() && !only_markers(text.substr(at)))
        problem =
            "dropped text at the end: \"" + std::string(text.substr(at)).substr(0, 120) + "\"";
    return problem;
}

}  // namespace xasite::procedures::testing
