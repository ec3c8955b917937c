#include "serve/server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/export/archive_export.hpp"
#include "archive/package/url.hpp"
#include "archive/view/archive_view.hpp"
#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/unique_fd.hpp"
#include "core/url.hpp"
#include "search/index.hpp"
#include "search/response_json.hpp"
#include "search/searcher.hpp"
#include "serve/http_util.hpp"
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

constexpr const char* kJson = "application/json";
// The server takes no request bodies but small ones (none of its answers reads one).
constexpr std::uint64_t kMaxBody = 64 * 1024;
// Files compressed on the fly (when no .gz is beside them) up to this size.
constexpr std::uint64_t kMaxGzipOnTheFly = 1024 * 1024;

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

// What the handlers see of a request (GET or HEAD: the others are answered 405 before).
struct Request {
    MHD_Connection* connection = nullptr;
    std::string method;
    std::string target;  // as sent: path and query, not decoded
    std::string path;    // the path, percent-decoded
    std::string get_header_value(const char* name) const {
        const char* v = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
        return v ? v : "";
    }
    bool has_header(const char* name) const {
        return MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name) != nullptr;
    }
};

struct ResponseDeleter {
    void operator()(MHD_Response* r) const { MHD_destroy_response(r); }
};
using ResponsePtr = std::unique_ptr<MHD_Response, ResponseDeleter>;

// An answer being built: a body in memory, or `stream` (a file, a part of one, or the parts of
// a multipart/byteranges) of `stream_length` bytes.
struct Reply {
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    ResponsePtr stream;
    std::uint64_t stream_length = 0;
    bool archive = false;  // the archives' Content-Security-Policy instead of the site's
    void set_header(const std::string& name, const std::string& value) {
        for (auto& [n, v] : headers)
            if (ascii::iequals(n, name)) {
                v = value;
                return;
            }
        headers.emplace_back(name, value);
    }
    std::string header(std::string_view name) const {
        for (const auto& [n, v] : headers)
            if (ascii::iequals(n, name)) return v;
        return {};
    }
    void set_content(std::string b, const std::string& type) {
        body = std::move(b);
        set_header("Content-Type", type);
    }
};

void send_json_error(Reply& res, int status, const std::string& message) {
    res.status = status;
    res.stream.reset();
    res.set_content(error_json(message), kJson);
    res.set_header("Cache-Control", "no-store");
}

// The query-string parameters of the raw request target (first value of a name wins).
class QueryParams {
  public:
    explicit QueryParams(std::string_view target) {
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

// One request's state, from its request line (MHD's URI log callback) to its completion.
struct Exchange {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::time_t wall = std::time(nullptr);
    std::string target;
    std::string method = "-", version, referer, agent;
    bool started = false;  // the access handler has seen it
    bool queued = false;   // an answer is queued
    bool in_flight = false;
    std::uint64_t body_bytes = 0;
    int status = 0;
    std::uint64_t bytes = 0;
};

// The body of a multipart/byteranges answer: the boundary lines in memory, the parts read from
// the file as they are sent.
struct Multipart {
    UniqueFd fd;
    struct Piece {
        std::string text;  // when not empty: these bytes; else `length` bytes of the file at `at`
        std::uint64_t at = 0, length = 0;
    };
    std::vector<Piece> pieces;
    std::uint64_t total = 0;

    static ssize_t read(void* cls, std::uint64_t pos, char* buf, std::size_t max) {
        auto& m = *static_cast<Multipart*>(cls);
        std::uint64_t start = 0;
        for (const Piece& p : m.pieces) {
            const std::uint64_t len = p.text.empty() ? p.length : p.text.size();
            if (pos < start + len) {
                const std::uint64_t off = pos - start;
                const std::size_t n =
                    static_cast<std::size_t>(std::min<std::uint64_t>(max, len - off));
                if (!p.text.empty()) {
                    std::memcpy(buf, p.text.data() + off, n);
                    return static_cast<ssize_t>(n);
                }
                ssize_t got = ::pread(m.fd.get(), buf, n, static_cast<off_t>(p.at + off));
                return got > 0 ? got : MHD_CONTENT_READER_END_WITH_ERROR;
            }
            start += len;
        }
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    static void free(void* cls) { std::unique_ptr<Multipart>(static_cast<Multipart*>(cls)); }
};

// The gzip of small text files compressed on the fly, kept (bounded) for the next requests.
class GzipCache {
  public:
    explicit GzipCache(std::size_t capacity) : capacity_(capacity) {}
    std::shared_ptr<const std::string> get(const std::string& key) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = map_.find(key);
        return it == map_.end() ? nullptr : it->second;
    }
    void put(const std::string& key, std::shared_ptr<const std::string> value) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (value->size() > capacity_ || map_.count(key)) return;
        bytes_ += value->size();
        map_.emplace(key, std::move(value));
        order_.push_back(key);
        while (bytes_ > capacity_ && !order_.empty()) {
            auto it = map_.find(order_.front());
            bytes_ -= it->second->size();
            map_.erase(it);
            order_.pop_front();
        }
    }

  private:
    std::mutex mutex_;
    std::size_t capacity_;
    std::size_t bytes_ = 0;
    std::map<std::string, std::shared_ptr<const std::string>> map_;
    std::deque<std::string> order_;
};

// Counters for /metrics (Prometheus text exposition).
struct Metrics {
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1,    2.5,   10};
    std::array<std::atomic<std::uint64_t>, 6> by_class{};  // [0]: no answer sent
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<std::uint64_t> count{0}, sum_us{0}, errors{0}, connections{0}, bytes{0};
    std::atomic<std::int64_t> open_connections{0};

