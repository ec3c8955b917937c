#include "search/analyzer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "search/index_layout.hpp"
#include "search/lexicon.hpp"
#include "search/vietnamese.hpp"

namespace xasite::search {

namespace {

std::string join_lines(const std::vector<std::string>& values) {
    std::string s;
    for (const auto& v : values) {
        if (!s.empty()) s.push_back('\n');
        s += v;
    }
    return s;
}

std::string prefixed(std::string_view prefix, std::string_view term) {
    std::string s(prefix);
    s += term;
    return s;
}

enum class Field { title, keywords, body };

class DocumentIndexer {
  public:
    DocumentIndexer(Xapian::Document& doc, const Lexicon& lexicon) : doc_(doc), lexicon_(lexicon) {}

    // Syllables of the title (codes excluded): the brevity of the title.
    static int count_syllables(const std::vector<Token>& tokens) {
        int n = 0;
        for (const auto& t : tokens)
            if (!t.is_code) ++n;
        return n;
    }

    void index(std::string_view text, Field field, int brevity = 1) {
        auto tokens = tokenize(text);
        std::string previous;
        std::size_t previous_end = 0;
        for (const auto& token : tokens) {
            std::string folded =
                token.is_code ? code_key(token.lower) : fold_token(token.lower, lexicon_);
            if (folded.empty() || folded.size() > layout::kMaxTermBytes) {
                previous.clear();
                continue;
            }
            ++position_;
            doc_.add_posting(folded, position_, 1);
            const bool neighbour =
                !previous.empty() &&
                adjacent_gap(text.substr(previous_end, token.begin - previous_end));
            std::string bigram;
            if (neighbour) {
                bigram = previous;
                bigram.push_back(layout::kBigramJoin);
                bigram += folded;
                if (bigram.size() <= layout::kMaxTermBytes)
                    doc_.add_term(prefixed(layout::kBigram, bigram), 1);
                else
                    bigram.clear();
            }
            switch (field) {
                case Field::title:
                    if (title_terms_.insert(folded).second)
                        doc_.add_term(prefixed(layout::kTitle, folded),
                                      static_cast<Xapian::termcount>(brevity));
                    if (!bigram.empty() && title_terms_.insert("_" + bigram).second)
                        doc_.add_term(prefixed(layout::kTitleBigram, bigram),
                                      static_cast<Xapian::termcount>(brevity));
                    break;
                case Field::keywords:
                    doc_.add_term(prefixed(layout::kKeywords, folded), 1);
                    break;
                case Field::body:
                    break;
            }
            if (!token.is_code && has_marks(token.lower)) {
                std::string exact = canonical_tone_placement(token.lower);
                if (exact.size() <= layout::kMaxTermBytes)
                    doc_.add_term(prefixed(layout::kExact, exact), field == Field::title ? 3 : 1);
            }
            previous = std::move(folded);
            previous_end = token.end;
        }
        position_ += layout::kFieldGap;
    }

