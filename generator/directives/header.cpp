// The header of a document (NĐ 30/2020 Điều 8 k2 a–đ): Quốc hiệu and Tiêu ngữ (recognised only to
// be removed), issuing body with its parent line, number and symbol, place and date, marks, type
// title, trích yếu (V/v… or the lines under the type title) and Kính gửi.
//
// The two header columns come interleaved in many extractions: line by line ("ỦY BAN NHÂN DÂN",
// "CỘNG HÒA…", "TỈNH ĐẮK LẮK", "Độc lập…") or side by side on one line ("TỈNH ĐẮK LẮK   Độc lập…",
// "Số: 12/UBND-VP   Ea Kar, ngày 05 tháng 01 năm 2026"). Each header line is therefore cut into
// fragments: the Quốc hiệu and Tiêu ngữ are cut out wherever they are, "Số: …" and "…, ngày … tháng
// … năm …" are read where they are, and what remains is split at column gaps (3+ spaces).
#include <algorithm>
#include <optional>

#include "core/date.hpp"
#include "core/text.hpp"
#include "generator/directives/internal.hpp"

namespace xasite::directives::detail {

namespace {

struct Span {
    std::size_t b = 0, e = 0;
};

// Finds a compact folded needle (no spaces or hyphens) in folded text, ignoring spaces and hyphens
// there: "doclaptudohanhphuc" matches "Độc lập - Tự do - Hạnh phúc" and "Độc lập-Tự do-Hạnh phúc".
std::optional<Span> find_loose(const Folded& f, std::string_view needle) {
    const std::string& s = f.s;
    for (std::size_t k = 0; k < s.size(); ++k) {
        if (s[k] != needle[0]) continue;
        std::size_t a = k, j = 0;
        while (a < s.size() && j < needle.size()) {
            if (s[a] == needle[j]) {
                ++a;
                ++j;
            } else if (s[a] == ' ' || s[a] == '-') {
                ++a;
            } else {
                break;
            }
        }
        if (j == needle.size()) return Span{f.off[k], f.off[a]};
    }
    return std::nullopt;
}

bool is_fill_byte(std::string_view s, std::size_t i, std::size_t& len) {
    if (s[i] == ' ' || s[i] == '.' || s[i] == '_') {
        len = 1;
        return true;
    }
    if (s.compare(i, 3, "\xE2\x80\xA6") == 0) {  // …
        len = 3;
        return true;
    }
    return false;
}

void skip_fill(std::string_view s, std::size_t& i) {
    std::size_t len = 0;
    while (i < s.size() && is_fill_byte(s, i, len))
        i += len;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

struct SoResult {
    std::size_t b = 0, e = 0;
    std::string number_raw, symbol;
};

// "Số: 45/KH-UBND", "Số:      /UBND-NVKS", "Số: 414 /BNV-VTLTNN", "Số: 34/2024/QĐ-UBND",
// "Số: ……/QĐ-UBND". `t` is the original line.
std::optional<SoResult> find_so(std::string_view t) {
    static const std::string_view forms[] = {"S\xE1\xBB\x91", "S\xE1\xBB\x90"};  // Số, SỐ
    for (std::size_t pos = 0; pos < t.size(); ++pos) {
        if (t[pos] != 'S') continue;
        bool matched = false;
        for (auto form : forms)
            if (t.compare(pos, form.size(), form) == 0) matched = true;
        if (!matched) continue;
        if (pos > 0 && t[pos - 1] != ' ' && t[pos - 1] != '(' && t[pos - 1] != ',') continue;
        std::size_t i = pos + forms[0].size();
        while (i < t.size() && t[i] == ' ')
            ++i;
        bool colon = i < t.size() && t[i] == ':';
        if (colon) ++i;
        SoResult r;
        r.b = pos;
        skip_fill(t, i);
        std::size_t d = i;
        while (i < t.size() && is_digit(t[i]) && i - d < 8)
            ++i;
        r.number_raw = std::string(t.substr(d, i - d));
        skip_fill(t, i);
        if (i < t.size() && t[i] == '/') {
            ++i;
            while (i < t.size() && t[i] == ' ')
                ++i;
            std::size_t s = i;
            while (i < t.size() && t[i] != ' ')
                ++i;
            std::string_view sym = t.substr(s, i - s);
            while (!sym.empty() && (sym.back() == ',' || sym.back() == ';' || sym.back() == '.'))
                sym.remove_suffix(1);
            r.symbol = std::string(sym);
        } else if (!colon || (r.number_raw.empty() && i < t.size() && t[i] != ' ')) {
            continue;  // "Số liệu…", "Số 5 đường…": not a number line
        }
        if (!colon && r.symbol.empty()) continue;
        r.e = i;
        return r;
    }
    return std::nullopt;
}

struct DateResult {
    std::size_t b = 0, e = 0;  // original span of "Place, ngày … năm …"
    std::string place;
    PartialDate date;
};

int read_int(std::string_view s, std::size_t& i, std::size_t max_digits) {
    std::size_t d = i;
    while (i < s.size() && is_digit(s[i]) && i - d < max_digits)
        ++i;
    if (i == d) return -1;
    int v = 0;
    for (std::size_t k = d; k < i; ++k)
        v = v * 10 + (s[k] - '0');
    return v;
}

bool word_at(std::string_view s, std::size_t i, std::string_view w) {
    if (s.compare(i, w.size(), w) != 0) return false;
    std::size_t e = i + w.size();
    return e >= s.size() ||
           !((s[e] >= 'a' && s[e] <= 'z') || static_cast<unsigned char>(s[e]) >= 0x80);
}

// Parses "ngay 05 thang 01 nam 2026" (or "ngay 05/01/2026") in folded text at k; returns the
// folded index after it.
std::optional<std::size_t> parse_date_folded(std::string_view s, std::size_t k, PartialDate& d) {
    std::size_t i = k + 4;
    skip_fill(s, i);
    int day = read_int(s, i, 2);
    if (day >= 0 && i < s.size() && s[i] == '/') {  // ngày 05/01/2026
        ++i;
        int month = read_int(s, i, 2);
        if (month < 0 || i >= s.size() || s[i] != '/') return std::nullopt;
        ++i;
        int year = read_int(s, i, 4);
        if (year < 1000) return std::nullopt;
        d = PartialDate{year, month, day};
        return i;
    }
    skip_fill(s, i);
    if (!word_at(s, i, "thang")) return std::nullopt;
    i += 5;
    skip_fill(s, i);
    int month = read_int(s, i, 2);
    skip_fill(s, i);
    if (!word_at(s, i, "nam")) return std::nullopt;
    i += 3;
    std::size_t after_nam = i;
    skip_fill(s, i);
    std::size_t y0 = i;
    int year = read_int(s, i, 4);
    if (year < 0 || i - y0 != 4) {  // "năm 20…": no year
        year = 0;
        i = after_nam;
    }
    d = PartialDate{year, std::max(month, 0), std::max(day, 0)};
    return i;
}

// "Đắk Lắk, ngày … tháng … năm …" in the original line `t` (folded `f`). `stops` are the ends of
// parts already cut from the line (Quốc hiệu, "Số: …"): the place never runs back over them.
std::optional<DateResult> find_date(std::string_view t, const Folded& f,
                                    const std::vector<std::size_t>& stops) {
    const std::string& s = f.s;
    for (std::size_t k = s.find("ngay"); k != std::string::npos; k = s.find("ngay", k + 1)) {
        if (k > 0 && s[k - 1] != ' ' && s[k - 1] != ',') continue;
        std::size_t region_start = 0;
        for (std::size_t st : stops)
            if (st <= f.off[k]) region_start = std::max(region_start, st);
        PartialDate d;
        auto end = parse_date_folded(s, k, d);
        if (!end) continue;
        // The place sits before a comma; without one, "ngày" must start the region.
        std::size_t j = k;
        while (j > 0 && s[j - 1] == ' ')
            --j;
        bool comma = j > 0 && s[j - 1] == ',';
        DateResult r;
        r.date = d;
        r.e = f.off[*end];
        if (!comma) {
            if (trim_view(t.substr(region_start, f.off[k] - region_start)).size() > 0) continue;
            r.b = f.off[k];
            return r;
        }
        std::size_t comma_at = f.off[j - 1];
        // The place runs back to a column gap (2+ spaces) or the start of the region.
        std::size_t pb = comma_at;
        while (pb > region_start) {
            if (t[pb - 1] == ' ' && pb >= 2 && t[pb - 2] == ' ') break;
            --pb;
        }
        std::string_view place = trim_view(t.substr(pb, comma_at - pb));
        // Upper-case words before the place belong to the other column ("TỈNH ĐẮK LẮK Đắk Lắk,").
        std::size_t w = 0;
        std::size_t cut = 0;
        while (w < place.size()) {
            std::size_t we = place.find(' ', w);
            if (we == std::string_view::npos) we = place.size();
            std::string_view word = place.substr(w, we - w);
            if (has_lower(word) || word.back() == '.' || !is_upper_text(word, 1)) break;
            cut = we;
            w = we + 1;
        }
        // (All upper case: keep it as the place.) The prefix stays in the line as a fragment.
        if (cut > 0 && cut < place.size()) place = trim_view(place.substr(cut));
        r.place = collapse_spaces(place);
        r.b = place.empty() ? f.off[k] : static_cast<std::size_t>(place.data() - t.data());
        return r;
    }
    return std::nullopt;
}

enum class FragKind { plain, so, date };
struct Frag {
    FragKind kind = FragKind::plain;
    std::string text;
    SoResult so;
    DateResult date;
};

struct Cut {
    std::size_t b, e;
    FragKind kind;
    bool drop;  // Quốc hiệu / Tiêu ngữ: removed
    SoResult so;
    DateResult date;
};

bool is_decoration(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = text::decode_utf8(s, i);
        if (c == U'-' || c == U'_' || c == U'=' || c == U'*' || c == U'~' || c == U'.' ||
            c == U'o' || c == U'O' || c == U'0' || c == U' ' || c == 0x2013 || c == 0x2014 ||
            c == 0x2022 || c == 0x00B7 || c == 0x2500)
            continue;
        return false;
    }
    return true;
}

// Words that open a body paragraph ("Căn cứ…", "Thực hiện…"). `weak` adds words that also open
// recipients' names ("Ủy ban nhân dân…", "Sở…"), for places where a name is not expected.
bool is_starter(std::string_view folded, bool weak = true) {
    static const std::string_view strong_starters[] = {
        "can cu",     "thuc hien", "xet ",    "theo de nghi", "de ",      "nham ",
        "tren co so", "hom nay",   "vao luc", "thoi gian",    "dia diem", "thanh phan",
        "kinh gui",   "hien nay",  "sau khi", "nhan duoc",    "thuc te",  "trong thoi gian",
    };
    static const std::string_view weak_starters[] = {
        "theo ", "ngay ", "trong ", "qua ", "uy ban nhan dan", "ubnd ", "so ", "phong ",
    };
    for (auto st : strong_starters)
        if (starts_with_folded(folded, st)) return true;
    if (weak)
        for (auto st : weak_starters)
            if (starts_with_folded(folded, st)) return true;
    return false;
}

// Folded, without spaces, hyphens and dots.
std::string compact_fold(std::string_view s) {
    std::string f = fold_str(s), out;
    for (char c : f)
        if (c != ' ' && c != '-' && c != '.') out.push_back(c);
    return out;
}

bool has_letter_or_digit(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = text::decode_utf8(s, i);
        if (is_letter(c) || (c >= U'0' && c <= U'9')) return true;
    }
    return false;
}

bool is_marker_line(std::string_view s) {
    s = trim_view(s);
    if (starts_with_bullet(s)) return true;
    std::size_t i = 0;
    while (i < s.size() && is_digit(s[i]))
        ++i;
    if (i > 0 && i <= 2 && i + 1 < s.size() && s[i] == '.' && s[i + 1] == ' ') return true;
    if (s.size() >= 3 && s[1] == ')' && s[2] == ' ' && s[0] >= 'a' && s[0] <= 'z') return true;
    return false;
}

const std::string_view kOrgHeads[] = {
    "uy ban ",   "ubnd",       "hdnd",         "hoi dong ", "so ",       "phong ",   "ban ",
    "van phong", "trung tam ", "cong an ",     "bo ",       "cuc ",      "chi cuc ", "tong cuc ",
    "thanh tra", "truong ",    "benh vien",    "dang uy",   "dang bo",   "mat tran", "ubmttq",
    "doan ",     "chinh phu",  "quoc hoi",     "thu tuong", "tinh uy",   "huyen uy", "thanh uy",
    "bcd",       "to ",        "hoi ",         "kho bac",   "chi nhanh", "dai ",     "vien ",
    "hoc vien",  "cong ty",    "tong cong ty", "ngan hang", "toa an",    "hat ",     "tram ",
    "lien doan", "bo chi huy", "ban chi huy",  "chi bo",
};
const std::string_view kBareUnits[] = {
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "ubnd",
    "hdnd",
    "van phong",
    "ban chi dao",
    "uy ban",
    "ban",
    "so",
    "phong",
    "trung tam",
    "cong an",
    "dang uy",
    "thanh tra",
    "ban chi huy quan su",
    "bo chi huy quan su",
    "ban thuong vu",
    "ban chap hanh",
};

bool starts_org(std::string_view folded) {
    for (auto h : kOrgHeads)
        if (starts_with_folded(folded, h)) return true;
    return false;
}
bool is_bare(std::string_view folded) {
    for (auto b : kBareUnits)
        if (folded == b) return true;
    return false;
}

// DỰ THẢO, MẬT / TỐI MẬT / TUYỆT MẬT, KHẨN / THƯỢNG KHẨN / HỎA TỐC standing alone.
bool apply_mark(std::string_view s, Metadata& m) {
    std::string_view t = trim_view(s);
    while (!t.empty() && (t.front() == '(' || t.front() == '[' || t.front() == '*'))
        t.remove_prefix(1);
    while (!t.empty() && (t.back() == ')' || t.back() == ']' || t.back() == '*' ||
                          t.back() == '.' || t.back() == ':' || t.back() == ' '))
        t.remove_suffix(1);
    t = trim_view(t);
    if (t.empty() || t.size() > 60) return false;
    std::string f = fold_str(t);
    bool upper = !has_lower(t);
    if (upper) {
        if (f == "mat") return m.secrecy = "MẬT", true;
        if (f == "toi mat") return m.secrecy = "TỐI MẬT", true;
        if (f == "tuyet mat") return m.secrecy = "TUYỆT MẬT", true;
        if (f == "khan") return m.urgency = "KHẨN", true;
        if (f == "thuong khan") return m.urgency = "THƯỢNG KHẨN", true;
        if (f == "hoa toc" || f == "hoa toc hen gio") return m.urgency = "HỎA TỐC", true;
    }
    if (f == "du thao" || (upper && starts_with_folded(f, "du thao ")) ||
        starts_with_folded(f, "du thao lan ")) {
        m.draft = true;
        return true;
    }
    return false;
}

struct HeaderParser {
    enum class State { top, after_so, vv, title, after_subject, recipients, done };

