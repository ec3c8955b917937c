// Helpers for end-to-end tests: a scratch copy of the default content tree, and reading a built
// site back.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "core/files.hpp"
#include "test_support.hpp"

namespace xasite::testing {

// Copies content/ (site.json, units, procedures, pages) into dir/content and returns that path.
inline std::filesystem::path copy_content(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    fs::path dest = dir / "content";
    fs::copy(content_dir(), dest, fs::copy_options::recursive);
    return dest;
}

// Every regular file under root, relative path → bytes.
inline std::map<std::string, std::string> read_tree(const std::filesystem::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file())
            files[std::filesystem::relative(e.path(), root).generic_string()] = read_file(e.path());
    return files;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace xasite::testing
