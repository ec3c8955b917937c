// Images and attachments beside a page. A page refers to a local file with Markdown —
// `![Lễ khai giảng](khai-giang.jpg)`, `[Tải về kế hoạch](ke-hoach.pdf)` — resolved against the
// page's own folder (a page bundle, content/units/<code>/<slug>/index.md, keeps its files beside
// it), then the unit's media/ folder. At load, each file is checked: it exists, it stays inside the
// unit's folder (no "../" out of it, no absolute path), an attachment is what its extension says
// by its first bytes and not too large, a picture's header is readable; an image without alt text
// is a warning. The published names are fixed here: the file's name as a slug, and for pictures
// the resized copies "<name>-<width>w.<ext>". The site build writes the copies (an image
// re-encoded without metadata) into the page's folder (generator/site/media.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "generator/content/pages.hpp"

namespace xasite::content {

// Widths of the resized copies of a picture (srcset), and the largest side a published copy has.
inline constexpr std::array<int, 3> kImageWidths = {480, 960, 1600};
inline constexpr int kMaxEdge = 2400;
// The largest attachment and the largest picture file accepted.
inline constexpr std::uintmax_t kMaxAttachmentBytes = 20u << 20;
inline constexpr std::uintmax_t kMaxImageBytes = 30u << 20;

// Resolves and checks the local files `page` refers to; fills page.media and page.media_by_url and
// renders page.body_html with the published names. `folder` is the page's folder, `boundary` the
// folder no reference may leave (content/units/<code>/, or content/pages/), whose media/
// sub-folder is searched second. Files of a bundle the page does not refer to are reported in
// `warnings` (they are not published), as are images without alt text. Throws InputError naming
// the page file and line.
void attach_page_media(Page& page, const std::filesystem::path& folder,
                       const std::filesystem::path& boundary, std::vector<std::string>& warnings);

// The page's body HTML with its files referred to as `prefix` + published name ("" when the files
// sit beside the page; "lich-su/" for a part shown on its section's page).
std::string render_page_body(const Page& page, std::string_view prefix);

}  // namespace xasite::content
