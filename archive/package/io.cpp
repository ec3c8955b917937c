#include "archive/package/io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "core/error.hpp"
#include "core/files.hpp"

namespace xasite::archive {

FileInput::FileInput(const std::filesystem::path& path) : path_(path) {
    fd_ = UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd_.get() < 0)
        throw InputError(path.string(), std::string("cannot open: ") + std::strerror(errno));
}

std::size_t FileInput::read(char* buf, std::size_t n) {
    for (;;) {
        ssize_t r = ::read(fd_.get(), buf, n);
        if (r >= 0) return static_cast<std::size_t>(r);
        if (errno == EINTR) continue;
        throw InputError(path_.string(), std::string("read error: ") + std::strerror(errno));
    }
}

std::size_t MemoryInput::read(char* buf, std::size_t n) {
    std::size_t k = std::min(n, data_.size());
    if (k > 0) std::memcpy(buf, data_.data(), k);
    data_.remove_prefix(k);
    return k;
}

FileOutput::FileOutput(const std::filesystem::path& path) : path_(path) {
    fd_ = UniqueFd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (fd_.get() < 0)
        throw std::runtime_error(path.string() + ": cannot create: " + std::strerror(errno));
}

FileOutput::~FileOutput() = default;

void FileOutput::write(std::string_view data) {
    write_all(fd_.get(), data, path_.string());
}

void FileOutput::close() {
    int fd = fd_.release();
    if (fd >= 0 && ::close(fd) != 0)
        throw std::runtime_error(path_.string() + ": write error: " + std::strerror(errno));
}

std::string read_small_file(const std::filesystem::path& path, std::size_t limit) {
    FileInput in(path);
    std::string out;
    char buf[65536];
    for (;;) {
        std::size_t n = in.read(buf, sizeof buf);
        if (n == 0) break;
        out.append(buf, n);
        if (out.size() > limit)
            throw InputError(path.string(),
                             "file too large (over " + std::to_string(limit) + " bytes)");
    }
    return out;
}

void write_new_file(const std::filesystem::path& path, std::string_view data) {
    FileOutput out(path);
    out.write(data);
    out.close();
}

void remove_tree_quietly(const std::filesystem::path& path) noexcept {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

}  // namespace xasite::archive
