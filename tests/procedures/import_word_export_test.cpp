// Word-export records (nhdandz …/extracted_fixed): tables, step markers, bare legal numbers.
#include "core/text.hpp"
#include "procedures_test_support.hpp"

namespace xasite::procedures {
namespace {

using namespace testing;

const Imported& word_import() {
    static const Imported imported = import_paths({word_dir()});
    return imported;
}

TEST(ImportWordExport, Reads166FullRecords) {
    const auto& [records, report] = word_import();
    EXPECT_EQ(report.files_read, 166u);
    ASSERT_EQ(records.size(), 166u);
    EXPECT_EQ(report.full, 166u);
    for (const auto& p : records) {
        EXPECT_EQ(p.sources.at(0).kind, "dvc-word-export");
        EXPECT_EQ(p.sources.at(0).file, p.code + ".json");
        EXPECT_NE(p.sources.at(0).note.find("ChiTietTTHC_" + p.code + ".doc"), std::string::npos);
        EXPECT_TRUE(text::is_nfc(to_json_text(p))) << p.code;  // 87 source files are not NFC
    }
}

TEST(ImportWordExport, Record1013125) {
    const Procedure& p = record(word_import().records, "1.013125");
    EXPECT_EQ(p.field, "Ứng phó sự cố tràn dầu");
    EXPECT_EQ(p.procedure_type, "TTHC được luật giao quy định chi tiết");
    EXPECT_EQ(p.levels, std::vector<Level>{Level::ministry});
    ASSERT_TRUE(p.decision.has_value());
    EXPECT_EQ(p.decision->number, "Quyết định số 6225/QĐ-BQP");
    EXPECT_EQ(p.decision->date, "");

    ASSERT_EQ(p.channels.size(), 3u);
    EXPECT_EQ(p.channels[0].channel, Channel::in_person);
    EXPECT_EQ(p.channels[1].channel, Channel::online);
    EXPECT_EQ(p.channels[2].channel, Channel::post);
    for (const auto& c : p.channels) {
        EXPECT_EQ(c.time_text, "30 Ngày làm việc");
        EXPECT_EQ(c.time_value, 30.0);
        EXPECT_EQ(c.time_unit, "ngày làm việc");
        EXPECT_EQ(c.fee_text, "Phí : 0 Đồng");
    }
    EXPECT_EQ(p.online_level, OnlineLevel::partial);

    ASSERT_EQ(p.dossier.size(), 1u);
    ASSERT_EQ(p.dossier[0].items.size(), 2u);
    for (const auto& item : p.dossier[0].items) {
        EXPECT_EQ(item.originals, 1);
        EXPECT_EQ(item.copies, 0);
        EXPECT_EQ(item.note, "");
    }
    EXPECT_TRUE(p.dossier[0].items[0].forms.empty());
    ASSERT_EQ(p.dossier[0].items[1].forms.size(), 1u);
    EXPECT_EQ(p.dossier[0].items[1].forms[0].name, "5- PHỤ LỤC II.doc");
    EXPECT_EQ(p.dossier[0].items[1].forms[0].url, "");

    ASSERT_EQ(p.legal_basis.size(), 1u);
    EXPECT_EQ(p.legal_basis[0].number, "12/2021/QĐ-TTg");  // so_ky_hieu is only "12"
    EXPECT_EQ(p.legal_basis[0].date, "2021-03-24");
    EXPECT_EQ(p.legal_basis[0].issuer, "Thủ tướng Chính phủ");

    ASSERT_EQ(p.steps.size(), 3u);
    EXPECT_EQ(p.steps[0].title, "Bước 1");
    EXPECT_EQ(p.steps[2].title, "Bước 3");
    EXPECT_EQ(p.steps[1].text.rfind("Trong thời hạn 30 ngày làm việc", 0), 0u);
    EXPECT_EQ(p.steps[0].text.find("Bước"), std::string::npos);

    EXPECT_EQ(p.subjects.size(), 8u);
    EXPECT_EQ(p.subjects[5], "Tổ chức (không bao gồm doanh nghiệp, HTX)");
    EXPECT_EQ(p.authorised_agency, "");  // "Không có thông tin"
    EXPECT_EQ(p.keywords, "");
    EXPECT_EQ(p.description, "");
    EXPECT_EQ(p.requirements, std::vector<std::string>{"Không"});
}

TEST(ImportWordExport, BareLegalNumbersAreCompletedOnlyFromTheTitle) {
    const auto& [records, report] = word_import();
    const Procedure& p = record(records, "1.013134");
    bool found = false;
    for (const auto& d : p.legal_basis)
        found |= d.number == "104/2022/NĐ-CP" && d.date == "2022-12-21";
    EXPECT_TRUE(found);
    // "54" with trích yếu "Luật Hải quan 2014": nothing to complete it with; kept and reported.
    const Procedure& q = record(records, "1.013578");
    found = false;
    for (const auto& d : q.legal_basis)
        found |= d.number == "54" && d.title == "Luật Hải quan 2014";
    EXPECT_TRUE(found);
    EXPECT_TRUE(any_warning_contains(report, {"1.013578.json", "so_ky_hieu \"54\" is incomplete"}));
}

TEST(ImportWordExport, StepMarkersLeadInsAndRepeatedHeadings) {
    const auto& records = word_import().records;
    const Procedure& lead_in = record(records, "1.013571");
    ASSERT_EQ(lead_in.steps.size(), 11u);
    EXPECT_EQ(lead_in.steps[0].title, "");
    EXPECT_EQ(lead_in.steps[0].text, "Tại cửa khẩu nhập cảnh");
    EXPECT_EQ(lead_in.steps[1].title, "Bước 1");

    const Procedure& heading = record(records, "1.013562");  // "Trình tự thực hiện Bước 1: …"
    ASSERT_FALSE(heading.steps.empty());
    EXPECT_EQ(heading.steps[0].title, "Bước 1");

    // "- Trình tự thực hiện:\n1. Đối với …": heading and item number dropped (structure_test.cpp).
    const Procedure& stripped = record(records, "1.013615");
    ASSERT_FALSE(stripped.steps.empty());
    EXPECT_EQ(stripped.steps[0].text.rfind("Đối với trường hợp", 0), 0u);

    const Procedure& no_markers = record(records, "1.013139");
    ASSERT_EQ(no_markers.steps.size(), 1u);
    EXPECT_EQ(no_markers.steps[0].title, "");
}

TEST(ImportWordExport, SubjectsKeepCompoundTypesWhole) {
    const Procedure& p = record(word_import().records, "1.013128");
    EXPECT_EQ(p.subjects, (std::vector<std::string>{"Công dân Việt Nam", "Người nước ngoài",
                                                    "Cán bộ, công chức, viên chức", "Doanh nghiệp",
                                                    "Doanh nghiệp có vốn đầu tư nước ngoài",
                                                    "Tổ chức (không bao gồm doanh nghiệp, HTX)",
                                                    "Tổ chức nước ngoài", "Hợp tác xã"}));
}

TEST(ImportWordExport, LevelsFromCapThucHien) {
    const Procedure& p = record(word_import().records, "1.013140");  // Bộ, Tỉnh, Xã, Cơ quan khác
    EXPECT_EQ(p.levels,
              (std::vector<Level>{Level::commune, Level::province, Level::ministry, Level::other}));
}

TEST(ImportWordExport, SeveralFormFilesInOneCell) {
    const Procedure& p = record(word_import().records, "1.013159");
    bool found = false;
    for (const auto& item : p.dossier.at(0).items)
        if (item.forms.size() == 2)
            found = item.forms[0].name == "MU1B.docx" && item.forms[1].name == "MU1C.docx";
    EXPECT_TRUE(found);
}

TEST(ImportWordExport, InvalidUtf8GivesFileAndLine) {
    expect_input_error([] { import_paths({bad_dir() / "invalid-utf8"}); },
                       {"invalid-utf8/1.013125.json:6", "invalid UTF-8"});
}

TEST(ImportWordExport, UnrecognisedJsonIsSkippedWithAWarning) {
    auto [records, report] = import_paths({bad_dir() / "unrecognised-json"});
    EXPECT_TRUE(records.empty());
    EXPECT_EQ(report.files_read, 1u);
    EXPECT_TRUE(
        any_warning_contains(report, {"settings.json", "not a recognised procedure export"}));
}

}  // namespace
}  // namespace xasite::procedures
