// The figures of a question file (question_set.hpp) over the shared index of the real catalogue:
// MRR@10 and top-1 of the answerable questions, abstention precision and recall ("none" on the
// questions no procedure answers), the share of answerable questions answered "none", the
// follow-up MRR (questions with context) and how often each confidence level is right. Used by
// the calibration test (calibration_test.cpp) and the search_eval tool (search_eval.cpp).
#pragma once

#include <cstddef>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "answer_helpers.hpp"
#include "question_set.hpp"

namespace xasite::testing {

struct AnswerFigures {
    double mrr = 0, top1 = 0, followup_mrr = 0;
    std::size_t answerable = 0, outside = 0, followups = 0;
    std::size_t none_on_outside = 0, none_on_answerable = 0;
    std::map<std::string, std::pair<std::size_t, std::size_t>> level;  // level → (right, total)
    double abstention_precision() const {
        const std::size_t said = none_on_outside + none_on_answerable;
        return said ? static_cast<double>(none_on_outside) / static_cast<double>(said) : 1.0;
    }
    double abstention_recall() const {
        return outside ? static_cast<double>(none_on_outside) / static_cast<double>(outside) : 1.0;
    }
    double answerable_none() const {
        return answerable
                   ? static_cast<double>(none_on_answerable) / static_cast<double>(answerable)
                   : 0.0;
    }
};

// `verbose`: print one line per question (what came first, the level and whether it was right).
inline AnswerFigures evaluate_answers(const std::vector<Question>& questions, bool verbose) {
    AnswerFigures f;
    for (const auto& q : questions) {
        // A refused question (too long, invalid) counts as answered "none" with no result.
        search::SearchResponse r;
        try {
            r = ask(q.query, q.context);
        } catch (const search::SearchError& e) {
            r.confidence = "none";
            if (verbose) std::cout << "(refused: " << e.what() << ") ";
        }
        std::size_t rank = 0;
        for (std::size_t k = 0; k < r.results.size() && k < 10 && !rank; ++k)
            if (q.codes.count(r.results[k].code)) rank = k + 1;
        const bool outside = q.codes.empty();
        // A level is right when: none ↔ outside; high ↔ the first result is right; low ↔ the
        // question is answerable but the first result is not right (it may be further down).
        bool right = false;
        if (r.confidence == "none") right = outside;
        if (r.confidence == "high") right = !outside && rank == 1;
        if (r.confidence == "low") right = !outside && rank != 1;
        auto& level = f.level[r.confidence];
        level.second += 1;
        level.first += right ? 1 : 0;
        if (outside) {
            ++f.outside;
            if (r.confidence == "none") ++f.none_on_outside;
        } else {
            ++f.answerable;
            const double rr = rank ? 1.0 / static_cast<double>(rank) : 0.0;
            f.mrr += rr;
            f.top1 += rank == 1 ? 1 : 0;
            if (r.confidence == "none") ++f.none_on_answerable;
            if (!q.context.empty()) {
                ++f.followups;
                f.followup_mrr += rr;
            }
        }
        if (verbose)
            std::cout << q.cls << " rank=" << (rank ? std::to_string(rank) : "-") << " "
                      << r.confidence << (right ? "" : "(wrong)") << "  " << q.query
                      << (q.context.empty() ? "" : "  [after: " + q.context.back() + "]")
                      << (r.clarify.empty()
                              ? ""
                              : "  clarify=" + std::to_string(r.clarify.options.size()))
                      << "  top: "
                      << (r.results.empty()
                              ? ""
                              : r.results[0].code + " " + r.results[0].title.substr(0, 60))
                      << "\n";
    }
    if (f.answerable) {
        f.mrr /= static_cast<double>(f.answerable);
        f.top1 /= static_cast<double>(f.answerable);
    }
    if (f.followups) f.followup_mrr /= static_cast<double>(f.followups);
    return f;
}

inline void print_answer_figures(const std::string& name, const AnswerFigures& f) {
    std::cout << name << ": MRR@10=" << f.mrr << " top1=" << f.top1 << " (" << f.answerable
              << " answerable)  abstention precision=" << f.abstention_precision()
              << " recall=" << f.abstention_recall() << " (" << f.outside
              << " outside)  answerable-none=" << f.answerable_none()
              << "  follow-up MRR=" << f.followup_mrr << " (" << f.followups << ")\n";
    for (const auto& [level, counts] : f.level)
        std::cout << "  " << level << ": right " << counts.first << "/" << counts.second << "\n";
}

}  // namespace xasite::testing
