// The editable language data of the search (content/search/*.txt, described in its README.md):
// i/y spelling variants, colloquial filler words, abbreviations and synonyms, life events
// (events.txt), action words (actions.txt), follow-up words (followup.txt), everyday words
// that spelling repair leaves alone (words.txt), matters outside the catalogue (outside.txt) and
// example questions with their procedures (questions.txt).
// Every entry is kept
// folded (no marks, lower case), so staff may write it with or without diacritics.
//
// The index is written with one Lexicon and stores it in the database metadata; queries read it
// back from there, so the index and the queries always agree.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "search/examples.hpp"

namespace xasite::search {

class Lexicon {
  public:
    using Phrase = std::vector<std::string>;  // folded syllables

    // A life event (events.txt): "Sinh con" with the words citizens use for it and the phrases of
    // the titles of its procedures. Its words expand to those phrases like a one-way synonym.
    struct Event {
        std::string name;                // as written ("Sinh con"), the facet value
        std::vector<Phrase> words;       // folded
        std::vector<Phrase> procedures;  // folded title phrases
    };
    // An action (actions.txt): how titles name it ("cấp lại") and how citizens say it.
    struct Action {
        std::string name;                 // as written ("cấp lại")
        std::vector<Phrase> title_forms;  // folded phrases found in titles
        std::vector<Phrase> words;        // folded phrases found in questions
    };

    // A matter outside the catalogue (outside.txt): "Hộ chiếu" with the phrases that ask for it
    // ("làm hộ chiếu", "xin visa"). A question with one of them is answered only by a result whose
    // title has that phrase itself; otherwise no procedure matches it (confidence "none").
    struct Outside {
        std::string name;           // as written ("Hộ chiếu, thị thực")
        std::vector<Phrase> words;  // folded
    };

    // The files of content/search compiled into the binary.
    static const Lexicon& builtin();
    // Reads variants.txt, filler.txt, abbreviations.txt and synonyms.txt from `dir`; a file that is
    // missing there is taken from the built-in copy. Throws InputError "file:line: …" on a
    // malformed line.
    static Lexicon load_directory(const std::filesystem::path& dir);
    // The built-in files with those of `files` (by file name, as read from a content tree's
    // search/ folder) in their place; `origin` (that folder) prefixes error locations.
    static Lexicon with_overrides(const std::map<std::string, std::string>& files,
                                  const std::string& origin);
    // Parses file contents given by file name ("variants.txt", …); `origin` prefixes error
    // locations.
    static Lexicon parse(const std::map<std::string, std::string>& files,
                         const std::string& origin);

    std::string serialize() const;  // JSON, stored in the database metadata
    // Throws std::runtime_error on malformed input.
    static Lexicon deserialize(std::string_view json);

    // "ky" → "ki" for listed variants; other syllables unchanged.
    std::string unify_variant(const std::string& folded) const;

    // Whether the words [begin, begin+length) are a listed filler phrase: their folded forms
    // (`words`) match, and every word typed with marks (non-empty in `exact`, the canonical exact
    // form) has the marks of the entry, so "căn" (căn cước) is not the filler "cần".
    bool is_filler(const std::vector<std::string>& words, const std::vector<std::string>& exact,
                   std::size_t begin, std::size_t length) const;
    std::size_t longest_filler() const { return longest_filler_; }

    // The alternatives a folded phrase expands to (itself included), or nullptr when it is not a
    // synonym or abbreviation key (nor an event's words).
    const std::vector<Phrase>* expansions(const std::vector<std::string>& words, std::size_t begin,
                                          std::size_t length) const;
    // The same for words as typed: `exact` holds each word's exact form ("" when typed without
    // marks), and a word typed with marks must have those of the key as listed (mark_signature):
    // "cũ mất" is not the event words "cụ mất", "sổ hỏng" not "sổ hồng", "mà chạy" not "ma
    // chay"; "cu mat" may be either (a word typed without marks matches any).
    const std::vector<Phrase>* expansions(const std::vector<std::string>& words,
                                          const std::vector<std::string>& exact, std::size_t begin,
                                          std::size_t length) const;
    std::size_t longest_synonym_key() const { return longest_key_; }
    // Whether [begin, begin+length) of `words` is the start of a longer synonym or abbreviation
    // key ("giấy chứng" of "giấy chứng nhận …"): a reader looking for keys stops when it is not.
    bool starts_a_key(const std::vector<std::string>& words, std::size_t begin,
                      std::size_t length) const;
    // Whether a folded syllable appears in some filler or synonym entry (such words are not
    // "unknown" for spelling correction even when no document contains them).
    bool knows_word(const std::string& folded) const { return words_.count(folded) > 0; }
    // Whether a folded syllable is a word of pronouns.txt (xưng hô: "tui", "em", "nó"), which a
    // phrase may hold inside: "ba tui mất" is read as "ba mất", "vợ em sắp sinh" as "vợ sắp sinh".
    bool is_pronoun(const std::string& folded) const { return pronouns_.count(folded) > 0; }

