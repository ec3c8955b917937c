#include "search/lexicon.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "search/embedded_lexicon.hpp"
#include "search/vietnamese.hpp"

namespace xasite::search {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFiles[] = {"variants.txt", "filler.txt",   "abbreviations.txt",
                                  "synonyms.txt", "events.txt",   "actions.txt",
                                  "followup.txt", "words.txt",    "outside.txt",
                                  "pronouns.txt", "questions.txt"};

std::string join(const Lexicon::Phrase& phrase) {
    std::string s;
    for (const auto& w : phrase) {
        if (!s.empty()) s.push_back(' ');
        s += w;
    }
    return s;
}

std::string join(const std::vector<std::string>& words, std::size_t begin, std::size_t length) {
    std::string s;
    for (std::size_t k = begin; k < begin + length; ++k) {
        if (k > begin) s.push_back(' ');
        s += words[k];
    }
    return s;
}

// Lines without comments ("#" to the end of the line) and surrounding space; empty lines skipped.
struct Line {
    std::size_t number;
    std::string text;
};

std::vector<Line> content_lines(const std::string& text) {
    std::vector<Line> lines;
    std::size_t number = 0;
    for (std::string_view raw : text::split(text, '\n')) {
        ++number;
        auto hash = raw.find('#');
        if (hash != std::string_view::npos) raw = raw.substr(0, hash);
        std::string_view t = text::trim(raw);
        if (!t.empty()) lines.push_back({number, std::string(t)});
    }
    return lines;
}

// Splits on a separator string; every part trimmed.
std::vector<std::string> split_on(const std::string& s, std::string_view sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t p = s.find(sep, start);
        std::string_view part(s.data() + start, (p == std::string::npos ? s.size() : p) - start);
        parts.emplace_back(text::trim(part));
        if (p == std::string::npos) break;
        start = p + sep.size();
    }
    return parts;
}

}  // namespace

const Lexicon& Lexicon::builtin() {
    static const Lexicon lexicon = [] {
        std::map<std::string, std::string> files;
        for (std::size_t i = 0; i < embedded_file_count; ++i)
            files[embedded_files[i].path] =
                std::string(embedded_files[i].data, embedded_files[i].size);
        return parse(files, "(built-in) content/search");
    }();
    return lexicon;
}

Lexicon Lexicon::load_directory(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const char* name : kFiles) {
        std::error_code ec;
        if (fs::is_regular_file(dir / name, ec)) files[name] = read_text_file(dir / name);
    }
    return with_overrides(files, dir.string());
}

Lexicon Lexicon::with_overrides(const std::map<std::string, std::string>& overrides,
                                const std::string& origin) {
    std::map<std::string, std::string> files;
    for (std::size_t i = 0; i < embedded_file_count; ++i)
        files[embedded_files[i].path] = std::string(embedded_files[i].data, embedded_files[i].size);
    for (const char* name : kFiles)
        if (auto it = overrides.find(name); it != overrides.end()) files[name] = it->second;
    return parse(files, origin);
}

