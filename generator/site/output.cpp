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
#include <set>
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
    const std::string igen = index + ".g-", ilink = index + ".link-";
    std::vector<fs::path> olds, sweep, generations;
    for (const auto& e : fs::directory_iterator(final_dir.parent_path(), ec)) {
        const std::string n = e.path().filename().string();
        std::error_code te;
        if (!e.is_directory(te) || e.is_symlink(te)) continue;
        if (has_prefix(n, old) || has_prefix(n, tmp)) {
            if (!fs::exists(e.path() / kSiteMarker, te)) continue;  // not a tree xasite built
            (has_prefix(n, old) ? olds : sweep).push_back(e.path());
        } else if (has_prefix(n, itmp) || has_prefix(n, iold) || has_prefix(n, ilink)) {
            sweep.push_back(e.path());
        } else if (has_prefix(n, igen)) {
            generations.push_back(e.path());
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
    // Index generations the site does not name: of builds killed before their site was swapped
    // in, or replaced ones a killed build did not get to remove (point_index_link below).
    const fs::path current = search::index_path_for(final_dir).filename();
    for (const auto& g : generations)
        if (g.filename() != current) sweep.push_back(g);
    point_index_link(final_dir);
    for (const auto& p : sweep) {
        std::error_code ignore;
        fs::remove_all(p, ignore);
    }
}

}  // namespace

OutputLock::OutputLock(const fs::path& given) : final_(fs::absolute(given).lexically_normal()) {
    if (final_.filename().empty()) final_ = final_.parent_path();
    if (final_ == final_.root_path())
        throw InputError(given.string(), "refusing to write a site to the root directory");
    if (fs::exists(final_)) {
        if (!fs::is_directory(final_))
            throw InputError(given.string(), "output path exists and is not a directory");
        if (!is_empty_dir(final_) && !fs::exists(final_ / kSiteMarker))
            throw InputError(
                given.string(),
                std::string(
                    "refusing to replace a non-empty directory that xasite did not build (no ") +
                    kSiteMarker + " marker)");
    }
    fs::create_directories(final_.parent_path());
    // One build per output at a time (the lock ends with the process, however it ends).
    lock_path_ = final_;
    lock_path_ += ".lock";
    fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
        throw InputError(lock_path_.string(), std::string("cannot open the output's lock file: ") +
                                                  std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd_);
        fd_ = -1;
        throw InputError(given.string(),
                         "another xasite build is writing this output now (it holds " +
                             lock_path_.string() + "); wait for it to finish");
    }
    repair_and_sweep(final_);
}

OutputLock::OutputLock(OutputLock&& other) noexcept
    : final_(std::move(other.final_)), lock_path_(std::move(other.lock_path_)), fd_(other.fd_) {
    other.fd_ = -1;
}

OutputLock::~OutputLock() {
    if (fd_ >= 0) ::close(fd_);
}

void point_index_link(const fs::path& out_dir) {
    const fs::path link = search::legacy_index_path_for(out_dir);
    const fs::path named = search::index_path_for(out_dir);
    std::error_code ec;
    if (named == link || !fs::is_directory(named, ec)) return;  // no generation named
    const fs::path target = named.filename();
    const bool right =
        fs::is_symlink(fs::symlink_status(link, ec)) && fs::read_symlink(link, ec) == target;
    if (!right) {
        fs::path tmp = link;
        tmp += ".link-" + std::to_string(::getpid());
        fs::remove(tmp, ec);
        fs::create_directory_symlink(target, tmp, ec);
        if (ec) return;
        if (fs::is_directory(fs::symlink_status(link, ec))) {
            if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, link.c_str(), RENAME_EXCHANGE) == 0)
                fs::remove_all(tmp, ec);  // now the old directory
            else
                fs::remove(tmp, ec);
        } else if (::rename(tmp.c_str(), link.c_str()) != 0) {
            fs::remove(tmp, ec);
        }
    }
    const std::string stem = link.filename().string() + ".g-";
    const fs::path parent = link.has_parent_path() ? link.parent_path() : fs::path(".");
    for (const auto& e : fs::directory_iterator(parent, ec)) {
        std::string n = e.path().filename().string();
        if (n.compare(0, stem.size(), stem) == 0 && n != target.string()) {
            std::error_code ignore;
            fs::remove_all(e.path(), ignore);
        }
    }
}

