// Search quality on citizens' own words (issue 13): citizen-questions.tsv and the sets of the
// second to twenty-second authors (citizen-questions-{validation,tuning,round4,…,round13}.tsv),
// over the real procedure catalogue searched from the Ea Kar site. For each split (tune, holdout,
// valid, tune2, …, tune10, fresh12, fresh13) and class
// (situation, variant, followup, outside, name, misc) it prints, over the answerable questions,
// MRR@10, top-1 and recall@10 and the share answered with confidence "none"; over all questions,
// abstention precision and recall (abstained = confidence "none"; a question with nothing to search
// for counts as abstained); and the follow-up score: MRR@10 of the followup class with the earlier
// questions passed as SearchRequest::context (and, for comparison, without them). Fails when a
// figure drops below its baseline (kBaselines below). The tuning splits are then asked
// leave-set-out (none of their questions among the example questions, as an unseen set's are
// asked), each and pooled ("tune*"), which fails below kSetOutMrr. XASITE_QUALITY_VERBOSE=1
// prints the misses of the tune part (answerable questions whose answer is not first, outside
// questions not abstained); =2 adds the other parts, of which holdout, valid, fresh12 and fresh13
// must not be used for tuning.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/text.hpp"
#include "question_set.hpp"
#include "search/searcher.hpp"
#include "search/snapshot.hpp"
#include "search_fixture.hpp"
#include "test_support.hpp"

using namespace xasite;

