#include "generator/cli/preview_command.hpp"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <thread>

#include "core/error.hpp"
#include "generator/cli/serve_command.hpp"
#include "generator/content/site_config.hpp"
#include "generator/units/registry.hpp"

namespace xasite::cli {

namespace fs = std::filesystem;

void add_preview_command(CLI::App& app, PreviewCommand& cmd, CLI::App* serve) {
    auto& o = cmd.options;
    cmd.app = app.add_subcommand(
        "preview",
        "Xem trước: dựng vào thư mục tạm, phục vụ qua HTTP, dựng lại khi tệp thay đổi và tự tải "
        "lại trang đang mở");
    cmd.app->add_option("--content", o.content_dir, "Thư mục nội dung")->capture_default_str();
    cmd.app->add_option("--out", cmd.out,
                        "Thư mục dựng (mặc định: thư mục tạm, xoá khi dừng; không phải site/)");
    cmd.app->add_option("--unit", o.units, "Chỉ dựng các đơn vị này (mã đơn vị mới); lặp lại được");
    cmd.app->add_option("--host", o.host, "Địa chỉ lắng nghe")->capture_default_str();
    cmd.app->add_option("--port", o.port, "Cổng (0 = cổng trống bất kỳ)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    cmd.app->add_option("--jobs,-j", o.jobs, "Số luồng dựng (mặc định: mọi lõi)");
    cmd.app->add_flag("--index", o.search_index,
                      "Dựng cả chỉ mục tìm kiếm (trang tra cứu trả lời; dựng chậm hơn)");
    cmd.app->add_flag("--quiet,-q", o.quiet, "Không in từng yêu cầu");
    if (serve) {
        cmd.watch = serve->add_flag(
            "--watch", cmd.watch_flag,
            "Xem trước (như `xasite preview`): dựng --content vào thư mục tạm, dựng lại "
            "khi tệp thay đổi; --site không dùng");
        serve->add_option("--content", o.content_dir, "Với --watch: thư mục nội dung")
            ->capture_default_str();
        serve->add_option("--unit", o.units, "Với --watch: chỉ dựng các đơn vị này");
    }
}

bool preview_command_parsed(const PreviewCommand& cmd) {
    return cmd.app->parsed() || cmd.watch_flag;
}

int run_preview_command(PreviewCommand& cmd, const serve::ServeOptions& serve, std::ostream& log) {
    authoring::PreviewOptions o = cmd.options;
    if (!cmd.app->parsed()) {  // serve --watch
        o.host = serve.host;
        o.port = serve.port;
        o.quiet = serve.quiet;
    }
    o.site_server = serve_options();
    o.site_server.packages_dir = o.content_dir / "archives";
    std::error_code ec;
    if (!fs::is_directory(o.content_dir, ec)) {
        log << "lỗi: " << o.content_dir.string() << ": không có thư mục nội dung này\n";
        return 1;
    }
    // A preview folder inside the content tree would rebuild itself for ever (the watcher sees
    // the build's own writes).
    if (!cmd.out.empty()) {
        const fs::path content = fs::weakly_canonical(o.content_dir, ec);
        const fs::path out = fs::weakly_canonical(cmd.out, ec);
        auto c = content.begin(), p = out.begin();
        for (; c != content.end() && p != out.end() && *c == *p; ++c, ++p) {
        }
        if (c == content.end()) {
            log << "lỗi: --out " << cmd.out.string() << " nằm trong thư mục nội dung "
                << o.content_dir.string() << "; chọn thư mục khác (hoặc bỏ --out)\n";
            return 1;
        }
    }
    fs::path scratch;  // removed on exit
    if (cmd.out.empty()) {
        scratch = fs::temp_directory_path() / ("xasite-preview-" + std::to_string(::getpid()));
        fs::create_directories(scratch);
        o.out_dir = scratch / "site";
    } else {
        o.out_dir = cmd.out;
    }
    log << "Xem trước: dựng " << fs::absolute(o.content_dir).string() << " vào "
        << (scratch.empty() ? "" : "thư mục tạm ") << fs::absolute(o.out_dir).string()
        << (scratch.empty() ? " (--out: thư mục này bị thay bằng bản xem trước)"
                            : " (xoá khi dừng) — không phải thư mục site/ được đăng")
        << "; trang nháp (draft: true) cũng được dựng để xem trước.\n";
    if (o.units.empty())
        log << "Dựng mọi đơn vị (chậm): thêm --unit MÃ để chỉ dựng trang của một xã.\n";
    log.flush();

    // Signals are taken by one thread (sigwait), so stop() never runs inside a signal handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    int status = 0;
    {
        authoring::PreviewServer server(o, log);
        const int port = server.start();
        if (port < 0) {
            status = 1;
        } else {
            const std::string root = "http://" + o.host + ":" + std::to_string(port) + "/";
            std::string pages;
            try {
                const auto config = content::SiteConfig::load(o.content_dir / "site.json");
                const auto registry = units::Registry::load(o.content_dir / config.registry);
                for (const auto& code : o.units)
                    if (const auto* u = registry.find_new(code))
                        pages += "\n  " + u->full_name + ": " + root + u->slug + "/";
            } catch (const std::exception&) {
                // the build reported the content's error already
            }
            log << "Xem trước tại " << root << " — Ctrl+C để dừng" << pages << "\n";
            log.flush();
            std::atomic<bool> done{false};
            std::thread waiter([&server, &done, signals] {
                const timespec tick{0, 200'000'000};
                while (!done) {
                    if (sigtimedwait(&signals, nullptr, &tick) > 0) {
                        server.stop();
                        return;
                    }
                }
            });
            if (!server.listen()) status = 1;
            done = true;
            waiter.join();
        }
    }
    if (!scratch.empty()) {
        fs::remove_all(scratch, ec);  // the site, its lock and index
    }
    return status;
}

}  // namespace xasite::cli
