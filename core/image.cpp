#include "core/image.hpp"

#include <vips/vips8>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>

namespace xasite::image {

using vips::VImage;

namespace {

// libvips is started once per process and never shut down (it owns thread pools and caches until
// exit). The operation cache is off: pictures are decoded from memory buffers, and a cached
// result keyed on a buffer's address could be handed back for another picture.
void start_vips() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("xasite") != 0) {
            std::string why = vips_error_buffer();
            vips_error_clear();
            throw Error("cannot start libvips: " + why);
        }
        vips_cache_set_max(0);
        // libvips logs what it also reports as an error ("error in tile 0 x 264"); the build says
        // it once, with the page and line, so its own warnings are not printed.
        g_log_set_handler(
            "VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE),
            [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
    });
}

// The first line of a libvips message, without its "vipsload: " style prefixes kept short.
std::string reason(const vips::VError& e) {
    std::string s = e.what();
    if (auto nl = s.find('\n'); nl != std::string::npos) s.erase(nl);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r'))
        s.pop_back();
    return s.empty() ? "libvips could not read it" : s;
}

struct GFree {
    void operator()(void* p) const { g_free(p); }
};

// The header of `bytes`, not decoded. `fail_on` makes the decoder stop at a truncated or damaged
// file instead of filling the rest with grey.
VImage open(std::string_view bytes) {
    return VImage::new_from_buffer(
        bytes.data(), bytes.size(), "",
        VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR)->set("access", VIPS_ACCESS_RANDOM));
}

Size displayed(const VImage& img) {
    int orientation = 1;
    if (img.get_typeof(VIPS_META_ORIENTATION) != 0)
        orientation = img.get_int(VIPS_META_ORIENTATION);
    // 5–8 are the orientations that turn the picture a quarter.
    if (orientation >= 5 && orientation <= 8) return {img.height(), img.width()};
    return {img.width(), img.height()};
}

std::string encode(const VImage& img, Format f) {
    void* raw = nullptr;
    std::size_t len = 0;
    switch (f) {
        case Format::jpeg:
            img.write_to_buffer(".jpg", &raw, &len,
                                VImage::option()
                                    ->set("Q", 82)
                                    ->set("strip", true)
                                    ->set("optimize_coding", true)
                                    ->set("interlace", false));
            break;
        case Format::webp:
            img.write_to_buffer(".webp", &raw, &len,
                                VImage::option()->set("Q", 80)->set("strip", true));
            break;
        case Format::png:
        case Format::gif:
            img.write_to_buffer(".png", &raw, &len,
                                VImage::option()
                                    ->set("strip", true)
                                    ->set("compression", 6)
                                    ->set("interlace", false));
            break;
    }
    std::unique_ptr<void, GFree> owned(raw);
    return std::string(static_cast<const char*>(raw), len);
}

}  // namespace

std::optional<Format> sniff(std::string_view b) {
    auto starts = [&](std::string_view magic, std::size_t at = 0) {
        return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
    };
    if (starts("\xFF\xD8\xFF")) return Format::jpeg;
    if (starts("\x89PNG\r\n\x1A\n")) return Format::png;
    if (starts("RIFF") && starts("WEBP", 8)) return Format::webp;
    if (starts("GIF87a") || starts("GIF89a")) return Format::gif;
    return std::nullopt;
}

const char* format_name(Format f) {
    switch (f) {
        case Format::jpeg:
            return "JPEG";
        case Format::png:
            return "PNG";
        case Format::webp:
            return "WebP";
        case Format::gif:
            return "GIF";
    }
    return "?";
}

const char* published_extension(Format f) {
    switch (f) {
        case Format::jpeg:
            return "jpg";
        case Format::webp:
            return "webp";
        case Format::png:
        case Format::gif:
            return "png";
    }
    return "?";
}

