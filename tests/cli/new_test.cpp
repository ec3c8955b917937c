// `xasite new`: a file from an archetype, on a tiny content tree made here. The file written must
// load with Content::load and, once its draft line is removed, appear in a build.
#include <gtest/gtest.h>

#include <regex>

#include "core/error.hpp"
#include "core/files.hpp"
#include "generator/authoring/scaffold.hpp"
#include "generator/content/content.hpp"
#include "generator/site/build.hpp"
#include "tiny_content.hpp"

using namespace xasite;
using xasite::testing::contains;
namespace fs = std::filesystem;

namespace {

class NewContent : public ::testing::Test {
  protected:
    void SetUp() override {
        content_ = dir_.path() / "content";
        xasite::testing::make_tiny_content(content_);
    }
    authoring::NewResult make(const std::string& kind, const std::string& title,
                              const std::string& unit = "24169") {
        authoring::NewOptions o;
        o.kind = kind;
        o.unit = unit;
        o.content_dir = content_;
        o.title = title;
        o.today = "2026-12-06";
        return authoring::create_content(o);
    }
    site::BuildSummary build() {
        site::BuildOptions o;
        o.content_dir = content_;
        o.out_dir = dir_.path() / "site";
        o.units = {"24169"};
        o.quiet = true;
        o.background_cleanup = false;
        o.search_index = false;
        return site::build_site(o);
    }
    std::string built(const std::string& rel) { return read_file(dir_.path() / "site" / rel); }
    // Removes the `draft: true` line (what staff do to publish).
    void publish(const fs::path& file) {
        std::string t = read_file(file);
        t = std::regex_replace(t, std::regex("\ndraft: true\n"), "\n");
        xasite::testing::write_text(file, t);
    }
    std::string error_of(const std::function<void()>& f) {
        try {
            f();
        } catch (const InputError& e) {
            return e.what();
        }
        return "";
    }
    xasite::testing::TempDir dir_;
    fs::path content_;
};

}  // namespace

TEST_F(NewContent, NewsItemIsADraftThatLoadsAndThenPublishes) {
    auto r = make("tin-tuc", "Họp dân: khu phố 3 \"Ea Kao\"");
    EXPECT_EQ(r.path, fs::canonical(content_) / "units/24169/hop-dan-khu-pho-3-ea-kao.md");
    const std::string text = read_file(r.path);
    EXPECT_TRUE(contains(text, "title: \"Họp dân: khu phố 3 \\\"Ea Kao\\\"\"\n")) << text;
    EXPECT_TRUE(contains(text, "section: tin-tuc\n"));
    EXPECT_TRUE(contains(text, "date: 2026-12-06\n"));
    EXPECT_TRUE(contains(text, "draft: true\n"));
    EXPECT_TRUE(contains(text, "author: \"UBND phường Ea Kao\"\n")) << text;
    ASSERT_FALSE(r.notes.empty());
    EXPECT_TRUE(contains(r.notes[0], "Bản nháp"));

    // A draft loads and is not published.
    auto c = content::Content::load(content_);
    EXPECT_TRUE(c.unit_pages["24169"].empty());

    publish(r.path);
    c = content::Content::load(content_);
    ASSERT_EQ(c.unit_pages["24169"].size(), 1u);
    const content::Page& p = c.unit_pages["24169"][0];
    EXPECT_EQ(p.title, "Họp dân: khu phố 3 \"Ea Kao\"");
    EXPECT_EQ(p.section, "tin-tuc");
    EXPECT_EQ(p.date, "2026-12-06");
    build();
    EXPECT_TRUE(contains(built("phuong-ea-kao/tin-tuc/index.html"), "hop-dan-khu-pho-3-ea-kao/"));
    EXPECT_TRUE(contains(built("phuong-ea-kao/tin-tuc/hop-dan-khu-pho-3-ea-kao/index.html"),
                         "Viết đoạn mở đầu ở đây"));
}

