// Resolution of the raw predecessor text against the old communes: the tricky cases of the real
// data pinned one by one, and synthetic texts for the fallbacks and the warnings.
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/text.hpp"
#include "units_test_support.hpp"

namespace xasite::units {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::old_codes;
using testing::predecessor;
using testing::real_registry;

const NewUnit& unit(const char* code) {
    const NewUnit* u = real_registry().find_new(code);
    if (!u) throw std::runtime_error(std::string("no new unit ") + code);
    return *u;
}

// Expects `old_code` among the predecessors of new unit `new_code`, resolved as `how`.
void expect_resolved(const char* new_code, const char* old_code, Resolution how,
                     bool partial = false) {
    const Predecessor* p = predecessor(unit(new_code), old_code);
    ASSERT_NE(p, nullptr) << old_code << " is not a predecessor of " << new_code;
    EXPECT_EQ(to_string(p->how), std::string(to_string(how))) << p->fragment;
    EXPECT_EQ(p->partial, partial) << p->fragment;
}

TEST(UnitsResolution, HowManyFragmentsResolvedEachWay) {
    std::map<std::string, int> by_how;
    for (const NewUnit& u : real_registry().new_units())
        for (const Predecessor& p : u.predecessors)
            ++by_how[to_string(p.how)];
    EXPECT_EQ(
        by_how,
        (std::map<std::string, int>{
            {"district", 18}, {"exact", 258}, {"spelling", 2}, {"type", 10}, {"unchanged", 6}}));
}

TEST(UnitsResolution, SpacingAndApostrophesDoNotMatter) {
    // "Xã Ea Chà Rang" is "Eachà Rang" in the old list.
    EXPECT_THAT(old_codes(unit("22192")), ElementsAre("22192", "22195", "22204"));
    expect_resolved("22192", "22192", Resolution::exact);
    EXPECT_EQ(predecessor(unit("22192"), "22192")->fragment, "Xã Ea Chà Rang");
    // ’ in "Xã Cư M’Lan" against ' in "Cư M'Lan".
    expect_resolved("24211", "24232", Resolution::exact);
    EXPECT_EQ(predecessor(unit("24211"), "24232")->fragment, "Xã Cư M’Lan");
    // "Cư Êwi" = "Cư Ê Wi", "Dliê Ya" = "ĐLiê Ya", "Chứ Kbô" = "Chư KBô".
    expect_resolved("24540", "24541", Resolution::exact);
    expect_resolved("24346", "24346", Resolution::exact);
    expect_resolved("24310", "24310", Resolution::exact);
    // "Thị trấn Phú Hòa" = "Thị trấn Phú Hoà" (tone placement).
    expect_resolved("22319", "22319", Resolution::exact);
}

TEST(UnitsResolution, MisspelledNamesResolveWithinTheDistrictContext) {
    // "Ea H’đing" is "Ea H'đinh" (24274), in Cư M'gar like the unit's other communes.
    EXPECT_THAT(old_codes(unit("24280")), ElementsAre("24274", "24280", "24289"));
    expect_resolved("24280", "24274", Resolution::spelling);
    // "Cư Yang" is "Cư Jang" (24409); Cư Bông (24406), the other predecessor, is in Ea Kar.
    EXPECT_THAT(old_codes(unit("24406")), ElementsAre("24406", "24409"));
    expect_resolved("24406", "24409", Resolution::spelling);
}

TEST(UnitsResolution, SameFoldedNameTwoCommunesTellApartByDistrictContext) {
    // Hòa Đồng (22276, Tây Hòa) and Hòa Đông (24517, Krông Pắc) fold the same.
    EXPECT_THAT(old_codes(unit("22276")), ElementsAre("22276", "22294"));
    expect_resolved("22276", "22276", Resolution::district);
    EXPECT_THAT(old_codes(unit("24505")), ElementsAre("24499", "24505", "24517"));
    expect_resolved("24505", "24517", Resolution::district);
    // Ea D'Rơng (24292, Cư M'gar) and Ea Drông (24328, Buôn Hồ) too.
    EXPECT_THAT(old_codes(unit("24301")), ElementsAre("24292", "24301"));
    expect_resolved("24301", "24292", Resolution::district);
    EXPECT_THAT(old_codes(unit("24328")), ElementsAre("24328", "24334"));
    expect_resolved("24328", "24328", Resolution::district);
}

TEST(UnitsResolution, RenamedBareName) {
    // "Krông Na", without a type word, is the whole text of the new Xã Buôn Đôn.
    EXPECT_THAT(old_codes(unit("24235")), ElementsAre("24235"));
    expect_resolved("24235", "24235", Resolution::exact);
    EXPECT_EQ(predecessor(unit("24235"), "24235")->fragment, "Krông Na");
}

TEST(UnitsResolution, UnchangedUnits) {
    // Ea H'Leo, Ia Lốp, Ia Rvê, Ea Trang, Vụ Bổn, Krông Nô: "giữ nguyên", each its own old commune.
    std::vector<std::string> unchanged;
    for (const NewUnit& u : real_registry().new_units())
        for (const Predecessor& p : u.predecessors)
            if (p.how == Resolution::unchanged) {
                unchanged.push_back(u.code);
                EXPECT_EQ(u.predecessors.size(), 1u) << u.full_name;
                EXPECT_EQ(p.old_code, u.code) << u.full_name;
                EXPECT_FALSE(p.partial) << u.full_name;
                EXPECT_EQ(p.fragment, "giữ nguyên");
            }
    EXPECT_THAT(unchanged, ElementsAre("24184", "24214", "24221", "24445", "24529", "24604"));
}

TEST(UnitsResolution, DistrictHintsChooseBetweenNamesakes) {
    // Hòa Thắng: (huyện Phú Hòa) → 22324 in Phú Hòa 1; (thành phố Buôn Ma Thuột) → 24166 in Tân
    // Lập.
    expect_resolved("22319", "22324", Resolution::district);
    expect_resolved("24121", "24166", Resolution::district);
    EXPECT_EQ(predecessor(unit("22319"), "24166"), nullptr);
    EXPECT_EQ(predecessor(unit("24121"), "22324"), nullptr);
    // Ea Bar (huyện Sông Hinh) 22225 → Ea Bá (the rest) and Ea Ly; Ea Bar (huyện Buôn Đôn) 24250.
    expect_resolved("22225", "22225", Resolution::district, true);
    expect_resolved("22237", "22225", Resolution::district, true);
    expect_resolved("24250", "24250", Resolution::district);
    // Hòa Thành (thị xã Đông Hòa) 22243 / (huyện Krông Bông) 24457; Hòa Phú, Hòa Phong, Hòa An.
    expect_resolved("22240", "22243", Resolution::district);
    expect_resolved("24454", "24457", Resolution::district);
    expect_resolved("22250", "22270", Resolution::district);
    expect_resolved("24175", "24172", Resolution::district);
    expect_resolved("22255", "22264", Resolution::district);
    expect_resolved("24478", "24463", Resolution::district);
    expect_resolved("22015", "22315", Resolution::district, true);
    expect_resolved("22319", "22315", Resolution::district, true);
    expect_resolved("24490", "24511", Resolution::district);
}

TEST(UnitsResolution, TypeWordsChooseBetweenNamesakes) {
    // Phường Ea Tam (24151, Buôn Ma Thuột) → Phường Ea Kao; Xã Ea Tam (24352, Krông Năng) → Tam
    // Giang.
    EXPECT_THAT(old_codes(unit("24169")), ElementsAre("24151", "24169"));
    expect_resolved("24169", "24151", Resolution::type);
    EXPECT_THAT(old_codes(unit("24352")), ElementsAre("24352", "24358", "24367"));
    expect_resolved("24352", "24352", Resolution::type);
    // Phường Tân Hòa (24121) / Xã Tân Hoà (24244); Phường / Xã Xuân Phú; Phường / Xã Tân Lập.
    expect_resolved("24121", "24121", Resolution::type);
    expect_resolved("24241", "24244", Resolution::type);
    expect_resolved("22051", "22051", Resolution::type);
    expect_resolved("24373", "24382", Resolution::type);
    expect_resolved("24121", "24118", Resolution::type);
    expect_resolved("24316", "24317", Resolution::type);
}

TEST(UnitsResolution, SplitCommunesArePartialInEveryUnit) {
    // Phường 9: "(phần còn lại …)" in Bình Kiến, plain in Tuy Hòa; partial in both.
    expect_resolved("22015", "22024", Resolution::exact, true);
    expect_resolved("22045", "22024", Resolution::exact, true);
    EXPECT_THAT(testing::codes(real_registry().successors_of_commune("22024")),
                ElementsAre("22015", "22045"));
    expect_resolved("24544", "24550", Resolution::exact, true);  // Ea Bhốk
    expect_resolved("24561", "24550", Resolution::exact, true);
    expect_resolved("22015", "22312", Resolution::exact, true);  // Hòa Trị
    expect_resolved("22303", "22312", Resolution::exact, true);
    // Not split: whole.
    expect_resolved("22015", "22015", Resolution::exact, false);
}

// ---- synthetic texts -----------------------------------------------------------------------

std::vector<Predecessor> resolve(const std::string& text, std::vector<Warning>& warnings,
                                 const char* code = "99999", const char* name = "Xã Thử") {
    return real_registry().resolve_predecessor_text(text, code, name, warnings);
}

std::vector<std::string> resolved_codes(const std::vector<Predecessor>& ps) {
    std::vector<std::string> out;
    for (const Predecessor& p : ps)
        out.push_back(p.old_code + ":" + to_string(p.how) + (p.partial ? ":partial" : ""));
    return out;
}

TEST(UnitsResolution, ExactSpellingSeparatesFoldedTwinsWithoutContext) {
    std::vector<Warning> warnings;
    auto ps = resolve("Xã Hòa Đông, Xã Hòa Đồng", warnings);
    // The first one's district (Krông Pắc) must not pull the second to the commune already taken.
    EXPECT_THAT(resolved_codes(ps), ElementsAre("24517:exact", "22276:exact"));
    EXPECT_THAT(resolved_codes(resolve("Xã Ea Bar", warnings)), ElementsAre("24250:exact"));
    EXPECT_THAT(resolved_codes(resolve("Xã EaBar", warnings)), ElementsAre("22225:exact"));
    EXPECT_THAT(warnings, IsEmpty());
}

TEST(UnitsResolution, AmbiguousNamesAreReportedNotGuessed) {
    std::vector<Warning> warnings;
    // "Hoà Đông" spelled with the old tone placement matches neither exactly.
    EXPECT_THAT(resolve("Xã Hoà Đông", warnings), IsEmpty());
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].unit_code, "99999");
    EXPECT_THAT(warnings[0].message,
                HasSubstr("cannot resolve predecessor fragment 'Xã Hoà Đông' of Xã Thử"));
    EXPECT_THAT(warnings[0].message, HasSubstr("22276, 24517"));

    warnings.clear();
    EXPECT_THAT(resolve("Xã Hòa Phú", warnings), IsEmpty());  // Tây Hòa and Buôn Ma Thuột
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_THAT(warnings[0].message, HasSubstr("2 old communes match"));
    EXPECT_THAT(warnings[0].message, HasSubstr("22270, 24172"));

    warnings.clear();
    EXPECT_THAT(resolve("Xã Hòa Phú (huyện Không Có)", warnings), IsEmpty());
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_THAT(warnings[0].message, HasSubstr("'huyện Không Có' names no old district"));

    warnings.clear();
    EXPECT_THAT(resolved_codes(resolve("Xã Ea Bar (huyện Buôn Đôn)", warnings)),
                ElementsAre("24250:district"));
    EXPECT_THAT(resolved_codes(resolve("Xã Hòa Phú (tp Buôn Ma Thuột)", warnings)),
                ElementsAre("24172:district"));
    EXPECT_THAT(
        resolved_codes(resolve("Xã Ea Bar (tp Buôn Ma Thuột), Xã Hòa Phú (h. X)", warnings)),
        IsEmpty());
    EXPECT_EQ(warnings.size(), 2u);
}

