// Issue 13: the confidence levels and the ranking on the engine's own calibration questions
// (calibration.tsv): MRR@10 of the answerable ones, abstention precision and recall ("none" on
// the questions no procedure answers), the share of answerable questions answered "none", the
// follow-up score, and how often each level is right. Fails below the figures measured when the
// thresholds were chosen (minus a margin).
//
// XASITE_EVAL_FILE=path XASITE_EVAL_SPLIT=tune evaluates another file of the same columns (e.g.
// citizen-questions.tsv) and prints the same figures; XASITE_QUALITY_VERBOSE=1 prints every line.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "answer_helpers.hpp"
#include "core/text.hpp"
#include "question_set.hpp"
#include "test_support.hpp"

using namespace xasite;

namespace {

using xasite::testing::Question;

struct Figures {
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

Figures evaluate(const std::vector<Question>& questions, int verbose) {
    Figures f;
    for (const auto& q : questions) {
        auto r = xasite::testing::ask(q.query, q.context);
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

void print(const std::string& name, const Figures& f) {
    std::cout << name << ": MRR@10=" << f.mrr << " top1=" << f.top1 << " (" << f.answerable
              << " answerable)  abstention precision=" << f.abstention_precision()
              << " recall=" << f.abstention_recall() << " (" << f.outside
              << " outside)  answerable-none=" << f.answerable_none()
              << "  follow-up MRR=" << f.followup_mrr << " (" << f.followups << ")\n";
    for (const auto& [level, counts] : f.level)
        std::cout << "  " << level << ": right " << counts.first << "/" << counts.second << "\n";
}

}  // namespace

TEST(SearchCalibration, ConfidenceAndRankingOnTheCalibrationQuestions) {
    const char* verbose_env = std::getenv("XASITE_QUALITY_VERBOSE");
    const int verbose = verbose_env ? std::atoi(verbose_env) : 0;
    auto questions = xasite::testing::load_questions(
        xasite::testing::source_dir() / "tests" / "search" / "calibration.tsv", "calib");
    ASSERT_GE(questions.size(), 35u);
    auto f = evaluate(questions, verbose);
    print("calibration", f);
    RecordProperty("calibration_mrr", std::to_string(f.mrr));
    // Baselines: measured when the thresholds were chosen, minus a margin.
    // Measured: MRR 0.94, abstention precision 1.0, recall 0.44, answerable-none 0, follow-up 1.0.
    EXPECT_GE(f.mrr, 0.88);
    EXPECT_GE(f.abstention_recall(), 0.40);
    EXPECT_GE(f.abstention_precision(), 0.80);
    EXPECT_LE(f.answerable_none(), 0.07);
    EXPECT_GE(f.followup_mrr, 0.90);
}

// Not a check: figures of another question file (XASITE_EVAL_FILE), e.g. the tune part of the
// citizen questions while choosing weights.
TEST(SearchCalibration, EvaluateAnotherFile) {
    const char* file = std::getenv("XASITE_EVAL_FILE");
    if (!file) GTEST_SKIP() << "XASITE_EVAL_FILE not set";
    const char* split = std::getenv("XASITE_EVAL_SPLIT");
    const char* verbose_env = std::getenv("XASITE_QUALITY_VERBOSE");
    auto questions = xasite::testing::load_questions(file, split ? split : "tune");
    ASSERT_FALSE(questions.empty());
    print(std::string(file) + " [" + (split ? split : "tune") + "]",
          evaluate(questions, verbose_env ? std::atoi(verbose_env) : 0));
}
