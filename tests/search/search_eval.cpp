// Developer tool (not a test): the answer figures of a question file over the test index of the
// real procedures (search_fixture.hpp), e.g. the tune part of the citizen questions while choosing
// weights or editing content/search/*.txt:
//   search_eval [--split
//   tune|tune2|…|tune10|holdout|valid|fresh12|fresh13|calib|all]
//   [--verbose] [--leave-set-out]
//   [--weight NAME=VALUE]... FILE
// Prints MRR@10, top-1, abstention precision and recall, the share of answerable questions
// answered "none", the follow-up MRR and how often each confidence level is right
// (answer_figures.hpp). --verbose lists every question with what came first; it refuses to list
// the lines of the held-out and unseen splits (holdout, valid, and every split named "fresh…":
// fresh12, fresh13), which must stay unseen while tuning (figures only). --weight
// sets one of search::QueryWeights for the run (the names of query.hpp). --leave-set-out asks
// the split without any of its questions among the example questions (content/search/
// questions.txt), as a new author's questions would be asked; otherwise only each question's own
// copy is left out.
// Exit 0, or 2 on a usage error or a file with no question of that split.
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>

#include "answer_figures.hpp"
#include "answer_helpers.hpp"
#include "question_set.hpp"
#include "search/snapshot.hpp"

constexpr const char* kUsage =
    "usage: search_eval [--split "
    "tune|tune2|…|tune10|holdout|valid|fresh12|fresh13|calib|all] "
    "[--verbose] [--leave-set-out] [--weight NAME=VALUE]... FILE\n";

int main(int argc, char** argv) {
    std::string split = "tune", file;
    bool verbose = false, leave_set_out = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--split" && i + 1 < argc) {
            split = argv[++i];
        } else if (a == "--weight" && i + 1 < argc) {
            auto& w = xasite::testing::shared_searcher().weights();
            const std::map<std::string, double*> names = {
                {"title", &w.title},
                {"keywords", &w.keywords},
                {"text", &w.text},
                {"title_bigram", &w.title_bigram},
                {"bigram", &w.bigram},
                {"synonym", &w.synonym},
                {"weak", &w.weak},
                {"cutoff", &w.cutoff},
                {"bm25_k1", &w.bm25_k1},
                {"title_coverage", &w.title_coverage},
                {"action", &w.action},
                {"context_cover", &w.context_cover},
                {"other_action", &w.other_action},
                {"unnamed_action", &w.unnamed_action},
                {"generic_pair", &w.generic_pair},
                {"confidence_high", &w.confidence_high},
                {"confidence_none", &w.confidence_none},
                {"confidence_low", &w.confidence_low},
                {"long_question", &w.long_question},
                {"clarify_closeness", &w.clarify_closeness},
                {"context_keep", &w.context_keep},
                {"action_word", &w.action_word},
                {"example", &w.example},
                {"example_neighbours", &w.example_neighbours},
                {"example_minimum", &w.example_minimum},
                {"example_other_action", &w.example_other_action},
                {"example_low", &w.example_low},
                {"example_named", &w.example_named},
                {"example_whole", &w.example_whole},
                {"example_slope", &w.example_slope},
                {"example_none", &w.example_none},
                {"example_none_named", &w.example_none_named},
                {"example_none_ratio", &w.example_none_ratio},
                {"example_high", &w.example_high},
                {"context_prior", &w.context_prior},
            };
            const std::string setting = argv[++i];
            const auto eq = setting.find('=');
            const auto it = names.find(setting.substr(0, eq));
            if (eq == std::string::npos || it == names.end()) {
                std::cerr << "search_eval: unknown weight \"" << setting << "\"\n";
                return 2;
            }
            *it->second = std::stod(setting.substr(eq + 1));
        } else if (a == "--leave-set-out") {
            leave_set_out = true;
        } else if (a == "--verbose" || a == "-v") {
            verbose = true;
        } else if (!a.empty() && a[0] != '-' && file.empty()) {
            file = a;
        } else {
            std::cerr << kUsage;
            return 2;
        }
    }
    if (file.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    if (verbose && (split == "holdout" || split == "valid" || split.rfind("fresh", 0) == 0 ||
                    split == "all")) {
        std::cerr << "search_eval: --verbose lists no held-out, validation or unseen line (tune on "
                     "the tune parts only)\n";
        return 2;
    }
    const auto questions =
        xasite::testing::load_questions(file, split == "all" ? std::string() : split);
    if (questions.empty()) {
        std::cerr << "search_eval: no question of split \"" << split << "\" in " << file << "\n";
        return 2;
    }
    if (leave_set_out) {
        // The split's own questions leave the example questions, as a new author's would be.
        auto& searcher = xasite::testing::shared_searcher();
        auto keys = std::make_shared<std::unordered_set<std::string>>();
        const auto snap = searcher.snapshot();
        for (const auto& q : questions)
            xasite::testing::add_example_keys(q, snap->lexicon(), *keys);
        searcher.weights().examples_left_out = std::move(keys);
    }
    xasite::testing::print_answer_figures(file + " [" + split + "]",
                                          xasite::testing::evaluate_answers(questions, verbose));
    return 0;
}
