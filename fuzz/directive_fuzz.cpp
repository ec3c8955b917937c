// Fuzz target: the directive extractor. Any bytes must give partial metadata, never a crash, hang
// or sanitizer report; the body HTML and the JSON must be produced from whatever was extracted.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "generator/directives/directive.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    xasite::directives::Metadata m = xasite::directives::extract(text);
    std::string html = xasite::directives::body_html(m);
    // to_json must give valid JSON text (the strings are valid UTF-8 after extraction).
    std::string json = xasite::directives::to_json(m, "fuzz.txt").dump();
    (void)xasite::directives::must_not_publish(m);
    (void)m.date.iso();
    if (html.size() > 64 * size + 4096 || json.empty()) __builtin_trap();
    return 0;
}
