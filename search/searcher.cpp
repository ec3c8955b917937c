#include "search/searcher.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include <xapian.h>

#include "core/text.hpp"
#include "search/analyzer.hpp"
#include "search/index_layout.hpp"
#include "search/snapshot.hpp"
#include "search/snippet.hpp"
#include "search/vietnamese.hpp"

namespace xasite::search {

namespace fs = std::filesystem;

std::string query_problem(std::string_view query) {
    if (query.size() > kMaxQueryBytes)
        return "query too long (" + std::to_string(query.size()) + " bytes; at most " +
               std::to_string(kMaxQueryBytes) + ")";
    if (!text::is_valid_utf8(query)) return "query is not valid UTF-8";
    for (unsigned char c : query)
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            return "query contains control characters";
    return {};
}

namespace {

// Counts the facet values of every matching document (multi-valued slots split on '\n').
// Sees every match once (the enquire checks them all) and keeps its docid and weight. The
// relative cut-off is applied afterwards, so one pass over the postings gives the results, the
// exact total and the facet counts of the documents shown; facet values come from the snapshot's
// in-memory columns, not from disk.
class MatchRecorder : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& doc, double weight) override {
        best_ = std::max(best_, weight);
        matches_.emplace_back(doc.get_docid(), weight);
    }
    double best() const { return best_; }
    std::size_t count_from(double cutoff) const {
        return static_cast<std::size_t>(
            std::count_if(matches_.begin(), matches_.end(),
                          [cutoff](const auto& m) { return m.second >= cutoff; }));
    }
    // Column `column`'s values counted over the matches at or above `cutoff`.
    std::vector<std::pair<std::uint32_t, std::size_t>> counts(const IndexSnapshot& snap,
                                                              std::size_t column,
                                                              double cutoff) const {
        std::unordered_map<std::uint32_t, std::size_t> by_id;
        for (const auto& [doc, weight] : matches_)
            if (weight >= cutoff)
                for (std::uint32_t id : snap.facet_ids(column, doc))
                    ++by_id[id];
        return {by_id.begin(), by_id.end()};
    }

  private:
    double best_ = 0;
    std::vector<std::pair<Xapian::docid, double>> matches_;
};

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    for (std::string_view part : text::split(s, ',')) {
        std::string_view t = text::trim(part);
        if (!t.empty()) out.emplace_back(t);
    }
    return out;
}

bool is_absolute_url(const std::string& url) {
    return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

constexpr std::size_t kRerankWindow = 200;
constexpr std::size_t kRerankMinimum = 50;

// The share of a title's syllables (folded, ' '-joined) that the query matched.
double title_coverage(const std::string& folded_title, const std::set<std::string>& words,
                      const std::string& prefix) {
    std::size_t total = 0, matched = 0;
    std::size_t start = 0;
    while (start < folded_title.size()) {
        std::size_t end = folded_title.find(' ', start);
        if (end == std::string::npos) end = folded_title.size();
        std::string_view w(folded_title.data() + start, end - start);
        ++total;
        if (words.count(std::string(w)) ||
            (!prefix.empty() && w.size() >= prefix.size() && w.substr(0, prefix.size()) == prefix))
            ++matched;
        start = end + 1;
    }
    return total == 0 ? 0.0 : static_cast<double>(matched) / static_cast<double>(total);
}

std::string root_relative(const std::string& path) {
    if (path.empty() || is_absolute_url(path) || path.front() == '/') return path;
    return "/" + path;
}

}  // namespace

Searcher::Searcher(fs::path index_dir, std::chrono::milliseconds recheck)
    : index_dir_(std::move(index_dir)), recheck_(recheck) {}

Searcher::~Searcher() = default;

Searcher::Signature Searcher::read_signature() const {
    Signature s;
    struct stat st {};
    if (::stat(index_dir_.c_str(), &st) != 0) return s;
    s.device = static_cast<unsigned long long>(st.st_dev);
    s.inode = static_cast<unsigned long long>(st.st_ino);
    s.modified = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec;
    struct stat version {};
    if (::stat((index_dir_ / "iamglass").c_str(), &version) == 0) {
        s.files = static_cast<unsigned long long>(version.st_ino);
        s.modified ^= static_cast<long long>(version.st_mtim.tv_sec) * 1'000'000'007LL +
                      version.st_mtim.tv_nsec;
    }
    return s;
}

