// Reading input files and writing output files, with errors that name the file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace xasite {

// Reads a whole file. Throws InputError naming the file if it cannot be read.
std::string read_file(const std::filesystem::path& path);

// Reads a text file that must be valid UTF-8; returns it in NFC. A UTF-8 BOM is dropped.
// Throws InputError "file:line: invalid UTF-8 (byte offset N)" otherwise.
std::string read_text_file(const std::filesystem::path& path);

// Checks text that came from `path` is valid UTF-8; throws InputError with line and offset if not.
void require_utf8(std::string_view text, const std::filesystem::path& path);

// 1-based line and column of a byte offset.
std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset);

// Parses JSON; on a syntax error throws InputError "file:line:col: malformed JSON: ...".
// Also rejects invalid UTF-8 (with its line) before parsing.
nlohmann::json parse_json(std::string_view text, const std::filesystem::path& path);
nlohmann::json read_json_file(const std::filesystem::path& path);

// Writes a file (creating parent directories), replacing it atomically: the bytes go to a
// temporary sibling "<name>.tmp-<pid>", which is then renamed over the target. Throws
// std::runtime_error naming the file on failure (the temporary file is removed). The target gets a
// new inode: a hard link to the old file (a previous archive package) keeps its bytes. Nothing is
// fsync'ed (no writer of the project did).
void write_file_atomic(const std::filesystem::path& path, std::string_view data);

// Writes all of `data` to an open file descriptor, retrying short writes and EINTR. Throws
// std::runtime_error "name: write failed: <reason>".
void write_all(int fd, std::string_view data, const std::string& name);

}  // namespace xasite
