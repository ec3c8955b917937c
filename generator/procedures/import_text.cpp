// Text helpers shared by the importers: cleaning, channel/level names, durations, subjects,
// document numbers, dates, and type-checked access to source JSON.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "generator/procedures/import_formats.hpp"

namespace xasite::procedures::importers {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// True when the folded text is the portal's "no information" marker.
bool is_no_information(std::string_view trimmed) {
    while (!trimmed.empty() && (trimmed.back() == '.' || is_ascii_space(trimmed.back())))
        trimmed.remove_suffix(1);
    if (trimmed.size() > 40) return false;
    return text::fold(trimmed) == "khong co thong tin";
}

// Accepts a whole number or a decimal with '.' or ',' at the start of s; advances i.
std::optional<double> leading_number(std::string_view s, std::size_t& i) {
    std::size_t start = i;
    while (i < s.size() && is_digit(s[i]))
        ++i;
    if (i == start) return std::nullopt;
    std::string digits(s.substr(start, i - start));
    if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])) {
        std::size_t frac_start = i + 1;
        std::size_t j = frac_start;
        while (j < s.size() && is_digit(s[j]))
            ++j;
        // "1.000.000" is a thousands separator, not a decimal: only one group of 1–2 digits.
        if (j - frac_start <= 2 && (j >= s.size() || (s[j] != '.' && s[j] != ','))) {
            digits += '.';
            digits.append(s.substr(frac_start, j - frac_start));
            i = j;
        }
    }
    if (digits.size() > 15) return std::nullopt;
    return std::strtod(digits.c_str(), nullptr);
}

}  // namespace

std::string clean(std::string_view s) {
    std::string normalised = text::nfc(s);
    std::string trimmed(text::trim(normalised));
    if (is_no_information(trimmed)) return {};
    return trimmed;
}

std::string clean_collapsed(std::string_view s) {
    std::string normalised = text::nfc(s);
    std::string out;
    out.reserve(normalised.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < normalised.size();) {
        std::size_t before = i;
        char32_t cp = text::decode_utf8(normalised, i);
        bool space = cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == U'\f' ||
                     cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x200B;
        if (space) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out.append(normalised, before, i - before);
    }
    if (is_no_information(out)) return {};
    return out;
}

bool is_national_code(std::string_view code) {
    if (code.size() != 8 || !is_digit(code[0]) || code[1] != '.') return false;
    return std::all_of(code.begin() + 2, code.end(), is_digit);
}

std::optional<Channel> channel_of(std::string_view text) {
    std::string f = text::fold(text);
    if (f.find("truc tiep") != std::string::npos) return Channel::in_person;
    if (f.find("truc tuyen") != std::string::npos) return Channel::online;
    if (f.find("buu chinh") != std::string::npos) return Channel::post;
    return std::nullopt;
}

std::vector<Channel> channels_named_in(std::string_view text) {
    std::string f = text::fold(text);
    std::vector<Channel> out;
    if (f.find("truc tiep") != std::string::npos) out.push_back(Channel::in_person);
    if (f.find("truc tuyen") != std::string::npos) out.push_back(Channel::online);
    if (f.find("buu chinh") != std::string::npos) out.push_back(Channel::post);
    return out;
}

std::optional<Level> level_of(std::string_view text) {
    std::string f = text::fold(text);
    if (f.rfind("cap ", 0) == 0) f.erase(0, 4);
    if (f == "xa/phuong" || f == "xa" || f == "phuong" || f == "xa, phuong") return Level::commune;
    if (f == "tinh") return Level::province;
    if (f == "bo") return Level::ministry;
    if (f == "nganh doc") return Level::vertical;
    if (f == "co quan khac" || f == "khac") return Level::other;
    return std::nullopt;
}

void normalise_levels(std::vector<Level>& levels) {
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
}

void sort_channels(std::vector<ChannelInfo>& channels) {
    std::stable_sort(
        channels.begin(), channels.end(),
        [](const ChannelInfo& a, const ChannelInfo& b) { return a.channel < b.channel; });
}

OnlineLevel online_level_of(const std::vector<ChannelInfo>& channels) {
    bool online = std::any_of(channels.begin(), channels.end(),
                              [](const ChannelInfo& c) { return c.channel == Channel::online; });
    return online ? OnlineLevel::partial : OnlineLevel::none;
}

