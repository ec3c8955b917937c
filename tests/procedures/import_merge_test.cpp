// Merging by code across sources, whole-fixture figures, determinism, run_import_dvc.
#include <set>
#include <sstream>

#include "core/files.hpp"
#include "procedures_test_support.hpp"

namespace xasite::procedures {
namespace {

using namespace testing;
using ::xasite::testing::TempDir;

std::vector<std::string> kinds_of(const Procedure& p) {
    std::vector<std::string> kinds;
    for (const auto& s : p.sources)
        kinds.push_back(s.kind);
    return kinds;
}

TEST(ImportMerge, WholeFixtureFigures) {
    const auto& [records, report] = whole_fixture_import();
    // 1 catalog + 1 jsonl + 166 Word-export JSON + 31 pages + index.html (READMEs are not inputs)
    EXPECT_EQ(report.files_read, 200u);
    // 1,350 catalog + 7 API + 166 Word export + 31 HTML records before merging
    EXPECT_EQ(report.records_read, 1554u);
    // codes in two sources: 7 API and 21 Word-export codes and 8 HTML codes are in the catalog
    EXPECT_EQ(records.size(), 1518u);
    EXPECT_EQ(report.full, 204u);  // 7 + 166 + 31
    EXPECT_EQ(report.catalog_only, 1314u);
    // 1 malformed code, 7 bare legal numbers ("54"), 16 names and 6 fields that differ
    EXPECT_EQ(report.warnings.size(), 30u);
    std::set<std::string> codes;
    for (std::size_t i = 0; i < records.size(); ++i) {
        codes.insert(records[i].code);
        if (i > 0) {
            EXPECT_LT(records[i - 1].code, records[i].code);
        }
    }
    EXPECT_EQ(codes.size(), records.size());
}

TEST(ImportMerge, CatalogAndFullRecordBecomeOne) {
    const Procedure& p = record(whole_fixture_import().records, "1.001193");
    EXPECT_EQ(p.detail, Detail::full);
    EXPECT_EQ(kinds_of(p), (std::vector<std::string>{"dvc-api", "catalog-1350"}));
    EXPECT_EQ(p.sources[0].file, "catalog-1350/full-records.jsonl");
    EXPECT_EQ(p.sources[1].file, "catalog-1350/catalog.json");
    EXPECT_EQ(p.name, "Thủ tục đăng ký khai sinh");
    EXPECT_EQ(p.field, "Hộ tịch");
    EXPECT_EQ(p.legal_basis.size(), 15u);

    const Procedure& html = record(whole_fixture_import().records, "1.012818");
    EXPECT_EQ(kinds_of(html), (std::vector<std::string>{"html-summary", "catalog-1350"}));
    EXPECT_EQ(html.field, "Đất đai");
}

TEST(ImportMerge, FieldComesFromTheCatalogBeforeTheListPage) {
    const auto& records = whole_fixture_import().records;
    EXPECT_EQ(record(records, "1.011441").field, "Đăng ký biện pháp bảo đảm");  // in the catalog
    EXPECT_EQ(record(records, "1.011442").field, "Đất đai");  // not in it: "Lĩnh vực Đất đai"
}

TEST(ImportMerge, FullRecordNameAndFieldWinWithAWarning) {
    const auto& [records, report] = whole_fixture_import();
    const Procedure& p = record(records, "1.013562");
    EXPECT_EQ(p.name, "Thủ tục cấp Giấy phép đi bờ cho thuyền viên nước ngoài đi bờ");
    EXPECT_TRUE(any_warning_contains(
        report, {"code 1.013562: name differs", "dvc-word-export", "catalog-1350",
                 "\"Thủ tục cấp Giấy phép đi bờ cho thuyền viên nước ngoài\""}));
    const Procedure& q = record(records, "2.002761");
    EXPECT_EQ(q.field, "Chính sách");
    EXPECT_TRUE(any_warning_contains(report, {"code 2.002761: field differs", "Chính sách BQP"}));
}

// A Word export, an HTML page and a catalog entry for the same code: each component comes from
// the first source that has it (dvc-api > dvc-word-export > html-summary).
TEST(ImportMerge, ComponentsComeFromTheHighestPrioritySourceThatHasThem) {
    TempDir dir;
    std::filesystem::create_directories(dir / "word");
    std::filesystem::copy_file(word_dir() / "1.013125.json", dir / "word" / "1.013125.json");
    write_file_atomic(dir / "pages" / "1.013125.html", R"(<html><body>
<h1>Kế hoạch ứng phó sự cố tràn dầu (tóm tắt)</h1><p>(Mã TTHC: 1.013125)</p>
<div><h3>📍 Nơi nộp hồ sơ</h3><p>Văn phòng Ủy ban Quốc gia, 276 Nghi Tàm, Hà Nội</p></div>
<section><h2>Quy Trình 1 Bước</h2><div><h4>Nộp</h4><p>Nộp hồ sơ.</p></div></section>
<section><h2>Hồ Sơ Cần Chuẩn Bị</h2><ul><li>Văn bản đề nghị</li></ul></section>
</body></html>)");
    write_file_atomic(
        dir / "catalog.json",
        R"([{"code": "1.013125", "name": "Tên trong danh mục", "field": "Lĩnh vực danh mục"}])");
    auto [records, report] = import_paths({dir.path()});
    ASSERT_EQ(records.size(), 1u);
    const Procedure& p = records[0];
    EXPECT_EQ(kinds_of(p),
              (std::vector<std::string>{"dvc-word-export", "html-summary", "catalog-1350"}));
    EXPECT_EQ(p.detail, Detail::full);
    EXPECT_EQ(p.name.rfind("Thủ tục thẩm định và phê duyệt kế hoạch", 0), 0u);  // Word export
    EXPECT_EQ(p.field, "Ứng phó sự cố tràn dầu");
    ASSERT_EQ(p.steps.size(), 3u);  // from the Word export, not the page's single step
    EXPECT_EQ(p.steps[0].title, "Bước 1");
    EXPECT_EQ(p.dossier.at(0).items.size(), 2u);
    // The Word export says "Không có thông tin" for the address: the page's address is used.
    EXPECT_EQ(p.receiving_address, "Văn phòng Ủy ban Quốc gia, 276 Nghi Tàm, Hà Nội");
    EXPECT_TRUE(any_warning_contains(report, {"code 1.013125: name differs", "html-summary"}));
    EXPECT_TRUE(any_warning_contains(report, {"code 1.013125: name differs", "catalog-1350"}));
    EXPECT_TRUE(
        any_warning_contains(report, {"code 1.013125: field differs", "Lĩnh vực danh mục"}));
}

TEST(ImportMerge, PageWithoutAnyFieldIsDropped) {
    TempDir dir;
    std::filesystem::copy_file(html_dir() / "1.011442.html", dir / "1.011442.html");
    auto [records, report] = import_paths({dir.path()});
    EXPECT_TRUE(records.empty());  // no catalog entry, no list page, the page names no field
    EXPECT_TRUE(any_warning_contains(report, {"1.011442", "no field", "skipped"}));
}

TEST(ImportMerge, EveryRecordSurvivesTheJsonRoundTrip) {
    for (const auto& p : whole_fixture_import().records) {
        std::string first = to_json_text(p);
        Procedure back = from_json(nlohmann::json::parse(first), p.code + ".json");
        ASSERT_EQ(to_json_text(back), first) << p.code;
    }
}

TEST(ImportMerge, ImportingTwiceGivesTheSameBytes) {
    auto again = import_paths({dvc_dir()});
    const auto& first = whole_fixture_import();
    ASSERT_EQ(again.records.size(), first.records.size());
    for (std::size_t i = 0; i < first.records.size(); ++i)
        ASSERT_EQ(to_json_text(again.records[i]), to_json_text(first.records[i]))
            << first.records[i].code;
    EXPECT_EQ(again.report.warnings, first.report.warnings);
}

TEST(ImportMerge, RunImportDvcWritesFilesAndPrintsTheSummary) {
    TempDir out;
    // A stale record (a real one, renamed to a code the import no longer has): pruned.
    std::string stale = read_file(xasite::testing::content_dir() / "procedures/1.001193.json");
    stale.replace(stale.find("\"1.001193\""), 10, "\"9.999999\"");
    write_file_atomic(out / "9.999999.json", stale);
    write_file_atomic(out / "README.md", "# kept\n");        // not a record: kept
    write_file_atomic(out / "config.json", "{\"a\": 1}\n");  // not a record: kept, said
    write_file_atomic(out / "9.999998.json", "{}");          // a code's name, not a record
    std::ostringstream log;
    int status = run_import_dvc({dvc_dir()}, out.path(), true, log);
    ASSERT_EQ(status, 0) << log.str();
    EXPECT_NE(log.str().find("read 200 files, 1554 records → 1518 procedures (204 full, 1314 "
                             "catalog-only), 30 warnings\n"),
              std::string::npos)
        << log.str();
    EXPECT_NE(log.str().find("warning: "), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(out / "9.999999.json"));
    EXPECT_TRUE(std::filesystem::exists(out / "README.md"));
    EXPECT_TRUE(std::filesystem::exists(out / "config.json"));
    EXPECT_TRUE(std::filesystem::exists(out / "9.999998.json"));
    EXPECT_NE(log.str().find((out / "config.json").string() + ": not a procedure record"),
              std::string::npos)
        << log.str();
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(out.path()))
        files += e.path().extension() == ".json";
    EXPECT_EQ(files, 1518u + 2);  // and the two that are not records

    // A second run rewrites nothing.
    auto stamp = std::filesystem::last_write_time(out / "1.001193.json");
    std::ostringstream second;
    ASSERT_EQ(run_import_dvc({dvc_dir()}, out.path(), false, second), 0);
    EXPECT_EQ(std::filesystem::last_write_time(out / "1.001193.json"), stamp);
}

TEST(ImportMerge, RunImportDvcReturns1AndNamesTheFile) {
    TempDir out;
    std::ostringstream log;
    EXPECT_EQ(run_import_dvc({bad_dir() / "truncated-catalog"}, out.path(), false, log), 1);
    EXPECT_NE(log.str().find("error: "), std::string::npos) << log.str();
    EXPECT_NE(log.str().find("truncated-catalog/catalog.json:5:"), std::string::npos) << log.str();
    std::ostringstream missing;
    EXPECT_EQ(run_import_dvc({bad_dir() / "no-such-input"}, out.path(), false, missing), 1);
    EXPECT_NE(missing.str().find("no-such-input: no such file or directory"), std::string::npos);
}

}  // namespace
}  // namespace xasite::procedures
