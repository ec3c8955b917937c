#include "search/searcher.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <xapian.h>

#include "core/text.hpp"
#include "search/analyzer.hpp"
#include "search/index_layout.hpp"
#include "search/lexicon.hpp"
#include "search/snapshot.hpp"
#include "search/snippet.hpp"
#include "search/vietnamese.hpp"

namespace xasite::search {

namespace fs = std::filesystem;

// What the example questions closest to a question say (questions.txt, examples.hpp): each code
// with the sum of the similarities of the close examples it answers, and the sum of those of the
// close examples that no procedure answers.
struct ExampleVotes {
    struct Voter {
        const std::vector<std::string>* codes;
        int action;  // the example's action word's (-1 when none)
        double similarity;
    };
    std::vector<Voter> voters;     // the closest examples that name procedures
    double outside = 0;            // the sum of the similarities of the others
    bool closest_outside = false;  // the closest example is one no procedure answers
    // A follow-up's prior: the codes among the earlier question's first results, each with
    // 1 / its rank there.
    std::map<std::string, double> earlier_results;

    double answered() const {  // the sum of the voters' similarities
        double sum = 0;
        for (const auto& v : voters)
            sum += v.similarity;
        return sum;
    }

    // Each code with its votes: a voter whose action is not the one asked (the first-time one
    // and none count as one) votes with other_action × its similarity.
    std::map<std::string, double> codes(int asked, int first_time, double other_action) const {
        auto same = [first_time](int a) { return a == first_time ? -1 : a; };
        std::map<std::string, double> votes;
        for (const auto& v : voters)
            for (const auto& code : *v.codes)
                votes[code] += v.similarity * (same(v.action) == same(asked) ? 1.0 : other_action);
        return votes;
    }
};

std::string query_problem(std::string_view query) {
    // Every code point takes 1-4 bytes: longer than this cannot be within the limit.
    if (query.size() > 4 * kMaxQueryChars)
        return "query too long (" + std::to_string(query.size()) + " bytes; at most " +
               std::to_string(kMaxQueryChars) + " characters)";
    if (!text::is_valid_utf8(query)) return "query is not valid UTF-8";
    std::size_t characters = 0;
    for (unsigned char c : query)
        if ((c & 0xC0) != 0x80) ++characters;
    if (characters > kMaxQueryChars)
        return "query too long (" + std::to_string(characters) + " characters; at most " +
               std::to_string(kMaxQueryChars) + ")";
    for (unsigned char c : query)
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            return "query contains control characters";
    return {};
}

namespace {

// Facet counts (IndexSnapshot::kFacetSlots, then the life events) of the matches at or above the
// relative cut-off, by value.
using FacetTotals = std::array<std::map<std::string, std::size_t>, 6>;
constexpr std::size_t kEventColumn = 5;

// Local shards: counted from the snapshot's in-memory columns over the MSet's items (every match,
// best first), as far as the first one below `cutoff`.
FacetTotals count_in_memory(const IndexSnapshot& snap, const Xapian::MSet& mset, double cutoff) {
    std::array<std::vector<std::size_t>, std::size(IndexSnapshot::kFacetSlots)> by_id;
    std::vector<std::size_t> by_event(snap.lexicon().events().size(), 0);
    for (auto it = mset.begin(); it != mset.end() && it.get_weight() >= cutoff; ++it) {
        const Xapian::docid doc = *it;
        for (std::size_t c = 0; c < by_id.size(); ++c)
            for (std::uint32_t id : snap.facet_ids(c, doc)) {
                if (by_id[c].size() <= id) by_id[c].resize(id + 1, 0);
                ++by_id[c][id];
            }
        for (std::uint16_t e : snap.events_of(doc))
            if (e < by_event.size()) ++by_event[e];
    }
    FacetTotals totals;
    for (std::size_t c = 0; c < by_id.size(); ++c)
        for (std::uint32_t id = 0; id < by_id[c].size(); ++id)
            if (by_id[c][id] > 0) totals[c][snap.facet_value(c, id)] = by_id[c][id];
    for (std::size_t e = 0; e < by_event.size(); ++e)
        if (by_event[e] > 0) totals[kEventColumn][snap.lexicon().events()[e].name] = by_event[e];
    return totals;
}

// Adds one document's facet values to `totals`, read from the document (any shard).
void count_document(FacetTotals& totals, const IndexSnapshot& snap, const Xapian::Document& doc) {
    for (std::size_t c = 0; c < std::size(IndexSnapshot::kFacetSlots); ++c) {
        const std::string value = doc.get_value(IndexSnapshot::kFacetSlots[c]);
        for (std::string_view one : text::split(value, '\n'))
            if (!one.empty()) ++totals[c][std::string(one)];
    }
    const auto& events = snap.lexicon().events();
    for (std::uint16_t e : snap.title_facts(doc.get_value(layout::kSlotFoldedTitle)).events)
        if (e < events.size()) ++totals[kEventColumn][events[e].name];
}

// Remote shards: counted where the documents are, by Xapian's serialisable ValueCountMatchSpy
// (one per facet slot, one on the folded titles for the life events), in a second match with the
// cut-off as a weight cut-off. A multi-valued slot is counted by combination ("commune\nprovince")
// and split here: a value's count is the sum over the combinations that hold it.
// Counted from the documents of the MSet (every match at or above `cutoff`), read from their
// shards: exact, and slower the more documents match. What count_with_spies falls back to.
FacetTotals count_from_documents(const IndexSnapshot& snap, Xapian::MSet& mset, double cutoff) {
    auto end = mset.begin();
    while (end != mset.end() && end.get_weight() >= cutoff)
        ++end;
    mset.fetch(mset.begin(), end);
    FacetTotals totals;
    for (auto it = mset.begin(); it != end; ++it)
        count_document(totals, snap, it.get_document());
    return totals;
}

FacetTotals count_with_spies(const IndexSnapshot& snap, Xapian::Enquire& enquire,
                             Xapian::MSet& mset, std::size_t total, Xapian::doccount all,
                             double cutoff) {
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    for (Xapian::valueno slot : IndexSnapshot::kFacetSlots)
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
    spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(layout::kSlotFoldedTitle));
    enquire.clear_matchspies();
    for (auto& spy : spies)
        enquire.add_matchspy(spy.get());
    if (cutoff > 0) enquire.set_cutoff(0, cutoff);
    enquire.get_mset(0, 0, all);
    enquire.clear_matchspies();
    enquire.set_cutoff(0, 0);
    // Every document has one type: the spies saw `total` documents, or the second match drew the
    // cut-off elsewhere (a weight at the boundary summed in another order, an ulp away).
    if (spies[0]->get_total() != total) return count_from_documents(snap, mset, cutoff);
    FacetTotals totals;
    for (std::size_t c = 0; c < std::size(IndexSnapshot::kFacetSlots); ++c)
        for (auto v = spies[c]->values_begin(); v != spies[c]->values_end(); ++v) {
            const std::string combination = *v;
            for (std::string_view one : text::split(combination, '\n'))
                if (!one.empty()) totals[c][std::string(one)] += v.get_termfreq();
        }
    const auto& events = snap.lexicon().events();
    auto& titles = *spies.back();
    for (auto v = titles.values_begin(); v != titles.values_end(); ++v)
        for (std::uint16_t e : snap.title_facts(*v).events)
            if (e < events.size()) totals[kEventColumn][events[e].name] += v.get_termfreq();
    return totals;
}

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
    // "Thủ tục" at the start of 415 titles is not part of the procedure's name.
    if (folded_title.rfind("thu tuc ", 0) == 0) start = 8;
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

// Whether a title whose actions are `title_actions` (a bit per Lexicon::actions()) names the action
// a question asks for (or one its words are also listed for); a title naming no action is the
// first-time variant ("Đăng ký khai sinh").
bool names_asked_action(const QueryInterpretation& in, std::uint32_t title_actions,
                        int first_time) {
    if (in.action < 0 || in.action >= 32) return false;
    return (title_actions & ((1u << in.action) | in.also_actions)) != 0 ||
           (title_actions == 0 && in.action == first_time);
}

std::string root_relative(const std::string& path) {
    if (path.empty() || is_absolute_url(path) || path.front() == '/') return path;
    return "/" + path;
}

struct Candidate {
    Xapian::docid doc;
    double score;
    std::uint32_t actions = 0;           // bit a: the title names Lexicon::actions()[a]
    int first_action = -1;               // the first action its title names; -1 when none
    const std::string* title = nullptr;  // folded (the snapshot's, or the document's value)
    bool procedure = false;
    double example = 0;  // the votes of the example questions for it (ExampleVotes)
};

std::vector<std::string> syllables_of(const std::string& folded_title) {
    std::vector<std::string> out;
    for (std::string_view w : text::split(folded_title, ' '))
        if (!w.empty()) out.emplace_back(w);
    return out;
}

// The first-time action (the one with the title form "lần đầu") and the family of a title.
class ActionMatcher {
  public:
    explicit ActionMatcher(const Lexicon& lexicon)
        : lexicon_(lexicon), first_time_(lexicon.first_time_action()) {
        generic_ = {lexicon.unify_variant("dang"), lexicon.unify_variant("ky")};
    }
    int first_time() const { return first_time_; }

