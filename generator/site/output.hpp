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
//
// In place (an incremental build, issue 12): no temporary tree; a file whose bytes equal what the
// site's manifest says it holds is not written at all, any other is written beside the site
// ("<out>.tmp-<pid>/") and renamed over the old one, so a reader sees the old file or the new one,
// never a truncated one. ".xasite-incomplete" marks the site while it changes; a build that finds
// it (the previous one was killed) compares every output with the disk instead of the manifest
// and removes files no build made.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "generator/site/manifest.hpp"
#include "search/index.hpp"

namespace xasite::site {

inline constexpr const char* kSiteMarker = search::kSiteMarkerFile;
// The marker's text; `index_name` (a generation "<out>.xapian.g-…" beside the site, or "") is the
// search index built with the site (search::index_path_for reads it).
std::string site_marker_text(const std::string& index_name);
// When the site at `out_dir` names an index generation: "<out>.xapian" is made a link to it (one
// rename; a real directory there, from an older build, is exchanged for the link and removed) and
// every other generation is removed. Run after a cold build's swap and by every build's sweep.
void point_index_link(const std::filesystem::path& out_dir);

// The output's lock, held from before the build reads the site's manifest until the build ends:
// checks the output may be written, takes "<out>.lock", then repairs and sweeps what killed
// builds left. Throws InputError naming the output when another build holds it or the output is
// not xasite's.
class OutputLock {
  public:
    explicit OutputLock(const std::filesystem::path& final_dir);
    ~OutputLock();
    OutputLock(OutputLock&& other) noexcept;
    OutputLock& operator=(OutputLock&&) = delete;
    OutputLock(const OutputLock&) = delete;
    OutputLock& operator=(const OutputLock&) = delete;
    const std::filesystem::path& final_dir() const { return final_; }
    const std::filesystem::path& lock_file() const { return lock_path_; }

  private:
    std::filesystem::path final_, lock_path_;
    int fd_ = -1;
};

class OutputDir {
  public:
    // Takes the output's lock, repairs and sweeps what interrupted builds left, checks `final_dir`
    // may be replaced, then creates "<final_dir>.tmp-<pid>" beside it. Throws InputError naming
    // the output when another build holds the lock or the output is not xasite's.
    explicit OutputDir(const std::filesystem::path& final_dir);
    explicit OutputDir(OutputLock lock);
    // In place: `previous` is what the site's manifest lists; `verify` compares with the files
    // themselves (after an interrupted build). Takes the lock, sweeps, marks the site incomplete.
    struct InPlace {
        OutputStamps previous;
        bool verify = false;
    };
    OutputDir(OutputLock lock, InPlace in_place);
    ~OutputDir();  // removes the temporary directory unless committed
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;

    // Writes `data` at `relative` (forward slashes, no "..") inside the temporary directory,
    // creating directories as needed (in place: only when the bytes differ from the site's).
    // Thread-safe. Throws std::runtime_error naming the file.
    void write(std::string_view relative, std::string_view data);

    // In place: outputs of the previous build that this build did not produce are removed at
    // commit, except those `keep` accepts (the sites this build did not render).
    void keep_unrendered(std::function<bool(const std::string& relative)> keep) {
        keep_ = std::move(keep);
    }
    // The build's manifest (manifest_json()), written with the outputs list at commit.
    void set_manifest(std::string json) { manifest_ = std::move(json); }

    // Swaps the temporary directory into place by one atomic exchange (a plain rename when there
    // was no site, or where the file system cannot exchange). The replaced site is renamed to
    // "<final_dir>.old-<pid>" and removed, in a background `rm -rf` when remove_old_in_background
    // (deleting ~160,000 files takes longer than building them on ext4 with discard), else before
    // returning. Leftover ".old-*" directories of earlier builds are swept at the next build.
    void commit(bool remove_old_in_background = false);

    // Test hook (fault injection): called with "exchanged" right after the atomic exchange and
    // before the replaced site is moved aside, in place with "replaced" after each file is
    // renamed over the old one and "manifest written" before the site is marked complete; a test
    // throws or kills the process there.
    static void (*fault_hook)(const char* step);

    const std::filesystem::path& temp_dir() const { return temp_; }
    bool in_place() const { return in_place_; }
    std::size_t files() const { return files_.load(); }      // files the build produced
    std::size_t bytes() const { return bytes_.load(); }      // their bytes
    std::size_t written() const { return written_.load(); }  // files actually written
    std::size_t removed() const { return removed_; }         // outputs removed (in place)

    const std::filesystem::path& lock_file() const { return lock_.lock_file(); }

  private:
    void make_staging();
    void write_file(const std::filesystem::path& path, std::string_view data);
    void commit_in_place();

    OutputLock lock_;
    std::filesystem::path final_, temp_;
    bool committed_ = false;
    bool in_place_ = false, verify_ = false;
    OutputStamps previous_;
    std::mutex produced_mutex_;
    OutputStamps produced_;
    std::function<bool(const std::string&)> keep_;
    std::string manifest_;
    std::atomic<std::size_t> files_{0}, bytes_{0}, written_{0}, staged_{0};
    std::size_t removed_ = 0;
};

}  // namespace xasite::site