Info probe(std::string_view bytes) {
    std::optional<Format> f = sniff(bytes);
    if (!f) throw Error("not a JPEG, PNG, WebP or GIF picture (by its first bytes)");
    start_vips();
    Size size;
    try {
        size = displayed(open(bytes));
    } catch (const vips::VError& e) {
        throw Error(std::string("the ") + format_name(*f) + " cannot be read: " + reason(e));
    }
    if (static_cast<long long>(size.width) * size.height > kMaxPixels)
        throw Error(std::to_string(size.width) + "×" + std::to_string(size.height) +
                    " pixels is more than the " + std::to_string(kMaxPixels / 1'000'000) +
                    " megapixels a published picture may have; scale it down first");
    return Info{*f, size};
}

std::vector<Size> plan(Size size, std::span<const int> widths, int max_edge) {
    auto scaled = [&](int w) {
        double h = std::round(static_cast<double>(size.height) * w / size.width);
        return Size{w, std::max(1, static_cast<int>(h))};
    };
    Size main = size;
    if (main.width > max_edge || main.height > max_edge) {
        if (size.width >= size.height) {
            main = scaled(max_edge);
        } else {
            double w = std::round(static_cast<double>(size.width) * max_edge / size.height);
            main = Size{std::max(1, static_cast<int>(w)), max_edge};
        }
    }
    std::vector<Size> out;
    for (int w : widths)
        if (w < main.width) out.push_back(scaled(w));
    out.push_back(main);
    return out;
}

std::vector<Encoded> render(std::string_view bytes, const std::vector<Size>& sizes) {
    const Info info = probe(bytes);
    std::vector<Encoded> out;
    try {
        VImage img = open(bytes).autorot();
        if (img.get_typeof(VIPS_META_ICC_NAME) != 0) {
            // Colours as the camera meant them, in sRGB; the profile itself is not published.
            try {
                img = img.icc_transform("srgb", VImage::option()->set("embedded", true));
            } catch (const vips::VError&) {
                vips_error_clear();  // a broken profile: convert without it below
            }
        }
        const VipsInterpretation in = img.interpretation();
        if (in == VIPS_INTERPRETATION_B_W || in == VIPS_INTERPRETATION_GREY16) {
            if (in == VIPS_INTERPRETATION_GREY16) img = img.colourspace(VIPS_INTERPRETATION_B_W);
        } else if (in != VIPS_INTERPRETATION_sRGB) {
            img = img.colourspace(VIPS_INTERPRETATION_sRGB);
        }
        if (img.format() != VIPS_FORMAT_UCHAR) img = img.cast(VIPS_FORMAT_UCHAR);
        // Decoded whole, once: a truncated file fails here, and every size is made from memory.
        img = img.copy_memory();
        // Largest first, each smaller copy made from the one before it (in memory): resizing a
        // 12-megapixel photo once instead of once per size.
        std::vector<std::size_t> order(sizes.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return sizes[a].width > sizes[b].width;
        });
        out.resize(sizes.size());
        VImage from = img;
        for (std::size_t i : order) {
            const Size& s = sizes[i];
            VImage sized = from;
            if (s.width != from.width() || s.height != from.height())
                sized = from.resize(static_cast<double>(s.width) / from.width(),
                                    VImage::option()->set(
                                        "vscale", static_cast<double>(s.height) / from.height()))
                            .copy_memory();
            out[i] = Encoded{Size{sized.width(), sized.height()}, encode(sized, info.format)};
            from = sized;
        }
    } catch (const vips::VError& e) {
        throw Error(std::string("the ") + format_name(info.format) +
                    " is truncated or damaged: " + reason(e));
    }
    return out;
}

std::vector<std::string> metadata_fields(std::string_view bytes) {
    start_vips();
    std::vector<std::string> out;
    try {
        VImage img = open(bytes);
        std::unique_ptr<gchar*, void (*)(gchar**)> fields(vips_image_get_fields(img.get_image()),
                                                          g_strfreev);
        for (gchar** f = fields.get(); f && *f; ++f) {
            std::string_view name = *f;
            if (name.starts_with("exif-") || name.starts_with("xmp-") ||
                name.starts_with("iptc-") || name.starts_with("icc-") ||
                name == VIPS_META_ORIENTATION || name.find("comment") != std::string_view::npos)
                out.emplace_back(name);
        }
    } catch (const vips::VError& e) {
        throw Error("cannot read the picture's metadata: " + reason(e));
    }
    return out;
}

}  // namespace xasite::image