    const std::vector<Event>& events() const { return events_; }
    const Event* event_named(std::string_view name) const;
    // Whether [begin, begin+length) of `words` is one of the words of an event.
    bool is_event_word(const std::vector<std::string>& words, std::size_t begin,
                       std::size_t length) const;
    const std::vector<Action>& actions() const { return actions_; }
    // The first-time action (the line of actions.txt with the title form "lần đầu"); -1 when none.
    int first_time_action() const {
        for (std::size_t a = 0; a < actions_.size(); ++a)
            for (const auto& form : actions_[a].title_forms)
                if (form == Phrase{"lan", "dau"}) return static_cast<int>(a);
        return -1;
    }
    // Whether words[begin…] as typed (`exact`, as for expansions) have the marks of the phrase
    // `phrase` of action `action` as listed in actions.txt: "hồng" (sổ hồng) is not "hỏng".
    bool action_word_as_typed(std::size_t action, const Phrase& phrase,
                              const std::vector<std::string>& exact, std::size_t begin) const;
    // The action whose title form is the longest one starting at words[p] (folded title
    // syllables), with its length in `*length`; -1 when none starts there.
    int action_form_at(const std::vector<std::string>& words, std::size_t p,
                       std::size_t* length) const;
    // The action of the first action word (actions.txt, the longest at each position) among
    // `words` (folded syllables); -1 when there is none.
    int first_action_word(const std::vector<std::string>& words) const;
    // Whether [begin, begin+length) of `words` is a follow-up phrase (followup.txt: "lệ phí",
    // "nộp ở đâu"): words that ask about a procedure without naming one.
    bool is_followup(const std::vector<std::string>& words, std::size_t begin,
                     std::size_t length) const;
    // The same for words as typed (`exact`, as for expansions): "thể" is not the follow-up "thế".
    bool is_followup(const std::vector<std::string>& words, const std::vector<std::string>& exact,
                     std::size_t begin, std::size_t length) const;
    std::size_t longest_followup() const { return longest_followup_; }
    const std::vector<Outside>& outside() const { return outside_; }
    // The phrases of outside.txt found in `words` (folded syllables), in order, each with the
    // index of its matter in outside(); the longest at each position, not overlapping. A match
    // for which `part_of_longer(begin, length)` is true is passed over (the query's reader says
    // so when the phrase is part of a longer name: "giá đất" in "đấu giá đất"). With `exact` (as
    // for expansions) a word typed with marks must have those of the phrase: "gia hạn" is no
    // "giá".
    std::vector<std::pair<Phrase, std::size_t>> outside_phrases(
        const std::vector<std::string>& words,
        const std::function<bool(std::size_t, std::size_t)>& part_of_longer = {},
        const std::vector<std::string>& exact = {}) const;

    // questions.txt: example questions with the procedures that answer them (or none).
    const ExampleQuestions& examples() const { return examples_; }
    // A question's words as the example questions are compared (folded syllables, codes as
    // code keys), and joined as its example would hold them (ExampleQuestions::Example::words):
    // for leaving a set of examples out while evaluating (QueryWeights::examples_left_out).
    std::vector<std::string> example_words(const std::string& question) const;
    std::string example_key(const std::string& question) const;

    std::size_t variant_count() const { return variants_.size(); }
    std::size_t filler_count() const { return fillers_.size(); }
    std::size_t synonym_key_count() const { return synonyms_.size(); }

  private:
    void add_synonym(const Phrase& key, const Phrase& alternative);
    void add_filler(const Phrase& folded, const Phrase& exact);
    void note_words(const Phrase& phrase);
    // Records the marks of a listed phrase (`written` as in the file) under `listing` (a kind
    // letter and the folded phrase: "k sổ hồng" for keys, "o …" outside, "a3 …" action 3).
    void note_marks(const std::string& listing, std::string_view written);
    bool typed_as_listed(const std::string& listing, const std::vector<std::string>& exact,
                         std::size_t begin, std::size_t length) const;

    std::map<std::string, std::string> variants_;
    // folded phrase (words joined by ' ') → the exact phrases listed with that folding
    std::map<std::string, std::vector<Phrase>> fillers_;
    std::size_t longest_filler_ = 0;
    std::map<std::string, std::vector<Phrase>> synonyms_;  // key joined by ' ' → alternatives
    std::size_t longest_key_ = 0;
    std::unordered_set<std::string> key_prefixes_;  // every proper prefix of a key, joined by ' '
    std::set<std::string> words_;
    std::set<std::string> pronouns_;  // folded
    std::vector<Event> events_;
    std::set<std::string> event_words_;  // joined by ' '
    std::vector<Action> actions_;
    std::set<std::string> followups_;  // folded phrases joined by ' '
    std::size_t longest_followup_ = 0;
    std::vector<Outside> outside_;
    std::map<std::string, std::size_t> outside_words_;  // folded phrase joined by ' ' → matter
    std::size_t longest_outside_ = 0;
    // listing → the mark signatures of each way it is written (one per syllable).
    std::map<std::string, std::vector<Phrase>> marks_;
    ExampleQuestions examples_;
    void index_outside();
};

}  // namespace xasite::search