TEST(UnitsResolution, DistrictHintAloneDecides) {
    // Without other fragments there is no district context: only the hint can decide.
    std::vector<Warning> warnings;
    EXPECT_THAT(resolved_codes(resolve("Xã Hòa Thắng (huyện Phú Hòa)", warnings)),
                ElementsAre("22324:district"));
    EXPECT_THAT(resolved_codes(resolve("Xã Hòa Thắng (thành phố Buôn Ma Thuột)", warnings)),
                ElementsAre("24166:district"));
    // "Ea Bar" alone would be Buôn Đôn's (spelled exactly so); the hint says Sông Hinh's "EaBar".
    EXPECT_THAT(resolved_codes(resolve("Xã Ea Bar (huyện Sông Hinh)", warnings)),
                ElementsAre("22225:district"));
    EXPECT_THAT(resolved_codes(resolve("Xã Hòa Thành (thị xã Đông Hòa)", warnings)),
                ElementsAre("22243:district"));
    EXPECT_THAT(warnings, IsEmpty());
}

TEST(UnitsResolution, EveryRealDistrictHintNamesTheResolvedCommunesDistrict) {
    const Registry& r = real_registry();
    int hints = 0;
    for (const NewUnit& u : r.new_units())
        for (const Predecessor& p : u.predecessors) {
            auto parsed = parse_predecessor_text(p.fragment);
            ASSERT_EQ(parsed.size(), 1u) << p.fragment;
            if (parsed[0].district_hint.empty()) continue;
            ++hints;
            const OldDistrict* d =
                r.find_old_district(r.find_old_commune(p.old_code)->district_code);
            EXPECT_EQ(text::compact_key(parsed[0].district_hint), text::compact_key(d->full_name))
                << p.fragment;
        }
    EXPECT_EQ(hints, 14);
}

