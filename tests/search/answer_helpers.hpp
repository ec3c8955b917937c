// Helpers of the issue-13 search tests (confidence, events, actions, context): one search over
// the shared index of the real catalogue (search_fixture.hpp).
#pragma once

#include <string>
#include <vector>

#include "search/searcher.hpp"
#include "search_fixture.hpp"

namespace xasite::testing {

// The one searcher of these tests (search_eval changes its weights while choosing them).
inline search::Searcher& shared_searcher() {
    static search::Searcher searcher(shared_index());
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