Lexicon Lexicon::parse(const std::map<std::string, std::string>& files, const std::string& origin) {
    Lexicon lex;
    auto where = [&](const char* file, std::size_t line) {
        return location(fs::path(origin) / file, line);
    };
    auto file_text = [&](const char* name) -> std::string {
        auto it = files.find(name);
        if (it == files.end()) return {};
        if (!text::is_valid_utf8(it->second)) throw InputError(where(name, 0), "invalid UTF-8");
        return text::nfc(it->second);
    };
    auto phrase_of = [&](const std::string& s) {
        Phrase p;
        for (const auto& token : tokenize(s, 64))
            p.push_back(token.is_code ? code_key(token.lower) : fold_token(token.lower, lex));
        return p;
    };
    // Variants first: the other files are folded with them.
    for (const auto& line : content_lines(file_text("variants.txt"))) {
        auto parts = split_on(line.text, "=");
        if (parts.size() != 2)
            throw InputError(where("variants.txt", line.number),
                             "expected two syllables joined by \"=\", got \"" + line.text + "\"");
        std::string from = text::fold(parts[0]), to = text::fold(parts[1]);
        auto one_syllable = [](const std::string& s) {
            return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            });
        };
        if (!one_syllable(from) || !one_syllable(to))
            throw InputError(
                where("variants.txt", line.number),
                "each side must be one syllable of letters, got \"" + line.text + "\"");
        if (from != to) lex.variants_[from] = to;
    }
    // Resolve chains (a = b, b = c) so that unify_variant is one lookup.
    for (auto& [from, to] : lex.variants_) {
        for (int guard = 0; guard < 8; ++guard) {
            auto it = lex.variants_.find(to);
            if (it == lex.variants_.end() || it->second == from) break;
            to = it->second;
        }
    }
    for (const auto& line : content_lines(file_text("filler.txt"))) {
        Phrase folded = phrase_of(line.text), exact;
        if (folded.empty())
            throw InputError(where("filler.txt", line.number), "no word in \"" + line.text + "\"");
        for (const auto& token : tokenize(line.text, 64))
            exact.push_back(canonical_tone_placement(token.lower));
        lex.add_filler(folded, exact);
    }
    for (const char* name : {"abbreviations.txt", "synonyms.txt"}) {
        for (const auto& line : content_lines(file_text(name))) {
            const bool one_way = line.text.find("=>") != std::string::npos;
            auto parts = split_on(line.text, one_way ? "=>" : "=");
            if (parts.size() < 2)
                throw InputError(
                    where(name, line.number),
                    "expected forms joined by \"=\" or \"=>\", got \"" + line.text + "\"");
            if (one_way && parts.size() != 2)
                throw InputError(where(name, line.number),
                                 "a one-way line has exactly one \"=>\": \"" + line.text + "\"");
            std::vector<Phrase> phrases;
            for (std::size_t k = 0; k < parts.size(); ++k) {
                Phrase p = phrase_of(parts[k]);
                if (p.empty())
                    throw InputError(where(name, line.number),
                                     "an empty form in \"" + line.text + "\"");
                if (!one_way || k == 0) lex.note_marks("k " + join(p), parts[k]);
                phrases.push_back(std::move(p));
            }
            if (one_way) {
                lex.add_synonym(phrases[0], phrases[0]);
                lex.add_synonym(phrases[0], phrases[1]);
            } else {
                for (const auto& key : phrases)
                    for (const auto& alt : phrases)
                        lex.add_synonym(key, alt);
            }
        }
    }
    // pronouns.txt: one word a line; filler that a phrase may hold inside ("ba tui mất").
    for (const auto& line : content_lines(file_text("pronouns.txt"))) {
        Phrase folded = phrase_of(line.text), exact;
        if (folded.size() != 1)
            throw InputError(where("pronouns.txt", line.number),
                             "one word a line, not \"" + line.text + "\"");
        for (const auto& token : tokenize(line.text, 64))
            exact.push_back(canonical_tone_placement(token.lower));
        lex.add_filler(folded, exact);
        lex.pronouns_.insert(folded.front());
    }
    // words.txt: one word or phrase a line, real words that spelling repair must not touch.
    for (const auto& line : content_lines(file_text("words.txt"))) {
        Phrase p = phrase_of(line.text);
        if (p.empty())
            throw InputError(where("words.txt", line.number), "no word in \"" + line.text + "\"");
        lex.note_words(p);
    }
    // followup.txt: one phrase a line.
    for (const auto& line : content_lines(file_text("followup.txt"))) {
        Phrase p = phrase_of(line.text);
        if (p.empty())
            throw InputError(where("followup.txt", line.number),
                             "no word in \"" + line.text + "\"");
        lex.followups_.insert(join(p));
        lex.note_marks("f " + join(p), line.text);
        lex.longest_followup_ = std::max(lex.longest_followup_, p.size());
        lex.note_words(p);
    }
    // A list of phrases separated by `sep`, none empty.
    // With `listing` (a kind: "k ", "a3 ", "o "), the marks each phrase is written with are noted
    // under it.
    auto phrase_list = [&](const char* file, const Line& line, const std::string& part,
                           std::string_view sep, const char* what,
                           const std::string& listing = {}) {
        std::vector<Phrase> out;
        for (const auto& piece : split_on(part, sep)) {
            Phrase p = phrase_of(piece);
            if (p.empty())
                throw InputError(where(file, line.number),
                                 std::string("an empty ") + what + " in \"" + line.text + "\"");
            if (!listing.empty()) lex.note_marks(listing + join(p), piece);
            out.push_back(std::move(p));
        }
        return out;
    };
    // events.txt: "Name: word, word, … => title phrase; title phrase; …"
    for (const auto& line : content_lines(file_text("events.txt"))) {
        auto arrow = split_on(line.text, "=>");
        auto colon = line.text.find(':');
        if (arrow.size() != 2 || colon == std::string::npos || colon > line.text.find("=>"))
            throw InputError(
                where("events.txt", line.number),
                "expected \"Event: words, … => title phrases; …\", got \"" + line.text + "\"");
        Event e;
        e.name = std::string(text::trim(std::string_view(line.text).substr(0, colon)));
        if (e.name.empty())
            throw InputError(where("events.txt", line.number), "an event without a name");
        if (lex.event_named(e.name))
            throw InputError(where("events.txt", line.number),
                             "the event \"" + e.name + "\" is listed twice");
        std::string words = std::string(text::trim(arrow[0].substr(colon + 1)));
        e.words = phrase_list("events.txt", line, words, ",", "word", "k ");
        e.procedures = phrase_list("events.txt", line, arrow[1], ";", "title phrase");
        for (const auto& w : e.words) {
            lex.event_words_.insert(join(w));
            lex.add_synonym(w, w);
            for (const auto& p : e.procedures)
                lex.add_synonym(w, p);
        }
        lex.events_.push_back(std::move(e));
    }
    // actions.txt: "title form / title form: word, word, …"
    for (const auto& line : content_lines(file_text("actions.txt"))) {
        auto colon = line.text.find(':');
        if (colon == std::string::npos)
            throw InputError(
                where("actions.txt", line.number),
                "expected \"action as in titles: words, …\", got \"" + line.text + "\"");
        Action a;
        std::string head(text::trim(std::string_view(line.text).substr(0, colon)));
        a.title_forms = phrase_list("actions.txt", line, head, "/", "title form");
        a.name = split_on(head, "/").front();
        a.words = phrase_list("actions.txt", line, line.text.substr(colon + 1), ",", "word",
                              "a" + std::to_string(lex.actions_.size()) + " ");
        for (const auto& w : a.words)
            lex.note_words(w);
        lex.actions_.push_back(std::move(a));
    }
    // outside.txt: "Name: phrase, phrase, …"
    for (const auto& line : content_lines(file_text("outside.txt"))) {
        auto colon = line.text.find(':');
        if (colon == std::string::npos)
            throw InputError(where("outside.txt", line.number),
                             "expected \"Matter: phrases, …\", got \"" + line.text + "\"");
        Outside o;
        o.name = std::string(text::trim(std::string_view(line.text).substr(0, colon)));
        if (o.name.empty())
            throw InputError(where("outside.txt", line.number), "a matter without a name");
        o.words =
            phrase_list("outside.txt", line, line.text.substr(colon + 1), ",", "phrase", "o ");
        for (const auto& w : o.words)
            lex.note_words(w);
        lex.outside_.push_back(std::move(o));
    }
    lex.index_outside();
    // questions.txt: "question => code, code" or "question => ngoài danh mục"
    std::vector<ExampleQuestions::Example> examples;
    for (const auto& line : content_lines(file_text("questions.txt"))) {
        const auto arrow = line.text.rfind("=>");
        if (arrow == std::string::npos)
            throw InputError(where("questions.txt", line.number),
                             "expected \"question => procedure codes\" or \"question => ngoài "
                             "danh mục\", got \"" +
                                 line.text + "\"");
        ExampleQuestions::Example e;
        e.words = join(phrase_of(line.text.substr(0, arrow)));
        if (e.words.empty())
            throw InputError(where("questions.txt", line.number), "a line without a question");
        const std::string answer(text::trim(std::string_view(line.text).substr(arrow + 2)));
        if (text::fold(answer) != "ngoai danh muc") {
            for (const auto& token : tokenize(answer, 64)) {
                if (!token.is_code)
                    throw InputError(where("questions.txt", line.number),
                                     "\"" + token.lower +
                                         "\" is no procedure code (write codes such as "
                                         "1.001193, or \"ngoài danh mục\")");
                e.codes.push_back(code_key(token.lower));
            }
            if (e.codes.empty())
                throw InputError(where("questions.txt", line.number),
                                 "no procedure code after \"=>\"");
        }
        e.action = lex.first_action_word(split_on(e.words, " "));
        examples.push_back(std::move(e));
    }
    lex.examples_ = ExampleQuestions(std::move(examples));
    return lex;
}

