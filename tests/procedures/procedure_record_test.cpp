// The record schema: enum tokens, to_json layout, from_json validation (messages name the file and
// the field), and the round trip.
#include <set>

#include "core/date.hpp"
#include "core/text.hpp"
#include "procedures_test_support.hpp"

namespace xasite::procedures {
namespace {

using nlohmann::json;
using testing::expect_input_error;

Procedure minimal() {
    Procedure p;
    p.code = "1.001193";
    p.name = "Thủ tục đăng ký khai sinh";
    p.field = "Hộ tịch";
    return p;
}

Procedure everything() {
    Procedure p = minimal();
    p.detail = Detail::full;
    p.status = Status::replaced;
    p.replaced_by = "1.999999";
    p.status_reason = "Thay thế bởi thủ tục mới";
    p.levels = {Level::commune, Level::province};
    p.procedure_type = "TTHC được luật giao quy định chi tiết";
    p.executing_agency = "UBND xã";
    p.competent_agency = "Chủ tịch UBND xã";
    p.authorised_agency = "Công chức tư pháp";
    p.coordinating_agency = "Công an xã";
    p.receiving_address = "Trung tâm Phục vụ hành chính công xã";
    p.subjects = {"Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"};
    p.steps = {{"Bước 1", "Nộp hồ sơ", {"Tờ khai;", "Giấy tờ tùy thân."}},
               {"", "Nhận kết quả", {}}};
    ChannelInfo online;
    online.channel = Channel::online;
    online.time_text = "0.5 Giờ";
    online.time_value = 0.5;
    online.time_unit = "giờ";
    online.fee_text = "Lệ phí : 0 Đồng";
    online.description = "Khuyến khích";
    p.channels = {ChannelInfo{Channel::in_person, "5 ngày làm việc", 5.0, "ngày làm việc",
                              "Lệ phí : 8.000 Đồng", ""},
                  online};
    DossierItem item{"Tờ khai", 1, 0, "Theo mẫu", {Form{"TK01.docx", ""}}};
    p.dossier = {DossierCase{"Giấy tờ phải nộp",
                             {item},
                             "Lưu ý chung",
                             DossierKind::submit,
                             {"Trường hợp đã nộp bản điện tử thì không phải nộp bản giấy."}}};
    p.result = "Giấy khai sinh";
    p.requirements = {"Không"};
    p.legal_basis = {
        LegalDoc{"04/2020/TT-BTP", "Thông tư 04/2020/TT-BTP", "2020-05-28", "Bộ Tư pháp"}};
    p.forms = {Form{"Mẫu 1", "https://example.invalid/mau1.docx"}};
    p.online_level = OnlineLevel::full;
    p.boundary_free = false;
    p.inter_agency = true;
    p.decision = Decision{"QĐ/0001-BTP", "2019-07-31", "Bộ Tư pháp"};
    p.portal_url = "https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/1.001193";
    p.online_url = "https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/1.001193/nop-ho-so";
    p.keywords = "khai sinh";
    p.description = "Mô tả";
    p.sources = {Source{"dvc-api", "catalog-1350/full-records.jsonl", "note"}};
    p.updated = "2026-04-15";
    return p;
}

json valid_json() {
    return to_json(minimal());
}

TEST(ProcedureRecord, EnumTokensAreStableLowercaseAscii) {
    EXPECT_STREQ(to_string(Detail::catalog), "catalog");
    EXPECT_STREQ(to_string(Detail::full), "full");
    EXPECT_STREQ(to_string(Status::in_force), "in_force");
    EXPECT_STREQ(to_string(Status::replaced), "replaced");
    EXPECT_STREQ(to_string(Status::abolished), "abolished");
    EXPECT_STREQ(to_string(OnlineLevel::none), "none");
    EXPECT_STREQ(to_string(OnlineLevel::partial), "partial");
    EXPECT_STREQ(to_string(OnlineLevel::full), "full");
    EXPECT_STREQ(to_string(Channel::in_person), "in_person");
    EXPECT_STREQ(to_string(Channel::online), "online");
    EXPECT_STREQ(to_string(Channel::post), "post");
    EXPECT_STREQ(to_string(Level::commune), "commune");
    EXPECT_STREQ(to_string(Level::province), "province");
    EXPECT_STREQ(to_string(Level::ministry), "ministry");
    EXPECT_STREQ(to_string(Level::vertical), "vertical");
    EXPECT_STREQ(to_string(Level::other), "other");
}

TEST(ProcedureRecord, MinimalRecordWritesOnlyTheAlwaysPresentKeys) {
    json j = to_json(minimal());
    std::set<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it)
        keys.insert(it.key());
    EXPECT_EQ(keys,
              (std::set<std::string>{"code", "name", "field", "detail", "status", "online_level"}));
    EXPECT_EQ(j["detail"], "catalog");
    EXPECT_EQ(j["status"], "in_force");
    EXPECT_EQ(j["online_level"], "none");
}

TEST(ProcedureRecord, TextIsSortedKeysTwoSpacesAndNewline) {
    std::string text = to_json_text(minimal());
    EXPECT_EQ(
        text,
        "{\n  \"code\": \"1.001193\",\n  \"detail\": \"catalog\",\n  \"field\": \"Hộ tịch\",\n"
        "  \"name\": \"Thủ tục đăng ký khai sinh\",\n  \"online_level\": \"none\",\n"
        "  \"status\": \"in_force\"\n}\n");
}

TEST(ProcedureRecord, EveryFieldSurvivesTheRoundTrip) {
    Procedure p = everything();
    json first = to_json(p);
    Procedure back = from_json(first, "mem.json");
    EXPECT_EQ(to_json(back), first);
    EXPECT_EQ(back.channels.size(), 2u);
    EXPECT_EQ(back.channels[1].channel, Channel::online);
    ASSERT_TRUE(back.channels[1].time_value.has_value());
    EXPECT_DOUBLE_EQ(*back.channels[1].time_value, 0.5);
    ASSERT_EQ(back.dossier.size(), 1u);
    EXPECT_EQ(back.dossier[0].note, "Lưu ý chung");
    EXPECT_EQ(back.dossier[0].items[0].originals, 1);
    EXPECT_EQ(back.dossier[0].items[0].copies, 0);
    EXPECT_EQ(back.dossier[0].items[0].forms[0].name, "TK01.docx");
    EXPECT_EQ(back.dossier[0].kind, DossierKind::submit);
    EXPECT_EQ(back.dossier[0].notes, p.dossier[0].notes);
    EXPECT_EQ(back.steps[0].substeps, p.steps[0].substeps);
    ASSERT_TRUE(back.boundary_free.has_value());
    EXPECT_FALSE(*back.boundary_free);
    EXPECT_TRUE(back.inter_agency);
    ASSERT_TRUE(back.decision.has_value());
    EXPECT_EQ(back.decision->date, "2019-07-31");
    EXPECT_EQ(back.status, Status::replaced);
    EXPECT_EQ(back.online_level, OnlineLevel::full);
    EXPECT_EQ(back.levels, (std::vector<Level>{Level::commune, Level::province}));
    EXPECT_EQ(back.online_url, p.online_url);
    // Zero counts are kept (they are information), empty strings are not written.
    EXPECT_EQ(first["dossier"][0]["items"][0]["copies"], 0);
    EXPECT_FALSE(first["steps"][1].contains("title"));
}

TEST(ProcedureRecord, FromJsonNormalisesTextToNfc) {
    json j = valid_json();
    j["name"] = std::string("Thu\xCC\x89 tu\xCC\xA3\x63");  // "Thủ tục" in NFD
    Procedure p = from_json(j, "nfd.json");
    EXPECT_TRUE(text::is_nfc(p.name));
    EXPECT_EQ(p.name, "Thủ tục");
}

TEST(ProcedureRecord, MissingCodeNamesFileAndField) {
    json j = valid_json();
    j.erase("code");
    expect_input_error([&] { from_json(j, "content/procedures/x.json"); },
                       {"content/procedures/x.json", "field \"code\": missing"});
}

TEST(ProcedureRecord, EmptyNameIsRejected) {
    json j = valid_json();
    j["name"] = "  ";
    expect_input_error([&] { from_json(j, "a.json"); }, {"a.json", "field \"name\"", "empty"});
}

TEST(ProcedureRecord, WrongTypeForChannelsIsRejected) {
    json j = valid_json();
    j["channels"] = "in_person";
    expect_input_error([&] { from_json(j, "a.json"); },
                       {"a.json", "field \"channels\": expected an array, got string"});
}

TEST(ProcedureRecord, UnknownChannelNamesTheElement) {
    json j = valid_json();
    j["channels"] =
        json::array({{{"channel", "in_person"}}, {{"channel", "online"}}, {{"channel", "fax"}}});
    std::string message =
        expect_input_error([&] { from_json(j, "content/procedures/1.001193.json"); }, {});
    EXPECT_EQ(
        message,
        "content/procedures/1.001193.json: field \"channels[2].channel\": unknown value \"fax\"");
}

TEST(ProcedureRecord, UnknownEnumValuesAreRejectedEverywhere) {
    for (const auto& [key, value] : std::vector<std::pair<std::string, json>>{
             {"detail", "partial"}, {"status", "deleted"}, {"online_level", "toan_trinh"}}) {
        json j = valid_json();
        j[key] = value;
        expect_input_error(
            [&] { from_json(j, "e.json"); },
            {"field \"" + key + "\": unknown value \"" + value.get<std::string>() + "\""});
    }
    json j = valid_json();
    j["levels"] = json::array({"commune", "district"});
    expect_input_error([&] { from_json(j, "e.json"); },
                       {"field \"levels[1]\": unknown value \"district\""});
}

TEST(ProcedureRecord, UnknownKeysAreRejected) {
    json j = valid_json();
    j["chanels"] = json::array();
    expect_input_error([&] { from_json(j, "k.json"); }, {"field \"chanels\": unknown key"});
    json nested = to_json(everything());
    nested["dossier"][0]["items"][0]["orginals"] = 1;
    expect_input_error([&] { from_json(nested, "k.json"); },
                       {"field \"dossier[0].items[0].orginals\": unknown key"});
}

TEST(ProcedureRecord, BadDatesCountsAndNumbersAreRejected) {
    json j = valid_json();
    j["updated"] = "15/04/2026";
    expect_input_error([&] { from_json(j, "d.json"); }, {"field \"updated\"", "YYYY-MM-DD"});
    json legal = to_json(everything());
    legal["legal_basis"][0]["date"] = "2020-13-01";
    expect_input_error([&] { from_json(legal, "d.json"); }, {"field \"legal_basis[0].date\""});
    // Days that do not exist (core/date.hpp): 30 February, 29 February of a common year.
    j["updated"] = "2025-02-29";
    expect_input_error([&] { from_json(j, "d.json"); },
                       {"d.json",
                        "field \"updated\": expected a date \"YYYY-MM-DD\", got "
                        "\"2025-02-29\""});
    legal["legal_basis"][0]["date"] = "2020-02-30";
    expect_input_error([&] { from_json(legal, "d.json"); }, {"field \"legal_basis[0].date\""});
    j["updated"] = "2024-02-29";
    EXPECT_EQ(from_json(j, "d.json").updated, "2024-02-29");
    json counts = to_json(everything());
    counts["dossier"][0]["items"][0]["originals"] = -1;
    expect_input_error([&] { from_json(counts, "d.json"); },
                       {"field \"dossier[0].items[0].originals\": number out of range"});
    counts["dossier"][0]["items"][0]["originals"] = 1.5;
    expect_input_error([&] { from_json(counts, "d.json"); }, {"expected a whole number"});
    json time = to_json(everything());
    time["channels"][0]["time_value"] = "5";
    expect_input_error([&] { from_json(time, "d.json"); },
                       {"field \"channels[0].time_value\": expected a number, got string"});
}

TEST(ProcedureRecord, RootMustBeAnObjectAndCodeAFileName) {
    expect_input_error([&] { from_json(json::array(), "r.json"); },
                       {"r.json", "expected a JSON object"});
    json j = valid_json();
    j["code"] = "../1.001193";
    expect_input_error([&] { from_json(j, "r.json"); }, {"field \"code\"", "file name"});
}

TEST(ProcedureRecord, CodeAndDateChecks) {
    EXPECT_TRUE(is_valid_code("1.001193"));
    EXPECT_TRUE(is_valid_code("1.0133611"));  // malformed national code, still a usable name
    EXPECT_FALSE(is_valid_code(""));
    EXPECT_FALSE(is_valid_code(".hidden"));
    EXPECT_FALSE(is_valid_code("a/b"));
    EXPECT_FALSE(is_valid_code("1.001193 "));
    EXPECT_TRUE(date::is_iso_date("2021-03-24"));
    EXPECT_FALSE(date::is_iso_date("24-03-2021"));
    EXPECT_FALSE(date::is_iso_date("2021-00-10"));
    EXPECT_FALSE(date::is_iso_date("2021-3-24"));
}

TEST(ProcedureRecord, SubstepsNotesAndKindAreWrittenOnlyWhenPresent) {
    json j = to_json(everything());
    EXPECT_EQ(j["steps"][0]["substeps"], json::array({"Tờ khai;", "Giấy tờ tùy thân."}));
    EXPECT_FALSE(j["steps"][1].contains("substeps"));
    EXPECT_EQ(j["dossier"][0]["kind"], "submit");
    EXPECT_EQ(j["dossier"][0]["notes"].size(), 1u);
    Procedure p = everything();
    p.dossier[0].kind = DossierKind::unspecified;
    p.dossier[0].notes.clear();
    json bare = to_json(p);
    EXPECT_FALSE(bare["dossier"][0].contains("kind"));
    EXPECT_FALSE(bare["dossier"][0].contains("notes"));
    EXPECT_STREQ(to_string(DossierKind::present), "present");
}

TEST(ProcedureRecord, MalformedSubstepsNotesAndKindNameTheFileAndField) {
    json j = to_json(everything());
    j["steps"][0]["substeps"] = "Tờ khai";
    expect_input_error([&] { from_json(j, "s.json"); },
                       {"s.json", "field \"steps[0].substeps\": expected an array, got string"});
    j = to_json(everything());
    j["steps"][0]["substeps"] = json::array({"ok", 3});
    expect_input_error([&] { from_json(j, "s.json"); },
                       {"s.json", "field \"steps[0].substeps[1]\": expected a string, got number"});
    j = to_json(everything());
    j["dossier"][0]["notes"] = json::array({json::object()});
    expect_input_error([&] { from_json(j, "s.json"); },
                       {"field \"dossier[0].notes[0]\": expected a string, got object"});
    for (const char* bad : {"nop", "unspecified", "Submit"}) {
        j = to_json(everything());
        j["dossier"][0]["kind"] = bad;
        expect_input_error([&] { from_json(j, "s.json"); },
                           {"s.json", "field \"dossier[0].kind\": unknown value"});
    }
    j = to_json(everything());
    j["dossier"][0]["kind"] = 1;
    expect_input_error([&] { from_json(j, "s.json"); },
                       {"field \"dossier[0].kind\": expected a string, got number"});
}

}  // namespace
}  // namespace xasite::procedures
