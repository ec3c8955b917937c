// The query engine over the site index: results with snippets, facet counts, pagination, a "did
// you mean"; used by `xasite search` and by the search API of `xasite serve`.
//
// Thread-safe: any number of threads may call search() at once. The index directory is checked
// for a rebuild (a new directory swapped in, or new files) at most once per `recheck` interval;
// a rebuilt index is opened and used by later requests without a restart, while requests in
// flight finish on the old one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "search/query.hpp"

namespace xasite::search {

class IndexSnapshot;
struct UnitInfo;
struct ExampleVotes;

struct SearchRequest {
    std::string query;
    std::string unit;    // new unit code ("24373") or site slug ("xa-ea-kar"); "" = the province
    std::string type;    // procedure | directive | page | archive; several joined by ','
    std::string field;   // lĩnh vực, with or without marks ("Hộ tịch", "ho tich")
    std::string level;   // commune | province | ministry | vertical | other
    std::string online;  // none | partial | full
    bool boundary_free = false;
    std::string old_unit;  // archives of one old unit
    std::size_t offset = 0;
    std::size_t limit = 10;  // at most kMaxLimit
    bool partial = false;    // search-as-you-type: the last word may be unfinished
    bool facets = true;
    // Earlier questions of the same conversation, oldest first (`xasite search --context`,
    // `context=` in /api/search, a hidden field on the search page): a follow-up such as "thế còn
    // lệ phí bao nhiêu" is read together with the procedure they asked about.
    std::vector<std::string> context;
    std::string event;  // a life event's name (events.txt, facet "event"): its procedures only
};

inline constexpr std::size_t kMaxContext = 10;  // earlier questions read (the latest ones)

inline constexpr std::size_t kMaxLimit = 100;
// A query (and each context question) is at most this many characters (code points), so that every
// official name of the catalogue pasted whole still fits (the longest has 1,095 characters; 33 are
// over 500, the limit before the sixth round of issue 13, which refused them).
inline constexpr std::size_t kMaxQueryChars = 1200;

struct SearchHit {
    std::string id, type, code, title;
    std::string title_html;  // escaped, matched words in <mark>
    std::string url;         // "/xa-ea-kar/thu-tuc/1.001193.html", "/van-ban/…/" or absolute
    std::string unit;        // the unit the URL points into ("" for the province or the portal)
    std::string field, date;
    std::string snippet;  // escaped HTML from the original text, matched words in <mark>
    double score = 0;
};

struct FacetCount {
    std::string value;
    std::size_t count = 0;
    std::string label;  // the unit's name for "unit"; "" otherwise
};

// The top results are variants of one procedure (the same title once the action is taken out)
// with close scores: the page asks which one is meant ("Bạn cần: cấp lần đầu · cấp lại?").
struct ClarifyOption {
    std::string label;  // the action ("cấp lại"; "lần đầu" when the title names none)
    std::string title, code, url;
};
struct Clarify {
    std::string family;  // the title of the first variant
    std::vector<ClarifyOption> options;
    bool empty() const { return options.empty(); }
};

struct SearchResponse {
    std::string query;
    std::size_t total = 0;
    std::size_t offset = 0, limit = 0;
    std::vector<SearchHit> results;
    std::string suggestion;            // "" when none
    std::vector<std::string> dropped;  // filler words left out (folded)
    // "type", "field", "level", "online", "unit" → values by decreasing count.
    std::map<std::string, std::vector<FacetCount>> facets;
    // How sure the engine is that the results answer the question: "high" (the first result is
    // the answer), "low" (results that may help, shown under "Có thể bạn cần"), "none" (no
    // procedure matches the question's key concept: nothing is shown as the answer).
    std::string confidence = "high";
    // A follow-up ("nộp ở đâu") is searched with the latest earlier question that names a
    // procedure: that question (or, when only all of them together find a sure answer, those
    // questions joined by " / "); "" otherwise.
    std::string context_used;
    std::string action;  // the action recognised in the question ("cấp lại"); "" when none
    Clarify clarify;     // empty unless the top results are close variants of one procedure
};

class SearchError : public std::runtime_error {
  public:
    enum class Kind { bad_request, unavailable };
    SearchError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