Duration parse_duration(std::string_view raw) {
    Duration d;
    std::string normalised = text::nfc(raw);
    std::string_view s = text::trim(normalised);
    std::size_t i = 0;
    auto value = leading_number(s, i);
    if (!value) return d;
    std::size_t j = i;
    while (j < s.size() && is_ascii_space(s[j]))
        ++j;
    if (j < s.size() && (s[j] == '-' || s.substr(j).rfind("–", 0) == 0)) return d;  // a range
    std::string rest = text::lower(s.substr(j));
    static const std::array<const char*, 8> kUnits = {
        "ngày làm việc", "giờ làm việc", "ngày", "giờ", "tháng", "tuần", "phút", "năm"};
    for (const char* unit : kUnits) {
        std::string_view u(unit);
        if (rest.rfind(u, 0) == 0) {
            // The unit must end the text or be followed by a non-letter ("ngày," / "ngày)").
            std::size_t k = u.size();
            if (k < rest.size()) {
                std::size_t at = k;
                char32_t next = text::decode_utf8(rest, at);
                bool letter = (next >= U'a' && next <= U'z') || next > 0x7F;
                if (letter) continue;
            }
            d.value = value;
            d.unit = std::string(u);
            return d;
        }
    }
    if (j >= s.size()) d.value = value;  // a bare number ("1"): value without unit
    return d;
}

std::vector<std::string> split_subjects(std::string_view raw) {
    static const std::array<std::string_view, 1> kCompound = {"Cán bộ, công chức, viên chức"};
    std::string normalised = text::nfc(raw);
    std::string_view s = text::trim(normalised);
    while (!s.empty() && s.back() == '.')
        s.remove_suffix(1);

    std::vector<std::string> out;
    auto add = [&](std::string_view part) {
        std::string p = clean(part);
        if (!p.empty() && std::find(out.begin(), out.end(), p) == out.end())
            out.push_back(std::move(p));
    };
    std::size_t pos = 0;
    while (pos < s.size()) {
        while (pos < s.size() && is_ascii_space(s[pos]))
            ++pos;
        if (pos >= s.size()) break;
        bool took_compound = false;
        for (auto compound : kCompound) {
            if (s.substr(pos).rfind(compound, 0) != 0) continue;
            std::size_t k = pos + compound.size();
            while (k < s.size() && is_ascii_space(s[k]))
                ++k;
            if (k < s.size() && s[k] != ',' && s[k] != ';') continue;
            add(compound);
            pos = k + 1;
            took_compound = true;
            break;
        }
        if (took_compound) continue;
        int depth = 0;
        std::size_t i = pos;
        for (; i < s.size(); ++i) {
            char c = s[i];
            if (c == '(') ++depth;
            if (c == ')' && depth > 0) --depth;
            if ((c == ',' || c == ';') && depth == 0) break;
        }
        add(s.substr(pos, i - pos));
        pos = i + 1;
    }
    return out;
}

std::string find_document_number(std::string_view raw, std::string_view leading) {
    std::string normalised = text::nfc(raw);
    std::string_view s = normalised;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_ascii_space(s[i]))
            ++i;
        std::size_t start = i;
        while (i < s.size() && !is_ascii_space(s[i]))
            ++i;
        std::string_view token = s.substr(start, i - start);
        while (!token.empty() && (token.front() == '(' || token.front() == '"'))
            token.remove_prefix(1);
        while (!token.empty() &&
               std::string_view(",;:.)\"").find(token.back()) != std::string_view::npos)
            token.remove_suffix(1);
        if (token.empty() || !is_digit(token.front())) continue;
        std::size_t slash = token.find('/');
        if (slash == std::string_view::npos) continue;
        auto head = token.substr(0, slash);
        if (!std::all_of(head.begin(), head.end(), [](char c) { return is_digit(c) || c == '.'; }))
            continue;
        if (!leading.empty() && head != leading) continue;
        auto tail = token.substr(slash + 1);
        bool has_letter = false, ok = !tail.empty();
        for (std::size_t k = 0; k < tail.size() && ok;) {
            char32_t cp = text::decode_utf8(tail, k);
            if ((cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z') || cp == U'Đ' ||
                cp == U'đ')
                has_letter = true;
            else if (!((cp >= U'0' && cp <= U'9') || cp == U'/' || cp == U'-' || cp == U'.'))
                ok = false;
        }
        if (ok && has_letter) return std::string(token);
    }
    return {};
}

