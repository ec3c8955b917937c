// The administrative-unit registry: the 102 new units of Đắk Lắk (NQ 1660/NQ-UBTVQH15), the 24 old
// districts and 286 old communes, and the old→new mapping read from the raw predecessor text
// (`truocsapnhap_raw`), which the registry parses and resolves itself.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xasite::units {

struct OldDistrict {
    std::string code;       // "651"
    std::string name;       // "Ea Kar"
    std::string full_name;  // "Huyện Ea Kar"
    std::string type;       // "Thành phố" | "Thị xã" | "Huyện"
    std::string province_code;
    std::string province_name;  // "Đắk Lắk" | "Phú Yên"
    std::string slug;           // "huyen-ea-kar": unique, used for /luu-tru/<slug>/
};

struct OldCommune {
    std::string code;           // "24373"
    std::string name;           // "Ea Kar" (without the type word; "1" for "Phường 1")
    std::string full_name;      // "Thị trấn Ea Kar"
    std::string type;           // "Xã" | "Phường" | "Thị trấn"
    std::string district_code;  // "651"
    std::string province_code;
};

// One fragment of the raw predecessor text, as written.
struct PredecessorFragment {
    std::string
        raw;  // "Xã Hòa An (huyện Phú Hòa) (phần còn lại sau khi sáp nhập vào xã Phú Hòa 1)"
    std::string type;  // "Xã" | "Phường" | "Thị trấn" | "" when the fragment has no type word
    std::string name;  // "Hòa An"
    std::string
        district_hint;  // "huyện Phú Hòa" from a "(huyện …)" / "(thị xã …)" / "(thành phố …)"
    std::string remainder_of;  // "xã Phú Hòa 1" from "(phần còn lại sau khi sáp nhập vào …)"
    bool unchanged = false;  // "giữ nguyên": the unit was not rearranged
};

// Splits and parses the raw text. Never throws; unknown parenthesised text is kept in `raw`.
//  - The text is split on commas (and semicolons) outside parentheses; empty pieces are dropped, so
//    "" or ", ," give no fragments. Invalid UTF-8 bytes become U+FFFD; the text is put in NFC.
//  - `raw` is the trimmed fragment as written (’ kept); `type`, `name`, `district_hint` and
//    `remainder_of` are tidied (’ → ', spaces collapsed).
//  - Type word: "Xã", "Phường" or "Thị trấn" at the start, any case, followed by a space.
//  - `name` is the text before the first "("; a fragment that starts with "(" takes its name from
//    the text outside the parentheses.
//  - Parenthesised groups at depth 0 (an unclosed "(" runs to the end; a stray ")" is ignored):
//    "(huyện …)", "(thị xã …)", "(thành phố …)", "(quận …)" → district_hint (nested parentheses
//    inside it are dropped); "(phần còn lại …)" → remainder_of (the text after "sáp nhập vào", or
//    the whole group); "(giữ nguyên)"/"(không sáp nhập)" → unchanged. Other groups are ignored.
//  - A whole fragment "giữ nguyên" or "Không sáp nhập" (any case) → unchanged with an empty name.
std::vector<PredecessorFragment> parse_predecessor_text(std::string_view raw);

enum class Resolution {
    exact,     // folded, spacing-insensitive name matched one old commune (or, among several such,
               // the one spelled exactly like the fragment after NFC and lower-casing)
    type,      // several matched; the type word chose one
    district,  // several matched; the district (hint or context) chose one
    spelling,  // no exact match; nearest spelling within the district context (edit distance on
               // compact keys: ≤ 1 for keys of 6–7 characters, ≤ 2 from 8; numbers must agree)
    unchanged,  // "giữ nguyên": the old commune with the new unit's code (else its name)
};

struct Predecessor {
    std::string old_code;
    bool partial = false;  // only part of the old commune went into this unit
    std::string fragment;  // the raw fragment it came from
    Resolution how = Resolution::exact;
};

struct NewUnit {
    std::string code;       // "24373" (reuses an old commune code)
    std::string name;       // "Ea Kar"
    std::string full_name;  // "Xã Ea Kar"
    std::string type;       // "xã" | "phường"
    std::string slug;       // "xa-ea-kar": unique across the province
    std::string name_en;
    std::string predecessors_raw;
    std::vector<Predecessor> predecessors;
    std::optional<double> area_km2;
    std::optional<long> population;
    std::string seat;  // administrative seat ("trung tâm hành chính"), may be empty
    std::optional<double> longitude, latitude;
};

struct Warning {
    // The unit the warning is about: the new unit whose text could not be resolved (or whose slug
    // collided), the old commune that maps to no new unit, or the old district whose slug collided.
    std::string unit_code;
    std::string message;
};

// A new unit that took (all or part of) an old one.
struct Successor {
    const NewUnit* unit = nullptr;
    bool partial = false;
};

struct LookupMatch {
    // Exactly one of these is set.
    const OldCommune* commune = nullptr;
    const OldDistrict* district = nullptr;
    std::vector<Successor> successors;
};

struct ProvinceInfo {
    std::string code, name, full_name;
    std::string predecessors_raw;  // "tỉnh Phú Yên và tỉnh Đắk Lắk"
    std::optional<double> area_km2;
    std::optional<long> population;
};