std::shared_ptr<const IndexSnapshot> Searcher::snapshot() {
    Signature now_signature;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto now = std::chrono::steady_clock::now();
        if (current_ && now - last_check_ < recheck_) return current_;
        last_check_ = now;
        now_signature = read_signature();
        if (current_ && now_signature == signature_) return current_;
    }
    // Open outside the lock: other requests keep using the current index meanwhile.
    try {
        auto opened = IndexSnapshot::open(index_dir_);
        std::lock_guard<std::mutex> lock(mutex_);
        current_ = std::move(opened);
        signature_ = now_signature;
        last_error_.clear();
        return current_;
    } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mutex_);
        last_error_ = e.what();
        if (current_) return current_;  // e.g. caught in the middle of a swap: retry later
        throw SearchError(SearchError::Kind::unavailable, e.what());
    }
}

std::string Searcher::resolve_unit(const std::string& code_or_slug) {
    auto snap = snapshot();
    if (const UnitInfo* u = snap->unit_by_code(code_or_slug)) return u->code;
    if (const UnitInfo* u = snap->unit_by_slug(code_or_slug)) return u->code;
    return {};
}

std::size_t Searcher::count_documents(const std::filesystem::path& index_dir) {
    return IndexSnapshot::open(index_dir)->document_count();
}

