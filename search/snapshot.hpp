// One opened search database and what the query engine keeps in memory about it: the lexicon it
// was built with, the units, the vocabulary of folded syllables (for spelling and Telex repairs),
// the syllable pairs (title and anywhere: "did you mean" only proposes words that form a known
// pair with their neighbour) and the most frequent written form of each syllable (to show a
// suggestion with its diacritics). Immutable once opened; shared by every request that uses it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "search/index_layout.hpp"

#include "search/lexicon.hpp"

namespace xasite::search {

struct UnitInfo {
    std::string code, slug, name;
};

// One database of a sharded index: a local directory or a remote `xapian-tcpsrv`.
struct Shard {
    std::filesystem::path path;  // a local database ("" for a remote one)
    std::string host;            // a remote one: host and port
    unsigned port = 0;
    bool remote() const { return path.empty(); }
    std::string describe() const;  // the path, or "host:port"
};

// The databases a stub file names, in order (Xapian's stub database format: one database a line,
// "auto PATH" (also "glass PATH", "chert PATH"; relative to the stub's folder; a stub named there
// is read in its place), "remote :HOST:PORT" or "tcp HOST PORT"; "#" starts a comment). Throws
// std::runtime_error naming the file and line for anything else (a remote program, "inmemory").
std::vector<Shard> read_stub(const std::filesystem::path& stub);

// What a folded title says, computed from the lexicon (the same for a local and a remote shard).
struct TitleFacts {
    std::uint32_t actions = 0;  // bit a: lexicon().actions()[a] (the first 32)
    int first_action = -1;
    std::vector<std::uint16_t> events;  // indexes into lexicon().events()
};

class IndexSnapshot : public std::enable_shared_from_this<IndexSnapshot> {
  public:
    // Opens the database at `dir`: a database directory, or a stub file naming several shards
    // (read_stub), local or remote, searched as one (Xapian's combined docids: (local docid − 1) ×
    // shards + shard index + 1). The lexicon is the first shard's; the units are every shard's.
    // Throws std::runtime_error naming `dir` (and the shard) when it is missing, unreachable, not a
    // search index, or of another format version.
    static std::shared_ptr<const IndexSnapshot> open(const std::filesystem::path& dir);

    const std::filesystem::path& path() const { return path_; }
    // The databases searched (one for a database directory).
    const std::vector<Shard>& shards() const { return shards_; }
    // Whether the per-document values below are in memory: every shard is local. With a remote
    // shard they are read from the documents a search returns, and facets are counted by
    // Xapian's ValueCountMatchSpy on the servers (facet_ids, folded_title, events_of and the
    // title actions are then empty).
    bool values_in_memory() const { return values_in_memory_; }
    // The actions and life events a folded title names (what events_of and title_actions keep per
    // document).
    TitleFacts title_facts(const std::string& folded_title) const;
    const Lexicon& lexicon() const { return lexicon_; }
    Xapian::doccount document_count() const { return document_count_; }

    // Units by code; by slug.
    const UnitInfo* unit_by_code(const std::string& code) const;
    const UnitInfo* unit_by_slug(const std::string& slug) const;
    const std::map<std::string, UnitInfo>& units() const { return units_; }

    // Vocabulary of folded syllables (unprefixed terms) with their document frequency.
    std::uint32_t frequency(const std::string& folded) const;
    bool known(const std::string& folded) const { return frequency(folded) > 0; }
    // Syllables of a given byte length (for spelling candidates).
    const std::vector<std::pair<std::string, std::uint32_t>>& syllables_of_length(
        std::size_t length) const;
    // Known syllables starting with `prefix`, with their frequency (in byte order).
    std::vector<std::pair<std::string, std::uint32_t>> words_starting_with(
        const std::string& prefix, std::size_t max = 2000) const;
    bool is_title_bigram(const std::string& a, const std::string& b) const {
        return title_bigram_frequency(a, b) > 0;
    }
    // Number of documents whose title has the pair "a b".
    std::uint32_t title_bigram_frequency(const std::string& a, const std::string& b) const;
    bool is_bigram(const std::string& a, const std::string& b) const;
    // The most frequent written form of a folded syllable ("dang" → "đăng"), or the syllable.
    const std::string& display_form(const std::string& folded) const;

