// CSS for the view: url(…) and @import references rewritten through a callback, legacy font
// names (.VnTime, VNI-Times) replaced by Unicode fonts, and @charset set to UTF-8. A small
// tokenizer (comments, strings, url tokens) finds the references; the rest is copied unchanged.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace xasite::archive {

// `map` gets each reference as written (escapes undone, spaces trimmed) and returns the new URL,
// or nullopt to leave it as it was.
using CssUrlMap = std::function<std::optional<std::string>(std::string_view)>;

std::string rewrite_css(std::string_view css, const CssUrlMap& map);

// Calls f(selectors, declarations) for every style rule, including those inside @media and
// @supports blocks.
void for_each_rule(std::string_view css,
                   const std::function<void(std::string_view, std::string_view)>& f);
// Calls f(property, value) for each declaration of a block ("a: b; c: d").
void for_each_declaration(std::string_view block,
                          const std::function<void(std::string_view, std::string_view)>& f);

}  // namespace xasite::archive