TEST(UnitsResolution, HintThatContradictsTheNameIsReported) {
    std::vector<Warning> warnings;
    // Hòa Phú exists in Tây Hòa and Buôn Ma Thuột, not in Krông Bông.
    EXPECT_THAT(resolve("Xã Hòa Phú (huyện Krông Bông)", warnings), IsEmpty());
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_THAT(warnings[0].message, HasSubstr("no old commune of that name in Huyện Krông Bông"));
}

TEST(UnitsResolution, SpellingNeedsContextAndNeverChangesNumbers) {
    std::vector<Warning> warnings;
    EXPECT_THAT(resolve("Xã Cư Yang", warnings), IsEmpty());  // no district context
    EXPECT_EQ(warnings.size(), 1u);
    warnings.clear();
    EXPECT_THAT(resolved_codes(resolve("Xã Cư Yang, Xã Cư Bông", warnings)),
                ElementsAre("24409:spelling", "24406:exact"));
    EXPECT_THAT(warnings, IsEmpty());
    // The hint is context enough.
    EXPECT_THAT(resolved_codes(resolve("Xã Cư Yang (huyện Ea Kar)", warnings)),
                ElementsAre("24409:spelling"));
    EXPECT_THAT(warnings, IsEmpty());
    // Phường 3 is not Phường 2, and Xuân Quang 4 is not Xuân Quang 3.
    EXPECT_THAT(resolved_codes(resolve("Phường 3, Phường 2", warnings)),
                ElementsAre("22018:exact"));
    EXPECT_THAT(resolved_codes(resolve("Xã Xuân Quang 4, Xã Xuân Quang 3", warnings)),
                ElementsAre("22108:exact"));
    EXPECT_EQ(warnings.size(), 2u);
}