namespace {

using xasite::testing::Question;

// citizen-questions.tsv (tune, holdout), the second author's set (valid), the third author's
// (tune2), the fourth's (tune3: the fourth round's unseen measure, used for tuning since), the
// fifth and sixth authors' (tune4: the fifth round's unseen measure, used for tuning since), the
// seventh and eighth authors' (tune5: the sixth round's unseen measure, used for tuning since), the
// ninth and tenth authors' (tune6: the seventh round's unseen measure, used for tuning since), the
// eleventh and twelfth authors' (tune7: the eighth round's unseen measure, used for tuning since),
// the thirteenth and fourteenth authors' (tune8: the ninth round's unseen measure, used for tuning
// since), the fifteenth and sixteenth authors' (tune9: the ninth and tenth rounds' unseen measure,
// used for tuning since the eleventh), the seventeenth and eighteenth authors' (tune10: the tenth
// and eleventh rounds' unseen measure, used for tuning since the twelfth), the nineteenth and
// twentieth authors' (fresh12: written during the eleventh round, read once on its final engine
// and again on the twelfth's) and the twenty-first and twenty-second authors' (fresh13: written
// during the twelfth round, read once on its final engine); see each file's header.
std::vector<Question> load_questions() {
    const auto dir = xasite::testing::source_dir() / "tests" / "search";
    auto questions = xasite::testing::load_questions(dir / "citizen-questions.tsv");
    for (const char* more : {"citizen-questions-validation.tsv", "citizen-questions-tuning.tsv",
                             "citizen-questions-round4.tsv", "citizen-questions-round5.tsv",
                             "citizen-questions-round6.tsv", "citizen-questions-round7.tsv",
                             "citizen-questions-round8.tsv", "citizen-questions-round9.tsv",
                             "citizen-questions-round10.tsv", "citizen-questions-round11.tsv",
                             "citizen-questions-round12.tsv", "citizen-questions-round13.tsv"}) {
        auto set = xasite::testing::load_questions(dir / more);
        questions.insert(questions.end(), set.begin(), set.end());
    }
    return questions;
}

struct Outcome {
    int rank = 0;  // of the first expected code in the top 10; 0 when none there
    bool abstained = false;
    std::string top;    // code and title of the first result
    std::string error;  // a SearchError other than "nothing to search for"
};

Outcome ask(search::Searcher& searcher, const Question& q, bool with_context) {
    search::SearchRequest r;
    r.query = q.query;
    r.unit = xasite::testing::kUnitEaKar;
    r.limit = 10;
    r.facets = false;
    if (with_context) r.context = q.context;
    Outcome o;
    try {
        auto response = searcher.search(r);
        o.abstained = response.confidence == "none";
        for (std::size_t k = 0; k < response.results.size(); ++k) {
            const auto& hit = response.results[k];
            if (k == 0) o.top = hit.code + " " + hit.title.substr(0, 90);
            if (o.rank == 0 && q.codes.count(hit.code)) o.rank = static_cast<int>(k + 1);
        }
    } catch (const search::NothingToSearchFor&) {
        o.abstained = true;
        o.top = "(nothing to search for)";
    } catch (const search::SearchError& e) {
        o.error = e.what();
        o.top = std::string("(error: ") + e.what() + ")";
    }
    return o;
}

struct Figures {
    int questions = 0, answerable = 0, outside = 0, errors = 0;
    double rr = 0;
    int top1 = 0, in10 = 0, answerable_none = 0, abstained = 0, abstained_outside = 0;
    void add(const Question& q, const Outcome& o) {
        ++questions;
        if (!o.error.empty()) ++errors;
        if (o.abstained) ++abstained;
        if (q.answerable()) {
            ++answerable;
            if (o.rank > 0) {
                rr += 1.0 / o.rank;
                ++in10;
            }
            if (o.rank == 1) ++top1;
            if (o.abstained) ++answerable_none;
        } else {
            ++outside;
            if (o.abstained) ++abstained_outside;
        }
    }
    static double share(double a, int b) { return b ? a / b : 0.0; }
    double mrr() const { return share(rr, answerable); }
    double top1_share() const { return share(top1, answerable); }
    double recall10() const { return share(in10, answerable); }
    double answerable_none_share() const { return share(answerable_none, answerable); }
    // Of the questions answered "none", the share that are outside the catalogue; -1 when
    // nothing was answered "none" (undefined).
    double abstention_precision() const {
        return abstained ? share(abstained_outside, abstained) : -1.0;
    }
    // Of the questions outside the catalogue, the share answered "none"; -1 when there are none.
    double abstention_recall() const { return outside ? share(abstained_outside, outside) : -1.0; }
};

std::string fmt(double v) {
    if (v < 0) return "     -";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%6.3f", v);
    return buf;
}

void print_row(const std::string& split, const std::string& cls, const Figures& f) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%-8s %-10s %4d %4d %4d ", split.c_str(), cls.c_str(),
                  f.questions, f.answerable, f.outside);
    std::cout << buf << fmt(f.answerable ? f.mrr() : -1) << " "
              << fmt(f.answerable ? f.top1_share() : -1) << " "
              << fmt(f.answerable ? f.recall10() : -1) << " "
              << fmt(f.answerable ? f.answerable_none_share() : -1) << " "
              << fmt(f.abstention_precision()) << " " << fmt(f.abstention_recall())
              << (f.errors ? "  errors=" + std::to_string(f.errors) : "") << "\n";
}