    void record(int status, double seconds, bool failed, std::uint64_t sent) {
        by_class[static_cast<std::size_t>(status >= 100 && status < 600 ? status / 100 : 0)]++;
        std::size_t b = 0;
        while (b < kBuckets.size() && seconds > kBuckets[b])
            ++b;
        buckets[b]++;
        count++;
        sum_us += static_cast<std::uint64_t>(seconds * 1e6);
        bytes += sent;
        if (failed || status >= 500) errors++;
    }
    std::string text() const {
        std::ostringstream o;
        o << "# HELP xasite_http_requests_total Requests by status class (0xx: none sent).\n"
             "# TYPE xasite_http_requests_total counter\n";
        for (std::size_t c = 0; c < by_class.size(); ++c)
            o << "xasite_http_requests_total{class=\"" << c << "xx\"} " << by_class[c].load()
              << "\n";
        o << "# HELP xasite_http_request_duration_seconds From request line to last byte sent.\n"
             "# TYPE xasite_http_request_duration_seconds histogram\n";
        std::uint64_t cumulative = 0;
        for (std::size_t b = 0; b < buckets.size(); ++b) {
            cumulative += buckets[b].load();
            o << "xasite_http_request_duration_seconds_bucket{le=\"";
            if (b < kBuckets.size())
                o << kBuckets[b];
            else
                o << "+Inf";
            o << "\"} " << cumulative << "\n";
        }
        o << "xasite_http_request_duration_seconds_sum " << static_cast<double>(sum_us.load()) / 1e6
          << "\n"
          << "xasite_http_request_duration_seconds_count " << count.load() << "\n"
          << "# HELP xasite_http_errors_total Answers 5xx and transfers cut short.\n"
             "# TYPE xasite_http_errors_total counter\n"
          << "xasite_http_errors_total " << errors.load() << "\n"
          << "# HELP xasite_http_response_bytes_total Body bytes queued.\n"
             "# TYPE xasite_http_response_bytes_total counter\n"
          << "xasite_http_response_bytes_total " << bytes.load() << "\n"
          << "# HELP xasite_http_connections_total Connections accepted.\n"
             "# TYPE xasite_http_connections_total counter\n"
          << "xasite_http_connections_total " << connections.load() << "\n"
          << "# HELP xasite_http_open_connections Connections open now.\n"
             "# TYPE xasite_http_open_connections gauge\n"
          << "xasite_http_open_connections " << open_connections.load() << "\n";
        return o.str();
    }
};

// The listening socket: SO_REUSEADDR (a restart while old connections sit in TIME_WAIT) but not
// SO_REUSEPORT, so a second server on the same port fails instead of sharing it.
UniqueFd open_listener(const std::string& host, int port, int& bound_port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found) != 0)
        return UniqueFd();
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> list(found, &freeaddrinfo);
    for (addrinfo* ai = found; ai; ai = ai->ai_next) {
        UniqueFd fd(::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                             ai->ai_protocol));
        if (!fd) continue;
        int yes = 1;
        setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd.get(), ai->ai_addr, ai->ai_addrlen) != 0 || ::listen(fd.get(), 1024) != 0)
            continue;
        sockaddr_storage ss{};
        socklen_t len = sizeof ss;
        if (getsockname(fd.get(), reinterpret_cast<sockaddr*>(&ss), &len) != 0) continue;
        bound_port =
            ntohs(ss.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port
                                           : reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
        return fd;
    }
    return UniqueFd();
}

