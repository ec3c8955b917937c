// Internal to the site module: publishes the local files a Markdown page refers to (checked and
// named when the content was loaded, generator/content/media.hpp) into the page's folder.
// Attachments are copied as they are; pictures are decoded and re-encoded at each planned size
// without any metadata (core/image.hpp), so the original bytes — with their EXIF and GPS — are
// never published.
#pragma once

#include <string>

#include "generator/content/pages.hpp"
#include "generator/site/site_renderer.hpp"

namespace xasite::site {

// Writes the files of `page` at `dir` (the folder from the site root, "tin-tuc/hop-dan/"). Throws
// InputError naming the page file and line when a picture is truncated or damaged, or a file
// changed since the content was loaded.
void write_page_media(SiteRenderer& r, const content::Page& page, const std::string& dir);

}  // namespace xasite::site