// The figures a split must keep, each the measured figure minus 0.02 (answerable "none": plus
// 0.02). First measured with the engine of commit 67eb9a5 (before any issue-13 engine change; tune
// MRR@10 0.594, holdout 0.719, follow-up 0.111/0.127, abstention recall 0); raised after the
// issue-13 engine (holdout MRR@10 0.775, abstention recall 0.474), after the second round
// (holdout 0.787, abstention recall 0.632), after the third (holdout 0.842, abstention recall
// 0.789), after the fourth (holdout 0.839), after the fifth (holdout 0.850), after the sixth
// (holdout 0.866), after the seventh (holdout 0.876), after the eighth (example questions,
// content/search/questions.txt: the procedures of the closest ones move up, the closest ones no
// procedure answers make the answer "none"; holdout 0.885) and set again on 2026-12-07 (UTC) after
// the ninth round (the examples' weights chosen leave-set-out, follow-ups among the examples, a
// follow-up's lean to the earlier question's results, the subject named first kept through later
// turns, "high" when close examples name the first result) and again on 2026-12-07 after the tenth
// (the ninth round's unseen set a tuning set, tune8, with its questions among the examples; 300
// example questions no procedure answers; dates are no document numbers; a follow-up of filler and
// follow-up words names nothing; word lists) and on 2026-12-07 after the eleventh (the tenth
// round's second unseen set a tuning set, tune9; 2,358 example questions written for
// questions.txt by twenty helper sessions; a follow-up's twist read with the earlier subject when
// that names more of both; "bị thất lạc" an action phrase) and on 2026-12-08 after the twelfth
// (the tenth round's second unseen set a tuning set, tune10; 1,904 more example questions written
// by sixteen helper sessions; seven example neighbours; another province's own rules and more
// follow-up words in the word lists), by `./tests/search/search_citizen_quality_test` in build/dev
// on 3,161 questions (fresh13's 240 written at the round's start and read once at its end, with
// fresh12 read again)
// (docs/SEARCH-INDEX.md, "Citizen questions (issue 13)"). The tuning sets' questions are in
// questions.txt and are asked here leave-one-out, without their own copy (a follow-up without
// its "earlier || follow-up" line). Figures that fell were lowered to the new measurement: in
// the fourth round holdout follow-up 0.676 → 0.608 and abstention recall 0.789 → 0.737; in the
// fifth, holdout abstention precision 0.933 → 0.833 and answerable "none" 0.009 → 0.026 (two
// questions more answered "none"; their lines were not read); in the sixth, the second author's
// follow-up 0.818 → 0.745 (two of its 23 follow-ups lower, one after the word lists and one after
// the action-only follow-up; its lines were not read); in the seventh, holdout abstention
// precision 0.882 → 0.875 and recall 0.789 → 0.737 (one outside question more answered after the
// second word lists; its line was not read, and the held-out MRR@10 rose 0.866 → 0.876); in the
// eighth, holdout follow-up 0.725 → 0.667, abstention precision 0.875 → 0.842 and answerable
// "none" 0.017 → 0.026, the second author's follow-up 0.745 → 0.692 (the example questions lead
// some follow-ups that name something to another variant; their lines were not read; holdout
// MRR@10 rose 0.876 → 0.885 and abstention recall 0.737 → 0.842, the second author's MRR@10
// 0.845 → 0.904); in the ninth, holdout abstention recall 0.842 → 0.789 (one of its 19 outside
// questions answered; its line was not read; holdout MRR@10 rose 0.885 → 0.890, abstention
// precision 0.842 → 0.882, answerable "none" fell 0.026 → 0.017, the second author's follow-up
// rose 0.692 → 0.812) and tune4's abstention recall 0.950 → 0.900; in the tenth, none fell; in
// the eleventh, tune4's abstention precision 1.000 → 0.973 (one of its 200 answerable questions
// answered "none"); in the twelfth, the second author's follow-up 0.844 → 0.801 (one of its 23
// follow-ups lower after the new example questions; its lines were not read) and tune4's 0.921 →
// 0.866 (follow-ups led by new examples of like wording to another procedure).
struct Baseline {
    double mrr, top1, recall10, followup_mrr, abstention_precision, abstention_recall;
    double answerable_none;  // at most
};
const std::map<std::string, Baseline> kBaselines = {
    // measured MRR@10 0.940, top-1 0.910, recall@10 0.995, follow-up 0.950, abstention P 0.980, R
    // 1.000, answerable "none" 0.005
    {"tune", {0.920, 0.890, 0.975, 0.930, 0.960, 0.980, 0.025}},
    // measured MRR@10 0.917, top-1 0.863, recall@10 0.991, follow-up 0.873, abstention P 0.941, R
    // 0.842, answerable "none" 0.009
    {"holdout", {0.897, 0.843, 0.971, 0.853, 0.921, 0.822, 0.029}},
    // the second author's set (citizen-questions-validation.tsv): measured MRR@10 0.937, top-1
    // 0.920, recall@10 0.980, follow-up 0.801, abstention P 1.000, R 0.967, answerable "none"
    // 0.000
    {"valid", {0.917, 0.900, 0.960, 0.781, 0.980, 0.947, 0.020}},
    // the third author's set (citizen-questions-tuning.tsv): measured MRR@10 0.949, top-1 0.919,
    // recall@10 0.995, follow-up 0.892, abstention P 0.976, R 1.000, answerable "none" 0.005
    {"tune2", {0.929, 0.899, 0.975, 0.872, 0.956, 0.980, 0.025}},
    // the fourth author's set (citizen-questions-round4.tsv, split tune3; the fourth round's
    // unseen measure, a tuning set since the fifth round): measured MRR@10 0.961, top-1 0.938,
    // recall@10 0.994, follow-up 0.920, abstention P 0.972, R 1.000, answerable "none" 0.006
    {"tune3", {0.941, 0.918, 0.974, 0.900, 0.952, 0.980, 0.026}},
    // the fifth and sixth authors' set (citizen-questions-round5.tsv, split tune4; the fifth
    // round's unseen measure, a tuning set since the sixth round): measured MRR@10 0.950, top-1
    // 0.925, recall@10 0.995, follow-up 0.866, abstention P 0.974, R 0.925, answerable "none"
    // 0.005
    {"tune4", {0.930, 0.905, 0.975, 0.846, 0.954, 0.905, 0.025}},
    // the seventh and eighth authors' set (citizen-questions-round6.tsv, split tune5; the sixth
    // round's unseen measure, a tuning set since the seventh round): measured MRR@10 0.961, top-1
    // 0.940, recall@10 0.995, follow-up 0.893, abstention P 0.974, R 0.950, answerable "none"
    // 0.005
    {"tune5", {0.941, 0.920, 0.975, 0.873, 0.954, 0.930, 0.025}},
    // the ninth and tenth authors' set (citizen-questions-round7.tsv, split tune6; the seventh
    // round's unseen measure, a tuning set since the eighth round): measured MRR@10 0.947, top-1
    // 0.920, recall@10 0.985, follow-up 0.878, abstention P 0.974, R 0.925, answerable "none"
    // 0.005
    {"tune6", {0.927, 0.900, 0.965, 0.858, 0.954, 0.905, 0.025}},
    // the eleventh and twelfth authors' set (citizen-questions-round8.tsv, split tune7; the eighth
    // round's unseen measure, a tuning set since the ninth round): measured MRR@10 0.910, top-1
    // 0.875, recall@10 0.965, follow-up 0.844, abstention P 0.907, R 0.975, answerable "none"
    // 0.020
    {"tune7", {0.890, 0.855, 0.945, 0.824, 0.887, 0.955, 0.040}},
    // the thirteenth and fourteenth authors' set (citizen-questions-round9.tsv, split tune8; the
    // ninth round's unseen measure, 0.802 on that round's starting engine and 0.825 at its end; a
    // tuning set since the tenth round): measured MRR@10 0.942, top-1 0.920, recall@10 0.980,
    // follow-up 0.876, abstention P 0.927, R 0.950, answerable "none" 0.015
    {"tune8", {0.922, 0.900, 0.960, 0.856, 0.907, 0.930, 0.035}},
    // the fifteenth and sixteenth authors' set (citizen-questions-round10.tsv, split tune9; the
    // ninth and tenth rounds' unseen measure fresh10, 0.807 on 754a985 and 0.823 at the tenth
    // round's end; a tuning set since the eleventh round): measured MRR@10 0.928, top-1 0.900,
    // recall@10 0.970, follow-up 0.832, abstention P 0.870, R 1.000, answerable "none" 0.030
    {"tune9", {0.908, 0.880, 0.950, 0.812, 0.850, 0.980, 0.050}},
    // the seventeenth and eighteenth authors' set (citizen-questions-round11.tsv, split tune10;
    // the tenth and eleventh rounds' unseen measure fresh11, 0.839 and 0.925 at their ends; a
    // tuning set since the twelfth round): measured MRR@10 0.922, top-1 0.885, recall@10 0.980,
    // follow-up 0.833, abstention P 0.929, R 0.975, answerable "none" 0.015
    {"tune10", {0.902, 0.865, 0.960, 0.813, 0.909, 0.955, 0.035}},
    // the nineteenth and twentieth authors' set (citizen-questions-round12.tsv, split fresh12,
    // written at the start of the eleventh round and read once on its final engine, 0.920; read
    // again on the twelfth round's final engine): measured MRR@10 0.941, top-1 0.915, recall@10
    // 0.980, follow-up 0.917, abstention P 0.975, R 0.975, answerable "none" 0.005
    {"fresh12", {0.921, 0.895, 0.960, 0.897, 0.955, 0.955, 0.025}},
    // the twenty-first and twenty-second authors' set (citizen-questions-round13.tsv, split
    // fresh13, written at the start of the twelfth round and read once, on its final engine; 0.922
    // on the round's starting engine, read after): measured MRR@10 0.950, top-1 0.930, recall@10
    // 0.980, follow-up 0.894, abstention P 0.907, R 0.975, answerable "none" 0.020
    {"fresh13", {0.930, 0.910, 0.960, 0.874, 0.887, 0.955, 0.040}},
};
// Issue 13's target for the share of answerable questions answered "none" (≤ 3 %): met on every
// split (tune9 3.0 %); the unseen fresh12 0.5 % and fresh13 2.0 %. The test prints every split
// over it.
constexpr double kTargetAnswerableNone = 0.03;
// The tuning sets asked leave-set-out, pooled ("tune*", the figure the ninth and tenth rounds
// chose on): measured in the twelfth round, ten sets with tune10 among them, MRR@10 0.941
// (0.9372 on the round's starting engine, 0.9377 with tune10's questions among the examples),
// follow-up 0.880; the test keeps each minus 0.02.
constexpr double kSetOutMrr = 0.921, kSetOutFollowupMrr = 0.860;

}  // namespace

