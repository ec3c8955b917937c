// The content tree walk: nothing outside content/ is read, and nothing that could block.
#include "generator/content/tree.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "core/error.hpp"
#include "generator/content/content.hpp"
#include "test_support.hpp"

using namespace xasite;
using namespace xasite::content;
namespace fs = std::filesystem;

namespace {

void touch(const fs::path& p, const std::string& text = "x") {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

std::string refusal(const fs::path& root) {
    try {
        ContentTree tree(root);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

// A copy of the default content (site.json, registry, procedures, directives) to plant entries in.
fs::path copy_default(const xasite::testing::TempDir& dir) {
    fs::path c = dir / "content";
    fs::copy(xasite::testing::content_dir(), c,
             fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    return c;
}

}  // namespace

TEST(ContentTree, ListsSortedFilesAndFolders) {
    xasite::testing::TempDir dir;
    touch(dir / "c/pages/b.md");
    touch(dir / "c/pages/a.md");
    touch(dir / "c/pages/x.txt");
    touch(dir / "c/units/24373/unit.json");
    ContentTree tree(dir / "c");
    auto md = tree.files("pages", ".md");
    ASSERT_EQ(md.size(), 2u);
    EXPECT_EQ(md[0].filename(), "a.md");
    EXPECT_EQ(tree.folders("units").size(), 1u);
    EXPECT_TRUE(tree.files("missing").empty());
    EXPECT_TRUE(tree.has_folder("pages"));
    EXPECT_FALSE(tree.has_file("pages"));
}

TEST(ContentTree, RefusesALinkOutOfTheTree) {
    xasite::testing::TempDir dir;
    touch(dir / "c/directives/a.txt");
    fs::create_symlink("/etc/passwd", dir / "c/directives/passwd.txt");
    std::string m = refusal(dir / "c");
    EXPECT_NE(m.find("passwd.txt"), std::string::npos) << m;
    EXPECT_NE(m.find("outside the content tree"), std::string::npos) << m;
}

TEST(ContentTree, RefusesALinkedFolderOutOfTheTree) {
    xasite::testing::TempDir dir, outside;
    touch(outside / "secret.md", "---\ntitle: x\n---\n");
    touch(dir / "c/site.json");
    fs::create_directory_symlink(outside.path(), dir / "c/pages");
    std::string m = refusal(dir / "c");
    EXPECT_NE(m.find("pages"), std::string::npos) << m;
    EXPECT_NE(m.find("outside the content tree"), std::string::npos) << m;
}

TEST(ContentTree, AcceptsLinksInsideTheTree) {
    xasite::testing::TempDir dir;
    touch(dir / "c/shared/a.md");
    fs::create_directories(dir / "c/pages");
    fs::create_symlink(fs::path("../shared/a.md"), dir / "c/pages/a.md");
    fs::create_directory_symlink(fs::path("shared"), dir / "c/loop");
    fs::create_directory_symlink(fs::path(".."), dir / "c/shared/up");  // the tree itself
    EXPECT_EQ(refusal(dir / "c"), "");
    EXPECT_EQ(ContentTree(dir / "c").files("pages", ".md").size(), 1u);
}

TEST(ContentTree, RefusesADanglingLinkAFifoAndADevice) {
    xasite::testing::TempDir a, b;
    fs::create_directories(a / "c/pages");
    fs::create_symlink(a / "c/pages/gone.md", a / "c/pages/dangling.md");
    EXPECT_NE(refusal(a / "c").find("dangling.md"), std::string::npos);

    fs::create_directories(b / "c/directives");
    ASSERT_EQ(::mkfifo((b / "c/directives/pipe.txt").c_str(), 0600), 0);
    std::string m = refusal(b / "c");
    EXPECT_NE(m.find("pipe.txt"), std::string::npos) << m;
    EXPECT_NE(m.find("FIFO"), std::string::npos) << m;

    xasite::testing::TempDir d;
    fs::create_directories(d / "c/pages");
    fs::create_symlink("/dev/zero", d / "c/pages/zero.md");  // outside, and a device
    EXPECT_NE(refusal(d / "c").find("zero.md"), std::string::npos);
}

// The review's reproduction: `ln -s /etc/passwd content/directives/passwd.txt` published the
// password file as a directive. Content::load now refuses the tree, naming the link.
TEST(ContentLoad, RefusesThePasswordFileLinkedAsADirective) {
    xasite::testing::TempDir dir;
    fs::path c = copy_default(dir);
    fs::create_symlink("/etc/passwd", c / "directives/passwd.txt");
    try {
        Content::load(c);
        FAIL() << "the link was followed";
    } catch (const InputError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("directives/passwd.txt"), std::string::npos) << m;
        EXPECT_NE(m.find("outside the content tree"), std::string::npos) << m;
    }
}

TEST(ContentLoad, ReadsThemeOverridesAndTheLexicon) {
    xasite::testing::TempDir dir;
    fs::path c = copy_default(dir);
    touch(c / "templates/partials/skip.mustache", "SKIP");
    touch(c / "units/24373/templates/assets/extra.css", "body{}");
    Content content = Content::load(c);
    ASSERT_EQ(content.templates.count("partials/skip.mustache"), 1u);
    EXPECT_EQ(content.templates.at("partials/skip.mustache").data, "SKIP");
    ASSERT_EQ(content.unit_templates.count("24373"), 1u);
    EXPECT_EQ(content.unit_templates.at("24373").count("assets/extra.css"), 1u);
    EXPECT_EQ(content.lexicon_dir, c / "search");
    EXPECT_EQ(content.lexicon_files.count("synonyms.txt"), 1u);
    ASSERT_EQ(content.archive_packages.size(), 1u);
    EXPECT_EQ(content.archive_packages[0].filename(), "651");
}

TEST(UnitProfile, ReadsContactsAndNamesTheFieldOfAnError) {
    xasite::testing::TempDir dir;
    touch(dir / "unit.json",
          R"({"address": " Số 1  Hùng Vương ", "service_centre": {"phone": "0262 3 812 345"},
              "leaders": [{"name": "Nguyễn Văn A", "position": "Chủ tịch"}]})");
    UnitProfile p = load_unit_profile(dir / "unit.json");
    EXPECT_EQ(p.address, "Số 1 Hùng Vương");
    EXPECT_EQ(p.centre_phone, "0262 3 812 345");
    ASSERT_EQ(p.leaders.size(), 1u);
    EXPECT_EQ(p.leaders[0].position, "Chủ tịch");
    auto error_of = [&](const std::string& json) {
        touch(dir / "unit.json", json);
        try {
            load_unit_profile(dir / "unit.json");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    std::string m = error_of(R"({"phone": 5})");
    EXPECT_NE(m.find("unit.json"), std::string::npos) << m;
    EXPECT_NE(m.find("\"phone\": expected a string, got number"), std::string::npos) << m;
    EXPECT_NE(error_of(R"({"adress": "x"})").find("unknown key"), std::string::npos);
    EXPECT_NE(error_of(R"({"leaders": [{"position": "x"}]})").find("leaders[0].name"),
              std::string::npos);
}