SearchResponse Searcher::search(const SearchRequest& request) {
    if (std::string problem = query_problem(request.query); !problem.empty())
        throw SearchError(SearchError::Kind::bad_request, problem);
    for (const std::string* p : {&request.unit, &request.type, &request.field, &request.level,
                                 &request.online, &request.old_unit})
        if (p->size() > 200 || !query_problem(*p).empty())
            throw SearchError(SearchError::Kind::bad_request, "invalid filter value");
    if (request.offset > 100'000)
        throw SearchError(SearchError::Kind::bad_request, "offset too large (at most 100000)");
    const std::size_t limit = std::clamp<std::size_t>(request.limit, 1, kMaxLimit);

    auto snap = snapshot();
    const UnitInfo* unit = nullptr;
    if (!request.unit.empty()) {
        unit = snap->unit_by_code(request.unit);
        if (!unit) unit = snap->unit_by_slug(request.unit);
        if (!unit)
            throw SearchError(SearchError::Kind::bad_request,
                              "unknown unit \"" + request.unit + "\"");
    }

    QueryInterpretation in = interpret(request.query, *snap, QueryOptions{request.partial});

    // Filters: different kinds ANDed, values of one kind ORed.
    std::vector<Xapian::Query> filters;
    auto any_of = [](std::string_view prefix, const std::vector<std::string>& values) {
        std::vector<Xapian::Query> terms;
        for (const auto& v : values)
            terms.emplace_back(std::string(prefix) + v);
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    };
    if (unit) filters.push_back(any_of(layout::kUnit, {unit->code, "*"}));
    if (!request.type.empty()) filters.push_back(any_of(layout::kType, split_list(request.type)));
    if (!request.field.empty()) {
        std::vector<std::string> folded;
        for (const auto& f : split_list(request.field))
            folded.push_back(text::fold(text::nfc(f)));
        filters.push_back(any_of(layout::kField, folded));
    }
    if (!request.level.empty())
        filters.push_back(any_of(layout::kLevel, split_list(request.level)));
    if (!request.online.empty())
        filters.push_back(any_of(layout::kOnline, split_list(request.online)));
    if (request.boundary_free)
        filters.push_back(Xapian::Query(std::string(layout::kBoundaryFree) + "1"));
    if (!request.old_unit.empty())
        filters.push_back(Xapian::Query(std::string(layout::kOldUnit) + request.old_unit));

    if (in.empty() && filters.empty()) throw NothingToSearchFor();

    Xapian::Query query = in.empty() ? Xapian::Query::MatchAll : build_query(in, weights_);
    if (!filters.empty()) {
        Xapian::Query filter = filters.size() == 1 ? filters[0]
                                                   : Xapian::Query(Xapian::Query::OP_AND,
                                                                   filters.begin(), filters.end());
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
    }

    SearchResponse response;
    response.query = request.query;
    response.offset = request.offset;
    response.limit = limit;
    response.suggestion = in.suggestion;
    response.dropped = in.dropped;

    const std::string& prefix = in.typed_prefix;
    const MatchedWords matched{in.highlight, prefix, snap->lexicon()};

    for (int attempt = 0;; ++attempt) {
        auto lease = snap->acquire();
        try {
            Xapian::Enquire enquire(lease.db());
            enquire.set_weighting_scheme(Xapian::BM25Weight(weights_.bm25_k1, 0, 1, 0, 0.5));
            enquire.set_query(query);
            MatchRecorder recorder;
            enquire.add_matchspy(&recorder);
            const Xapian::doccount all = lease.db().get_doccount();
            // The best kRerankWindow results are re-ranked by title coverage; deeper pages keep
            // Xapian's order.
            const std::size_t wanted = request.offset + limit;
            const bool rerank = !in.empty() && wanted <= kRerankWindow;
            const std::size_t first = rerank ? 0 : request.offset;
            const std::size_t count = rerank ? std::max(wanted, kRerankMinimum) : limit;
            Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(first),
                                                 static_cast<Xapian::doccount>(count), all);
            enquire.clear_matchspies();
            if (mset.empty() && request.offset == 0) return response;
            // Keep the documents within a fraction of the best score (not for filter-only lists).
            const double cutoff = in.empty() ? 0.0 : recorder.best() * weights_.cutoff;
            response.total = recorder.count_from(cutoff);
            struct Candidate {
                Xapian::docid doc;
                double score;
            };
            std::vector<Candidate> candidates;
            candidates.reserve(mset.size());
            for (auto it = mset.begin(); it != mset.end(); ++it)
                if (it.get_weight() >= cutoff) candidates.push_back({*it, it.get_weight()});
            if (rerank) {
                for (auto& c : candidates)
                    c.score *=
                        1.0 + weights_.title_coverage *
                                  title_coverage(snap->folded_title(c.doc), in.highlight, prefix);
                std::stable_sort(
                    candidates.begin(), candidates.end(),
                    [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
                if (candidates.size() > request.offset)
                    candidates.erase(candidates.begin(),
                                     candidates.begin() + static_cast<long>(request.offset));
                else
                    candidates.clear();
                if (candidates.size() > limit) candidates.resize(limit);
            }
            for (const auto& candidate : candidates) {
                StoredDocument stored =
                    decode_stored(lease.db().get_document(candidate.doc).get_data());
                SearchHit hit;
                hit.id = stored.id;
                hit.type = stored.type;
                hit.code = stored.code;
                hit.title = stored.title;
                hit.field = stored.field;
                hit.date = stored.date;
                hit.score = std::round(candidate.score * 1000.0) / 1000.0;
                hit.title_html = highlight_html(stored.title, matched);
                // URL: a path of its own; else the same page in the unit searched; else the
                // fallback (the national portal); else the first unit it belongs to.
                if (!stored.url.empty()) {
                    hit.url = root_relative(stored.url);
                    if (stored.units.size() == 1)
                        hit.unit = stored.units[0];
                    else if (unit && std::find(stored.units.begin(), stored.units.end(),
                                               unit->code) != stored.units.end())
                        hit.unit = unit->code;
                } else if (!stored.unit_path.empty()) {
                    const UnitInfo* target = unit;
                    if (!target && stored.fallback_url.empty() && !stored.units.empty())
                        target = snap->unit_by_code(stored.units[0]);
                    if (target && !target->slug.empty()) {
                        hit.url = "/" + target->slug + "/" + stored.unit_path;
                        hit.unit = target->code;
                    } else {
                        hit.url = stored.fallback_url;
                    }
                } else {
                    hit.url = stored.fallback_url;
                }
                // Snippet: the body's start or the keywords, whichever has the matched words.
                const std::string* source = &stored.excerpt;
                if (stored.excerpt.empty() ||
                    (!has_match(stored.excerpt, matched) && has_match(stored.keywords, matched)))
                    source = &stored.keywords;
                hit.snippet = snippet_html(*source, matched);
                response.results.push_back(std::move(hit));
            }
            if (request.facets) {
                const char* const names[] = {"type", "field", "level", "online", "unit"};
                static_assert(std::size(names) == std::size(IndexSnapshot::kFacetSlots));
                for (std::size_t i = 0; i < std::size(names); ++i) {
                    auto& list = response.facets[names[i]];
                    for (const auto& [id, count] : recorder.counts(*snap, i, cutoff)) {
                        FacetCount fc{snap->facet_value(i, id), count, {}};
                        if (IndexSnapshot::kFacetSlots[i] == layout::kSlotUnits)
                            if (const UnitInfo* u = snap->unit_by_code(fc.value))
                                fc.label = u->name;
                        list.push_back(std::move(fc));
                    }
                    std::sort(list.begin(), list.end(),
                              [](const FacetCount& a, const FacetCount& b) {
                                  return a.count != b.count ? a.count > b.count : a.value < b.value;
                              });
                    if (list.size() > 50) list.resize(50);
                }
            }
            return response;
        } catch (const Xapian::Error& e) {
            lease.discard();
            response.results.clear();
            response.facets.clear();
            if (attempt >= 1)
                throw SearchError(SearchError::Kind::unavailable,
                                  "search failed: " + e.get_description());
        }
    }
}

std::vector<SearchHit> Searcher::suggest(const std::string& query, const std::string& unit,
                                         std::size_t limit) {
    SearchRequest request;
    request.query = query;
    request.unit = unit;
    request.partial = true;
    request.facets = false;
    request.limit = std::clamp<std::size_t>(limit, 1, 20);
    try {
        return search(request).results;
    } catch (const NothingToSearchFor&) {
        return {};
    }
}

}  // namespace xasite::search
