// National-portal API records (full-records.jsonl): every component mapped.
#include "core/text.hpp"
#include "procedures_test_support.hpp"

namespace xasite::procedures {
namespace {

using namespace testing;

const Imported& api_import() {
    static const Imported imported = import_paths({api_file()});
    return imported;
}

TEST(ImportDvcApi, ReadsSevenFullRecords) {
    const auto& [records, report] = api_import();
    EXPECT_EQ(report.records_read, 7u);
    ASSERT_EQ(records.size(), 7u);
    EXPECT_EQ(report.full, 7u);
    EXPECT_TRUE(report.warnings.empty()) << report.warnings.front();
    for (const auto& p : records) {
        EXPECT_EQ(p.detail, Detail::full);
        EXPECT_EQ(p.sources.at(0).kind, "dvc-api");
        EXPECT_EQ(p.sources.at(0).file, "full-records.jsonl");
    }
}

TEST(ImportDvcApi, KhaiSinh1001193) {
    const Procedure& p = record(api_import().records, "1.001193");
    EXPECT_EQ(p.name, "Thủ tục đăng ký khai sinh");
    EXPECT_EQ(p.field, "Hộ tịch");
    EXPECT_EQ(p.levels, std::vector<Level>{Level::commune});
    EXPECT_EQ(p.subjects, (std::vector<std::string>{"Công dân Việt Nam",
                                                    "Người Việt Nam định cư ở nước ngoài"}));
    EXPECT_EQ(p.result, "Giấy khai sinh");

    // One step text of 6,900 characters in the source; its "- " items are the steps
    // (structure_test.cpp checks the split).
    ASSERT_EQ(p.steps.size(), 6u);
    EXPECT_TRUE(p.steps[0].title.empty());
    EXPECT_EQ(p.steps[0].text.rfind("Nếu lựa chọn hình thức nộp hồ sơ trực tiếp", 0), 0u);

    ASSERT_EQ(p.channels.size(), 3u);
    EXPECT_EQ(p.channels[0].channel, Channel::in_person);
    EXPECT_EQ(p.channels[1].channel, Channel::online);
    EXPECT_EQ(p.channels[2].channel, Channel::post);
    for (const auto& c : p.channels) {
        EXPECT_EQ(c.time_text, "1");  // the portal gives "1" with no unit for each method …
        EXPECT_EQ(c.time_value, 1.0);
        EXPECT_EQ(c.time_unit, "ngày làm việc");  // … and "1; 1 ngày làm việc" for the record
        EXPECT_EQ(c.fee_text, "");
    }

    ASSERT_EQ(p.dossier.size(), 4u);
    // Published as "* Giấy tờ phải nộp:", "* Giấy tờ phải xuất trình:", "* Lưu ý:".
    EXPECT_EQ(p.dossier[0].name, "Giấy tờ phải nộp");
    EXPECT_EQ(p.dossier[1].name, "Giấy tờ phải xuất trình");
    EXPECT_EQ(p.dossier[2].name, "Lưu ý");
    EXPECT_EQ(p.dossier[3].name, "");
    std::vector<std::size_t> counts, notes;
    std::size_t total = 0;
    for (const auto& c : p.dossier) {
        counts.push_back(c.items.size());
        notes.push_back(c.notes.size());
        total += c.items.size() + c.notes.size();
    }
    EXPECT_EQ(counts, (std::vector<std::size_t>{4, 2, 0, 3}));
    EXPECT_EQ(notes, (std::vector<std::size_t>{1, 4, 19, 0}));
    EXPECT_EQ(total, 33u);  // 33 checklist items in the source: papers and notes
    EXPECT_EQ(p.dossier[0].items[0].originals, 1);
    EXPECT_EQ(p.dossier[0].items[0].copies, 0);

    ASSERT_EQ(p.legal_basis.size(), 15u);
    EXPECT_EQ(p.legal_basis[0].number, "18/2026/NĐ-CP");
    EXPECT_EQ(p.legal_basis[0].date, "");  // only doc_year 2026 is known
    EXPECT_EQ(p.legal_basis[1].number, "08/2025/TT-BTP");
    EXPECT_EQ(p.legal_basis[1].date, "2025-06-12");  // "… 08/2025/TT-BTP ngày 12/6/2025 …"

    ASSERT_TRUE(p.decision.has_value());
    EXPECT_EQ(p.decision->number, "QĐ/0001-BTP");
    EXPECT_EQ(p.decision->date, "2019-07-31");
    EXPECT_EQ(p.decision->agency, "Bộ Tư pháp");
    EXPECT_EQ(p.portal_url, "https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/1.001193");
    EXPECT_EQ(p.online_url, "https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/1.001193/nop-ho-so");
    EXPECT_EQ(p.online_level, OnlineLevel::partial);
    EXPECT_EQ(p.updated, "2026-04-15");
    EXPECT_EQ(p.receiving_address, "");
}

TEST(ImportDvcApi, FeesPerChannel1001266) {
    const Procedure& p = record(api_import().records, "1.001266");
    ASSERT_EQ(p.channels.size(), 3u);
    const std::string start = "- Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định";
    for (const auto& c : p.channels) {
        EXPECT_EQ(c.fee_text.rfind(start, 0), 0u) << to_string(c.channel);
        EXPECT_EQ(c.fee_text, p.channels[0].fee_text);  // verbatim, never truncated
        EXPECT_EQ(c.time_text, "5 ngày làm việc");
        EXPECT_EQ(c.time_value, 5.0);
        EXPECT_EQ(c.time_unit, "ngày làm việc");
    }
    std::size_t code_points = 0;
    for (std::size_t i = 0; i < p.channels[0].fee_text.size();) {
        text::decode_utf8(p.channels[0].fee_text, i);
        ++code_points;
    }
    EXPECT_EQ(code_points, 694u);
    EXPECT_EQ(channel(p, Channel::online)->description.rfind("Người nộp hồ sơ đăng nhập", 0), 0u);
    EXPECT_EQ(p.levels, (std::vector<Level>{Level::commune, Level::vertical}));
    ASSERT_EQ(p.steps.size(), 2u);
    // Published as "* Trường hợp …:"; the bullet is dropped, the "- " items become substeps.
    EXPECT_EQ(p.steps[0].title, "Trường hợp đăng ký trực tiếp hoặc đăng ký qua dịch vụ bưu chính:");
    EXPECT_EQ(p.steps[1].title, "Trường hợp đăng ký qua mạng thông tin điện tử:");
    EXPECT_EQ(p.steps[1].text.rfind("Người nộp hồ sơ đăng nhập Cổng dịch vụ công quốc gia", 0), 0u);
    EXPECT_EQ(p.steps[1].substeps.size(), 2u);
    // files[] → the form of the checklist item it belongs to
    ASSERT_FALSE(p.dossier.empty());
    ASSERT_EQ(p.dossier[0].items[0].forms.size(), 1u);
    EXPECT_EQ(p.dossier[0].items[0].forms[0].name, "mẫu 04 chấm dứt hđ kd.docx");
    EXPECT_EQ(p.dossier[0].items[0].forms[0].url, "");
    EXPECT_TRUE(p.forms.empty());
    ASSERT_TRUE(p.decision.has_value());
    EXPECT_EQ(p.decision->number, "1995/QĐ-BTC");
}

TEST(ImportDvcApi, TruncatedBelongsToStillFindsItsItem1001257) {
    const Procedure& p = record(api_import().records, "1.001257");
    ASSERT_EQ(p.dossier.size(), 1u);
    ASSERT_EQ(p.dossier[0].items.size(), 2u);
    EXPECT_EQ(p.dossier[0].items[1].forms.size(), 2u);  // belongs_to is cut at 200 characters
    EXPECT_EQ(p.levels, (std::vector<Level>{Level::commune, Level::province}));
    EXPECT_EQ(p.online_level, OnlineLevel::none);
    ASSERT_EQ(p.channels.size(), 1u);
    EXPECT_EQ(p.channels[0].description, "Kể từ ngày nhận đủ hồ sơ");
}

TEST(ImportDvcApi, NoOnlineSubmission1000419) {
    const Procedure& p = record(api_import().records, "1.000419");
    EXPECT_EQ(p.online_level, OnlineLevel::none);  // online_services[] alone is not evidence
    ASSERT_EQ(p.channels.size(), 1u);
    EXPECT_EQ(p.channels[0].channel, Channel::in_person);
    EXPECT_EQ(p.channels[0].time_text, "5 ngày làm việc");
    EXPECT_EQ(p.executing_agency, "Ủy ban Nhân dân xã, phường, thị trấn.");
}

TEST(ImportDvcApi, MalformedLineGivesFileLineAndColumn) {
    expect_input_error([] { import_paths({bad_dir() / "api-bad-line"}); },
                       {"api-bad-line/records.jsonl:2:", "malformed JSON"});
}

TEST(ImportDvcApi, WrongTypeNamesLineAndField) {
    expect_input_error([] { import_paths({bad_dir() / "api-wrong-type"}); },
                       {"records.jsonl:1", "field \"methods\": expected an array, got string"});
}

}  // namespace
}  // namespace xasite::procedures
