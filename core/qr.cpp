#include "core/qr.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "core/error.hpp"
#include "core/text.hpp"

namespace xasite::qr {

namespace {

// What version 40 holds at level M in 8-bit mode (ISO/IEC 18004).
constexpr std::size_t kMaxBytes = 2331;

struct CodeFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};
using Code = std::unique_ptr<QRcode, CodeFree>;

InputError too_long(std::size_t bytes) {
    return InputError("QR code: the text is " + std::to_string(bytes) +
                      " bytes; a QR code holds at most " + std::to_string(kMaxBytes) +
                      " (8-bit mode, error correction level M)");
}

Code encode(std::string_view text) {
    if (text.empty()) throw InputError("QR code: the text to encode is empty");
    if (auto bad = text::find_invalid_utf8(text))
        throw InputError("QR code: the text is not valid UTF-8 (byte " + std::to_string(*bad) +
                         ")");
    if (text.size() > kMaxBytes) throw too_long(text.size());
    errno = 0;
    Code code(QRcode_encodeData(static_cast<int>(text.size()),
                                reinterpret_cast<const unsigned char*>(text.data()), 0,
                                QR_ECLEVEL_M));
    if (!code) {
        const int error = errno;
        if (error == ERANGE) throw too_long(text.size());
        throw InputError(
            "QR code: libqrencode failed: " +
            (error != 0 ? std::generic_category().message(error) : std::string("no reason given")));
    }
    return code;
}

// libqrencode's bytes, row by row: bit 0 is the colour (1 = dark), the others what the module is
// for.
bool dark(const QRcode& code, int x, int y) {
    return (code.data[static_cast<std::size_t>(y * code.width + x)] & 1) != 0;
}

}  // namespace

std::vector<std::vector<bool>> modules(std::string_view text) {
    const Code code = encode(text);
    const int n = code->width;
    std::vector<std::vector<bool>> m(static_cast<std::size_t>(n),
                                     std::vector<bool>(static_cast<std::size_t>(n)));
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            m[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)] = dark(*code, x, y);
    return m;
}

std::string svg(std::string_view text, const SvgOptions& options) {
    if (options.module_px < 1)
        throw std::invalid_argument("qr::svg: module_px must be at least 1, not " +
                                    std::to_string(options.module_px));
    if (options.quiet_zone < 0)
        throw std::invalid_argument("qr::svg: quiet_zone must not be negative, not " +
                                    std::to_string(options.quiet_zone));
    const Code code = encode(text);
    const int n = code->width;
    const std::int64_t q = options.quiet_zone;
    const std::string side = std::to_string(n + 2 * q);
    const std::string px = std::to_string((n + 2 * q) * options.module_px);
    const std::string_view label = options.label.empty() ? text : std::string_view(options.label);

    std::string out;
    out.reserve(400 + 2 * label.size() + static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
    out += R"(<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label=")";
    text::append_html_escaped(out, label);
    out += R"(" viewBox="0 0 )" + side + ' ' + side + R"(" width=")" + px + R"(" height=")" + px +
           R"(" shape-rendering="crispEdges"><title>)";
    text::append_html_escaped(out, label);
    out += R"(</title><rect width=")" + side + R"(" height=")" + side +
           R"(" fill="#fff"/><path fill="#000" d=")";
    // One subpath per horizontal run of dark modules: M x y, across the run, down one, back.
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n;) {
            if (!dark(*code, x, y)) {
                ++x;
                continue;
            }
            int end = x + 1;
            while (end < n && dark(*code, end, y))
                ++end;
            const std::string run = std::to_string(end - x);
            out += 'M' + std::to_string(x + q) + ' ' + std::to_string(y + q) + 'h' + run + "v1h-" +
                   run + 'z';
            x = end;
        }
    }
    out += R"("/></svg>)";
    return out;
}

}  // namespace xasite::qr
