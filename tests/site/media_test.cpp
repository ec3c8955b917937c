// Images and attachments beside a commune's pages, on a tiny content tree made here (the minimal
// registry, one unit, one procedure): page bundles and the unit's media/ folder; width, height,
// srcset and the resized copies; no EXIF or GPS in anything published; every bad reference an
// InputError naming the page file and line, before anything is written.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/image.hpp"
#include "generator/content/content.hpp"
#include "generator/site/build.hpp"
#include "image_support.hpp"
#include "test_support.hpp"
#include "tiny_content.hpp"

using namespace xasite;
namespace fs = std::filesystem;
using xasite::testing::make_picture;
using xasite::testing::picture_size;
using xasite::testing::with_gps_exif;

namespace {

void write(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

const std::string kPdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

class MediaContent : public ::testing::Test {
  protected:
    void SetUp() override {
        content_ = dir_.path() / "content";
        xasite::testing::make_tiny_content(content_);
    }
    fs::path unit() const { return content_ / "units/24169"; }
    // A news bundle tin-tuc/le-hoi/index.md with `body` after a 4-line front matter (the body
    // starts on line 5).
    void news(const std::string& body, const std::string& slug = "le-hoi") {
        write(unit() / "tin-tuc" / slug / "index.md",
              "---\ntitle: Lễ hội cà phê\ndate: 2025-08-02\n---\n" + body);
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
    // The message of the InputError the load (and so the build) stops with; "" when none.
    std::string load_error() {
        try {
            content::Content::load(content_);
        } catch (const InputError& e) {
            return e.what();
        }
        return "";
    }
    fs::path out(const std::string& rel) const { return dir_.path() / "site/phuong-ea-kao" / rel; }
    std::string page(const std::string& rel) const { return read_file(out(rel)); }
    xasite::testing::TempDir dir_;
    fs::path content_;
};

}  // namespace

TEST_F(MediaContent, ABundleImageGetsSizeSrcsetAndResizedCopies) {
    write(unit() / "tin-tuc/le-hoi/anh-1.jpg", make_picture(2000, 1500));
    news("Khai mạc.\n\n![Lễ khai mạc lễ hội](anh-1.jpg)\n");
    site::BuildSummary s = build();
    const std::string html = page("tin-tuc/le-hoi/index.html");
    EXPECT_TRUE(has(html, "src=\"anh-1-960w.jpg\"")) << html;
    EXPECT_TRUE(has(html,
                    "srcset=\"anh-1-480w.jpg 480w, anh-1-960w.jpg 960w, anh-1-1600w.jpg "
                    "1600w, anh-1.jpg 2000w\""));
    EXPECT_TRUE(has(html, "width=\"2000\" height=\"1500\""));
    EXPECT_TRUE(has(html, "alt=\"Lễ khai mạc lễ hội\""));
    EXPECT_TRUE(has(html, "loading=\"lazy\""));
    EXPECT_TRUE(has(html, "sizes=\""));
    for (auto [name, w, h] :
         {std::tuple{"anh-1-480w.jpg", 480, 360}, std::tuple{"anh-1-960w.jpg", 960, 720},
          std::tuple{"anh-1-1600w.jpg", 1600, 1200}, std::tuple{"anh-1.jpg", 2000, 1500}}) {
        ASSERT_TRUE(fs::exists(out(std::string("tin-tuc/le-hoi/") + name))) << name;
        EXPECT_EQ(picture_size(page(std::string("tin-tuc/le-hoi/") + name)), std::pair(w, h))
            << name;
    }
    // The bundle's folder gave the section and the slug.
    EXPECT_TRUE(has(page("tin-tuc/index.html"), "le-hoi/"));
    EXPECT_TRUE(std::none_of(s.warnings.begin(), s.warnings.end(),
                             [](const std::string& w) { return has(w, "alt text"); }));
}

TEST_F(MediaContent, NoPublishedPictureCarriesExifOrGps) {
    // A phone photo: GPS position and orientation 6 (stored 1800×1200, shown 1200×1800).
    const std::string phone = with_gps_exif(make_picture(1800, 1200), 6);
    ASSERT_FALSE(image::metadata_fields(phone).empty());
    write(unit() / "tin-tuc/le-hoi/dien-thoai.jpg", phone);
    news("[Ảnh gốc](dien-thoai.jpg)\n\n![Người dân tham gia](dien-thoai.jpg)\n");
    build();
    int pictures = 0;
    for (const auto& e : fs::directory_iterator(out("tin-tuc/le-hoi"))) {
        if (e.path().extension() != ".jpg") continue;
        ++pictures;
        const std::string bytes = read_file(e.path());
        EXPECT_NE(bytes, phone) << "the original bytes were published";
        EXPECT_EQ(image::metadata_fields(bytes), std::vector<std::string>{}) << e.path();
        EXPECT_EQ(bytes.find("Exif"), std::string::npos) << e.path();
    }
    EXPECT_EQ(pictures, 3);  // 480, 960 and the main copy (1200 wide)
    EXPECT_EQ(picture_size(page("tin-tuc/le-hoi/dien-thoai.jpg")), std::pair(1200, 1800));
    // The link to the picture points at the clean main copy.
    EXPECT_TRUE(has(page("tin-tuc/le-hoi/index.html"), "href=\"dien-thoai.jpg\""));
}

TEST_F(MediaContent, AnAttachmentIsCopiedAndLinked) {
    write(unit() / "tin-tuc/le-hoi/Kế hoạch tổ chức.pdf", kPdf);
    news(
        "Xem [kế hoạch](<Kế hoạch tổ chức.pdf>) và [trang "
        "2](Ke%CC%82%CC%81%20hoa%CC%A3ch%20t%E1%BB%95"
        "%20ch%E1%BB%A9c.pdf#page=2).\n");
    build();
    const std::string html = page("tin-tuc/le-hoi/index.html");
    EXPECT_TRUE(has(html, "href=\"ke-hoach-to-chuc.pdf\"")) << html;
    EXPECT_TRUE(has(html, "href=\"ke-hoach-to-chuc.pdf#page=2\"")) << html;
    EXPECT_EQ(page("tin-tuc/le-hoi/ke-hoach-to-chuc.pdf"), kPdf);
}

TEST_F(MediaContent, TheUnitsMediaFolderServesEveryPage) {
    write(unit() / "media/logo-xa.png", make_picture(300, 200, ".png"));
    write(unit() / "gioi-thieu.md",
          "---\ntitle: Lịch sử phường\nsection: gioi-thieu\n---\n![Biểu trưng](logo-xa.png)\n");
    write(unit() / "huong-dan.md",
          "---\ntitle: Hướng dẫn\n---\n![Biểu trưng của phường](media/logo-xa.png)\n");
    build();
    // A standalone page: the copy beside it.
    EXPECT_TRUE(has(page("huong-dan/index.html"), "src=\"logo-xa.png\""));
    EXPECT_TRUE(fs::exists(out("huong-dan/logo-xa.png")));
    // A part of the introduction: shown on gioi-thieu/, its files in a folder of its own.
    EXPECT_TRUE(has(page("gioi-thieu/index.html"), "src=\"gioi-thieu/logo-xa.png\""));
    EXPECT_TRUE(fs::exists(out("gioi-thieu/gioi-thieu/logo-xa.png")));
    EXPECT_EQ(picture_size(page("huong-dan/logo-xa.png")), std::pair(300, 200));
}

TEST_F(MediaContent, AMissingImageNamesThePageFileAndLine) {
    news("Dòng một.\n\nDòng ba ![Lễ hội](khong-co.jpg)\n");
    const std::string e = load_error();
    EXPECT_TRUE(has(e, "tin-tuc/le-hoi/index.md:7")) << e;
    EXPECT_TRUE(has(e, "khong-co.jpg")) << e;
    EXPECT_TRUE(has(e, "missing")) << e;
    EXPECT_THROW(build(), InputError);
    EXPECT_FALSE(fs::exists(dir_.path() / "site")) << "nothing is written";
}

TEST_F(MediaContent, AMissingAttachmentNamesThePageFileAndLine) {
    write(unit() / "thong-bao.md", "---\ntitle: Thông báo\n---\n[Tải về](thong-bao.docx)\n");
    EXPECT_TRUE(has(load_error(), "thong-bao.md:4")) << load_error();
}

TEST_F(MediaContent, PathsOutOfTheUnitsFolderAreRefused) {
    write(unit() / "a.md", "---\ntitle: A\n---\n![x](../../site.json)\n");
    EXPECT_TRUE(has(load_error(), "a.md:4")) << load_error();
    EXPECT_TRUE(has(load_error(), "outside")) << load_error();
    write(unit() / "a.md", "---\ntitle: A\n---\n![x](/etc/hostname)\n");
    EXPECT_TRUE(has(load_error(), "absolute path")) << load_error();
    write(unit() / "a.md", "---\ntitle: A\n---\n[x](C:\\Users\\A\\anh.pdf)\n");
    EXPECT_TRUE(has(load_error(), "a path on a computer")) << load_error();
    write(unit() / "a.md", "---\ntitle: A\n---\n[x](media/../../24352/x.pdf)\n");
    EXPECT_TRUE(has(load_error(), "outside")) << load_error();
    // Links to pages and other sites are not files.
    write(unit() / "a.md",
          "---\ntitle: A\n---\n[Liên hệ](../lien-he/) [Cổng](https://dichvucong.gov.vn/a.pdf) "
          "[Đầu](#dau) [Thư](mailto:a@b.vn)\n");
    EXPECT_EQ(load_error(), "");
}

TEST_F(MediaContent, AttachmentsAreCheckedByContent) {
    write(unit() / "tin-tuc/le-hoi/ke-hoach.pdf", "MZ\x90\x00\x03 this is a program");
    news("[Tải về](ke-hoach.pdf)\n");
    std::string e = load_error();
    EXPECT_TRUE(has(e, "index.md:5")) << e;
    EXPECT_TRUE(has(e, "not a PDF")) << e;
    EXPECT_TRUE(has(e, "Windows program")) << e;
    // A type that is never published.
    write(unit() / "tin-tuc/le-hoi/cai-dat.exe", "MZ");
    news("[Tải về](cai-dat.exe)\n");
    EXPECT_TRUE(has(load_error(), ".exe files are not published")) << load_error();
    // A PDF shown as an image.
    write(unit() / "tin-tuc/le-hoi/ke-hoach.pdf", kPdf);
    news("![Kế hoạch](ke-hoach.pdf)\n");
    EXPECT_TRUE(has(load_error(), "is not a picture: it is a PDF")) << load_error();
}

TEST_F(MediaContent, AnAttachmentOverTheLimitIsRefused) {
    write(unit() / "tin-tuc/le-hoi/lon.pdf", kPdf + std::string(21u << 20, ' '));
    news("[Tải về](lon.pdf)\n");
    EXPECT_TRUE(has(load_error(), "at most 20 MB")) << load_error();
}

TEST_F(MediaContent, ATruncatedJpegStopsTheBuildWithItsPageAndLine) {
    const std::string whole = make_picture(1600, 1200);
    write(unit() / "tin-tuc/le-hoi/hong.jpg", whole.substr(0, whole.size() / 2));
    news("![Ảnh hỏng](hong.jpg)\n");
    try {
        build();
        FAIL() << "a truncated JPEG was published";
    } catch (const InputError& e) {
        EXPECT_TRUE(has(e.what(), "index.md:5")) << e.what();
        EXPECT_TRUE(has(e.what(), "truncated or damaged")) << e.what();
    }
    EXPECT_FALSE(fs::exists(dir_.path() / "site")) << "a failed build publishes nothing";
}

TEST_F(MediaContent, AnImageWithoutAltTextIsAWarning) {
    write(unit() / "tin-tuc/le-hoi/anh.png", make_picture(100, 80, ".png"));
    write(unit() / "tin-tuc/le-hoi/thua.jpg", make_picture(10, 10));
    news("![](anh.png)\n");
    site::BuildSummary s = build();
    auto said = [&](const std::string& what) {
        return std::any_of(s.warnings.begin(), s.warnings.end(),
                           [&](const std::string& w) { return has(w, what); });
    };
    EXPECT_TRUE(said("index.md:5: the image anh.png has no alt text"));
    EXPECT_TRUE(said("thua.jpg: not referred to by index.md; not published"));
    EXPECT_FALSE(fs::exists(out("tin-tuc/le-hoi/thua.jpg")));
}

TEST_F(MediaContent, ABundleInASectionFolderMustNotClaimAnotherSection) {
    write(unit() / "tin-tuc/le-hoi/index.md",
          "---\ntitle: Lễ hội\nsection: lich-cong-tac\n---\nx\n");
    EXPECT_TRUE(has(load_error(), "index.md:3: the page is in the folder tin-tuc/"))
        << load_error();
}

TEST_F(MediaContent, TheSameContentGivesTheSameBytes) {
    write(unit() / "tin-tuc/le-hoi/anh.jpg", with_gps_exif(make_picture(1700, 1000)));
    write(unit() / "tin-tuc/le-hoi/so-do.png", make_picture(1000, 900, ".png"));
    news("![Ảnh](anh.jpg)\n\n![Sơ đồ](so-do.png)\n");
    build();
    std::map<std::string, std::string> first;
    for (const auto& e : fs::directory_iterator(out("tin-tuc/le-hoi")))
        first[e.path().filename().string()] = read_file(e.path());
    fs::remove_all(dir_.path() / "site");
    build();
    std::map<std::string, std::string> second;
    for (const auto& e : fs::directory_iterator(out("tin-tuc/le-hoi")))
        second[e.path().filename().string()] = read_file(e.path());
    EXPECT_EQ(first.size(),
              8u);  // the page, anh.jpg at 480, 960, 1600, 1700, so-do.png at 480, 960, 1000
    EXPECT_TRUE(first == second);
}
