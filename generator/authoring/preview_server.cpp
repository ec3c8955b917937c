#include "generator/authoring/preview_server.hpp"

#include <httplib.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>

#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "generator/authoring/watcher.hpp"
#include "generator/site/build.hpp"

namespace xasite::authoring {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::string_view kReloadScript =
    R"js(// xasite preview: reloads the page when the site was rebuilt (Server-Sent Events).
(function () {
  var me = document.currentScript;
  var seen = me ? me.getAttribute('data-xasite-generation') : null;
  var events = new EventSource('/__xasite/events');
  events.addEventListener('build', function (e) {
    var generation = String(JSON.parse(e.data).generation);
    if (seen === null) { seen = generation; return; }
    if (generation !== seen) { events.close(); location.reload(); }
  });
})();
)js";

constexpr std::string_view kPreviewCss = R"css(#xasite-preview-error {
  position: relative; z-index: 2147483647; margin: 0; padding: 1rem 1.25rem;
  background: #fff4f4; color: #5c0000; border-bottom: 4px solid #b00020;
  font: 16px/1.5 system-ui, sans-serif;
}
#xasite-preview-error strong { display: block; font-size: 1.1rem; }
#xasite-preview-error pre {
  margin: .5rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere;
  font: 15px/1.45 ui-monospace, monospace; color: #000;
}
)css";

std::string banner(std::string_view error) {
    std::string out =
        "<div id=\"xasite-preview-error\" role=\"alert\"><strong>Lỗi khi dựng lại trang — đang "
        "hiện bản dựng tốt gần nhất</strong>Sửa lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại."
        "<pre>";
    text::append_html_escaped(out, error);
    out += "</pre></div>";
    return out;
}

// Position of `needle` in `html`, ignoring ASCII case; `last`: the last one.
std::size_t find_ci(std::string_view html, std::string_view needle, bool last) {
    std::size_t found = std::string_view::npos;
    for (std::size_t i = 0; i + needle.size() <= html.size(); ++i) {
        bool eq = true;
        for (std::size_t j = 0; eq && j < needle.size(); ++j)
            eq = ascii::lower(html[i + j]) == needle[j];
        if (eq) {
            found = i;
            if (!last) return found;
        }
    }
    return found;
}

// The page shown while no build has succeeded yet.
std::string error_page(std::uint64_t generation, std::string_view error) {
    return inject_preview(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Lỗi dựng trang "
        "— xem trước</title></head><body><main><h1>Chưa dựng được trang</h1><p>Trang sẽ tự tải "
        "lại khi lỗi được sửa.</p></main></body></html>\n",
        generation, error);
}

std::string format_seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", s);
    std::string out = buf;
    for (char& c : out)
        if (c == '.') c = ',';
    return out;
}

}  // namespace

std::string_view reload_script() {
    return kReloadScript;
}

std::string inject_preview(std::string_view html, std::uint64_t generation,
                           std::string_view error) {
    std::string out;
    out.reserve(html.size() + 512 + error.size() * 2);
    std::size_t at = 0;
    if (!error.empty()) {
        std::size_t head = find_ci(html, "</head>", false);
        if (head != std::string_view::npos) {
            out.append(html.substr(0, head));
            out += "<link rel=\"stylesheet\" href=\"/__xasite/preview.css\">";
            at = head;
        }
        std::size_t body = find_ci(html.substr(at), "<body", false);
        std::size_t body_end = body == std::string_view::npos ? body : html.find('>', at + body);
        if (body_end != std::string_view::npos) {
            out.append(html.substr(at, body_end + 1 - at));
            at = body_end + 1;
        }
        out += banner(error);
    }
    const std::string script = "<script src=\"/__xasite/reload.js\" data-xasite-generation=\"" +
                               std::to_string(generation) + "\"></script>";
    std::size_t end = find_ci(html.substr(at), "</body>", true);
    if (end == std::string_view::npos) {
        out.append(html.substr(at));
        out += script;
    } else {
        out.append(html.substr(at, end));
        out += script;
        out.append(html.substr(at + end));
    }
    return out;
}

struct PreviewServer::Impl {
    PreviewOptions options;
    std::ostream& log;
    std::mutex log_mutex;
    std::vector<std::string> last_warnings;  // of the last good build (watch thread only)

    mutable std::mutex mutex;  // guards the state below
    std::condition_variable changed;
    std::uint64_t generation = 0;
    std::string error;
    double seconds = 0;
    bool stopping = false;
    bool have_site = false;
    int inner_port = -1;

    std::unique_ptr<serve::SiteServer> inner;
    std::thread inner_thread;
    std::unique_ptr<ContentWatcher> watcher;
    std::thread watch_thread;
    httplib::Server outer;

    Impl(PreviewOptions o, std::ostream& l) : options(std::move(o)), log(l) {}

