#include "serve/server.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "archive/export/archive_export.hpp"
#include "archive/package/url.hpp"
#include "archive/view/archive_view.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "search/index.hpp"
#include "search/response_json.hpp"
#include "search/searcher.hpp"
#include "serve/results_html.hpp"
#include "serve/static_files.hpp"

namespace xasite::serve {

namespace fs = std::filesystem;
using search::dump;
using search::error_json;
using search::index_path_for;
using search::kMaxLimit;
using search::query_problem;
using search::Searcher;
using search::SearchError;
using search::SearchRequest;
using search::SearchResponse;
using search::suggestions_json;
using search::to_json;

const char* content_security_policy() {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           "font-src 'self'; "
           "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
}

namespace {

// The archive views (ServeOptions::archive_dir): their own Content-Security-Policy (no script at
// all; the old pages' inline styles allowed), replacing the site's.
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

thread_local std::chrono::steady_clock::time_point t_request_start;

constexpr const char* kJson = "application/json";

void send_json_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content(error_json(message), kJson);
    res.set_header("Cache-Control", "no-store");
}

// The query-string parameters of the raw request target (first value of a name wins).
class QueryParams {
  public:
    explicit QueryParams(const httplib::Request& req) {
        std::string_view target = req.target;
        auto q = target.find('?');
        if (q == std::string_view::npos) return;
        std::string_view query = target.substr(q + 1);
        auto hash = query.find('#');
        if (hash != std::string_view::npos) query = query.substr(0, hash);
        while (!query.empty()) {
            auto amp = query.find('&');
            std::string_view pair = query.substr(0, amp);
            auto eq = pair.find('=');
            std::string name = url::percent_decode(pair.substr(0, eq), /*plus_is_space=*/true);
            std::string value =
                eq == std::string_view::npos
                    ? ""
                    : url::percent_decode(pair.substr(eq + 1), /*plus_is_space=*/true);
            if (!name.empty()) {
                every_[name].push_back(value);
                values_.emplace(std::move(name), std::move(value));
            }
            if (amp == std::string_view::npos) break;
            query.remove_prefix(amp + 1);
        }
    }
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::string get(const std::string& name) const {
        auto it = values_.find(name);
        return it == values_.end() ? std::string() : it->second;
    }
    bool empty() const { return values_.empty(); }
    const std::map<std::string, std::string>& all() const { return values_; }
    // Every value of a repeated parameter (context=…&context=…), in order.
    std::vector<std::string> every(const std::string& name) const {
        auto it = every_.find(name);
        return it == every_.end() ? std::vector<std::string>() : it->second;
    }

