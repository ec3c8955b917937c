// The site-wide nginx.conf that `xasite build` writes, loaded unchanged by the real nginx
// (/usr/sbin/nginx as the current user, on 127.0.0.1, daemon off, every path in a temporary
// folder) in front of `xasite serve`, fetched with curl: the province home, a commune page and
// its own 404 page, an archive page with the archive's CSP, the server-rendered search page and
// the search API, an old domain's redirect into the archive; then, serve stopped, the static search
// page (200, not 502) and a JSON 503 from the API.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "archive/view/archive_view.hpp"
#include "archive/view/test_package.hpp"
#include "core/url.hpp"
#include "loopback.hpp"
#include "serve/server.hpp"
#include "test_support.hpp"

extern char** environ;

namespace xasite {
namespace {

namespace fs = std::filesystem;
using testing::quote;
using testing::run_command;

constexpr const char* kNginx = "/usr/sbin/nginx";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A copy of content/ in `dir`, without its archive packages (each test adds what it needs).
fs::path content_without_archives(const fs::path& dir) {
    const fs::path content = dir / "content";
    fs::copy(testing::content_dir(), content, fs::copy_options::recursive);
    fs::remove_all(content / "archives");
    return content;
}

int free_port() {
    return static_cast<int>(loopback::free_port());
}

// A process this test started, stopped (SIGTERM, then waited for) when it goes.
class Child {
  public:
    Child(const std::vector<std::string>& argv, const fs::path& log) {
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&fa, 1, 2);
        if (posix_spawn(&pid_, args[0], &fa, nullptr, args.data(), environ) != 0) pid_ = -1;
        posix_spawn_file_actions_destroy(&fa);
    }
    ~Child() { stop(); }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    bool running() const { return pid_ > 0 && ::kill(pid_, 0) == 0; }
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        for (int i = 0; i < 100; ++i) {
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }

