// QR codes through libqrencode (library xasite_core_qr, so that only the binaries that draw QR
// codes link libqrencode): the module matrix and an inline SVG of it, for the printable notices
// that link to a page.
//
// The text is encoded as it is, in 8-bit mode (a URL, UTF-8), at error correction level M (15% of
// the symbol may be lost), in the smallest version that holds it: 21×21 modules for up to 14 bytes,
// 4 modules more each side per version, 177×177 (version 40) for at most 2,331 bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xasite::qr {

struct SvgOptions {
    int module_px = 4;   // CSS pixels a module (width and height); at least 1
    int quiet_zone = 4;  // light modules around the symbol (the standard asks for 4); at least 0
    std::string label;   // the accessible name (<title> and aria-label); "" names it by the text
};

// The QR code of `text` as a standalone inline <svg> element: role="img", aria-label and <title>
// (the label, XML-escaped), viewBox in module units (the quiet zone included), width and height
// (modules × module_px), a white background rect, the dark modules as one <path> of merged
// horizontal runs ("M4 4h7v1h-7z…"), shape-rendering="crispEdges".
// Throws InputError when the text is empty, is not valid UTF-8, is longer than a QR code holds, or
// libqrencode fails; std::invalid_argument when module_px < 1 or quiet_zone < 0.
std::string svg(std::string_view text, const SvgOptions& options = {});

// The module matrix, row by row, without the quiet zone: m[y][x] is true for a dark module.
// Square, 17 + 4 × version modules a side. Throws as svg() does.
std::vector<std::vector<bool>> modules(std::string_view text);

}  // namespace xasite::qr
