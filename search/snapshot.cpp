#include "search/snapshot.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
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

std::string Shard::describe() const {
    return remote() ? host + ":" + std::to_string(port) : path.string();
}

namespace {

void read_stub_into(const fs::path& stub, std::vector<Shard>& out, int depth) {
    if (depth > 8) throw std::runtime_error(stub.string() + ": stub files nested too deep");
    std::ifstream in(stub);
    if (!in) throw std::runtime_error(stub.string() + ": cannot read the stub file");
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const auto where = [&] { return stub.string() + ":" + std::to_string(number) + ": "; };
        if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        std::vector<std::string> words;
        for (std::string_view w : text::split(line, ' '))
            if (std::string_view t = text::trim(w); !t.empty()) words.emplace_back(t);
        if (words.empty()) continue;
        const std::string& kind = words[0];
        auto port_of = [&](const std::string& text) {
            unsigned long port = 0;
            std::size_t used = 0;
            try {
                port = std::stoul(text, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != text.size() || port == 0 || port > 65535)
                throw std::runtime_error(where() + "bad port \"" + text + "\"");
            return static_cast<unsigned>(port);
        };
        if ((kind == "auto" || kind == "glass" || kind == "chert") && words.size() == 2) {
            fs::path p = words[1];
            if (p.is_relative()) p = stub.parent_path() / p;
            std::error_code ec;
            if (kind == "auto" && fs::is_regular_file(p, ec))
                read_stub_into(p, out, depth + 1);
            else
                out.push_back(Shard{p, {}, 0});
        } else if (kind == "remote" && words.size() == 2 && words[1].size() > 1 &&
                   words[1][0] == ':') {
            const std::string& address = words[1];
            const auto colon = address.rfind(':');
            if (colon == 0) throw std::runtime_error(where() + "remote :HOST:PORT expected");
            out.push_back(
                Shard{{}, address.substr(1, colon - 1), port_of(address.substr(colon + 1))});
        } else if (kind == "tcp" && words.size() == 3) {
            out.push_back(Shard{{}, words[1], port_of(words[2])});
        } else {
            throw std::runtime_error(where() +
                                     "expected \"auto PATH\", \"remote :HOST:PORT\" or \"tcp "
                                     "HOST PORT\" (the shards of a search index)");
        }
    }
    if (depth == 0 && out.empty())
        throw std::runtime_error(stub.string() + ": the stub file names no database");
}

Xapian::Database open_shard(const Shard& shard) {
    if (shard.remote()) return Xapian::Remote::open(shard.host, shard.port, 10000, 5000);
    return Xapian::Database(shard.path.string());
}

}  // namespace

std::vector<Shard> read_stub(const fs::path& stub) {
    std::vector<Shard> out;
    read_stub_into(stub, out, 0);
    return out;
}

std::unique_ptr<Xapian::Database> IndexSnapshot::open_database() const {
    auto db = std::make_unique<Xapian::Database>();
    for (const Shard& shard : shards_)
        db->add_database(open_shard(shard));
    return db;
}

