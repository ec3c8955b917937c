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
    // The same, also said in Vietnamese for commune staff (`what_vi`): the errors of the files
    // staff write (pages, their pictures and attachments).
    InputError(const std::string& where, const std::string& what, const std::string& what_vi)
        : std::runtime_error(where.empty() ? what : where + ": " + what),
          vi_(where.empty() ? what_vi : where + ": " + what_vi) {}
    explicit InputError(const std::string& message) : std::runtime_error(message) {}

    // The message in Vietnamese where one was given, else the English one (operators' errors).
    std::string vi() const { return vi_.empty() ? std::string(what()) : vi_; }
    bool has_vi() const { return !vi_.empty(); }

  private:
    std::string vi_;
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
