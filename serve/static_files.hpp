// Mapping request paths to files of a built site, safely: no path traversal, no dotfiles, no
// symlinks out of the site, directories answered by their index.html, missing pages by the
// nearest site's 404.html.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::serve {

struct StaticResult {
    int status = 404;            // 200, 301, 400, 404
    std::filesystem::path file;  // the file to send (for 200, and the 404 page for 404)
    std::string content_type;    // of `file`
    std::string location;        // for 301: the path to redirect to
};

// `decoded_path` is the URL path after percent-decoding (what the HTTP library gives).
// `private_at_root`: names of files at the top of the site that are never served (the build's
// nginx.conf: it names the server's paths); they answer like absent files.
StaticResult resolve_static(const std::filesystem::path& site_dir, std::string_view decoded_path,
                            const std::vector<std::string>& private_at_root = {});

// Content type by file extension ("text/html; charset=utf-8", "text/css; charset=utf-8", …).
std::string content_type_for(const std::filesystem::path& file);

}  // namespace xasite::serve
