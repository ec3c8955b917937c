// Structure recovered from the sources' running text: steps and sub-steps from list markers,
// time units stated elsewhere in the same record, notes and kinds in the dossier.
//
// Step markers (recognised only where a list item can start: at the start of the text, after a
// line break, after a marker, or after ". ", "; ", ": ", "! ", "? "):
//   "Bước N" + ':' '.' '-'     any case; a capitalised "Bước N:" also after any space (the Word
//                              export often loses the sentence end before it)
//   "- ", "* ", "+ "           bullets
//   "1. ", "2. " …             numbered items, 1–2 digits, counting 1, 2, 3 … (a restart at 1 is
//                              allowed), so "Điều 5. " or "khoản 2. " never starts an item
//   "(i) ", "(ii) " …          roman items, counting from (i)
//   "a) ", "b) " …             letter items in Vietnamese order (a b c d đ e g h i k …), counting
//                              from a), so "điểm a) khoản 2" (not at an item start) never does
//   "Trình tự thực hiện:"      a repeat of the section heading (no ':' before "Bước"); dropped
// With "Bước" markers, each "Bước N", each numbered item and each "* " item (the real records use
// these for case headings: "1. Đối với trường hợp …: Bước 1. …") starts a Step; "- ", "+ ",
// roman and letter items are its substeps. Without them, "- ", "* " and numbered items start
// Steps, and "+ ", roman and letter items are substeps, as are "- " items after a "* " item
// ("* Lưu ý: - …"). Pieces are the text between markers, trimmed; nothing else is
// removed, added or reordered.
#include <algorithm>
#include <array>
#include <string_view>

#include "core/ascii.hpp"
#include "core/text.hpp"
#include "generator/procedures/import_formats.hpp"

