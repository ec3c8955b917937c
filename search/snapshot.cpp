#include "search/snapshot.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"
#include "search/index_layout.hpp"
#include "search/vietnamese.hpp"

namespace xasite::search {

namespace fs = std::filesystem;

namespace {

bool starts_with(const std::string& s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::string pair_key(const std::string& a, const std::string& b) {
    std::string k = a;
    k.push_back(layout::kBigramJoin);
    k += b;
    return k;
}

}  // namespace

std::shared_ptr<const IndexSnapshot> IndexSnapshot::open(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec) && !fs::is_regular_file(dir, ec))
        throw std::runtime_error(dir.string() +
                                 ": no search index (run `xasite build` to make one)");
    std::shared_ptr<IndexSnapshot> snap(new IndexSnapshot());
    snap->path_ = dir;
    auto db = std::make_unique<Xapian::Database>();
    try {
        *db = Xapian::Database(dir.string());
        std::string format = db->get_metadata(std::string(layout::kMetaFormat));
        if (format != layout::kFormatVersion)
            throw std::runtime_error(dir.string() + ": not an xasite search index of format " +
                                     std::string(layout::kFormatVersion) +
                                     (format.empty() ? "" : " (it has format " + format + ")") +
                                     "; rebuild it with `xasite build`");
        snap->load(*db);
    } catch (const Xapian::Error& e) {
        throw std::runtime_error(dir.string() +
                                 ": cannot open the search index: " + e.get_description());
    }
    snap->pool_.push_back(std::move(db));
    return snap;
}

void IndexSnapshot::load_columns(Xapian::Database& db) {
    const Xapian::docid last = db.get_lastdocid();
    for (std::size_t c = 0; c < std::size(kFacetSlots); ++c) {
        Column& col = columns_[c];
        std::unordered_map<std::string, std::uint32_t> id_of;
        col.offsets.assign(static_cast<std::size_t>(last) + 2, 0);
        // Value streams come in docid order; documents without a value keep an empty range.
        std::vector<std::pair<Xapian::docid, std::string>> values;
        for (auto it = db.valuestream_begin(kFacetSlots[c]);
             it != db.valuestream_end(kFacetSlots[c]); ++it)
            values.emplace_back(it.get_docid(), *it);
        std::size_t next = 0;
        for (Xapian::docid d = 0; d <= last; ++d) {
            col.offsets[d] = static_cast<std::uint32_t>(col.ids.size());
            if (next < values.size() && values[next].first == d) {
                const std::string& value = values[next++].second;
                std::size_t start = 0;
                while (start < value.size()) {
                    std::size_t end = value.find('\n', start);
                    if (end == std::string::npos) end = value.size();
                    if (end > start) {
                        auto [it, added] =
                            id_of.try_emplace(value.substr(start, end - start),
                                              static_cast<std::uint32_t>(col.names.size()));
                        if (added) col.names.push_back(it->first);
                        col.ids.push_back(it->second);
                    }
                    start = end + 1;
                }
            }
        }
        col.offsets[static_cast<std::size_t>(last) + 1] =
            static_cast<std::uint32_t>(col.ids.size());
    }
    folded_titles_.assign(static_cast<std::size_t>(last) + 1, std::string());
    for (auto it = db.valuestream_begin(layout::kSlotFoldedTitle);
         it != db.valuestream_end(layout::kSlotFoldedTitle); ++it)
        folded_titles_[it.get_docid()] = *it;
}

std::span<const std::uint32_t> IndexSnapshot::facet_ids(std::size_t column,
                                                        Xapian::docid doc) const {
    const Column& col = columns_[column];
    if (doc + 1 >= col.offsets.size()) return {};
    return std::span<const std::uint32_t>(col.ids.data() + col.offsets[doc],
                                          col.offsets[doc + 1] - col.offsets[doc]);
}

const std::string& IndexSnapshot::folded_title(Xapian::docid doc) const {
    static const std::string none;
    return doc < folded_titles_.size() ? folded_titles_[doc] : none;
}

std::span<const std::uint16_t> IndexSnapshot::events_of(Xapian::docid doc) const {
    if (doc >= events_.size()) return {};
    return events_[doc];
}

void IndexSnapshot::load_events() {
    const auto& events = lexicon_.events();
    events_.assign(folded_titles_.size(), {});
    std::vector<std::pair<std::string, std::uint16_t>> needles;
    for (std::size_t e = 0; e < events.size() && e < 65535; ++e)
        for (const auto& phrase : events[e].procedures) {
            std::string n = " ";
            for (const auto& w : phrase)
                n += w + " ";
            needles.emplace_back(std::move(n), static_cast<std::uint16_t>(e));
        }
    std::string padded;
    title_actions_.assign(folded_titles_.size(), 0);
    first_action_.assign(folded_titles_.size(), -1);
    std::vector<std::string> words;
    for (std::size_t d = 0; d < folded_titles_.size(); ++d) {
        if (folded_titles_[d].empty()) continue;
        words.clear();
        for (std::string_view w : text::split(folded_titles_[d], ' '))
            if (!w.empty()) words.emplace_back(w);
        for (std::size_t p = 0; p < words.size();) {
            std::size_t length = 0;
            const int a = lexicon_.action_form_at(words, p, &length);
            if (a < 0) {
                ++p;
                continue;
            }
            if (a < 32) title_actions_[d] |= 1u << a;
            if (first_action_[d] < 0) first_action_[d] = static_cast<std::int16_t>(a);
            p += length;
        }
        padded = " " + folded_titles_[d] + " ";
        for (const auto& [needle, e] : needles)
            if (padded.find(needle) != std::string::npos &&
                (events_[d].empty() || events_[d].back() != e))
                events_[d].push_back(e);
    }
}