std::vector<std::string> Lexicon::example_words(const std::string& question) const {
    std::vector<std::string> words;
    for (const auto& token : tokenize(text::nfc(question), 64))
        words.push_back(token.is_code ? code_key(token.lower) : fold_token(token.lower, *this));
    return words;
}

std::string Lexicon::example_key(const std::string& question) const {
    return ExampleQuestions::key(example_words(question));
}

int Lexicon::first_action_word(const std::vector<std::string>& words) const {
    for (std::size_t p = 0; p < words.size(); ++p) {
        int found = -1;
        std::size_t longest = 0;
        for (std::size_t a = 0; a < actions_.size(); ++a)
            for (const auto& phrase : actions_[a].words)
                if (phrase.size() > longest && p + phrase.size() <= words.size() &&
                    std::equal(phrase.begin(), phrase.end(),
                               words.begin() + static_cast<long>(p))) {
                    found = static_cast<int>(a);
                    longest = phrase.size();
                }
        if (found >= 0) return found;
    }
    return -1;
}

void Lexicon::index_outside() {
    outside_words_.clear();
    longest_outside_ = 0;
    for (std::size_t m = 0; m < outside_.size(); ++m)
        for (const auto& w : outside_[m].words) {
            outside_words_.emplace(join(w), m);
            longest_outside_ = std::max(longest_outside_, w.size());
        }
}

