// The question files of the search-quality tests (citizen-questions.tsv, calibration.tsv): one
// question a line, tab-separated: split, class, context (earlier questions joined by " || ", or
// "-"), query, expected codes (separated by spaces or commas, or "none": nothing in the catalogue
// answers it), note. Lines starting with '#' are comments.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/text.hpp"
#include "search/lexicon.hpp"

namespace xasite::testing {

struct Question {
    std::string split, cls, query, note;
    std::vector<std::string> context;  // oldest first
    std::set<std::string> codes;       // empty: nothing in the catalogue answers it
    bool answerable() const { return !codes.empty(); }
};

// The questions of `file` in `split` ("" = every split).
inline std::vector<Question> load_questions(const std::filesystem::path& file,
                                            const std::string& split = "") {
    std::ifstream in(file);
    std::vector<Question> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto cols = text::split(line, '\t');
        if (cols.size() < 5 || (!split.empty() && cols[0] != split)) continue;
        Question q;
        q.split = std::string(cols[0]);
        q.cls = std::string(cols[1]);
        q.query = std::string(cols[3]);
        q.note = cols.size() > 5 ? std::string(cols[5]) : "";
        std::string context(cols[2]);
        if (context != "-") {
            std::size_t start = 0;
            while (true) {
                std::size_t p = context.find(" || ", start);
                q.context.emplace_back(text::trim(context.substr(start, p - start)));
                if (p == std::string::npos) break;
                start = p + 4;
            }
        }
        if (cols[4] != "none") {
            std::string codes(cols[4]);  // separated by spaces or commas
            std::replace(codes.begin(), codes.end(), ',', ' ');
            for (auto c : text::split(codes, ' '))
                if (!c.empty()) q.codes.emplace(c);
        }
        out.push_back(std::move(q));
    }
    return out;
}

// Adds to `keys` the forms in which `q` could stand among the example questions
// (Lexicon::example_key): asked alone and, for a follow-up, after its earlier questions
// ("earlier || follow-up", as questions.txt writes one). Leaving them out
// (QueryWeights::examples_left_out) asks `q` as a new author's question is asked.
inline void add_example_keys(const Question& q, const search::Lexicon& lexicon,
                             std::unordered_set<std::string>& keys) {
    keys.insert(lexicon.example_key(q.query));
    std::string before;
    for (const auto& c : q.context)
        before += c + " || ";
    if (!before.empty()) keys.insert(lexicon.example_key(before + q.query));
}

}  // namespace xasite::testing
