#include "generator/site/output.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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

// Removes "<final>.old-*" siblings left by earlier builds (only directories xasite built).
void sweep_old_builds(const fs::path& final_dir) {
    std::error_code ec;
    const std::string prefix = final_dir.filename().string() + ".old-";
    for (const auto& e : fs::directory_iterator(final_dir.parent_path(), ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || !e.is_directory()) continue;
        if (!fs::exists(e.path() / kSiteMarker)) continue;
        std::error_code ignore;
        fs::remove_all(e.path(), ignore);
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
    sweep_old_builds(final_);
    temp_ = final_;
    temp_ += ".tmp-" + std::to_string(::getpid());
    std::error_code ec;
    fs::remove_all(temp_, ec);  // a leftover from a crashed build with the same pid
    fs::create_directory(temp_);
    write(kSiteMarker,
          "This directory was built by xasite. `xasite build` replaces it as a whole.\n");
}

OutputDir::~OutputDir() {
    if (!committed_) {
        std::error_code ec;
        fs::remove_all(temp_, ec);
    }
}

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
    bool had_old = fs::exists(final_);
    if (had_old) fs::rename(final_, old);
    try {
        fs::rename(temp_, final_);
    } catch (...) {
        if (had_old) fs::rename(old, final_);
        throw;
    }
    committed_ = true;
    if (had_old) {
        if (!remove_old_in_background || !remove_in_background(old)) {
            std::error_code ec;
            fs::remove_all(old, ec);
        }
    }
}

}  // namespace xasite::site
