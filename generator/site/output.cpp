#include "generator/site/output.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

#include "core/error.hpp"
#include "core/files.hpp"

namespace xasite::site {

namespace fs = std::filesystem;

namespace {

bool is_empty_dir(const fs::path& p) {
    return fs::is_directory(p) && fs::directory_iterator(p) == fs::directory_iterator();
}

// Starts `rm -rf -- dir` detached from this process; false if it could not be started.
bool remove_in_background(const fs::path& dir) {
    std::string path = dir.string();
    std::vector<char*> argv = {const_cast<char*>("rm"), const_cast<char*>("-rf"),
                               const_cast<char*>("--"), path.data(), nullptr};
    posix_spawnattr_t attr;
    if (posix_spawnattr_init(&attr) != 0) return false;
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
    // The child must not hold our stdout/stderr: a caller piping our output would wait for it.
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, "rm", &files, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    return rc == 0;
}

bool has_prefix(const std::string& s, const std::string& p) {
    return s.size() > p.size() && s.compare(0, p.size(), p) == 0;
}

// What interrupted builds left beside the output, swept while the output's lock is held (so no
// build is using any of it): "<out>.tmp-*" and "<out>.old-*" trees that carry the site marker, and
// the index's "<out>.xapian.tmp-*" / "<out>.xapian.old-*" scratch. A kill between the two renames
// of older versions could leave no "<out>" but an "<out>.old-*": that copy is put back, never
// deleted.
void repair_and_sweep(const fs::path& final_dir) {
    std::error_code ec;
    const std::string name = final_dir.filename().string();
    const std::string tmp = name + ".tmp-", old = name + ".old-";
    const std::string index = name + ".xapian";
    const std::string itmp = index + ".tmp-", iold = index + ".old-";
    std::vector<fs::path> olds, sweep;
    for (const auto& e : fs::directory_iterator(final_dir.parent_path(), ec)) {
        const std::string n = e.path().filename().string();
        std::error_code te;
        if (!e.is_directory(te) || e.is_symlink(te)) continue;
        if (has_prefix(n, old) || has_prefix(n, tmp)) {
            if (!fs::exists(e.path() / kSiteMarker, te)) continue;  // not a tree xasite built
            (has_prefix(n, old) ? olds : sweep).push_back(e.path());
        } else if (has_prefix(n, itmp) || has_prefix(n, iold)) {
            sweep.push_back(e.path());
        }
    }
    if (!fs::exists(final_dir, ec) && !olds.empty()) {
        // The newest replaced site is the one the last swap took away.
        std::sort(olds.begin(), olds.end(), [](const fs::path& a, const fs::path& b) {
            std::error_code x, y;
            return fs::last_write_time(a, x) < fs::last_write_time(b, y);
        });
        fs::rename(olds.back(), final_dir, ec);
        if (!ec) olds.pop_back();
    }
    for (const auto& p : olds)
        sweep.push_back(p);
    for (const auto& p : sweep) {
        std::error_code ignore;
        fs::remove_all(p, ignore);
    }
}

}  // namespace

OutputDir::OutputDir(const fs::path& final_dir)
    : final_(fs::absolute(final_dir).lexically_normal()) {
    if (final_.filename().empty()) final_ = final_.parent_path();
    if (final_ == final_.root_path())
        throw InputError(final_dir.string(), "refusing to write a site to the root directory");
    if (fs::exists(final_)) {
        if (!fs::is_directory(final_))
            throw InputError(final_dir.string(), "output path exists and is not a directory");
        if (!is_empty_dir(final_) && !fs::exists(final_ / kSiteMarker))
            throw InputError(
                final_dir.string(),
                std::string(
                    "refusing to replace a non-empty directory that xasite did not build (no ") +
                    kSiteMarker + " marker)");
    }
    fs::create_directories(final_.parent_path());
    // One build per output at a time (the lock ends with the process, however it ends).
    lock_path_ = final_;
    lock_path_ += ".lock";
    lock_fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0)
        throw InputError(lock_path_.string(), std::string("cannot open the output's lock file: ") +
                                                  std::strerror(errno));
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(lock_fd_);
        lock_fd_ = -1;
        throw InputError(final_dir.string(),
                         "another xasite build is writing this output now (it holds " +
                             lock_path_.string() + "); wait for it to finish");
    }
    repair_and_sweep(final_);
    temp_ = final_;
    temp_ += ".tmp-" + std::to_string(::getpid());
    std::error_code ec;
    fs::remove_all(temp_, ec);  // a leftover from a crashed build with the same pid
    fs::create_directory(temp_);
    write(kSiteMarker,
          "This directory was built by xasite. `xasite build` replaces it as a whole.\n");
}

OutputDir::~OutputDir() {
    if (!committed_ && !temp_.empty()) {
        std::error_code ec;
        fs::remove_all(temp_, ec);
    }
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

void (*OutputDir::fault_hook)(const char* step) = nullptr;

void OutputDir::write(std::string_view relative, std::string_view data) {
    if (relative.empty() || relative.front() == '/' ||
        relative.find("..") != std::string_view::npos)
        throw std::runtime_error("refusing to write outside the output directory: " +
                                 std::string(relative));
    fs::path path = temp_ / fs::path(relative);
    std::string name = path.string();
    int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
        fs::path parent = path.parent_path();
        if (::mkdir(parent.c_str(), 0755) != 0 && errno != EEXIST) {
            std::error_code ec;
            fs::create_directories(parent, ec);
            if (ec)
                throw std::runtime_error(parent.string() +
                                         ": cannot create directory: " + ec.message());
        }
        fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    }
    if (fd < 0) throw std::runtime_error(name + ": cannot write: " + std::strerror(errno));
    try {
        write_all(fd, data, name);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0)
        throw std::runtime_error(name + ": close failed: " + std::strerror(errno));
    files_.fetch_add(1, std::memory_order_relaxed);
    bytes_.fetch_add(data.size(), std::memory_order_relaxed);
}

void OutputDir::commit(bool remove_old_in_background) {
    fs::path old = final_;
    old += ".old-" + std::to_string(::getpid());
    std::error_code ec;
    const bool had_old = fs::exists(final_, ec);
    if (!had_old) {
        fs::rename(temp_, final_);
        committed_ = true;
        return;
    }
    // One atomic step: "<out>" is the new site and the temporary name holds the old one.
    if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, final_.c_str(), RENAME_EXCHANGE) == 0) {
        committed_ = true;
        if (fault_hook) fault_hook("exchanged");
        fs::rename(temp_, old);
    } else if (errno == EINVAL || errno == ENOSYS) {
        // A file system without exchange: two renames (a kill between them is repaired by the
        // next build, which puts "<out>.old-*" back).
        fs::rename(final_, old);
        try {
            fs::rename(temp_, final_);
        } catch (...) {
            fs::rename(old, final_);
            throw;
        }
        committed_ = true;
    } else {
        throw std::runtime_error(final_.string() +
                                 ": cannot swap the new site in: " + std::strerror(errno));
    }
    if (!remove_old_in_background || !remove_in_background(old)) {
        std::error_code ignore;
        fs::remove_all(old, ignore);
    }
}

}  // namespace xasite::site
