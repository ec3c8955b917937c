#include "generator/cli/serve_command.hpp"

#include <sys/resource.h>

#include <csignal>
#include <filesystem>

#include "generator/site/routes.hpp"

namespace xasite::cli {

namespace {

namespace fs = std::filesystem;

serve::SiteServer* g_server = nullptr;

void on_signal(int) {
    if (g_server) g_server->stop();  // async-signal-safe: a byte on a pipe
}

// Each connection is a file descriptor: the soft limit (often 1024) raised to the hard one, so
// that --max-connections is what limits.
void raise_file_limit() {
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

}  // namespace

serve::ServeOptions serve_options() {
    serve::ServeOptions options;
    // The section folders the server treats specially, from the URL scheme of the sites.
    options.archive_dir = std::string(site::routes::kArchives);    // the archived district sites
    options.search_page_dir = std::string(site::routes::kSearch);  // the search pages
    // The preservation packages the archive views were built from (content/archives/<code>/,
    // where Content::load finds them): their records give Memento its capture dates.
    options.packages_dir = fs::path("content") / "archives";
    // The nginx configuration the build writes at the top of the output names the server's
    // paths: for nginx to read, not for visitors.
    options.private_files = {std::string(site::routes::kNginxConf)};
    return options;
}

int run_serve(const serve::ServeOptions& options, std::ostream& log) {
    raise_file_limit();
    std::signal(SIGPIPE, SIG_IGN);  // a client gone mid-answer is an error return, not an exit
    serve::SiteServer server(options, log);
    int port = server.bind();
    if (port < 0) return 1;
    log << "serving " << fs::absolute(options.site_dir).string() << " at http://" << options.host
        << ":" << port << "/ (Ctrl+C to stop)\n";
    server.log_index_status();
    log.flush();
    g_server = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    // SIGTERM/SIGINT: no new connection, the answers under way finish (bounded), exit 0.
    bool ok = server.listen();
    g_server = nullptr;
    log << "stopped\n";
    return ok ? 0 : 1;
}

}  // namespace xasite::cli
