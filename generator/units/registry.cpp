// Registry: loading daklak-units.json, resolving the predecessor text, and queries.
#include "generator/units/registry.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json_fields.hpp"
#include "core/text.hpp"
#include "generator/units/unit_text.hpp"

namespace xasite::units {

using nlohmann::json;

const char* to_string(Resolution r) {
    switch (r) {
        case Resolution::exact:
            return "exact";
        case Resolution::type:
            return "type";
        case Resolution::district:
            return "district";
        case Resolution::spelling:
            return "spelling";
        case Resolution::unchanged:
            return "unchanged";
    }
    return "unknown";
}

namespace {

// ---------------------------------------------------------------------------------------------
// Reading records

// One JSON object of the input, with its place ("new_units[17]") for error messages, read with
// core/json_fields.hpp: "units.json: field \"new_units[17].code\": missing".
class Record {
  public:
    Record(const json& object, std::string where, const std::filesystem::path& file)
        : fields_(object, file.string(), where), where_(std::move(where)) {}

    // An error about the whole record: "units.json: field \"new_units[17]\": <what>".
    [[noreturn]] void fail(const std::string& what) const { fields_.fail_at(where_, what); }
    [[noreturn]] void fail(const char* key, const std::string& what) const {
        fields_.fail(key, what);
    }

    const std::string& where() const { return where_; }

    // A string field that must be present and non-empty.
    std::string required(const char* key) const { return fields_.required_string(key, true); }

    // A string field; missing or null gives nullopt, another type is an error.
    std::optional<std::string> optional(const char* key) const {
        return fields_.optional_string(key);
    }