    // What stays of a title once "Thủ tục" at its start, its actions and the generic "đăng ký" /
    // "cấp" are taken out: variants of one procedure have the same family.
    std::string family(const std::string& folded_title) const {
        const auto words = syllables_of(folded_title);
        std::size_t p = words.size() >= 2 && words[0] == "thu" && words[1] == "tuc" ? 2 : 0;
        std::string out;
        while (p < words.size()) {
            std::size_t length = 0;
            if (lexicon_.action_form_at(words, p, &length) >= 0) {
                p += length;
                continue;
            }
            if (p + 1 < words.size() && words[p] == generic_[0] && words[p + 1] == generic_[1]) {
                p += 2;
                continue;
            }
            if (words[p] == "cap") {
                ++p;
                continue;
            }
            if (!out.empty()) out.push_back(' ');
            out += words[p++];
        }
        return out;
    }

  private:
    const Lexicon& lexicon_;
    int first_time_ = -1;
    std::array<std::string, 2> generic_;
};

// How much a concept weighs in the question: rare words more (idf); a word in no document and in
// no list of the lexicon and a life event's words are the question's key.
double concept_weight(const QueryConcept& c, const IndexSnapshot& snap) {
    const double n = static_cast<double>(snap.document_count()) + 1.0;
    const double most = std::log(n);
    if (c.event) return most;
    // A word no document has: a name, a typo, or something outside the catalogue. It dilutes the
    // share matched without deciding alone (see judge_confidence).
    if (c.unknown) return 0.6 * most;
    const auto& typed = c.alternatives.front().syllables;
    std::uint32_t df = std::numeric_limits<std::uint32_t>::max();
    for (const auto& s : typed)
        df = std::min(df, snap.frequency(s));
    if (df == 0) return most;
    double idf = std::log(n / (static_cast<double>(df) + 1.0));
    return std::min(most, idf + 0.7 * static_cast<double>(typed.size() - 1));
}

// Which concepts of a question a folded title names: one of its readings (as typed or expanded)
// all in the title's syllables (a filler kept for its pair only when `weak_too`), or the action
// asked when the title names it ("bị mất" by "Cấp lại …").
class TitleNames {
  public:
    // `title_actions`: the actions the title names (a bit per Lexicon::actions()).
    TitleNames(const QueryInterpretation& in, const IndexSnapshot& snap,
               const std::string& folded_title, std::uint32_t title_actions)
        : names_action_(names_asked_action(in, title_actions, snap.lexicon().first_time_action())) {
        for (std::string_view w : text::split(folded_title, ' '))
            if (!w.empty()) words_.push_back(w);
        std::sort(words_.begin(), words_.end());
    }
    bool names(const QueryConcept& c, bool weak_too) const {
        if (c.action && names_action_) return true;
        auto has = [&](const std::string& s) {
            return std::binary_search(words_.begin(), words_.end(), std::string_view(s));
        };
        for (const auto& alt : c.alternatives)
            if ((weak_too || alt.kind != QueryAlternative::Kind::weak) && !alt.syllables.empty() &&
                std::all_of(alt.syllables.begin(), alt.syllables.end(), has))
                return true;
        return false;
    }