TEST(UnitsResolution, UnchangedFallsBackToTheName) {
    std::vector<Warning> warnings;
    EXPECT_THAT(resolved_codes(resolve("giữ nguyên", warnings, "24604", "Xã Krông Nô")),
                ElementsAre("24604:unchanged"));
    EXPECT_THAT(resolved_codes(resolve("Không sáp nhập", warnings, "11111", "Xã Ea Kao")),
                ElementsAre("24169:unchanged"));
    EXPECT_THAT(warnings, IsEmpty());
    EXPECT_THAT(resolve("giữ nguyên", warnings, "11111", "Xã Không Có"), IsEmpty());
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_THAT(warnings[0].message, HasSubstr("'giữ nguyên' of Xã Không Có"));
}

TEST(UnitsResolution, RemainderMarksPartialAndRepeatsAreMergedWithAWarning) {
    std::vector<Warning> warnings;
    EXPECT_THAT(resolved_codes(resolve(
                    "Xã Ea Kao (phần còn lại sau khi sáp nhập vào phường X), Xã Ea Tu", warnings)),
                ElementsAre("24169:exact:partial", "24163:exact"));
    EXPECT_THAT(warnings, IsEmpty());
    EXPECT_THAT(resolved_codes(resolve("Xã Ea Kao, Xã Eakao", warnings)),
                ElementsAre("24169:exact"));
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_THAT(warnings[0].message, HasSubstr("names Xã Ea Kao (24169) again"));
}

TEST(UnitsResolution, GarbageNeverThrows) {
    std::vector<Warning> warnings;
    for (const char* text : {"", ",,,", "(((", ")))", "Xã", "Xã (huyện)", "\xff\xfe", "()"})
        EXPECT_NO_THROW(resolve(text, warnings)) << text;
    // Every non-empty text gives one fragment that resolves to nothing: "(((", ")))", "Xã",
    // "Xã (huyện)", the U+FFFD one and "()".
    EXPECT_EQ(warnings.size(), 6u);
}

}  // namespace
}  // namespace xasite::units