std::shared_ptr<const IndexSnapshot> IndexSnapshot::open(const fs::path& dir) {
    std::error_code ec;
    const bool stub = fs::is_regular_file(dir, ec);
    if (!fs::is_directory(dir, ec) && !stub)
        throw std::runtime_error(dir.string() +
                                 ": no search index (run `xasite build` to make one)");
    std::shared_ptr<IndexSnapshot> snap(new IndexSnapshot());
    snap->path_ = dir;
    // A single-file glass database is a file too (binary); a stub file is text.
    bool stub_file = false;
    if (stub) {
        std::ifstream in(dir, std::ios::binary);
        char head[512] = {};
        in.read(head, sizeof head);
        stub_file = std::string_view(head, static_cast<std::size_t>(in.gcount())).find('\0') ==
                    std::string_view::npos;
    }
    snap->shards_ = stub_file ? read_stub(dir) : std::vector<Shard>{Shard{dir, {}, 0}};
    auto db = std::make_unique<Xapian::Database>();
    const Shard* current = nullptr;
    try {
        std::string lexicon_json;
        bool first = true;
        for (const Shard& shard : snap->shards_) {
            current = &shard;
            if (shard.remote()) snap->values_in_memory_ = false;
            Xapian::Database one = open_shard(shard);
            std::string format = one.get_metadata(std::string(layout::kMetaFormat));
            if (format != layout::kFormatVersion)
                throw std::runtime_error("not an xasite search index of format " +
                                         std::string(layout::kFormatVersion) +
                                         (format.empty() ? "" : " (it has format " + format + ")") +
                                         "; rebuild it with `xasite build`");
            if (first) lexicon_json = one.get_metadata(std::string(layout::kMetaLexicon));
            snap->read_units(one.get_metadata(std::string(layout::kMetaUnits)));
            db->add_database(one);
            first = false;
        }
        current = nullptr;
        snap->lexicon_ =
            lexicon_json.empty() ? Lexicon::builtin() : Lexicon::deserialize(lexicon_json);
        snap->load(*db);
    } catch (const Xapian::Error& e) {
        throw std::runtime_error(
            dir.string() +
            (current && stub_file ? " (shard " + current->describe() + ")" : std::string()) +
            ": cannot open the search index: " + e.get_description());
    } catch (const std::runtime_error& e) {
        if (!current) throw;
        throw std::runtime_error(
            dir.string() + (stub_file ? " (shard " + current->describe() + ")" : std::string()) +
            ": " + e.what());
    }
    snap->pool_.push_back(std::move(db));
    return snap;
}

void IndexSnapshot::read_units(const std::string& json) {
    try {
        auto units = nlohmann::json::parse(json);
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
        throw std::runtime_error(std::string("malformed unit list in the search index: ") +
                                 e.what());
    }
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

TitleFacts IndexSnapshot::title_facts(const std::string& folded_title) const {
    TitleFacts facts;
    if (folded_title.empty()) return facts;
    std::vector<std::string> words;
    for (std::string_view w : text::split(folded_title, ' '))
        if (!w.empty()) words.emplace_back(w);
    for (std::size_t p = 0; p < words.size();) {
        std::size_t length = 0;
        const int a = lexicon_.action_form_at(words, p, &length);
        if (a < 0) {
            ++p;
            continue;
        }
        if (a < 32) facts.actions |= 1u << a;
        if (facts.first_action < 0) facts.first_action = a;
        p += length;
    }
    const std::string padded = " " + folded_title + " ";
    for (const auto& [needle, e] : event_needles_)
        if (padded.find(needle) != std::string::npos &&
            (facts.events.empty() || facts.events.back() != e))
            facts.events.push_back(e);
    return facts;
}

void IndexSnapshot::load_events() {
    events_.assign(folded_titles_.size(), {});
    title_actions_.assign(folded_titles_.size(), 0);
    first_action_.assign(folded_titles_.size(), -1);
    for (std::size_t d = 0; d < folded_titles_.size(); ++d) {
        if (folded_titles_[d].empty()) continue;
        TitleFacts facts = title_facts(folded_titles_[d]);
        title_actions_[d] = facts.actions;
        first_action_[d] = static_cast<std::int16_t>(facts.first_action);
        events_[d] = std::move(facts.events);
    }
}

void IndexSnapshot::load(Xapian::Database& db) {
    document_count_ = db.get_doccount();
    const auto& events = lexicon_.events();
    for (std::size_t e = 0; e < events.size() && e < 65535; ++e)
        for (const auto& phrase : events[e].procedures) {
            std::string n = " ";
            for (const auto& w : phrase)
                n += w + " ";
            event_needles_.emplace_back(std::move(n), static_cast<std::uint16_t>(e));
        }
    if (values_in_memory_) {
        load_columns(db);
        load_events();
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
        return Lease(*this, open_database());
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
