// Fuzz target: a Markdown page with YAML front matter (content/units/<code>/*.md). Any input must
// give a Page or an InputError, never a crash, hang or sanitizer report; so must finding and
// rewriting its links and images (generator/content/media.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "generator/content/markdown.hpp"
#include "generator/content/pages.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        xasite::content::Page page = xasite::content::parse_page(text, "fuzz.md");
        // The references a page's files are found by, and the tree edit that rewrites them
        // (images replaced, nested links and images).
        (void)xasite::content::markdown_references(page.body_markdown);
        (void)xasite::content::markdown_to_html(
            page.body_markdown,
            [](const xasite::content::MarkdownRef& r)
                -> std::optional<xasite::content::RefRewrite> {
                return xasite::content::RefRewrite{"x-" + r.url, "<img src=\"x\">"};
            });
    } catch (const xasite::InputError&) {
    }
    return 0;
}