    // A numeric code: a string of ASCII digits.
    std::string code(const char* key) const {
        std::string v = required(key);
        if (!std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
            fail(key, "expected digits, got \"" + v + "\"");
        return v;
    }

    // A name: required, NFC, tidied.
    std::string name(const char* key) const { return detail::clean(required(key)); }

    const json* child(const char* key) const { return fields_.find(key); }

    // A number written as text or as a JSON number; "đang cập nhật" (being updated) and "" are
    // unknown. Vietnamese style ("18.096,40", "3.346.853") and plain style ("33.77") both occur.
    std::optional<double> decimal(const char* key) const { return number(key, false); }
    std::optional<long> integer(const char* key) const {
        std::optional<double> v = number(key, true);
        if (!v) return std::nullopt;
        return static_cast<long>(*v);
    }

  private:
    std::optional<double> number(const char* key, bool integral) const {
        const json* it = fields_.find(key);
        if (!it) return std::nullopt;
        if (it->is_number()) {
            if (integral && !it->is_number_integer())
                fail(key, "expected a whole number, got " + it->dump());
            double v = it->get<double>();
            if (integral && (v < 0 || v > 9.0e15)) fail(key, "number out of range");
            return v;
        }
        if (!it->is_string())
            fail(key, std::string("expected a number or text, got ") + json_type_name(*it));
        std::string raw = it->get<std::string>();
        std::string_view s = text::trim(raw);
        if (s.empty() || text::fold(s) == "dang cap nhat") return std::nullopt;
        std::optional<std::string> plain = plain_number(s, integral);
        if (!plain) fail(key, "expected a number, got \"" + raw + "\"");
        double value = 0;
        auto [end, ec] = std::from_chars(plain->data(), plain->data() + plain->size(), value);
        if (ec != std::errc() || end != plain->data() + plain->size())
            fail(key, "expected a number, got \"" + raw + "\"");
        if (integral && (value < 0 || value > 9.0e15))
            fail(key, "number out of range: \"" + raw + "\"");
        return value;
    }

    // "18.096,40" → "18096.40"; "3.346.853" → "3346853" (integral); "33.77" → "33.77";
    // "-12.5" → "-12.5". nullopt when it is not a number.
    static std::optional<std::string> plain_number(std::string_view s, bool integral) {
        bool negative = !s.empty() && s.front() == '-';
        if (negative) s.remove_prefix(1);
        if (s.empty()) return std::nullopt;
        auto digits = [](std::string_view d) {
            return !d.empty() &&
                   std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        auto grouped = [&](std::string_view d) {  // 1–3 digits, then groups of '.' + 3 digits
            std::size_t first = d.find('.');
            if (first == std::string_view::npos || first == 0 || first > 3) return false;
            if (!digits(d.substr(0, first))) return false;
            for (std::size_t i = first; i < d.size(); i += 4)
                if (d[i] != '.' || i + 4 > d.size() || !digits(d.substr(i + 1, 3))) return false;
            return true;
        };
        auto strip_dots = [](std::string_view d) {
            std::string out;
            for (char c : d)
                if (c != '.') out.push_back(c);
            return out;
        };
        std::string out = negative ? "-" : "";
        std::size_t comma = s.find(',');
        if (comma != std::string_view::npos) {  // Vietnamese: '.' groups thousands, ',' decimals
            std::string_view whole = s.substr(0, comma), fraction = s.substr(comma + 1);
            if (!(digits(whole) || grouped(whole)) || !digits(fraction)) return std::nullopt;
            if (integral) return std::nullopt;
            return out + strip_dots(whole) + "." + std::string(fraction);
        }
        if (digits(s)) return out + std::string(s);
        if (integral) {
            if (!grouped(s)) return std::nullopt;
            return out + strip_dots(s);
        }
        std::size_t dot = s.find('.');
        if (dot == std::string_view::npos || !digits(s.substr(0, dot)) ||
            !digits(s.substr(dot + 1)))
            return std::nullopt;
        return out + std::string(s);
    }

    JsonFields fields_;
    std::string where_;
};

const json& required_array(const json& root, const char* key, const std::filesystem::path& file) {
    auto it = root.find(key);
    if (it == root.end())
        throw InputError(file.string(), std::string("field \"") + key + "\": missing");
    if (!it->is_array())
        throw InputError(file.string(), std::string("field \"") + key +
                                            "\": expected an array, got " + json_type_name(*it));
    return *it;
}

std::string where(const char* array, std::size_t index) {
    return std::string(array) + "[" + std::to_string(index) + "]";
}

template <typename Words>
std::string canonical_type(const Record& r, const char* key, const Words& words) {
    std::string written = r.name(key);
    std::string lowered = text::lower(written);
    for (const auto& w : words)
        if (lowered == w.lower) return std::string(w.canonical);
    std::string allowed;
    for (const auto& w : words)
        allowed += (allowed.empty() ? "" : ", ") + std::string(w.canonical);
    r.fail(key, "unknown value \"" + written + "\" (expected " + allowed + ")");
}

// "Xã" + "Ea Kar" → "Xã Ea Kar".
std::string join_full_name(std::string_view type, std::string_view name) {
    std::string out(type);
    out += ' ';
    out += name;
    return out;
}

std::string capitalised(std::string_view lower_type) {
    if (lower_type == "xã") return "Xã";
    if (lower_type == "phường") return "Phường";
    return std::string(lower_type);
}

// ---------------------------------------------------------------------------------------------
// Resolution bookkeeping for one new unit

struct FragmentWork {
    PredecessorFragment fragment;
    std::vector<std::size_t> candidates;  // indices into old communes
    std::optional<std::size_t> hinted_district;
    std::optional<std::size_t> chosen;
    Resolution how = Resolution::exact;
    std::string why;  // why it is unresolved
};

// Whether two compact keys are near spellings of one name: edit distance ≤ 1 when the shorter
// has 6–7 code points, ≤ 2 from 8; shorter keys never; keys over 64 code points never; and the
// digits must be the same ("Xuân Quang 3" is not "Xuân Quang 4").
bool spelling_close_enough(std::string_view a, std::string_view b, std::size_t& distance) {
    std::size_t len_a = detail::count_code_points(a), len_b = detail::count_code_points(b);
    std::size_t len = std::min(len_a, len_b);
    std::size_t allowed = len >= 8 ? 2 : len >= 6 ? 1 : 0;
    if (allowed == 0 || std::max(len_a, len_b) > 64) return false;
    if (std::max(len_a, len_b) - len > allowed) return false;
    if (detail::digits_of(a) != detail::digits_of(b)) return false;
    distance = text::edit_distance(a, b);
    return distance <= allowed;
}

}  // namespace

// -------------------------------------------------------------------------------------------------
// Loading

Registry Registry::load(const std::filesystem::path& units_json) {
    const std::filesystem::path& file = units_json;
    json root = read_json_file(file);
    if (!root.is_object())
        throw InputError(file.string(),
                         std::string("expected an object, got ") + json_type_name(root));
    Registry r;

    // The new province.
    {
        auto it = root.find("new_province");
        if (it == root.end()) throw InputError(file.string(), "field \"new_province\": missing");
        Record p(*it, "new_province", file);
        r.province_.code = p.code("code");
        r.province_.name = p.name("name");
        r.province_.full_name = p.optional("full_name") ? detail::clean(*p.optional("full_name"))
                                                        : "Tỉnh " + r.province_.name;
        r.province_.predecessors_raw = text::nfc(p.optional("truocsapnhap_raw").value_or(""));
        if (const json* bando = p.child("bando")) {
            Record b(*bando, "new_province.bando", file);
            r.province_.area_km2 = b.decimal("dientichkm2");
            r.province_.population = b.integer("dansonguoi");
        }
    }

    // Old provinces (for district province names).
    std::map<std::string, std::string> province_names;
    {
        const json& provinces = required_array(root, "old_provinces", file);
        for (std::size_t i = 0; i < provinces.size(); ++i) {
            Record p(provinces[i], where("old_provinces", i), file);
            std::string code = p.code("code");
            if (!province_names.emplace(code, p.name("name")).second)
                p.fail("duplicate code \"" + code + "\"");
        }
    }

    // Old districts.
    {
        const json& districts = required_array(root, "old_districts", file);
        for (std::size_t i = 0; i < districts.size(); ++i) {
            Record d(districts[i], where("old_districts", i), file);
            OldDistrict od;
            od.code = d.code("code");
            od.name = d.name("name");
            od.type = canonical_type(d, "type", detail::kDistrictTypeWords);
            od.full_name =
                d.optional("full_name") ? d.name("full_name") : join_full_name(od.type, od.name);
            od.province_code = d.code("province_code");
            auto province = province_names.find(od.province_code);
            if (province == province_names.end())
                d.fail("province_code \"" + od.province_code + "\" is not in old_provinces");
            od.province_name = province->second;
            if (r.old_district_by_code_.count(od.code))
                d.fail("duplicate code \"" + od.code + "\"");
            r.old_district_by_code_.emplace(od.code, r.old_districts_.size());
            r.old_districts_.push_back(std::move(od));
        }
    }

    // Old communes.
    {
        const json& wards = required_array(root, "old_wards", file);
        for (std::size_t i = 0; i < wards.size(); ++i) {
            Record w(wards[i], where("old_wards", i), file);
            OldCommune oc;
            oc.code = w.code("code");
            oc.type = canonical_type(w, "type", detail::kCommuneTypeWords);
            oc.full_name = w.optional("full_name") ? w.name("full_name") : std::string();
            // The name without the type word ("1" for "Phường 1").
            std::string name = w.optional("name") ? w.name("name") : std::string();
            if (name.empty() && oc.full_name.empty()) w.fail("name", "missing");
            if (name.empty())
                name = detail::split_type_word(oc.full_name, detail::kCommuneTypeWords).name;
            if (oc.full_name.empty()) oc.full_name = join_full_name(oc.type, name);
            oc.name = std::move(name);
            oc.district_code = w.code("district_code");
            const OldDistrict* district = r.find_old_district(oc.district_code);
            if (!district)
                w.fail("district_code \"" + oc.district_code + "\" is not in old_districts");
            oc.province_code =
                w.optional("province_code") ? w.code("province_code") : district->province_code;
            if (r.old_commune_by_code_.count(oc.code)) w.fail("duplicate code \"" + oc.code + "\"");
            r.old_commune_by_code_.emplace(oc.code, r.old_communes_.size());
            r.old_communes_.push_back(std::move(oc));
        }
    }

    // New units.
    {
        const json& units = required_array(root, "new_units", file);
        for (std::size_t i = 0; i < units.size(); ++i) {
            Record u(units[i], where("new_units", i), file);
            NewUnit nu;
            nu.code = u.code("code");
            nu.name = u.name("name");
            std::string type = text::lower(u.name("type"));
            if (type != "xã" && type != "phường")
                u.fail("type", "unknown value \"" + u.name("type") + "\" (expected xã or phường)");
            nu.type = type;
            nu.full_name = u.optional("full_name") ? u.name("full_name")
                                                   : join_full_name(capitalised(type), nu.name);
            nu.name_en = u.optional("name_en") ? detail::clean(*u.optional("name_en")) : "";
            auto raw = u.optional("truocsapnhap_raw");
            if (!raw) u.fail("truocsapnhap_raw", "missing");
            nu.predecessors_raw = text::nfc(*raw);
            if (const json* bando = u.child("bando")) {
                Record b(*bando, u.where() + ".bando", file);
                nu.area_km2 = b.decimal("dientichkm2");
                nu.population = b.integer("dansonguoi");
                nu.seat = b.optional("trungtamhc") ? detail::clean(*b.optional("trungtamhc")) : "";
                nu.longitude = b.decimal("kinhdo");
                nu.latitude = b.decimal("vido");
            }
            if (r.new_by_code_.count(nu.code)) u.fail("duplicate code \"" + nu.code + "\"");
            r.new_by_code_.emplace(nu.code, r.new_units_.size());
            r.new_units_.push_back(std::move(nu));
        }
    }

    r.index();
    r.assign_slugs();
    r.resolve_predecessors();
    return r;
}

void Registry::index() {
    auto by_code = [](const auto& a, const auto& b) { return detail::code_less(a.code, b.code); };
    std::stable_sort(new_units_.begin(), new_units_.end(), by_code);
    std::stable_sort(old_districts_.begin(), old_districts_.end(), by_code);
    std::stable_sort(old_communes_.begin(), old_communes_.end(), by_code);
    new_by_code_.clear();
    old_commune_by_code_.clear();
    old_district_by_code_.clear();
    old_communes_by_key_.clear();
    old_districts_by_key_.clear();
    for (std::size_t i = 0; i < new_units_.size(); ++i)
        new_by_code_.emplace(new_units_[i].code, i);
    auto forms = [](const auto& unit) {
        return NameForms{text::compact_key(unit.name), text::compact_key(unit.full_name),
                         text::lower(unit.name), text::lower(unit.full_name)};
    };
    old_district_forms_.clear();
    for (std::size_t i = 0; i < old_districts_.size(); ++i) {
        old_district_by_code_.emplace(old_districts_[i].code, i);
        old_district_forms_.push_back(forms(old_districts_[i]));
        old_districts_by_key_[old_district_forms_.back().key].push_back(i);
    }
    old_commune_forms_.clear();
    for (std::size_t i = 0; i < old_communes_.size(); ++i) {
        old_commune_by_code_.emplace(old_communes_[i].code, i);
        old_commune_forms_.push_back(forms(old_communes_[i]));
        old_communes_by_key_[old_commune_forms_.back().key].push_back(i);
    }
}

namespace {

// Gives every item the slug of its full name; where several share one, each gets "-<code>".
template <typename Unit>
void unique_slugs(std::vector<Unit>& units, std::vector<Warning>& warnings) {
    std::map<std::string, std::vector<std::size_t>> by_slug;
    for (std::size_t i = 0; i < units.size(); ++i) {
        units[i].slug = text::slug(units[i].full_name);
        by_slug[units[i].slug].push_back(i);
    }
    std::set<std::string> taken;
    for (const auto& [slug, members] : by_slug)
        if (members.size() == 1 && !slug.empty()) taken.insert(slug);
    for (const auto& [slug, members] : by_slug) {
        if (members.size() == 1 && !slug.empty()) continue;
        std::string names;
        for (std::size_t i : members)
            names += (names.empty() ? "" : ", ") + units[i].full_name + " (" + units[i].code + ")";
        for (std::size_t i : members) {
            std::string base = slug.empty() ? units[i].code : slug + "-" + units[i].code;
            std::string candidate = base;
            for (int n = 2; taken.count(candidate); ++n)
                candidate = base + "-" + std::to_string(n);
            taken.insert(candidate);
            units[i].slug = candidate;
            std::string why = slug.empty() ? units[i].full_name + " (" + units[i].code +
                                                 ") has no letters or digits for a slug"
                                           : "slug '" + slug + "' is shared by " + names;
            warnings.push_back({units[i].code, why + "; using '" + candidate + "'"});
        }
    }
}

}  // namespace

void Registry::assign_slugs() {
    unique_slugs(new_units_, warnings_);
    unique_slugs(old_districts_, warnings_);
}

// -------------------------------------------------------------------------------------------------
// Resolution

std::vector<Predecessor> Registry::resolve_predecessor_text(std::string_view raw,
                                                            std::string_view unit_code,
                                                            std::string_view unit_full_name,
                                                            std::vector<Warning>& warnings) const {
    std::vector<FragmentWork> work;
    for (PredecessorFragment& f : parse_predecessor_text(raw))
        work.push_back(FragmentWork{std::move(f), {}, {}, {}, Resolution::exact, {}});

    // The old district a hint such as "huyện Phú Hòa" or "thành phố Buôn Ma Thuột" names.
    auto district_of_hint = [&](const std::string& hint) -> std::optional<std::size_t> {
        detail::TypedName typed = detail::split_type_word(hint, detail::kDistrictTypeWords);
        if (typed.type.empty()) {  // "tp Buôn Ma Thuột", "tx. Buôn Hồ"
            std::string folded = text::fold(hint);
            for (auto [abbr, type] :
                 {std::pair<std::string_view, std::string_view>{"tp", "Thành phố"},
                  {"tx", "Thị xã"}})
                if (folded.size() > 3 && folded.compare(0, 2, abbr) == 0 &&
                    (folded[2] == '.' || folded[2] == ' ')) {
                    typed.type = type;
                    typed.name = std::string(text::trim(std::string_view(hint).substr(3)));
                }
        }
        auto it = old_districts_by_key_.find(text::compact_key(typed.name));
        if (it == old_districts_by_key_.end()) return std::nullopt;
        std::vector<std::size_t> found;
        for (std::size_t d : it->second)
            if (typed.type.empty() || old_districts_[d].type == typed.type) found.push_back(d);
        if (found.empty()) found = it->second;  // the type word was wrong; the name still counts
        if (found.size() != 1) return std::nullopt;
        return found.front();
    };
    auto in_district = [&](std::size_t commune, std::size_t district) {
        return old_communes_[commune].district_code == old_districts_[district].code;
    };
    auto keep = [](const std::vector<std::size_t>& v, auto pred) {
        std::vector<std::size_t> kept;
        for (std::size_t x : v)
            if (pred(x)) kept.push_back(x);
        return kept;
    };
    auto codes_of = [&](const std::vector<std::size_t>& v) {
        std::string s;
        for (std::size_t x : v)
            s += (s.empty() ? "" : ", ") + old_communes_[x].code;
        return s;
    };

    // Step 1 (and 2–3 without context): unchanged, candidates, type word, district hint.
    const std::string unit_name =
        detail::split_type_word(detail::clean(unit_full_name), detail::kCommuneTypeWords).name;
    for (FragmentWork& w : work) {
        const PredecessorFragment& f = w.fragment;
        if (!f.district_hint.empty()) w.hinted_district = district_of_hint(f.district_hint);
        if (f.unchanged &&
            (f.name.empty() || text::compact_key(f.name) == text::compact_key(unit_name))) {
            auto it = old_commune_by_code_.find(unit_code);
            if (it != old_commune_by_code_.end()) {
                w.chosen = it->second;
            } else {
                auto by_name = old_communes_by_key_.find(text::compact_key(unit_name));
                if (by_name != old_communes_by_key_.end() && by_name->second.size() == 1)
                    w.chosen = by_name->second.front();
            }
            w.how = Resolution::unchanged;
            if (!w.chosen)
                w.why = "no old commune has the code " + std::string(unit_code) + " or the name '" +
                        unit_name + "'";
            continue;
        }
        if (f.name.empty()) {
            w.why = "no name";
            continue;
        }
        auto it = old_communes_by_key_.find(text::compact_key(f.name));
        if (it != old_communes_by_key_.end()) w.candidates = it->second;
        if (w.candidates.size() > 1 && !f.type.empty()) {
            auto same_type =
                keep(w.candidates, [&](std::size_t c) { return old_communes_[c].type == f.type; });
            if (!same_type.empty()) w.candidates = std::move(same_type);
            if (w.candidates.size() == 1) w.how = Resolution::type;
        }
        if (w.hinted_district && !w.candidates.empty()) {
            std::size_t before = w.candidates.size();
            w.candidates = keep(w.candidates,
                                [&](std::size_t c) { return in_district(c, *w.hinted_district); });
            if (before > 1 && w.candidates.size() == 1) w.how = Resolution::district;
            if (w.candidates.empty())
                w.why = "no old commune of that name in " +
                        old_districts_[*w.hinted_district].full_name;
        }
        if (w.candidates.size() == 1) w.chosen = w.candidates.front();
    }

    // Steps 3–4 with the district context, repeated while they resolve more fragments.
    std::set<std::string> context;  // districts of this unit's resolved fragments
    std::set<std::size_t> taken;    // old communes this unit's fragments already took
    auto choose = [&](FragmentWork& w, std::size_t commune, Resolution how) {
        w.chosen = commune;
        w.how = how;
        context.insert(old_communes_[commune].district_code);
        taken.insert(commune);
    };
    for (const FragmentWork& w : work)
        if (w.chosen) {
            context.insert(old_communes_[*w.chosen].district_code);
            taken.insert(*w.chosen);
        }
    for (bool progress = true; progress;) {
        progress = false;
        // Several candidates: the context districts, then the exact spelling.
        for (FragmentWork& w : work) {
            if (w.chosen || w.candidates.size() < 2) continue;
            // A commune another fragment of this unit already took is not a candidate again.
            auto free = keep(w.candidates, [&](std::size_t c) { return !taken.count(c); });
            auto local = keep(free, [&](std::size_t c) {
                return context.count(old_communes_[c].district_code) > 0;
            });
            if (local.size() == 1) {
                choose(w, local.front(), Resolution::district);
                progress = true;
                continue;
            }
            const auto& pool = local.empty() ? free : local;
            std::string spelled = text::lower(w.fragment.name);
            auto same_spelling =
                keep(pool, [&](std::size_t c) { return old_commune_forms_[c].lower == spelled; });
            if (same_spelling.size() == 1) {
                choose(w, same_spelling.front(), Resolution::exact);
                progress = true;
            }
        }
        if (progress) continue;
        // No candidate: the nearest spelling in the hinted district, else the context districts.
        for (FragmentWork& w : work) {
            if (w.chosen || !w.candidates.empty() || w.fragment.name.empty() ||
                w.how == Resolution::unchanged)
                continue;
            std::set<std::string> hinted;
            if (w.hinted_district) hinted.insert(old_districts_[*w.hinted_district].code);
            const std::set<std::string>& districts = w.hinted_district ? hinted : context;
            if (districts.empty()) continue;
            std::string key = text::compact_key(w.fragment.name);
            std::optional<std::size_t> best;
            std::size_t best_distance = 0;
            bool tie = false;
            for (std::size_t c = 0; c < old_communes_.size(); ++c) {
                if (!districts.count(old_communes_[c].district_code) || taken.count(c)) continue;
                std::size_t distance = 0;
                if (!spelling_close_enough(key, old_commune_forms_[c].key, distance)) continue;
                if (!best || distance < best_distance) {
                    best = c;
                    best_distance = distance;
                    tie = false;
                } else if (distance == best_distance) {
                    tie = true;
                }
            }
            if (best && !tie) {
                choose(w, *best, Resolution::spelling);
                progress = true;
            }
        }
    }

    std::vector<Predecessor> result;
    for (FragmentWork& w : work) {
        const PredecessorFragment& f = w.fragment;
        if (!w.chosen) {
            std::string why = w.why;
            if (why.empty() && w.candidates.size() > 1)
                why = std::to_string(w.candidates.size()) +
                      " old communes match and nothing tells them apart (" +
                      codes_of(w.candidates) + ")";
            if (why.empty()) why = "no old commune has that name or a close spelling";
            if (!f.district_hint.empty() && !w.hinted_district)
                why += " ('" + f.district_hint + "' names no old district)";
            warnings.push_back(
                {std::string(unit_code), "cannot resolve predecessor fragment '" + f.raw + "' of " +
                                             std::string(unit_full_name) + ": " + why});
            continue;
        }
        const OldCommune& old = old_communes_[*w.chosen];
        auto same = std::find_if(result.begin(), result.end(),
                                 [&](const Predecessor& p) { return p.old_code == old.code; });
        if (same != result.end()) {
            same->partial = same->partial || !f.remainder_of.empty();
            warnings.push_back({std::string(unit_code), "predecessor fragment '" + f.raw + "' of " +
                                                            std::string(unit_full_name) +
                                                            " names " + old.full_name + " (" +
                                                            old.code + ") again"});
            continue;
        }
        result.push_back({old.code, !f.remainder_of.empty(), f.raw, w.how});
    }
    return result;
}

void Registry::resolve_predecessors() {
    successors_by_old_code_.clear();
    for (std::size_t u = 0; u < new_units_.size(); ++u) {
        NewUnit& unit = new_units_[u];
        unit.predecessors =
            resolve_predecessor_text(unit.predecessors_raw, unit.code, unit.full_name, warnings_);
        for (const Predecessor& p : unit.predecessors)
            successors_by_old_code_[p.old_code].push_back({u, p.partial});
    }
    // An old commune in several new units is partial in every one of them.
    for (auto& [old_code, units] : successors_by_old_code_) {
        if (units.size() < 2) continue;
        for (auto& [u, partial] : units) {
            partial = true;
            for (Predecessor& p : new_units_[u].predecessors)
                if (p.old_code == old_code) p.partial = true;
        }
    }
    // "(phần còn lại sau khi sáp nhập vào xã Y)" must name a new unit that also took that commune.
    for (const NewUnit& unit : new_units_) {
        for (const Predecessor& p : unit.predecessors) {
            std::vector<PredecessorFragment> parsed = parse_predecessor_text(p.fragment);
            if (parsed.size() != 1 || parsed.front().remainder_of.empty()) continue;
            detail::TypedName target =
                detail::split_type_word(parsed.front().remainder_of, detail::kCommuneTypeWords);
            std::string key = text::compact_key(target.name);
            const NewUnit* other = nullptr;
            for (const NewUnit& candidate : new_units_)
                if (text::compact_key(candidate.name) == key &&
                    (target.type.empty() || capitalised(candidate.type) == target.type))
                    other = &candidate;
            const OldCommune* old = find_old_commune(p.old_code);
            if (!other) {
                warnings_.push_back({unit.code, "predecessor fragment '" + p.fragment + "' of " +
                                                    unit.full_name + " refers to '" +
                                                    parsed.front().remainder_of +
                                                    "', which is not a new unit"});
            } else if (std::none_of(
                           other->predecessors.begin(), other->predecessors.end(),
                           [&](const Predecessor& q) { return q.old_code == p.old_code; })) {
                warnings_.push_back({unit.code, "predecessor fragment '" + p.fragment + "' of " +
                                                    unit.full_name + " says part of " +
                                                    old->full_name + " went to " +
                                                    other->full_name + ", which does not list it"});
            }
        }
    }
    for (const OldCommune& old : old_communes_)
        if (!successors_by_old_code_.count(old.code))
            warnings_.push_back({old.code, "old commune " + old.full_name + " (" + old.code +
                                               ") maps to no new unit"});
}

// -------------------------------------------------------------------------------------------------
// Queries

const NewUnit* Registry::find_new(std::string_view code) const {
    auto it = new_by_code_.find(code);
    return it == new_by_code_.end() ? nullptr : &new_units_[it->second];
}

const OldCommune* Registry::find_old_commune(std::string_view code) const {
    auto it = old_commune_by_code_.find(code);
    return it == old_commune_by_code_.end() ? nullptr : &old_communes_[it->second];
}

const OldDistrict* Registry::find_old_district(std::string_view code) const {
    auto it = old_district_by_code_.find(code);
    return it == old_district_by_code_.end() ? nullptr : &old_districts_[it->second];
}

std::vector<Successor> Registry::successors_of_commune(std::string_view old_code) const {
    std::vector<Successor> out;
    auto it = successors_by_old_code_.find(old_code);
    if (it == successors_by_old_code_.end()) return out;
    for (const auto& [u, partial] : it->second)
        out.push_back({&new_units_[u], partial});
    std::sort(out.begin(), out.end(), [](const Successor& a, const Successor& b) {
        return detail::code_less(a.unit->code, b.unit->code);
    });
    return out;
}

std::vector<Successor> Registry::successors_of_district(std::string_view district_code) const {
    std::map<std::size_t, bool> units;  // index into new_units_ → partial
    for (const OldCommune& old : old_communes_) {
        if (old.district_code != district_code) continue;
        auto it = successors_by_old_code_.find(old.code);
        if (it == successors_by_old_code_.end()) continue;
        for (const auto& [u, partial] : it->second)
            units[u] = units[u] || partial;
    }
    std::vector<Successor> out;
    for (const auto& [u, partial] : units)
        out.push_back({&new_units_[u], partial || units.size() > 1});
    std::sort(out.begin(), out.end(), [](const Successor& a, const Successor& b) {
        return detail::code_less(a.unit->code, b.unit->code);
    });
    return out;
}

std::vector<const OldDistrict*> Registry::districts_of(const NewUnit& unit) const {
    std::vector<const OldDistrict*> out;
    for (const Predecessor& p : unit.predecessors) {
        const OldCommune* old = find_old_commune(p.old_code);
        if (!old) continue;
        const OldDistrict* d = find_old_district(old->district_code);
        if (d && std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
    }
    std::sort(out.begin(), out.end(), [](const OldDistrict* a, const OldDistrict* b) {
        return detail::code_less(a->code, b->code);
    });
    return out;
}

namespace {

enum class Category { none, commune, district };

struct Query {
    Category category = Category::none;
    std::string type;   // canonical type word, "" when none
    std::string name;   // cleaned, without the type word
    std::string whole;  // cleaned
};

struct QueryTypeWord {
    std::string_view folded;  // matched at the start of the folded query
    bool needs_space;         // "xa" needs a space after it; "p." does not
    Category category;
    std::string_view canonical;
};

constexpr QueryTypeWord kQueryTypeWords[] = {
    {"thi tran", true, Category::commune, "Thị trấn"},
    {"thanh pho", true, Category::district, "Thành phố"},
    {"thi xa", true, Category::district, "Thị xã"},
    {"phuong", true, Category::commune, "Phường"},
    {"huyen", true, Category::district, "Huyện"},
    {"quan", true, Category::district, "Quận"},
    {"xa", true, Category::commune, "Xã"},
    {"tt.", false, Category::commune, "Thị trấn"},
    {"tt", true, Category::commune, "Thị trấn"},
    {"tx.", false, Category::district, "Thị xã"},
    {"tx", true, Category::district, "Thị xã"},
    {"tp.", false, Category::district, "Thành phố"},
    {"tp", true, Category::district, "Thành phố"},
    {"p.", false, Category::commune, "Phường"},
    {"x.", false, Category::commune, "Xã"},
};

Query parse_query(std::string_view raw) {
    Query q;
    q.whole = detail::clean(raw);
    q.name = q.whole;
    std::string folded = text::fold(q.whole);
    for (const QueryTypeWord& w : kQueryTypeWords) {
        if (folded.compare(0, w.folded.size(), w.folded) != 0) continue;
        if (w.needs_space && (folded.size() <= w.folded.size() || folded[w.folded.size()] != ' '))
            continue;
        // The shortest prefix of the original that folds to the type word (a type word is short:
        // give up after a few bytes more than it has).
        std::size_t end = 0;
        for (std::size_t i = 0; i < q.whole.size() && i < 4 * w.folded.size() + 16;) {
            text::decode_utf8(q.whole, i);
            if (text::fold(std::string_view(q.whole).substr(0, i)) == w.folded) {
                end = i;
                break;
            }
        }
        if (end == 0) continue;
        std::string rest(text::trim(std::string_view(q.whole).substr(end)));
        if (text::compact_key(rest).empty()) continue;
        q.category = w.category;
        q.type = std::string(w.canonical);
        q.name = std::move(rest);
        break;
    }
    return q;
}

struct Found {
    const OldCommune* commune = nullptr;
    const OldDistrict* district = nullptr;
    bool exact = false;
    const std::string& code() const { return commune ? commune->code : district->code; }
};

}  // namespace

std::vector<LookupMatch> Registry::lookup(std::string_view query) const {
    Query q = parse_query(query);
    const std::string name_key = text::compact_key(q.name);
    const std::string whole_key = text::compact_key(q.whole);
    if (name_key.empty()) return {};
    const std::string name_lower = text::lower(q.name), whole_lower = text::lower(q.whole);

    auto exact = [&](const NameForms& f) {
        return f.lower == name_lower || f.full_lower == whole_lower;
    };
    // Matches by a key predicate, with the type-word rules of the header comment.
    auto search = [&](auto matches) {
        std::vector<Found> communes, districts;
        for (std::size_t i = 0; i < old_communes_.size(); ++i)
            if (matches(old_commune_forms_[i]))
                communes.push_back({&old_communes_[i], nullptr, exact(old_commune_forms_[i])});
        for (std::size_t i = 0; i < old_districts_.size(); ++i)
            if (matches(old_district_forms_[i]))
                districts.push_back({nullptr, &old_districts_[i], exact(old_district_forms_[i])});
        auto of_type = [&](std::vector<Found>& found) {
            std::vector<Found> same;
            for (const Found& f : found)
                if ((f.commune ? f.commune->type : f.district->type) == q.type) same.push_back(f);
            return same.empty() ? found : same;
        };
        std::vector<Found> out;
        if (q.category == Category::commune) {
            out = !communes.empty() ? of_type(communes) : districts;
        } else if (q.category == Category::district) {
            out = !districts.empty() ? of_type(districts) : communes;
        } else {
            out = communes;
            out.insert(out.end(), districts.begin(), districts.end());
        }
        return out;
    };

    std::vector<Found> found =
        search([&](const NameForms& f) { return f.key == name_key || f.full_key == whole_key; });
    const std::size_t name_length = detail::count_code_points(name_key);
    if (found.empty() && name_length >= 6 && name_length <= 64) {
        found = search([&](const NameForms& f) {
            std::size_t length = detail::count_code_points(f.key);
            return length >= 6 && length + 1 >= name_length && length <= name_length + 1 &&
                   detail::digits_of(f.key) == detail::digits_of(name_key) &&
                   text::edit_distance(f.key, name_key) <= 1;
        });
    }
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
        if (a.exact != b.exact) return a.exact;
        return detail::code_less(a.code(), b.code());
    });

    std::vector<LookupMatch> out;
    for (const Found& f : found) {
        LookupMatch m;
        m.commune = f.commune;
        m.district = f.district;
        m.successors = f.commune ? successors_of_commune(f.commune->code)
                                 : successors_of_district(f.district->code);
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace xasite::units
