// Markdown → HTML with cmark-gfm (tables, strikethrough, autolinks, task lists, footnotes).
// Raw HTML in the source is not passed through (cmark's safe mode), so content authors cannot
// inject scripts; everything else in the site is escaped by the templates.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::content {

std::string markdown_to_html(std::string_view markdown);

// A link or an image of a Markdown text, where it is written.
struct MarkdownRef {
    std::string url;       // as written (cmark has resolved entities and backslash escapes)
    std::size_t line = 0;  // 1-based, in the Markdown text
    bool image = false;
    std::string alt;  // an image's description as plain text ("" when none)
};
// Every link and image, in reading order.
std::vector<MarkdownRef> markdown_references(std::string_view markdown);

// markdown_to_html with some references changed: `rewrite` sees each link and image; what it
// returns replaces a link's URL (escaped by cmark as usual), or an image by `image_html`, trusted
// HTML written as is (the caller escapes what it puts there). Nothing else changes: raw HTML in
// the source is still dropped and unsafe URLs still removed.
struct RefRewrite {
    std::string url;         // links: the new URL
    std::string image_html;  // images: the element that replaces it
};
using RefRewriter = std::function<std::optional<RefRewrite>(const MarkdownRef&)>;
std::string markdown_to_html(std::string_view markdown, const RefRewriter& rewrite);

// The plain text of the first paragraph (for summaries and meta descriptions), at most
// max_chars code points, cut at a word boundary with "…" when longer.
std::string markdown_summary(std::string_view markdown, std::size_t max_chars = 200);

// The whole text without markup (cmark's plain-text renderer), for the search index.
std::string markdown_to_text(std::string_view markdown);

}  // namespace xasite::content
