// The content tree as a git repository (libgit2): every change the editor makes is a commit with
// the staff account as author, so history, audit and rollback come from git.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace xasite::admin {

struct Revision {
    std::string id;         // the commit's full hex id
    std::string author;     // the account's name
    std::int64_t time = 0;  // seconds since the epoch
    std::string message;    // the first line
};

class ContentRepo {
  public:
    // Opens the repository whose work tree is exactly `dir` (no search upwards). When `dir` is not
    // one, initialises it and commits every file as "xasite admin"; `created` says so.
    static ContentRepo open_or_init(const std::filesystem::path& dir, bool& created);
    ContentRepo(ContentRepo&&) noexcept;
    ContentRepo& operator=(ContentRepo&&) noexcept;
    ~ContentRepo();

    // Stages the paths (relative to the work tree; a path that no longer exists is removed from
    // the index) and commits them with `author` (email "<author>@xasite-admin.invalid") as author
    // and committer. Returns the new commit's id. Throws std::runtime_error with libgit2's message.
    std::string commit(const std::vector<std::filesystem::path>& paths, const std::string& author,
                       const std::string& message);
    // The commits that changed `path` (newest first, at most `limit`).
    std::vector<Revision> history(const std::filesystem::path& path, std::size_t limit = 50) const;
    // The file's bytes at a commit; std::nullopt when the commit or the file does not exist.
    std::optional<std::string> file_at(const std::string& commit_id,
                                       const std::filesystem::path& path) const;
    const std::filesystem::path& workdir() const { return workdir_; }

  private:
    struct Impl;
    ContentRepo(std::unique_ptr<Impl> impl, std::filesystem::path workdir);
    std::unique_ptr<Impl> impl_;
    std::filesystem::path workdir_;
};

}  // namespace xasite::admin
