// `xasite serve` as a process (the binary, spawned): SIGTERM lets a download under way finish and
// exits 0; four parallel downloads of a 200 MB file leave the resident memory flat (the files
// are streamed from disk, never read whole).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <regex>
#include <thread>

#include "core/files.hpp"
#include "raw_http.hpp"
#include "test_support.hpp"

extern char** environ;

using namespace xasite;
using namespace xasite::testing;
namespace fs = std::filesystem;

namespace {

// A spawned `xasite serve --port 0` over `site`; its stderr goes to a file, where the port is
// read from the "serving … at http://127.0.0.1:PORT/" line.
class ServeProcess {
  public:
    ServeProcess(const fs::path& site, const fs::path& log_file) : log_(log_file) {
        std::vector<std::string> args = {XASITE_BINARY, "serve",  "--site",
                                         site.string(), "--port", "0"};
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 2, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        if (posix_spawn(&pid_, XASITE_BINARY, &fa, nullptr, argv.data(), environ) != 0) pid_ = -1;
        posix_spawn_file_actions_destroy(&fa);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        std::regex serving(R"(at http://127\.0\.0\.1:(\d+)/)");
        while (pid_ > 0 && port_ < 0 && std::chrono::steady_clock::now() < deadline) {
            std::smatch m;
            const std::string text = read_file(log_file);
            if (std::regex_search(text, m, serving))
                port_ = std::stoi(m[1]);
            else
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    ~ServeProcess() {
        if (pid_ > 0 && !reaped_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    // The exit status, or -1 when it has not exited within `timeout`.
    int wait_exit(std::chrono::seconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                reaped_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return -1;
    }
    long rss_kib() const {
        std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
        std::string line;
        while (std::getline(in, line))
            if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
        return -1;
    }
    std::string log() const { return read_file(log_); }

  private:
    static std::string read_file(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    fs::path log_;
    pid_t pid_ = -1;
    int port_ = -1;
    bool reaped_ = false;
};

void make_sparse(const fs::path& p, off_t size) {
    int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(ftruncate(fd, size), 0);
    ::close(fd);
}

// Reads the whole answer to GET `path`; the number of body bytes (-1 on a failure).
long long download(int port, const std::string& path, std::atomic<bool>* started = nullptr,
                   std::chrono::milliseconds pause = {}) {
    UniqueFd fd = connect_loopback(port);
    if (!fd ||
        !send_all(fd.get(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        return -1;
    int small = 64 * 1024;
    if (pause.count() > 0) setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    std::string head;
    long long body = 0;
    char buf[65536];
    bool in_body = false;
    for (;;) {
        ssize_t n = ::recv(fd.get(), buf, pause.count() > 0 ? 16384 : sizeof buf, 0);
        if (n <= 0) break;
        if (!in_body) {
            head.append(buf, static_cast<std::size_t>(n));
            auto end = head.find("\r\n\r\n");
            if (end == std::string::npos) continue;
            if (head.rfind("HTTP/1.1 200", 0) != 0) return -1;
            in_body = true;
            body = static_cast<long long>(head.size() - end - 4);
        } else {
            body += n;
        }
        if (started) *started = true;
        if (pause.count() > 0) std::this_thread::sleep_for(pause);
    }
    return body;
}

TEST(ServeProcess, SigtermLetsTheDownloadFinishAndExitsZero) {
    TempDir dir;
    write_file_atomic(dir / "site/index.html", "<!DOCTYPE html><title>x</title>");
    const off_t size = 8 << 20;
    make_sparse(dir / "site/big.bin", size);
    ServeProcess server(dir / "site", dir / "serve.log");
    ASSERT_GT(server.port(), 0) << server.log();
    std::atomic<bool> started{false};
    long long got = 0;
    // a slow reader: ~16 KiB every 2 ms with a small receive buffer (about 2 s in all)
    std::thread client(
        [&] { got = download(server.port(), "/big.bin", &started, std::chrono::milliseconds(2)); });
    while (!started)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_EQ(kill(server.pid(), SIGTERM), 0);
    // no new connection is answered while it drains
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(http_request(server.port(), "GET", "/index.html").status, 0);
    client.join();
    EXPECT_EQ(got, static_cast<long long>(size));
    EXPECT_EQ(server.wait_exit(std::chrono::seconds(15)), 0) << server.log();
    EXPECT_NE(server.log().find("\"GET /big.bin HTTP/1.1\" 200 " + std::to_string(size)),
              std::string::npos)
        << server.log();
}

TEST(ServeProcess, ParallelDownloadsOfABigFileKeepMemoryFlat) {
    TempDir dir;
    write_file_atomic(dir / "site/index.html", "<!DOCTYPE html><title>x</title>");
    const off_t size = 200ll << 20;
    make_sparse(dir / "site/big.bin", size);
    ServeProcess server(dir / "site", dir / "serve.log");
    ASSERT_GT(server.port(), 0) << server.log();
    const long before = server.rss_kib();
    std::atomic<long> peak{before};
    std::atomic<bool> done{false};
    std::thread sampler([&] {
        while (!done) {
            peak = std::max(peak.load(), server.rss_kib());
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    std::vector<std::thread> clients;
    std::vector<long long> got(4, 0);
    for (int i = 0; i < 4; ++i)
        clients.emplace_back(
            [&, i] { got[static_cast<std::size_t>(i)] = download(server.port(), "/big.bin"); });
    for (auto& t : clients)
        t.join();
    done = true;
    sampler.join();
    for (long long g : got)
        EXPECT_EQ(g, static_cast<long long>(size));
    const long growth_mib = (peak - before) / 1024;
    RecordProperty("rss_growth_mib", static_cast<int>(growth_mib));
    EXPECT_LT(growth_mib, 32) << "before " << before << " KiB, peak " << peak << " KiB";
}

}  // namespace
