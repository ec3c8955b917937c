// The command line as users and scripts see it: exit statuses, JSON shapes, messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/version.hpp"
#include "e2e_support.hpp"

using xasite::testing::contains;
using xasite::testing::quote;
using xasite::testing::run_command;

namespace {
std::string xasite_cmd() {
    return quote(xasite::testing::xasite_binary()) + " ";
}
std::string content_arg() {
    return " --content " + quote(xasite::testing::content_dir());
}
}  // namespace

TEST(Cli, UsageErrorsExitWithTwo) {
    EXPECT_EQ(run_command(xasite_cmd()).exit_code, 2);
    EXPECT_EQ(run_command(xasite_cmd() + "frobnicate").exit_code, 2);
    EXPECT_EQ(run_command(xasite_cmd() + "build --jobs notanumber").exit_code, 2);
    auto help = run_command(xasite_cmd() + "--help");
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_TRUE(contains(help.out, "build"));
}

TEST(Cli, UnitsLookupJsonHasTheDesignShape) {
    auto r = run_command(xasite_cmd() + "units lookup --json" + content_arg() + " 'xa ea kao'");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["query"], "xa ea kao");
    ASSERT_EQ(j["matches"].size(), 1u);
    const auto& m = j["matches"][0];
    EXPECT_EQ(m["old"]["code"], "24169");
    EXPECT_EQ(m["old"]["name"], "Xã Ea Kao");
    EXPECT_EQ(m["old"]["type"], "Xã");
    EXPECT_EQ(m["old"]["district"], "Thành phố Buôn Ma Thuột");
    ASSERT_EQ(m["new"].size(), 1u);
    EXPECT_EQ(m["new"][0]["code"], "24169");
    EXPECT_EQ(m["new"][0]["name"], "Phường Ea Kao");
    EXPECT_EQ(m["new"][0]["type"], "phường");
    EXPECT_EQ(m["new"][0]["partial"], false);
}

TEST(Cli, UnitsLookupWithoutDiacriticsAndWithTypographicApostrophe) {
    auto r = run_command(xasite_cmd() + "units lookup" + content_arg() + " 'EA H’LEO' 'phuong 9'");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "Xã Ea H'Leo")) << r.out;
    EXPECT_TRUE(contains(r.out, "Phường Bình Kiến")) << r.out;
    EXPECT_TRUE(contains(r.out, "một phần")) << r.out;
    auto none = run_command(xasite_cmd() + "units lookup" + content_arg() + " 'khong co xa nay'");
    EXPECT_EQ(none.exit_code, 1);
}

TEST(Cli, CheckReportsAMissingSite) {
    auto r = run_command(xasite_cmd() + "check --site /nonexistent/xasite-site");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "/nonexistent/xasite-site"));
}

TEST(Cli, BuildPrintsTheOneLineSummaryAndCheckPasses) {
    xasite::testing::TempDir dir;
    auto r = run_command(xasite_cmd() + "build" + content_arg() + " --out " + quote(dir / "site") +
                         " --unit 24169");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "built 1 units, ")) << r.out;
    EXPECT_TRUE(contains(r.out, " pages/s")) << r.out;
    auto c = run_command(xasite_cmd() + "check --site " + quote(dir / "site"));
    EXPECT_EQ(c.exit_code, 0) << c.out;
    EXPECT_TRUE(contains(c.out, ": 0 problems")) << c.out;
    EXPECT_TRUE(contains(r.out, "search index: ")) << r.out;
    // `xasite search` reads the index written beside the site (DESIGN §3 JSON shape).
    auto s = run_command(xasite_cmd() + "search --json --limit 3 --site " + quote(dir / "site") +
                         " --unit 24169 dang ki khai sinh");
    ASSERT_EQ(s.exit_code, 0) << s.out;
    auto j = nlohmann::json::parse(s.out);
    ASSERT_FALSE(j["results"].empty()) << s.out;
    EXPECT_EQ(j["results"][0]["code"], "1.001193") << s.out;
    EXPECT_EQ(j["results"][0]["url"], "/phuong-ea-kao/thu-tuc/1.001193.html") << s.out;
    auto none = run_command(xasite_cmd() + "search --site " + quote(dir / "nowhere") + " x");
    EXPECT_EQ(none.exit_code, 1) << none.out;
    // --no-index builds the site alone.
    auto plain = run_command(xasite_cmd() + "build -q --no-index" + content_arg() + " --out " +
                             quote(dir / "plain") + " --unit 24169");
    ASSERT_EQ(plain.exit_code, 0) << plain.out;
    EXPECT_FALSE(std::filesystem::exists(dir / "plain.xapian"));
}

TEST(Cli, ImportDvcReproducesTheCommittedRecords) {
    xasite::testing::TempDir dir;
    auto r = run_command(xasite_cmd() + "import dvc --out " + quote(dir / "procedures") + " " +
                         quote(xasite::testing::fixtures_dir() / "dvc"));
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "1518 procedures")) << r.out;
    auto committed = xasite::testing::read_tree(xasite::testing::content_dir() / "procedures");
    committed.erase("README.md");
    EXPECT_TRUE(committed == xasite::testing::read_tree(dir / "procedures"));
}

TEST(Cli, VersionIsTheProjectVersion) {
    auto r = run_command(xasite_cmd() + "--version");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, std::string(xasite::version_line()) + "\n");
    EXPECT_TRUE(contains(r.out, "xasite 0.")) << r.out;
}
