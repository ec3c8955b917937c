// Helpers of the issue-13 search tests (confidence, events, actions, context): one search over
// the shared index of the real catalogue (search_fixture.hpp).
#pragma once

#include <string>
#include <vector>

#include "search/searcher.hpp"
#include "search_fixture.hpp"

namespace xasite::testing {

// The one searcher of these tests (search_eval changes its weights while choosing them).
// The example questions (content/search/questions.txt) hold the tuning sets' questions: a
// question asked here is not answered by its own copy there (leave-one-out), so the figures of
// those sets measure the engine, not a memory of them.
inline search::Searcher& shared_searcher() {
    static search::Searcher searcher(shared_index());
    static const bool leave_one_out = searcher.weights().examples_leave_out_same = true;
    (void)leave_one_out;
    return searcher;
}

// The same index searched without the example questions: what the words alone give (the tests
// of a mechanism the examples would hide, and the examples' own tests).
inline search::Searcher& words_only_searcher() {
    static search::Searcher searcher(shared_index());
    static const bool off = [] {
        searcher.weights().example = 0;
        searcher.weights().example_low = 1e9;
        searcher.weights().example_none = 1e9;
        searcher.weights().example_none_named = 1e9;
        return true;
    }();
    (void)off;
    return searcher;
}

inline search::SearchResponse ask(const std::string& query,
                                  const std::vector<std::string>& context = {},
                                  const std::string& event = {}) {
    search::Searcher& searcher = shared_searcher();
    search::SearchRequest r;
    r.query = query;
    r.context = context;
    r.event = event;
    r.unit = kUnitEaKar;
    r.limit = 10;
    return searcher.search(r);
}

inline std::string first_code(const search::SearchResponse& r) {
    return r.results.empty() ? "" : r.results[0].code;
}

// 1-based rank of `code` in the results; 0 when absent.
inline std::size_t rank_of(const search::SearchResponse& r, const std::string& code) {
    for (std::size_t k = 0; k < r.results.size(); ++k)
        if (r.results[k].code == code) return k + 1;
    return 0;
}

}  // namespace xasite::testing
