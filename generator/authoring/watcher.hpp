// Watching a content tree for changes with inotify (Linux), recursively: every folder below the
// root gets a watch, and a folder created (or moved in) later gets one as soon as its event is
// read, with its own subfolders. Editors' scratch files (dotfiles, "~" backups, .swp, vim's 4913
// probe) are not changes.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/unique_fd.hpp"

namespace xasite::authoring {

class ContentWatcher {
  public:
    // Watches `root` and every folder below it. Throws std::system_error when inotify fails (for
    // example fs.inotify.max_user_watches reached, named in the message).
    explicit ContentWatcher(std::filesystem::path root);
    ContentWatcher(const ContentWatcher&) = delete;
    ContentWatcher& operator=(const ContentWatcher&) = delete;

    // Blocks until something changes below the root, then until `quiet` passes with no further
    // change (debounce; at most `max_wait` after the first change so a file written without pause
    // still rebuilds). Returns the changed paths relative to the root, sorted, without repeats;
    // empty when `timeout` passed first or stop() was called.
    std::vector<std::filesystem::path> wait(
        std::chrono::milliseconds quiet, std::chrono::milliseconds timeout,
        std::chrono::milliseconds max_wait = std::chrono::milliseconds(1000));

    // Wakes a wait() in another thread; it and every later wait() return at once.
    void stop();

    std::size_t watched_folders() const { return folders_.size(); }

  private:
    void add_tree(const std::filesystem::path& dir);
    // Reads the pending events; appends changes. Returns false when nothing was read.
    bool read_events(std::vector<std::filesystem::path>& changes);

    std::filesystem::path root_;
    UniqueFd inotify_;
    UniqueFd wake_;                                 // an eventfd written by stop()
    std::map<int, std::filesystem::path> folders_;  // watch descriptor → folder (relative)
};

// Whether a file name is an editor's scratch file, not content (".x.md.swp", "x.md~", "4913").
bool is_scratch_name(const std::string& name);

}  // namespace xasite::authoring
