// content/procedure-scope.json: the rules on their own (malformed files, names of other provinces,
// place restrictions, field spellings) and on the real catalogue of content/procedures.
#include "generator/content/procedure_scope.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/files.hpp"
#include "generator/content/content.hpp"
#include "test_support.hpp"

using namespace xasite;
using namespace xasite::content;

namespace {

ProcedureScope parse(const std::string& text) {
    return ProcedureScope::parse(nlohmann::json::parse(text), "procedure-scope.json");
}

std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

const ProcedureScope& real_scope() {
    static const ProcedureScope s =
        ProcedureScope::load(xasite::testing::content_dir() / "procedure-scope.json");
    return s;
}

}  // namespace

TEST(ProcedureScope, MalformedFilesNameTheFileAndTheField) {
    EXPECT_NE(error_of(R"({"not_at_communes": [{"id": "x", "receiver": "A", "reason": "B"}]})")
                  .find("procedure-scope.json: field \"not_at_communes[0].fields\": a rule needs"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"not_at_communes": [{"id": "x", "fields": ["Thuế"], "reason": "B"}]})")
                  .find("field \"not_at_communes[0].receiver\": missing"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"field_aliases": [{"field": "A", "spelings": ["B"]}]})")
                  .find("field_aliases[0]"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"other_provinces": {"names": ["Lào Cai"], "reason": "R",
        "abbreviations": [{"abbreviation": "TPCT", "province": "Cần Thơ"}]}})")
                  .find("\"Cần Thơ\" is not one of \"names\""),
              std::string::npos);
    EXPECT_NE(error_of(R"({"other_provinces": {"names": ["Lào Cai"]}})")
                  .find("field \"other_provinces.reason\": missing"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"place_restriction": ["nơi có đất"]})").find("unknown key"),
              std::string::npos);
    const std::string twice = R"({"not_at_communes": [
        {"id": "a", "fields": ["Thuế"], "receiver": "R", "reason": "S"},
        {"id": "a", "fields": ["Hải quan"], "receiver": "R", "reason": "S"}]})";
    EXPECT_NE(error_of(twice).find("\"a\" is used twice"), std::string::npos) << error_of(twice);
}

TEST(ProcedureScope, OtherProvincesAreRecognisedByTheirNames) {
    const auto& s = real_scope();
    // name → the other province it belongs to ("" = none). Real names from the catalogue unless
    // said.
    const std::pair<const char*, const char*> cases[] = {
        // named at the start
        {"Lào Cai - Chấp thuận thiết kế nút giao đấu nối vào đường địa phương đang khai thác",
         "Lào Cai"},
        {"(Hà Nội) Xác nhận tiếp tục sử dụng đất nông nghiệp", "Hà Nội"},
        {"Thái Nguyên (cấp xã)- Sử dụng đất kết hợp đa mục đích", "Thái Nguyên"},
        {"Quảng Ninh - Đính chính Giấy chứng nhận đã cấp (Cấp xã)", "Quảng Ninh"},
        // named at the end, by name or abbreviation, or as "trên địa bàn tỉnh …"
        {"Đính chính Giấy chứng nhận đã cấp (cấp xã - tỉnh Phú Thọ)", "Phú Thọ"},
        {"Chuyển mục đích sử dụng đất (TPCT)", "Cần Thơ"},
        {"… đang khai thác (tỉnh Phú Thọ)", "Phú Thọ"},
        {"… thêm chưa được cấp giấy chứng nhận. (cấp xã - tỉnh Phú Thọ)", "Phú Thọ"},
        {"Hỗ trợ … giai đoạn 2021-2025 trên địa bàn tỉnh Sơn La (cấp xã)", "Sơn La"},
        {"Đề nghị xét tặng danh hiệu \"Nghệ nhân trong lĩnh vực di sản văn hóa phi vật thể\" tỉnh "
         "Lào Cai",
         "Lào Cai"},
        {"… của tỉnh Lào Cai.", "Lào Cai"},
        {"… tỉnh Lào Caii", ""},
        {"… Lào Cai", ""},
        // made up: no province, or not a whole name
        {"Cấp giấy phép … (cấp xã)", ""},
        {"… trên địa bàn tỉnh Sơn Lai", ""},
        // this province's own copies, and names that only mention a province, stay
        {"Đắk Lắk - Chuyển hình thức sử dụng đất", ""},
        {"Cấp giấy thông hành biên giới Việt Nam – Lào cho công dân", ""},
        {"Hà Nội hóa đơn", ""},
        {"Thủ tục đăng ký khai sinh", ""},
    };
    for (const auto& [name, province] : cases)
        EXPECT_EQ(s.other_province_of(name), province) << name;
}

TEST(ProcedureScope, PlaceRestrictionsMatchWithoutCase) {
    const auto& s = real_scope();
    EXPECT_EQ(s.place_restriction_in("Nộp tại UBND cấp xã NƠI THƯỜNG TRÚ của người yêu cầu"),
              "nơi thường trú");
    EXPECT_EQ(s.place_restriction_in("Hồ sơ gửi Bộ Chỉ huy quân sự tỉnh"), "Bộ Chỉ huy quân sự");
    EXPECT_EQ(s.place_restriction_in("Nộp tại bất kỳ trung tâm nào"), "");
    EXPECT_EQ(parse("{}").place_restriction_in("nơi thường trú"), "");
}

TEST(ProcedureScope, FieldSpellingsArePublishedAsOneField) {
    ProcedureScope s = parse(R"({"field_aliases": [
        {"field": "Thi đua - khen thưởng", "spellings": ["Thi đua, khen thưởng"]},
        {"field": "Hộ tịch", "spellings": ["thủ tục hành chính liên thông"], "inter_agency": true}]})");
    std::vector<procedures::Procedure> records(3);
    records[0].field = "Thi đua, khen thưởng";
    records[1].field = "Thủ tục hành chính liên thông";  // case differs from the file
    records[2].field = "Hộ tịch";
    s.apply_aliases(records);
    EXPECT_EQ(records[0].field, "Thi đua - khen thưởng");
    EXPECT_FALSE(records[0].inter_agency);
    EXPECT_EQ(records[1].field, "Hộ tịch");
    EXPECT_TRUE(records[1].inter_agency);
    EXPECT_EQ(records[2].field, "Hộ tịch");
    EXPECT_EQ(s.applied["Thi đua, khen thưởng"], 1u);
    EXPECT_EQ(s.applied["thủ tục hành chính liên thông"], 1u);
}

TEST(ProcedureScope, TheRealCatalogueHasOneSpellingPerField) {
    const Content c = Content::load(xasite::testing::content_dir());
    auto count_field = [&](const std::string& f) {
        return std::count_if(c.procedures.begin(), c.procedures.end(),
                             [&](const auto& p) { return p.field == f; });
    };
    EXPECT_EQ(count_field("Thi đua, khen thưởng"), 0);
    EXPECT_EQ(count_field("Tổ chức, cán bộ"), 0);
    EXPECT_EQ(count_field("thủ tục hành chính liên thông"), 0);
    EXPECT_GE(count_field("Thi đua - khen thưởng"), 5);
    // The two "Liên thông điện tử" bundles are published under Hộ tịch, marked liên thông.
    auto bundle = std::find_if(c.procedures.begin(), c.procedures.end(),
                               [](const auto& p) { return p.code == "3.000722"; });
    ASSERT_NE(bundle, c.procedures.end());
    EXPECT_EQ(bundle->field, "Hộ tịch");
    EXPECT_TRUE(bundle->inter_agency);
}
