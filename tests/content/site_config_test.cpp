#include "generator/content/site_config.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/files.hpp"
#include "test_support.hpp"

using namespace xasite;
using namespace xasite::content;

TEST(SiteConfig, LoadsTheDefaultContent) {
    SiteConfig c = SiteConfig::load(xasite::testing::content_dir() / "site.json");
    EXPECT_EQ(c.province_name, "Đắk Lắk");
    EXPECT_EQ(c.resolution, "Nghị quyết số 1660/NQ-UBTVQH15");
    EXPECT_EQ(c.effective_date, "2025-07-01");
    EXPECT_EQ(c.unit_base_url("xa-ea-kar"), c.base_url + "xa-ea-kar/");
    EXPECT_EQ(c.procedure_portal_url("1.001193"),
              "https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/1.001193");
    EXPECT_EQ(c.boundary_free.all_from, "2025-12-30");
    EXPECT_EQ(c.departments_ward.size(), 4u);
}

TEST(SiteConfig, ErrorsNameFileAndKey) {
    xasite::testing::TempDir dir;
    auto expect = [&](const std::string& json, const std::string& fragment) {
        write_file_atomic(dir / "site.json", json);
        try {
            SiteConfig::load(dir / "site.json");
            ADD_FAILURE() << json;
        } catch (const InputError& e) {
            std::string m = e.what();
            EXPECT_NE(m.find("site.json"), std::string::npos) << m;
            EXPECT_NE(m.find(fragment), std::string::npos) << m;
        }
    };
    expect("{", "malformed JSON");
    expect("[]", "site.json: expected an object, got array");
    expect(R"({"province": {"name": "x", "authority": "y"}})", "field \"province.code\": missing");
    expect(
        R"({"province": {"code": "66", "name": "x", "authority": "y"}, "base_url": "daklak.gov.vn"})",
        "must start with http");
}

TEST(SiteConfig, TheRegistryIsNamedInSiteJsonInsideTheTree) {
    SiteConfig ok = SiteConfig::load(xasite::testing::content_dir() / "site.json");
    EXPECT_EQ(ok.registry, "units/daklak-units.json");  // the default
    xasite::testing::TempDir dir;
    const std::string good = read_file(xasite::testing::content_dir() / "site.json");
    auto with_registry = [&](const std::string& value) {
        std::string text = good;
        text.replace(text.find("\"language\""), 0, "\"registry\": \"" + value + "\",\n  ");
        write_file_atomic(dir / "site.json", text);
        return SiteConfig::load(dir / "site.json");
    };
    EXPECT_EQ(with_registry("units/phu-yen.json").registry, "units/phu-yen.json");
    for (const char* bad : {"../units.json", "/etc/passwd", "units/../../x.json"}) {
        try {
            with_registry(bad);
            ADD_FAILURE() << bad;
        } catch (const InputError& e) {
            std::string m = e.what();
            EXPECT_NE(m.find("site.json"), std::string::npos) << m;
            EXPECT_NE(m.find("\"registry\""), std::string::npos) << m;
        }
    }
}

TEST(SiteConfig, ImpossibleDatesAreRefusedNamingSiteJson) {
    xasite::testing::TempDir dir;
    const std::string good = read_file(xasite::testing::content_dir() / "site.json");
    auto error_with = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        auto at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
        write_file_atomic(dir / "site.json", text);
        try {
            SiteConfig::load(dir / "site.json");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    std::string m = error_with("\"effective\": \"2025-07-01\"", "\"effective\": \"2025-13-45\"");
    EXPECT_NE(m.find("site.json"), std::string::npos) << m;
    EXPECT_NE(m.find("field \"reorganisation.effective\": expected a date \"YYYY-MM-DD\", got "
                     "\"2025-13-45\""),
              std::string::npos)
        << m;
    m = error_with("\"date\": \"2025-06-16\"", "\"date\": \"2025-02-29\"");
    EXPECT_NE(m.find("site.json: field \"reorganisation.date\""), std::string::npos) << m;
    m = error_with("\"all_from\": \"2025-12-30\"", "\"all_from\": \"2025-04-31\"");
    EXPECT_NE(m.find("site.json: field \"procedures.boundary_free.all_from\""), std::string::npos)
        << m;
    // A real 29 February is a date.
    EXPECT_EQ(error_with("\"all_from\": \"2025-12-30\"", "\"all_from\": \"2024-02-29\""),
              "(accepted)");
}

TEST(SiteConfig, WrongTypesNameTheField) {
    xasite::testing::TempDir dir;
    write_file_atomic(dir / "site.json",
                      R"({"province": {"code": 66, "name": "x", "authority": "y"}})");
    try {
        SiteConfig::load(dir / "site.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "site.json: field \"province.code\": expected a string, got number"),
                  std::string::npos)
            << e.what();
    }
}
