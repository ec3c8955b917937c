// Markdown → HTML with cmark-gfm (tables, strikethrough, autolinks, task lists, footnotes).
// Raw HTML in the source is not passed through (cmark's safe mode), so content authors cannot
// inject scripts; everything else in the site is escaped by the templates.
#pragma once

#include <string>
#include <string_view>

namespace xasite::content {

std::string markdown_to_html(std::string_view markdown);

// The plain text of the first paragraph (for summaries and meta descriptions), at most
// max_chars code points, cut at a word boundary with "…" when longer.
std::string markdown_summary(std::string_view markdown, std::size_t max_chars = 200);

// The whole text without markup (cmark's plain-text renderer), for the search index.
std::string markdown_to_text(std::string_view markdown);

}  // namespace xasite::content
