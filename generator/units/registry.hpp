// The administrative-unit registry: the 102 new units of Đắk Lắk (NQ 1660/NQ-UBTVQH15), the 24 old
// districts and 286 old communes, and the old→new mapping read from the raw predecessor text
// (`truocsapnhap_raw`), which the registry parses and resolves itself.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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
std::vector<PredecessorFragment> parse_predecessor_text(std::string_view raw);

enum class Resolution {
    exact,      // folded, spacing-insensitive name matched one old commune
    type,       // several matched; the type word chose one
    district,   // several matched; the district (hint or context) chose one
    spelling,   // no exact match; nearest spelling within the district context
    unchanged,  // "giữ nguyên": the old commune with the new unit's name
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
    std::string unit_code;  // the new unit whose text could not be resolved
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
    // Throws InputError naming the file and record on malformed input.
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
    // New units that took any commune of an old district; partial when the district's communes
    // went to several new units or a commune of it was split (sorted by code).
    std::vector<Successor> successors_of_district(std::string_view district_code) const;
    // Old districts a new unit's predecessors belonged to (sorted by code, no duplicates).
    std::vector<const OldDistrict*> districts_of(const NewUnit& unit) const;

    // Old communes and districts whose name matches the query: diacritics optional, ' or ’,
    // spacing-insensitive, with or without a type word ("xa ea kao", "huyen krong bong",
    // "tp buon ma thuot"). Exact-name matches come first; then by code.
    std::vector<LookupMatch> lookup(std::string_view query) const;

  private:
    ProvinceInfo province_;
    std::vector<NewUnit> new_units_;
    std::vector<OldDistrict> old_districts_;
    std::vector<OldCommune> old_communes_;
    std::vector<Warning> warnings_;
    std::map<std::string, std::size_t, std::less<>> new_by_code_, old_commune_by_code_,
        old_district_by_code_;
    void index();
    void resolve_predecessors();
};

const char* to_string(Resolution r);

}  // namespace xasite::units
