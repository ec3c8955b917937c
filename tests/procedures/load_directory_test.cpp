// load_directory: every *.json sorted by name; bad files are reported with file and line/field.
#include "core/files.hpp"
#include "procedures_test_support.hpp"

namespace xasite::procedures {
namespace {

using testing::bad_dir;
using testing::expect_input_error;
using ::xasite::testing::TempDir;

std::string record_text(const std::string& code, const std::string& name) {
    Procedure p;
    p.code = code;
    p.name = name;
    p.field = "Hộ tịch";
    return to_json_text(p);
}

TEST(ProcedureLoadDirectory, LoadsJsonFilesSortedByNameAndIgnoresOthers) {
    TempDir dir;
    write_file_atomic(dir / "2.000815.json", record_text("2.000815", "B"));
    write_file_atomic(dir / "1.001193.json", record_text("1.001193", "A"));
    write_file_atomic(dir / "1.000894.json", record_text("1.000894", "C"));
    write_file_atomic(dir / "README.md", "# not a record\n");
    write_file_atomic(dir / ".partial.json", "{ partial");  // hidden: skipped
    auto records = load_directory(dir.path());
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].code, "1.000894");
    EXPECT_EQ(records[1].code, "1.001193");
    EXPECT_EQ(records[2].code, "2.000815");
}

TEST(ProcedureLoadDirectory, DuplicateCodeNamesBothFiles) {
    auto dir = bad_dir() / "records" / "duplicate-code";
    expect_input_error([&] { load_directory(dir); },
                       {"khai-sinh.json", "duplicate code \"1.001193\"", "1.001193.json"});
}

TEST(ProcedureLoadDirectory, TruncatedJsonGivesFileLineAndColumn) {
    auto dir = bad_dir() / "records" / "truncated";
    expect_input_error([&] { load_directory(dir); },
                       {"truncated/1.001193.json:6:", "malformed JSON", "truncated"});
}

TEST(ProcedureLoadDirectory, InvalidUtf8GivesLine) {
    auto dir = bad_dir() / "records" / "invalid-utf8";
    expect_input_error([&] { load_directory(dir); },
                       {"invalid-utf8/1.001193.json:4", "invalid UTF-8"});
}

TEST(ProcedureLoadDirectory, SchemaErrorsNameFileAndField) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"missing-code", "field \"code\": missing"},
        {"channels-not-array", "field \"channels\": expected an array, got string"},
        {"unknown-channel", "field \"channels[2].channel\": unknown value \"fax\""},
        {"unknown-key", "field \"chanels\": unknown key"},
        {"bad-date", "field \"updated\": expected a date"},
        {"negative-count", "field \"dossier[0].items[0].originals\": number out of range"},
    };
    for (const auto& [name, what] : cases) {
        SCOPED_TRACE(name);
        expect_input_error([&] { load_directory(bad_dir() / "records" / name); },
                           {name + "/1.001193.json", what});
    }
}

TEST(ProcedureLoadDirectory, NumberOverflowIsAnInputError) {
    TempDir dir;
    write_file_atomic(dir / "1.001193.json",
                      "{\"code\": \"1.001193\", \"name\": \"A\", \"field\": \"B\", "
                      "\"channels\": [{\"channel\": \"online\", \"time_value\": 1e999}]}\n");
    expect_input_error([&] { load_directory(dir.path()); }, {"1.001193.json", "malformed JSON"});
}

TEST(ProcedureLoadDirectory, MissingDirectoryIsAnInputError) {
    TempDir dir;
    expect_input_error([&] { load_directory(dir / "nope"); }, {"nope", "not a directory"});
}

TEST(ProcedureLoadDirectory, EmptyDirectoryGivesNoRecords) {
    TempDir dir;
    EXPECT_TRUE(load_directory(dir.path()).empty());
}

}  // namespace
}  // namespace xasite::procedures
