#include "generator/content/tree.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace xasite::content {

namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& path, const fs::path& root) {
    auto r = root.begin(), p = path.begin();
    for (; r != root.end(); ++r, ++p)
        if (p == path.end() || *p != *r) return false;
    return true;
}

constexpr int kMaxDepth = 64;

}  // namespace

ContentTree::ContentTree(const fs::path& root) : root_(root) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) throw InputError(root.string(), "content directory not found");
    canonical_ = fs::canonical(root, ec);
    if (ec)
        throw InputError(root.string(), "cannot resolve the content directory: " + ec.message());
    walk(root_, 0);
}

void ContentTree::check(const fs::path& entry) const {
    std::error_code ec;
    fs::file_status link = fs::symlink_status(entry, ec);
    if (ec) throw InputError(entry.string(), "cannot read: " + ec.message());
    if (fs::is_symlink(link)) {
        fs::path target = fs::canonical(entry, ec);
        if (ec)
            throw InputError(entry.string(),
                             "a symbolic link whose target is missing (" + ec.message() + ")");
        if (!inside(target, canonical_))
            throw InputError(entry.string(), "a symbolic link to " + target.string() +
                                                 ", outside the content tree; only files inside " +
                                                 root_.string() + " are published");
        link = fs::status(entry, ec);
    }
    if (!fs::is_regular_file(link) && !fs::is_directory(link))
        throw InputError(entry.string(),
                         "not a regular file or folder (a FIFO, device or socket); remove it "
                         "from the content tree");
}

void ContentTree::walk(const fs::path& dir, int depth) const {
    if (depth > kMaxDepth)
        throw InputError(dir.string(), "folders nested more than 64 deep in the content tree");
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        check(p);
        // Linked folders are checked (their target is inside the tree, so walked there), not
        // followed: a link to an ancestor would never end. Hidden folders (.git, an archive
        // ingest's staging folder) are never read, so not walked.
        std::string name = p.filename().string();
        if (it->is_directory() && !it->is_symlink() && name.front() != '.') walk(p, depth + 1);
    }
    if (ec) throw InputError(dir.string(), "cannot list the folder: " + ec.message());
}

bool ContentTree::has_folder(const fs::path& rel) const {
    std::error_code ec;
    return fs::is_directory(root_ / rel, ec);
}

bool ContentTree::has_file(const fs::path& rel) const {
    std::error_code ec;
    return fs::is_regular_file(root_ / rel, ec);
}

std::vector<fs::path> ContentTree::files(const fs::path& rel, std::string_view ext) const {
    std::vector<fs::path> out;
    if (!has_folder(rel)) return out;
    for (const auto& e : fs::directory_iterator(root_ / rel))
        if (e.is_regular_file() && (ext.empty() || e.path().extension() == ext))
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<fs::path> ContentTree::folders(const fs::path& rel) const {
    std::vector<fs::path> out;
    if (!has_folder(rel)) return out;
    for (const auto& e : fs::directory_iterator(root_ / rel))
        if (e.is_directory()) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> ContentTree::files_below(const fs::path& rel) const {
    std::vector<std::string> out;
    if (!has_folder(rel)) return out;
    const fs::path base = root_ / rel;
    for (const auto& e : fs::recursive_directory_iterator(base))
        if (e.is_regular_file()) out.push_back(fs::relative(e.path(), base).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace xasite::content
