// Registry::load on small fixtures: a valid one (numbers, slug collisions, warnings) and broken
// ones, which must throw InputError naming the file and the record.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "units_test_support.hpp"

namespace xasite::units {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::filesystem::path fixture(const char* name) {
    return ::xasite::testing::fixtures_dir() / "units" / name;
}

std::string load_error(const char* name) {
    try {
        Registry::load(fixture(name));
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no InputError)";
}

TEST(UnitsMalformedInput, MinimalFixtureLoadsWithItsWarnings) {
    Registry r = Registry::load(fixture("minimal.json"));
    EXPECT_EQ(r.new_units().size(), 3u);
    EXPECT_DOUBLE_EQ(r.province().area_km2.value(), 18096.40);
    EXPECT_EQ(r.province().population, 3346853L);
    const NewUnit* ea_kao = r.find_new("24169");
    ASSERT_NE(ea_kao, nullptr);
    EXPECT_DOUBLE_EQ(ea_kao->area_km2.value(), 60.7);
    EXPECT_EQ(ea_kao->population, 5707L);
    EXPECT_EQ(ea_kao->seat, "Trụ sở UBND");
    EXPECT_EQ(ea_kao->slug, "phuong-ea-kao");
    EXPECT_FALSE(r.find_new("24352")->area_km2.has_value());  // "đang cập nhật"
    EXPECT_FALSE(r.find_new("24352")->population.has_value());
    EXPECT_FALSE(r.find_new("24121")->area_km2.has_value());  // no bando record

    // "Xã Ea Káo" and "Xã Ea Kao" share the slug xa-ea-kao: both get their code.
    EXPECT_EQ(r.find_new("24121")->slug, "xa-ea-kao-24121");
    EXPECT_EQ(r.find_new("24352")->slug, "xa-ea-kao-24352");

    std::vector<std::string> warnings;
    for (const Warning& w : r.warnings())
        warnings.push_back(w.unit_code + ": " + w.message);
    EXPECT_THAT(
        warnings,
        ElementsAre(
            "24121: slug 'xa-ea-kao' is shared by Xã Ea Kao (24121), Xã Ea Káo (24352); using "
            "'xa-ea-kao-24121'",
            "24352: slug 'xa-ea-kao' is shared by Xã Ea Kao (24121), Xã Ea Káo (24352); using "
            "'xa-ea-kao-24352'",
            "24352: cannot resolve predecessor fragment 'Xã Không Có' of Xã Ea Káo: no old "
            "commune has that name or a close spelling",
            "24352: predecessor fragment 'Xã Cư Klông (phần còn lại sau khi sáp nhập vào xã Nào "
            "Đó)' of Xã Ea Káo refers to 'xã Nào Đó', which is not a new unit",
            "24358: old commune Xã Tam Giang (24358) maps to no new unit"));

    // "giữ nguyên" takes the old commune with the unit's code.
    ASSERT_EQ(r.find_new("24121")->predecessors.size(), 1u);
    EXPECT_EQ(r.find_new("24121")->predecessors[0].old_code, "24121");
    EXPECT_TRUE(r.successors_of_commune("24358").empty());
}

TEST(UnitsMalformedInput, TruncatedJson) {
    EXPECT_THAT(load_error("truncated.json"),
                AllOf(HasSubstr("truncated.json:"), HasSubstr("malformed JSON")));
}

TEST(UnitsMalformedInput, InvalidUtf8) {
    EXPECT_THAT(load_error("invalid_utf8.json"),
                AllOf(HasSubstr("invalid_utf8.json:10:"), HasSubstr("invalid UTF-8")));
}

TEST(UnitsMalformedInput, NotAnObject) {
    EXPECT_THAT(load_error("not_object.json"),
                HasSubstr("not_object.json: expected an object, got array"));
}

TEST(UnitsMalformedInput, MissingCode) {
    EXPECT_THAT(load_error("missing_code.json"),
                HasSubstr("missing_code.json: field \"new_units[1].code\": missing"));
}

TEST(UnitsMalformedInput, DuplicateCode) {
    EXPECT_THAT(load_error("duplicate_code.json"),
                HasSubstr("duplicate_code.json: field \"old_wards[4]\": duplicate code \"24151\""));
}

TEST(UnitsMalformedInput, WrongType) {
    EXPECT_THAT(
        load_error("wrong_type.json"),
        HasSubstr("wrong_type.json: field \"new_units[2].name\": expected a string, got number"));
    EXPECT_THAT(
        load_error("units_not_array.json"),
        HasSubstr("units_not_array.json: field \"new_units\": expected an array, got object"));
}

TEST(UnitsMalformedInput, UnknownReferencesAndValues) {
    EXPECT_THAT(
        load_error("unknown_district.json"),
        HasSubstr("unknown_district.json: field \"old_wards[2]\": district_code \"999\" is not in "
                  "old_districts"));
    EXPECT_THAT(
        load_error("unknown_type.json"),
        HasSubstr("unknown_type.json: field \"old_districts[1].type\": unknown value \"Tỉnh\""));
    EXPECT_THAT(
        load_error("bad_population.json"),
        HasSubstr("bad_population.json: field \"new_units[0].bando.dansonguoi\": expected a "
                  "number, got \"khoảng 5 nghìn\""));
}

TEST(UnitsMalformedInput, MissingFile) {
    EXPECT_THAT(load_error("no-such-file.json"), HasSubstr("no-such-file.json"));
}

}  // namespace
}  // namespace xasite::units