  private:
    Xapian::Document& doc_;
    const Lexicon& lexicon_;
    Xapian::termpos position_ = 0;
    std::set<std::string> title_terms_;
};

// The folded syllables of a title's tokens, ' '-joined (codes and over-long terms left out).
std::string fold_tokens(const std::vector<Token>& tokens, const Lexicon& lexicon) {
    std::string folded;
    for (const auto& t : tokens) {
        if (t.is_code) continue;
        std::string f = fold_token(t.lower, lexicon);
        if (f.empty() || f.size() > layout::kMaxTermBytes) continue;
        if (!folded.empty()) folded.push_back(' ');
        folded += f;
    }
    return folded;
}

// The title's tokens outside parentheses: "(cấp xã)", "(công trình không theo tuyến/…)" qualify
// the name and do not make it longer. All of them when nothing is left outside.
std::vector<Token> outside_parentheses(std::string_view text, const std::vector<Token>& tokens) {
    std::vector<Token> out;
    int depth = 0;
    std::size_t at = 0;
    for (const auto& t : tokens) {
        for (; at < t.begin && at < text.size(); ++at) {
            if (text[at] == '(') ++depth;
            if (text[at] == ')' && depth > 0) --depth;
        }
        if (depth == 0) out.push_back(t);
    }
    return out.empty() ? tokens : out;
}

}  // namespace

std::string fold_title(const std::string& title, const Lexicon& lexicon) {
    const std::string text = clean_text(title);
    return fold_tokens(outside_parentheses(text, tokenize(text)), lexicon);
}

Xapian::Document analyze(const SearchDocument& doc, const Lexicon& lexicon) {
    Xapian::Document xd;
    const std::string title = clean_text(doc.title);
    const std::string keywords = clean_text(doc.keywords);
    const std::string body = clean_text(doc.body);
    const std::string field = clean_text(doc.field);

    DocumentIndexer indexer(xd, lexicon);
    const auto title_tokens = tokenize(title);
    // The name's own syllables: a qualifier in parentheses neither lengthens it (brevity) nor
    // counts in its folded form (title coverage, actions, families).
    const auto name_tokens = outside_parentheses(title, title_tokens);
    const int syllables = DocumentIndexer::count_syllables(name_tokens);
    if (std::string folded = fold_tokens(name_tokens, lexicon); !folded.empty())
        xd.add_value(layout::kSlotFoldedTitle, folded);
    const int brevity = layout::kBrevityFloor + std::max(0, layout::kBrevityBase - syllables);
    indexer.index(title, Field::title, brevity);
    indexer.index(keywords, Field::keywords);
    indexer.index(body, Field::body);

    auto boolean = [&](std::string_view prefix, std::string_view value) {
        if (value.empty()) return;
        std::string term = prefixed(prefix, value);
        if (term.size() <= 240) xd.add_boolean_term(term);
    };
    boolean(layout::kId, doc.id);
    boolean(layout::kType, doc.type);
    // The code is a weighted term (wdf 1), not a boolean one, so that a code query ranks it first.
    if (!doc.code.empty()) {
        std::string term = prefixed(layout::kCode, code_key(text::fold(clean_text(doc.code))));
        if (term.size() <= 240) xd.add_term(term, 1);
    }
    boolean(layout::kField, text::fold(field));
    for (const auto& level : doc.levels)
        boolean(layout::kLevel, level);
    boolean(layout::kOnline, doc.online);
    if (doc.boundary_free) boolean(layout::kBoundaryFree, "1");
    if (doc.units.empty()) xd.add_boolean_term(std::string(layout::kEveryUnit));
    for (const auto& unit : doc.units)
        boolean(layout::kUnit, unit);
    boolean(layout::kOldUnit, doc.old_unit);

    xd.add_value(layout::kSlotType, doc.type);
    if (!field.empty()) xd.add_value(layout::kSlotField, field);
    if (!doc.levels.empty()) xd.add_value(layout::kSlotLevels, join_lines(doc.levels));
    if (!doc.online.empty()) xd.add_value(layout::kSlotOnline, doc.online);
    if (!doc.units.empty()) xd.add_value(layout::kSlotUnits, join_lines(doc.units));
    if (!doc.date.empty()) xd.add_value(layout::kSlotDate, doc.date);
    if (doc.boundary_free) xd.add_value(layout::kSlotBoundaryFree, "1");
    if (!doc.old_unit.empty()) xd.add_value(layout::kSlotOldUnit, doc.old_unit);
    // A procedure of the national catalogue is the same record in every province's index; pages
    // are not (two provinces may have communes of the same name, so the same folder).
    if (doc.type == "procedure") xd.add_value(layout::kSlotCollapse, doc.id);

    StoredDocument stored;
    stored.id = doc.id;
    stored.type = doc.type;
    stored.code = clean_text(doc.code);
    stored.title = title;
    stored.url = doc.url;
    stored.unit_path = doc.unit_path;
    stored.fallback_url = doc.fallback_url;
    stored.field = field;
    stored.date = doc.date;
    stored.units = doc.units;
    stored.keywords = std::string(cut_text(keywords, 400));
    stored.excerpt = std::string(cut_text(body, kExcerptBytes));
    xd.set_data(encode_stored(stored));
    return xd;
}

std::string encode_stored(const StoredDocument& s) {
    nlohmann::json j = nlohmann::json::object();
    auto put = [&](const char* key, const std::string& value) {
        if (!value.empty()) j[key] = value;
    };
    put("i", s.id);
    put("t", s.type);
    put("c", s.code);
    put("n", s.title);
    put("u", s.url);
    put("p", s.unit_path);
    put("f", s.fallback_url);
    put("d", s.field);
    put("a", s.date);
    if (!s.units.empty()) j["us"] = s.units;
    put("k", s.keywords);
    put("x", s.excerpt);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredDocument decode_stored(const std::string& data) {
    StoredDocument s;
    try {
        auto j = nlohmann::json::parse(data);
        auto get = [&](const char* key) { return j.value(key, std::string()); };
        s.id = get("i");
        s.type = get("t");
        s.code = get("c");
        s.title = get("n");
        s.url = get("u");
        s.unit_path = get("p");
        s.fallback_url = get("f");
        s.field = get("d");
        s.date = get("a");
        if (j.contains("us")) s.units = j["us"].get<std::vector<std::string>>();
        s.keywords = get("k");
        s.excerpt = get("x");
    } catch (const nlohmann::json::exception&) {
        s = StoredDocument{};
    }
    return s;
}

}  // namespace xasite::search