std::string client_address(MHD_Connection* c) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return "-";
    char buf[INET6_ADDRSTRLEN] = "-";
    const sockaddr* sa = info->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
    return buf;
}

}  // namespace

struct SiteServer::Impl {
    ServeOptions options;
    std::ostream& log;
    std::mutex log_mutex;
    archive::OldUrlIndex old_urls;  // the reclaimed domains' addresses (loaded by bind())
    // The captures of each archived district (Memento), by the district's folder; loaded by bind().
    std::map<std::string, archive::CaptureIndex, std::less<>> captures;
    Searcher searcher;
    std::string archive_prefix;  // "/<archive_dir>/"; "" when there is none
    Metrics metrics;
    GzipCache gzip_cache{16u << 20};
    std::atomic<std::uint64_t> boundary_counter{0};

    UniqueFd listener;
    MHD_Daemon* daemon = nullptr;
    std::array<int, 2> stop_pipe{-1, -1};  // stop() writes a byte (async-signal-safe)
    std::atomic<bool> draining{false};
    std::mutex flight_mutex;
    std::condition_variable flight_done;
    int in_flight = 0;  // answers queued and not completed (guarded by flight_mutex)

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
        if (::pipe2(stop_pipe.data(), O_CLOEXEC | O_NONBLOCK) != 0) stop_pipe = {-1, -1};
    }
    ~Impl() {
        if (daemon) {
            MHD_stop_daemon(daemon);
            listener.release();  // closed by MHD_stop_daemon
        }
        for (int fd : stop_pipe)
            if (fd >= 0) ::close(fd);
    }

    bool is_archive_path(const std::string& path) const {
        return !archive_prefix.empty() && path.rfind(archive_prefix, 0) == 0;
    }

    void api_search(const Request& req, Reply& res) {
        SearchRequest r;
        if (std::string problem = read_request(QueryParams(req.target), r); !problem.empty())
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

    void api_suggest(const Request& req, Reply& res) {
        const QueryParams params(req.target);
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
    std::string search_page(const Request& req, const std::string& page, const std::string& path) {
        SearchRequest r;
        std::string problem = read_request(QueryParams(req.target), r);
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
    bool memento(const Request& req, Reply& res) {
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
    void memento_headers(const fs::path& file, Reply& res) const {
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

    // GET /healthz: 200 when the site and the search index are there, else 503 naming what is
    // missing.
    void healthz(Reply& res) {
        nlohmann::json j;
        std::vector<std::string> missing;
        std::error_code ec;
        const bool site = fs::is_regular_file(options.site_dir / "index.html", ec);
        j["site"] = site ? "ok" : "missing: " + (options.site_dir / "index.html").string();
        if (!site) missing.push_back("site");
        try {
            j["documents"] = Searcher::count_documents(searcher.index_dir());
            j["index"] = "ok";
        } catch (const std::exception& e) {
            j["index"] = std::string("missing: ") + e.what();
            missing.push_back("index");
        }
        j["status"] = missing.empty() ? "ok" : "unavailable";
        if (!missing.empty()) j["missing"] = missing;
        res.status = missing.empty() ? 200 : 503;
        res.set_content(j.dump(), kJson);
        res.set_header("Cache-Control", "no-store");
    }

    void old_url(const Request& req, Reply& res) {
        const std::string url = QueryParams(req.target).get("url");
        if (url.empty()) return send_json_error(res, 400, "missing url parameter");
        auto target = old_urls.find(url);
        if (!target) return send_json_error(res, 404, "not an address of an archived site");
        res.set_content(nlohmann::json{{"target", *target}}.dump(), kJson);
    }

    Reply dispatch(const Request& req) {
        Reply res;
        const std::string& p = req.path;
        if (p == "/healthz") {
            healthz(res);
        } else if (p == "/metrics") {
            res.set_content(metrics.text(), "text/plain; version=0.0.4; charset=utf-8");
            res.set_header("Cache-Control", "no-store");
        } else if (p == "/api/search") {
            api_search(req, res);
        } else if (p == "/api/suggest") {
            api_suggest(req, res);
        } else if (p == "/api/old-url") {
            // Old-URL lookups: GET /api/old-url?url=<old address> → {"target": "/<archive>/…"}
            old_url(req, res);
        } else if (p == "/api" || p.rfind("/api/", 0) == 0) {
            send_json_error(res, 404,
                            "no such API (try /api/search?q=…, /api/suggest?q=… or "
                            "/api/old-url?url=…)");
        } else {
            serve_static(req, res);
        }
        return res;
    }

    // A file of the site, streamed from disk (sendfile): validators, conditional requests, byte
    // ranges and gzip. `status` is 200, or 404 for a 404 page (sent as it is).
    void serve_file(const Request& req, Reply& res, const fs::path& file, const std::string& type,
                    int status) {
        UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
        struct stat st {};
        if (!fd || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
            return send_json_error(res, 404, "not found");
        const std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
        const std::int64_t mtime_ns =
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        res.status = status;
        res.set_header("Content-Type", type);
        const bool text = http::compressible(type);
        if (text) res.set_header("Vary", "Accept-Encoding");
        if (status != 200) return stream_fd(res, std::move(fd), 0, size);

        const std::string range = req.get_header_value("Range");
        // Range only on the identity coding: a request with Range gets the file as it is, so
        // that Content-Range counts the bytes of the file.
        const bool gzip_ok = text && range.empty() &&
                             http::accepts_coding(req.get_header_value("Accept-Encoding"), "gzip");
        std::string tag = http::etag(size, mtime_ns);
        const std::string last_modified = http::http_date(st.st_mtim.tv_sec);
        UniqueFd gz_fd;
        std::uint64_t gz_size = 0;
        std::shared_ptr<const std::string> gz_body;
        if (gzip_ok) {
            // A pre-compressed file.gz beside it (as fresh as the file), else on the fly.
            fs::path gz_path = file;
            gz_path += ".gz";
            UniqueFd g(::open(gz_path.c_str(), O_RDONLY | O_CLOEXEC));
            struct stat gst {};
            if (g && ::fstat(g.get(), &gst) == 0 && S_ISREG(gst.st_mode) &&
                gst.st_mtim.tv_sec >= st.st_mtim.tv_sec) {
                gz_fd = std::move(g);
                gz_size = static_cast<std::uint64_t>(gst.st_size);
                tag = http::etag(size, mtime_ns, "gz");
            } else if (size <= kMaxGzipOnTheFly) {
                const std::string key = file.string() + '\n' + tag;
                gz_body = gzip_cache.get(key);
                if (!gz_body) {
                    std::string plain(size, '\0');
                    if (::pread(fd.get(), plain.data(), size, 0) == static_cast<ssize_t>(size)) {
                        gz_body = std::make_shared<const std::string>(http::gzip(plain));
                        gzip_cache.put(key, gz_body);
                    }
                }
                if (gz_body) tag = http::etag(size, mtime_ns, "gz");
            }
        }
        res.set_header("ETag", tag);
        res.set_header("Last-Modified", last_modified);
        const bool encoded = gz_fd || gz_body;
        if (!encoded) res.set_header("Accept-Ranges", "bytes");

        // Conditional requests (RFC 9110 §13.2.2): If-None-Match, else If-Modified-Since.
        bool not_modified = false;
        if (req.has_header("If-None-Match")) {
            not_modified = http::none_match_hits(req.get_header_value("If-None-Match"), tag);
        } else if (req.has_header("If-Modified-Since")) {
            auto since = http::parse_http_date(req.get_header_value("If-Modified-Since"));
            not_modified = since && st.st_mtim.tv_sec <= *since;
        }
        if (not_modified) {
            res.status = 304;
            res.headers.erase(std::remove_if(res.headers.begin(), res.headers.end(),
                                             [](const auto& h) {
                                                 return ascii::iequals(h.first, "Content-Type") ||
                                                        ascii::iequals(h.first, "Accept-Ranges");
                                             }),
                              res.headers.end());
            return;
        }
        if (encoded) {
            res.set_header("Content-Encoding", "gzip");
            if (gz_fd) return stream_fd(res, std::move(gz_fd), 0, gz_size);
            res.body = *gz_body;
            return;
        }
        if (!range.empty() && if_range_holds(req, tag, st.st_mtim.tv_sec)) {
            http::RangePlan plan = http::plan_ranges(range, size);
            if (plan.kind == http::RangePlan::Kind::unsatisfiable) {
                send_json_error(res, 416, "range not satisfiable");
                res.set_header("Content-Range", "bytes */" + std::to_string(size));
                return;
            }
            if (plan.kind == http::RangePlan::Kind::partial && plan.ranges.size() == 1) {
                const http::ByteRange& r = plan.ranges.front();
                res.status = 206;
                res.set_header("Content-Range", "bytes " + std::to_string(r.first) + "-" +
                                                    std::to_string(r.last) + "/" +
                                                    std::to_string(size));
                return stream_fd(res, std::move(fd), r.first, r.length());
            }
            if (plan.kind == http::RangePlan::Kind::partial)
                return multipart(res, std::move(fd), plan.ranges, size, type);
        }
        stream_fd(res, std::move(fd), 0, size);
    }

    // If-Range: the Range applies only when the validator still names this file.
    static bool if_range_holds(const Request& req, const std::string& tag, std::time_t mtime) {
        if (!req.has_header("If-Range")) return true;
        const std::string v = std::string(ascii::trim(req.get_header_value("If-Range")));
        if (!v.empty() && (v.front() == '"' || v.rfind("W/", 0) == 0)) return v == tag;
        auto date = http::parse_http_date(v);
        return date && *date == mtime;
    }

    static void stream_fd(Reply& res, UniqueFd fd, std::uint64_t offset, std::uint64_t length) {
        MHD_Response* r = MHD_create_response_from_fd_at_offset64(length, fd.get(), offset);
        if (!r) return send_json_error(res, 500, "cannot send the file");
        fd.release();  // the response closes it
        res.stream.reset(r);
        res.stream_length = length;
    }

    void multipart(Reply& res, UniqueFd fd, const std::vector<http::ByteRange>& ranges,
                   std::uint64_t size, const std::string& type) {
        char boundary[40];
        std::snprintf(
            boundary, sizeof boundary, "xasite%016llx%08x",
            static_cast<unsigned long long>(++boundary_counter),
            static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count()));
        auto body = std::make_unique<Multipart>();
        body->fd = std::move(fd);
        bool first = true;
        for (const http::ByteRange& r : ranges) {
            body->pieces.push_back({std::string(first ? "" : "\r\n") + "--" + boundary +
                                        "\r\nContent-Type: " + type + "\r\nContent-Range: bytes " +
                                        std::to_string(r.first) + "-" + std::to_string(r.last) +
                                        "/" + std::to_string(size) + "\r\n\r\n",
                                    0, 0});
            body->pieces.push_back({"", r.first, r.length()});
            first = false;
        }
        body->pieces.push_back({std::string("\r\n--") + boundary + "--\r\n", 0, 0});
        for (const auto& p : body->pieces)
            body->total += p.text.empty() ? p.length : p.text.size();
        const std::uint64_t total = body->total;
        MHD_Response* r = MHD_create_response_from_callback(total, 64 * 1024, &Multipart::read,
                                                            body.get(), &Multipart::free);
        if (!r) return send_json_error(res, 500, "cannot send the ranges");
        body.release();  // freed by Multipart::free
        res.status = 206;
        res.set_header("Content-Type", std::string("multipart/byteranges; boundary=") + boundary);
        res.stream.reset(r);
        res.stream_length = total;
    }

    void serve_static(const Request& req, Reply& res) {
        // A request for a reclaimed domain (its DNS now points here): to the archived copy.
        if (old_urls.size() > 0 && !is_archive_path(req.path)) {
            std::string host = host_name(req.get_header_value("Host"));
            if (!host.empty()) {
                if (auto to = old_urls.find("http://" + host + req.target)) {
                    res.status = 301;
                    res.set_header("Location", *to);
                    res.set_content(error_json("moved"), kJson);
                    return;
                }
            }
        }
        if (is_archive_path(req.path)) res.archive = true;
        if (memento(req, res)) return;
        StaticResult r = resolve_static(options.site_dir, req.path, options.private_files);
        if (r.status == 301) {
            res.status = 301;
            // The path re-encoded (never a raw byte in a header); it starts with one '/' and has
            // no empty segment (resolve_static), so it names this host.
            std::string location = url::percent_encode(r.location, "/!$&'()*+,;=:@");
            const QueryParams params(req.target);
            if (!params.empty()) {
                // keep ?q=… when /xa-ea-kar/tra-cuu is asked without the slash
                std::string query;
                for (const auto& [k, v] : params.all())
                    query += (query.empty() ? "?" : "&") + url::percent_encode(k) + "=" +
                             url::percent_encode(v);
                location += query;
            }
            res.set_header("Location", location);
            res.set_content(error_json("moved permanently"), kJson);
            return;
        }
        if (r.status == 400) return send_json_error(res, 400, "bad request path");
        if (r.file.empty()) return send_json_error(res, 404, "not found");
        const bool html = r.content_type.rfind("text/html", 0) == 0;
        if (r.status == 200 && html && QueryParams(req.target).has("q") &&
            r.file.filename() == "index.html" && !options.search_page_dir.empty() &&
            r.file.parent_path().filename() == options.search_page_dir) {
            std::string page;
            if (!read_whole(r.file, page)) return send_json_error(res, 404, "not found");
            res.set_content(search_page(req, page, req.path), r.content_type);
            res.set_header("Cache-Control", "no-store");
            return;
        }
        res.set_header("Cache-Control", html ? "no-cache" : "max-age=3600");
        if (r.status == 200 && is_archive_path(req.path)) memento_headers(r.file, res);
        serve_file(req, res, r.file, r.content_type, r.status);
    }

    // --- the HTTP layer (libmicrohttpd callbacks) -------------------------------------------

    MHD_Result queue(MHD_Connection* c, Exchange& ex, Reply& r) {
        ResponsePtr resp = std::move(r.stream);
        if (!resp)
            resp.reset(MHD_create_response_from_buffer(r.body.size(), r.body.data(),
                                                       MHD_RESPMEM_MUST_COPY));
        if (!resp) return MHD_NO;
        MHD_add_response_header(
            resp.get(), "Content-Security-Policy",
            r.archive ? archive::archive_content_security_policy() : content_security_policy());
        MHD_add_response_header(resp.get(), "X-Content-Type-Options", "nosniff");
        MHD_add_response_header(resp.get(), "Referrer-Policy", "strict-origin-when-cross-origin");
        MHD_add_response_header(resp.get(), "X-Frame-Options", "SAMEORIGIN");
        for (const auto& [name, value] : r.headers)
            MHD_add_response_header(resp.get(), name.c_str(), value.c_str());
        if (draining) MHD_add_response_header(resp.get(), "Connection", "close");
        const MHD_Result ok = MHD_queue_response(c, static_cast<unsigned>(r.status), resp.get());
        ex.queued = true;
        ex.status = r.status;
        ex.bytes = ex.method == "HEAD" || r.status == 304
                       ? 0
                       : (r.body.empty() ? r.stream_length : r.body.size());
        if (ok == MHD_YES) {
            std::lock_guard<std::mutex> lock(flight_mutex);
            ++in_flight;
            ex.in_flight = true;
        }
        return ok;
    }

    MHD_Result queue_error(MHD_Connection* c, Exchange& ex, int status, const std::string& what) {
        Reply r;
        send_json_error(r, status, what);
        if (status == 405) r.set_header("Allow", "GET, HEAD");
        return queue(c, ex, r);
    }

    // What MHD lets through and HTTP/1.1 forbids (RFC 9112 §3.2, §6.1): two Host headers, and
    // Content-Length beside Transfer-Encoding (request smuggling), and an HTTP/1.1 request
    // without Host (libmicrohttpd 0.9.75 lets it through unless in its strict mode).
    static std::string header_problem(MHD_Connection* c, bool http_11,
                                      std::uint64_t& content_length) {
        struct Count {
            int host = 0, length = 0, coding = 0;
            std::string length_value;
        } n;
        MHD_get_connection_values(
            c, MHD_HEADER_KIND,
            [](void* cls, MHD_ValueKind, const char* key, const char* value) -> MHD_Result {
                auto& k = *static_cast<Count*>(cls);
                if (ascii::iequals(key, "Host")) ++k.host;
                if (ascii::iequals(key, "Content-Length")) {
                    ++k.length;
                    k.length_value = value ? value : "";
                }
                if (ascii::iequals(key, "Transfer-Encoding")) ++k.coding;
                return MHD_YES;
            },
            &n);
        if (n.host > 1) return "more than one Host header";
        if (n.host == 0 && http_11) return "an HTTP/1.1 request needs a Host header";
        if (n.length > 0 && n.coding > 0) return "both Content-Length and Transfer-Encoding";
        if (n.length > 1) return "more than one Content-Length header";
        content_length = 0;
        if (n.length == 1) {
            const std::string& v = n.length_value;
            if (v.empty() || v.size() > 18 ||
                v.find_first_not_of("0123456789") != std::string::npos)
                return "bad Content-Length";
            content_length = std::stoull(v);
        }
        return {};
    }

    MHD_Result on_request(MHD_Connection* c, const char* method, const char* version,
                          const char* upload_data, std::size_t* upload_size, void** context) {
        (void)upload_data;
        auto* ex = static_cast<Exchange*>(*context);
        if (!ex) return MHD_NO;  // set by on_uri for every request
        if (!ex->started) {
            ex->started = true;
            ex->method = method ? method : "-";
            ex->version = version ? version : "";
            if (const char* v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Referer"))
                ex->referer = v;
            if (const char* v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "User-Agent"))
                ex->agent = v;
            if (ex->method != "GET" && ex->method != "HEAD")
                return queue_error(c, *ex, 405, status_text(405));
            std::uint64_t length = 0;
            if (std::string problem = header_problem(c, ex->version == "HTTP/1.1", length);
                !problem.empty())
                return queue_error(c, *ex, 400, problem);
            if (length > kMaxBody) return queue_error(c, *ex, 413, status_text(413));
            return MHD_YES;  // the next call comes with the body, or at its end
        }
        if (*upload_size != 0) {  // a (small) body: read and dropped
            ex->body_bytes += *upload_size;
            *upload_size = 0;
            if (ex->body_bytes > kMaxBody && !ex->queued)
                return queue_error(c, *ex, 413, status_text(413));
            return MHD_YES;
        }
        if (ex->queued) return MHD_YES;
        Request req;
        req.connection = c;
        req.method = ex->method;
        req.target = ex->target;
        std::string_view raw = ex->target;
        raw = raw.substr(0, raw.find_first_of("?#"));
        req.path = url::percent_decode(raw);
        Reply reply;
        try {
            reply = dispatch(req);
        } catch (const std::exception& e) {
            reply = Reply();
            send_json_error(reply, 500, std::string("internal error: ") + e.what());
        }
        return queue(c, *ex, reply);
    }

    void on_completed(Exchange& ex, MHD_RequestTerminationCode toe, MHD_Connection* c) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - ex.start).count();
        const bool failed = toe != MHD_REQUEST_TERMINATED_COMPLETED_OK;
        if (ex.started || ex.queued)
            metrics.record(ex.status, seconds, failed && ex.queued, ex.bytes);
        if (ex.in_flight) {
            std::lock_guard<std::mutex> lock(flight_mutex);
            --in_flight;
            flight_done.notify_all();
        }
        if (options.quiet || !ex.started) return;
        // Combined log format, then the duration; every request field escaped. The path as
        // sent, without the query: what citizens search for is not logged.
        const std::string path = ex.target.substr(0, ex.target.find('?'));
        std::string line = client_address(c) + " - - " + http::log_time(ex.wall) + " \"" +
                           http::log_escape(ex.method) + " " + http::log_escape(path) + " " +
                           http::log_escape(ex.version) + "\" " +
                           (ex.queued ? std::to_string(ex.status) : std::string("-")) + " " +
                           std::to_string(ex.bytes) + " \"" + http::log_escape(ex.referer) +
                           "\" \"" + http::log_escape(ex.agent) + "\" ";
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.3fms", seconds * 1000);
        line += ms;
        if (failed && ex.queued) line += " incomplete";
        line += '\n';
        std::lock_guard<std::mutex> lock(log_mutex);
        log << line;
        log.flush();
    }

    static MHD_Result access_handler(void* cls, MHD_Connection* c, const char*, const char* method,
                                     const char* version, const char* upload_data,
                                     std::size_t* upload_size, void** context) {
        return static_cast<Impl*>(cls)->on_request(c, method, version, upload_data, upload_size,
                                                   context);
    }

    // The first callback of a request, with its target as sent: the per-request state starts here.
    static void* uri_logger(void*, const char* uri, MHD_Connection*) {
        auto ex = std::make_unique<Exchange>();
        ex->target = uri ? uri : "";
        return ex.release();  // owned by MHD until request_completed
    }

    static void request_completed(void* cls, MHD_Connection* c, void** context,
                                  MHD_RequestTerminationCode toe) {
        std::unique_ptr<Exchange> ex(static_cast<Exchange*>(*context));
        *context = nullptr;
        if (ex) static_cast<Impl*>(cls)->on_completed(*ex, toe, c);
    }

    static void connection_notice(void* cls, MHD_Connection*, void**,
                                  MHD_ConnectionNotificationCode code) {
        auto& m = static_cast<Impl*>(cls)->metrics;
        if (code == MHD_CONNECTION_NOTIFY_STARTED) {
            ++m.connections;
            ++m.open_connections;
        } else {
            --m.open_connections;
        }
    }
};

SiteServer::SiteServer(ServeOptions options, std::ostream& log)
    : impl_(std::make_unique<Impl>(std::move(options), log)) {}

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
    int port = -1;
    im.listener = open_listener(im.options.host, im.options.port, port);
    if (!im.listener) {
        im.log << "error: cannot listen on " << im.options.host << ":" << im.options.port
               << ": the address is in use (another `xasite serve`?) or not available ("
               << std::strerror(errno) << ")\n";
        return -1;
    }
    unsigned threads = im.options.threads;
    if (threads == 0) threads = std::max(4u, std::thread::hardware_concurrency());
    // epoll, one event loop per worker thread, each serving its share of the connections: an
    // idle or slow connection costs a socket and its buffer, never a thread.
    im.daemon = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC, 0, nullptr, nullptr, &Impl::access_handler,
        &im, MHD_OPTION_LISTEN_SOCKET, im.listener.get(), MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, im.options.max_connections, MHD_OPTION_CONNECTION_TIMEOUT,
        im.options.connection_timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        im.options.connection_memory, MHD_OPTION_URI_LOG_CALLBACK, &Impl::uri_logger, &im,
        MHD_OPTION_NOTIFY_COMPLETED, &Impl::request_completed, &im, MHD_OPTION_NOTIFY_CONNECTION,
        &Impl::connection_notice, &im, MHD_OPTION_END);
    if (!im.daemon) {
        im.log << "error: cannot start the HTTP server on " << im.options.host << ":" << port
               << "\n";
        im.listener.reset();
        return -1;
    }
    return port;
}