  private:
    std::vector<std::string_view> words_;
    bool names_action_;
};

// The share of a question's weight (concept_weight) whose concepts a title names (TitleNames,
// fillers kept for their pair aside). Follow-up words, life events (answered by their
// procedures, not named) and words no document has are left out.
double concept_share(const QueryInterpretation& in, const IndexSnapshot& snap,
                     const std::string& folded_title) {
    const TitleNames title(in, snap, folded_title, snap.title_facts(folded_title).actions);
    double total = 0, matched = 0;
    for (const auto& c : in.concepts) {
        if (c.followup || c.event || c.unknown || c.prefix) continue;
        const double w = concept_weight(c, snap);
        total += w;
        if (title.names(c, false)) matched += w;
    }
    return total > 0 ? matched / total : 0.0;
}

// The share of the question's concepts (follow-up words aside; unknown words, life events and
// fillers kept for their pair counted) that a candidate's title names (TitleNames), each
// counting one.
double question_named(const QueryInterpretation& in, const IndexSnapshot& snap,
                      const Candidate& candidate) {
    const TitleNames title(in, snap, *candidate.title, candidate.actions);
    std::size_t total = 0, matched = 0;
    for (const auto& c : in.concepts) {
        if (c.followup || c.prefix) continue;
        ++total;
        matched += title.names(c, true);
    }
    return total > 0 ? static_cast<double>(matched) / static_cast<double>(total) : 0.0;
}

// "high", "low" or "none" for the first result `doc`.
//  - Evidence: the result's title has an adjacent pair of syllables of the question (as typed or
//    as expanded: "khai sinh", or "giấy phép xây dựng" for "xây nhà") that is neither a place
//    ("ea kar") nor common to many titles ("đăng ký"); or the code typed.
//  - Share: the question's weight (concept_weight) that the result's title or keywords match
//    (its body counts half).
// "high": evidence, share ≥ confidence_high and the result is a procedure. "low": evidence and
// share ≥ confidence_none; or no evidence but a procedure whose title or keywords have the
// heaviest known concept and share ≥ confidence_low. "none": otherwise (no procedure matches the
// question's key concept). Thresholds chosen on the tune part of citizen-questions.tsv and on
// calibration.tsv.
std::string judge_confidence(const QueryInterpretation& in, const IndexSnapshot& snap,
                             const Xapian::Enquire& enquire, const Candidate& first,
                             const QueryWeights& weights) {
    std::set<std::string> terms(enquire.get_matching_terms_begin(first.doc),
                                enquire.get_matching_terms_end(first.doc));
    const bool procedure = first.procedure;
    for (const auto& code : in.codes)
        if (terms.count(std::string(layout::kCode) + code)) return procedure ? "high" : "low";
    // A matter outside the catalogue ("làm hộ chiếu", "giá cà phê"): only a title naming it
    // answers the question ("Trình báo mất hộ chiếu" does not answer "làm hộ chiếu").
    if (!in.outside.empty()) {
        const std::string padded = " " + *first.title + " ";
        bool named = false;
        for (const auto& phrase : in.outside) {
            std::string needle = " ";
            for (const auto& w : phrase)
                needle += w + " ";
            named = named || padded.find(needle) != std::string::npos;
        }
        if (!named) return "none";
    }
    const double generic =
        std::max(5.0, weights.generic_pair * static_cast<double>(snap.document_count()));
    bool evidence = false;
    for (const auto& t : terms) {
        if (t.rfind(layout::kTitleBigram, 0) != 0) continue;
        const auto join = t.find(layout::kBigramJoin, layout::kTitleBigram.size());
        if (join == std::string::npos) continue;
        const std::string a =
            t.substr(layout::kTitleBigram.size(), join - layout::kTitleBigram.size());
        const std::string b = t.substr(join + 1);
        if (snap.is_place_pair(a, b)) continue;
        if (static_cast<double>(snap.title_bigram_frequency(a, b)) > generic) continue;
        evidence = true;
        break;
    }
    // A phrase of three or more syllables (typed or expanded: "giấy chứng nhận quyền sử dụng
    // đất" for "sổ đỏ") found whole in the title is evidence even when each of its pairs is common.
    for (const auto& c : in.concepts) {
        if (evidence || c.followup) break;
        for (const auto& alt : c.alternatives) {
            if (alt.syllables.size() < 3) continue;
            bool whole = true;
            for (std::size_t k = 1; whole && k < alt.syllables.size(); ++k) {
                std::string t(layout::kTitleBigram);
                t += alt.syllables[k - 1];
                t.push_back(layout::kBigramJoin);
                t += alt.syllables[k];
                whole = terms.count(t) > 0;
            }
            if (whole) {
                evidence = true;
                break;
            }
        }
    }
    const bool names_action =
        names_asked_action(in, first.actions, snap.lexicon().first_time_action());
    double total = 0, matched = 0, key_weight = -1;
    int key_level = 0;
    bool event_matched = false;
    for (const auto& c : in.concepts) {
        if (c.followup) continue;
        const double w = concept_weight(c, snap);
        int level = 0;
        // The action's words ("bị rách") are answered by a title of that action ("Cấp đổi …").
        if (c.action && names_action) level = 2;
        for (const auto& alt : c.alternatives) {
            bool title = true, body = true;
            for (const auto& s : alt.syllables) {
                title = title && (terms.count(std::string(layout::kTitle) + s) ||
                                  terms.count(std::string(layout::kKeywords) + s));
                body = body && terms.count(s);
            }
            level = std::max(level, title ? 2 : body ? 1 : 0);
        }
        total += w;
        matched += level == 2 ? w : level == 1 ? 0.5 * w : 0.0;
        if (!c.unknown && w > key_weight) {
            key_weight = w;
            key_level = level;
        }
        if (c.event && level == 2) event_matched = true;
    }
    // A life event told in many words ("vợ em sắp sinh cần chuẩn bị gì") whose procedures lead.
    if (evidence && event_matched && procedure) return "high";
    const double share = total > 0 ? matched / total : 0.0;
    if (evidence && share >= weights.confidence_high) return procedure ? "high" : "low";
    // A long story's incidental words dilute its share: below confidence_none only in
    // proportion, past long_question concepts ("… nằm ở nghĩa trang liệt sĩ huyện Lộc Ninh …").
    const double none_below =
        weights.confidence_none *
        std::min(1.0, weights.long_question / std::max<double>(1.0, in.concepts.size()));
    if (evidence && share >= none_below) return "low";
    if (!evidence && procedure && key_level == 2 && share >= weights.confidence_low) return "low";
    return "none";
}

// Variants of one procedure among the first results, with close scores and different actions.
Clarify find_variants(const std::vector<Candidate>& candidates, const std::vector<SearchHit>& hits,
                      const IndexSnapshot& snap, const ActionMatcher& actions, double closeness) {
    Clarify clarify;
    if (candidates.size() < 2 || hits.size() < 2) return clarify;
    const std::size_t window = std::min<std::size_t>({candidates.size(), hits.size(), 5});
    const std::string family = actions.family(*candidates[0].title);
    if (family.empty()) return clarify;
    std::set<int> seen;
    for (std::size_t k = 0; k < window; ++k) {
        if (candidates[k].score < candidates[0].score * closeness) break;
        if (actions.family(*candidates[k].title) != family) continue;
        if (!seen.insert(candidates[k].first_action).second) continue;
        const int a = candidates[k].first_action;
        std::string label =
            a < 0 ? "lần đầu" : snap.lexicon().actions()[static_cast<std::size_t>(a)].name;
        clarify.options.push_back({label, hits[k].title, hits[k].code, hits[k].url});
    }
    if (clarify.options.size() < 2) return {};
    clarify.family = hits[0].title;
    return clarify;
}

// The procedures of a life event: titles with one of its phrases (a one-word phrase as a title
// word, a longer one as its adjacent pairs).
ExampleVotes example_votes(const std::string& question, const Lexicon& lexicon,
                           const QueryWeights& weights,
                           const std::unordered_set<std::string>* left_out) {
    ExampleVotes votes;
    if (lexicon.examples().empty()) return votes;
    const std::vector<std::string> words = lexicon.example_words(question);
    const auto k = static_cast<std::size_t>(std::max(0.0, weights.example_neighbours));
    for (const auto& n : lexicon.examples().nearest(words, k, weights.example_minimum,
                                                    weights.examples_leave_out_same, left_out)) {
        const auto& example = lexicon.examples().all()[n.example];
        if (votes.voters.empty() && votes.outside == 0)
            votes.closest_outside = example.codes.empty();
        if (example.codes.empty())
            votes.outside += n.similarity;
        else
            votes.voters.push_back({&example.codes, example.action, n.similarity});
    }
    return votes;
}

Xapian::Query event_filter(const Lexicon::Event& event) {
    std::vector<Xapian::Query> any;
    for (const auto& phrase : event.procedures) {
        if (phrase.size() == 1) {
            any.emplace_back(std::string(layout::kTitle) + phrase[0]);
            continue;
        }
        std::vector<Xapian::Query> pairs;
        for (std::size_t k = 1; k < phrase.size(); ++k) {
            std::string t(layout::kTitleBigram);
            t += phrase[k - 1];
            t.push_back(layout::kBigramJoin);
            t += phrase[k];
            pairs.emplace_back(t);
        }
        any.emplace_back(Xapian::Query::OP_AND, pairs.begin(), pairs.end());
    }
    return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

}  // namespace

Searcher::Searcher(fs::path index_dir, std::chrono::milliseconds recheck)
    : index_dir_(std::move(index_dir)), recheck_(recheck) {}

Searcher::Searcher(std::function<fs::path()> locate, std::chrono::milliseconds recheck)
    : locate_(std::move(locate)), recheck_(recheck) {
    index_dir_ = locate_();
}

Searcher::~Searcher() = default;

fs::path Searcher::index_dir() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return index_dir_;
}