  private:
    pid_t pid_ = -1;
};

struct Response {
    int status = 0;
    std::string headers;  // lower-cased names as sent
    std::string body;
    std::string header(const std::string& name) const {
        std::istringstream lines(headers);
        for (std::string line; std::getline(lines, line);) {
            auto colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string n = line.substr(0, colon);
            for (auto& c : n)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (n != name) continue;
            std::string v = line.substr(colon + 1);
            while (!v.empty() && (v.front() == ' '))
                v.erase(0, 1);
            while (!v.empty() && (v.back() == '\r' || v.back() == ' '))
                v.pop_back();
            return v;
        }
        return "";
    }
};

Response get(int port, const std::string& path, const fs::path& tmp,
             const std::string& host = "daklak.gov.vn") {
    const fs::path head = tmp / "curl.head", body = tmp / "curl.body";
    auto r =
        run_command("curl -s -o " + quote(body) + " -D " + quote(head) + " -w '%{http_code}' " +
                    "-H 'Host: " + host + "' -H 'Accept-Encoding: identity' 'http://127.0.0.1:" +
                    std::to_string(port) + path + "'");
    Response out;
    try {
        out.status = std::stoi(r.out);
    } catch (const std::exception&) {
        out.status = -1;
    }
    out.headers = slurp(head);
    out.body = slurp(body);
    return out;
}

bool wait_for(int port, const fs::path& tmp, const std::string& path) {
    for (int i = 0; i < 200; ++i) {
        if (get(port, path, tmp).status > 0) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

bool has(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

TEST(Nginx, TheGeneratedConfigurationServesTheSiteInFrontOfServe) {
    if (!fs::exists(kNginx)) GTEST_SKIP() << kNginx << " is not installed (make deps)";
    testing::TempDir tmp_dir;
    const fs::path tmp = tmp_dir.path();
    const fs::path content = content_without_archives(tmp);
    archive::testing::district_portal(content / "archives" / "651");

    const int nginx_port = free_port(), serve_port = free_port();
    ASSERT_GT(nginx_port, 0);
    ASSERT_GT(serve_port, 0);
    const fs::path site = tmp / "site";
    const fs::path listen = tmp / "listen.conf";
    std::ofstream(listen) << "listen 127.0.0.1:" << nginx_port << ";\n";
    auto build = run_command(
        quote(testing::xasite_binary()) + " build -q --content " + quote(content) + " --out " +
        quote(site) + " --unit 24373 --nginx-upstream 127.0.0.1:" + std::to_string(serve_port) +
        " --nginx-listen " + quote(listen));
    ASSERT_EQ(build.exit_code, 0) << build.out;
    const std::string conf = slurp(site / "nginx.conf");
    ASSERT_TRUE(has(conf, "root " + fs::absolute(site).lexically_normal().string() + ";")) << conf;
    // The same policy strings as `xasite serve`.
    EXPECT_TRUE(has(conf, serve::content_security_policy()));
    EXPECT_TRUE(has(conf, archive::archive_content_security_policy()));

    // The operator's part: a minimal top-level configuration around the generated file.
    for (const char* d : {"body", "proxy", "fastcgi", "uwsgi", "scgi"})
        fs::create_directories(tmp / "nginx" / d);
    const fs::path top = tmp / "nginx" / "nginx.conf";
    const std::string n = (tmp / "nginx").string();
    std::ofstream(top) << "daemon off;\nworker_processes 1;\npid " << n << "/nginx.pid;\n"
                       << "error_log " << n << "/error.log warn;\n"
                       << "events { worker_connections 64; }\nhttp {\n"
                       << "    include /etc/nginx/mime.types;\n"
                       << "    default_type application/octet-stream;\n    access_log off;\n"
                       << "    client_body_temp_path " << n << "/body;\n"
                       << "    proxy_temp_path " << n << "/proxy;\n"
                       << "    fastcgi_temp_path " << n << "/fastcgi;\n"
                       << "    uwsgi_temp_path " << n << "/uwsgi;\n"
                       << "    scgi_temp_path " << n << "/scgi;\n"
                       << "    include " << (site / "nginx.conf").string() << ";\n}\n";
    auto syntax = run_command(std::string(kNginx) + " -t -e " + quote(tmp / "nginx/error.log") +
                              " -p " + quote(tmp / "nginx") + " -c " + quote(top));
    ASSERT_EQ(syntax.exit_code, 0) << syntax.out << "\n" << conf.substr(0, 4000);

    Child serve({testing::xasite_binary().string(), "serve", "--site", site.string(), "--port",
                 std::to_string(serve_port), "--quiet"},
                tmp / "serve.log");
    Child nginx({kNginx, "-e", (tmp / "nginx/error.log").string(), "-p", n, "-c", top.string()},
                tmp / "nginx.log");
    ASSERT_TRUE(wait_for(nginx_port, tmp, "/")) << slurp(tmp / "nginx/error.log");
    // serve is up when the API answers through nginx with its JSON (not nginx's 503).
    bool serve_up = false;
    for (int i = 0; i < 200 && !serve_up; ++i) {
        serve_up = get(nginx_port, "/api/search?q=khai+sinh", tmp).status == 200;
        if (!serve_up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(serve_up) << slurp(tmp / "serve.log");

    // The province home: the site's CSP and headers, HTML revalidated.
    auto home = get(nginx_port, "/", tmp);
    EXPECT_EQ(home.status, 200);
    EXPECT_TRUE(has(home.body, "<html lang=\"vi\"")) << home.body.substr(0, 300);
    EXPECT_EQ(home.header("content-security-policy"), serve::content_security_policy());
    EXPECT_EQ(home.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(home.header("x-frame-options"), "SAMEORIGIN");
    EXPECT_EQ(home.header("cache-control"), "no-cache");
    auto css = get(nginx_port, "/assets/style.css", tmp);
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.header("cache-control"), "max-age=3600");
    auto gz = run_command(
        "curl -s -o /dev/null -D - -H 'Host: daklak.gov.vn' -H 'Accept-Encoding: "
        "gzip' http://127.0.0.1:" +
        std::to_string(nginx_port) + "/assets/style.css");
    EXPECT_TRUE(has(gz.out, "Content-Encoding: gzip")) << gz.out;

    // A commune page, and a missing one: the commune's own 404 page, status 404.
    auto commune = get(nginx_port, "/xa-ea-kar/gioi-thieu/", tmp);
    EXPECT_EQ(commune.status, 200);
    EXPECT_TRUE(has(commune.body, "Ea Kar"));
    auto missing = get(nginx_port, "/xa-ea-kar/khong-co-trang-nay/", tmp);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.body, slurp(site / "xa-ea-kar/404.html"));
    auto province_missing = get(nginx_port, "/khong-co/", tmp);
    EXPECT_EQ(province_missing.status, 404);
    EXPECT_EQ(province_missing.body, slurp(site / "404.html"));
    EXPECT_EQ(get(nginx_port, "/nginx.conf", tmp).status, 404);
    EXPECT_EQ(get(nginx_port, "/.xasite-site", tmp).status, 404);

    // An archive page: the archive's policy, the other headers still sent.
    auto archived = get(nginx_port, "/luu-tru/huyen-ea-kar/", tmp);
    EXPECT_EQ(archived.status, 200);
    EXPECT_EQ(archived.header("content-security-policy"),
              archive::archive_content_security_policy());
    EXPECT_EQ(archived.header("x-content-type-options"), "nosniff");

    // Search through serve: the page rendered by serve, the API's JSON.
    auto search = get(nginx_port, "/tra-cuu/?q=khai+sinh", tmp);
    EXPECT_EQ(search.status, 200);
    EXPECT_TRUE(has(search.body, "search-result")) << search.body.substr(0, 2000);
    EXPECT_EQ(search.header("content-security-policy"), serve::content_security_policy());
    auto commune_search = get(nginx_port, "/xa-ea-kar/tra-cuu/?q=khai+sinh", tmp);
    EXPECT_EQ(commune_search.status, 200);
    EXPECT_TRUE(has(commune_search.body, "search-result"));
    // A question of 1,152 characters (official names pasted whole reach 1,095) with two earlier
    // ones as long: a request line of about 13 KB, over nginx's default 8 KB, reaches serve.
    std::string pasted;
    for (int k = 0; k < 64; ++k)
        pasted += "Hỗ trợ, bồi dưỡng ";  // 18 characters
    std::string long_search = "/tra-cuu/?q=" + url::percent_encode(pasted);
    for (int k = 0; k < 2; ++k)
        long_search += "&context=" + url::percent_encode(pasted);
    ASSERT_GT(long_search.size(), 9000u);
    EXPECT_EQ(get(nginx_port, long_search, tmp).status, 200);
    auto api = get(nginx_port, "/api/search?q=khai+sinh", tmp);
    EXPECT_EQ(api.status, 200);
    EXPECT_TRUE(has(api.header("content-type"), "application/json")) << api.headers;
    EXPECT_TRUE(has(api.body, "\"results\"")) << api.body.substr(0, 300);

    // The old district domain: 301 into the archive (a captured address, then any other).
    auto old = get(nginx_port, "/Default.aspx", tmp, "eakar.daklak.gov.vn");
    EXPECT_EQ(old.status, 301) << old.headers;
    EXPECT_EQ(old.header("location"),
              "https://daklak.gov.vn/luu-tru/huyen-ea-kar/trang/eakar.daklak.gov.vn/"
              "default.aspx.html")
        << old.headers;
    auto old_other = get(nginx_port, "/khong-co.aspx", tmp, "www.eakar.daklak.gov.vn");
    EXPECT_EQ(old_other.status, 301);
    EXPECT_EQ(old_other.header("location"), "https://daklak.gov.vn/luu-tru/huyen-ea-kar/");

    // serve down: the static search page (200, not 502), and a JSON 503 from the API.
    serve.stop();
    auto fallback = get(nginx_port, "/tra-cuu/?q=khai+sinh", tmp);
    EXPECT_EQ(fallback.status, 200) << fallback.headers;
    EXPECT_EQ(fallback.body, slurp(site / "tra-cuu/index.html"));
    auto commune_fallback = get(nginx_port, "/xa-ea-kar/tra-cuu/?q=khai+sinh", tmp);
    EXPECT_EQ(commune_fallback.status, 200);
    EXPECT_EQ(commune_fallback.body, slurp(site / "xa-ea-kar/tra-cuu/index.html"));
    auto down = get(nginx_port, "/api/search?q=khai+sinh", tmp);
    EXPECT_EQ(down.status, 503);
    EXPECT_TRUE(has(down.header("content-type"), "application/json")) << down.headers;
    EXPECT_TRUE(has(down.body, "\"error\"")) << down.body;
    EXPECT_TRUE(nginx.running()) << slurp(tmp / "nginx/error.log");
}

}  // namespace
}  // namespace xasite

namespace xasite {
namespace {

// The operator's minimal top-level configuration around a generated nginx.conf, in `dir`.
fs::path top_conf(const fs::path& dir, const fs::path& generated) {
    for (const char* d : {"body", "proxy", "fastcgi", "uwsgi", "scgi"})
        fs::create_directories(dir / d);
    const std::string n = dir.string();
    std::ofstream(dir / "nginx.conf")
        << "daemon off;\nworker_processes 1;\npid " << n << "/nginx.pid;\nerror_log " << n
        << "/error.log warn;\nevents { worker_connections 64; }\nhttp {\n"
        << "    include /etc/nginx/mime.types;\n    access_log off;\n"
        << "    server_names_hash_max_size 1024;\n"
        << "    client_body_temp_path " << n << "/body;\n    proxy_temp_path " << n << "/proxy;\n"
        << "    fastcgi_temp_path " << n << "/fastcgi;\n    uwsgi_temp_path " << n << "/uwsgi;\n"
        << "    scgi_temp_path " << n << "/scgi;\n    include " << generated.string() << ";\n}\n";
    return dir / "nginx.conf";
}

// Communes on hosts of their own: one server per commune host, its own pages at its root, its own
// 404 page, its search proxied to serve under its folder; the province's old address of the
// commune redirects to the new host.
TEST(Nginx, CommunesOnTheirOwnHosts) {
    if (!fs::exists(kNginx)) GTEST_SKIP() << kNginx << " is not installed (make deps)";
    testing::TempDir tmp_dir;
    const fs::path tmp = tmp_dir.path();
    const fs::path content = content_without_archives(tmp);
    std::string config = slurp(content / "site.json");
    const std::string from = "\"unit_url\": \"{base_url}{slug}/\"";
    ASSERT_NE(config.find(from), std::string::npos);
    config.replace(config.find(from), from.size(),
                   "\"unit_url\": \"https://{slug}.daklak.gov.vn/\"");
    std::ofstream(content / "site.json") << config;

    const int nginx_port = free_port(), serve_port = free_port();
    ASSERT_GT(nginx_port, 0);
    ASSERT_GT(serve_port, 0);
    const fs::path site = tmp / "site", listen = tmp / "listen.conf";
    std::ofstream(listen) << "listen 127.0.0.1:" << nginx_port << ";\n";
    auto build = run_command(
        quote(testing::xasite_binary()) + " build -q --content " + quote(content) + " --out " +
        quote(site) + " --unit 24373 --nginx-upstream 127.0.0.1:" + std::to_string(serve_port) +
        " --nginx-listen " + quote(listen));
    ASSERT_EQ(build.exit_code, 0) << build.out;
    const fs::path top = top_conf(tmp / "nginx", site / "nginx.conf");
    Child serve({testing::xasite_binary().string(), "serve", "--site", site.string(), "--port",
                 std::to_string(serve_port), "--quiet"},
                tmp / "serve.log");
    Child nginx({kNginx, "-e", (tmp / "nginx/error.log").string(), "-p", (tmp / "nginx").string(),
                 "-c", top.string()},
                tmp / "nginx.log");
    ASSERT_TRUE(wait_for(nginx_port, tmp, "/")) << slurp(tmp / "nginx/error.log");
    const std::string host = "xa-ea-kar.daklak.gov.vn";
    bool serve_up = false;
    for (int i = 0; i < 200 && !serve_up; ++i) {
        serve_up = get(nginx_port, "/api/search?q=khai+sinh", tmp, host).status == 200;
        if (!serve_up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(serve_up) << slurp(tmp / "serve.log");

    auto home = get(nginx_port, "/", tmp, host);
    EXPECT_EQ(home.status, 200);
    EXPECT_EQ(home.body, slurp(site / "xa-ea-kar/index.html"));
    EXPECT_EQ(home.header("content-security-policy"), serve::content_security_policy());
    EXPECT_EQ(get(nginx_port, "/assets/style.css", tmp, host).status, 200);
    auto missing = get(nginx_port, "/khong-co/", tmp, host);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.body, slurp(site / "xa-ea-kar/404.html"));
    auto search = get(nginx_port, "/tra-cuu/?q=khai+sinh", tmp, host);
    EXPECT_EQ(search.status, 200);
    EXPECT_TRUE(has(search.body, "search-result")) << search.body.substr(0, 2000);
    EXPECT_TRUE(has(search.body, "xã Ea Kar"));
    // The commune's old address on the province host.
    auto moved = get(nginx_port, "/xa-ea-kar/lien-he/", tmp);
    EXPECT_EQ(moved.status, 301);
    EXPECT_EQ(moved.header("location"), "https://xa-ea-kar.daklak.gov.vn/lien-he/");
    // serve down: the commune's static search page.
    serve.stop();
    auto fallback = get(nginx_port, "/tra-cuu/?q=khai+sinh", tmp, host);
    EXPECT_EQ(fallback.status, 200);
    EXPECT_EQ(fallback.body, slurp(site / "xa-ea-kar/tra-cuu/index.html"));
}

}  // namespace
}  // namespace xasite