    Metadata& m;
    State state = State::top;
    bool seen_so = false, seen_date = false, seen_motto = false;
    const TypeInfo* type = nullptr;
    std::vector<std::string> issuer_frags;
    std::vector<std::string> subject;
    bool subject_is_vv = false;
    // Kính gửi
    std::vector<std::string> items;
    bool rec_list = false, rec_done = false;

    std::size_t current_line = 0;
    std::size_t anchor_line = 0;  // the first line with the Quốc hiệu or "Số:" (0: none)

    explicit HeaderParser(Metadata& meta) : m(meta) {}

    std::vector<Frag> fragments(std::string_view t) {
        Folded f = fold_map(t);
        std::vector<Cut> cuts;
        // The Quốc hiệu and Tiêu ngữ, whole or (in a narrow column) the first part of them.
        static const std::pair<std::string_view, std::string_view> mottos[] = {
            {"conghoaxahoichunghiavietnam", "conghoaxahoichunghia"},
            {"doclaptudohanhphuc", "doclaptudo"},
            {"dangcongsanvietnam", "dangcongsan"},
        };
        for (const auto& [whole, part] : mottos) {
            auto sp = find_loose(f, whole);
            if (!sp) sp = find_loose(f, part);
            if (sp) {
                cuts.push_back({sp->b, sp->e, FragKind::plain, true, {}, {}});
                seen_motto = true;
            }
        }
        auto inside_cut = [&](std::size_t pos) {
            for (const auto& c : cuts)
                if (pos >= c.b && pos < c.e) return true;
            return false;
        };
        if (!seen_so) {
            if (auto so = find_so(t); so && !inside_cut(so->b))
                cuts.push_back({so->b, so->e, FragKind::so, false, *so, {}});
        }
        if (!seen_date) {
            std::vector<std::size_t> stops;
            for (const auto& c : cuts)
                stops.push_back(c.e);
            if (auto d = find_date(t, f, stops); d && !inside_cut(d->b)) {
                cuts.push_back({d->b, d->e, FragKind::date, false, {}, *d});
            }
        }
        std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.b < b.b; });
        std::vector<Frag> out;
        std::size_t prev = 0;
        auto plain = [&](std::size_t b, std::size_t e) {
            if (e <= b) return;
            for (auto part : split_gaps(t.substr(b, e - b)))
                out.push_back({FragKind::plain, std::string(part), {}, {}});
        };
        for (const auto& c : cuts) {
            if (c.b < prev) continue;  // overlapping: keep the first
            plain(prev, c.b);
            if (!c.drop) out.push_back({c.kind, "", c.so, c.date});
            prev = c.e;
        }
        plain(prev, t.size());
        return out;
    }

    // ---- Kính gửi ----
    void rec_start(std::string_view rest) {
        rest = trim_view(rest);
        if (rest.empty()) return;
        if (starts_with_bullet(rest)) {
            rec_list = true;
            items.emplace_back(rest);
        } else {
            for (auto part : text::split(rest, ';')) {
                if (!trim_view(part).empty()) items.emplace_back(trim_view(part));
            }
        }
        if (rest.back() == '.') rec_done = true;
    }

    bool rec_line(std::string_view s, const std::string& fs) {
        if (rec_done) return false;
        if (starts_with_bullet(s)) {
            rec_list = true;
            items.emplace_back(s);
            if (s.back() == '.') rec_done = true;
            return true;
        }
        std::string_view last = items.empty() ? std::string_view() : trim_view(items.back());
        char lc = last.empty() ? ';' : last.back();
        // A name may start like a body paragraph ("Ủy ban nhân dân các xã…") where a recipient is
        // expected: only the strong starters end the list there.
        bool expect_name = items.empty() || (!rec_list && lc == ';');
        bool starter = starts_upper(s) && is_starter(fs, !expect_name);
        if (starter || is_marker_line(s) || cp_len(s) > 120) return false;
        if (lc == ';') {  // the first recipient, or the next one written without a dash
            items.emplace_back(s);
        } else {
            bool open;
            if (rec_list)
                open = lc != '.';
            else
                open = lc == ',' || lc == '-' ||
                       (last.size() > 3 && last.substr(last.size() - 3) == " và");
            if (!open) return false;
            items.back() += " ";
            items.back() += s;
        }
        if (s.back() == '.') rec_done = true;
        return true;
    }

    bool subject_continues(std::string_view s, const std::string& fs, bool vv) {
        if (subject.size() >= 8) return false;
        if (is_upper_text(s, 3)) return false;
        if (starts_upper(s) && is_starter(fs)) return false;
        if (is_marker_line(s)) return false;
        if (cp_len(s) > (vv ? 70u : 120u)) return false;
        std::string_view prev = trim_view(subject.back());
        if (!prev.empty() && (prev.back() == '.' || prev.back() == ';')) return false;
        return true;
    }

    // Returns false when this fragment is the start of the body.
    bool plain(std::string_view s) {
        if (s.empty()) return true;
        if (is_decoration(s)) {
            if ((state == State::vv || state == State::title) && !subject.empty())
                state = State::after_subject;
            return true;
        }
        if (!has_letter_or_digit(s)) return true;  // stray punctuation, U+FFFD…
        std::string compact = compact_fold(s);
        if (compact == "vietnam" || compact == "hanhphuc" || compact == "tudohanhphuc")
            return true;  // the end of a Quốc hiệu or Tiêu ngữ wrapped in a narrow column
        if (apply_mark(s, m)) return true;
        std::string fs = fold_str(s);
        if (starts_with_folded(fs, "kinh gui")) {
            std::size_t colon = s.find(':');
            std::string_view rest;
            if (colon != std::string_view::npos) {
                rest = s.substr(colon + 1);
            } else {
                // "Kính gửi Sở Nội vụ": skip the two words
                std::size_t sp = s.find(' ');
                sp = sp == std::string_view::npos ? s.size() : s.find(' ', sp + 1);
                rest = sp == std::string_view::npos ? std::string_view() : s.substr(sp);
            }
            state = State::recipients;
            rec_start(rest);
            return true;
        }
        if (state == State::recipients) return rec_line(s, fs);
        bool upper = is_upper_text(s, 3);
        if (!type && upper && state != State::vv) {
            if (const TypeInfo* t = type_by_title(fs)) {
                if (fs.find("du thao") != std::string::npos) m.draft = true;
                type = t;
                state = State::title;
                return true;
            }
        }
        bool vv_start = starts_with_folded(fs, "v/v") || starts_with_folded(fs, "v/ v");
        if (subject.empty() && (vv_start || ((state == State::top || state == State::after_so) &&
                                             !type && starts_with_folded(fs, "ve viec ")))) {
            state = State::vv;
            subject_is_vv = true;
            subject.emplace_back(s);
            return true;
        }
        if (state == State::vv) {
            if (subject_continues(s, fs, true)) {
                subject.emplace_back(s);
                return true;
            }
            state = State::after_subject;
        }
        if (state == State::title) {
            if (subject.empty()
                    ? !(upper || is_marker_line(s) || (starts_upper(s) && is_starter(fs)))
                    : subject_continues(s, fs, false)) {
                subject.emplace_back(s);
                return true;
            }
            state = State::after_subject;
        }
        if (state == State::top && upper) {
            issuer_frags.emplace_back(s);
            return true;
        }
        // Lines above the header proper ("Mẫu số 01", a page header): skipped.
        if (state == State::top && current_line < anchor_line) return true;
        if (state == State::after_so && upper && !seen_date && subject.empty()) {
            issuer_frags.emplace_back(s);
            return true;
        }
        return false;
    }

    void so(const SoResult& r) {
        seen_so = true;
        m.number_raw = r.number_raw;
        if (!r.number_raw.empty()) {
            std::size_t z = r.number_raw.find_first_not_of('0');
            m.number = z == std::string::npos ? std::string("0") : r.number_raw.substr(z);
        }
        m.symbol = r.symbol;
        if (state == State::top) state = State::after_so;
    }

    void date(const DateResult& r) {
        seen_date = true;
        m.place = r.place;
        m.date = r.date;
        if (state == State::vv || (state == State::title && !subject.empty()))
            state = State::after_subject;
        if (state == State::top) state = State::after_so;
    }

    void finish() {
        // Issuing body: fragments grouped into units; the last unit issues, the one above is its
        // parent ("UBND XÃ EA KAR" over "PHÒNG VĂN HÓA - XÃ HỘI").
        std::vector<std::string> units;
        for (const auto& frag : issuer_frags) {
            std::string f = fold_str(frag);
            if (units.empty() || (starts_org(f) && !is_bare(fold_str(units.back())))) {
                units.push_back(collapse_spaces(frag));
            } else {
                units.back() += " ";
                units.back() += collapse_spaces(frag);
            }
        }
        if (!units.empty()) m.issuer = units.back();
        if (units.size() >= 2) m.issuer_parent = units[units.size() - 2];

        std::string subj;
        for (const auto& l : subject)
            append_line(subj, l);
        m.subject = subj;

        for (const auto& it : items) {
            std::string item = strip_item(it);
            if (!item.empty()) m.recipients.push_back(item);
        }

        // Type: the title line, else V/v (công văn), else the symbol's abbreviation.
        std::string abbr = symbol_abbr(m.symbol);
        const TypeInfo* by_symbol = type_by_abbr(abbr);
        if (type) {
            m.type = type->name;
            m.type_abbr = type->abbr;
            if (by_symbol && by_symbol != type)
                m.warnings.push_back("the type line says " + m.type + " but the symbol " +
                                     m.symbol + " is that of " + by_symbol->name);
        } else if (subject_is_vv && starts_with_folded(fold_str(m.subject), "v/")) {
            m.type = "Công văn";
            if (by_symbol)
                m.warnings.push_back("a V/v line marks a công văn but the symbol " + m.symbol +
                                     " is that of " + by_symbol->name);
        } else if (by_symbol) {
            m.type = by_symbol->name;
            m.type_abbr = by_symbol->abbr;
            m.warnings.push_back("no type line: the type was read from the symbol " + m.symbol);
        } else if (subject_is_vv) {
            m.type = "Công văn";  // "Về việc …" under the number, written out
        } else if (!m.symbol.empty()) {
            m.type = "Công văn";
            m.warnings.push_back(
                "no type line and no V/v line: taken as a công văn from the symbol " + m.symbol);
        } else {
            m.warnings.push_back("the type of document was not found");
        }

        if (!seen_so)
            m.warnings.push_back("no \"Số:\" line: number and symbol not found");
        else if (!m.number)
            m.warnings.push_back("the number is blank (an unsigned copy)");
        if (seen_so && m.symbol.empty()) m.warnings.push_back("no symbol after the number");
        if (!seen_date) {
            m.warnings.push_back("the place and date were not found");
        } else {
            if (m.date.empty())
                m.warnings.push_back("the date has no year");
            else if (m.date.day == 0)
                m.warnings.push_back("the day of the date is blank");
            std::string w = validate_date(m.date);
            if (!w.empty()) m.warnings.push_back(w);
        }
        if (m.issuer.empty())
            m.warnings.push_back(seen_motto ? "the issuing body was not found (header cut off?)"
                                            : "the issuing body was not found");
        if (m.subject.empty()) m.warnings.push_back("the subject (trích yếu) was not found");
    }
};

}  // namespace

