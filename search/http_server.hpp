// `xasite serve`: the built sites over HTTP (cpp-httplib, multi-threaded), with security headers on
// every response and one log line per request.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

namespace xasite::search {

struct ServeOptions {
    std::filesystem::path site_dir = "site";
    std::string host = "127.0.0.1";
    int port = 8080;     // 0 = any free port
    bool quiet = false;  // no request log
};

// The server object: bind() then listen() (blocking, from any thread); stop() from another thread.
class SiteServer {
  public:
    SiteServer(ServeOptions options, std::ostream& log);
    ~SiteServer();
    SiteServer(const SiteServer&) = delete;
    SiteServer& operator=(const SiteServer&) = delete;
    // Returns the bound port, or -1 (message on the log) when the site is missing or the port is
    // taken.
    int bind();
    bool listen();
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Serves until interrupted (SIGINT/SIGTERM). Returns 1 when the site is missing or the port
// cannot be bound.
int run_serve(const ServeOptions& options, std::ostream& log);

// The headers added to every response (Content-Security-Policy etc.).
const char* content_security_policy();

}  // namespace xasite::search
