// The registry loaded from the real data in content/units: counts, the full old→new mapping, the
// partial set, slugs, figures, and a cross-check against the vietnamadminunits parse.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/files.hpp"
#include "units_test_support.hpp"

namespace xasite::units {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::real_registry;
using testing::real_units_json;

TEST(UnitsRegistry, ContentCopyIsByteIdenticalToSharedData) {
    XASITE_REQUIRE_SHARED();
    EXPECT_EQ(read_file(real_units_json()),
              read_file(::xasite::testing::shared_dir() / "data" / "units" / "daklak-units.json"));
}

TEST(UnitsRegistry, LoadsEveryUnitWithoutWarnings) {
    const Registry& r = real_registry();
    EXPECT_EQ(r.new_units().size(), 102u);
    EXPECT_EQ(r.old_districts().size(), 24u);
    EXPECT_EQ(r.old_communes().size(), 286u);
    std::string all;
    for (const Warning& w : r.warnings())
        all += w.unit_code + ": " + w.message + "\n";
    EXPECT_THAT(r.warnings(), IsEmpty()) << all;

    std::map<std::string, int> by_type;
    for (const NewUnit& u : r.new_units())
        ++by_type[u.type];
    EXPECT_EQ(by_type, (std::map<std::string, int>{{"phường", 14}, {"xã", 88}}));

    // 106 communes of old Phú Yên (54) and 180 of old Đắk Lắk (66); 9 + 15 districts.
    std::map<std::string, int> communes_by_province, districts_by_province;
    for (const OldCommune& c : r.old_communes())
        ++communes_by_province[c.province_code];
    for (const OldDistrict& d : r.old_districts())
        ++districts_by_province[d.province_code];
    EXPECT_EQ(communes_by_province, (std::map<std::string, int>{{"54", 106}, {"66", 180}}));
    EXPECT_EQ(districts_by_province, (std::map<std::string, int>{{"54", 9}, {"66", 15}}));
}

TEST(UnitsRegistry, EveryOldCommuneMapsToANewUnitAnd294PairsInAll) {
    const Registry& r = real_registry();
    std::size_t pairs = 0;
    for (const NewUnit& u : r.new_units()) {
        EXPECT_FALSE(u.predecessors.empty()) << u.full_name;
        pairs += u.predecessors.size();
    }
    EXPECT_EQ(pairs, 294u);
    for (const OldCommune& c : r.old_communes())
        EXPECT_FALSE(r.successors_of_commune(c.code).empty()) << c.full_name << " " << c.code;
}

// The eight old communes that were split (DOMAIN.md §4), each into exactly two new units, and
// nothing else partial.
TEST(UnitsRegistry, PartialSetIsExactlyTheSplitCommunes) {
    const Registry& r = real_registry();
    std::set<std::pair<std::string, std::string>> partial;  // (old, new)
    for (const NewUnit& u : r.new_units())
        for (const Predecessor& p : u.predecessors)
            if (p.partial) partial.insert({p.old_code, u.code});
    std::set<std::pair<std::string, std::string>> expected = {
        {"22024", "22015"}, {"22024", "22045"},  // Phường 9: Tuy Hòa, Bình Kiến
        {"22312", "22015"}, {"22312", "22303"},  // Hòa Trị: Tuy Hòa, Phú Hòa 2
        {"22315", "22015"}, {"22315", "22319"},  // Hòa An (Phú Hòa): Tuy Hòa, Phú Hòa 1
        {"22228", "22207"}, {"22228", "22222"},  // Ea Bia: Sông Hinh, Đức Bình
        {"22225", "22225"}, {"22225", "22237"},  // Ea Bar (Sông Hinh): Ea Bá, Ea Ly
        {"22252", "22240"}, {"22252", "22255"},  // Hòa Bình 1: Phú Yên, Tây Hòa
        {"22246", "22240"}, {"22246", "22261"},  // Hòa Hiệp Bắc: Phú Yên, Hòa Hiệp
        {"24550", "24544"}, {"24550", "24561"},  // Ea Bhốk: Ea Ktur, Dray Bhăng
    };
    EXPECT_EQ(partial, expected);
    for (const OldCommune& c : r.old_communes()) {
        auto successors = r.successors_of_commune(c.code);
        bool split = successors.size() > 1;
        for (const Successor& s : successors)
            EXPECT_EQ(s.partial, split) << c.full_name << " → " << s.unit->full_name;
    }
}

TEST(UnitsRegistry, SlugsAreUniqueAndFollowTheFullName) {
    const Registry& r = real_registry();
    std::set<std::string> unit_slugs, district_slugs;
    for (const NewUnit& u : r.new_units())
        EXPECT_TRUE(unit_slugs.insert(u.slug).second) << u.slug;
    for (const OldDistrict& d : r.old_districts())
        EXPECT_TRUE(district_slugs.insert(d.slug).second) << d.slug;
    EXPECT_EQ(r.find_new("24373")->slug, "xa-ea-kar");
    EXPECT_EQ(r.find_new("24133")->slug, "phuong-buon-ma-thuot");
    EXPECT_EQ(r.find_new("24184")->slug, "xa-ea-hleo");
    EXPECT_EQ(r.find_new("24280")->slug, "xa-cu-mgar");
    EXPECT_EQ(r.find_new("22303")->slug, "xa-phu-hoa-2");
    EXPECT_EQ(r.find_old_district("651")->slug, "huyen-ea-kar");
    EXPECT_EQ(r.find_old_district("643")->slug, "thanh-pho-buon-ma-thuot");
    EXPECT_EQ(r.find_old_district("652")->slug, "huyen-mdrak");
    EXPECT_EQ(r.find_old_district("564")->slug, "thi-xa-dong-hoa");
}

TEST(UnitsRegistry, NamesAreTidiedAndTyped) {
    const Registry& r = real_registry();
    const NewUnit* cu_mgar = r.find_new("24280");
    ASSERT_NE(cu_mgar, nullptr);
    EXPECT_EQ(cu_mgar->name, "Cư M'gar");  // ’ in the source
    EXPECT_EQ(cu_mgar->full_name, "Xã Cư M'gar");
    EXPECT_EQ(cu_mgar->type, "xã");
    EXPECT_EQ(cu_mgar->predecessors_raw, "Xã Ea H’đing, Xã Ea Kpam, Xã Cư M’gar");  // verbatim
    EXPECT_EQ(r.find_new("22015")->type, "phường");
    EXPECT_EQ(r.find_new("22015")->name_en, "Tuy Hoa");

    const OldCommune* p9 = r.find_old_commune("22024");
    ASSERT_NE(p9, nullptr);
    EXPECT_EQ(p9->name, "9");
    EXPECT_EQ(p9->full_name, "Phường 9");
    EXPECT_EQ(p9->type, "Phường");
    EXPECT_EQ(p9->district_code, "555");
    EXPECT_EQ(p9->province_code, "54");
    EXPECT_EQ(r.find_old_commune("22319")->type, "Thị trấn");

    const OldDistrict* tuy_hoa = r.find_old_district("555");
    ASSERT_NE(tuy_hoa, nullptr);
    EXPECT_EQ(tuy_hoa->full_name, "Thành phố Tuy Hoà");
    EXPECT_EQ(tuy_hoa->type, "Thành phố");
    EXPECT_EQ(tuy_hoa->province_name, "Phú Yên");
    EXPECT_EQ(r.find_old_district("657")->province_name, "Đắk Lắk");
    EXPECT_EQ(r.find_new("99999"), nullptr);
    EXPECT_EQ(r.find_old_commune("643"), nullptr);
    EXPECT_EQ(r.find_old_district("24169"), nullptr);
}

TEST(UnitsRegistry, ProvinceAndUnitFiguresReadBothNumberStyles) {
    const Registry& r = real_registry();
    const ProvinceInfo& p = r.province();
    EXPECT_EQ(p.code, "66");
    EXPECT_EQ(p.name, "Đắk Lắk");
    EXPECT_EQ(p.full_name, "Tỉnh Đắk Lắk");
    EXPECT_EQ(p.predecessors_raw, "tỉnh Phú Yên và tỉnh Đắk Lắk");
    ASSERT_TRUE(p.area_km2.has_value());
    EXPECT_DOUBLE_EQ(*p.area_km2, 18096.40);  // "18.096,40"
    EXPECT_EQ(p.population, 3346853L);        // "3.346.853"

    const NewUnit* tuy_hoa = r.find_new("22015");
    EXPECT_DOUBLE_EQ(tuy_hoa->area_km2.value(), 33.77);
    EXPECT_EQ(tuy_hoa->population, 126118L);
    EXPECT_EQ(tuy_hoa->seat, "Trụ sở Thành ủy Tuy Hòa, Trụ sở UBND thành phố Tuy Hòa");
    EXPECT_DOUBLE_EQ(tuy_hoa->longitude.value(), 109.289);
    EXPECT_DOUBLE_EQ(tuy_hoa->latitude.value(), 13.0799);

    const NewUnit* son_hoa = r.find_new("22165");  // "268.092" km², population "đang cập nhật"
    EXPECT_DOUBLE_EQ(son_hoa->area_km2.value(), 268.092);
    EXPECT_FALSE(son_hoa->population.has_value());

    std::vector<std::string> unknown_population;
    for (const NewUnit& u : r.new_units()) {
        EXPECT_TRUE(u.area_km2.has_value()) << u.full_name;
        if (!u.population) unknown_population.push_back(u.code);
    }
    // Sơn Hòa, Ea H'Leo, Cư M'gar, Ea M'Droh, M'Drắk, Cư M'ta: "đang cập nhật" in bando.
    EXPECT_THAT(unknown_population,
                ElementsAre("22165", "24184", "24280", "24286", "24412", "24436"));
}

TEST(UnitsRegistry, SuccessorsOfDistrict) {
    const Registry& r = real_registry();
    auto krong_bong = r.successors_of_district("653");
    EXPECT_THAT(testing::codes(krong_bong),
                ElementsAre("24448", "24454", "24472", "24478", "24484"));
    for (const Successor& s : krong_bong)
        EXPECT_TRUE(s.partial) << s.unit->full_name;  // five units share the district

    EXPECT_THAT(testing::codes(r.successors_of_district("643")),
                ElementsAre("24121", "24133", "24154", "24163", "24169", "24175"));
    EXPECT_THAT(r.successors_of_district("999"), IsEmpty());

    // Every district is split among several new units, so every successor is partial.
    for (const OldDistrict& d : r.old_districts()) {
        auto successors = r.successors_of_district(d.code);
        EXPECT_GT(successors.size(), 1u) << d.full_name;
        for (const Successor& s : successors)
            EXPECT_TRUE(s.partial) << d.full_name << " → " << s.unit->full_name;
    }
}

TEST(UnitsRegistry, DistrictsOfANewUnit) {
    const Registry& r = real_registry();
    auto names = [&](const char* code) {
        std::vector<std::string> out;
        for (const OldDistrict* d : r.districts_of(*r.find_new(code)))
            out.push_back(d->code);
        return out;
    };
    EXPECT_THAT(names("22015"), ElementsAre("555", "563"));  // Tuy Hòa + parts of Phú Hòa
    EXPECT_THAT(names("22240"), ElementsAre("555", "562", "564"));
    EXPECT_THAT(names("24121"), ElementsAre("643"));
    EXPECT_THAT(names("24259"), ElementsAre("648"));
}

// Cross-check with the vietnamadminunits parse of the same text (VAU-convert), which the registry
// does not use. Reviewed: the two agree on every (old, new) pair and on which old wards are split.
TEST(UnitsRegistry, AgreesWithTheVietnamadminunitsParse) {
    const Registry& r = real_registry();
    nlohmann::json doc = read_json_file(real_units_json());
    std::set<std::pair<std::string, std::string>> theirs, ours, their_split, our_split;
    for (const auto& unit : doc.at("new_units"))
        for (const auto& row : unit.at("predecessors_parsed_by_vietnamadminunits")) {
            std::pair<std::string, std::string> pair{row.at("old_ward_code").get<std::string>(),
                                                     unit.at("code").get<std::string>()};
            theirs.insert(pair);
            if (row.at("is_divided_ward").get<bool>()) their_split.insert(pair);
        }
    for (const NewUnit& u : r.new_units())
        for (const Predecessor& p : u.predecessors) {
            ours.insert({p.old_code, u.code});
            if (p.partial) our_split.insert({p.old_code, u.code});
        }
    std::vector<std::pair<std::string, std::string>> only_ours, only_theirs;
    std::set_difference(ours.begin(), ours.end(), theirs.begin(), theirs.end(),
                        std::back_inserter(only_ours));
    std::set_difference(theirs.begin(), theirs.end(), ours.begin(), ours.end(),
                        std::back_inserter(only_theirs));
    EXPECT_THAT(only_ours, IsEmpty());
    EXPECT_THAT(only_theirs, IsEmpty());
    EXPECT_EQ(theirs.size(), 294u);
    EXPECT_EQ(our_split, their_split);
}

}  // namespace
}  // namespace xasite::units
