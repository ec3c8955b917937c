// From what a citizen typed to a Xapian query.
//
// interpret(): tokens folded like the index; codes recognised; unknown words repaired (Telex/VNI
// leftovers, two syllables typed as one, typos: only to a syllable that forms a known pair with a
// neighbour, or for words of 5+ letters); abbreviations and synonyms expanded; colloquial filler
// left out (a single filler word is kept when it forms a title word pair with a neighbour);
// "quoted phrases" kept as phrases.
//
// build_query(): one weighted OR over the concepts, so a looser reading always exists, with
// title ≫ keywords > body, adjacent pairs (bigrams) rewarded, exact diacritics as a small bonus
// (AND_MAYBE) and codes far above everything. The searcher then keeps the documents within a
// fraction of the best score (relative cut-off), which drops the long tail of partial matches.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <xapian.h>

namespace xasite::search {

class IndexSnapshot;

struct QueryAlternative {
    enum class Kind {
        typed,    // as typed (after repairs)
        synonym,  // an expansion from abbreviations.txt / synonyms.txt
        weak,     // a filler word kept because it forms a title pair with a neighbour
    };
    std::vector<std::string> syllables;  // folded
    Kind kind = Kind::typed;
};

struct QueryConcept {
    std::vector<QueryAlternative> alternatives;
    bool prefix = false;  // the last word while typing: its alternatives are its completions
    bool adjacent_to_previous = false;  // nothing was dropped between it and the concept before
    bool followup = false;  // only follow-up words ("lệ phí", "nộp"): names no procedure
    bool filler = false;    // filler ("vậy", "ad"), searched only because nothing else was asked
    bool event = false;     // a life event's words (events.txt), expanded to its procedures
    bool unknown = false;   // typed, in no document and not a word of the lexicon
    bool action = false;    // words of an action phrase ("làm lại", "bị mất"): they choose
                            // the title's action (QueryWeights::action_word)
};

struct QueryInterpretation {
    std::vector<QueryConcept> concepts;
    std::vector<std::string> codes;                 // code keys ("1.001193")
    std::vector<std::string> code_prefixes;         // partial codes while typing
    std::vector<std::string> exact;                 // exact forms of the words typed with marks
    std::vector<std::vector<std::string>> phrases;  // "quoted" phrases, folded
    std::vector<std::string> dropped;               // filler left out (folded)
    // Phrases of a matter outside the catalogue (outside.txt: "làm hộ chiếu", "giá vàng"),
    // folded: only a title with the phrase itself answers the question.
    std::vector<std::vector<std::string>> outside;
    std::string suggestion;           // "did you mean", with diacritics; "" when none
    std::set<std::string> highlight;  // folded syllables to highlight in results
    std::string typed_prefix;         // the unfinished last word (partial mode), folded
    // The action asked for (index into Lexicon::actions(); -1 when none): "làm lại" → cấp lại.
    int action = -1;
    // The other actions the same words are listed for (a bit per Lexicon::actions()): "hết hạn"
    // asks for cấp đổi (a card) or gia hạn (a permit), whichever the procedure has.
    std::uint32_t also_actions = 0;
    // Read together with an earlier question whose own words were only an action and follow-up
    // words ("nếu bị mất thì sao"): the action is what is asked (read_together).
    bool action_is_the_question = false;
    // Whether a word was corrected as a typo (by edit distance). Such a correction is only
    // searched when QueryOptions::apply_typo_fixes is set; otherwise it is only in `suggestion`.
    bool typo_fixed = false;
    // Whether every concept is a follow-up or filler searched as typed (or there is none): the
    // question names no procedure ("mất bao lâu vậy ad").
    bool only_followup() const { return only_followup_or(false); }
    // Whether the question names only follow-up words and an action ("nếu bị mất cái giấy đó
    // thì sao"): after another question it asks that action of the earlier question's subject.
    bool only_followup_and_action() const { return only_followup_or(true); }
    bool empty() const { return concepts.empty() && codes.empty() && code_prefixes.empty(); }