  private:
    std::map<std::string, std::string> values_;
    std::map<std::string, std::vector<std::string>> every_;
};

// A non-negative integer parameter; `fallback` when absent; nullopt when malformed.
std::optional<std::size_t> size_param(const QueryParams& req, const char* name,
                                      std::size_t fallback) {
    if (!req.has(name)) return fallback;
    const std::string v = req.get(name);
    if (v.empty() || v.size() > 9 ||
        !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return static_cast<std::size_t>(std::stoul(v));
}

bool flag_param(const QueryParams& req, const char* name) {
    if (!req.has(name)) return false;
    const std::string v = req.get(name);
    return v == "1" || v == "true" || v == "on" || v == "yes";
}

// Reads the search parameters; returns an error message when one is malformed.
std::string read_request(const QueryParams& req, SearchRequest& r) {
    r.query = req.get("q");
    r.unit = req.get("unit");
    r.type = req.get("type");
    r.field = req.get("field");
    r.level = req.get("level");
    r.online = req.get("online");
    r.old_unit = req.get("old_unit");
    r.boundary_free = flag_param(req, "boundary_free");
    r.partial = flag_param(req, "partial");
    r.event = req.get("event");
    // Earlier questions, oldest first; empty ones (a blank hidden field) are left out.
    for (auto& earlier : req.every("context"))
        if (!text::trim(earlier).empty()) r.context.push_back(std::move(earlier));
    if (r.context.size() > search::kMaxContext)
        r.context.erase(r.context.begin(),
                        r.context.end() - static_cast<long>(search::kMaxContext));
    auto limit = size_param(req, "limit", 10);
    auto offset = size_param(req, "offset", 0);
    if (!limit || *limit == 0 || *limit > kMaxLimit)
        return "limit must be a number from 1 to " + std::to_string(kMaxLimit);
    if (!offset) return "offset must be a non-negative number";
    r.limit = *limit;
    r.offset = *offset;
    return {};
}

const char* status_text(int status) {
    switch (status) {
        case 400:
            return "bad request";
        case 403:
            return "forbidden";
        case 404:
            return "not found";
        case 405:
            return "method not allowed";
        case 408:
            return "request timeout";
        case 413:
            return "payload too large";
        case 414:
            return "URI too long";
        case 416:
            return "range not satisfiable";
        case 431:
            return "request header fields too large";
        case 500:
            return "internal error";
        case 503:
            return "service unavailable";
        default:
            return status >= 500 ? "server error" : "request error";
    }
}

int status_of(const SearchError& e) {
    return e.kind() == SearchError::Kind::bad_request ? 400 : 503;
}

}  // namespace

struct SiteServer::Impl {
    ServeOptions options;
    std::ostream& log;
    httplib::Server server;
    std::mutex log_mutex;
    archive::OldUrlIndex old_urls;  // the reclaimed domains' addresses (loaded by bind())
    // The captures of each archived district (Memento), by the district's folder; loaded by bind().
    std::map<std::string, archive::CaptureIndex, std::less<>> captures;
    Searcher searcher;
    std::string archive_prefix;  // "/<archive_dir>/"; "" when there is none
    Impl(ServeOptions o, std::ostream& l)
        : options(std::move(o)),
          log(l),
          // Without --index, the index the site names, found again at each recheck: a build
          // swaps a new site in with its index in one step, and the server follows.
          searcher(options.index_dir.empty()
                       ? Searcher([site = options.site_dir] { return index_path_for(site); },
                                  options.index_recheck)
                       : Searcher(options.index_dir, options.index_recheck)) {
        if (!options.archive_dir.empty()) archive_prefix = "/" + options.archive_dir + "/";
        // cpp-httplib's default socket options set SO_REUSEPORT as well as SO_REUSEADDR: a second
        // `xasite serve` on the same port would then bind too and the kernel would split the
        // requests between the two. SO_REUSEADDR alone (a restart while old connections sit in
        // TIME_WAIT) keeps the port exclusive, so the second server fails with a clear message.
        server.set_socket_options([](socket_t sock) {
            int yes = 1;
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes),
                       sizeof(yes));
        });
    }

    bool is_archive_path(const std::string& path) const {
        return !archive_prefix.empty() && path.rfind(archive_prefix, 0) == 0;
    }

    void api_search(const httplib::Request& req, httplib::Response& res) {
        SearchRequest r;
        if (std::string problem = read_request(QueryParams(req), r); !problem.empty())
            return send_json_error(res, 400, problem);
        if (r.query.empty() && r.type.empty() && r.field.empty() && r.level.empty() &&
            r.online.empty() && !r.boundary_free && r.old_unit.empty() && r.event.empty())
            return send_json_error(res, 400, "missing query parameter q");
        try {
            SearchResponse response = searcher.search(r);
            res.set_content(dump(to_json(response)), kJson);
            res.set_header("Cache-Control", "no-cache");
        } catch (const SearchError& e) {
            send_json_error(res, status_of(e), e.what());
        }
    }

    void api_suggest(const httplib::Request& req, httplib::Response& res) {
        const QueryParams params(req);
        const std::string q = params.get("q");
        auto limit = size_param(params, "limit", 8);
        if (!limit || *limit == 0 || *limit > 20)
            return send_json_error(res, 400, "limit must be a number from 1 to 20");
        try {
            if (std::string problem = query_problem(q); !problem.empty())
                return send_json_error(res, 400, problem);
            auto hits = searcher.suggest(q, params.get("unit"), *limit);
            res.set_content(dump(suggestions_json(q, hits)), kJson);
            res.set_header("Cache-Control", "no-cache");
        } catch (const SearchError& e) {
            send_json_error(res, status_of(e), e.what());
        }
    }

    // The static search page with results for ?q=… inserted (and the query in the box).
    std::string search_page(const httplib::Request& req, const std::string& page,
                            const std::string& path) {
        SearchRequest r;
        std::string problem = read_request(QueryParams(req), r);
        r.limit = 10;
        if (problem.empty()) problem = query_problem(r.query);
        std::string html;
        if (!problem.empty()) {
            html = render_notice_html("Không đọc được từ khóa tìm kiếm: " + problem + ".");
            r.query.clear();
        } else if (r.query.empty()) {
            return page;
        } else {
            // The unit of the site the page belongs to: "/xa-ea-kar/tra-cuu/" → xa-ea-kar.
            std::size_t slash = path.find('/', 1);
            std::string slug = slash == std::string::npos ? "" : path.substr(1, slash - 1);
            try {
                if (!slug.empty() && !searcher.resolve_unit(slug).empty()) r.unit = slug;
                html = render_results_html(r, searcher.search(r));
            } catch (const SearchError& e) {
                html = render_notice_html(
                    e.kind() == SearchError::Kind::unavailable
                        ? "Chức năng tìm kiếm tạm thời chưa sẵn sàng. Mời tra cứu theo lĩnh vực."
                        : std::string("Không tìm được: ") + e.what() + ".");
            }
        }
        return fill_search_page(page, r.query, html, kept_questions(r));
    }

    // Reads the captures of every archive view whose package is in options.packages_dir.
    void load_captures() {
        const fs::path views = options.site_dir / options.archive_dir;
        std::error_code ec;
        for (fs::directory_iterator it(views, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path meta = it->path() / "chuyen-huong" / "index.json";
            if (!fs::is_regular_file(meta)) continue;
            try {
                std::ifstream in(meta);
                const std::string unit = nlohmann::json::parse(in).value("unit", "");
                const fs::path package = options.packages_dir / unit;
                if (unit.empty() || unit.find('/') != std::string::npos ||
                    !fs::is_directory(package)) {
                    log << "warning: Memento off for " << it->path().string() << ": no package "
                        << package.string() << "\n";
                    continue;
                }
                captures.emplace(it->path().filename().string(),
                                 archive::CaptureIndex::load(package));
            } catch (const std::exception& e) {
                log << "warning: Memento off for " << it->path().string() << ": " << e.what()
                    << "\n";
            }
        }
    }

    // /<archive>/<district>/timemap/link/<url> and /<archive>/<district>/timegate/<url>
    // (the original URL raw, as pywb takes it). False when the path is neither.
    bool memento(const httplib::Request& req, httplib::Response& res) {
        if (captures.empty() || !is_archive_path(req.path)) return false;
        const std::string target = req.target.empty() ? req.path : req.target;
        const std::string rest = target.substr(archive_prefix.size());
        const std::size_t slash = rest.find('/');
        if (slash == std::string::npos) return false;
        const std::string district = rest.substr(0, slash);
        std::string tail = rest.substr(slash + 1);
        bool timemap = false;
        if (tail.rfind("timemap/link/", 0) == 0) {
            timemap = true;
            tail.erase(0, 13);
        } else if (tail.rfind("timegate/", 0) == 0) {
            tail.erase(0, 9);
        } else {
            return false;
        }
        auto found = captures.find(district);
        if (found == captures.end()) return false;
        // A client or proxy may have merged the "//" of the scheme.
        for (const char* scheme : {"http:/", "https:/"})
            if (tail.rfind(scheme, 0) == 0 &&
                tail.compare(0, std::strlen(scheme) + 1, std::string(scheme) + "/") != 0)
                tail.insert(std::strlen(scheme), "/");
        const std::string base = archive_prefix + district + "/";
        const archive::Capture* c = found->second.find(tail);
        if (!c) {
            send_json_error(res, 404, "no memento of " + tail);
            return true;
        }
        const std::string timegate = base + "timegate/" + c->url;
        const std::string timemap_uri = base + "timemap/link/" + c->url;
        // Every capture the view renders of the URL (several capture days: several mementos).
        std::vector<archive::Memento> mementos = found->second.mementos(tail, base);
        if (timemap) {
            res.set_content(archive::timemap_link(c->url, timegate, timemap_uri, mementos),
                            "application/link-format");
            return true;
        }
        const std::string accept = req.get_header_value("Accept-Datetime");
        std::optional<std::int64_t> when;
        if (!accept.empty()) {
            when = archive::parse_datetime(accept);
            if (!when) {
                send_json_error(res, 400, "Accept-Datetime is not an RFC 1123 date");
                return true;
            }
        }
        const archive::Memento* m = archive::nearest_memento(mementos, when);
        res.status = 302;
        res.set_header("Location", m->uri);
        res.set_header("Vary", "accept-datetime");
        res.set_header("Link", "<" + c->url + ">; rel=\"original\", <" + timemap_uri +
                                   ">; rel=\"timemap\"; type=\"application/link-format\"");
        return true;
    }

    // Memento-Datetime and Link on an archived page (a memento): by the file served, so that
    // ".../" and ".../index.html" are the same memento.
    void memento_headers(const fs::path& file, httplib::Response& res) const {
        if (captures.empty()) return;
        const fs::path rel = file.lexically_relative(options.site_dir / options.archive_dir);
        auto part = rel.begin();
        if (rel.empty() || part == rel.end() || *part == "..") return;
        auto found = captures.find(part->string());
        if (found == captures.end()) return;
        fs::path view_file;
        for (++part; part != rel.end(); ++part)
            view_file /= *part;
        const archive::Capture* c = found->second.find_view_file(view_file.generic_string());
        if (!c) return;
        const std::string base = archive_prefix + found->first + "/";
        res.set_header("Memento-Datetime", archive::http_date(c->datetime));
        res.set_header("Link", "<" + c->url + ">; rel=\"original\", <" + base + "timegate/" +
                                   c->url + ">; rel=\"timegate\", <" + base + "timemap/link/" +
                                   c->url + ">; rel=\"timemap\"; type=\"application/link-format\"");
    }

    void serve_static(const httplib::Request& req, httplib::Response& res) {
        // A request for a reclaimed domain (its DNS now points here): to the archived copy.
        if (old_urls.size() > 0 && !is_archive_path(req.path)) {
            std::string host = host_name(req.get_header_value("Host"));
            if (!host.empty()) {
                std::string target = req.target.empty() ? req.path : req.target;
                if (auto to = old_urls.find("http://" + host + target)) {
                    res.status = 301;
                    res.set_header("Location", *to);
                    return;
                }
            }
        }
        if (is_archive_path(req.path)) set_archive_csp(res);
        if (memento(req, res)) return;
        StaticResult r = resolve_static(options.site_dir, req.path);
        if (r.status == 301) {
            res.status = 301;
            std::string location = r.location;
            const QueryParams params(req);
            if (!params.empty()) {
                // keep ?q=… when /xa-ea-kar/tra-cuu is asked without the slash
                std::string query;
                for (const auto& [k, v] : params.all())
                    query += (query.empty() ? "?" : "&") + url::percent_encode(k) + "=" +
                             url::percent_encode(v);
                location += query;
            }
            res.set_header("Location", location);
            return;
        }
        if (r.status == 400) return send_json_error(res, 400, "bad request path");
        std::string body;
        if (r.file.empty() || !read_whole(r.file, body)) {
            send_json_error(res, 404, "not found");
            return;
        }
        const bool html = r.content_type.rfind("text/html", 0) == 0;
        if (r.status == 200 && html && QueryParams(req).has("q") &&
            r.file.filename() == "index.html" && !options.search_page_dir.empty() &&
            r.file.parent_path().filename() == options.search_page_dir) {
            body = search_page(req, body, req.path);
            res.set_header("Cache-Control", "no-store");
        } else {
            res.set_header("Cache-Control", html ? "no-cache" : "max-age=3600");
        }
        res.status = r.status;
        if (r.status == 200 && is_archive_path(req.path)) memento_headers(r.file, res);
        res.set_content(std::move(body), r.content_type);
    }
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
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and the
    // client's delayed ACK hold every keep-alive response for ~40 ms.
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(1000);
    server.set_keep_alive_timeout(5);
    server.set_read_timeout(10);
    server.set_write_timeout(10);
    unsigned threads = im.options.threads;
    if (threads == 0)
        threads = std::max(32u, 8u * std::max(1u, std::thread::hardware_concurrency()));
    // httplib takes ownership of the queue it is given (and deletes it).
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };

    server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        t_request_start = std::chrono::steady_clock::now();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.Get("/api/search", [&im](const httplib::Request& req, httplib::Response& res) {
        im.api_search(req, res);
    });
    server.Get("/api/suggest", [&im](const httplib::Request& req, httplib::Response& res) {
        im.api_suggest(req, res);
    });
    // Old-URL lookups: GET /api/old-url?url=<old address> → {"target": "/<archive>/…"} or 404.
    server.Get("/api/old-url", [&im](const httplib::Request& req, httplib::Response& res) {
        const std::string url = QueryParams(req).get("url");
        if (url.empty()) return send_json_error(res, 400, "missing url parameter");
        auto target = im.old_urls.find(url);
        if (!target) return send_json_error(res, 404, "not an address of an archived site");
        res.set_content(nlohmann::json{{"target", *target}}.dump(), kJson);
    });
    server.Get(R"(/api(/.*)?)", [](const httplib::Request&, httplib::Response& res) {
        send_json_error(
            res, 404, "no such API (try /api/search?q=…, /api/suggest?q=… or /api/old-url?url=…)");
    });
    server.Get(R"(/.*)", [&im](const httplib::Request& req, httplib::Response& res) {
        im.serve_static(req, res);
    });
    // Errors found by the HTTP layer itself (bad request line, unknown method…) get a JSON body
    // too; responses that already have one keep it.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            res.set_content(error_json(status_text(res.status)), kJson);
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "internal error";
            try {
                if (ep) std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = std::string("internal error: ") + e.what();
            } catch (...) {
            }
            send_json_error(res, 500, what);
        });
    server.set_logger([&im](const httplib::Request& req, const httplib::Response& res) {
        if (im.options.quiet) return;
        const auto elapsed = std::chrono::duration<double, std::milli>(
                                 std::chrono::steady_clock::now() - t_request_start)
                                 .count();
        std::lock_guard<std::mutex> lock(im.log_mutex);
        im.log << req.remote_addr << " \"" << req.method << " " << req.path << "\" " << res.status
               << " " << res.body.size() << " " << static_cast<long>(elapsed * 1000) / 1000.0
               << "ms\n";
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
        if (!im.options.archive_dir.empty())
            im.old_urls = archive::OldUrlIndex::load(im.options.site_dir / im.options.archive_dir);
        // An old host two archives claim, and the one its addresses go to: one line each.
        for (const auto& w : im.old_urls.warnings())
            im.log << "warning: old URLs: " << w << "\n";
    } catch (const InputError& e) {
        // The site is still served; only the old addresses are not answered.
        im.log << "warning: old-URL redirects disabled: " << e.what() << "\n";
    }
    if (!im.options.archive_dir.empty() && !im.options.packages_dir.empty()) im.load_captures();
    int port = im.options.port;
    if (port == 0) {
        port = im.server.bind_to_any_port(im.options.host);
    } else if (!im.server.bind_to_port(im.options.host, port)) {
        port = -1;
    }
    if (port < 0)
        im.log << "error: cannot listen on " << im.options.host << ":" << im.options.port
               << ": the address is in use (another `xasite serve`?) or not available\n";
    return port;
}

bool SiteServer::listen() {
    return impl_->server.listen_after_bind();
}
void SiteServer::stop() {
    impl_->server.stop();
}

void SiteServer::log_index_status() {
    Impl& im = *impl_;
    const fs::path index = im.searcher.index_dir();
    try {
        std::size_t documents = Searcher::count_documents(index);
        im.log << "search index " << fs::absolute(index).string() << ": " << documents
               << " documents\n";
    } catch (const std::exception& e) {
        im.log << "warning: " << e.what() << "; /api/search answers 503 until it exists\n";
    }
}

}  // namespace xasite::serve