std::string dmy_to_iso(std::string_view raw) {
    std::string_view s = text::trim(raw);
    std::array<int, 3> parts{};
    std::size_t i = 0;
    for (int n = 0; n < 3; ++n) {
        std::size_t start = i;
        while (i < s.size() && is_digit(s[i]))
            ++i;
        std::size_t len = i - start;
        if (len == 0 || len > 4) return {};
        parts[n] = std::stoi(std::string(s.substr(start, len)));
        if (n < 2) {
            if (i >= s.size() || (s[i] != '-' && s[i] != '/' && s[i] != '.')) return {};
            ++i;
        } else if (len != 4) {
            return {};
        }
    }
    if (i != s.size()) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", parts[2], parts[1], parts[0]);
    std::string iso(buf);
    return date::is_iso_date(iso) ? iso : std::string();
}

std::string any_date_to_iso(std::string_view raw) {
    std::string_view s = text::trim(raw);
    if (date::is_iso_date(s)) return std::string(s);
    return dmy_to_iso(s);
}

// ---- SourceRecord ---------------------------------------------------------------------------

namespace {
const nlohmann::json& empty_object() {
    static const nlohmann::json kEmpty = nlohmann::json::object();
    return kEmpty;
}
}  // namespace

SourceRecord::SourceRecord(const nlohmann::json& value, std::string where, std::string prefix)
    : fields_(value, std::move(where), std::move(prefix)) {}

bool SourceRecord::has(const char* key) const {
    return find(key) != nullptr;
}

std::string SourceRecord::text(const char* key) const {
    const nlohmann::json* v = find(key);
    if (!v) return {};
    if (v->is_string()) return clean(v->get_ref<const std::string&>());
    if (v->is_number_integer()) return v->dump();
    if (v->is_number_float()) {
        double d = v->get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
            return std::to_string(static_cast<long long>(d));
        return v->dump();
    }
    fail(key, std::string("expected a string, got ") + json_type_name(*v));
}

std::optional<double> SourceRecord::number(const char* key) const {
    const nlohmann::json* v = find(key);
    if (!v) return std::nullopt;
    if (v->is_number()) {
        double d = v->get<double>();
        if (!std::isfinite(d)) fail(key, "number out of range");
        return d;
    }
    if (v->is_string()) {
        std::string s = clean(v->get_ref<const std::string&>());
        if (s.empty()) return std::nullopt;
        std::size_t i = 0;
        auto d = leading_number(s, i);
        if (d && i == s.size()) return d;
        fail(key, "expected a number, got \"" + s + "\"");
    }
    fail(key, std::string("expected a number, got ") + json_type_name(*v));
}

bool SourceRecord::flag(const char* key) const {
    const nlohmann::json* v = find(key);
    if (!v) return false;
    if (v->is_boolean()) return v->get<bool>();
    if (v->is_number()) return v->get<double>() != 0.0;
    fail(key, std::string("expected true/false or 0/1, got ") + json_type_name(*v));
}

const nlohmann::json* SourceRecord::array(const char* key) const {
    const nlohmann::json* v = find(key);
    if (!v) return nullptr;
    if (!v->is_array()) fail(key, std::string("expected an array, got ") + json_type_name(*v));
    return v;
}

SourceRecord SourceRecord::element(const char* key, const nlohmann::json& value,
                                   std::size_t index) const {
    return SourceRecord(value, fields_.where(),
                        fields_.path_of(key) + "[" + std::to_string(index) + "]");
}

SourceRecord SourceRecord::object(const char* key) const {
    const nlohmann::json* v = find(key);
    if (!v) return SourceRecord(empty_object(), fields_.where(), fields_.path_of(key));
    return SourceRecord(*v, fields_.where(), fields_.path_of(key));
}

}  // namespace xasite::procedures::importers
