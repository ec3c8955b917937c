// Errors about bad input: they name the file (and the line or record) and what is wrong.
// Commands catch InputError at the top, print what() on stderr and exit with status 1.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace xasite {

class InputError : public std::runtime_error {
  public:
    // "where" is a file path, optionally followed by ":line" or " record N"; "what" says what is
    // wrong.
    InputError(const std::string& where, const std::string& what)
        : std::runtime_error(where.empty() ? what : where + ": " + what) {}
    explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

// "path:line" (line is 1-based; 0 means no line).
inline std::string location(const std::filesystem::path& file, std::size_t line = 0) {
    std::string s = file.string();
    if (line > 0) {
        s.push_back(':');
        s.append(std::to_string(line));
    }
    return s;
}

}  // namespace xasite
