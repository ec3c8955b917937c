// Pictures made in the tests with libvips: a gradient photo in any format, and the EXIF block a
// phone writes (orientation and a GPS position), spliced into a JPEG byte by byte.
#pragma once

#include <vips/vips8>

#include <cstdint>
#include <mutex>
#include <string>

namespace xasite::testing {

inline void start_vips_for_tests() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("xasite-tests") != 0) throw std::runtime_error("cannot start libvips");
        vips_cache_set_max(0);  // buffers are reused: never hand back a cached decode
    });
}

// A w×h sRGB gradient (every pixel differs from its neighbours) encoded as ".jpg", ".png", ….
inline std::string make_picture(int w, int h, const char* suffix = ".jpg") {
    start_vips_for_tests();
    vips::VImage xy = vips::VImage::xyz(w, h);
    vips::VImage r = (xy[0] * (255.0 / w)).cast(VIPS_FORMAT_UCHAR);
    vips::VImage g = (xy[1] * (255.0 / h)).cast(VIPS_FORMAT_UCHAR);
    vips::VImage b = ((xy[0] + xy[1]) * (127.0 / (w + h))).cast(VIPS_FORMAT_UCHAR);
    vips::VImage rgb = r.bandjoin(g).bandjoin(b).copy(
        vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    void* buf = nullptr;
    std::size_t len = 0;
    rgb.write_to_buffer(suffix, &buf, &len);
    std::string out(static_cast<const char*>(buf), len);
    g_free(buf);
    return out;
}

// `jpeg` with an APP1 Exif segment after SOI: IFD0 with Orientation `orientation` and a GPS IFD
// (GPSVersionID 2.3, latitude 12°40'N, longitude 108°3'E — Buôn Ma Thuột).
inline std::string with_gps_exif(const std::string& jpeg, int orientation = 1) {
    std::string t = "II*";
    t += '\0';
    auto u16 = [&](std::uint16_t v) {
        t += static_cast<char>(v & 0xFF);
        t += static_cast<char>(v >> 8);
    };
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            t += static_cast<char>((v >> (8 * i)) & 0xFF);
    };
    auto entry = [&](std::uint16_t tag, std::uint16_t type, std::uint32_t count,
                     std::uint32_t value) {
        u16(tag);
        u16(type);
        u32(count);
        u32(value);
    };
    u32(8);  // IFD0 at 8
    // IFD0: 2 entries (8 + 2 + 24 + 4 = 38: the GPS IFD), then the GPS IFD: 5 entries
    // (38 + 2 + 60 + 4 = 104: the rationals).
    u16(2);
    entry(0x0112, 3, 1, static_cast<std::uint32_t>(orientation));  // Orientation, SHORT
    entry(0x8825, 4, 1, 38);                                       // GPSInfo IFD, LONG
    u32(0);
    u16(5);
    entry(0x0000, 1, 4, 0x00000302);  // GPSVersionID 2.3.0.0, BYTE ×4 (inline)
    entry(0x0001, 2, 2, 'N');         // GPSLatitudeRef "N\0", ASCII (inline)
    entry(0x0002, 5, 3, 104);         // GPSLatitude, RATIONAL ×3
    entry(0x0003, 2, 2, 'E');         // GPSLongitudeRef "E\0"
    entry(0x0004, 5, 3, 128);         // GPSLongitude, RATIONAL ×3
    u32(0);
    for (std::uint32_t v : {12u, 1u, 40u, 1u, 0u, 1u, 108u, 1u, 3u, 1u, 0u, 1u})
        u32(v);
    std::string payload = std::string("Exif\0\0", 6) + t;
    std::string app1 = "\xFF\xE1";
    const std::size_t len = payload.size() + 2;
    app1 += static_cast<char>(len >> 8);
    app1 += static_cast<char>(len & 0xFF);
    app1 += payload;
    return jpeg.substr(0, 2) + app1 + jpeg.substr(2);
}

// The width and height of an encoded picture, as libvips reads it.
inline std::pair<int, int> picture_size(const std::string& bytes) {
    start_vips_for_tests();
    vips::VImage img = vips::VImage::new_from_buffer(bytes.data(), bytes.size(), "");
    return {img.width(), img.height()};
}

}  // namespace xasite::testing