Searcher::Signature Searcher::read_signature(const fs::path& dir) {
    Signature s;
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return s;
    // A stub file: its own stat and that of every local shard it names (each follows its
    // province's builds when it names "<site>.xapian", the link to the current generation).
    if (S_ISREG(st.st_mode) && st.st_size < 65536) {
        try {
            const auto shards = read_stub(dir);
            s.device = static_cast<unsigned long long>(st.st_dev);
            s.inode = static_cast<unsigned long long>(st.st_ino);
            s.modified =
                static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec;
            for (const auto& shard : shards) {
                if (shard.remote()) continue;
                const Signature one = read_signature(shard.path);
                s.files = s.files * 1'000'003ULL + one.inode * 31ULL + one.files;
                s.modified =
                    static_cast<long long>(static_cast<unsigned long long>(s.modified) * 31ULL +
                                           static_cast<unsigned long long>(one.modified));
            }
            return s;
        } catch (const std::runtime_error&) {
            // not a stub (a single-file database): as below
        }
    }
    s.device = static_cast<unsigned long long>(st.st_dev);
    s.inode = static_cast<unsigned long long>(st.st_ino);
    s.modified = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec;
    struct stat version {};
    if (::stat((dir / "iamglass").c_str(), &version) == 0) {
        s.files = static_cast<unsigned long long>(version.st_ino);
        s.modified ^= static_cast<long long>(version.st_mtim.tv_sec) * 1'000'000'007LL +
                      version.st_mtim.tv_nsec;
    }
    return s;
}

