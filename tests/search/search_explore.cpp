// Developer tool (not a test): search_explore [--unit CODE] [--context EARLIER]… QUERY… prints how
// a query is read and its top results over the test index of the real procedures
// (search_fixture.hpp).
#include <iostream>

#include "search/index_layout.hpp"
#include "search/query.hpp"
#include "search/searcher.hpp"
#include "search/snapshot.hpp"
#include "search_fixture.hpp"

using namespace xasite;

int main(int argc, char** argv) {
    search::SearchRequest r;
    r.limit = 10;
    std::vector<std::string> why;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--unit" && i + 1 < argc) {
            r.unit = argv[++i];
            continue;
        }
        if (a == "--why" && i + 1 < argc) {
            why.push_back(argv[++i]);
            continue;
        }
        if (a == "--context" && i + 1 < argc) {
            r.context.push_back(argv[++i]);
            continue;
        }
        if (a == "--partial") {
            r.partial = true;
            continue;
        }
        if (!r.query.empty()) r.query += " ";
        r.query += a;
    }
    search::Searcher searcher(xasite::testing::shared_index());
    auto snap = searcher.snapshot();
    auto in = search::interpret(r.query, *snap, {r.partial});
    std::cout << "concepts:";
    for (const auto& c : in.concepts) {
        std::cout << " [";
        for (std::size_t k = 0; k < c.alternatives.size(); ++k) {
            if (k) std::cout << " | ";
            for (std::size_t s = 0; s < c.alternatives[k].syllables.size(); ++s)
                std::cout << (s ? " " : "") << c.alternatives[k].syllables[s];
        }
        std::cout << (c.prefix ? "*" : "") << (c.followup ? " (follow-up)" : "")
                  << (c.event ? " (event)" : "") << (c.action ? " (action)" : "") << "]";
    }
    if (in.action >= 0)
        std::cout << "\naction: "
                  << snap->lexicon().actions()[static_cast<std::size_t>(in.action)].name;
    std::cout << "\ndropped:";
    for (const auto& d : in.dropped)
        std::cout << " " << d;
    std::cout << "\ncodes:";
    for (const auto& c : in.codes)
        std::cout << " " << c;
    std::cout << "\nsuggestion: " << in.suggestion
              << "\nquery: " << search::build_query(in).get_description().substr(0, 300) << "\n";
    for (const auto& code : why) {
        auto lease = snap->acquire();
        Xapian::Enquire enquire(lease.db());
        enquire.set_weighting_scheme(Xapian::BM25Weight(searcher.weights().bm25_k1, 0, 1, 0, 0.5));
        Xapian::Query q(Xapian::Query::OP_FILTER, search::build_query(in, searcher.weights()),
                        Xapian::Query("XC" + code));
        enquire.set_query(q);
        auto mset = enquire.get_mset(0, 1);
        if (mset.empty()) {
            std::cout << "why " << code << ": no match\n";
            continue;
        }
        std::cout << "why " << code << ": " << mset.begin().get_weight() << " terms:";
        for (auto t = enquire.get_matching_terms_begin(mset.begin());
             t != enquire.get_matching_terms_end(mset.begin()); ++t) {
            Xapian::Enquire single(lease.db());
            single.set_weighting_scheme(
                Xapian::BM25Weight(searcher.weights().bm25_k1, 0, 1, 0, 0.5));
            single.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(*t),
                                           Xapian::Query("XC" + code)));
            auto one = single.get_mset(0, 1);
            std::cout << " " << *t << "(tf=" << lease.db().get_termfreq(*t)
                      << ",w=" << (one.empty() ? 0.0 : one.begin().get_weight()) << ")";
        }
        std::cout << "\n";
    }
    try {
        auto response = searcher.search(r);
        std::cout << "total " << response.total << " confidence " << response.confidence
                  << (response.context_used.empty() ? ""
                                                    : " context_used: " + response.context_used)
                  << "\n";
        for (const auto& h : response.results)
            std::cout << h.score << "  " << h.code << "  " << h.title.substr(0, 110) << "\n";
    } catch (const std::exception& e) {
        std::cout << "error: " << e.what() << "\n";
    }
}
