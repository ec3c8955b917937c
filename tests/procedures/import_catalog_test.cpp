// The national catalog list: 1,350 catalog-only records, quirks kept as published.
#include <set>

#include "procedures_test_support.hpp"

namespace xasite::procedures {
namespace {

using namespace testing;

const Imported& catalog_import() {
    static const Imported imported = import_paths({catalog_file()});
    return imported;
}

TEST(ImportCatalog, Reads1350RecordsIn121Fields) {
    const auto& [records, report] = catalog_import();
    EXPECT_EQ(report.files_read, 1u);
    EXPECT_EQ(report.records_read, 1350u);
    ASSERT_EQ(records.size(), 1350u);
    EXPECT_EQ(report.catalog_only, 1350u);
    EXPECT_EQ(report.full, 0u);
    std::set<std::string> fields;
    for (const auto& p : records) {
        fields.insert(p.field);
        EXPECT_EQ(p.detail, Detail::catalog) << p.code;
        ASSERT_EQ(p.sources.size(), 1u) << p.code;
        EXPECT_TRUE(p.steps.empty() && p.channels.empty() && p.dossier.empty()) << p.code;
    }
    EXPECT_EQ(fields.size(), 121u);
}

TEST(ImportCatalog, KhaiSinh) {
    const Procedure& p = record(catalog_import().records, "1.001193");
    EXPECT_EQ(p.name, "Thủ tục đăng ký khai sinh");
    EXPECT_EQ(p.field, "Hộ tịch");
    EXPECT_EQ(p.sources[0].kind, "catalog-1350");
    EXPECT_EQ(p.sources[0].file, "catalog.json");
    EXPECT_NE(p.sources[0].note.find("9dd89b32a23256b40e9ccaf4bfe5f7b7979914c2"),
              std::string::npos);
}

TEST(ImportCatalog, KeepsTheMalformedCodeWithAWarning) {
    const auto& [records, report] = catalog_import();
    const Procedure& p = record(records, "1.0133611");
    EXPECT_EQ(p.field, "Đường bộ");
    EXPECT_TRUE(
        any_warning_contains(report, {"catalog.json", "\"1.0133611\"", "kept as published"}));
    EXPECT_EQ(report.warnings.size(), 1u) << "the catalog has one quirk that warrants a warning";
}

TEST(ImportCatalog, KeepsProvincePrefixedNamesAsPublished) {
    const Procedure& p = record(catalog_import().records, "1.014194");
    EXPECT_EQ(p.name,
              "Lào Cai - Chấp thuận thiết kế nút giao đấu nối vào đường địa phương đang khai thác");
}

TEST(ImportCatalog, DuplicateCodeKeepsTheFirstAndWarns) {
    auto [records, report] = import_paths({bad_dir() / "catalog-duplicate"});
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].code, "1.001193");
    EXPECT_EQ(records[0].name, "Thủ tục đăng ký khai sinh");
    EXPECT_EQ(report.records_read, 3u);  // two 1.001193 and the unusable code
    EXPECT_TRUE(any_warning_contains(report, {"duplicate code 1.001193", "first record is kept"}));
    EXPECT_TRUE(any_warning_contains(report, {"catalog.json: record 3", "no name", "skipped"}));
    EXPECT_TRUE(any_warning_contains(report, {"\"a/b\"", "cannot name a file", "skipped"}));
}

TEST(ImportCatalog, WrongTypeNamesRecordAndField) {
    expect_input_error([] { import_paths({bad_dir() / "catalog-wrong-type"}); },
                       {"catalog.json: record 2", "field \"name\": expected a string, got array"});
}

TEST(ImportCatalog, TruncatedFileGivesLineAndColumn) {
    expect_input_error([] { import_paths({bad_dir() / "truncated-catalog"}); },
                       {"truncated-catalog/catalog.json:5:", "malformed JSON"});
}

}  // namespace
}  // namespace xasite::procedures