bool SiteServer::listen() {
    Impl& im = *impl_;
    if (!im.daemon) return false;
    // Until stop(): a byte on the pipe.
    pollfd p{im.stop_pipe[0], POLLIN, 0};
    while (::poll(&p, 1, -1) < 0 && errno == EINTR) {
    }
    // Graceful: no new connection, the answers under way finish (bounded), then the end.
    im.draining = true;
    const MHD_socket quiesced = MHD_quiesce_daemon(im.daemon);
    if (quiesced == im.listener.get()) im.listener.reset();
    {
        std::unique_lock<std::mutex> lock(im.flight_mutex);
        im.flight_done.wait_for(lock, im.options.shutdown_grace, [&] { return im.in_flight == 0; });
    }
    MHD_stop_daemon(im.daemon);
    im.daemon = nullptr;
    im.listener.release();  // if it was not quiesced, MHD_stop_daemon has closed it
    return true;
}

void SiteServer::stop() {
    // Async-signal-safe: called from the SIGTERM/SIGINT handler.
    const char byte = 1;
    if (impl_->stop_pipe[1] >= 0) {
        [[maybe_unused]] ssize_t n = ::write(impl_->stop_pipe[1], &byte, 1);
    }
}

void SiteServer::log_index_status() {
    Impl& im = *impl_;
    const fs::path index = im.searcher.index_dir();
    try {
        // Opens the index the searches will use, so a swap under way later finds one to keep.
        std::size_t documents = im.searcher.document_count();
        im.log << "search index " << fs::absolute(index).string() << ": " << documents
               << " documents\n";
    } catch (const std::exception& e) {
        im.log << "warning: " << e.what() << "; /api/search answers 503 until it exists\n";
    }
}

}  // namespace xasite::serve