TEST_F(NewContent, ScheduleAndPageGoToTheirSections) {
    auto s = make("lich-cong-tac", "Lịch công tác tuần 50");
    auto p = make("trang", "Đường dây nóng");
    EXPECT_TRUE(contains(read_file(s.path), "section: lich-cong-tac\n"));
    EXPECT_TRUE(contains(read_file(s.path), "Lịch công tác của lãnh đạo Phường Ea Kao."));
    EXPECT_TRUE(contains(read_file(p.path), "section: trang\n"));
    publish(s.path);
    publish(p.path);
    build();
    const std::string week = built("phuong-ea-kao/lich-cong-tac/lich-cong-tac-tuan-50/index.html");
    EXPECT_TRUE(contains(week, "<table>")) << "the schedule's table";
    EXPECT_TRUE(contains(week, "Giao ban"));
    EXPECT_TRUE(contains(built("phuong-ea-kao/duong-day-nong/index.html"), "Đường dây nóng"));
}

TEST_F(NewContent, DocumentHasNoDraftKeyAndIsPublishedByTheNextBuild) {
    auto r = make("van-ban", "Tổ chức Ngày hội chuyển đổi số năm 2026");
    EXPECT_EQ(r.path,
              fs::canonical(content_) / "directives/to-chuc-ngay-hoi-chuyen-doi-so-nam-2026.md");
    const std::string text = read_file(r.path);
    EXPECT_FALSE(contains(text, "\ndraft:")) << "draft: would mean a draft document (Dự thảo)";
    EXPECT_TRUE(contains(text, "issuer: \"ỦY BAN NHÂN DÂN PHƯỜNG EA KAO\"")) << text;
    ASSERT_FALSE(r.notes.empty());
    EXPECT_TRUE(contains(r.notes[0], "lần dựng trang kế tiếp")) << r.notes[0];
    auto c = content::Content::load(content_);
    bool found = false;
    for (const auto& d : c.documents)
        found = found || d.source.filename() == r.path.filename();
    EXPECT_TRUE(found);
    build();
    EXPECT_TRUE(
        contains(built("phuong-ea-kao/van-ban/to-chuc-ngay-hoi-chuyen-doi-so-nam-2026/index.html"),
                 "Tổ chức Ngày hội chuyển đổi số năm 2026"));
}

TEST_F(NewContent, RefusesUnknownUnitExistingFileAndUnknownKind) {
    std::string m = error_of([&] { make("tin-tuc", "Tin", "99999"); });
    EXPECT_TRUE(contains(m, "không có đơn vị mã '99999'")) << m;
    EXPECT_TRUE(contains(m, "daklak-units.json")) << m;
    EXPECT_FALSE(fs::exists(content_ / "units/99999"));

    auto first = make("tin-tuc", "Tin mới");
    xasite::testing::write_text(first.path, "---\ntitle: đã sửa\n---\n");
    m = error_of([&] { make("trang", "Tin mới"); });
    EXPECT_TRUE(contains(m, first.path.string())) << m;
    EXPECT_TRUE(contains(m, "không ghi đè")) << m;
    EXPECT_EQ(read_file(first.path), "---\ntitle: đã sửa\n---\n") << "never overwritten";

    m = error_of([&] { make("blog", "Tin"); });
    EXPECT_TRUE(contains(m, "loại 'blog'")) << m;
    m = error_of([&] { make("tin-tuc", "!!!"); });
    EXPECT_TRUE(contains(m, "không có chữ hay số")) << m;
}

TEST_F(NewContent, RefusesAUnitFolderThatLeadsOutOfTheTree) {
    fs::create_directories(dir_.path() / "outside");
    fs::create_directories(content_ / "units");
    fs::create_directory_symlink(dir_.path() / "outside", content_ / "units/24169");
    std::string m = error_of([&] { make("tin-tuc", "Tin"); });
    EXPECT_TRUE(contains(m, "ngoài thư mục nội dung")) << m;
    EXPECT_TRUE(fs::is_empty(dir_.path() / "outside"));
}

TEST_F(NewContent, ArchetypeOfTheContentTreeReplacesTheDefault) {
    xasite::testing::write_text(content_ / "archetypes/tin-tuc.md",
                                "---\ntitle: \"{{title}}\"\nsection: tin-tuc\ndate: {{date}}\n"
                                "draft: true\n---\nMẫu riêng của {{unit_name}}. {{khác}}\n");
    auto r = make("tin-tuc", "Tin");
    EXPECT_TRUE(contains(r.archetype, "archetypes/tin-tuc.md"));
    EXPECT_TRUE(contains(read_file(r.path), "Mẫu riêng của Phường Ea Kao. {{khác}}"));
}