void Lexicon::note_marks(const std::string& listing, std::string_view written) {
    Phrase signatures;
    for (const auto& token : tokenize(written, 64))
        signatures.push_back(mark_signature(token.lower));
    auto& all = marks_[listing];
    if (std::find(all.begin(), all.end(), signatures) == all.end()) all.push_back(signatures);
}

bool Lexicon::typed_as_listed(const std::string& listing, const std::vector<std::string>& exact,
                              std::size_t begin, std::size_t length) const {
    if (exact.empty()) return true;
    auto it = marks_.find(listing);
    if (it == marks_.end()) return true;
    for (const auto& listed : it->second) {
        bool same = listed.size() == length;
        for (std::size_t k = 0; same && k < length; ++k) {
            const std::string& typed = begin + k < exact.size() ? exact[begin + k] : std::string();
            if (!typed.empty() && mark_signature(typed) != listed[k]) same = false;
        }
        if (same) return true;
    }
    return false;
}

bool Lexicon::action_word_as_typed(std::size_t action, const Phrase& phrase,
                                   const std::vector<std::string>& exact, std::size_t begin) const {
    return typed_as_listed("a" + std::to_string(action) + " " + join(phrase), exact, begin,
                           phrase.size());
}

std::vector<std::pair<Lexicon::Phrase, std::size_t>> Lexicon::outside_phrases(
    const std::vector<std::string>& words,
    const std::function<bool(std::size_t, std::size_t)>& part_of_longer,
    const std::vector<std::string>& exact) const {
    std::vector<std::pair<Phrase, std::size_t>> found;
    for (std::size_t s = 0; s < words.size();) {
        std::size_t matched = 0;
        for (std::size_t len = std::min(longest_outside_, words.size() - s); len >= 1; --len) {
            const std::string phrase = join(words, s, len);
            auto it = outside_words_.find(phrase);
            if (it == outside_words_.end() || !typed_as_listed("o " + phrase, exact, s, len))
                continue;
            if (part_of_longer && part_of_longer(s, len)) continue;
            found.emplace_back(Phrase(words.begin() + static_cast<long>(s),
                                      words.begin() + static_cast<long>(s + len)),
                               it->second);
            matched = len;
            break;
        }
        s += std::max<std::size_t>(matched, 1);
    }
    return found;
}

int Lexicon::action_form_at(const std::vector<std::string>& words, std::size_t p,
                            std::size_t* length) const {
    int best = -1;
    *length = 0;
    for (std::size_t a = 0; a < actions_.size(); ++a)
        for (const auto& form : actions_[a].title_forms) {
            if (form.size() <= *length || p + form.size() > words.size()) continue;
            if (std::equal(form.begin(), form.end(), words.begin() + static_cast<long>(p))) {
                *length = form.size();
                best = static_cast<int>(a);
            }
        }
    return best;
}

