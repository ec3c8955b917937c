// One pass of gumbo over a page: what `xasite check` needs from it, without keeping the DOM.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::check {

struct PageScan {
    bool parsed = false;              // false only when gumbo gave no tree (out of memory)
    std::optional<std::string> lang;  // <html lang>, trimmed; nullopt when the attribute is absent
    std::optional<std::string> charset;  // the first charset declared by <meta charset> or by
                                         // <meta http-equiv="Content-Type" content="…; charset=…">
    bool charset_late = false;         // that declaration does not end within the first 1024 bytes
    std::optional<std::string> title;  // text of the first <title>, trimmed; nullopt when none
    std::vector<std::string> ids;  // every id="…" and <a name="…">, sorted, without duplicates
    std::vector<std::string> links;  // internal references, cleaned (url::clean), document order
    // Absolute http(s) references, cleaned, document order: internal too when their host is one
    // of the output's sites (check_site maps them with the output's .xasite-sites.json).
    std::vector<std::string> absolute_links;
};

// Parses `html` with gumbo and collects the page basics, the anchors it offers and the internal
// references it makes: a[href], area[href], link[href], img[src], img[srcset] (every candidate),
// script[src], source[src], source[srcset], iframe[src], embed[src], object[data], track[src],
// audio[src], video[src], video[poster], form[action] and <meta http-equiv="refresh"> URLs.
// Other external references (any other scheme, "//host") and empty ones are left out. Never throws
// on bad input: unclosed tags, binary garbage and invalid UTF-8 (which gumbo reads as U+FFFD) all
// parse.
PageScan scan_html(std::string_view html);

}  // namespace xasite::check
