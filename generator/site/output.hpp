// Atomic site output: every file is written into a temporary directory beside the final one; only
// a successful build swaps it into place, so a failed build leaves the previous site untouched.
// The output root carries a marker file (.xasite-site): xasite refuses to replace a non-empty
// directory without it, so a mistyped --out can never destroy other data.
#pragma once

#include <atomic>
#include <filesystem>
#include <string_view>

namespace xasite::site {

inline constexpr const char* kSiteMarker = ".xasite-site";

class OutputDir {
  public:
    // Checks `final_dir` may be replaced, then creates "<final_dir>.tmp-<pid>" beside it.
    explicit OutputDir(const std::filesystem::path& final_dir);
    ~OutputDir();  // removes the temporary directory unless committed
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;

    // Writes `data` at `relative` (forward slashes, no "..") inside the temporary directory,
    // creating directories as needed. Thread-safe. Throws std::runtime_error naming the file.
    void write(std::string_view relative, std::string_view data);

    // Swaps the temporary directory into place. The replaced site is renamed to
    // "<final_dir>.old-<pid>" and removed, in a background `rm -rf` when remove_old_in_background
    // (deleting ~160,000 files takes longer than building them on ext4 with discard), else before
    // returning. Leftover ".old-*" directories of earlier builds are swept at the next build.
    void commit(bool remove_old_in_background = false);

    const std::filesystem::path& temp_dir() const { return temp_; }
    std::size_t files() const { return files_.load(); }
    std::size_t bytes() const { return bytes_.load(); }

  private:
    std::filesystem::path final_, temp_;
    bool committed_ = false;
    std::atomic<std::size_t> files_{0}, bytes_{0};
};

}  // namespace xasite::site
