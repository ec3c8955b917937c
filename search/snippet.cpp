#include "search/snippet.hpp"
#include "core/text.hpp"

#include <vector>

#include "search/lexicon.hpp"
#include "search/vietnamese.hpp"

namespace xasite::search {

namespace {

bool matches(const Token& token, const MatchedWords& words) {
    std::string folded =
        token.is_code ? code_key(token.lower) : fold_token(token.lower, words.lexicon);
    if (words.folded.count(folded)) return true;
    return !words.prefix.empty() && folded.size() >= words.prefix.size() &&
           folded.compare(0, words.prefix.size(), words.prefix) == 0;
}

bool only_spaces(std::string_view s) {
    for (char c : s)
        if (c != ' ') return false;
    return true;
}

// Escapes text[begin, end) marking the matched tokens among tokens[first, last).
void emit(std::string& out, std::string_view text, std::size_t begin, std::size_t end,
          const std::vector<Token>& tokens, const std::vector<bool>& matched, std::size_t first,
          std::size_t last) {
    std::size_t at = begin;
    for (std::size_t k = first; k < last; ++k) {
        if (!matched[k]) continue;
        std::size_t run_end = k;
        while (run_end + 1 < last && matched[run_end + 1] &&
               only_spaces(text.substr(tokens[run_end].end,
                                       tokens[run_end + 1].begin - tokens[run_end].end)))
            ++run_end;
        text::append_html_escaped(out, text.substr(at, tokens[k].begin - at));
        out += "<mark>";
        text::append_html_escaped(
            out, text.substr(tokens[k].begin, tokens[run_end].end - tokens[k].begin));
        out += "</mark>";
        at = tokens[run_end].end;
        k = run_end;
    }
    if (end > at) text::append_html_escaped(out, text.substr(at, end - at));
}

}  // namespace

std::string highlight_html(std::string_view text, const MatchedWords& words) {
    auto tokens = tokenize(text);
    std::vector<bool> matched(tokens.size());
    for (std::size_t k = 0; k < tokens.size(); ++k)
        matched[k] = matches(tokens[k], words);
    std::string out;
    out.reserve(text.size() + 32);
    emit(out, text, 0, text.size(), tokens, matched, 0, tokens.size());
    return out;
}

bool has_match(std::string_view text, const MatchedWords& words) {
    for (const auto& token : tokenize(text))
        if (matches(token, words)) return true;
    return false;
}

std::string snippet_html(std::string_view text, const MatchedWords& words, std::size_t max_words) {
    if (text.empty()) return {};
    auto tokens = tokenize(text);
    const std::size_t n = tokens.size();
    if (n == 0) return text::html_escape(cut_text(text, 240));
    std::vector<bool> matched(n);
    std::vector<std::string> folded(n);
    for (std::size_t k = 0; k < n; ++k) {
        matched[k] = matches(tokens[k], words);
        if (matched[k]) folded[k] = fold_token(tokens[k].lower, words.lexicon);
    }
    // The window of max_words tokens with the most distinct matched words, then the most matches.
    std::size_t best_start = 0;
    std::size_t best_distinct = 0, best_count = 0;
    for (std::size_t start = 0; start < n; ++start) {
        if (!matched[start]) continue;
        std::size_t s = start >= 3 ? start - 3 : 0;
        std::set<std::string> distinct;
        std::size_t count = 0;
        for (std::size_t k = s; k < std::min(n, s + max_words); ++k)
            if (matched[k]) {
                distinct.insert(folded[k]);
                ++count;
            }
        if (distinct.size() > best_distinct ||
            (distinct.size() == best_distinct && count > best_count)) {
            best_distinct = distinct.size();
            best_count = count;
            best_start = s;
        }
    }
    const std::size_t last = std::min(n, best_start + max_words);
    // Start at the beginning of the text when the window is near it; end at the text's end or
    // after the last token of the window.
    const std::size_t begin = best_start == 0 ? 0 : tokens[best_start].begin;
    const std::size_t end = last == n ? text.size() : tokens[last - 1].end;
    std::string out;
    if (best_start > 0) out += "… ";
    emit(out, text, begin, end, tokens, matched, best_start, last);
    if (last < n) out += " …";
    return out;
}

}  // namespace xasite::search
