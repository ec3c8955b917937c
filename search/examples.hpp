// Example questions (content/search/questions.txt): questions asked the way citizens ask them,
// each with the procedures that answer it, or none when no procedure of the catalogue does. A new
// question is compared with them (TF-IDF cosine over folded syllables and adjacent pairs) and
// the procedures of the closest ones gain weight; the closest questions answered by no procedure
// are evidence that the new one is outside the catalogue too.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace xasite::search {

class ExampleQuestions {
  public:
    struct Example {
        std::string words;               // the folded syllables, joined by ' '
        std::vector<std::string> codes;  // code keys ("1.001193"); empty: outside the catalogue
        int action = -1;  // the first action its words name (Lexicon::actions()); -1 when none
    };
    struct Neighbour {
        std::size_t example;  // index in all()
        double similarity;    // cosine, 0..1
    };

    ExampleQuestions() = default;
    // `examples` with their words already folded (as Lexicon reads them).
    explicit ExampleQuestions(std::vector<Example> examples);

    const std::vector<Example>& all() const { return examples_; }
    bool empty() const { return examples_.empty(); }

    // The `k` examples most similar to `folded_words` (folded syllables of a question), best
    // first, those with a similarity of at least `minimum` only. An example whose words are
    // exactly `folded_words` is skipped when `leave_out_same` (leave-one-out evaluation), and
    // one whose words (joined by ' ', as key() joins them) are in `left_out` (leave-set-out).
    std::vector<Neighbour> nearest(const std::vector<std::string>& folded_words, std::size_t k,
                                   double minimum, bool leave_out_same = false,
                                   const std::unordered_set<std::string>* left_out = nullptr) const;

    // Folded syllables joined by ' ': the form Example::words holds.
    static std::string key(const std::vector<std::string>& folded_words);

  private:
    using Features = std::unordered_map<std::string, double>;
    Features features_of(const std::vector<std::string>& words) const;  // unit length

    std::vector<Example> examples_;
    std::unordered_map<std::string, double> idf_;
    double unseen_idf_ = 0;  // of a feature no example holds
    // feature → (example, weight) for every example holding it
    std::unordered_map<std::string, std::vector<std::pair<std::size_t, double>>> postings_;
};

}  // namespace xasite::search
