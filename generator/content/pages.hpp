// Markdown pages a commune (or the province) writes: YAML front matter between "---" lines, then a
// cmark-gfm body.
//
//   ---
//   title: Lịch tiếp công dân tháng 7/2025      (required)
//   section: tin-tuc        the key of a section that holds pages: trang (default) | tin-tuc |
//                           lich-cong-tac | hoi-dap | gioi-thieu | lien-he (checked by the build)
//   date: 2025-07-02        YYYY-MM-DD
//   updated: 2025-07-05
//   description: …          meta description; default: first paragraph
//   slug: lich-tiep-cong-dan  default: from the file name
//   units: [24373, 24376]   only in content/pages/: the units it is published on, or "all"
//   weight: 10              order in menus and lists (lower first)
//   menu: true              also list it in the site menu
//   draft: true             not published
//   tags: [tiếp công dân]
//   author: Văn phòng HĐND và UBND xã
//   ---
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::content {

// A local file a page refers to (an image or an attachment beside it or in the unit's media/
// folder), checked when the content is loaded and published beside the page (media.hpp).
struct PageMedia {
    enum class Kind { image, attachment };
    struct Copy {
        std::string name;           // the published file name, beside the page ("anh-1-480w.jpg")
        int width = 0, height = 0;  // images only
    };
    Kind kind = Kind::attachment;
    std::filesystem::path source;  // the file in the content tree
    std::size_t line = 0;          // the line of the page that first refers to it
    std::string type;              // what it is, by content: "JPEG", "PDF", "Word (.docx)"…
    std::uintmax_t bytes = 0;      // the source file's size
    // Attachments: the one copy. Images: the resized copies by width, then the main copy (the
    // picture itself, at most media.hpp's kMaxEdge), which carries the file's own name.
    std::vector<Copy> copies;
    const Copy& main() const { return copies.back(); }
};

struct Page {
    std::filesystem::path source;  // the .md file
    // The site section the page belongs to, as written ("trang", "tin-tuc", "gioi-thieu", …): the
    // key of a section of the commune sites that holds pages, checked by the site build against
    // its section table (generator/site/sections/tables.cpp).
    std::string section = "trang";
    std::size_t section_line = 0;  // where `section:` was written (0: not written)
    std::string title;
    std::string slug;
    std::string date;     // YYYY-MM-DD or ""
    std::string updated;  // YYYY-MM-DD or ""
    std::string description;
    std::vector<std::string> units;  // as written ("all" or codes); validated by the content loader
    bool all_units = false;
    int weight = 0;
    bool menu = false;
    bool draft = false;
    std::vector<std::string> tags;
    std::string author;
    std::string body_markdown;
    std::size_t body_line = 1;     // the line of the file where body_markdown starts
    std::string body_html;         // local files referred to by their published names (media.hpp)
    std::vector<PageMedia> media;  // the local files it refers to
    std::map<std::string, std::size_t> media_by_url;  // a reference as written → media index

    // The page's last change: `updated`, else `date`, else "".
    const std::string& changed() const { return updated.empty() ? date : updated; }
};

// Parses one page. Throws InputError "file:line: …" for a missing or unterminated front matter
// block, YAML errors, unknown keys, wrong types, bad dates, a missing title, invalid UTF-8.
Page parse_page(std::string_view text, const std::filesystem::path& source);
Page load_page(const std::filesystem::path& path);

}  // namespace xasite::content
