#include "generator/authoring/watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace xasite::authoring {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                                IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_ONLYDIR |
                                IN_DONT_FOLLOW | IN_EXCL_UNLINK;

bool ends_with(const std::string& s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

bool is_scratch_name(const std::string& name) {
    return name.empty() || name.front() == '.' || name.back() == '~' || ends_with(name, ".swp") ||
           ends_with(name, ".swx") || name == "4913" || name.front() == '#';
}

ContentWatcher::ContentWatcher(fs::path root)
    : root_(std::move(root)),
      inotify_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)),
      wake_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (!inotify_) throw std::system_error(errno, std::generic_category(), "inotify_init1");
    if (!wake_) throw std::system_error(errno, std::generic_category(), "eventfd");
    add_tree(root_);
}

void ContentWatcher::add_tree(const fs::path& dir) {
    const int wd = ::inotify_add_watch(inotify_.get(), dir.c_str(), kMask);
    if (wd < 0) {
        const int e = errno;
        if (e == ENOENT || e == ENOTDIR) return;  // gone again, or a link: nothing to watch
        throw std::system_error(e, std::generic_category(),
                                "inotify_add_watch " + dir.string() +
                                    (e == ENOSPC ? " (raise fs.inotify.max_user_watches)" : ""));
    }
    folders_[wd] = dir.lexically_relative(root_);
    std::error_code ec;
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
        std::error_code sec;
        if (it->is_directory(sec) && !it->is_symlink(sec) &&
            !is_scratch_name(it->path().filename().string()))
            add_tree(it->path());
    }
}

bool ContentWatcher::read_events(std::vector<fs::path>& changes) {
    alignas(inotify_event) std::array<char, 16384> buf;
    bool any = false;
    for (;;) {
        const ssize_t n = ::read(inotify_.get(), buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return any;  // EAGAIN: drained
        }
        if (n == 0) return any;
        for (ssize_t off = 0; off < n;) {
            const auto* ev = reinterpret_cast<const inotify_event*>(buf.data() + off);
            off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
            if (ev->mask & IN_Q_OVERFLOW) {  // events lost: treat as a change of everything
                changes.emplace_back(".");
                any = true;
                continue;
            }
            auto folder = folders_.find(ev->wd);
            if (folder == folders_.end()) continue;
            if (ev->mask & IN_IGNORED) {  // the folder was removed (or unmounted)
                folders_.erase(folder);
                continue;
            }
            const std::string name = ev->len ? std::string(ev->name) : std::string();
            if (ev->len && is_scratch_name(name)) continue;
            const fs::path rel = name.empty() ? folder->second : folder->second / name;
            if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)))
                add_tree(root_ / rel);                // and everything already inside it
            if (ev->mask & IN_DELETE_SELF) continue;  // the parent reports the deletion
            changes.push_back(rel.lexically_normal());
            any = true;
        }
    }
}

std::vector<fs::path> ContentWatcher::wait(std::chrono::milliseconds quiet,
                                           std::chrono::milliseconds timeout,
                                           std::chrono::milliseconds max_wait) {
    std::vector<fs::path> changes;
    std::array<pollfd, 2> fds{pollfd{inotify_.get(), POLLIN, 0}, pollfd{wake_.get(), POLLIN, 0}};
    const auto deadline = Clock::now() + timeout;
    Clock::time_point first{}, last{};
    for (;;) {
        const auto now = Clock::now();
        Clock::time_point until;
        if (changes.empty())
            until = deadline;
        else
            until = std::min(last + quiet, first + max_wait);
        if (now >= until) break;
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - now);
        const int r = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
        if (r < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "poll");
        }
        if (fds[1].revents & POLLIN) return {};
        if (r > 0 && (fds[0].revents & POLLIN)) {
            const bool had = !changes.empty();
            if (read_events(changes)) {
                last = Clock::now();
                if (!had) first = last;
            }
        }
    }
    std::sort(changes.begin(), changes.end());
    changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
    return changes;
}

void ContentWatcher::stop() {
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_.get(), &one, sizeof one);
}

}  // namespace xasite::authoring
