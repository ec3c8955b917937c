// A raw HTTP/1.1 client for the server tests: the exact bytes sent (pipelining, duplicate or
// missing headers, trickled request lines) and the response as received, unparsed by a library.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "core/ascii.hpp"
#include "core/unique_fd.hpp"

namespace xasite::testing {

inline UniqueFd connect_loopback(int port) {
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd) return fd;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return UniqueFd();
    return fd;
}

inline bool send_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

// Everything until the peer closes (or `timeout` passes without a byte).
inline std::string read_until_close(int fd,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::string out;
    char buf[65536];
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) break;
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

struct RawResponse {
    int status = 0;
    std::multimap<std::string, std::string> headers;  // names lower-cased
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
    std::size_t count(const std::string& name) const { return headers.count(name); }
};

// The responses in `raw`, in order (bodies by Content-Length; HEAD/304 bodies are empty when
// `no_body` says so).
inline std::vector<RawResponse> parse_responses(std::string raw, bool no_body = false) {
    std::vector<RawResponse> out;
    while (raw.rfind("HTTP/1.", 0) == 0) {
        auto end = raw.find("\r\n\r\n");
        if (end == std::string::npos) break;
        RawResponse r;
        std::string head = raw.substr(0, end);
        r.status = std::stoi(head.substr(9, 3));
        std::size_t pos = head.find("\r\n");
        while (pos != std::string::npos) {
            std::size_t next = head.find("\r\n", pos + 2);
            std::string line = head.substr(
                pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
            auto colon = line.find(':');
            if (colon != std::string::npos) {
                std::string value = line.substr(colon + 1);
                while (!value.empty() && value.front() == ' ')
                    value.erase(0, 1);
                r.headers.emplace(ascii::lower(line.substr(0, colon)), value);
            }
            pos = next;
        }
        raw.erase(0, end + 4);
        std::size_t length = 0;
        if (!no_body && r.status != 304 && r.count("content-length"))
            length = std::stoull(r.header("content-length"));
        if (!no_body && !r.count("content-length") && r.status != 304) length = raw.size();
        r.body = raw.substr(0, length);
        raw.erase(0, std::min(length, raw.size()));
        out.push_back(std::move(r));
    }
    return out;
}

// One request with "Connection: close" added; its response.
inline RawResponse http_request(int port, const std::string& method, const std::string& target,
                                const std::string& extra_headers = "", bool add_host = true) {
    UniqueFd fd = connect_loopback(port);
    std::string req = method + " " + target + " HTTP/1.1\r\n" +
                      (add_host ? "Host: 127.0.0.1\r\n" : "") + extra_headers +
                      "Connection: close\r\n\r\n";
    if (!fd || !send_all(fd.get(), req)) return {};
    auto all = parse_responses(read_until_close(fd.get()), method == "HEAD");
    return all.empty() ? RawResponse{} : all.front();
}

}  // namespace xasite::testing
