#include "search/query.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

#include "core/text.hpp"
#include "search/index_layout.hpp"
#include "search/lexicon.hpp"
#include "search/snapshot.hpp"
#include "search/vietnamese.hpp"

namespace xasite::search {

namespace {

constexpr std::size_t kMaxWords = 64;

bool is_quote(char32_t c) {
    return c == U'"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB;
}

bool all_digits(const std::string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool plain_word(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
}

struct Word {
    std::vector<std::string> folded;  // usually one syllable; two after splitting "dangky"
    std::string typed;                // lower case as typed
    bool repaired = false;
    bool typo = false;                  // repaired by edit distance (not applied unless asked)
    std::vector<std::string> original;  // the folded form as typed, when repaired
    bool quoted = false;
    int phrase = -1;           // index into phrases when quoted
    bool after_break = false;  // a comma, full stop, … between it and the word before
    bool date_edge = false;    // a date starts or ends between it and the word before
};

class Interpreter {
  public:
    Interpreter(const IndexSnapshot& index, const QueryOptions& options)
        : index_(index), lexicon_(index.lexicon()), options_(options) {}

    QueryInterpretation run(std::string_view query) {
        std::string text = clean_text(query);
        find_quotes(text);
        find_slash_codes(text);
        read_tokens(text);
        repair();
        build_concepts();
        make_suggestion();
        return std::move(out_);
    }

  private:
    // Byte ranges inside "…" (an unterminated quote quotes nothing).
    void find_quotes(const std::string& text) {
        std::optional<std::size_t> open;
        for (std::size_t i = 0; i < text.size();) {
            std::size_t at = i;
            char32_t c = text::decode_utf8(text, i);
            if (!is_quote(c)) continue;
            if (open) {
                quoted_.emplace_back(*open, at);
                open.reset();
            } else {
                open = i;
            }
        }
    }

    int quote_of(std::size_t offset) const {
        for (std::size_t q = 0; q < quoted_.size(); ++q)
            if (offset >= quoted_[q].first && offset < quoted_[q].second)
                return static_cast<int>(q);
        return -1;
    }

    // The date a byte is in (index into dates_), -1 when none.
    int date_at(std::size_t offset) const {
        for (std::size_t d = 0; d < dates_.size(); ++d)
            if (offset >= dates_[d].first && offset < dates_[d].second) return static_cast<int>(d);
        return -1;
    }

    // A date ("2/9", "1/7/2025", "7/2025"): day/month[/year] or month/year, digits only.
    static bool is_date(std::string_view chunk) {
        std::array<int, 3> value{};
        std::array<std::size_t, 3> length{};
        std::size_t parts = 0;
        for (std::string_view rest = chunk;;) {
            const std::size_t slash = rest.find('/');
            const std::string_view part = rest.substr(0, slash);
            if (parts == value.size() || part.empty() || part.size() > 4 ||
                part.find_first_not_of("0123456789") != std::string_view::npos)
                return false;
            for (char d : part)
                value[parts] = value[parts] * 10 + (d - '0');
            length[parts++] = part.size();
            if (slash == std::string_view::npos) break;
            rest.remove_prefix(slash + 1);
        }
        const bool day = value[0] >= 1 && value[0] <= 31;
        const bool month = value[1] >= 1 && value[1] <= 12;
        if (parts == 2)
            return (day && month && length[1] <= 2) ||
                   (value[0] >= 1 && value[0] <= 12 && length[1] == 4);
        return parts == 3 && day && month && (length[2] == 2 || length[2] == 4);
    }

    // Document numbers such as "156/KH-UBND" are looked up as codes as typed; dates ("2/9") are
    // not codes.
    void find_slash_codes(const std::string& text) {
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find_first_of(" \t\n", start);
            if (end == std::string::npos) end = text.size();
            std::string_view chunk(text.data() + start, end - start);
            while (!chunk.empty() &&
                   std::string_view(",.;:()\"").find(chunk.back()) != std::string_view::npos)
                chunk.remove_suffix(1);
            while (!chunk.empty() &&
                   std::string_view(",.;:()\"").find(chunk.front()) != std::string_view::npos)
                chunk.remove_prefix(1);
            start = end + 1;
            if (chunk.find('/') == std::string_view::npos ||
                chunk.find_first_of("0123456789") == std::string_view::npos || chunk.size() > 60)
                continue;
            if (is_date(chunk)) {
                // Its numbers are read as words, but pair with no word around ("lễ 2/9 năm nay"
                // is no "9 năm"; "sau ngày 30/4/1975" keeps "30 4" and "4 1975").
                const auto at = static_cast<std::size_t>(chunk.data() - text.data());
                dates_.emplace_back(at, at + chunk.size());
            } else {
                out_.codes.push_back(code_key(text::fold(chunk)));
            }
        }
    }

    void read_tokens(const std::string& text) {
        auto tokens = tokenize(text, kMaxWords);
        const bool typing_last =
            options_.partial && !tokens.empty() && tokens.back().end == text.size();
        for (std::size_t t = 0; t < tokens.size(); ++t) {
            const Token& token = tokens[t];
            const bool last = t + 1 == tokens.size();
            if (token.is_code) {
                std::string key = code_key(token.lower);
                if (last && typing_last)
                    out_.code_prefixes.push_back(key);
                else
                    out_.codes.push_back(key);
                continue;
            }
            Word w;
            w.typed = token.lower;
            if (t > 0) {
                w.after_break = text.find_first_of(",.;:!?\n", tokens[t - 1].end) < token.begin;
                w.date_edge = date_at(token.begin) != date_at(tokens[t - 1].begin);
            }
            std::string folded = fold_token(token.lower, lexicon_);
            if (folded.empty() || folded.size() > layout::kMaxTermBytes) continue;
            w.folded.push_back(std::move(folded));
            int q = quote_of(token.begin);
            if (q >= 0) {
                w.quoted = true;
                w.phrase = q;
            }
            if (has_marks(token.lower)) out_.exact.push_back(canonical_tone_placement(token.lower));
            // A number typed while a code is being typed ("1" of "1.00…") is a code prefix too.
            if (last && typing_last && all_digits(w.folded[0]) && w.folded[0].size() <= 2)
                out_.code_prefixes.push_back(w.folded[0] + ".");
            words_.push_back(std::move(w));
        }
        prefix_word_ = typing_last && !words_.empty() && !tokens.back().is_code;
        // Quoted phrases, from the quoted words in order.
        out_.phrases.resize(quoted_.size());
        for (const auto& w : words_)
            if (w.phrase >= 0)
                for (const auto& f : w.folded)
                    out_.phrases[static_cast<std::size_t>(w.phrase)].push_back(f);
        out_.phrases.erase(std::remove_if(out_.phrases.begin(), out_.phrases.end(),
                                          [](const auto& p) { return p.empty(); }),
                           out_.phrases.end());
    }

    bool known(const std::string& w) const {
        return index_.known(w) || lexicon_.knows_word(w) || all_digits(w);
    }

    // The neighbour's syllable used as context for a repair.
    const std::string* neighbour(std::size_t i, int direction) const {
        if (direction < 0 && i == 0) return nullptr;
        std::size_t j = direction < 0 ? i - 1 : i + 1;
        if (j >= words_.size()) return nullptr;
        const auto& f = words_[j].folded;
        const std::string& s = direction < 0 ? f.back() : f.front();
        return index_.known(s) ? &s : nullptr;
    }

    void repair() {
        for (std::size_t i = 0; i < words_.size(); ++i) {
            if (prefix_word_ && i + 1 == words_.size()) break;  // still being typed
            Word& w = words_[i];
            if (w.folded.size() != 1) continue;
            const std::string original = w.folded[0];
            if (known(original) || !plain_word(original) || original.size() < 2) continue;
            if (auto fixed = keyboard_fix(original)) {
                w.folded = {*fixed};
            } else if (auto pair = split_fix(original)) {
                w.folded = *pair;
            } else if (auto typo = typo_fix(original, i)) {
                w.folded = {*typo};
                w.typo = true;
                out_.typo_fixed = true;
            } else {
                continue;
            }
            w.original = {original};
            w.repaired = true;
        }
    }

    std::optional<std::string> keyboard_fix(const std::string& w) const {
        std::optional<std::string> best;
        std::uint32_t best_frequency = 0;
        for (const auto& reading : keyboard_readings(w)) {
            const std::string c = lexicon_.unify_variant(reading);
            std::uint32_t f = index_.frequency(c);
            if (f > best_frequency) {
                best = c;
                best_frequency = f;
            }
        }
        return best;
    }

    // Syllables typed without the spaces between them ("tamtru", "xacnhantinhtranghonnhan"):
    // the reading into known syllables (each with a vowel), each pair of neighbours a pair of some
    // document, with the fewest syllables and then the most title pairs. None when there is no
    // such reading.
    std::optional<std::vector<std::string>> split_fix(const std::string& w) const {
        constexpr std::size_t kLongestSyllable = 7;  // "nghieng"
        const std::size_t n = w.size();
        if (n < 4 || n > 60) return std::nullopt;
        // best[{begin, end}]: the best reading of w[0, end) whose last syllable is w[begin, end)
        // as (syllables, -title pairs), and where the previous syllable began.
        struct Reading {
            std::size_t syllables = 0;
            long title_pairs = 0;
            std::size_t previous = 0;
            bool reached = false;
        };
        std::map<std::pair<std::size_t, std::size_t>, Reading> best;
        auto piece = [&](std::size_t b, std::size_t e) {
            return lexicon_.unify_variant(w.substr(b, e - b));
        };
        auto better = [](const Reading& a, const Reading& b) {
            return !b.reached || a.syllables < b.syllables ||
                   (a.syllables == b.syllables && a.title_pairs > b.title_pairs);
        };
        for (std::size_t end = 1; end <= n; ++end)
            for (std::size_t begin = end > kLongestSyllable ? end - kLongestSyllable : 0;
                 begin < end; ++begin) {
                const std::string syllable = piece(begin, end);
                if (syllable.find_first_of("aeiouy") == std::string::npos ||
                    !index_.known(syllable))
                    continue;
                Reading r;
                if (begin == 0) {
                    r = {1, 0, 0, true};
                } else {
                    for (std::size_t prev = begin > kLongestSyllable ? begin - kLongestSyllable : 0;
                         prev < begin; ++prev) {
                        auto it = best.find({prev, begin});
                        if (it == best.end()) continue;
                        const std::string before = piece(prev, begin);
                        if (!index_.is_bigram(before, syllable)) continue;
                        Reading c{it->second.syllables + 1,
                                  it->second.title_pairs +
                                      (index_.is_title_bigram(before, syllable) ? 1 : 0),
                                  prev, true};
                        if (better(c, r)) r = c;
                    }
                    if (!r.reached) continue;
                }
                best[{begin, end}] = r;
            }
        std::optional<std::pair<std::size_t, Reading>> last;
        for (std::size_t begin = n > kLongestSyllable ? n - kLongestSyllable : 0; begin < n;
             ++begin)
            if (auto it = best.find({begin, n}); it != best.end() && it->second.syllables >= 2 &&
                                                 (!last || better(it->second, last->second)))
                last = std::make_pair(begin, it->second);
        if (!last) return std::nullopt;
        std::vector<std::string> out;
        for (std::size_t begin = last->first, end = n;;) {
            out.push_back(piece(begin, end));
            if (begin == 0) break;
            const std::size_t previous = best.at({begin, end}).previous;
            end = begin;
            begin = previous;
        }
        std::reverse(out.begin(), out.end());
        return out;
    }

    // A known syllable within one edit (two from 8 letters) that forms a known pair with a
    // neighbour; without such context only words of 5+ letters are corrected.
    std::optional<std::string> typo_fix(const std::string& w, std::size_t i) const {
        const std::size_t max_distance = w.size() >= 8 ? 2 : 1;
        const std::string* before = neighbour(i, -1);
        const std::string* after = neighbour(i, +1);
        std::optional<std::string> best;
        double best_score = 0;
        for (std::size_t length = w.size() > max_distance ? w.size() - max_distance : 1;
             length <= w.size() + max_distance; ++length) {
            for (const auto& [candidate, frequency] : index_.syllables_of_length(length)) {
                std::size_t d = typo_distance(w, candidate);
                if (d == 0 || d > max_distance) continue;
                int context = 0;
                if (before) {
                    if (index_.is_title_bigram(*before, candidate))
                        context = std::max(context, 3);
                    else if (index_.is_bigram(*before, candidate))
                        context = std::max(context, 2);
                }
                if (after) {
                    if (index_.is_title_bigram(candidate, *after))
                        context = std::max(context, 3);
                    else if (index_.is_bigram(candidate, *after))
                        context = std::max(context, 2);
                }
                if (context == 0 && w.size() < 5) continue;
                double score = context * 1e7 - static_cast<double>(d) * 1e6 +
                               static_cast<double>(std::min<std::uint32_t>(frequency, 999'999));
                if (!best || score > best_score) {
                    best = candidate;
                    best_score = score;
                }
            }
        }
        return best;
    }

    void build_concepts() {
        const std::size_t n = words_.size();
        // Flatten to syllables, remembering the word each came from.
        std::vector<std::string> syllables, exact;  // exact: "" when typed without marks
        std::vector<std::size_t> word_of;
        for (std::size_t i = 0; i < n; ++i)
            for (const auto& f : words_[i].typo && !options_.apply_typo_fixes ? words_[i].original
                                                                              : words_[i].folded) {
                syllables.push_back(f);
                exact.push_back(!words_[i].repaired && has_marks(words_[i].typed)
                                    ? canonical_tone_placement(words_[i].typed)
                                    : std::string());
                word_of.push_back(i);
            }
        const std::size_t m = syllables.size();
        // A synonym or life event is not read across a comma or a full stop: "Bình Phước cũ, gia
        // đình …" is no "cụ già".
        // Whether syllable s starts a word that has `edge` (Word::after_break, Word::date_edge).
        auto edge_before = [&](std::size_t s, bool Word::*edge) {
            return s > 0 && word_of[s] != word_of[s - 1] && words_[word_of[s]].*edge;
        };
        auto break_before = [&](std::size_t s) { return edge_before(s, &Word::after_break); };
        // An outside phrase that ends a longer name of the titles is not that matter: "giá đất"
        // in "đấu giá đất" (every pair from the word before it on is a title pair: "đấu giá",
        // "giá đất"); "tiền covid" after "hỗ trợ" stays one ("tiền covid" is in no title). Only
        // the start is checked: "giá đất ở xã" is a price, though "đất ở" is a title pair.
        auto part_of_longer = [&](std::size_t begin, std::size_t length) {
            if (begin == 0) return false;
            for (std::size_t k = begin; k < begin + length; ++k)
                if (!index_.is_title_bigram(syllables[k - 1], syllables[k])) return false;
            return true;
        };
        const bool prefix_last = prefix_word_;
        auto movable = [&](std::size_t s) {
            return !words_[word_of[s]].quoted && !(prefix_last && word_of[s] + 1 == n);
        };
        // 1. Synonyms and abbreviations: the segmentation that covers the most syllables with
        // keys (then the fewest keys), so "làm sổ đỏ" reads as "làm" + "sổ đỏ".
        struct Span {
            std::size_t begin = 0, length = 1;
            const std::vector<Lexicon::Phrase>* expansions = nullptr;
            // The syllables of its key: the span's own, or without the pronouns passed over
            // ("ba tui mất" read as "ba mất"); empty when the span is no key.
            std::vector<std::string> key;
            bool filler = false;
            bool phrase_filler = false;  // part of a filler phrase of 2+ words
            bool kept_filler = false;
            bool searched_filler = false;  // filler searched as typed: the question had no more
        };
        // An event's words right after "của" name whose thing it is, not what happened: "giấy
        // khai sinh của con mất rồi" is a lost paper, not "con mất" (a death).
        auto after_possessive = [&](std::size_t s) {
            return s > 0 && syllables[s - 1] == "cua" &&
                   (exact[s - 1].empty() || exact[s - 1] == "của");
        };
        auto key_at = [&](std::size_t s, std::size_t len) -> const std::vector<Lexicon::Phrase>* {
            for (std::size_t k = s; k < s + len; ++k)
                if (!movable(k) || (k > s && break_before(k))) return nullptr;
            // One word that folds to both a filler word and an event word is the filler as typed:
            // "de" is "để" (so that), not "đẻ" (give birth), unless typed "đẻ".
            if (len == 1 && lexicon_.is_event_word(syllables, s, 1) &&
                lexicon_.is_filler(syllables, exact, s, 1))
                return nullptr;
            if (after_possessive(s) && lexicon_.is_event_word(syllables, s, len)) return nullptr;
            // Event words typed without marks that start with a filler word and end on the first
            // word of a title pair are the filler and that pair: "co con dau" is "có con dấu"
            // (a seal), not "có con" (a child).
            if (len >= 2 && exact[s].empty() && lexicon_.is_filler(syllables, exact, s, 1) &&
                s + len < m && exact[s + len - 1].empty() &&
                lexicon_.is_event_word(syllables, s, len) &&
                index_.is_title_bigram(syllables[s + len - 1], syllables[s + len]))
                return nullptr;
            return lexicon_.expansions(syllables, exact, s, len);
        };
        // A key may pass over up to kMaxGaps pronouns inside it (pronouns.txt), as people put
        // one into a phrase: "ba tui mất" is "ba mất", "vợ em sắp sinh" is "vợ sắp sinh".
        // gapped_keys(s) lists such keys from s (key syllables, span length).
        constexpr int kMaxGaps = 2;
        // Only a pronoun that forms no title pair with a neighbour.
        auto skippable = [&](std::size_t k) {
            return movable(k) && lexicon_.is_pronoun(syllables[k]) &&
                   lexicon_.is_filler(syllables, exact, k, 1) &&
                   !lexicon_.is_event_word(syllables, k, 1) &&
                   !(k > 0 && index_.is_title_bigram(syllables[k - 1], syllables[k])) &&
                   !(k + 1 < m && index_.is_title_bigram(syllables[k], syllables[k + 1]));
        };
        auto gapped_keys = [&](std::size_t s) {
            std::vector<std::pair<std::vector<std::string>, std::size_t>> found;
            // Not from the second syllable of a title pair: "khai sinh của con" is no "sinh con".
            if (!movable(s) || !lexicon_.starts_a_key(syllables, s, 1) ||
                (s > 0 && index_.is_title_bigram(syllables[s - 1], syllables[s])))
                return found;
            std::vector<std::string> key{syllables[s]}, key_exact{exact[s]};
            // Depth-first over the following syllables: each pronoun is taken or passed over.
            auto walk = [&](auto&& self, std::size_t next, int gaps) -> void {
                if (next >= m || key.size() >= lexicon_.longest_synonym_key()) return;
                if (!movable(next) || break_before(next)) return;
                key.push_back(syllables[next]);
                key_exact.push_back(exact[next]);
                if (gaps > 0 && lexicon_.expansions(key, key_exact, 0, key.size()) &&
                    !(after_possessive(s) && lexicon_.is_event_word(key, 0, key.size())))
                    found.emplace_back(key, next + 1 - s);
                if (lexicon_.starts_a_key(key, 0, key.size())) self(self, next + 1, gaps);
                key.pop_back();
                key_exact.pop_back();
                if (gaps < kMaxGaps && skippable(next)) self(self, next + 1, gaps + 1);
            };
            walk(walk, s + 1, 0);
            return found;
        };
        // best[s] = (covered, -keys) from s to the end; choice[s] = span length taken at s (0:
        // none), with its key in choice_key[s] when it passes over pronouns.
        std::vector<std::pair<std::size_t, long>> best(m + 1, {0, 0});
        std::vector<std::size_t> choice(m + 1, 0);
        std::vector<std::vector<std::string>> choice_key(m + 1);
        auto consider = [&](std::size_t s, std::size_t len, std::vector<std::string>&& key) {
            std::pair<std::size_t, long> candidate = {best[s + len].first + len,
                                                      best[s + len].second - 1};
            if (candidate <= best[s]) return;
            best[s] = candidate;
            choice[s] = len;
            choice_key[s] = std::move(key);
        };
        for (std::size_t s = m; s-- > 0;) {
            best[s] = best[s + 1];
            choice[s] = 0;
            for (std::size_t len = 1; len <= std::min(lexicon_.longest_synonym_key(), m - s);
                 ++len) {
                const bool key = key_at(s, len) != nullptr;
                if (!key && !lexicon_.starts_a_key(syllables, s, len)) break;
                if (key)
                    consider(s, len,
                             {syllables.begin() + static_cast<long>(s),
                              syllables.begin() + static_cast<long>(s + len)});
            }
            for (auto& [key, len] : gapped_keys(s))
                consider(s, len, std::move(key));
        }
        std::vector<Span> spans;
        for (std::size_t s = 0; s < m;) {
            Span span;
            span.begin = s;
            if (choice[s] > 0) {
                span.length = choice[s];
                span.key = std::move(choice_key[s]);
                span.expansions = lexicon_.expansions(span.key, 0, span.key.size());
            }
            spans.push_back(span);
            s += span.length;
        }
        auto is_event_span = [&](const Span& span) {
            return span.expansions && lexicon_.is_event_word(span.key, 0, span.key.size());
        };
        // An outside phrase inside a longer phrase of synonyms.txt read there is that phrase's
        // matter: "tích hợp bằng lái xe vào căn cước" asks for the identity card, not a driving
        // licence.
        auto inside_synonym = [&](std::size_t begin, std::size_t length) {
            return std::any_of(spans.begin(), spans.end(), [&](const Span& span) {
                return span.expansions && !is_event_span(span) && span.length > length &&
                       span.begin <= begin && begin + length <= span.begin + span.length;
            });
        };
        auto not_the_matter = [&](std::size_t begin, std::size_t length) {
            return part_of_longer(begin, length) || inside_synonym(begin, length);
        };
        // A greeting ("ad ơi", "ok") is an outside matter only when the question is nothing else:
        // "ad ơi gia hạn tạm trú online đc ko" asks for a procedure.
        bool question_is_filler = true;
        for (std::size_t k = 0; k < m && question_is_filler; ++k)
            question_is_filler = lexicon_.is_filler(syllables, exact, k, 1);
        for (auto& [phrase, matter] : lexicon_.outside_phrases(syllables, not_the_matter, exact))
            if (question_is_filler ||
                !lexicon_.is_filler(phrase, std::vector<std::string>(phrase.size()), 0,
                                    phrase.size()))
                out_.outside.push_back(std::move(phrase));
        // 2. Filler: phrases (2+ words) always; a single word unless it forms a title pair with a
        // neighbour.
        for (std::size_t k = 0; k < spans.size();) {
            if (spans[k].expansions || !movable(spans[k].begin)) {
                ++k;
                continue;
            }
            std::size_t run = 0;  // consecutive plain spans from k
            while (k + run < spans.size() && !spans[k + run].expansions &&
                   movable(spans[k + run].begin))
                ++run;
            std::size_t matched = 0;
            for (std::size_t len = std::min(run, lexicon_.longest_filler()); len >= 2; --len)
                if (lexicon_.is_filler(syllables, exact, spans[k].begin, len)) {
                    matched = len;
                    break;
                }
            if (matched >= 2) {
                for (std::size_t j = k; j < k + matched; ++j)
                    spans[j].filler = spans[j].phrase_filler = true;
                k += matched;
                continue;
            }
            // (A pronoun inside an action phrase is none: "han" of "het han" is "hạn", not
            // "hắn".)
            if (lexicon_.is_filler(syllables, exact, spans[k].begin, 1) &&
                !(lexicon_.is_pronoun(syllables[spans[k].begin]) &&
                  in_action_phrase(syllables, exact, spans[k].begin))) {
                const std::size_t s = spans[k].begin;
                bool pairs = (s > 0 && index_.is_title_bigram(syllables[s - 1], syllables[s])) ||
                             (s + 1 < m && index_.is_title_bigram(syllables[s], syllables[s + 1]));
                spans[k].filler = !pairs;
                spans[k].kept_filler = pairs;
            }
            ++k;
        }
        // Follow-up phrases, event words, filler phrases and the action asked for.
        std::vector<char> followup(m, 0), no_action(m, 0);
        for (std::size_t s = 0; s < m;) {
            std::size_t matched = 0;
            for (std::size_t len = std::min(lexicon_.longest_followup(), m - s); len >= 1; --len)
                if (lexicon_.is_followup(syllables, exact, s, len) &&
                    !(len == 1 && in_action_phrase(syllables, exact, s, true))) {
                    matched = len;
                    break;
                }
            // (One word that ends an action phrase is no follow-up: "the" in "giai the" is
            // "giải thể", not "thế".)
            for (std::size_t k = s; k < s + matched; ++k)
                followup[k] = no_action[k] = 1;  // "mất phí" is no lost paper
            s += std::max<std::size_t>(matched, 1);
        }
        // An event's words are no action ("mới mất" is a death, not a lost paper), except the
        // first-time action they start with: "mở tiệm tạp hóa" asks to open, not to close.
        const int first_time = lexicon_.first_time_action();
        auto leading_first_time = [&](const Span& span) -> std::size_t {
            if (first_time < 0) return 0;
            std::size_t longest = 0;
            for (const auto& phrase :
                 lexicon_.actions()[static_cast<std::size_t>(first_time)].words)
                if (phrase.size() < span.length &&
                    std::equal(phrase.begin(), phrase.end(),
                               syllables.begin() + static_cast<long>(span.begin)))
                    longest = std::max(longest, phrase.size());
            return longest;
        };
        for (std::size_t k = 0; k < spans.size(); ++k) {
            const Span& span = spans[k];
            const bool event = is_event_span(span);
            if (event || span.phrase_filler)
                for (std::size_t j = span.begin + (event ? leading_first_time(span) : 0);
                     j < span.begin + span.length; ++j)
                    no_action[j] = 1;
        }
        find_action(syllables, exact, no_action);
        bool anything_left =
            std::any_of(spans.begin(), spans.end(), [](const Span& s) { return !s.filler; });
        if (!anything_left && out_.codes.empty() && out_.code_prefixes.empty())
            for (auto& s : spans) {
                s.searched_filler = s.filler;
                s.filler = false;  // only filler: search it as typed
            }
        // 3. Concepts.
        std::size_t previous_end = static_cast<std::size_t>(-1);
        for (const auto& span : spans) {
            if (span.filler) {
                for (std::size_t k = span.begin; k < span.begin + span.length; ++k)
                    out_.dropped.push_back(syllables[k]);
                continue;
            }
            QueryConcept c;
            c.adjacent_to_previous =
                previous_end == span.begin && !edge_before(span.begin, &Word::date_edge);
            c.followup = std::all_of(followup.begin() + static_cast<long>(span.begin),
                                     followup.begin() + static_cast<long>(span.begin + span.length),
                                     [](char f) { return f != 0; });
            c.filler = span.searched_filler;
            c.event = is_event_span(span);
            c.unknown = !span.expansions && span.length == 1 && !known(syllables[span.begin]);
            c.action =
                span.begin + span.length <= action_syllable_.size() &&
                std::all_of(action_syllable_.begin() + static_cast<long>(span.begin),
                            action_syllable_.begin() + static_cast<long>(span.begin + span.length),
                            [](char a) { return a != 0; });
            if (span.expansions) {
                const std::vector<std::string>& typed = span.key;
                c.alternatives.push_back({typed, QueryAlternative::Kind::typed});
                for (const auto& alt : *span.expansions)
                    if (alt != typed)
                        c.alternatives.push_back({alt, QueryAlternative::Kind::synonym});
            } else if (prefix_last && word_of[span.begin] + 1 == n) {
                // The word being typed: its likeliest completions (after the previous word).
                c.prefix = true;
                out_.typed_prefix = syllables[span.begin];
                const std::string* before = span.begin > 0 ? &syllables[span.begin - 1] : nullptr;
                for (auto& w : completions(syllables[span.begin], before))
                    c.alternatives.push_back({{std::move(w)}, QueryAlternative::Kind::typed});
                if (c.alternatives.empty()) continue;
            } else {
                c.alternatives.push_back({{syllables[span.begin]},
                                          span.kept_filler ? QueryAlternative::Kind::weak
                                                           : QueryAlternative::Kind::typed});
            }
            for (const auto& alt : c.alternatives)
                for (const auto& s : alt.syllables)
                    out_.highlight.insert(s);
            out_.concepts.push_back(std::move(c));
            previous_end = span.begin + span.length;
        }
    }

    // Whether syllables[k] is inside an action phrase of actions.txt of two or more words; with
    // `ending`, one that ends at k and starts before it.
    bool in_action_phrase(const std::vector<std::string>& syllables,
                          const std::vector<std::string>& exact, std::size_t k,
                          bool ending = false) const {
        const auto& actions = lexicon_.actions();
        for (std::size_t a = 0; a < actions.size(); ++a)
            for (const auto& phrase : actions[a].words) {
                if (phrase.size() < 2) continue;
                for (std::size_t at = 0; at < phrase.size(); ++at) {
                    if (ending && at + 1 != phrase.size()) continue;
                    if (at > k || k - at + phrase.size() > syllables.size()) continue;
                    const std::size_t begin = k - at;
                    if (std::equal(phrase.begin(), phrase.end(),
                                   syllables.begin() + static_cast<long>(begin)) &&
                        lexicon_.action_word_as_typed(a, phrase, exact, begin))
                        return true;
                }
            }
        return false;
    }

    // The action asked for: the longest action phrase of actions.txt among the syllables (not
    // those of an event's words, "mới mất", nor of a filler phrase, "mất bao lâu"); the first
    // one found wins. The syllables of every action phrase found are marked (action_syllable_).
    void find_action(const std::vector<std::string>& syllables,
                     const std::vector<std::string>& exact, const std::vector<char>& skip) {
        const auto& actions = lexicon_.actions();
        for (std::size_t s = 0; s < syllables.size(); ++s) {
            std::size_t best_length = 0;
            int best = -1;
            for (std::size_t a = 0; a < actions.size(); ++a)
                for (const auto& phrase : actions[a].words) {
                    if (phrase.size() <= best_length || s + phrase.size() > syllables.size())
                        continue;
                    bool same = true;
                    for (std::size_t k = 0; same && k < phrase.size(); ++k)
                        same = !skip[s + k] && syllables[s + k] == phrase[k];
                    if (same && lexicon_.action_word_as_typed(a, phrase, exact, s)) {
                        best_length = phrase.size();
                        best = static_cast<int>(a);
                    }
                }
            if (best < 0) continue;
            // The first action found is the one asked for; every action phrase's syllables are
            // action words ("làm lại … vì bản chính bị mất": "bị mất" too).
            if (out_.action < 0) {
                out_.action = best;
                // The same words listed for other actions too.
                const Lexicon::Phrase asked(syllables.begin() + static_cast<long>(s),
                                            syllables.begin() + static_cast<long>(s + best_length));
                for (std::size_t a = 0; a < actions.size() && a < 32; ++a)
                    if (static_cast<int>(a) != best &&
                        std::find(actions[a].words.begin(), actions[a].words.end(), asked) !=
                            actions[a].words.end() &&
                        lexicon_.action_word_as_typed(a, asked, exact, s))
                        out_.also_actions |= 1u << a;
            }
            action_syllable_.resize(syllables.size(), 0);
            for (std::size_t k = s; k < s + best_length; ++k)
                action_syllable_[k] = 1;
            s += best_length - 1;
        }
    }

    // Up to kCompletions known syllables starting with `prefix`: the word itself when known, then
    // those forming a title pair with the previous word, a pair anywhere, then the most frequent.
    std::vector<std::string> completions(const std::string& prefix,
                                         const std::string* before) const {
        constexpr std::size_t kCompletions = 6;
        std::vector<std::pair<double, std::string>> scored;
        for (const auto& [word, frequency] : index_.words_starting_with(prefix)) {
            // word typed in full ≫ pairs with the previous word in titles (by how often) ≫ pairs
            // anywhere ≫ frequency
            double score = static_cast<double>(std::min<std::uint32_t>(frequency, 99'999));
            if (word == prefix) score += 1e12;
            if (before) {
                score += static_cast<double>(index_.title_bigram_frequency(*before, word)) * 1e6;
                if (index_.is_bigram(*before, word)) score += 1e5;
            }
            scored.emplace_back(score, word);
        }
        std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        std::vector<std::string> out;
        for (std::size_t k = 0; k < scored.size() && k < kCompletions; ++k)
            out.push_back(scored[k].second);
        return out;
    }

    void make_suggestion() {
        bool any =
            std::any_of(words_.begin(), words_.end(), [](const Word& w) { return w.repaired; });
        if (!any) return;
        std::string s;
        for (const auto& w : words_) {
            if (!s.empty()) s.push_back(' ');
            if (!w.repaired) {
                s += w.typed;
                continue;
            }
            for (std::size_t k = 0; k < w.folded.size(); ++k) {
                if (k) s.push_back(' ');
                s += index_.display_form(w.folded[k]);
            }
        }
        out_.suggestion = s;
    }

    const IndexSnapshot& index_;
    const Lexicon& lexicon_;
    QueryOptions options_;
    QueryInterpretation out_;
    std::vector<char> action_syllable_;  // by syllable: part of an action phrase
    std::vector<std::pair<std::size_t, std::size_t>> quoted_;
    std::vector<std::pair<std::size_t, std::size_t>> dates_;  // byte ranges of dates ("2/9")
    std::vector<Word> words_;
    bool prefix_word_ = false;
};

Xapian::Query scaled(std::string term, double factor) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), factor);
}

std::string with_prefix(std::string_view prefix, const std::string& s) {
    std::string t(prefix);
    t += s;
    return t;
}

std::string pair_term(std::string_view prefix, const std::string& a, const std::string& b) {
    std::string t(prefix);
    t += a;
    t.push_back(layout::kBigramJoin);
    t += b;
    return t;
}

Xapian::Query or_of(const std::vector<Xapian::Query>& parts) {
    if (parts.empty()) return Xapian::Query();
    if (parts.size() == 1) return parts[0];
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace

QueryInterpretation interpret(std::string_view query, const IndexSnapshot& index,
                              const QueryOptions& options) {
    return Interpreter(index, options).run(query);
}

QueryInterpretation read_together(QueryInterpretation earlier, QueryInterpretation now) {
    QueryInterpretation out = std::move(earlier);
    auto append = [](auto& to, auto& from) {
        to.insert(to.end(), std::make_move_iterator(from.begin()),
                  std::make_move_iterator(from.end()));
    };
    if (!now.concepts.empty()) now.concepts.front().adjacent_to_previous = false;
    append(out.concepts, now.concepts);
    append(out.codes, now.codes);
    out.code_prefixes = std::move(now.code_prefixes);
    append(out.exact, now.exact);
    append(out.phrases, now.phrases);
    append(out.dropped, now.dropped);
    append(out.outside, now.outside);
    out.highlight.insert(now.highlight.begin(), now.highlight.end());
    out.suggestion = std::move(now.suggestion);
    out.typo_fixed = now.typo_fixed;
    out.typed_prefix = std::move(now.typed_prefix);
    if (now.action >= 0) {
        out.action_is_the_question = now.only_followup_and_action();
        out.action = now.action;
        out.also_actions = now.also_actions;
    }
    return out;
}

Xapian::Query build_query(const QueryInterpretation& in, const QueryWeights& w) {
    std::vector<Xapian::Query> parts;
    auto syllable = [&](std::vector<Xapian::Query>& into, const std::string& s, double f) {
        into.push_back(scaled(with_prefix(layout::kTitle, s), w.title * f));
        into.push_back(scaled(with_prefix(layout::kKeywords, s), w.keywords * f));
        into.push_back(scaled(s, w.text * f));
    };
    auto pair = [&](std::vector<Xapian::Query>& into, const std::string& a, const std::string& b,
                    double f) {
        into.push_back(scaled(pair_term(layout::kTitleBigram, a, b), w.title_bigram * f));
        into.push_back(scaled(pair_term(layout::kBigram, a, b), w.bigram * f));
    };
    auto kind_factor = [&](const QueryAlternative& a) {
        switch (a.kind) {
            case QueryAlternative::Kind::synonym:
                return w.synonym;
            case QueryAlternative::Kind::weak:
                return w.weak;
            case QueryAlternative::Kind::typed:
                break;
        }
        return 1.0;
    };
    const QueryConcept* concept_now = nullptr;
    auto factor_of = [&](const QueryAlternative& a) {
        return kind_factor(a) * (concept_now && concept_now->action ? w.action_word : 1.0);
    };
    const QueryConcept* previous = nullptr;
    for (const auto& c : in.concepts) {
        concept_now = &c;
        // The alternatives of a concept share one set of terms (a syllable in two alternatives
        // counts once, with the larger factor). An expansion longer than what was typed has its
        // terms scaled by sqrt(typed / expansion length) so that the concept keeps a comparable
        // weight whichever way it is written. (OP_MAX would express "best alternative", but
        // Xapian 1.4 flattens the ORs under it and takes the best single term.)
        std::map<std::string, double> syllable_factor, pair_factor;
        const double typed_length = static_cast<double>(c.alternatives.front().syllables.size());
        for (const auto& alt : c.alternatives) {
            double f = factor_of(alt);
            if (alt.syllables.size() > typed_length)
                f *= std::sqrt(typed_length / static_cast<double>(alt.syllables.size()));
            for (std::size_t k = 0; k < alt.syllables.size(); ++k) {
                double& sf = syllable_factor[alt.syllables[k]];
                sf = std::max(sf, f);
                if (k > 0) {
                    double& pf = pair_factor[alt.syllables[k - 1] + '\n' + alt.syllables[k]];
                    pf = std::max(pf, f);
                }
            }
        }
        std::vector<Xapian::Query> terms;
        for (const auto& [s, f] : syllable_factor)
            syllable(terms, s, f);
        for (const auto& [key, f] : pair_factor) {
            auto nl = key.find('\n');
            pair(terms, key.substr(0, nl), key.substr(nl + 1), f);
        }
        parts.push_back(or_of(terms));
        if (previous && c.adjacent_to_previous) {
            std::set<std::string> seen;
            for (const auto& a : previous->alternatives)
                for (const auto& b : c.alternatives) {
                    const std::string& x = a.syllables.back();
                    const std::string& y = b.syllables.front();
                    if (!seen.insert(x + "_" + y).second) continue;
                    const double fa = kind_factor(a) * (previous->action ? w.action_word : 1.0);
                    pair(parts, x, y, std::min(fa, factor_of(b)));
                }
        }
        previous = &c;
    }
    for (const auto& code : in.codes)
        parts.push_back(scaled(with_prefix(layout::kCode, code), w.code));
    for (const auto& code : in.code_prefixes)
        parts.push_back(Xapian::Query(
            Xapian::Query::OP_SCALE_WEIGHT,
            Xapian::Query(Xapian::Query::OP_WILDCARD, with_prefix(layout::kCode, code), 50,
                          Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
            w.code));
    Xapian::Query query = or_of(parts);
    if (!in.exact.empty()) {
        std::vector<Xapian::Query> exact;
        for (const auto& e : in.exact)
            exact.push_back(scaled(with_prefix(layout::kExact, e), w.exact));
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, or_of(exact));
    }
    for (const auto& phrase : in.phrases) {
        std::vector<Xapian::Query> terms;
        for (const auto& s : phrase)
            terms.emplace_back(s);
        Xapian::Query constraint =
            terms.size() == 1 ? terms[0]
                              : Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                              static_cast<Xapian::termcount>(terms.size()));
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, constraint);
    }
    return query;
}

}  // namespace xasite::search