  private:
    Kind kind_;
};

// The bad request that asks for nothing: no word left to search for (only punctuation, filler,
// over-long words) and no filter. Told apart by its type: `xasite search` exits 2 for it, and
// search-as-you-type answers it with no titles.
class NothingToSearchFor : public SearchError {
  public:
    NothingToSearchFor() : SearchError(Kind::bad_request, "nothing to search for") {}
};

class Searcher {
  public:
    explicit Searcher(std::filesystem::path index_dir,
                      std::chrono::milliseconds recheck = std::chrono::seconds(1));
    // The index is found again at each recheck by `locate` (a site's index: index_path_for(site),
    // which follows the site's marker, so a server follows each build's index with its site).
    explicit Searcher(std::function<std::filesystem::path()> locate,
                      std::chrono::milliseconds recheck = std::chrono::seconds(1));
    ~Searcher();
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;

    // Throws SearchError: bad_request for invalid parameters (invalid UTF-8, NUL, a query over
    // kMaxQueryChars characters, an unknown unit; NothingToSearchFor when there is nothing to
    // search for and no filter); unavailable when there is no usable index. Never lets a Xapian
    // exception out.
    SearchResponse search(const SearchRequest& request);

    // Search-as-you-type: titles for what has been typed so far (the last word as a prefix).
    std::vector<SearchHit> suggest(const std::string& query, const std::string& unit,
                                   std::size_t limit = 8);

    // The current index (reopened when rebuilt); throws SearchError(unavailable).
    std::shared_ptr<const IndexSnapshot> snapshot();
    // The unit code for a code or slug; "" when unknown.
    std::string resolve_unit(const std::string& code_or_slug);
    // The number of documents in the index at `index_dir` (opened for this); throws what opening
    // it throws (no index, another format).
    static std::size_t count_documents(const std::filesystem::path& index_dir);
    // The number of documents in the current index, opening it as a search would (so it is
    // kept open for the searches that follow); throws SearchError(unavailable).
    std::size_t document_count();

    std::filesystem::path index_dir() const;      // the index opened last (or to open)
    QueryWeights& weights() { return weights_; }  // for tuning; not thread-safe to change

  private:
    // One search of an interpretation (filters already made), with confidence and clarify.
    // `votes`: what the example questions closest to the question read say (searcher.cpp).
    SearchResponse run(const SearchRequest& request, const QueryInterpretation& in,
                       const IndexSnapshot& snap, const UnitInfo* unit,
                       const std::vector<Xapian::Query>& filters, const ExampleVotes& votes);

    struct Signature {
        unsigned long long device = 0, inode = 0, files = 0;
        long long modified = 0;
        bool operator==(const Signature&) const = default;
    };
    static Signature read_signature(const std::filesystem::path& dir);

    std::function<std::filesystem::path()> locate_;
    std::filesystem::path index_dir_;
    std::chrono::milliseconds recheck_;
    QueryWeights weights_;
    mutable std::mutex mutex_;
    // One request opens the index at a time (opening_); the others keep the current snapshot, or
    // wait on opened_ when there is none yet (the first requests after start).
    std::condition_variable opened_;
    bool opening_ = false;
    std::shared_ptr<const IndexSnapshot> current_;
    Signature signature_;
    std::chrono::steady_clock::time_point last_check_{};
    std::string last_error_;
};

// Checks a query parameter: valid UTF-8, no NUL or other control bytes except tab/newline, at most
// kMaxQueryChars characters (code points, not bytes). Returns "" when fine, else the reason.
std::string query_problem(std::string_view query);

}  // namespace xasite::search