std::string site_marker_text(const std::string& index_name) {
    std::string text =
        "This directory was built by xasite. `xasite build` updates or replaces it as a whole.\n";
    if (!index_name.empty()) text += "index: " + index_name + "\n";
    return text;
}

void OutputDir::make_staging() {
    temp_ = final_;
    temp_ += ".tmp-" + std::to_string(::getpid());
    std::error_code ec;
    fs::remove_all(temp_, ec);  // a leftover from a crashed build with the same pid
    fs::create_directory(temp_);
}

OutputDir::OutputDir(const fs::path& final_dir) : OutputDir(OutputLock(final_dir)) {}

OutputDir::OutputDir(OutputLock lock) : lock_(std::move(lock)), final_(lock_.final_dir()) {
    make_staging();
    write(kSiteMarker, site_marker_text(""));
}

OutputDir::OutputDir(OutputLock lock, InPlace in_place)
    : lock_(std::move(lock)),
      final_(lock_.final_dir()),
      in_place_(true),
      verify_(in_place.verify),
      previous_(std::move(in_place.previous)) {
    if (!fs::exists(final_ / kSiteMarker))
        throw InputError(final_.string(), "no site to update in place");
    make_staging();
    // The staging folder carries the marker, so the sweep of a later build removes it.
    write_file_atomic(temp_ / kSiteMarker, "Files of an xasite build on their way into place.\n");
    // Marks the site as being changed; removed last by commit().
    write_file_atomic(final_ / kIncompleteFile, std::to_string(::getpid()) + "\n");
    produced_.reserve(previous_.size() + 16);
    // The marker stays what it is.
    if (auto it = previous_.find(kSiteMarker); it != previous_.end())
        produced_.emplace(kSiteMarker, it->second);
}

OutputDir::~OutputDir() {
    if (!committed_ && !temp_.empty()) {
        std::error_code ec;
        fs::remove_all(temp_, ec);
    }
}

void (*OutputDir::fault_hook)(const char* step) = nullptr;

void OutputDir::write_file(const fs::path& path, std::string_view data) {
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
}

void OutputDir::write(std::string_view relative, std::string_view data) {
    if (relative.empty() || relative.front() == '/' ||
        relative.find("..") != std::string_view::npos)
        throw std::runtime_error("refusing to write outside the output directory: " +
                                 std::string(relative));
    files_.fetch_add(1, std::memory_order_relaxed);
    bytes_.fetch_add(data.size(), std::memory_order_relaxed);
    const OutputStamp stamp{output_hash(data), data.size()};
    if (!in_place_) {
        write_file(temp_ / fs::path(relative), data);
        written_.fetch_add(1, std::memory_order_relaxed);
        std::lock_guard<std::mutex> lock(produced_mutex_);
        produced_[std::string(relative)] = stamp;
        return;
    }
    const std::string rel(relative);
    const fs::path target = final_ / fs::path(rel);
    {
        std::lock_guard<std::mutex> lock(produced_mutex_);
        produced_[rel] = stamp;
    }
    if (!verify_) {
        // The manifest says the site holds these bytes; a file removed or cut short by hand since
        // (its size on disk differs) is written again.
        auto it = previous_.find(rel);  // read-only after construction: no lock needed
        struct stat st {};
        if (it != previous_.end() && it->second == stamp && ::stat(target.c_str(), &st) == 0 &&
            S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) == stamp.size)
            return;
    } else {
        std::error_code ec;
        if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == data.size() && !ec) {
            try {
                if (read_file(target) == data) return;
            } catch (const std::exception&) {
                // unreadable: written again below
            }
        }
    }
    // Staged beside the site, then renamed over the old file in one step.
    const fs::path staged = temp_ / std::to_string(staged_.fetch_add(1));
    write_file(staged, data);
    if (::rename(staged.c_str(), target.c_str()) != 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR || e == EISDIR) {
            std::error_code ec;
            fs::path parent = target.parent_path();
            // A file where a folder must now be (or the reverse): the old one goes.
            for (fs::path p = parent; p != final_ && !p.empty(); p = p.parent_path())
                if (fs::is_regular_file(p, ec)) {
                    fs::remove(p, ec);
                    break;
                }
            if (e == EISDIR) fs::remove_all(target, ec);
            fs::create_directories(parent, ec);
            if (::rename(staged.c_str(), target.c_str()) == 0) {
                written_.fetch_add(1, std::memory_order_relaxed);
                if (fault_hook) fault_hook("replaced");
                return;
            }
            e = errno;
        }
        throw std::runtime_error(target.string() + ": cannot replace: " + std::strerror(e));
    }
    written_.fetch_add(1, std::memory_order_relaxed);
    if (fault_hook) fault_hook("replaced");
}