void IndexSnapshot::load(Xapian::Database& db) {
    document_count_ = db.get_doccount();
    load_columns(db);
    std::string lexicon_json = db.get_metadata(std::string(layout::kMetaLexicon));
    lexicon_ = lexicon_json.empty() ? Lexicon::builtin() : Lexicon::deserialize(lexicon_json);
    load_events();
    try {
        auto units = nlohmann::json::parse(db.get_metadata(std::string(layout::kMetaUnits)));
        for (const auto& [code, value] : units.items()) {
            UnitInfo u;
            u.code = code;
            if (value.is_array() && value.size() >= 2) {
                u.slug = value[0].get<std::string>();
                u.name = value[1].get<std::string>();
            }
            if (!u.slug.empty()) slug_to_code_[u.slug] = code;
            units_[code] = std::move(u);
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path_.string() +
                                 ": malformed unit list in the search index: " + e.what());
    }
    for (const auto& [code, unit] : units_) {
        std::vector<std::string> words;
        for (const auto& token : tokenize(unit.name, 16))
            words.push_back(fold_token(token.lower, lexicon_));
        for (std::size_t k = 1; k < words.size(); ++k)
            place_pairs_.insert(words[k - 1] + ' ' + words[k]);
    }
    std::unordered_map<std::string, std::uint32_t> best_display_frequency;
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
        const std::string& term = *it;
        if (term.empty()) continue;
        const unsigned char first = static_cast<unsigned char>(term[0]);
        if (first >= 'A' && first <= 'Z') {
            if (starts_with(term, layout::kTitleBigram)) {
                title_bigrams_[term.substr(layout::kTitleBigram.size())] = it.get_termfreq();
            } else if (starts_with(term, layout::kBigram)) {
                bigrams_.insert(term.substr(layout::kBigram.size()));
            } else if (starts_with(term, layout::kExact)) {
                std::string exact = term.substr(layout::kExact.size());
                std::string folded = fold_token(exact, lexicon_);
                std::uint32_t f = it.get_termfreq();
                auto& best = best_display_frequency[folded];
                if (f > best) {
                    best = f;
                    display_[folded] = std::move(exact);
                }
            }
            continue;
        }
        std::uint32_t f = it.get_termfreq();
        frequency_[term] = f;
        bool word = true;
        for (char c : term)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) word = false;
        if (word) sorted_words_.emplace_back(term, f);  // allterms come in byte order
        if (word && term.size() <= 12) {
            if (by_length_.size() <= term.size()) by_length_.resize(term.size() + 1);
            by_length_[term.size()].emplace_back(term, f);
        }
    }
}

const UnitInfo* IndexSnapshot::unit_by_code(const std::string& code) const {
    auto it = units_.find(code);
    return it == units_.end() ? nullptr : &it->second;
}

const UnitInfo* IndexSnapshot::unit_by_slug(const std::string& slug) const {
    auto it = slug_to_code_.find(slug);
    return it == slug_to_code_.end() ? nullptr : unit_by_code(it->second);
}

std::uint32_t IndexSnapshot::frequency(const std::string& folded) const {
    auto it = frequency_.find(folded);
    return it == frequency_.end() ? 0 : it->second;
}

const std::vector<std::pair<std::string, std::uint32_t>>& IndexSnapshot::syllables_of_length(
    std::size_t length) const {
    static const std::vector<std::pair<std::string, std::uint32_t>> none;
    return length < by_length_.size() ? by_length_[length] : none;
}

std::vector<std::pair<std::string, std::uint32_t>> IndexSnapshot::words_starting_with(
    const std::string& prefix, std::size_t max) const {
    std::vector<std::pair<std::string, std::uint32_t>> out;
    auto it =
        std::lower_bound(sorted_words_.begin(), sorted_words_.end(), prefix,
                         [](const auto& entry, const std::string& p) { return entry.first < p; });
    for (; it != sorted_words_.end() && out.size() < max; ++it) {
        if (it->first.compare(0, prefix.size(), prefix) != 0) break;
        out.push_back(*it);
    }
    return out;
}

std::uint32_t IndexSnapshot::title_bigram_frequency(const std::string& a,
                                                    const std::string& b) const {
    auto it = title_bigrams_.find(pair_key(a, b));
    return it == title_bigrams_.end() ? 0 : it->second;
}

bool IndexSnapshot::is_bigram(const std::string& a, const std::string& b) const {
    return bigrams_.count(pair_key(a, b)) > 0;
}

const std::string& IndexSnapshot::display_form(const std::string& folded) const {
    auto it = display_.find(folded);
    return it == display_.end() ? folded : it->second;
}

IndexSnapshot::Lease IndexSnapshot::acquire() const {
    {
        std::lock_guard<std::mutex> lock(pool_mutex_);
        if (!pool_.empty()) {
            auto db = std::move(pool_.back());
            pool_.pop_back();
            return Lease(*this, std::move(db));
        }
    }
    try {
        return Lease(*this, std::make_unique<Xapian::Database>(path_.string()));
    } catch (const Xapian::Error& e) {
        throw std::runtime_error(path_.string() +
                                 ": cannot open the search index: " + e.get_description());
    }
}

IndexSnapshot::Lease::~Lease() {
    if (!db_ || !owner_) return;
    std::lock_guard<std::mutex> lock(owner_->pool_mutex_);
    if (owner_->pool_.size() < 64) owner_->pool_.push_back(std::move(db_));
}

}  // namespace xasite::search
