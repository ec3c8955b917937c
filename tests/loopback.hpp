// Loopback servers for tests and benchmarks (nginx, xasite serve, xapian-tcpsrv): one free port,
// whether something accepts connections on one, and a server started on one as a child process
// of its own process group, stopped with its children when it goes.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace xasite::loopback {

// A port of 127.0.0.1 nothing listens on now (the kernel's choice for port 0); 0 when none.
inline unsigned free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    unsigned port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

// Whether a connection to 127.0.0.1:port is accepted.
inline bool accepts(unsigned port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

// A child process, stopped (SIGTERM, then waited for) when this goes.
class Child {
  public:
    explicit Child(std::vector<std::string> argv) {
        std::vector<char*> args;
        for (auto& a : argv)
            args.push_back(a.data());
        args.push_back(nullptr);
        // In a process group of its own: a server such as xapian-tcpsrv stops its forked children
        // by signalling its group, which must not be the caller's.
        // Its forked children, orphaned when it stops, are reaped here (not left as zombies of
        // an init that may not reap).
        ::prctl(PR_SET_CHILD_SUBREAPER, 1);
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attr, 0);
        if (posix_spawnp(&pid_, args[0], nullptr, &attr, args.data(), environ) != 0) pid_ = -1;
        posix_spawnattr_destroy(&attr);
    }
    ~Child() { stop(); }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    bool running() const { return pid_ > 0; }
    void stop() {
        if (pid_ <= 0) return;
        ::kill(-pid_, SIGTERM);  // it and the children it forked
        int status = 0;
        ::waitpid(pid_, &status, 0);
        while (::waitpid(-pid_, &status, 0) > 0) {
        }
        pid_ = -1;
    }

  private:
    pid_t pid_ = -1;
};

// A server listening on a free port of 127.0.0.1 (`make` builds its command line from the port);
// retried on another port when it does not come up (the port was taken meanwhile).
struct Server {
    std::unique_ptr<Child> child;
    unsigned port = 0;
    template <class Make>
    explicit Server(Make make) {
        for (int attempt = 0; attempt < 5 && !child; ++attempt) {
            port = free_port();
            auto c = std::make_unique<Child>(make(port));
            for (int i = 0; i < 100 && c->running() && !accepts(port); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            if (c->running() && accepts(port)) child = std::move(c);
        }
    }
};

inline Server xapian_tcpsrv(const std::filesystem::path& db) {
    return Server([&](unsigned port) {
        return std::vector<std::string>{"xapian-tcpsrv",      "--quiet",     "--port",
                                        std::to_string(port), "--interface", "127.0.0.1",
                                        db.string()};
    });
}

}  // namespace xasite::loopback