    void say(const std::string& line) {
        std::lock_guard<std::mutex> lock(log_mutex);
        log << line << "\n";
        log.flush();
    }

    // One build; the result becomes the next generation.
    void rebuild(const std::string& why) {
        site::BuildOptions b;
        b.content_dir = options.content_dir;
        b.out_dir = options.out_dir;
        b.units = options.units;
        b.jobs = options.jobs;
        b.quiet = true;
        b.search_index = options.search_index;
        b.drafts = true;  // staff preview what they have not published yet
        const auto t0 = Clock::now();
        std::string failure;
        std::size_t pages = 0;
        std::vector<std::string> warnings;
        try {
            site::BuildSummary summary = site::build_site(b);
            pages = summary.pages;
            warnings = std::move(summary.warnings);
        } catch (const InputError& e) {
            failure = e.vi();  // staff read it: in Vietnamese where the error has it
        } catch (const std::exception& e) {
            failure = std::string("lỗi khi ghi trang: ") + e.what();
        }
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        if (failure.empty()) {
            start_inner();
            say("đã dựng " + std::to_string(pages) + " trang trong " + format_seconds(s) + " giây" +
                (why.empty() ? "" : " (" + why + ")"));
            // The warnings once, not again on every save.
            if (warnings != last_warnings)
                for (const auto& w : warnings)
                    say("  cảnh báo: " + w);
            last_warnings = std::move(warnings);
        } else {
            say("LỖI khi dựng" + (why.empty() ? "" : " (" + why + ")") + ": " + failure +
                "\n  vẫn phục vụ bản dựng tốt gần nhất; sửa lỗi rồi lưu tệp");
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            ++generation;
            error = failure;
            seconds = s;
            if (failure.empty()) have_site = true;
        }
        changed.notify_all();
    }

    // The static server, once there is a site to serve.
    void start_inner() {
        std::lock_guard<std::mutex> lock(mutex);
        if (inner || stopping) return;
        serve::ServeOptions so = options.site_server;
        so.site_dir = options.out_dir;
        so.host = "127.0.0.1";
        so.port = 0;
        so.quiet = true;
        so.threads = 8;
        so.index_dir = fs::path(options.out_dir.string() + ".xapian");
        inner = std::make_unique<serve::SiteServer>(std::move(so), log);
        inner_port = inner->bind();
        if (inner_port < 0) {
            inner.reset();
            return;
        }
        inner_thread = std::thread([s = inner.get()] { s->listen(); });
    }

    void watch_loop() {
        for (;;) {
            std::vector<fs::path> changes = watcher->wait(options.debounce, std::chrono::hours(24));
            {
                std::lock_guard<std::mutex> lock(mutex);
                if (stopping) return;
            }
            if (changes.empty()) continue;
            std::string why = changes.front().string();
            if (changes.size() > 1)
                why += " và " + std::to_string(changes.size() - 1) + " tệp khác";
            rebuild(why);
        }
    }

    void proxy(const httplib::Request& req, httplib::Response& res) {
        int port;
        std::uint64_t gen;
        std::string err;
        bool site;
        {
            std::lock_guard<std::mutex> lock(mutex);
            port = inner_port;
            gen = generation;
            err = error;
            site = have_site;
        }
        if (!site || port < 0) {
            res.status = 503;
            res.set_header("Cache-Control", "no-store");
            res.set_content(error_page(gen, err.empty() ? "chưa dựng được trang" : err),
                            "text/html; charset=utf-8");
            return;
        }
        httplib::Client client("127.0.0.1", port);
        client.set_connection_timeout(2);
        client.set_read_timeout(60);
        httplib::Headers headers;
        for (const char* h : {"Host", "Accept", "Accept-Language", "Accept-Datetime"})
            if (req.has_header(h)) headers.emplace(h, req.get_header_value(h));
        auto r = client.Get(req.target.empty() ? req.path : req.target, headers);
        if (!r) {
            res.status = 502;
            res.set_content("xem trước: máy chủ trang tĩnh không trả lời (" +
                                httplib::to_string(r.error()) + ")",
                            "text/plain; charset=utf-8");
            return;
        }
        res.status = r->status;
        std::string type = r->get_header_value("Content-Type");
        for (const auto& [k, v] : r->headers) {
            std::string key = k;
            ascii::lower_in_place(key);
            if (key == "content-length" || key == "transfer-encoding" || key == "connection" ||
                key == "keep-alive" || key == "content-type" || key == "cache-control" ||
                key == "content-encoding")
                continue;
            res.headers.emplace(k, v);
        }
        const bool html = type.rfind("text/html", 0) == 0;
        res.set_header("Cache-Control", "no-store");
        if (html)
            res.set_content(inject_preview(r->body, gen, err), type);
        else if (!type.empty() || !r->body.empty())
            res.set_content(std::move(r->body), type.empty() ? "application/octet-stream" : type);
    }