std::string validate_date(PartialDate& d) {
    if (d.year == 0) {
        d = PartialDate{};
        return "";
    }
    if (d.year < 1945 || d.year > 2100) {
        std::string w = "the year " + std::to_string(d.year) + " is not plausible: date dropped";
        d = PartialDate{};
        return w;
    }
    if (d.month < 0 || d.month > 12) {
        std::string w =
            "month " + std::to_string(d.month) + " is not a month: only the year is kept";
        d.month = d.day = 0;
        return w;
    }
    if (d.month == 0) {
        d.day = 0;
        return "";
    }
    int max_day = date::days_in_month(d.year, d.month);
    if (d.day < 0 || d.day > max_day) {
        std::string w = "day " + std::to_string(d.day) + " is not in month " +
                        std::to_string(d.month) + ": only the year and month are kept";
        d.day = 0;
        return w;
    }
    return "";
}

std::size_t parse_header(const std::vector<Line>& lines, Metadata& m, std::string& leftover) {
    HeaderParser p(m);
    std::size_t body_start = lines.size();
    std::size_t nonblank = 0;
    for (std::size_t i = 0, seen = 0; i < lines.size() && seen < 40; ++i) {
        if (lines[i].blank) continue;
        ++seen;
        if (lines[i].text.size() > 4000) break;
        Folded f = fold_map(lines[i].text);
        if (find_so(lines[i].text) || find_loose(f, "conghoaxahoichunghia") ||
            find_loose(f, "doclaptudo")) {
            p.anchor_line = i;
            break;
        }
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& ln = lines[i];
        p.current_line = i;
        if (ln.blank) {
            if ((p.state == HeaderParser::State::vv || p.state == HeaderParser::State::title) &&
                !p.subject.empty())
                p.state = HeaderParser::State::after_subject;
            if (p.state == HeaderParser::State::recipients && !p.items.empty() && !p.rec_list)
                p.rec_done = true;
            continue;
        }
        if (++nonblank > 40 || ln.text.size() > 4000) {
            body_start = i;
            break;
        }
        std::vector<Frag> frags = p.fragments(ln.text);
        bool consumed_any = false, body_here = false;
        std::string rest;
        for (const Frag& fr : frags) {
            if (body_here) {
                if (fr.kind == FragKind::plain) {
                    if (!rest.empty()) rest += "   ";
                    rest += fr.text;
                }
                continue;
            }
            if (fr.kind == FragKind::so) {
                p.so(fr.so);
            } else if (fr.kind == FragKind::date) {
                p.date(fr.date);
            } else if (!p.plain(fr.text)) {
                body_here = true;
                rest = fr.text;
                continue;
            }
            consumed_any = true;
        }
        if (body_here) {
            if (consumed_any) {
                leftover = rest;
                body_start = i + 1;
            } else {
                body_start = i;
            }
            break;
        }
    }
    p.finish();
    return body_start;
}

void scan_marks(const std::vector<Line>& lines, Metadata& m) {
    std::size_t nonblank = 0;
    for (const Line& ln : lines) {
        if (ln.blank) continue;
        if (++nonblank > 40) break;
        if (starts_with_folded(fold_str(trim_view(ln.text).substr(0, 20)), "noi nhan")) break;
        for (auto part : split_gaps(ln.text)) {
            Metadata probe;
            if (apply_mark(part, probe) && !probe.secrecy.empty() && m.secrecy.empty())
                m.secrecy = probe.secrecy;
        }
    }
}

}  // namespace xasite::directives::detail
