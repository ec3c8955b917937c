// Transcoding with ICU, for both sides of the archive: mirror member names stored in a Windows
// code page (package) and captured pages and stylesheets (view, charset.hpp).
#pragma once

#include <string>
#include <string_view>

namespace xasite::archive {

// Transcodes bytes to UTF-8 (not NFC) with an ICU converter ("windows-1258"). Throws
// std::runtime_error for a converter ICU does not know or input it cannot decode.
std::string icu_to_utf8(std::string_view bytes, const char* converter);

// UTF-8 with each invalid byte replaced by U+FFFD.
std::string repair_utf8(std::string_view s);

}  // namespace xasite::archive
