// `xasite admin user add|list|passwd|remove` through the binary: the password comes from stdin,
// the file is written 0600, never inside the content tree, and a unit must be in the registry.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "admin/users.hpp"
#include "test_support.hpp"

using namespace xasite;
namespace fs = std::filesystem;
using xasite::testing::quote;
using xasite::testing::run_command;

namespace {

std::string xasite_admin(const std::string& args, const std::string& stdin_text = "") {
    const std::string cmd = (stdin_text.empty() ? "" : "printf '%s\\n' '" + stdin_text + "' | ") +
                            quote(xasite::testing::xasite_binary()) + " admin " + args;
    return cmd;
}

}  // namespace

TEST(AdminCli, UserAddListPasswdRemove) {
    xasite::testing::TempDir dir;
    const fs::path users = dir.path() / "users.json";
    const std::string content = " --content " + quote(xasite::testing::content_dir());
    auto r = run_command(xasite_admin(
        "user add --users " + quote(users) + content + " --unit 24373 --role approver duyet.eakar",
        "mat-khau-du-dai-2025"));
    ASSERT_EQ(r.exit_code, 0) << r.out;
    struct stat st {};
    ASSERT_EQ(::stat(users.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const auto loaded = admin::Users::load(users);
    ASSERT_TRUE(loaded.find("duyet.eakar"));
    EXPECT_TRUE(admin::verify_password(loaded.find("duyet.eakar")->hash, "mat-khau-du-dai-2025"));

    r = run_command(xasite_admin("user list --users " + quote(users)));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "duyet.eakar\t24373\tapprover\n");

    r = run_command(
        xasite_admin("user passwd --users " + quote(users) + " duyet.eakar", "mat-khau-moi-2026"));
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(admin::verify_password(admin::Users::load(users).find("duyet.eakar")->hash,
                                       "mat-khau-moi-2026"));

    // Refused: a short password, an unknown unit, a file inside the content tree, a taken name.
    r = run_command(
        xasite_admin("user add --users " + quote(users) + " --unit 24373 ngan", "ngan"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("10 ký tự"), std::string::npos) << r.out;
    r = run_command(xasite_admin("user add --users " + quote(users) + content + " --unit 99999 x",
                                 "mat-khau-du-dai-2025"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("99999"), std::string::npos) << r.out;
    r = run_command(xasite_admin("user add --users " +
                                     quote(xasite::testing::content_dir() / "users.json") +
                                     content + " --unit tinh x",
                                 "mat-khau-du-dai-2025"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("must not be inside the content tree"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(xasite::testing::content_dir() / "users.json"));
    r = run_command(xasite_admin("user add --users " + quote(users) + " --unit 24373 duyet.eakar",
                                 "mat-khau-du-dai-2025"));
    EXPECT_EQ(r.exit_code, 1);

    r = run_command(xasite_admin("user remove --users " + quote(users) + " duyet.eakar"));
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(admin::Users::load(users).all().empty());
    r = run_command(xasite_admin("user remove --users " + quote(users) + " duyet.eakar"));
    EXPECT_EQ(r.exit_code, 1);
}
