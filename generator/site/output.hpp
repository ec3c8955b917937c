// Atomic site output: every file is written into a temporary directory beside the final one; only
// a successful build swaps it into place, so a failed build leaves the previous site untouched.
// The output root carries a marker file (.xasite-site): xasite refuses to replace a non-empty
// directory without it, so a mistyped --out can never destroy other data.
//
// One build at a time per output: the build holds an exclusive lock on "<out>.lock" (flock, freed
// when the process ends, however it ends); a second build into the same --out fails at once,
// naming the lock. Holding it, the build sweeps what killed builds left beside the output
// ("<out>.tmp-*", "<out>.old-*", and the index's "<out>.xapian.tmp-*" / ".old-*" scratch), and if
// a kill left no "<out>" but a replaced copy, puts that copy back first. The swap is one atomic
// exchange (renameat2 RENAME_EXCHANGE): at every instant "<out>" is the old site or the new one.
#pragma once

#include <atomic>
#include <filesystem>
#include <string_view>

namespace xasite::site {

inline constexpr const char* kSiteMarker = ".xasite-site";

class OutputDir {
  public:
    // Takes the output's lock, repairs and sweeps what interrupted builds left, checks `final_dir`
    // may be replaced, then creates "<final_dir>.tmp-<pid>" beside it. Throws InputError naming
    // the output when another build holds the lock or the output is not xasite's.
    explicit OutputDir(const std::filesystem::path& final_dir);
    ~OutputDir();  // removes the temporary directory unless committed
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;

    // Writes `data` at `relative` (forward slashes, no "..") inside the temporary directory,
    // creating directories as needed. Thread-safe. Throws std::runtime_error naming the file.
    void write(std::string_view relative, std::string_view data);

    // Swaps the temporary directory into place by one atomic exchange (a plain rename when there
    // was no site, or where the file system cannot exchange). The replaced site is renamed to
    // "<final_dir>.old-<pid>" and removed, in a background `rm -rf` when remove_old_in_background
    // (deleting ~160,000 files takes longer than building them on ext4 with discard), else before
    // returning. Leftover ".old-*" directories of earlier builds are swept at the next build.
    void commit(bool remove_old_in_background = false);

    // Test hook (fault injection): called with "exchanged" right after the atomic exchange and
    // before the replaced site is moved aside; a test throws or kills the process there.
    static void (*fault_hook)(const char* step);

    const std::filesystem::path& temp_dir() const { return temp_; }
    std::size_t files() const { return files_.load(); }
    std::size_t bytes() const { return bytes_.load(); }

    const std::filesystem::path& lock_file() const { return lock_path_; }

  private:
    std::filesystem::path final_, temp_, lock_path_;
    int lock_fd_ = -1;
    bool committed_ = false;
    std::atomic<std::size_t> files_{0}, bytes_{0};
};

}  // namespace xasite::site