void OutputDir::commit_in_place() {
    std::error_code ec;
    // Outputs the previous build made and this one did not: kept when their site was not
    // rendered, removed otherwise (content removed, a page renamed).
    std::set<fs::path> emptied;
    auto remove_output = [&](const std::string& rel) {
        fs::path p = final_ / fs::path(rel);
        std::error_code e;
        if (fs::remove(p, e)) {
            ++removed_;
            emptied.insert(p.parent_path());
        }
    };
    for (const auto& [rel, stamp] : previous_) {
        if (produced_.count(rel)) continue;
        if (rel == kManifestFile || rel == kOutputsFile || rel == kIncompleteFile) continue;
        if (keep_ && keep_(rel)) {
            produced_.emplace(rel, stamp);
            continue;
        }
        remove_output(rel);
    }
    if (verify_) {
        // After an interrupted build the manifest may not list what it wrote: every file of the
        // tree that this build neither produced nor kept goes.
        std::vector<std::string> strays;
        for (auto it = fs::recursive_directory_iterator(final_, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (!it->is_regular_file(ec)) continue;
            std::string rel = it->path().lexically_relative(final_).generic_string();
            if (rel == kManifestFile || rel == kOutputsFile || rel == kIncompleteFile) continue;
            if (produced_.count(rel)) continue;
            if (keep_ && keep_(rel)) {
                std::string bytes;
                try {
                    bytes = read_file(it->path());
                } catch (const std::exception&) {
                }
                produced_.emplace(rel, OutputStamp{output_hash(bytes), bytes.size()});
                continue;
            }
            strays.push_back(rel);
        }
        for (const auto& rel : strays)
            remove_output(rel);
    }
    // Folders left empty by removals go too (deepest first).
    for (auto it = emptied.rbegin(); it != emptied.rend(); ++it)
        for (fs::path p = *it; p != final_ && p.string().size() > final_.string().size();
             p = p.parent_path()) {
            std::error_code e;
            if (!fs::is_empty(p, e) || e || !fs::remove(p, e)) break;
        }
    write_file_atomic(final_ / kOutputsFile, outputs_text(produced_));
    if (!manifest_.empty()) write_file_atomic(final_ / kManifestFile, manifest_);
    if (fault_hook) fault_hook("manifest written");
    fs::remove(final_ / kIncompleteFile, ec);
    committed_ = true;
    fs::remove_all(temp_, ec);
}

void OutputDir::commit(bool remove_old_in_background) {
    if (in_place_) {
        commit_in_place();
        return;
    }
    write_file(temp_ / kOutputsFile, outputs_text(produced_));
    if (!manifest_.empty()) write_file(temp_ / kManifestFile, manifest_);
    fs::path old = final_;
    old += ".old-" + std::to_string(::getpid());
    std::error_code ec;
    const bool had_old = fs::exists(final_, ec);
    if (fault_hook) fault_hook("swapping");
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
