#include "serve/static_files.hpp"

#include <gtest/gtest.h>

#include "core/files.hpp"
#include "test_support.hpp"

using namespace xasite;
using namespace xasite::serve;
namespace fs = std::filesystem;

namespace {

class StaticFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        write_file_atomic(dir_ / "site/index.html", "province");
        write_file_atomic(dir_ / "site/404.html", "province 404");
        write_file_atomic(dir_ / "site/xa-ea-kar/index.html", "ea kar");
        write_file_atomic(dir_ / "site/xa-ea-kar/404.html", "ea kar 404");
        write_file_atomic(dir_ / "site/xa-ea-kar/thu-tuc/1.001193.html", "khai sinh");
        write_file_atomic(dir_ / "site/xa-ea-kar/assets/style.css", "body{}");
        write_file_atomic(dir_ / "site/.xasite-site", "marker");
        write_file_atomic(dir_ / "secret.txt", "outside");
        fs::create_symlink(dir_ / "secret.txt", dir_ / "site/link-out.txt");
    }
    fs::path site() const { return dir_ / "site"; }
    xasite::testing::TempDir dir_;
};

}  // namespace

TEST_F(StaticFiles, ServesFilesAndDirectoryIndexes) {
    auto r = resolve_static(site(), "/xa-ea-kar/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(read_file(r.file), "ea kar");
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    r = resolve_static(site(), "/xa-ea-kar/thu-tuc/1.001193.html");
    EXPECT_EQ(r.status, 200);
    r = resolve_static(site(), "/xa-ea-kar/assets/style.css");
    EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
    EXPECT_EQ(resolve_static(site(), "/").status, 200);
}

TEST_F(StaticFiles, RedirectsDirectoriesWithoutTrailingSlash) {
    auto r = resolve_static(site(), "/xa-ea-kar");
    EXPECT_EQ(r.status, 301);
    EXPECT_EQ(r.location, "/xa-ea-kar/");
}

TEST_F(StaticFiles, MissingPagesGetTheNearestSites404) {
    auto r = resolve_static(site(), "/xa-ea-kar/khong-co/");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(read_file(r.file), "ea kar 404");
    r = resolve_static(site(), "/khong-co.html");
    EXPECT_EQ(read_file(r.file), "province 404");
}

TEST_F(StaticFiles, HostilePathsNeverLeaveTheSite) {
    for (const char* p :
         {"/../secret.txt", "/xa-ea-kar/../../secret.txt", "/./index.html", "/a\\b"})
        EXPECT_EQ(resolve_static(site(), p).status, 400) << p;
    EXPECT_EQ(resolve_static(site(), std::string("/index.html\0x", 13)).status, 400);
    EXPECT_EQ(resolve_static(site(), "relative").status, 400);
    EXPECT_EQ(resolve_static(site(), std::string(5000, '/')).status, 400);
    EXPECT_EQ(resolve_static(site(), "/.xasite-site").status, 404);  // dotfiles are not served
    EXPECT_EQ(resolve_static(site(), "/link-out.txt").status, 404);  // symlink out of the site
}

TEST_F(StaticFiles, PrivateFilesAtTheRootAnswerLikeAbsentOnes) {
    write_file_atomic(site() / "nginx.conf", "root /srv/site;");
    write_file_atomic(site() / "xa-ea-kar/tai-lieu/nginx.conf", "a document");
    const std::vector<std::string> hidden = {"nginx.conf"};
    auto r = resolve_static(site(), "/nginx.conf", hidden);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.file.filename(), "404.html");
    // Only at the top: a commune's file of the same name is served, and without the list so is
    // the top one.
    EXPECT_EQ(resolve_static(site(), "/xa-ea-kar/tai-lieu/nginx.conf", hidden).status, 200);
    EXPECT_EQ(resolve_static(site(), "/nginx.conf").status, 200);
}