const Lexicon::Event* Lexicon::event_named(std::string_view name) const {
    for (const auto& e : events_)
        if (e.name == name) return &e;
    return nullptr;
}

bool Lexicon::is_event_word(const std::vector<std::string>& words, std::size_t begin,
                            std::size_t length) const {
    if (length == 0 || begin + length > words.size()) return false;
    return event_words_.count(join(words, begin, length)) > 0;
}

bool Lexicon::is_followup(const std::vector<std::string>& words, std::size_t begin,
                          std::size_t length) const {
    if (length == 0 || begin + length > words.size() || length > longest_followup_) return false;
    return followups_.count(join(words, begin, length)) > 0;
}

bool Lexicon::is_followup(const std::vector<std::string>& words,
                          const std::vector<std::string>& exact, std::size_t begin,
                          std::size_t length) const {
    return is_followup(words, begin, length) &&
           typed_as_listed("f " + join(words, begin, length), exact, begin, length);
}

void Lexicon::note_words(const Phrase& phrase) {
    for (const auto& w : phrase)
        words_.insert(w);
}

void Lexicon::add_filler(const Phrase& folded, const Phrase& exact) {
    auto& entries = fillers_[join(folded)];
    if (std::find(entries.begin(), entries.end(), exact) == entries.end()) entries.push_back(exact);
    longest_filler_ = std::max(longest_filler_, folded.size());
    note_words(folded);
}

void Lexicon::add_synonym(const Phrase& key, const Phrase& alternative) {
    std::string prefix;
    for (std::size_t k = 0; k + 1 < key.size(); ++k) {
        if (k) prefix.push_back(' ');
        prefix += key[k];
        key_prefixes_.insert(prefix);
    }
    auto& alts = synonyms_[join(key)];
    if (std::find(alts.begin(), alts.end(), alternative) == alts.end()) alts.push_back(alternative);
    longest_key_ = std::max(longest_key_, key.size());
    note_words(key);
    note_words(alternative);
}

std::string Lexicon::unify_variant(const std::string& folded) const {
    auto it = variants_.find(folded);
    return it == variants_.end() ? folded : it->second;
}

bool Lexicon::is_filler(const std::vector<std::string>& words,
                        const std::vector<std::string>& exact, std::size_t begin,
                        std::size_t length) const {
    if (length == 0 || begin + length > words.size() || length > longest_filler_) return false;
    auto it = fillers_.find(join(words, begin, length));
    if (it == fillers_.end()) return false;
    for (const auto& entry : it->second) {
        bool same = entry.size() == length;
        for (std::size_t k = 0; same && k < length; ++k) {
            const std::string& typed = begin + k < exact.size() ? exact[begin + k] : std::string();
            if (!typed.empty() && typed != entry[k]) same = false;
        }
        if (same) return true;
    }
    return false;
}

const std::vector<Lexicon::Phrase>* Lexicon::expansions(const std::vector<std::string>& words,
                                                        std::size_t begin,
                                                        std::size_t length) const {
    if (length == 0 || begin + length > words.size() || length > longest_key_) return nullptr;
    auto it = synonyms_.find(join(words, begin, length));
    return it == synonyms_.end() ? nullptr : &it->second;
}

const std::vector<Lexicon::Phrase>* Lexicon::expansions(const std::vector<std::string>& words,
                                                        const std::vector<std::string>& exact,
                                                        std::size_t begin,
                                                        std::size_t length) const {
    const auto* found = expansions(words, begin, length);
    if (!found || !typed_as_listed("k " + join(words, begin, length), exact, begin, length))
        return nullptr;
    return found;
}

bool Lexicon::starts_a_key(const std::vector<std::string>& words, std::size_t begin,
                           std::size_t length) const {
    if (length == 0 || begin + length > words.size() || length >= longest_key_) return false;
    return key_prefixes_.count(join(words, begin, length)) > 0;
}

