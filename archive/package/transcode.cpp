#include "archive/package/transcode.hpp"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "core/text.hpp"

namespace xasite::archive {

std::string icu_to_utf8(std::string_view bytes, const char* converter) {
    struct Close {
        void operator()(UConverter* c) const { ucnv_close(c); }
    };
    UErrorCode e = U_ZERO_ERROR;
    std::unique_ptr<UConverter, Close> cnv(ucnv_open(converter, &e));
    if (!cnv || U_FAILURE(e))
        throw std::runtime_error(std::string("unknown encoding ") + converter);
    std::string out;
    // Convert in slices so a huge input never needs one giant UnicodeString.
    constexpr std::size_t kSlice = 1 << 20;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        std::size_t n = std::min(kSlice, bytes.size() - pos);
        e = U_ZERO_ERROR;
        icu::UnicodeString u(bytes.data() + pos, static_cast<int32_t>(n), cnv.get(), e);
        if (U_FAILURE(e)) throw std::runtime_error(std::string("cannot decode as ") + converter);
        u.toUTF8String(out);
        pos += n;
    }
    return out;
}

std::string repair_utf8(std::string_view s) {
    if (text::is_valid_utf8(s)) return std::string(s);
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size())
        text::append_utf8(out, text::decode_utf8(s, i));
    return out;
}

}  // namespace xasite::archive