    // Per-document values kept in memory (read once at open, like a search engine's doc values):
    // the facet slots and the folded title, so facet counting and re-ranking need no disk reads.
    // kFacetSlots[i] is column i.
    static constexpr Xapian::valueno kFacetSlots[] = {layout::kSlotType, layout::kSlotField,
                                                      layout::kSlotLevels, layout::kSlotOnline,
                                                      layout::kSlotUnits};
    // The values of column `column` of a document ('\n'-separated lists split); empty when none.
    std::span<const std::uint32_t> facet_ids(std::size_t column, Xapian::docid doc) const;
    const std::string& facet_value(std::size_t column, std::uint32_t id) const {
        return columns_[column].names[id];
    }
    const std::string& folded_title(Xapian::docid doc) const;
    // The life events (indexes into lexicon().events()) whose title phrases the document's title
    // contains; computed at open from the folded titles.
    std::span<const std::uint16_t> events_of(Xapian::docid doc) const;
    // The actions its title names (bit a: lexicon().actions()[a], the first 32), read left to
    // right with the longest form at each position ("thay đổi" is not "đổi"); and the first one
    // (-1 when none). Computed at open.
    std::uint32_t title_actions(Xapian::docid doc) const {
        return doc < title_actions_.size() ? title_actions_[doc] : 0;
    }
    int first_title_action(Xapian::docid doc) const {
        return doc < first_action_.size() ? first_action_[doc] : -1;
    }
    // Whether "a b" (folded) is a pair of syllables of a unit's name ("ea kar", "dak lak"): a
    // place, which says nothing about the procedure asked for.
    bool is_place_pair(const std::string& a, const std::string& b) const {
        return place_pairs_.count(a + ' ' + b) > 0;
    }

    // A database handle for one request (Xapian::Database objects are not thread-safe, so each
    // concurrent request borrows its own; they are reused).
    class Lease {
      public:
        Lease(const IndexSnapshot& owner, std::unique_ptr<Xapian::Database> db)
            : owner_(&owner), db_(std::move(db)) {}
        ~Lease();
        Lease(Lease&&) = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Xapian::Database& db() { return *db_; }
        // Drops the handle instead of returning it (after a Xapian error).
        void discard() { db_.reset(); }

      private:
        const IndexSnapshot* owner_;
        std::unique_ptr<Xapian::Database> db_;
    };
    Lease acquire() const;

  private:
    IndexSnapshot() = default;
    void load(Xapian::Database& db);
    // A new handle on every shard, as one database.
    std::unique_ptr<Xapian::Database> open_database() const;

    std::filesystem::path path_;
    std::vector<Shard> shards_;
    bool values_in_memory_ = true;
    Lexicon lexicon_;
    Xapian::doccount document_count_ = 0;
    std::map<std::string, UnitInfo> units_;
    std::unordered_map<std::string, std::string> slug_to_code_;
    std::unordered_map<std::string, std::uint32_t> frequency_;
    std::vector<std::vector<std::pair<std::string, std::uint32_t>>> by_length_;
    std::vector<std::pair<std::string, std::uint32_t>> sorted_words_;
    std::unordered_map<std::string, std::uint32_t> title_bigrams_;
    std::unordered_set<std::string> bigrams_;
    std::unordered_map<std::string, std::string> display_;

    struct Column {  // compressed sparse rows: values of doc d are ids[offsets[d]..offsets[d+1])
        std::vector<std::string> names;
        std::vector<std::uint32_t> offsets, ids;
    };
    Column columns_[std::size(kFacetSlots)];
    std::vector<std::string> folded_titles_;          // by docid
    std::vector<std::vector<std::uint16_t>> events_;  // by docid
    std::unordered_set<std::string> place_pairs_;
    std::vector<std::uint32_t> title_actions_;                          // by docid
    std::vector<std::int16_t> first_action_;                            // by docid
    std::vector<std::pair<std::string, std::uint16_t>> event_needles_;  // " phrase " → event
    void load_columns(Xapian::Database& db);
    void load_events();
    void read_units(const std::string& json);

    mutable std::mutex pool_mutex_;
    mutable std::vector<std::unique_ptr<Xapian::Database>> pool_;
};

}  // namespace xasite::search
