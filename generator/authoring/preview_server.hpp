// `xasite preview`: a content tree built into a preview folder, served over HTTP, rebuilt when a
// file changes, and open pages reloaded.
//
//   build once (site::build_site, --unit: only those communes) ──▶ serve (serve::SiteServer on an
//   internal port, proxied) ──▶ watch content/ (ContentWatcher, inotify, debounced) ──▶ rebuild
//   ──▶ "build" event on GET /__xasite/events (Server-Sent Events) ──▶ the page reloads itself
//
// Only the preview's HTML responses carry the reload script (/__xasite/reload.js) and, after a
// failed build, the error banner; the files of the built site never do. A failed build (an
// InputError naming file and line) keeps the last good site served, shows the error on the page
// and on the terminal, and the next good build reloads the page without the banner. Before any
// good build every page is the error.
//
// Other routes: /__xasite/preview.css (the banner's style), /__xasite/status (JSON: generation,
// ok, error, seconds of the last build).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "serve/server.hpp"

namespace xasite::authoring {

struct PreviewOptions {
    std::filesystem::path content_dir = "content";
    std::filesystem::path out_dir;   // the preview folder (required; never the published site)
    std::vector<std::string> units;  // new unit codes; empty = every unit (slow)
    unsigned jobs = 0;
    bool search_index = false;  // build <out>.xapian too (the search pages then answer)
    std::chrono::milliseconds debounce{100};
    std::string host = "127.0.0.1";
    int port = 8090;     // 0 = any free port
    bool quiet = false;  // no request log
    // The static server's options (section folders, packages); site_dir, host, port are set by the
    // preview.
    serve::ServeOptions site_server;
};

class PreviewServer {
  public:
    PreviewServer(PreviewOptions options, std::ostream& log);
    ~PreviewServer();  // stops
    PreviewServer(const PreviewServer&) = delete;
    PreviewServer& operator=(const PreviewServer&) = delete;

    // Builds once (a failed build is shown, not thrown), starts watching the content tree and
    // binds the port. Returns the port, or -1 (message on the log) when it cannot be bound.
    int start();
    // Serves until stop() (blocking).
    bool listen();
    // From any thread: ends listen(), the watcher and the open event streams.
    void stop();

    // The number of builds finished (good or failed) since start; the event stream sends it.
    std::uint64_t generation() const;
    // The error of the last build, empty when it was good.
    std::string last_error() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// What the preview adds to an HTML page: the reload script (carrying the generation the page was
// built by) before </body>, and when `error` is not empty a banner after <body …> and its
// stylesheet before </head>.
std::string inject_preview(std::string_view html, std::uint64_t generation, std::string_view error);

// The script served at /__xasite/reload.js.
std::string_view reload_script();

}  // namespace xasite::authoring