class Registry {
  public:
    // Loads content/units/daklak-units.json (the joined file from ../shared/data/units).
    // Throws InputError naming the file and record on malformed input, e.g.
    // "content/units/daklak-units.json: new_units[17]: missing \"code\"": not a JSON object, a
    // missing or mistyped required field, an empty or non-numeric code, an unknown type word, a
    // duplicate code, a commune whose district (or a district whose province) is not listed,
    // or an area/population that is neither a number nor "đang cập nhật".
    // Names are put through text::nfc and text::tidy; predecessors_raw is kept verbatim (NFC).
    // Slugs are text::slug(full_name); when several collide, every one of them gets "-<code>"
    // appended and a Warning is recorded. Predecessors are then resolved (see
    // resolve_predecessor_text); a fragment that cannot be resolved is skipped with a Warning, and
    // so is an old commune that ends up in no new unit. An old commune that ends up in more than
    // one new unit is partial in each of them.
    // `predecessors_parsed_by_vietnamadminunits` is ignored: it is someone else's parse.
    static Registry load(const std::filesystem::path& units_json);

    const ProvinceInfo& province() const { return province_; }
    const std::vector<NewUnit>& new_units() const { return new_units_; }
    const std::vector<OldDistrict>& old_districts() const { return old_districts_; }
    const std::vector<OldCommune>& old_communes() const { return old_communes_; }
    const std::vector<Warning>& warnings() const { return warnings_; }

    const NewUnit* find_new(std::string_view code) const;
    const OldCommune* find_old_commune(std::string_view code) const;
    const OldDistrict* find_old_district(std::string_view code) const;

    // New units that took all or part of an old commune (sorted by code).
    std::vector<Successor> successors_of_commune(std::string_view old_code) const;
    // New units that took any commune of an old district (sorted by code). A successor is partial
    // when the district's communes went to more than one new unit (each took only part of the
    // district), or when a commune of the district is partial in that unit. So it is whole only
    // when one new unit took every commune of the district, each of them entirely.
    std::vector<Successor> successors_of_district(std::string_view district_code) const;
    // Old districts a new unit's predecessors belonged to (sorted by code, no duplicates).
    std::vector<const OldDistrict*> districts_of(const NewUnit& unit) const;

    // Old communes and districts whose name matches the query: diacritics optional, ' or ’,
    // spacing-insensitive, with or without a type word ("xa ea kao", "huyen krong bong",
    // "tp buon ma thuot"). Exact-name matches come first; then by code.
    //  - The query is folded and compared by text::compact_key with each old unit's name (after
    //    stripping a leading type word from the query) and with its full name (the whole query).
    //  - Type words: xã/x., phường/p., thị trấn/tt (commune types); huyện, thị xã/tx, thành phố/tp
    //    (district types). With a commune type word only communes are returned, those of that type
    //    if any match, else communes of another type (a thị trấn may have become a phường);
    //    if no commune matches at all, districts are tried ("xã Buôn Đôn" finds Huyện Buôn Đôn,
    //    whose successors include the new Xã Buôn Đôn). With a district type word it is the
    //    same with the roles swapped. Without a type word communes and districts both match.
    //  - "Exact" means the NFC, lower-cased, tidied name (or full name) equals the query's.
    //    The rest are ordered by code as a number (districts, with 3-digit codes, come first).
    //  - When nothing matches, names at edit distance 1 (compact keys of 6–64 characters, numbers
    //    equal) are returned instead, with the same type rules. Nothing else is guessed.
    std::vector<LookupMatch> lookup(std::string_view query) const;

    // Resolves a raw predecessor text as if it belonged to a new unit with this code and name,
    // without the registry-wide step (partial here only means a "(phần còn lại …)" fragment; the
    // registry also marks an old commune partial when it is in several units). For each fragment:
    //  1. "giữ nguyên": the old commune with unit_code, else the one whose name matches the unit's
    //     name (unit_full_name without its type word) → unchanged.
    //  2. Candidates: old communes whose compact_key(name) equals the fragment's. A district hint
    //     that names an old district (by compact key, type word optional) restricts them to it.
    //  3. Several: keep those of the fragment's type word → type; then the district hint →
    //     district; then the districts of this unit's other resolved fragments → district; then the
    //     one spelled exactly the same → exact.
    //  4. None: the nearest spelling among old communes of the hinted district, or else of the
    //     context districts, not already taken by this unit (unique best) → spelling.
    // Steps 3–4 repeat while they resolve more fragments (context grows). A commune another
    // fragment of the unit already took is no longer a candidate in steps 3–4. Unresolved fragments
    // are skipped with a Warning "cannot resolve predecessor fragment '…' of Xã X: <why>"; an old
    // commune listed twice is kept once (Warning); a "(phần còn lại sau khi sáp nhập vào xã Y)"
    // naming a unit that does not exist is reported only by load, which knows all units.
    std::vector<Predecessor> resolve_predecessor_text(std::string_view raw,
                                                      std::string_view unit_code,
                                                      std::string_view unit_full_name,
                                                      std::vector<Warning>& warnings) const;

  private:
    ProvinceInfo province_;
    std::vector<NewUnit> new_units_;
    std::vector<OldDistrict> old_districts_;
    std::vector<OldCommune> old_communes_;
    std::vector<Warning> warnings_;
    std::map<std::string, std::size_t, std::less<>> new_by_code_, old_commune_by_code_,
        old_district_by_code_;
    // compact_key(name) → indices into old_communes_ / old_districts_ (ascending).
    std::map<std::string, std::vector<std::size_t>, std::less<>> old_communes_by_key_,
        old_districts_by_key_;
    // Matching forms of each old unit's names, parallel to old_communes_ / old_districts_.
    struct NameForms {
        std::string key, full_key;      // text::compact_key of name / full_name
        std::string lower, full_lower;  // text::lower of name / full_name
    };
    std::vector<NameForms> old_commune_forms_, old_district_forms_;
    // old commune code → (index into new_units_, partial), filled by resolve_predecessors.
    std::map<std::string, std::vector<std::pair<std::size_t, bool>>, std::less<>>
        successors_by_old_code_;
    void index();
    void resolve_predecessors();
    void assign_slugs();
};

const char* to_string(Resolution r);

}  // namespace xasite::units