std::shared_ptr<const IndexSnapshot> Searcher::snapshot() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (current_ && std::chrono::steady_clock::now() - last_check_ < recheck_) return current_;
    // Another request is opening the index: keep the current one, or wait for it when there is
    // none, rather than open it once per request (a burst of first requests after start).
    if (opening_) {
        if (current_) return current_;
        opened_.wait(lock, [this] { return !opening_; });
        if (current_) return current_;
        throw SearchError(SearchError::Kind::unavailable, last_error_);
    }
    last_check_ = std::chrono::steady_clock::now();
    if (locate_) index_dir_ = locate_();
    const fs::path dir = index_dir_;
    const Signature now_signature = read_signature(dir);
    if (current_ && now_signature == signature_) return current_;
    opening_ = true;
    lock.unlock();
    // Open outside the lock: other requests keep using the current index meanwhile.
    std::shared_ptr<const IndexSnapshot> opened;
    std::string error;
    try {
        opened = IndexSnapshot::open(dir);
    } catch (const std::exception& e) {
        error = e.what();
    }
    lock.lock();
    opening_ = false;
    if (opened) {
        current_ = std::move(opened);
        signature_ = now_signature;
        last_error_.clear();
    } else {
        last_error_ = error;
    }
    opened_.notify_all();
    if (current_) return current_;  // e.g. caught in the middle of a swap: retry later
    throw SearchError(SearchError::Kind::unavailable, last_error_);
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

std::size_t Searcher::document_count() {
    return snapshot()->document_count();
}

