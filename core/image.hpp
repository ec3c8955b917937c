// Photos for publishing, with libvips: the format a file really is (by its first bytes), its size
// as displayed (EXIF orientation applied), and re-encoded copies at the sizes a page publishes:
// decoded whole (a truncated or damaged file is an error, never a grey half-picture), turned
// upright, converted to sRGB, every piece of metadata dropped (EXIF with GPS, XMP, IPTC, ICC,
// comments), encoded with fixed settings. The same bytes in give the same bytes out.
#pragma once

#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::image {

// Why a file cannot be published as an image, in words for the person who supplied it.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

enum class Format { jpeg, png, webp, gif };

// The format by magic bytes; nullopt when the bytes are none of these.
std::optional<Format> sniff(std::string_view bytes);
// "JPEG", "PNG", "WebP", "GIF".
const char* format_name(Format f);
// The extension a published copy carries: "jpg", "png", "webp"; a GIF is published as PNG.
const char* published_extension(Format f);

struct Size {
    int width = 0, height = 0;
    bool operator==(const Size&) const = default;
};

struct Info {
    Format format;
    Size size;  // as displayed: width and height swapped when EXIF orientation turns it 90°
};

// Refused before decoding: larger pictures are a mistake or a decompression bomb.
inline constexpr long long kMaxPixels = 60'000'000;

// Reads the header only. Throws Error when the bytes are not a JPEG, PNG, WebP or GIF libvips
// can read, or the picture has more than kMaxPixels pixels.
Info probe(std::string_view bytes);

// The sizes published for a picture displayed at `size`: each width of `widths` (ascending)
// smaller than the main copy, then the main copy last, which is the picture itself scaled down to
// fit `max_edge` × `max_edge` when larger. Heights keep the aspect ratio (rounded, at least 1).
std::vector<Size> plan(Size size, std::span<const int> widths, int max_edge);

struct Encoded {
    Size size;
    std::string bytes;
};

// Decodes `bytes` whole, turns it upright, converts it to 8-bit sRGB, and encodes it at each of
// `sizes` (from plan()) in its published format, with no metadata. Throws Error on a truncated or
// damaged file. Thread-safe; libvips is started once, on first use.
std::vector<Encoded> render(std::string_view bytes, const std::vector<Size>& sizes);

// The metadata fields libvips sees in an encoded image ("exif-data", "exif-ifd3-GPSLatitude",
// "icc-profile-data", "xmp-data"…), for tests and checks: what a published copy must not carry.
std::vector<std::string> metadata_fields(std::string_view bytes);

}  // namespace xasite::image
