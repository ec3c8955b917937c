// serve benchmark helper (bench/run.sh, BENCH_ONLY=serve), against any HTTP server on loopback:
//   serve_probe slow PORT PATH N        N connections send part of a request line and trickle a
//                                       byte; then the latency of normal requests for PATH
//   serve_probe download PORT PATH K PID  K parallel downloads of PATH; PID's VmRSS before and
//                                       at its peak during them
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/unique_fd.hpp"

using xasite::UniqueFd;
using Clock = std::chrono::steady_clock;

namespace {

UniqueFd connect_to(int port) {
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (!fd || ::connect(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
        return UniqueFd();
    return fd;
}

bool send_all(int fd, const std::string& s) {
    for (std::size_t sent = 0; sent < s.size();) {
        ssize_t n = ::send(fd, s.data() + sent, s.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

// Body bytes of GET path ("Connection: close"), -1 on failure or a non-200 answer; timeout 5 s
// without a byte.
long long fetch(int port, const std::string& path) {
    UniqueFd fd = connect_to(port);
    if (!fd || !send_all(fd.get(), "GET " + path +
                                       " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
        return -1;
    std::string head;
    long long body = -1;
    static thread_local char buf[1 << 16];
    for (;;) {
        pollfd p{fd.get(), POLLIN, 0};
        if (::poll(&p, 1, 5000) <= 0) return -1;
        ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
        if (n <= 0) break;
        if (body < 0) {
            head.append(buf, static_cast<std::size_t>(n));
            auto end = head.find("\r\n\r\n");
            if (end == std::string::npos) continue;
            if (head.compare(0, 12, "HTTP/1.1 200") != 0) return -1;
            body = static_cast<long long>(head.size() - end - 4);
        } else {
            body += n;
        }
    }
    return body;
}

long rss_kib(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

int slow(int port, const std::string& path, int n) {
    rlimit r{};
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
    std::vector<UniqueFd> conns;
    int opened = 0;
    for (int i = 0; i < n; ++i) {
        UniqueFd fd = connect_to(port);
        if (!fd || !send_all(fd.get(), "GET " + path + " HT")) continue;
        conns.push_back(std::move(fd));
        ++opened;
    }
    std::vector<double> ms;
    int failed = 0;
    for (int round = 0; round < 20; ++round) {
        for (auto& fd : conns)
            send_all(fd.get(), round % 2 ? "T" : "");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        auto t0 = Clock::now();
        if (fetch(port, path) < 0) ++failed;
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf(
        "slow clients: opened=%d of %d, then 20 normal requests: failed=%d p50_ms=%.2f "
        "max_ms=%.2f\n",
        opened, n, failed, ms[ms.size() / 2], ms.back());
    return 0;
}

int download(int port, const std::string& path, int k, int pid) {
    const long before = rss_kib(pid);
    std::atomic<long> peak{before};
    std::atomic<bool> done{false};
    std::thread sampler([&] {
        while (!done) {
            peak = std::max(peak.load(), rss_kib(pid));
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    std::vector<long long> got(static_cast<std::size_t>(k));
    std::vector<std::thread> clients;
    auto t0 = Clock::now();
    for (int i = 0; i < k; ++i)
        clients.emplace_back([&, i] { got[static_cast<std::size_t>(i)] = fetch(port, path); });
    for (auto& t : clients)
        t.join();
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    done = true;
    sampler.join();
    long long total = 0;
    for (long long g : got)
        total += std::max(0ll, g);
    std::printf(
        "%d parallel downloads: bytes_each=%lld wall_s=%.2f rss_before_mib=%.1f rss_peak_mib=%.1f "
        "rss_growth_mib=%.1f\n",
        k, got.empty() ? 0 : got[0], s, before / 1024.0, peak / 1024.0, (peak - before) / 1024.0);
    return total == got[0] * k ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "slow" && argc == 5) return slow(std::stoi(argv[2]), argv[3], std::stoi(argv[4]));
    if (mode == "download" && argc == 6)
        return download(std::stoi(argv[2]), argv[3], std::stoi(argv[4]), std::stoi(argv[5]));
    std::fprintf(stderr, "usage: serve_probe slow PORT PATH N | download PORT PATH K PID\n");
    return 2;
}
