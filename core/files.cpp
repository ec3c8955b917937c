#include "core/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/text.hpp"

namespace xasite {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path.string(), std::string("cannot read file: ") + std::strerror(errno));
    std::string data;
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    if (size > 0) {
        data.resize(static_cast<std::size_t>(size));
        in.seekg(0);
        in.read(data.data(), size);
    }
    if (!in && !in.eof()) throw InputError(path.string(), "read error");
    return data;
}

std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset) {
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++col;
        }
    }
    return {line, col};
}

void require_utf8(std::string_view text, const std::filesystem::path& path) {
    if (auto bad = text::find_invalid_utf8(text)) {
        auto [line, col] = line_col(text, *bad);
        throw InputError(location(path, line), "invalid UTF-8 at column " + std::to_string(col) +
                                                   " (byte offset " + std::to_string(*bad) + ")");
    }
}

std::string read_text_file(const std::filesystem::path& path) {
    std::string data = read_file(path);
    if (data.size() >= 3 && static_cast<unsigned char>(data[0]) == 0xEF &&
        static_cast<unsigned char>(data[1]) == 0xBB && static_cast<unsigned char>(data[2]) == 0xBF)
        data.erase(0, 3);
    require_utf8(data, path);
    return text::nfc(data);
}

nlohmann::json parse_json(std::string_view text, const std::filesystem::path& path) {
    require_utf8(text, path);
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        auto [line, col] = line_col(text, offset);
        std::string what = e.what();
        // nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 2:
        // ..."
        auto colon = what.find(": ", what.find("parse error"));
        std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
        if (offset >= text.size()) detail = "unexpected end of file (truncated JSON?): " + detail;
        throw InputError(location(path, line) + ":" + std::to_string(col),
                         "malformed JSON: " + detail);
    } catch (const nlohmann::json::exception& e) {
        // e.g. a number too large to represent (1e999)
        throw InputError(path.string(), std::string("malformed JSON: ") + e.what());
    }
}

nlohmann::json read_json_file(const std::filesystem::path& path) {
    return parse_json(read_file(path), path);
}

void write_all(int fd, std::string_view data, const std::string& name) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error(name + ": write failed: " + std::strerror(errno));
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

void write_file_atomic(const std::filesystem::path& path, std::string_view data) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
        throw std::runtime_error(path.parent_path().string() +
                                 ": cannot create directory: " + ec.message());
    std::filesystem::path tmp = path;
    tmp += ".tmp-" + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error(tmp.string() + ": cannot write: " + std::strerror(errno));
    try {
        write_all(fd, data, tmp.string());
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        throw std::runtime_error(tmp.string() + ": close failed: " + std::strerror(errno));
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        ::unlink(tmp.c_str());
        throw std::runtime_error(path.string() + ": cannot rename into place: " + ec.message());
    }
}

}  // namespace xasite
