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

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::content {

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
    std::string body_html;

    // The page's last change: `updated`, else `date`, else "".
    const std::string& changed() const { return updated.empty() ? date : updated; }
};

// Parses one page. Throws InputError "file:line: …" for a missing or unterminated front matter
// block, YAML errors, unknown keys, wrong types, bad dates, a missing title, invalid UTF-8.
Page parse_page(std::string_view text, const std::filesystem::path& source);
Page load_page(const std::filesystem::path& path);

}  // namespace xasite::content
