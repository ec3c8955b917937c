#include "search/http_server.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iterator>
#include <mutex>

#include "archive/archive.hpp"
#include "core/error.hpp"
#include "search/static_files.hpp"

namespace xasite::search {

namespace fs = std::filesystem;

const char* content_security_policy() {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           "font-src 'self'; "
           "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
}

namespace {

SiteServer* g_server = nullptr;

void on_signal(int) {
    if (g_server) g_server->stop();
}

// The archive views (luu-tru/): their own Content-Security-Policy (no script at all; the old
// pages' inline styles allowed), replacing the site's.
bool is_archive_path(const std::string& path) {
    return path.rfind("/luu-tru/", 0) == 0;
}

void set_archive_csp(httplib::Response& res) {
    res.headers.erase("Content-Security-Policy");
    res.set_header("Content-Security-Policy", archive::archive_content_security_policy());
}

// "host:port" → "host".
std::string host_name(const std::string& host_header) {
    if (!host_header.empty() && host_header.front() == '[') return host_header;  // IPv6 literal
    return host_header.substr(0, host_header.find(':'));
}

bool read_whole(const fs::path& p, std::string& out) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return false;
    out.assign(std::istreambuf_iterator<char>(in), {});
    return true;
}

}  // namespace

struct SiteServer::Impl {
    ServeOptions options;
    std::ostream& log;
    httplib::Server server;
    std::mutex log_mutex;
    archive::OldUrlIndex old_urls;  // the reclaimed domains' addresses (loaded by bind())
    Impl(ServeOptions o, std::ostream& l) : options(std::move(o)), log(l) {}
};

SiteServer::SiteServer(ServeOptions options, std::ostream& log)
    : impl_(std::make_unique<Impl>(std::move(options), log)) {
    Impl& im = *impl_;
    auto& server = im.server;
    server.set_default_headers({{"Content-Security-Policy", content_security_policy()},
                                {"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "strict-origin-when-cross-origin"},
                                {"X-Frame-Options", "SAMEORIGIN"}});
    server.set_payload_max_length(64 * 1024);
    // Old-URL lookups: GET /api/old-url?url=<old address> → {"target": "/luu-tru/…"} or 404.
    server.Get("/api/old-url", [&im](const httplib::Request& req, httplib::Response& res) {
        std::string url = req.get_param_value("url");
        auto target = url.empty() ? std::nullopt : im.old_urls.find(url);
        if (!target) {
            res.status = url.empty() ? 400 : 404;
            res.set_content(url.empty() ? "{\"error\":\"missing url parameter\"}"
                                        : "{\"error\":\"not an address of an archived site\"}",
                            "application/json");
            return;
        }
        res.set_content(nlohmann::json{{"target", *target}}.dump(), "application/json");
    });
    server.Get(R"(/.*)", [&im](const httplib::Request& req, httplib::Response& res) {
        // A request for a reclaimed domain (its DNS now points here): to the archived copy.
        if (im.old_urls.size() > 0 && !is_archive_path(req.path)) {
            std::string host = host_name(req.get_header_value("Host"));
            if (!host.empty()) {
                std::string target = req.target.empty() ? req.path : req.target;
                if (auto to = im.old_urls.find("http://" + host + target)) {
                    res.status = 301;
                    res.set_header("Location", *to);
                    return;
                }
            }
        }
        if (is_archive_path(req.path)) set_archive_csp(res);
        StaticResult r = resolve_static(im.options.site_dir, req.path);
        if (r.status == 301) {
            res.status = 301;
            res.set_header("Location", r.location);
            return;
        }
        if (r.status == 400) {
            res.status = 400;
            res.set_content("{\"error\":\"bad request path\"}", "application/json");
            return;
        }
        std::string body;
        if (!r.file.empty() && read_whole(r.file, body)) {
            res.status = r.status;
            res.set_content(std::move(body), r.content_type);
            res.set_header("Cache-Control",
                           r.content_type.rfind("text/html", 0) == 0 ? "no-cache" : "max-age=3600");
        } else {
            res.status = 404;
            res.set_content("{\"error\":\"not found\"}", "application/json");
        }
    });
    server.set_logger([&im](const httplib::Request& req, const httplib::Response& res) {
        if (im.options.quiet) return;
        std::lock_guard<std::mutex> lock(im.log_mutex);
        im.log << req.remote_addr << " \"" << req.method << " " << req.path << "\" " << res.status
               << " " << res.body.size() << "\n";
        im.log.flush();
    });
}

SiteServer::~SiteServer() = default;

int SiteServer::bind() {
    Impl& im = *impl_;
    std::error_code ec;
    if (!fs::is_directory(im.options.site_dir, ec)) {
        im.log << "error: " << im.options.site_dir.string()
               << ": no such site directory (run `xasite build` first)\n";
        return -1;
    }
    try {
        im.old_urls = archive::OldUrlIndex::load(im.options.site_dir);
    } catch (const InputError& e) {
        // The site is still served; only the old addresses are not answered.
        im.log << "warning: old-URL redirects disabled: " << e.what() << "\n";
    }
    int port = im.options.port;
    if (port == 0) {
        port = im.server.bind_to_any_port(im.options.host);
    } else if (!im.server.bind_to_port(im.options.host, port)) {
        port = -1;
    }
    if (port < 0)
        im.log << "error: cannot listen on " << im.options.host << ":" << im.options.port
               << " (in use?)\n";
    return port;
}

bool SiteServer::listen() {
    return impl_->server.listen_after_bind();
}
void SiteServer::stop() {
    impl_->server.stop();
}

int run_serve(const ServeOptions& options, std::ostream& log) {
    SiteServer server(options, log);
    int port = server.bind();
    if (port < 0) return 1;
    log << "serving " << fs::absolute(options.site_dir).string() << " at http://" << options.host
        << ":" << port << "/ (Ctrl+C to stop)\n";
    log.flush();
    g_server = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    bool ok = server.listen();
    g_server = nullptr;
    return ok ? 0 : 1;
}

}  // namespace xasite::search
