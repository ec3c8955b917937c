// The accounts file: Argon2id hashes that verify, mode 0600, refused when others may read it, and
// never inside the content tree or the site.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "admin/users.hpp"
#include "core/error.hpp"
#include "test_support.hpp"

using namespace xasite;
namespace fs = std::filesystem;

TEST(AdminUsers, HashesAreArgon2idAndVerify) {
    const std::string h = admin::hash_password("mật khẩu đủ dài");
    EXPECT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
    EXPECT_TRUE(admin::verify_password(h, "mật khẩu đủ dài"));
    EXPECT_FALSE(admin::verify_password(h, "mật khẩu đủ dài "));
    EXPECT_NE(admin::hash_password("mật khẩu đủ dài"), h) << "a fresh salt each time";
}

TEST(AdminUsers, PasswordRules) {
    EXPECT_NE(admin::password_problem("ngắn"), "");
    EXPECT_NE(admin::password_problem("có\tký tự điều khiển"), "");
    EXPECT_NE(admin::password_problem("\xff\xfe invalid utf8 bytes"), "");
    EXPECT_EQ(admin::password_problem("Xa-Ea-Kao-2025"), "");
}

TEST(AdminUsers, SavedWithMode0600AndLoadedBack) {
    xasite::testing::TempDir dir;
    const fs::path file = dir.path() / "private" / "users.json";
    ::umask(022);
    admin::Users users;
    users.add({"bientap", "24169", admin::Role::editor, admin::hash_password("mat-khau-bien-tap")});
    users.add({"tinh", "tinh", admin::Role::approver, admin::hash_password("mat-khau-cua-tinh")});
    EXPECT_THROW(users.add({"bientap", "24169", admin::Role::editor, "x"}), InputError);
    EXPECT_THROW(users.add({"../x", "24169", admin::Role::editor, "x"}), InputError);
    EXPECT_THROW(users.add({"ok", "24169/..", admin::Role::editor, "x"}), InputError);
    users.save(file);
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

    const auto back = admin::Users::load(file);
    ASSERT_EQ(back.all().size(), 2u);
    const admin::User* u = back.find("bientap");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->unit, "24169");
    EXPECT_FALSE(u->may_publish());
    EXPECT_TRUE(u->may_edit("24169"));
    EXPECT_FALSE(u->may_edit("24352"));
    EXPECT_TRUE(admin::verify_password(u->hash, "mat-khau-bien-tap"));
    const admin::User* p = back.find("tinh");
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->province());
    EXPECT_TRUE(p->may_edit("24352"));
    EXPECT_TRUE(p->may_publish());
}

TEST(AdminUsers, RefusedWhenOthersMayReadIt) {
    xasite::testing::TempDir dir;
    const fs::path file = dir.path() / "users.json";
    admin::Users users;
    users.add({"bientap", "24169", admin::Role::editor, admin::hash_password("mat-khau-bien-tap")});
    users.save(file);
    fs::permissions(file, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
    try {
        admin::Users::load(file);
        FAIL() << "a world-readable users file was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("chmod 600"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    }
}

TEST(AdminUsers, BadRecordsNameTheFile) {
    xasite::testing::TempDir dir;
    const fs::path file = dir.path() / "users.json";
    std::ofstream(file)
        << R"({"users": [{"name": "a", "unit": "24169", "role": "chief", "hash": "$argon2id$x"}]})";
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    try {
        admin::Users::load(file);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("users.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("role"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(admin::Users::load(dir.path() / "none.json", true).all().empty());
    EXPECT_THROW(admin::Users::load(dir.path() / "none.json"), InputError);
}

TEST(AdminUsers, NeverInsideTheContentOrTheSite) {
    xasite::testing::TempDir dir;
    const fs::path content = dir.path() / "content";
    const fs::path site = dir.path() / "site";
    fs::create_directories(content / "units");
    fs::create_directories(site);
    EXPECT_THROW(admin::check_users_location(content / "users.json", content, site), InputError);
    EXPECT_THROW(admin::check_users_location(content / "units" / "u.json", content, site),
                 InputError);
    EXPECT_THROW(admin::check_users_location(site / "users.json", content, site), InputError);
    // Spelled with "..", or through a link into the content tree.
    EXPECT_THROW(admin::check_users_location(site / ".." / "content" / "u.json", content, site),
                 InputError);
    fs::create_directory_symlink(content, dir.path() / "link");
    EXPECT_THROW(admin::check_users_location(dir.path() / "link" / "u.json", content, site),
                 InputError);
    EXPECT_NO_THROW(admin::check_users_location(dir.path() / "users.json", content, site));
    EXPECT_NO_THROW(admin::check_users_location(dir.path() / "content-users.json", content, site));
}
