// content/procedures is exactly what the importer makes from tests/fixtures/dvc, and it loads
// quickly. The fixtures are byte copies of ../shared/data/procedures.
#include <chrono>
#include <iostream>
#include <set>

#include "core/files.hpp"
#include "procedures_test_support.hpp"

namespace xasite::procedures {
namespace {

using namespace testing;

std::filesystem::path content_procedures() {
    return ::xasite::testing::content_dir() / "procedures";
}

TEST(ProcedureContent, ReimportingTheFixturesGivesTheCommittedFiles) {
    const auto& records = whole_fixture_import().records;
    std::set<std::string> expected;
    for (const auto& p : records) {
        std::string name = p.code + ".json";
        expected.insert(name);
        auto path = content_procedures() / name;
        ASSERT_TRUE(std::filesystem::exists(path))
            << path << " is missing: regenerate content/procedures";
        ASSERT_EQ(read_file(path), to_json_text(p)) << path << " differs from a fresh import";
    }
    for (const auto& entry : std::filesystem::directory_iterator(content_procedures())) {
        if (entry.path().extension() != ".json") continue;
        EXPECT_TRUE(expected.count(entry.path().filename().string()))
            << entry.path() << " is not made by the importer";
    }
}

TEST(ProcedureContent, LoadsAllRecordsQuickly) {
    auto start = std::chrono::steady_clock::now();
    auto records = load_directory(content_procedures());
    auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(records.size(), 1518u);
    std::size_t full = 0;
    for (const auto& p : records)
        full += p.detail == Detail::full;
    EXPECT_EQ(full, 204u);
    RecordProperty("load_seconds", std::to_string(elapsed));
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
    // Optimised builds: well under a second (about 0.1 s on a warm cache).
    EXPECT_LT(elapsed, 1.0);
#else
    // Debug and ASan/UBSan builds are 10-30x slower and share the machine with parallel tests:
    // the time is recorded, not asserted.
    std::cout << "load_directory: " << records.size() << " records in " << elapsed << " s\n";
#endif
}

TEST(ProcedureContent, FixturesAreByteCopiesOfTheSharedData) {
    XASITE_REQUIRE_SHARED();
    auto shared = ::xasite::testing::shared_dir() / "data" / "procedures";
    std::size_t compared = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dvc_dir())) {
        if (!entry.is_regular_file()) continue;
        auto rel = entry.path().lexically_relative(dvc_dir());
        if (rel == "README.md") continue;  // the fixture set's own provenance notes
        auto original = shared / rel;
        ASSERT_TRUE(std::filesystem::exists(original)) << rel;
        EXPECT_EQ(read_file(entry.path()), read_file(original)) << rel;
        ++compared;
    }
    EXPECT_EQ(compared, 1u + 1u + 1u + 166u + 32u);
}

}  // namespace
}  // namespace xasite::procedures
