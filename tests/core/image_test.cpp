// core/image.hpp on pictures made here: formats by content, sizes planned, EXIF and GPS gone from
// every copy, the picture turned upright, the same bytes out for the same bytes in, and a clear
// error (not a crash, not a grey half-picture) for a truncated or damaged file.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/image.hpp"
#include "image_support.hpp"

using namespace xasite;
using xasite::testing::make_picture;
using xasite::testing::picture_size;
using xasite::testing::with_gps_exif;

namespace {

bool has_field(const std::vector<std::string>& fields, std::string_view prefix) {
    return std::any_of(fields.begin(), fields.end(),
                       [&](const std::string& f) { return f.starts_with(prefix); });
}

constexpr int kWidths[] = {480, 960, 1600};

}  // namespace

TEST(Image, SniffsByContentNotName) {
    EXPECT_EQ(image::sniff(make_picture(8, 8, ".jpg")), image::Format::jpeg);
    EXPECT_EQ(image::sniff(make_picture(8, 8, ".png")), image::Format::png);
    EXPECT_EQ(image::sniff(make_picture(8, 8, ".webp")), image::Format::webp);
    EXPECT_EQ(image::sniff("%PDF-1.4\n"), std::nullopt);
    EXPECT_EQ(image::sniff(""), std::nullopt);
    EXPECT_THROW(image::probe("MZ\x90\x00 not a picture"), image::Error);
}

TEST(Image, PlansVariantsSmallerThanTheMainCopy) {
    auto p = image::plan({4000, 3000}, kWidths, 2400);
    ASSERT_EQ(p.size(), 4u);
    EXPECT_EQ(p[0], (image::Size{480, 360}));
    EXPECT_EQ(p[1], (image::Size{960, 720}));
    EXPECT_EQ(p[2], (image::Size{1600, 1200}));
    EXPECT_EQ(p[3], (image::Size{2400, 1800}));
    // Portrait: the long side is capped; variants are by width.
    p = image::plan({3000, 4000}, kWidths, 2400);
    EXPECT_EQ(p.back(), (image::Size{1800, 2400}));
    EXPECT_EQ(p.size(), 4u);
    // Small pictures are published as they are, with no variants.
    p = image::plan({300, 200}, kWidths, 2400);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0], (image::Size{300, 200}));
    p = image::plan({960, 10}, kWidths, 2400);  // 960 is not smaller than itself
    EXPECT_EQ(p.size(), 2u);
}

TEST(Image, GpsExifIsGoneAndThePictureIsUpright) {
    // 1200×600 stored, orientation 6 (turn 90° clockwise): displayed 600×1200.
    const std::string phone = with_gps_exif(make_picture(1200, 600), 6);
    const auto before = image::metadata_fields(phone);
    ASSERT_TRUE(has_field(before, "exif-ifd3-GPSLatitude")) << "the test picture has no GPS";
    ASSERT_TRUE(has_field(before, "exif-data"));
    const image::Info info = image::probe(phone);
    EXPECT_EQ(info.size, (image::Size{600, 1200}));
    const auto sizes = image::plan(info.size, kWidths, 2400);
    const auto out = image::render(phone, sizes);
    ASSERT_EQ(out.size(), sizes.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        EXPECT_EQ(out[i].size, sizes[i]);
        auto [w, h] = picture_size(out[i].bytes);
        EXPECT_EQ(w, sizes[i].width);
        EXPECT_EQ(h, sizes[i].height);
        EXPECT_EQ(image::metadata_fields(out[i].bytes), std::vector<std::string>{})
            << "copy " << i << " still carries metadata";
        EXPECT_EQ(out[i].bytes.find("Exif"), std::string::npos);
    }
}

TEST(Image, SameBytesInSameBytesOut) {
    for (const char* suffix : {".jpg", ".png", ".webp"}) {
        const std::string in = make_picture(1000, 700, suffix);
        const auto sizes = image::plan(image::probe(in).size, kWidths, 2400);
        const auto a = image::render(in, sizes);
        const auto b = image::render(in, sizes);
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            EXPECT_EQ(a[i].bytes, b[i].bytes) << suffix << " copy " << i;
    }
}

TEST(Image, ATruncatedJpegIsAClearErrorNotACrash) {
    const std::string whole = make_picture(800, 600);
    const std::string cut = whole.substr(0, whole.size() / 2);
    const auto sizes = image::plan(image::probe(cut).size, kWidths, 2400);  // the header is there
    try {
        image::render(cut, sizes);
        FAIL() << "a truncated JPEG was rendered";
    } catch (const image::Error& e) {
        EXPECT_NE(std::string(e.what()).find("truncated or damaged"), std::string::npos)
            << e.what();
    }
    // Only the first bytes: the header itself is unreadable.
    EXPECT_THROW(image::probe(whole.substr(0, 40)), image::Error);
}

TEST(Image, PngAndWebpKeepTheirFormat) {
    for (const char* suffix : {".png", ".webp"}) {
        const std::string in = make_picture(600, 400, suffix);
        const auto out = image::render(in, {{480, 320}, {600, 400}});
        ASSERT_EQ(out.size(), 2u);
        EXPECT_EQ(image::sniff(out[0].bytes), image::sniff(in));
    }
}
