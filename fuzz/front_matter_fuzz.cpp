// Fuzz target: a Markdown page with YAML front matter (content/units/<code>/*.md). Any input must
// give a Page or an InputError, never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "generator/content/pages.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        xasite::content::Page page = xasite::content::parse_page(text, "fuzz.md");
        (void)page;
    } catch (const xasite::InputError&) {
    }
    return 0;
}
