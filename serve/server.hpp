// `xasite serve`: the built sites over HTTP (libmicrohttpd, epoll worker threads; files streamed
// from disk with sendfile, byte ranges, ETag/Last-Modified, gzip), with security headers on
// every response and one log line per request (combined format), plus the search service:
//   GET /api/search?q=&unit=&type=&field=&level=&online=&boundary_free=&limit=&offset=&partial=
//       → JSON (search/response_json.hpp); 400 {"error"} for bad input, 503 without an index
//   GET /api/suggest?q=&unit=&limit= → {"query", "suggestions": [{"title", "url", …}]}
//   GET /<unit-slug>/<search_page_dir>/?q=… (and /<search_page_dir>/?q=… on the province site) →
//       the static search page with server-rendered results at <!--xasite:search-results-->
//       (works without JS)
//   GET /api/old-url?url=… → where an archived site's old address is kept now
//   GET /<archive_dir>/<district>/timemap/link/<url>, …/timegate/<url> → Memento (RFC 7089)
//   GET /healthz → 200 {"status": "ok", …} or 503 naming what is missing (site, index)
//   GET /metrics → Prometheus text exposition (requests by status class, latency, connections)
// The index (index_path_for(site_dir) unless given) is reopened when `xasite build` swaps in a
// new one; the server keeps serving the static sites when there is no index.
//
// The server knows no folder names of the sites: the sections it treats specially are options,
// filled by the command line (generator/cli/serve_command.cpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace xasite::serve {

struct ServeOptions {
    std::filesystem::path site_dir = "site";
    std::string host = "127.0.0.1";
    int port = 8080;                  // 0 = any free port
    bool quiet = false;               // no request log
    std::filesystem::path index_dir;  // default: index_path_for(site_dir)
    std::chrono::milliseconds index_recheck = std::chrono::seconds(1);  // rebuilt-index check
    // libmicrohttpd worker threads, each an epoll loop over its share of the connections (the
    // search runs on them: ~1–10 ms of CPU); 0 = max(4, cores).
    unsigned threads = 0;
    unsigned max_connections = 4096;        // beyond: accepted and closed at once
    unsigned connection_timeout_s = 15;     // a connection idle (or trickling nothing) this long
    std::size_t connection_memory = 32768;  // per connection: request line + headers (431 beyond)
    std::chrono::milliseconds shutdown_grace = std::chrono::seconds(10);  // for answers under way
    // The site sections the server treats specially, as folder names under the output root
    // (one path segment, no slashes). Empty = that treatment is off.
    // archive_dir: the archive views; their pages get the archives' own Content-Security-Policy,
    // and requests for a reclaimed domain are never redirected away from them.
    std::string archive_dir;
    // search_page_dir: the folder of the search pages (the province's and each commune's);
    // its index.html asked with ?q=… is answered with server-rendered results.
    std::string search_page_dir;
    // packages_dir: the preservation packages (content/archives), read for Memento (RFC 7089):
    // the view /<archive_dir>/<district>/ of each package is found by the "unit" of its
    // chuyen-huong/index.json. Then
    //   /<archive_dir>/<district>/timemap/link/<original URL>  a TimeMap (application/link-format)
    //   /<archive_dir>/<district>/timegate/<original URL>      302 to the nearest memento
    // and the archived pages carry Memento-Datetime and Link headers. Empty = off.
    std::filesystem::path packages_dir;
    // Files at the top of the site never served (answered 404): the build's nginx.conf.
    std::vector<std::string> private_files;
};

// The server object: bind() (opens the socket and starts the workers) then listen() (blocks until
// stop(), then stops accepting, lets the answers under way finish — at most shutdown_grace —
// and returns); stop() from another thread or a signal handler (async-signal-safe).
class SiteServer {
  public:
    SiteServer(ServeOptions options, std::ostream& log);
    ~SiteServer();
    SiteServer(const SiteServer&) = delete;
    SiteServer& operator=(const SiteServer&) = delete;
    // Returns the bound port, or -1 (message on the log) when the site is missing or the port is
    // taken.
    int bind();
    // Writes on the log how many documents the search index holds, or a warning that /api/search
    // answers 503 until it exists.
    void log_index_status();
    bool listen();
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The headers added to every response (Content-Security-Policy etc.).
const char* content_security_policy();

}  // namespace xasite::serve