TEST(SearchCitizenQuality, FiguresPerSplitAndClass) {
    auto questions = load_questions();
    ASSERT_GE(questions.size(), 300u);
    search::Searcher searcher(xasite::testing::shared_index());
    // The example questions (content/search/questions.txt) hold the tuning sets' questions: each
    // is asked without its own copy there (leave-one-out).
    searcher.weights().examples_leave_out_same = true;
    const char* verbose_env = std::getenv("XASITE_QUALITY_VERBOSE");
    const int verbose = verbose_env ? std::atoi(verbose_env) : 0;

    std::map<std::string, std::map<std::string, Figures>> by;  // split → class ("all") → figures
    std::map<std::string, Figures> followup_without_context;
    std::ostringstream misses;
    for (const auto& q : questions) {
        ASSERT_TRUE(q.split == "tune" || q.split == "holdout" || q.split == "valid" ||
                    q.split == "tune2" || q.split == "tune3" || q.split == "tune4" ||
                    q.split == "tune5" || q.split == "tune6" || q.split == "tune7" ||
                    q.split == "tune8" || q.split == "tune9" || q.split == "tune10" ||
                    q.split == "fresh12" || q.split == "fresh13")
            << q.query;
        auto o = ask(searcher, q, true);
        by[q.split][q.cls].add(q, o);
        by[q.split]["all"].add(q, o);
        if (q.cls == "followup") {
            // Asked alone, still without its own example ("earlier || question").
            auto own = std::make_shared<std::unordered_set<std::string>>();
            xasite::testing::add_example_keys(q, searcher.snapshot()->lexicon(), *own);
            searcher.weights().examples_left_out = std::move(own);
            followup_without_context[q.split].add(q, ask(searcher, q, false));
            searcher.weights().examples_left_out.reset();
        }
        const bool miss = q.answerable() ? o.rank != 1 : !o.abstained;
        if (miss && ((q.split == "tune" && verbose >= 1) || verbose >= 2)) {
            misses << q.split << "  " << q.cls << "  rank="
                   << (q.answerable() ? (o.rank ? std::to_string(o.rank) : "-") : "outside")
                   << (o.abstained ? " (none)" : "") << "  ";
            for (const auto& c : q.context)
                misses << "[" << c << "] ";
            misses << q.query.substr(0, 120) << "   [" << q.note << "]  top: " << o.top << "\n";
        }
    }

    std::cout << "\nsplit    class         n  ans  out MRR@10   top1   R@10 ansNone abstP  abstR\n";
    for (const auto& [split, classes] : by) {
        for (const auto& [cls, f] : classes)
            if (cls != "all") print_row(split, cls, f);
        print_row(split, "all", classes.at("all"));
    }
    for (const auto& [split, f] : followup_without_context)
        std::cout << "follow-up score " << split << ": MRR@10 " << fmt(by[split]["followup"].mrr())
                  << " with context, " << fmt(f.mrr()) << " without\n";
    if (!misses.str().empty()) std::cout << "\nmisses:\n" << misses.str();

    // As a new author's: each tuning split asked with none of its own questions among the example
    // questions (leave-set-out), the condition an unseen set meets; "tune*" pools them.
    std::cout << "\nleave-set-out (none of the split's questions among the example questions):\n";
    std::map<std::string, std::vector<const Question*>> tuning;
    for (const auto& q : questions)
        if (q.split.rfind("tune", 0) == 0) tuning[q.split].push_back(&q);
    const auto snap = searcher.snapshot();
    Figures pooled, pooled_followup;
    for (const auto& [split, asked] : tuning) {
        auto keys = std::make_shared<std::unordered_set<std::string>>();
        for (const auto* q : asked)
            xasite::testing::add_example_keys(*q, snap->lexicon(), *keys);
        searcher.weights().examples_left_out = std::move(keys);
        Figures all, followup;
        for (const auto* q : asked) {
            const auto o = ask(searcher, *q, true);
            all.add(*q, o);
            pooled.add(*q, o);
            if (q->cls == "followup") {
                followup.add(*q, o);
                pooled_followup.add(*q, o);
            }
        }
        print_row(split, "all", all);
        std::cout << "         follow-up MRR@10 " << fmt(followup.mrr()) << "\n";
        RecordProperty("mrr_set_out_" + split, std::to_string(all.mrr()));
    }
    searcher.weights().examples_left_out.reset();
    print_row("tune*", "all", pooled);
    std::cout << "         follow-up MRR@10 " << fmt(pooled_followup.mrr()) << "\n";
    EXPECT_GE(pooled.mrr(), kSetOutMrr) << "tuning sets, leave-set-out";
    EXPECT_GE(pooled_followup.mrr(), kSetOutFollowupMrr) << "tuning sets, leave-set-out";

    for (const auto& [split, b] : kBaselines) {
        const auto& all = by[split]["all"];
        const auto& followup = by[split]["followup"];
        RecordProperty("mrr_" + split, std::to_string(all.mrr()));
        RecordProperty("followup_mrr_" + split, std::to_string(followup.mrr()));
        EXPECT_GE(all.mrr(), b.mrr) << split;
        EXPECT_GE(all.top1_share(), b.top1) << split;
        EXPECT_GE(all.recall10(), b.recall10) << split;
        EXPECT_GE(followup.mrr(), b.followup_mrr) << split;
        EXPECT_GE(all.abstention_precision() < 0 ? 0.0 : all.abstention_precision(),
                  b.abstention_precision)
            << split;
        EXPECT_GE(all.abstention_recall(), b.abstention_recall) << split;
        EXPECT_LE(all.answerable_none_share(), b.answerable_none) << split;
        if (all.answerable_none_share() > kTargetAnswerableNone)
            std::cout << split << ": answerable questions answered \"none\": "
                      << fmt(all.answerable_none_share()) << ", over the target "
                      << fmt(kTargetAnswerableNone) << "\n";
        EXPECT_EQ(all.errors, 0) << split << ": a question was refused (see the table)";
    }
}
