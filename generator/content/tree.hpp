// The content tree as Content::load reads it. Before anything is parsed, the whole tree is walked
// once: an entry that resolves outside the tree (`ln -s /etc/passwd content/directives/x.txt`),
// a FIFO, a device or a socket is refused with an InputError naming it, so nothing outside
// content/ can be published and a read never blocks. Listings are sorted.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::content {

class ContentTree {
  public:
    // Throws InputError when `root` is not a folder, or when any entry below it is refused.
    explicit ContentTree(const std::filesystem::path& root);

    const std::filesystem::path& root() const { return root_; }
    // `rel` (relative to the root) is a folder / a regular file of the tree.
    bool has_folder(const std::filesystem::path& rel) const;
    bool has_file(const std::filesystem::path& rel) const;
    // The regular files directly in the folder `rel` (with extension `ext` when given), and its
    // sub-folders; absolute paths, sorted; none when the folder does not exist.
    std::vector<std::filesystem::path> files(const std::filesystem::path& rel,
                                             std::string_view ext = "") const;
    std::vector<std::filesystem::path> folders(const std::filesystem::path& rel) const;
    // Every regular file below the folder `rel`, relative to it ("pages/home.mustache"), sorted.
    std::vector<std::string> files_below(const std::filesystem::path& rel) const;

  private:
    std::filesystem::path root_;       // as given (messages name paths as the user wrote them)
    std::filesystem::path canonical_;  // for the "inside the tree" test
    void check(const std::filesystem::path& entry) const;
    void walk(const std::filesystem::path& dir, int depth) const;
};

}  // namespace xasite::content
