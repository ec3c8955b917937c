// Helpers shared by the test suites: where the real data lives, scratch directories, running the
// xasite binary.
#pragma once

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace xasite::testing {

inline std::filesystem::path source_dir() {
    return XASITE_SOURCE_DIR;
}
inline std::filesystem::path shared_dir() {
    return XASITE_SHARED_DIR;
}
inline std::filesystem::path fixtures_dir() {
    return source_dir() / "tests" / "fixtures";
}
inline std::filesystem::path content_dir() {
    return source_dir() / "content";
}
#ifdef XASITE_BINARY  // tests declared with CLI (tests/CMakeLists.txt)
inline std::filesystem::path xasite_binary() {
    return XASITE_BINARY;
}
#endif

// Skips the current test when ../shared is not present (the copies in content/ still run).
#define XASITE_REQUIRE_SHARED()                                                             \
    do {                                                                                    \
        if (!std::filesystem::exists(::xasite::testing::shared_dir() / "data"))             \
            GTEST_SKIP() << "shared data not found at " << ::xasite::testing::shared_dir(); \
    } while (0)

// A scratch directory removed when the object goes out of scope.
class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("xasite-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& s) const { return path_ / s; }

  private:
    std::filesystem::path path_;
};

struct CommandResult {
    int exit_code = -1;
    std::string out;  // stdout and stderr, merged
};

// Runs a shell command line, capturing stdout and stderr.
inline CommandResult run_command(const std::string& command) {
    CommandResult r;
    std::string full = command + " 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(full.c_str(), "r"), pclose);
    if (!pipe) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0)
        r.out.append(buf.data(), n);
    int status = pclose(pipe.release());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

inline std::string quote(const std::filesystem::path& p) {
    return "'" + p.string() + "'";
}

}  // namespace xasite::testing
