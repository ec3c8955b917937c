// Search quality: MRR@10 of realistic citizen queries (quality-queries.tsv) over the real
// procedure catalog, reported for the tune and the held-out part. Fails below the baselines
// measured when the weights were chosen (docs/SEARCH-INDEX.md, "Quality").
// XASITE_QUALITY_VERBOSE=1 prints the rank of every tune query (and of the held-out ones with
// XASITE_QUALITY_VERBOSE=2).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "core/text.hpp"
#include "search/searcher.hpp"
#include "search_fixture.hpp"
#include "test_support.hpp"

using namespace xasite;

namespace {

struct QualityQuery {
    std::string split, query, note;
    std::set<std::string> codes;
};

std::vector<QualityQuery> load_queries() {
    std::ifstream in(xasite::testing::source_dir() / "tests" / "search" / "quality-queries.tsv");
    std::vector<QualityQuery> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto cols = text::split(line, '\t');
        if (cols.size() < 3) continue;
        QualityQuery q{std::string(cols[0]),
                       std::string(cols[1]),
                       cols.size() > 3 ? std::string(cols[3]) : "",
                       {}};
        for (auto c : text::split(cols[2], ' '))
            if (!c.empty()) q.codes.insert(std::string(c));
        out.push_back(std::move(q));
    }
    return out;
}

// Reciprocal rank of the first relevant result in the top 10 (0 when none).
double reciprocal_rank(search::Searcher& searcher, const QualityQuery& q, int* rank_out,
                       std::string* top_out) {
    search::SearchRequest r;
    r.query = q.query;
    r.unit = xasite::testing::kUnitEaKar;
    r.limit = 10;
    r.facets = false;
    auto response = searcher.search(r);
    *rank_out = 0;
    for (std::size_t k = 0; k < response.results.size(); ++k) {
        if (k == 0) *top_out = response.results[k].code + " " + response.results[k].title;
        if (q.codes.count(response.results[k].code)) {
            *rank_out = static_cast<int>(k + 1);
            return 1.0 / static_cast<double>(k + 1);
        }
    }
    return 0.0;
}

}  // namespace

TEST(SearchQuality, MrrAt10OnTuneAndHeldOutQueries) {
    auto queries = load_queries();
    ASSERT_GE(queries.size(), 80u);
    search::Searcher searcher(xasite::testing::shared_index());
    const char* verbose_env = std::getenv("XASITE_QUALITY_VERBOSE");
    const int verbose = verbose_env ? std::atoi(verbose_env) : 0;
    std::map<std::string, std::pair<double, int>> by_split;
    for (const auto& q : queries) {
        int rank = 0;
        std::string top;
        double rr = reciprocal_rank(searcher, q, &rank, &top);
        by_split[q.split].first += rr;
        by_split[q.split].second += 1;
        if ((q.split == "tune" && verbose >= 1) || verbose >= 2)
            std::cout << q.split << " rank=" << (rank ? std::to_string(rank) : "-") << "  "
                      << q.query << "   [" << q.note << "]  top: " << top << "\n";
    }
    const double tune = by_split["tune"].first / by_split["tune"].second;
    const double holdout = by_split["holdout"].first / by_split["holdout"].second;
    std::cout << "MRR@10 tune=" << tune << " (" << by_split["tune"].second
              << " queries) holdout=" << holdout << " (" << by_split["holdout"].second
              << " queries)\n";
    RecordProperty("mrr_tune", std::to_string(tune));
    RecordProperty("mrr_holdout", std::to_string(holdout));
    // Baselines: the values measured when the weights were last chosen, minus a small margin.
    // Measured after issue 13: tune 0.949, holdout 0.904 (0.90 before it); after issue 13's
    // fourth round tune 0.915 (0.924 before its last changes: reading "đối với" as no action and
    // damaged papers as the exchange moved "xin giấy phép xây dựng nhà ở" and "chế độ thai sản"
    // to second place), holdout 0.921; after the fifth round tune 0.924, holdout 0.941.
    EXPECT_GE(tune, 0.904);
    EXPECT_GE(holdout, 0.90);
}
