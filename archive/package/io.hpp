// Byte sources and sinks for the archive module: front-to-back readers over files and memory, and
// an exclusive-create file writer. Everything streams in bounded chunks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/unique_fd.hpp"

namespace xasite::archive {

// A byte source read front to back.
class Input {
  public:
    virtual ~Input() = default;
    // Reads up to n bytes; returns 0 only at the end. Throws std::runtime_error naming the source
    // on an I/O error.
    virtual std::size_t read(char* buf, std::size_t n) = 0;
};

using xasite::UniqueFd;  // core/unique_fd.hpp

class FileInput : public Input {
  public:
    // Throws InputError naming the file when it cannot be opened.
    explicit FileInput(const std::filesystem::path& path);
    std::size_t read(char* buf, std::size_t n) override;

  private:
    std::filesystem::path path_;
    UniqueFd fd_;
};

class MemoryInput : public Input {
  public:
    explicit MemoryInput(std::string_view data) : data_(data) {}
    std::size_t read(char* buf, std::size_t n) override;

  private:
    std::string_view data_;
};

// Writes a new file (O_EXCL: never replaces anything). close() reports write errors; the
// destructor closes silently (and the caller removes the file on failure).
class FileOutput {
  public:
    explicit FileOutput(const std::filesystem::path& path);
    ~FileOutput();
    FileOutput(const FileOutput&) = delete;
    FileOutput& operator=(const FileOutput&) = delete;
    void write(std::string_view data);
    void close();
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
    UniqueFd fd_;
};

// Reads a whole (small) file; throws InputError naming it.
std::string read_small_file(const std::filesystem::path& path, std::size_t limit);

// Writes a whole file with FileOutput (the file must not exist).
void write_new_file(const std::filesystem::path& path, std::string_view data);

// Removes a directory tree, ignoring errors (clean-up paths).
void remove_tree_quietly(const std::filesystem::path& path) noexcept;

}  // namespace xasite::archive
