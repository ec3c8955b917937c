// URL handling for `xasite check`: which references are internal, how they split, decode and
// resolve to a file under the site root. Follows the WHATWG URL parser where it matters for static
// sites.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/url.hpp"

namespace xasite::check::url {

// The generic parts (clean-up, splitting, percent-decoding) are those of core/url.hpp.
using xasite::url::clean_reference;
using xasite::url::Parts;
using xasite::url::percent_decode;
using xasite::url::split;

// True for anything that leaves the site: a scheme ("https:", "mailto:", "tel:", "javascript:",
// "data:", any "letter (letter|digit|+|-|.)* :" before the first '/', '?' or '#') or a
// protocol-relative "//host" reference.
bool is_external(std::string_view cleaned);

// The path part of a reference as a file name: each backslash becomes '/' (as browsers do for http
// URLs), then percent-decoded.
std::string decode_path(std::string_view path);

struct Resolved {
    std::string path;        // relative to the site root, '/'-separated, no "." or ".." ("" = root)
    bool directory = false;  // the reference names a directory (ends in '/', "." or "..")
};
// Resolves a decoded path against the directory of the page (relative to the root, "" for the
// root itself). A path starting with '/' resolves against the root. Empty segments are ignored
// ("a//b" is "a/b"). Returns std::nullopt when ".." climbs above the root.
std::optional<Resolved> resolve(std::string_view page_dir, std::string_view decoded_path);

// The URLs of an img/source srcset attribute, one per image candidate, in order (HTML "parse a
// srcset attribute": URLs are runs of non-space characters, so "data:...,..." stays whole; trailing
// commas end a candidate; descriptors, including parenthesised ones, are skipped).
std::vector<std::string_view> srcset_urls(std::string_view srcset);

// The URL of <meta http-equiv="refresh" content="5; url=..."> (also "5;...", quoted values), or
// std::nullopt when the content only reloads the page or is not a refresh value.
std::optional<std::string_view> refresh_url(std::string_view content);

// The charset parameter of a Content-Type value ("text/html; charset=utf-8" → "utf-8"), as the
// HTML "extract a character encoding from a meta element" algorithm finds it.
std::optional<std::string_view> content_type_charset(std::string_view content);

// True when `label` (any case, surrounding ASCII whitespace ignored) is a WHATWG label of UTF-8:
// "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8".
bool is_utf8_label(std::string_view label);

// ASCII whitespace as HTML defines it (space, tab, LF, FF, CR).
inline bool is_html_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
std::string_view trim_html_space(std::string_view s);

}  // namespace xasite::check::url
