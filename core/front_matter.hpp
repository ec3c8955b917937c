// YAML front matter of a text file: "---\n<yaml>\n---\n<body>". Used by the Markdown pages
// (content/units/<code>/*.md) and the .md documents (directives). A delimiter line is "---"
// optionally followed by spaces and a CR.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace xasite {

struct FrontMatter {
    std::string_view yaml;  // between the two delimiter lines (may be empty); starts on line 2
    std::string_view body;  // after the closing delimiter line
};

// std::nullopt when the text does not start with a "---" line. Throws InputError at
// "source:1" when the block is not closed.
std::optional<FrontMatter> split_front_matter(std::string_view text,
                                              const std::filesystem::path& source);

}  // namespace xasite