std::string Lexicon::serialize() const {
    nlohmann::json j;
    j["version"] = 1;
    j["variants"] = variants_;
    nlohmann::json fillers = nlohmann::json::array();
    for (const auto& [folded, entries] : fillers_)
        for (const auto& exact : entries)
            fillers.push_back({folded, exact});
    j["fillers"] = fillers;
    nlohmann::json syn = nlohmann::json::object();
    for (const auto& [key, alts] : synonyms_)
        syn[key] = alts;
    j["synonyms"] = syn;
    nlohmann::json events = nlohmann::json::array();
    for (const auto& e : events_)
        events.push_back({{"name", e.name}, {"words", e.words}, {"procedures", e.procedures}});
    j["events"] = events;
    nlohmann::json actions = nlohmann::json::array();
    for (const auto& a : actions_)
        actions.push_back({{"name", a.name}, {"title", a.title_forms}, {"words", a.words}});
    j["actions"] = actions;
    j["followups"] = followups_;
    j["words"] = words_;
    nlohmann::json outside = nlohmann::json::array();
    for (const auto& o : outside_)
        outside.push_back({{"name", o.name}, {"words", o.words}});
    j["outside"] = outside;
    j["pronouns"] = pronouns_;
    j["marks"] = marks_;
    nlohmann::json questions = nlohmann::json::array();
    for (const auto& e : examples_.all())
        questions.push_back({e.words, e.codes});
    j["questions"] = questions;
    return j.dump();
}

Lexicon Lexicon::deserialize(std::string_view json_text) {
    Lexicon lex;
    try {
        auto j = nlohmann::json::parse(json_text);
        if (j.value("version", 0) != 1) throw std::runtime_error("unknown lexicon version");
        lex.variants_ = j.at("variants").get<std::map<std::string, std::string>>();
        for (const auto& f : j.at("fillers")) {
            Phrase folded;
            const std::string phrase = f.at(0).get<std::string>();
            for (std::string_view w : text::split(phrase, ' '))
                folded.emplace_back(w);
            lex.add_filler(folded, f.at(1).get<Phrase>());
        }
        for (const auto& [key, alts] : j.at("synonyms").items()) {
            Phrase k;
            for (std::string_view w : text::split(key, ' '))
                k.emplace_back(w);
            for (const auto& alt : alts)
                lex.add_synonym(k, alt.get<Phrase>());
        }
        // Added in issue 13; an index written before has none of them.
        if (j.contains("events"))
            for (const auto& e : j.at("events")) {
                lex.events_.push_back({e.at("name").get<std::string>(),
                                       e.at("words").get<std::vector<Phrase>>(),
                                       e.at("procedures").get<std::vector<Phrase>>()});
                for (const auto& w : lex.events_.back().words)
                    lex.event_words_.insert(join(w));
            }
        if (j.contains("actions"))
            for (const auto& a : j.at("actions"))
                lex.actions_.push_back({a.at("name").get<std::string>(),
                                        a.at("title").get<std::vector<Phrase>>(),
                                        a.at("words").get<std::vector<Phrase>>()});
        if (j.contains("followups"))
            for (const auto& f : j.at("followups")) {
                std::string phrase = f.get<std::string>();
                lex.followups_.insert(phrase);
                lex.longest_followup_ = std::max(
                    lex.longest_followup_,
                    static_cast<std::size_t>(std::count(phrase.begin(), phrase.end(), ' ') + 1));
            }
        if (j.contains("words"))
            for (const auto& w : j.at("words"))
                lex.words_.insert(w.get<std::string>());
        // Added after issue 13's first round; an index written before has none.
        if (j.contains("outside"))
            for (const auto& o : j.at("outside"))
                lex.outside_.push_back(
                    {o.at("name").get<std::string>(), o.at("words").get<std::vector<Phrase>>()});
        // Added in issue 13's fourth round.
        if (j.contains("pronouns")) lex.pronouns_ = j.at("pronouns").get<std::set<std::string>>();
        // Added in issue 13's fifth round; before, keys matched however they were typed.
        if (j.contains("marks"))
            lex.marks_ = j.at("marks").get<std::map<std::string, std::vector<Phrase>>>();
        lex.index_outside();
        // Added in issue 13's eighth round.
        if (j.contains("questions")) {
            std::vector<ExampleQuestions::Example> examples;
            for (const auto& q : j.at("questions")) {
                examples.push_back(
                    {q.at(0).get<std::string>(), q.at(1).get<std::vector<std::string>>()});
                examples.back().action =
                    lex.first_action_word(split_on(examples.back().words, " "));
            }
            lex.examples_ = ExampleQuestions(std::move(examples));
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("malformed lexicon in the index: ") + e.what());
    }
    return lex;
}

}  // namespace xasite::search
