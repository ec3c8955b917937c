#include "core/files.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "test_support.hpp"

using namespace xasite;

TEST(ParseJson, NamesFileLineAndColumn) {
    try {
        parse_json("{\n  \"a\": 1,\n  \"b\": ]\n}", "content/x.json");
        FAIL() << "expected an error";
    } catch (const InputError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("content/x.json:3:"), std::string::npos) << m;
        EXPECT_NE(m.find("malformed JSON"), std::string::npos) << m;
    }
}

TEST(ParseJson, ReportsTruncation) {
    try {
        parse_json("[{\"code\": \"1.001193\", \"name\": \"Thủ", "trunc.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("trunc.json:1:"), std::string::npos) << e.what();
    }
}

TEST(ParseJson, RejectsInvalidUtf8WithLine) {
    try {
        parse_json("{\n\"a\": \"\xC3\x28\"}", "bad.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("bad.json:2: invalid UTF-8"), std::string::npos)
            << e.what();
    }
}

TEST(ReadFile, MissingFileNamesThePath) {
    try {
        read_file("/nonexistent/xasite/file.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/xasite/file.json"), std::string::npos);
    }
}

TEST(ReadTextFile, ReturnsNfcWithoutBom) {
    xasite::testing::TempDir dir;
    write_file_atomic(dir / "a.txt",
                      "\xEF\xBB\xBF"
                      "Ca\xCC\x81");
    EXPECT_EQ(read_text_file(dir / "a.txt"), "Cá");
}

TEST(WriteFileAtomic, CreatesParentsAndReplaces) {
    xasite::testing::TempDir dir;
    auto p = dir / "x/y/z.html";
    write_file_atomic(p, "one");
    write_file_atomic(p, "two");
    EXPECT_EQ(read_file(p), "two");
    int entries = 0;
    for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(p.parent_path()))
        ++entries;
    EXPECT_EQ(entries, 1);  // no temporary left behind
}

TEST(ParseJson, NumberOutOfRangeIsAnInputError) {
    EXPECT_THROW(parse_json("[1e999]", "big.json"), InputError);
}
