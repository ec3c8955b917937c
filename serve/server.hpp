// `xasite serve`: the built sites over HTTP (cpp-httplib, multi-threaded), with security headers on
// every response and one log line per request, plus the search service:
//   GET /api/search?q=&unit=&type=&field=&level=&online=&boundary_free=&limit=&offset=&partial=
//       → JSON (search/response_json.hpp); 400 {"error"} for bad input, 503 without an index
//   GET /api/suggest?q=&unit=&limit= → {"query", "suggestions": [{"title", "url", …}]}
//   GET /<unit-slug>/<search_page_dir>/?q=… (and /<search_page_dir>/?q=… on the province site) →
//       the static search page with server-rendered results at <!--xasite:search-results-->
//       (works without JS)
//   GET /api/old-url?url=… → where an archived site's old address is kept now
//   GET /<archive_dir>/<district>/timemap/link/<url>, …/timegate/<url> → Memento (RFC 7089)
// The index (index_path_for(site_dir) unless given) is reopened when `xasite build` swaps in a
// new one; the server keeps serving the static sites when there is no index.
//
// The server knows no folder names of the sites: the sections it treats specially are options,
// filled by the command line (generator/cli/serve_command.cpp).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

namespace xasite::serve {

struct ServeOptions {
    std::filesystem::path site_dir = "site";
    std::string host = "127.0.0.1";
    int port = 8080;                  // 0 = any free port
    bool quiet = false;               // no request log
    std::filesystem::path index_dir;  // default: index_path_for(site_dir)
    std::chrono::milliseconds index_recheck = std::chrono::seconds(1);  // rebuilt-index check
    unsigned threads = 0;  // worker threads; 0 = max(32, 8 × cores)
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