  private:
    bool only_followup_or(bool action_too) const {
        for (const auto& c : concepts)
            if (!c.followup && !c.filler && !(action_too && c.action)) return false;
        return codes.empty() && code_prefixes.empty();
    }
};

struct QueryOptions {
    bool partial = false;  // search-as-you-type: the last word may be unfinished
    // Search typo corrections (edit distance) instead of what was typed. Off by default: the
    // question is searched as typed and the correction is only offered ("Có phải bạn muốn tìm").
    // Telex/VNI leftovers ("dangw") and two syllables typed as one ("dangky") are always read.
    bool apply_typo_fixes = false;
};

// The relative weights of the parts of a query (scale factors on BM25 weights).
struct QueryWeights {
    double title = 4.0;         // S: folded title syllable
    double keywords = 1.5;      // K: field, agencies, subjects, keywords
    double text = 1.0;          // unprefixed: anywhere
    double title_bigram = 5.0;  // T: adjacent pair in the title (a phrase of the question)
    double bigram = 1.0;        // B: adjacent pair anywhere
    double exact = 0.3;         // E: exact diacritics (AND_MAYBE)
    double code = 60.0;         // XC: the code typed
    double synonym = 1.0;       // factor of an expansion against what was typed
    double weak = 0.3;          // factor of a filler word kept for its title pair
    double cutoff = 0.2;        // keep documents scoring at least this fraction of the best
    // BM25 term-frequency saturation (b = 0: no length penalty); 1.2 until issue 13's fifth round,
    // when 1.6 raised the fourth round's blind set (tune3) by 0.013 MRR@10 and left the others.
    double bm25_k1 = 1.6;
    // Re-ranking of the best results: score × (1 + title_coverage × the share of the title's
    // syllables that the query matched), so "Đăng ký tạm trú" beats a long title that also
    // contains "đăng ký tạm trú". A leading "Thủ tục" is not counted as a title syllable.
    double title_coverage = 0.5;
    // Re-ranking by the action asked for (actions.txt): × (1 + action) when the title names that
    // action, × (1 - other_action) when the title names another action only.
    double action = 0.5;
    double other_action = 0.2;
    // A follow-up that asks only an action of the earlier question's subject: × (1 -
    // unnamed_action) for the titles that do not name it.
    double unnamed_action = 0.5;
    // Factor of the action's own words in the query ("bị mất" in "khai sinh lại vì sổ gốc bị
    // mất"): they choose the variant through `action`, and weigh less than the subject.
    double action_word = 0.6;
    // Confidence (searcher.cpp, judge_confidence): a title pair of the question found in more
    // than this share of the documents' titles is no evidence ("đăng ký"); without evidence, the
    // share of the question's weight matched by the first result (judge_confidence).
    double generic_pair = 0.03;
    double confidence_high = 0.4;   // with evidence: "high" from here
    double confidence_none = 0.15;  // with evidence: "none" below, "low" between
    double confidence_low = 0.5;    // without evidence: "low" from here, "none" below
    // A question of more than this many concepts (a story) needs, with evidence, a share of only
    // confidence_none × long_question / concepts for "low".
    double long_question = 10.0;
    // A question asked after another whose own answer is not among the earlier question's results
    // is read with it when that reading's answer names at least this share of what the new
    // question names (searcher.cpp, "The conversation keeps its subject").
    double context_keep = 0.5;
    // Failing that, the reading with the earlier question is taken when its first title names
    // more of both questions than the new one's alone does: the share of the new question plus
    // context_cover × the share of the earlier one (0: never).
    double context_cover = 1.0;
    // A question asked after another: the procedures among the earlier question's first results
    // gain best score × context_prior / their rank there (a follow-up most often asks about one
    // of them; a new subject outweighs it with its own words).
    double context_prior = 0.5;
    // Variants of one procedure within this fraction of the first score are offered to choose.
    double clarify_closeness = 0.75;
    // Example questions (questions.txt, examples.hpp; searcher.cpp): the `example_neighbours`
    // closest ones with a similarity of at least `example_minimum` vote for their procedures, each
    // with its similarity (× example_other_action when its action word is not the action asked).
    // Unless a title names the whole question (question_named ≥ example_whole), a procedure gains
    // best score × example × max(example_named, 1 - example_slope × the share a title names) ×
    // its votes. A first result with votes ≥ example_low is "low" rather than "none", and one
    // with votes ≥ example_high is "high" rather than "low"; when the closest example is one no
    // procedure answers and such examples' similarities add up to example_none
    // (example_none_named when a title names the whole question) and to example_none_ratio ×
    // those of the examples that name procedures, the answer is "none". Chosen in issue 13's
    // ninth round leave-set-out: each tuning set asked with none of its own questions among the
    // examples, as a new author's would be (the eighth round chose them leave-one-out, where an
    // author's other questions still voted: a minimum of 0.2 and other_action 0.3 then). Seven
    // neighbours since the twelfth round (five before), with 1,904 more examples: better on the
    // tuning sets pooled and on the eleventh and twelfth rounds' examples, each asked
    // leave-set-out.
    double example = 3.0;
    double example_neighbours = 7;
    double example_minimum = 0.1;
    double example_whole = 0.99;
    double example_named = 0.1;
    double example_slope = 0.5;
    double example_other_action = 0.7;
    double example_low = 0.3;
    double example_high = 0.6;
    double example_none = 0.8;
    double example_none_named = 1.5;
    double example_none_ratio = 2;
    // Leave-one-out evaluation (search_eval, the quality test): an example that is the question
    // itself, or for a question asked after others the earlier ones with it ("earlier ||
    // question", as questions.txt writes a follow-up), does not vote. Never set when serving.
    bool examples_leave_out_same = false;
    // Leave-set-out evaluation (the quality test): the examples whose words are here
    // (Lexicon::example_key) do not vote, as when a new author's questions are asked. Never set
    // when serving.
    std::shared_ptr<const std::unordered_set<std::string>> examples_left_out;
};

// `query` must be valid UTF-8 (the searcher checks); at most 64 words are read.
QueryInterpretation interpret(std::string_view query, const IndexSnapshot& index,
                              const QueryOptions& options = {});

// A question read together with an earlier one of the conversation (a follow-up): the concepts
// of both, each read on its own, so that no synonym, life event, action or adjacent pair is read
// across the two ("… cho con" + "mất thì làm lại ở đâu" is no "con mất"); the action asked now
// wins, else the earlier one's. The suggestion and the unfinished word are the later question's.
QueryInterpretation read_together(QueryInterpretation earlier, QueryInterpretation now);

Xapian::Query build_query(const QueryInterpretation& interpretation,
                          const QueryWeights& weights = {});

}  // namespace xasite::search
