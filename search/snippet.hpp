// Result text for people: the original words with their diacritics, HTML-escaped, the words that
// matched the query in <mark>…</mark> (adjacent matched words share one <mark>).
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace xasite::search {

class Lexicon;

struct MatchedWords {
    const std::set<std::string>& folded;  // folded syllables of the query and its expansions
    std::string prefix;                   // a word being typed: folded words starting with it match
    const Lexicon& lexicon;
};

// The whole text, escaped, with matches marked.
std::string highlight_html(std::string_view text, const MatchedWords& words);

// About `max_words` words around the densest group of matches (the start of the text when nothing
// matches), escaped and marked, with "…" where the text was cut. "" for empty text.
std::string snippet_html(std::string_view text, const MatchedWords& words,
                         std::size_t max_words = 30);

// Whether the text has at least one matched word.
bool has_match(std::string_view text, const MatchedWords& words);

}  // namespace xasite::search
