#include "search/examples.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"

namespace xasite::search {

namespace {

// Syllables and adjacent pairs, with their counts.
std::unordered_map<std::string, double> counts_of(const std::vector<std::string>& words) {
    std::unordered_map<std::string, double> counts;
    for (std::size_t i = 0; i < words.size(); ++i) {
        counts[words[i]] += 1;
        if (i + 1 < words.size()) counts[words[i] + '_' + words[i + 1]] += 1;
    }
    return counts;
}

std::vector<std::string> split_words(const std::string& joined) {
    std::vector<std::string> words;
    for (std::string_view w : text::split(joined, ' '))
        if (!w.empty()) words.emplace_back(w);
    return words;
}

}  // namespace

ExampleQuestions::ExampleQuestions(std::vector<Example> examples) : examples_(std::move(examples)) {
    std::vector<std::unordered_map<std::string, double>> counts;
    counts.reserve(examples_.size());
    std::unordered_map<std::string, std::size_t> holding;
    for (const auto& e : examples_) {
        counts.push_back(counts_of(split_words(e.words)));
        for (const auto& [feature, n] : counts.back())
            ++holding[feature];
    }
    const double n = static_cast<double>(examples_.size());
    for (const auto& [feature, df] : holding)
        idf_[feature] = std::log((n + 1) / (static_cast<double>(df) + 1));
    unseen_idf_ = std::log(n + 1);
    for (std::size_t i = 0; i < examples_.size(); ++i) {
        Features f;
        double norm = 0;
        for (const auto& [feature, c] : counts[i]) {
            const double w = (1 + std::log(c)) * idf_[feature];
            if (w <= 0) continue;
            f[feature] = w;
            norm += w * w;
        }
        norm = std::sqrt(norm);
        for (const auto& [feature, w] : f)
            postings_[feature].emplace_back(i, w / norm);
    }
}

ExampleQuestions::Features ExampleQuestions::features_of(
    const std::vector<std::string>& words) const {
    Features f;
    double norm = 0;
    for (const auto& [feature, c] : counts_of(words)) {
        // A word no example holds weighs in the question's length as the rarest would: a story
        // mostly about something the examples never name is not close to one that shares its
        // few common words.
        auto it = idf_.find(feature);
        const double idf = it == idf_.end() ? unseen_idf_ : it->second;
        if (idf <= 0) continue;
        const double w = (1 + std::log(c)) * idf;
        norm += w * w;
        if (it != idf_.end()) f[feature] = w;
    }
    norm = std::sqrt(norm);
    for (auto& [feature, w] : f)
        w /= norm;
    return f;
}

std::string ExampleQuestions::key(const std::vector<std::string>& folded_words) {
    std::string joined;
    for (const auto& w : folded_words) {
        if (!joined.empty()) joined.push_back(' ');
        joined += w;
    }
    return joined;
}

std::vector<ExampleQuestions::Neighbour> ExampleQuestions::nearest(
    const std::vector<std::string>& folded_words, std::size_t k, double minimum,
    bool leave_out_same, const std::unordered_set<std::string>* left_out) const {
    std::vector<Neighbour> found;
    if (examples_.empty() || k == 0) return found;
    // Dense: a few thousand examples, and common words are held by hundreds of them.
    std::vector<double> dot(examples_.size(), 0.0);
    std::vector<std::size_t> touched;
    for (const auto& [feature, w] : features_of(folded_words)) {
        auto it = postings_.find(feature);
        if (it == postings_.end()) continue;
        for (const auto& [example, v] : it->second) {
            if (dot[example] == 0.0) touched.push_back(example);
            dot[example] += w * v;
        }
    }
    const std::string same = leave_out_same ? key(folded_words) : std::string();
    for (const std::size_t example : touched) {
        const double similarity = dot[example];
        if (similarity < minimum) continue;
        if (leave_out_same && examples_[example].words == same) continue;
        if (left_out && left_out->count(examples_[example].words)) continue;
        found.push_back({example, std::min(similarity, 1.0)});
    }
    std::sort(found.begin(), found.end(), [](const Neighbour& a, const Neighbour& b) {
        return a.similarity != b.similarity ? a.similarity > b.similarity : a.example < b.example;
    });
    if (found.size() > k) found.resize(k);
    return found;
}

}  // namespace xasite::search