SearchResponse Searcher::search(const SearchRequest& request) {
    if (std::string problem = query_problem(request.query); !problem.empty())
        throw SearchError(SearchError::Kind::bad_request, problem);
    for (const auto& earlier : request.context)
        if (std::string problem = query_problem(earlier); !problem.empty())
            throw SearchError(SearchError::Kind::bad_request, "context: " + problem);
    for (const std::string* p : {&request.unit, &request.type, &request.field, &request.level,
                                 &request.online, &request.old_unit, &request.event})
        if (p->size() > 200 || !query_problem(*p).empty())
            throw SearchError(SearchError::Kind::bad_request, "invalid filter value");
    if (request.offset > 100'000)
        throw SearchError(SearchError::Kind::bad_request, "offset too large (at most 100000)");

    auto snap = snapshot();
    const UnitInfo* unit = nullptr;
    if (!request.unit.empty()) {
        unit = snap->unit_by_code(request.unit);
        if (!unit) unit = snap->unit_by_slug(request.unit);
        if (!unit)
            throw SearchError(SearchError::Kind::bad_request,
                              "unknown unit \"" + request.unit + "\"");
    }

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
    if (!request.event.empty()) {
        const Lexicon::Event* event = snap->lexicon().event_named(text::nfc(request.event));
        if (!event)
            throw SearchError(SearchError::Kind::bad_request,
                              "unknown event \"" + request.event + "\"");
        filters.push_back(event_filter(*event));
    }

    QueryInterpretation in = interpret(request.query, *snap, QueryOptions{request.partial});
    // The earlier questions that name something (not only follow-up words), oldest first.
    std::vector<std::string> naming;
    {
        const std::size_t first =
            request.context.size() > kMaxContext ? request.context.size() - kMaxContext : 0;
        for (std::size_t k = first; k < request.context.size(); ++k) {
            QueryInterpretation e = interpret(request.context[k], *snap);
            if (!e.empty() && !e.only_followup()) naming.push_back(request.context[k]);
        }
    }

    const Lexicon& lexicon = snap->lexicon();
    // Evaluation only: the examples left out (QueryWeights), and with leave-one-out a question's
    // own follow-up example ("earlier || question").
    std::shared_ptr<const std::unordered_set<std::string>> left_out = weights_.examples_left_out;
    if (weights_.examples_leave_out_same && !request.context.empty()) {
        auto keys = left_out ? std::make_shared<std::unordered_set<std::string>>(*left_out)
                             : std::make_shared<std::unordered_set<std::string>>();
        std::string asked_before;
        for (const auto& c : request.context) {
            keys->insert(lexicon.example_key(c + " || " + request.query));
            asked_before += c + " || ";
        }
        keys->insert(lexicon.example_key(asked_before + request.query));
        left_out = std::move(keys);
    }
    auto votes_for = [&](const std::string& text) {
        return example_votes(text, lexicon, weights_, left_out.get());
    };
    // The earlier question's own first results (a follow-up most often asks about one of them).
    auto search_earlier = [&](const std::string& text) {
        SearchRequest probe = request;
        probe.offset = 0;
        probe.limit = 10;
        probe.facets = false;
        return run(probe, interpret(text, *snap, QueryOptions{request.partial}), *snap, unit,
                   filters, request.partial ? ExampleVotes{} : votes_for(text));
    };
    // The earlier question: the latest that names something, or all of them (one a line) when
    // it finds no sure answer alone but they do together: the subject is often named first
    // ("đăng ký hợp tác xã", "cần ít nhất mấy thành viên", then "lệ phí bao nhiêu").
    std::string earlier = naming.empty() ? std::string() : naming.back();
    std::optional<SearchResponse> earlier_answer;
    if (naming.size() > 1 && !request.partial) {
        earlier_answer = search_earlier(earlier);
        if (earlier_answer->confidence != "high") {
            std::string all;
            for (const auto& n : naming)
                all += (all.empty() ? "" : "\n") + n;
            SearchResponse together = search_earlier(all);
            if (together.confidence == "high") {
                earlier = std::move(all);
                earlier_answer = std::move(together);
            }
        }
    }
    auto earlier_results = [&]() -> const SearchResponse& {
        if (!earlier_answer) earlier_answer = search_earlier(earlier);
        return *earlier_answer;
    };

    // A follow-up that names no procedure ("thế còn lệ phí bao nhiêu", "nếu bị mất thì sao") is
    // read together with it (read_together: each question on its own, the action asked now first).
    std::string context_used;
    auto reading_with = [&](const std::string& earlier_text, const QueryOptions& options) {
        return read_together(interpret(earlier_text, *snap, options),
                             interpret(request.query, *snap, options));
    };
    const bool names_nothing = in.only_followup_and_action();
    if (!earlier.empty() && names_nothing) {
        context_used = earlier;
        in = reading_with(earlier, QueryOptions{request.partial});
    }

    if (in.empty() && filters.empty()) throw NothingToSearchFor();

    // A follow-up's prior: the procedures among the earlier question's first results, each with
    // 1 / its rank there (results of equal score share the rank).
    auto with_prior = [&](ExampleVotes v) {
        if (earlier.empty() || request.partial || weights_.context_prior <= 0) return v;
        const auto& results = earlier_results().results;
        std::size_t rank = 0;
        for (std::size_t k = 0; k < results.size(); ++k) {
            if (k == 0 || results[k].score < results[k - 1].score) rank = k + 1;
            if (!results[k].code.empty() && results[k].type == "procedure")
                v.earlier_results.emplace(code_key(text::fold(results[k].code)),
                                          1.0 / static_cast<double>(rank));
        }
        return v;
    };
    // The example questions closest to the question; for a follow-up that names nothing
    // ("lệ phí bao nhiêu"), to it read after the earlier question (asked alone, it has none: its
    // follow-up words alone would find the follow-ups of questions.txt). A question that names
    // something keeps its own even when read with the earlier one ("nếu chồng là người
    // Campuchia thì sao" after "đăng ký kết hôn" is not asked like "đăng ký kết hôn").
    // Not while typing (search-as-you-type): the titles of what is typed, nothing else.
    const ExampleVotes own_votes =
        with_prior(request.partial || names_nothing ? ExampleVotes{} : votes_for(request.query));
    const ExampleVotes followup_votes = with_prior(context_used.empty() || request.partial
                                                       ? ExampleVotes{}
                                                       : votes_for(earlier + "\n" + request.query));
    const ExampleVotes& votes = context_used.empty() ? own_votes : followup_votes;
    SearchResponse response = run(request, in, *snap, unit, filters, votes);
    // A question that names something but finds no good answer alone ("can mấy người làm chứng"
    // after "đăng ký giám hộ") is read with the earlier question when that finds one.
    if (!earlier.empty() && context_used.empty() && response.confidence != "high") {
        QueryInterpretation with = reading_with(earlier, QueryOptions{request.partial});
        SearchResponse together = run(request, with, *snap, unit, filters, own_votes);
        if (together.confidence == "high") {
            response = std::move(together);
            in = std::move(with);
            context_used = earlier;
        }
    }
    // The conversation keeps its subject: a follow-up that finds an answer alone, but one the
    // earlier question's results do not hold ("tiền sử dụng đất tính sao" after "chuyển đất vườn
    // lên thổ cư" → "Xóa ghi nợ tiền sử dụng đất"), is read with the earlier question when that
    // reading's answer is among them ("Chuyển mục đích sử dụng đất") and its title still names at
    // least half of what the new question asks (by weight). A new subject ("đăng ký khai tử"
    // after "đăng ký kết hôn") keeps its own answer: "Đăng ký kết hôn" names little of it.
    if (!earlier.empty() && context_used.empty() && !response.results.empty()) {
        const SearchResponse& before = earlier_results();
        auto among = [](const SearchResponse& r, const SearchHit& hit) {
            return std::any_of(r.results.begin(), r.results.end(),
                               [&](const SearchHit& b) { return b.id == hit.id; });
        };
        if (before.confidence != "none" && !among(before, response.results.front())) {
            // The earlier question read once: for the reading together and for names_both.
            const QueryOptions options{request.partial};
            const QueryInterpretation was = interpret(earlier, *snap, options);
            QueryInterpretation with = read_together(was, interpret(request.query, *snap, options));
            SearchResponse together = run(request, with, *snap, unit, filters, own_votes);
            auto title_of = [&](const SearchHit& hit) {
                return fold_title(hit.title, snap->lexicon());
            };
            auto share = [&](const SearchHit& hit) {
                return concept_share(in, *snap, title_of(hit));
            };
            // Or, when the two readings lead with different procedures, the one whose title
            // names more of the two questions together (the new one's share plus context_cover ×
            // the earlier one's): "bố muốn nhận con luôn" after "làm giấy khai sinh cho con" is
            // "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con", not "Đăng ký kết hôn".
            auto names_both = [&](const SearchHit& hit) {
                const std::string title = title_of(hit);
                return concept_share(in, *snap, title) +
                       weights_.context_cover * concept_share(was, *snap, title);
            };
            bool take = false;
            if (together.confidence != "none" && !together.results.empty()) {
                const SearchHit& now = together.results.front();
                take = among(before, now) &&
                       share(now) >= weights_.context_keep * share(response.results.front());
                if (!take && weights_.context_cover > 0 && now.id != response.results.front().id)
                    take = names_both(now) > names_both(response.results.front());
            }
            if (take) {
                response = std::move(together);
                in = std::move(with);
                context_used = earlier;
            }
        }
    }
    response.query = request.query;
    // Several earlier questions read together are shown one after the other.
    response.context_used = context_used;
    for (std::size_t p = 0; (p = response.context_used.find('\n', p)) != std::string::npos;)
        response.context_used.replace(p, 1, " / ");
    // "Did you mean": Telex/VNI and joined syllables were searched as read and are shown as
    // such; a typo correction is only offered when the question as typed has no good match and
    // the corrected one has.
    if (in.typo_fixed) {
        response.suggestion.clear();
        if (response.confidence != "high" && !request.partial) {
            QueryOptions fix{request.partial, true};
            QueryInterpretation fixed = context_used.empty() ? interpret(request.query, *snap, fix)
                                                             : reading_with(context_used, fix);
            SearchRequest probe = request;
            probe.offset = 0;
            probe.limit = 1;
            probe.facets = false;
            SearchResponse corrected = run(probe, fixed, *snap, unit, filters, votes);
            if (corrected.confidence == "high") {
                response.suggestion = in.suggestion;
                // Results may still help: shown as such, not as the answer.
                if (response.confidence == "none" && !response.results.empty())
                    response.confidence = "low";
            }
        }
    }
    return response;
}

SearchResponse Searcher::run(const SearchRequest& request, const QueryInterpretation& in,
                             const IndexSnapshot& snap_ref, const UnitInfo* unit,
                             const std::vector<Xapian::Query>& filters, const ExampleVotes& votes) {
    const IndexSnapshot* snap = &snap_ref;
    const std::size_t limit = std::clamp<std::size_t>(request.limit, 1, kMaxLimit);
    auto make_query = [&](const QueryInterpretation& reading) {
        Xapian::Query query =
            reading.empty() ? Xapian::Query::MatchAll : build_query(reading, weights_);
        if (!filters.empty()) {
            Xapian::Query filter =
                filters.size() == 1
                    ? filters[0]
                    : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
            query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
        }
        return query;
    };
    Xapian::Query query = make_query(in);
    // A quoted phrase that matches nothing does not wipe out the rest of the question.
    std::optional<QueryInterpretation> without_phrases;

    SearchResponse response;
    response.query = request.query;
    response.offset = request.offset;
    response.limit = limit;
    response.suggestion = in.suggestion;
    response.dropped = in.dropped;
    if (in.action >= 0)
        response.action = snap->lexicon().actions()[static_cast<std::size_t>(in.action)].name;

    const std::string& prefix = in.typed_prefix;
    const MatchedWords matched{in.highlight, prefix, snap->lexicon()};
    const ActionMatcher actions(snap->lexicon());

    for (int attempt = 0;; ++attempt) {
        std::optional<IndexSnapshot::Lease> held;
        try {
            held.emplace(snap->acquire());
        } catch (const std::runtime_error& e) {  // a shard cannot be reached
            throw SearchError(SearchError::Kind::unavailable, e.what());
        }
        IndexSnapshot::Lease& lease = *held;
        try {
            Xapian::Enquire enquire(lease.db());
            enquire.set_weighting_scheme(Xapian::BM25Weight(weights_.bm25_k1, 0, 1, 0, 0.5));
            enquire.set_query(query);
            // Several shards: a document more than one of them holds counts and shows once.
            if (snap->shards().size() > 1) enquire.set_collapse_key(layout::kSlotCollapse);
            const Xapian::doccount all = lease.db().get_doccount();
            // Every match, best first, with its weight (from the shards, merged by Xapian): the
            // relative cut-off, the exact total and the local facet counts come from it. The
            // best kRerankWindow results are re-ranked by title coverage; deeper pages keep
            // Xapian's order.
            Xapian::MSet mset = enquire.get_mset(0, all, all);
            const double best = mset.empty() ? 0.0 : mset.begin().get_weight();
            if (best <= 0 && !in.phrases.empty() && !without_phrases) {
                without_phrases = in;
                without_phrases->phrases.clear();
                query = make_query(*without_phrases);
                --attempt;
                continue;
            }
            if (mset.empty() && request.offset == 0) {
                response.confidence = "none";
                return response;
            }
            const std::size_t wanted = request.offset + limit;
            const bool rerank = !in.empty() && wanted <= kRerankWindow;
            const std::size_t first = rerank ? 0 : request.offset;
            const std::size_t count = rerank ? std::max(wanted, kRerankMinimum) : limit;
            // Keep the documents within a fraction of the best score (not for filter-only lists).
            const double cutoff = in.empty() ? 0.0 : best * weights_.cutoff;
            std::size_t total = 0;
            for (auto it = mset.begin(); it != mset.end() && it.get_weight() >= cutoff; ++it)
                ++total;
            response.total = total;
            std::vector<Candidate> candidates;
            std::deque<std::string> titles;  // remote shards: the candidates' folded titles
            const bool local = snap->values_in_memory();
            // `doc` is read only for remote shards (the values are in memory otherwise).
            auto make_candidate = [&](Xapian::docid id, double weight,
                                      const Xapian::Document& doc) {
                Candidate c{id, weight};
                if (local) {
                    c.title = &snap->folded_title(c.doc);
                    c.actions = snap->title_actions(c.doc);
                    c.first_action = snap->first_title_action(c.doc);
                    for (std::uint32_t facet : snap->facet_ids(0, c.doc))
                        c.procedure = c.procedure || snap->facet_value(0, facet) == "procedure";
                } else {
                    c.title = &titles.emplace_back(doc.get_value(layout::kSlotFoldedTitle));
                    const TitleFacts facts = snap->title_facts(*c.title);
                    c.actions = facts.actions;
                    c.first_action = facts.first_action;
                    c.procedure = doc.get_value(layout::kSlotType) == "procedure";
                }
                return c;
            };
            if (first < mset.size()) {
                auto begin = mset[static_cast<Xapian::doccount>(first)];
                auto end = first + count < mset.size()
                               ? mset[static_cast<Xapian::doccount>(first + count)]
                               : mset.end();
                if (!local) mset.fetch(begin, end);
                for (auto it = begin; it != end && it.get_weight() >= cutoff; ++it)
                    candidates.push_back(make_candidate(
                        *it, it.get_weight(), local ? Xapian::Document() : it.get_document()));
            }
            std::vector<Xapian::docid> joined;  // results the example questions added
            const std::map<std::string, double> voted_codes =
                votes.codes(in.action, actions.first_time(), weights_.example_other_action);
            // The share of the question that one of the first titles names (question_named): a
            // question a title names whole is answered by its words, and the example questions
            // only help the others ("xóa đăng ký thường trú" is no "xóa đăng ký tạm trú" for
            // being asked alike); the more a title names, the less they weigh.
            double named = 0;
            if (rerank && (!voted_codes.empty() || votes.outside > 0))
                for (std::size_t k = 0; k < candidates.size() && k < 10; ++k)
                    named = std::max(named, question_named(in, *snap, candidates[k]));
            const bool named_whole = named >= weights_.example_whole;
            // The documents of procedure codes (every copy of a code), each with the largest
            // weight given to one of its codes.
            auto documents_of = [&](const std::map<std::string, double>& weighted_codes) {
                std::map<Xapian::docid, double> documents;
                for (const auto& [code, weight] : weighted_codes) {
                    const std::string term = std::string(layout::kCode) + code;
                    for (auto p = lease.db().postlist_begin(term);
                         p != lease.db().postlist_end(term); ++p)
                        documents[*p] = std::max(documents[*p], weight);
                }
                return documents;
            };
            if (rerank && !voted_codes.empty() && !named_whole) {
                // The procedures the closest example questions name gain best × example × their
                // votes; one outside the window (or matching none of the words) joins it.
                std::map<Xapian::docid, double> voted = documents_of(voted_codes);
                std::vector<Xapian::Query> code_terms;
                for (const auto& voted_code : voted_codes)
                    code_terms.emplace_back(std::string(layout::kCode) + voted_code.first);
                Xapian::Query wanted_codes(Xapian::Query::OP_OR, code_terms.begin(),
                                           code_terms.end());
                if (!filters.empty())
                    wanted_codes = Xapian::Query(
                        Xapian::Query::OP_FILTER, wanted_codes,
                        Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
                Xapian::Enquire within(lease.db());
                within.set_weighting_scheme(Xapian::BoolWeight());
                within.set_query(wanted_codes);
                std::set<Xapian::docid> allowed;
                for (const Xapian::docid id : within.get_mset(0, all))
                    allowed.insert(id);
                const double factor =
                    best * weights_.example *
                    std::max(weights_.example_named, 1 - weights_.example_slope * named);
                for (auto& c : candidates)
                    if (auto v = voted.find(c.doc); v != voted.end()) {
                        c.example = v->second;
                        c.score += factor * c.example;
                        allowed.erase(c.doc);
                    }
                // Those below the cut-off (or matching none of the words) were not counted:
                // they are results now, in the total and the facets.
                std::set<Xapian::docid> counted;
                if (!allowed.empty() && count < mset.size())
                    for (auto it = mset[static_cast<Xapian::doccount>(count)];
                         it != mset.end() && it.get_weight() >= cutoff; ++it)
                        if (allowed.count(*it)) counted.insert(*it);
                for (const Xapian::docid id : allowed) {
                    Candidate c = make_candidate(
                        id, 0, local ? Xapian::Document() : lease.db().get_document(id));
                    c.example = voted[id];
                    c.score = factor * c.example;
                    candidates.push_back(c);
                    if (!counted.count(id)) joined.push_back(id);
                }
                response.total += joined.size();
            }
            if (rerank && !votes.earlier_results.empty()) {
                // A follow-up: the earlier question's results gain best × context_prior / rank.
                const std::map<Xapian::docid, double> prior = documents_of(votes.earlier_results);
                for (auto& c : candidates)
                    if (auto p = prior.find(c.doc); p != prior.end())
                        c.score += best * weights_.context_prior * p->second;
            }
            if (rerank) {
                for (auto& c : candidates) {
                    const std::string& title = *c.title;
                    c.score *=
                        1.0 + weights_.title_coverage * title_coverage(title, in.highlight, prefix);
                    if (in.action < 0 || in.action >= 32) continue;
                    if (names_asked_action(in, c.actions, actions.first_time()))
                        c.score *= 1.0 + weights_.action;
                    else if (in.action_is_the_question)
                        c.score *= 1.0 - weights_.unnamed_action;
                    else if (c.actions != 0)
                        c.score *= 1.0 - weights_.other_action;
                }
                // Equal scores (titles of one family that differ only by their action: "Gia hạn
                // tạm trú", "Đăng ký tạm trú"): a question that asks for no action gets first
                // the title that names none but the first time.
                std::uint32_t derived = 0;  // the actions that make a title a variant
                if (in.action < 0) {
                    derived = ~0u;
                    if (actions.first_time() >= 0 && actions.first_time() < 32)
                        derived &= ~(1u << actions.first_time());
                }
                std::stable_sort(candidates.begin(), candidates.end(),
                                 [derived](const Candidate& a, const Candidate& b) {
                                     if (a.score != b.score) return a.score > b.score;
                                     return (a.actions & derived) == 0 &&
                                            (b.actions & derived) != 0;
                                 });
                if (!in.empty()) {
                    if (!candidates.empty()) {
                        response.confidence =
                            judge_confidence(in, *snap, enquire, candidates.front(), weights_);
                        // Questions asked the same way name the first result: it may help.
                        if (response.confidence == "none" && in.outside.empty() &&
                            candidates.front().example >= weights_.example_low)
                            response.confidence = "low";
                        if (response.confidence == "low" && in.outside.empty() &&
                            candidates.front().example >= weights_.example_high)
                            response.confidence = "high";
                        // The closest question asked the same way is one no procedure answers
                        // ("giá cà phê hôm nay"), and such questions outweigh those that name a
                        // procedure: none (more of them when a title names the whole question).
                        if (votes.closest_outside &&
                            votes.outside >=
                                (named < 1 ? weights_.example_none : weights_.example_none_named) &&
                            votes.outside >= weights_.example_none_ratio * votes.answered())
                            response.confidence = "none";
                    } else {
                        response.confidence = "none";
                    }
                }
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
            if (rerank && !in.empty() && in.action < 0 && request.offset == 0)
                response.clarify = find_variants(candidates, response.results, *snap, actions,
                                                 weights_.clarify_closeness);
            if (request.facets) {
                const char* const names[] = {"type", "field", "level", "online", "unit", "event"};
                static_assert(std::size(names) == std::size(IndexSnapshot::kFacetSlots) + 1);
                FacetTotals totals =
                    local ? count_in_memory(*snap, mset, cutoff)
                          : count_with_spies(*snap, enquire, mset, total, all, cutoff);
                for (const Xapian::docid id : joined)
                    count_document(totals, *snap, lease.db().get_document(id));
                for (std::size_t i = 0; i < std::size(names); ++i) {
                    auto& list = response.facets[names[i]];
                    for (const auto& [value, n] : totals[i]) {
                        FacetCount fc{value, n, {}};
                        if (i < kEventColumn && IndexSnapshot::kFacetSlots[i] == layout::kSlotUnits)
                            if (const UnitInfo* u = snap->unit_by_code(fc.value))
                                fc.label = u->name;
                        list.push_back(std::move(fc));
                    }
                }
                for (auto& [name, list] : response.facets) {
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
            response.clarify = {};
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