namespace xasite::procedures::importers {

namespace {

enum class MarkerType {
    buoc,
    bullet_dash,
    bullet_star,
    bullet_plus,
    number,
    roman,
    letter,
    heading
};

struct Marker {
    std::size_t begin = 0;
    std::size_t end = 0;  // past the marker and the whitespace after it
    MarkerType type = MarkerType::bullet_dash;
    std::string title;  // "Bước N" for buoc markers
};

using ascii::is_digit;

bool is_space(char c) {
    return ascii::kSpace.find(c) != std::string_view::npos;
}

std::size_t skip_spaces(std::string_view s, std::size_t i) {
    while (i < s.size() && is_space(s[i]))
        ++i;
    return i;
}

// Whether a list item may start at i: see the header comment.
bool at_item_start(std::string_view s, std::size_t i, std::size_t last_marker_end) {
    if (i == last_marker_end) return true;
    std::size_t k = i;
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
        --k;
    if (k == 0) return true;
    char c = s[k - 1];
    if (c == '\n' || c == '\r') return true;
    return k < i && (c == '.' || c == ';' || c == ':' || c == '!' || c == '?');
}

// Vietnamese alphabet order for letter items: a b c d đ e g h i k l m n o p q r s t u v x y.
constexpr std::array<std::string_view, 23> kLetters = {"a", "b", "c", "d", "đ", "e", "g", "h",
                                                       "i", "k", "l", "m", "n", "o", "p", "q",
                                                       "r", "s", "t", "u", "v", "x", "y"};
constexpr std::array<std::string_view, 12> kRomans = {"i",   "ii",   "iii", "iv", "v",  "vi",
                                                      "vii", "viii", "ix",  "x",  "xi", "xii"};

// Counters for numbered, roman and letter items: an item must be the first (1) or follow the
// previous one of its kind.
struct Sequences {
    int number = 0, roman = 0, letter = 0;
    static bool accept(int& last, int value) {
        if (value != 1 && value != last + 1) return false;
        last = value;
        return true;
    }
};

// "Bước" in any case, followed by a number and ':' '.' '-'. `anywhere` allows only the
// capitalised forms.
bool match_buoc(std::string_view s, std::size_t i, bool item_start, Marker& m) {
    static constexpr std::string_view kCapital = "Bước", kUpper = "BƯỚC";
    if (s[i] != 'B' && s[i] != 'b') return false;
    std::string_view word = s.substr(i, kCapital.size());
    bool capital = word == kCapital || word == kUpper;
    if (!capital && !(item_start && text::lower(word) == "bước")) return false;
    std::size_t j = i + kCapital.size();
    while (j < s.size() && s[j] == ' ')
        ++j;
    std::size_t digits = j;
    while (j < s.size() && is_digit(s[j]))
        ++j;
    if (j == digits || j - digits > 3) return false;
    std::size_t number_end = j;
    while (j < s.size() && s[j] == ' ')
        ++j;
    if (j >= s.size() || (s[j] != ':' && s[j] != '.' && s[j] != '-')) return false;
    m.type = MarkerType::buoc;
    m.title = "Bước " + std::string(s.substr(digits, number_end - digits));
    m.end = skip_spaces(s, j + 1);
    return true;
}

// The marker starting at i, when there is one; i is at an item start.
bool match_item(std::string_view s, std::size_t i, Sequences& seq, Marker& m) {
    auto followed_by_space = [&](std::size_t j) { return j < s.size() && is_space(s[j]); };
    char c = s[i];
    if ((c == '-' || c == '*' || c == '+') && followed_by_space(i + 1)) {
        m.type = c == '-'   ? MarkerType::bullet_dash
                 : c == '*' ? MarkerType::bullet_star
                            : MarkerType::bullet_plus;
        m.end = skip_spaces(s, i + 1);
        return true;
    }
    if (is_digit(c)) {
        std::size_t j = i;
        while (j < s.size() && is_digit(s[j]))
            ++j;
        if (j - i > 2 || j >= s.size() || s[j] != '.' || !followed_by_space(j + 1)) return false;
        if (!Sequences::accept(seq.number, std::stoi(std::string(s.substr(i, j - i)))))
            return false;
        m.type = MarkerType::number;
        m.end = skip_spaces(s, j + 1);
        return true;
    }
    if (c == '(') {
        std::size_t close = s.find(')', i);
        if (close == std::string_view::npos || close - i > 6 || !followed_by_space(close + 1))
            return false;
        auto inner = s.substr(i + 1, close - i - 1);
        auto it = std::find(kRomans.begin(), kRomans.end(), inner);
        if (it == kRomans.end()) return false;
        if (!Sequences::accept(seq.roman, static_cast<int>(it - kRomans.begin()) + 1)) return false;
        m.type = MarkerType::roman;
        m.end = skip_spaces(s, close + 1);
        return true;
    }
    for (std::size_t k = 0; k < kLetters.size(); ++k) {
        auto letter = kLetters[k];
        if (s.substr(i, letter.size()) != letter) continue;
        std::size_t j = i + letter.size();
        if (j >= s.size() || s[j] != ')' || !followed_by_space(j + 1)) return false;
        if (!Sequences::accept(seq.letter, static_cast<int>(k) + 1)) return false;
        m.type = MarkerType::letter;
        m.end = skip_spaces(s, j + 1);
        return true;
    }
    static constexpr std::string_view kHeading = "Trình tự thực hiện";
    if (s.substr(i, kHeading.size()) == kHeading) {
        std::size_t j = i + kHeading.size();
        while (j < s.size() && s[j] == ' ')
            ++j;
        // "Trình tự thực hiện:" or "Trình tự thực hiện Bước 1: …" (no colon before a step).
        bool colon = j < s.size() && s[j] == ':';
        if (colon || (j > i + kHeading.size() && s.substr(j, 1) == "B")) {
            m.type = MarkerType::heading;
            m.end = skip_spaces(s, colon ? j + 1 : j);
            return true;
        }
    }
    return false;
}

std::vector<Marker> find_markers(std::string_view s) {
    std::vector<Marker> markers;
    Sequences seq;
    std::size_t last_end = std::string_view::npos;
    for (std::size_t i = 0; i < s.size();) {
        if (is_space(s[i])) {
            ++i;
            continue;
        }
        bool item_start = at_item_start(s, i, last_end);
        bool anywhere = i > 0 && is_space(s[i - 1]);
        Marker m;
        m.begin = i;
        if (((item_start || anywhere) && match_buoc(s, i, item_start, m)) ||
            (item_start && match_item(s, i, seq, m))) {
            markers.push_back(m);
            last_end = m.end;
            i = m.end;
            continue;
        }
        ++i;
    }
    return markers;
}

std::string piece(std::string_view s, std::size_t begin, std::size_t end) {
    return std::string(text::trim(s.substr(begin, end - begin)));
}

void flush(std::vector<Step>& steps, Step& current) {
    if (!current.title.empty() || !current.text.empty() || !current.substeps.empty())
        steps.push_back(std::move(current));
    current = Step{};
}

}  // namespace

std::vector<Step> split_steps(std::string_view text) {
    std::vector<Step> steps;
    const std::vector<Marker> markers = find_markers(text);
    const bool by_buoc = std::any_of(markers.begin(), markers.end(),
                                     [](const Marker& m) { return m.type == MarkerType::buoc; });
    // "- " items after a "* " heading ("* Lưu ý: - …") are its substeps.
    bool under_star = false;
    auto starts_step = [&](MarkerType t) {
        if (t == MarkerType::buoc || t == MarkerType::number || t == MarkerType::heading ||
            t == MarkerType::bullet_star)
            return true;
        return !by_buoc && !under_star && t == MarkerType::bullet_dash;
    };

    Step current;
    current.text = piece(text, 0, markers.empty() ? text.size() : markers.front().begin);
    for (std::size_t k = 0; k < markers.size(); ++k) {
        const Marker& m = markers[k];
        std::string body =
            piece(text, m.end, k + 1 < markers.size() ? markers[k + 1].begin : text.size());
        if (starts_step(m.type)) {
            under_star = m.type == MarkerType::bullet_star;
            flush(steps, current);
            current.title = m.title;
            current.text = std::move(body);
        } else if (!body.empty()) {
            current.substeps.push_back(std::move(body));
        }
    }
    flush(steps, current);
    return steps;
}

std::vector<Step> structure_steps(std::vector<Step> source) {
    std::vector<Step> out;
    for (auto& step : source) {
        std::vector<Step> pieces = split_steps(step.text);
        step.title = strip_bullet(step.title);  // "* Trường hợp …:" → "Trường hợp …:"
        if (step.title.empty()) {
            for (auto& p : pieces)
                out.push_back(std::move(p));
            continue;
        }
        // A step the source titled ("Nộp hồ sơ", "* Trường hợp đăng ký qua mạng …") stays one
        // step unless its text has "Bước" markers: its items become substeps, in order.
        bool by_buoc = std::any_of(pieces.begin(), pieces.end(),
                                   [](const Step& p) { return !p.title.empty(); });
        if (by_buoc) {
            if (!pieces.empty() && pieces.front().title.empty())
                pieces.front().title = step.title;
            else
                out.push_back(Step{step.title, "", {}});
            for (auto& p : pieces)
                out.push_back(std::move(p));
            continue;
        }
        Step merged{step.title, "", {}};
        for (std::size_t k = 0; k < pieces.size(); ++k) {
            auto& p = pieces[k];
            if (k == 0)
                merged.text = std::move(p.text);
            else if (!p.text.empty())
                merged.substeps.push_back(std::move(p.text));
            for (auto& sub : p.substeps)
                merged.substeps.push_back(std::move(sub));
        }
        out.push_back(std::move(merged));
    }
    return out;
}

void fill_bare_time_units(std::vector<ChannelInfo>& channels, const std::vector<Duration>& stated) {
    for (auto& channel : channels) {
        if (!channel.time_value || !channel.time_unit.empty()) continue;
        Duration own = parse_duration(channel.time_text);
        if (!own.value || !own.unit.empty()) continue;  // not a bare number
        std::string unit;
        bool ambiguous = false;
        for (const auto& d : stated) {
            if (!d.value || *d.value != *channel.time_value || d.unit.empty()) continue;
            if (unit.empty())
                unit = d.unit;
            else if (unit != d.unit)
                ambiguous = true;
        }
        if (!ambiguous) channel.time_unit = unit;
    }
}

std::string strip_bullet(std::string_view name) {
    std::string_view s = text::trim(name);
    if (s.size() >= 2 && (s[0] == '-' || s[0] == '+' || s[0] == '*') && is_space(s[1]))
        s = text::trim(s.substr(1));
    return std::string(s);
}

namespace {

std::string case_name_of(std::string_view name) {
    std::string s = strip_bullet(name);
    while (!s.empty() && (s.back() == ':' || is_space(s.back())))
        s.pop_back();
    return s;
}

DossierKind kind_of(const std::string& folded_name) {
    if (folded_name.find("giay to phai nop") != std::string::npos) return DossierKind::submit;
    if (folded_name.find("giay to phai xuat trinh") != std::string::npos)
        return DossierKind::present;
    return DossierKind::unspecified;
}

bool has_no_count(const std::optional<int>& n) {
    return !n || *n == 0;
}

// "Lưu ý …", or a conditional "Trường hợp … thì …" (folded).
bool reads_as_note(const std::string& folded) {
    if (folded.rfind("luu y", 0) == 0) return true;
    return folded.rfind("truong hop ", 0) == 0 && folded.find(" thi ") != std::string::npos;
}

}  // namespace

void structure_dossier(std::vector<DossierCase>& dossier) {
    for (auto& dossier_case : dossier) {
        dossier_case.name = case_name_of(dossier_case.name);
        const std::string folded_case = text::fold(dossier_case.name);
        if (dossier_case.kind == DossierKind::unspecified) dossier_case.kind = kind_of(folded_case);
        const bool notes_case = folded_case.rfind("luu y", 0) == 0;
        std::vector<DossierItem> papers;
        for (auto& item : dossier_case.items) {
            item.name = strip_bullet(item.name);
            bool uncounted = has_no_count(item.originals) && has_no_count(item.copies) &&
                             item.forms.empty() && item.note.empty();
            if (uncounted && (notes_case || reads_as_note(text::fold(item.name))))
                dossier_case.notes.push_back(std::move(item.name));
            else
                papers.push_back(std::move(item));
        }
        dossier_case.items = std::move(papers);
    }
}

}  // namespace xasite::procedures::importers