    void events(httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Accel-Buffering", "no");
        auto sent = std::make_shared<std::optional<std::uint64_t>>();
        res.set_chunked_content_provider(
            "text/event-stream", [this, sent](std::size_t, httplib::DataSink& sink) {
                std::string message;
                {
                    std::unique_lock<std::mutex> lock(mutex);
                    if (!*sent) message = "retry: 500\n\n";
                    changed.wait_for(lock, std::chrono::seconds(15),
                                     [&] { return stopping || !*sent || **sent != generation; });
                    if (stopping) {
                        sink.done();
                        return false;
                    }
                    if (!*sent || **sent != generation) {
                        *sent = generation;
                        std::string json = "{\"generation\":" + std::to_string(generation) +
                                           ",\"ok\":" + (error.empty() ? "true" : "false") + "}";
                        message += "event: build\ndata: " + json + "\n\n";
                    } else {
                        message += ": ping\n\n";  // keeps proxies and the client's timer happy
                    }
                }
                return sink.write(message.data(), message.size());
            });
    }

    void status(httplib::Response& res) {
        std::lock_guard<std::mutex> lock(mutex);
        std::string body = "{\"generation\":" + std::to_string(generation) +
                           ",\"ok\":" + (error.empty() ? "true" : "false") + ",\"error\":\"";
        for (char c : error) {
            if (c == '"' || c == '\\')
                body += '\\', body += c;
            else if (c == '\n')
                body += "\\n";
            else if (static_cast<unsigned char>(c) < 0x20)
                body += ' ';
            else
                body += c;
        }
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.3f", seconds);
        body += std::string("\",\"seconds\":") + secs + "}";
        res.set_header("Cache-Control", "no-store");
        res.set_content(body, "application/json");
    }
};

PreviewServer::PreviewServer(PreviewOptions options, std::ostream& log)
    : impl_(std::make_unique<Impl>(std::move(options), log)) {
    Impl& im = *impl_;
    auto& server = im.outer;
    server.set_tcp_nodelay(true);
    server.set_keep_alive_timeout(2);
    // Each open page holds a worker with its event stream. httplib takes ownership of the queue
    // it is given (and deletes it): the raw `new` is its API.
    server.new_task_queue = [] { return new httplib::ThreadPool(16); };
    server.Get("/__xasite/events", [&im](const httplib::Request& req, httplib::Response& res) {
        // cpp-httplib 0.11 gzips every text/* response the client accepts compressed, and its
        // compressor holds a chunk back until the stream ends (Z_NO_FLUSH): events would never
        // arrive. The request object is httplib's own non-const local, handed over as const.
        const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
        im.events(res);
    });
    server.Get("/__xasite/reload.js", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::string(kReloadScript), "text/javascript; charset=utf-8");
    });
    server.Get("/__xasite/preview.css", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::string(kPreviewCss), "text/css; charset=utf-8");
    });
    server.Get("/__xasite/status",
               [&im](const httplib::Request&, httplib::Response& res) { im.status(res); });
    server.Get(R"(/.*)",
               [&im](const httplib::Request& req, httplib::Response& res) { im.proxy(req, res); });
    server.set_logger([&im](const httplib::Request& req, const httplib::Response& res) {
        if (im.options.quiet || req.path.rfind("/__xasite/", 0) == 0) return;
        im.say("\"" + req.method + " " + req.path + "\" " + std::to_string(res.status));
    });
}

PreviewServer::~PreviewServer() {
    stop();
}

int PreviewServer::start() {
    Impl& im = *impl_;
    // Watch first: a file saved during the first build is not missed.
    im.watcher = std::make_unique<ContentWatcher>(im.options.content_dir);
    im.rebuild("");
    im.watch_thread = std::thread([&im] { im.watch_loop(); });
    int port = im.options.port;
    if (port == 0) {
        port = im.outer.bind_to_any_port(im.options.host);
    } else if (!im.outer.bind_to_port(im.options.host, port)) {
        port = -1;
    }
    if (port < 0)
        im.say("lỗi: không mở được cổng " + im.options.host + ":" +
               std::to_string(im.options.port) + " (đang có chương trình khác dùng?)");
    return port;
}

bool PreviewServer::listen() {
    return impl_->outer.listen_after_bind();
}

void PreviewServer::stop() {
    Impl& im = *impl_;
    {
        std::lock_guard<std::mutex> lock(im.mutex);
        im.stopping = true;
    }
    im.changed.notify_all();
    if (im.watcher) im.watcher->stop();
    if (im.watch_thread.joinable()) im.watch_thread.join();
    im.outer.stop();
    if (im.inner) im.inner->stop();
    if (im.inner_thread.joinable()) im.inner_thread.join();
}

std::uint64_t PreviewServer::generation() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->generation;
}

std::string PreviewServer::last_error() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->error;
}

}  // namespace xasite::authoring
