#include "generator/site/output.hpp"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/files.hpp"
#include "test_support.hpp"

using namespace xasite;
using namespace xasite::site;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> entries_beside(const fs::path& dir) {
    std::vector<std::string> v;
    for (const auto& e : fs::directory_iterator(dir))
        v.push_back(e.path().filename().string());
    std::sort(v.begin(), v.end());
    return v;
}

void make_site(const fs::path& site, const std::string& text) {
    OutputDir out(site);
    out.write("index.html", text);
    out.commit();
}

// Runs `child` in a forked process (a build that gets killed); returns its wait status.
template <class F>
int in_child(F child) {
    pid_t pid = ::fork();
    if (pid == 0) {
        try {
            child();
        } catch (...) {
        }
        ::_exit(3);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

}  // namespace

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
    EXPECT_EQ(entries_beside(dir.path()), std::vector<std::string>({"site", "site.lock"}))
        << "no .tmp or .old left behind";
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
    EXPECT_EQ(entries_beside(dir.path()), std::vector<std::string>({"site", "site.lock"}));
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

// Issue 12: two builds into one --out both succeeded and the last to finish won, even with older
// content. The second now fails at once, naming the lock; the lock ends with the first build.
TEST(OutputDir, SecondBuildIntoTheSameOutputIsRefusedWhileTheFirstRuns) {
    xasite::testing::TempDir dir;
    fs::path site = dir / "site";
    {
        OutputDir first(site);
        try {
            OutputDir second(site);
            ADD_FAILURE() << "a second build of the same output started";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("site.lock"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("another xasite build"), std::string::npos);
        }
        // Another output beside it is not locked.
        OutputDir other(dir / "site2");
        first.write("index.html", "first");
        first.commit();
    }
    EXPECT_EQ(read_file(site / "index.html"), "first");
    make_site(site, "third");  // the lock was released
    EXPECT_EQ(read_file(site / "index.html"), "third");
}

// A build killed (SIGKILL) while writing: the previous site is untouched, the lock died with the
// process, and the next build sweeps the killed build's temporary tree and index scratch.
TEST(OutputDir, KilledBuildLeavesTheOldSiteAndIsSweptByTheNext) {
    xasite::testing::TempDir dir;
    fs::path site = dir / "site";
    make_site(site, "old");
    int status = in_child([&] {
        OutputDir out(site);
        out.write("index.html", "half");
        fs::create_directories(dir / "site.xapian.tmp-1-2.writing-3");
        ::raise(SIGKILL);
    });
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(read_file(site / "index.html"), "old");
    EXPECT_EQ(entries_beside(dir.path()).size(), 4u);  // site, lock, its tmp, the index scratch
    {
        OutputDir next(site);
        // Only the live build's own temporary tree is left beside the site.
        auto v = entries_beside(dir.path());
        EXPECT_EQ(v.size(), 3u) << ::testing::PrintToString(v);
        EXPECT_FALSE(fs::exists(dir / "site.xapian.tmp-1-2.writing-3"));
    }
    EXPECT_EQ(entries_beside(dir.path()), std::vector<std::string>({"site", "site.lock"}));
}

// A kill right after the atomic exchange: "site" is already the new site (there is no instant
// without one), and the old one, under the temporary name, is swept by the next build.
TEST(OutputDir, KillAtTheSwapLeavesACompleteSite) {
    xasite::testing::TempDir dir;
    fs::path site = dir / "site";
    make_site(site, "old");
    int status = in_child([&] {
        OutputDir::fault_hook = [](const char* step) {
            if (std::string(step) == "exchanged") ::raise(SIGKILL);
        };
        OutputDir out(site);
        out.write("index.html", "new");
        out.commit();
    });
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(read_file(site / "index.html"), "new");
    { OutputDir next(site); }
    EXPECT_EQ(entries_beside(dir.path()), std::vector<std::string>({"site", "site.lock"}));
    EXPECT_EQ(read_file(site / "index.html"), "new");
}

// An older xasite swapped by two renames; a kill between them left no "site", only
// "site.old-<pid>". The next build puts that copy back before anything else, so a build that
// then fails no longer deletes the only copy.
TEST(OutputDir, OnlyCopyLeftAsOldIsPutBackNotDeleted) {
    xasite::testing::TempDir dir;
    fs::path site = dir / "site";
    make_site(dir / "site.old-12345", "the only copy");
    fs::remove(dir / "site.old-12345.lock");
    {
        OutputDir failing(site);
        failing.write("index.html", "never committed");
    }
    EXPECT_EQ(read_file(site / "index.html"), "the only copy");
    EXPECT_EQ(entries_beside(dir.path()), std::vector<std::string>({"site", "site.lock"}));
}

// The sweep takes only what xasite made: a folder named like a temporary tree but without the
// site marker stays.
TEST(OutputDir, SweepLeavesForeignFolders) {
    xasite::testing::TempDir dir;
    fs::create_directories(dir / "site.tmp-77/keep");
    make_site(dir / "site", "x");
    EXPECT_TRUE(fs::exists(dir / "site.tmp-77/keep"));
}
