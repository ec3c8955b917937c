#include "generator/site/output.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/files.hpp"
#include "test_support.hpp"

using namespace xasite;
using namespace xasite::site;
namespace fs = std::filesystem;

TEST(OutputDir, WritesIntoATempDirAndSwapsOnCommit) {
    xasite::testing::TempDir dir;
    fs::path site = dir / "site";
    {
        OutputDir out(site);
        out.write("a/b/index.html", "one");
        EXPECT_FALSE(fs::exists(site));
        EXPECT_TRUE(fs::exists(out.temp_dir() / "a/b/index.html"));
        out.commit();
    }
    EXPECT_EQ(read_file(site / "a/b/index.html"), "one");
    EXPECT_TRUE(fs::exists(site / kSiteMarker));
    {
        OutputDir out(site);
        out.write("c.html", "two");
        out.commit();
    }
    EXPECT_FALSE(fs::exists(site / "a/b/index.html"));  // the old site is replaced as a whole
    EXPECT_EQ(read_file(site / "c.html"), "two");
    int entries = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir.path()))
        ++entries;
    EXPECT_EQ(entries, 1);  // no .tmp or .old left behind
}

TEST(OutputDir, AbandonedBuildLeavesThePreviousSiteUntouched) {
    xasite::testing::TempDir dir;
    fs::path site = dir / "site";
    {
        OutputDir out(site);
        out.write("index.html", "old");
        out.commit();
    }
    {
        OutputDir out(site);
        out.write("index.html", "half-written");
        // no commit: the build failed
    }
    EXPECT_EQ(read_file(site / "index.html"), "old");
    int entries = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir.path()))
        ++entries;
    EXPECT_EQ(entries, 1);
}

TEST(OutputDir, RefusesToReplaceADirectoryItDidNotBuild) {
    xasite::testing::TempDir dir;
    write_file_atomic(dir / "content/site.json", "{}");
    EXPECT_THROW(OutputDir(dir / "content"), InputError);
    EXPECT_TRUE(fs::exists(dir / "content/site.json"));
    write_file_atomic(dir / "file", "x");
    EXPECT_THROW(OutputDir(dir / "file"), InputError);
}

TEST(OutputDir, RefusesPathsOutsideTheOutput) {
    xasite::testing::TempDir dir;
    OutputDir out(dir / "site");
    EXPECT_THROW(out.write("../escape.html", "x"), std::runtime_error);
    EXPECT_THROW(out.write("/etc/passwd", "x"), std::runtime_error);
    EXPECT_FALSE(fs::exists(dir / "escape.html"));
}
