// The HTTP layer of `xasite serve` over real sockets on 127.0.0.1: byte ranges, validators and
// conditional requests, gzip, HEAD, the access log, /healthz and /metrics, pipelining, the
// probes of issue 14 (empty segments, absent paths, Host, smuggling, methods), limits, and many
// slow clients.
#include <sys/resource.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <thread>

#include "core/files.hpp"
#include "raw_http.hpp"
#include "serve/server.hpp"
#include "test_support.hpp"

using namespace xasite;
using namespace xasite::testing;
namespace fs = std::filesystem;

namespace {

std::string gunzip(const std::string& in) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return "(inflateInit2 failed)";
    std::string out;
    char buf[16384];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
    }
    inflateEnd(&z);
    return rc == Z_STREAM_END ? out : "(bad gzip)";
}

std::string gzip_of(const std::string& in) {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

std::string digits(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i)
        s += static_cast<char>('0' + i % 10);
    return s;
}

class ServeHttp : public ::testing::Test {
  protected:
    void SetUp() override {
        write_file_atomic(dir_ / "site/index.html", "<!DOCTYPE html><title>Tỉnh</title>");
        write_file_atomic(dir_ / "site/404.html", "không tìm thấy");
        write_file_atomic(dir_ / "site/xa/index.html", "<!DOCTYPE html><title>Xã</title>");
        write_file_atomic(dir_ / "site/a.bin", digits(1000));
        css_ = "body { color: red; }\n";
        for (int i = 0; i < 200; ++i)
            css_ += ".c" + std::to_string(i) + " { margin: 0 }\n";
        write_file_atomic(dir_ / "site/style.css", css_);
        write_file_atomic(dir_ / "site/app.js", "console.log('plain');");
        write_file_atomic(dir_ / "site/app.js.gz", gzip_of("console.log('pre-compressed');"));
        fs::create_directory_symlink("/etc", dir_ / "site/outside");
        start();
    }
    void TearDown() override { stop(); }
    void start(bool quiet = false) {
        serve::ServeOptions o;
        o.site_dir = dir_ / "site";
        o.index_dir = dir_ / "no-index";
        o.port = 0;
        o.threads = 2;
        o.quiet = quiet;
        server_ = std::make_unique<serve::SiteServer>(o, log_);
        port_ = server_->bind();
        ASSERT_GT(port_, 0) << log_.str();
        thread_ = std::thread([this] { server_->listen(); });
    }
    void stop() {
        if (!server_) return;
        server_->stop();
        thread_.join();
        server_.reset();
    }
    RawResponse get(const std::string& target, const std::string& headers = "") {
        return http_request(port_, "GET", target, headers);
    }

    TempDir dir_;
    std::string css_;
    std::ostringstream log_;
    std::unique_ptr<serve::SiteServer> server_;
    int port_ = -1;
    std::thread thread_;
};

TEST_F(ServeHttp, SingleRangeIs206WithContentRange) {
    auto r = get("/a.bin", "Range: bytes=10-19\r\n");
    EXPECT_EQ(r.status, 206);
    EXPECT_EQ(r.body, digits(1000).substr(10, 10));
    EXPECT_EQ(r.header("content-range"), "bytes 10-19/1000");
    EXPECT_EQ(r.header("content-length"), "10");
    auto suffix = get("/a.bin", "Range: bytes=-5\r\n");
    EXPECT_EQ(suffix.status, 206);
    EXPECT_EQ(suffix.body, digits(1000).substr(995));
    EXPECT_EQ(suffix.header("content-range"), "bytes 995-999/1000");
    auto open_end = get("/a.bin", "Range: bytes=990-5000\r\n");
    EXPECT_EQ(open_end.status, 206);
    EXPECT_EQ(open_end.header("content-range"), "bytes 990-999/1000");
    auto full = get("/a.bin");
    EXPECT_EQ(full.status, 200);
    EXPECT_EQ(full.body, digits(1000));
    EXPECT_EQ(full.header("accept-ranges"), "bytes");
}

TEST_F(ServeHttp, MultipleRangesAreMultipartByteranges) {
    auto r = get("/a.bin", "Range: bytes=0-1, 500-502\r\n");
    ASSERT_EQ(r.status, 206);
    const std::string type = r.header("content-type");
    ASSERT_EQ(type.rfind("multipart/byteranges; boundary=", 0), 0u) << type;
    const std::string boundary = type.substr(type.find('=') + 1);
    EXPECT_EQ(std::stoul(r.header("content-length")), r.body.size());
    const std::string expected = "--" + boundary +
                                 "\r\nContent-Type: application/octet-stream\r\n"
                                 "Content-Range: bytes 0-1/1000\r\n\r\n01\r\n--" +
                                 boundary +
                                 "\r\nContent-Type: application/octet-stream\r\n"
                                 "Content-Range: bytes 500-502/1000\r\n\r\n012\r\n--" +
                                 boundary + "--\r\n";
    EXPECT_EQ(r.body, expected);
}

TEST_F(ServeHttp, OverlappingOrTooManyRangesGetTheWholeFile) {
    auto overlap = get("/a.bin", "Range: bytes=0-,0-\r\n");
    EXPECT_EQ(overlap.status, 200);
    EXPECT_EQ(overlap.body.size(), 1000u);
    std::string many = "Range: bytes=0-0";
    for (int i = 1; i < 17; ++i)
        many += "," + std::to_string(2 * i) + "-" + std::to_string(2 * i);
    auto too_many = get("/a.bin", many + "\r\n");
    EXPECT_EQ(too_many.status, 200);
    EXPECT_EQ(too_many.body.size(), 1000u);
    // 1,000 ranges of the whole file: no amplification
    std::string thousand = "Range: bytes=0-";
    for (int i = 1; i < 1000; ++i)
        thousand += ",0-";
    auto amplified = get("/a.bin", thousand + "\r\n");
    EXPECT_EQ(amplified.status, 200);
    EXPECT_EQ(amplified.body.size(), 1000u);
    auto sixteen = get("/a.bin",
                       "Range: bytes=0-0,2-2,4-4,6-6,8-8,10-10,12-12,14-14,16-16,18-18,"
                       "20-20,22-22,24-24,26-26,28-28,30-30\r\n");
    EXPECT_EQ(sixteen.status, 206);
}

TEST_F(ServeHttp, UnsatisfiableRangeIs416) {
    auto r = get("/a.bin", "Range: bytes=1000-\r\n");
    EXPECT_EQ(r.status, 416);
    EXPECT_EQ(r.header("content-range"), "bytes */1000");
    auto malformed = get("/a.bin", "Range: bytes=9-3\r\n");
    EXPECT_EQ(malformed.status, 200);  // invalid: ignored
    auto other_unit = get("/a.bin", "Range: items=0-3\r\n");
    EXPECT_EQ(other_unit.status, 200);
}

TEST_F(ServeHttp, IfRangeAppliesTheRangeOnlyToTheSameFile) {
    auto full = get("/a.bin");
    const std::string tag = full.header("etag");
    const std::string date = full.header("last-modified");
    ASSERT_FALSE(tag.empty());
    ASSERT_FALSE(date.empty());
    EXPECT_EQ(get("/a.bin", "Range: bytes=0-3\r\nIf-Range: " + tag + "\r\n").status, 206);
    EXPECT_EQ(get("/a.bin", "Range: bytes=0-3\r\nIf-Range: \"other\"\r\n").status, 200);
    EXPECT_EQ(get("/a.bin", "Range: bytes=0-3\r\nIf-Range: " + date + "\r\n").status, 206);
    auto old = get("/a.bin", "Range: bytes=0-3\r\nIf-Range: Sat, 01 Jan 2000 00:00:00 GMT\r\n");
    EXPECT_EQ(old.status, 200);
    EXPECT_EQ(old.body.size(), 1000u);
}

TEST_F(ServeHttp, ConditionalRequestsAnswer304) {
    auto full = get("/style.css");
    ASSERT_EQ(full.status, 200);
    const std::string tag = full.header("etag");
    ASSERT_EQ(tag.front(), '"');
    auto by_tag = get("/style.css", "If-None-Match: \"x\", " + tag + "\r\n");
    EXPECT_EQ(by_tag.status, 304);
    EXPECT_EQ(by_tag.header("etag"), tag);
    EXPECT_TRUE(by_tag.body.empty());
    EXPECT_EQ(get("/style.css", "If-None-Match: \"x\"\r\n").status, 200);
    auto by_date = get("/style.css", "If-Modified-Since: " + full.header("last-modified") + "\r\n");
    EXPECT_EQ(by_date.status, 304);
    EXPECT_EQ(get("/style.css", "If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT\r\n").status,
              200);
    // If-None-Match wins over If-Modified-Since
    EXPECT_EQ(get("/style.css", "If-None-Match: \"x\"\r\nIf-Modified-Since: " +
                                    full.header("last-modified") + "\r\n")
                  .status,
              200);
}

TEST_F(ServeHttp, GzipForTextWithItsOwnETag) {
    auto plain = get("/style.css");
    auto gz = get("/style.css", "Accept-Encoding: gzip, deflate\r\n");
    ASSERT_EQ(gz.status, 200);
    EXPECT_EQ(gz.header("content-encoding"), "gzip");
    EXPECT_EQ(gz.header("vary"), "Accept-Encoding");
    EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
    EXPECT_LT(gz.body.size(), css_.size());
    EXPECT_EQ(gunzip(gz.body), css_);
    EXPECT_NE(gz.header("etag"), plain.header("etag"));
    EXPECT_EQ(
        get("/style.css", "Accept-Encoding: gzip\r\nIf-None-Match: " + gz.header("etag") + "\r\n")
            .status,
        304);
    // refused coding, and binary types, stay identity
    EXPECT_TRUE(
        get("/style.css", "Accept-Encoding: gzip;q=0\r\n").header("content-encoding").empty());
    EXPECT_TRUE(get("/a.bin", "Accept-Encoding: gzip\r\n").header("content-encoding").empty());
    // a pre-compressed file beside it is sent as it is
    auto pre = get("/app.js", "Accept-Encoding: gzip\r\n");
    EXPECT_EQ(pre.header("content-encoding"), "gzip");
    EXPECT_EQ(gunzip(pre.body), "console.log('pre-compressed');");
    EXPECT_EQ(get("/app.js").body, "console.log('plain');");
}

TEST_F(ServeHttp, RangeIsOnTheIdentityCoding) {
    auto r = get("/style.css", "Accept-Encoding: gzip\r\nRange: bytes=0-3\r\n");
    EXPECT_EQ(r.status, 206);
    EXPECT_TRUE(r.header("content-encoding").empty());
    EXPECT_EQ(r.body, css_.substr(0, 4));
    EXPECT_EQ(r.header("content-range"), "bytes 0-3/" + std::to_string(css_.size()));
}

TEST_F(ServeHttp, HeadHasTheHeadersAndNoBody) {
    UniqueFd fd = connect_loopback(port_);
    ASSERT_TRUE(send_all(fd.get(), "HEAD /a.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    const std::string raw = read_until_close(fd.get());
    auto r = parse_responses(raw, true);
    ASSERT_EQ(r.size(), 1u) << raw;
    EXPECT_EQ(r[0].status, 200);
    EXPECT_EQ(r[0].header("content-length"), "1000");
    EXPECT_FALSE(r[0].header("etag").empty());
    EXPECT_EQ(raw.substr(raw.find("\r\n\r\n") + 4), "");
}

TEST_F(ServeHttp, SecurityAndCacheHeadersStay) {
    auto page = get("/xa/");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.header("content-security-policy"), serve::content_security_policy());
    EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(page.header("x-frame-options"), "SAMEORIGIN");
    EXPECT_EQ(page.header("referrer-policy"), "strict-origin-when-cross-origin");
    EXPECT_EQ(page.header("cache-control"), "no-cache");
    EXPECT_EQ(get("/a.bin").header("cache-control"), "max-age=3600");
}

TEST_F(ServeHttp, AccessLogIsCombinedFormatAndEscaped) {
    get("/xa/", "Referer: http://example.org/\r\nUser-Agent: curl/8.0\r\n");
    get("/a%0Ab%22", "User-Agent: evil\"agent\twith tab\r\n");
    stop();
    const std::string log = log_.str();
    std::regex line(
        R"(127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET /xa/ HTTP/1\.1" 200 \d+ "http://example\.org/" "curl/8\.0" \d+\.\d{3}ms)");
    EXPECT_TRUE(std::regex_search(log, line)) << log;
    EXPECT_NE(log.find("\"GET /a%0Ab%22 HTTP/1.1\" 404 "), std::string::npos) << log;
    EXPECT_NE(log.find("\"evil\\x22agent\\x09with tab\""), std::string::npos) << log;
    // one line per request, nothing else: no injected line
    EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 2) << log;
}

TEST_F(ServeHttp, HealthzWithoutIndexIs503NamingIt) {
    auto r = get("/healthz");
    EXPECT_EQ(r.status, 503);
    EXPECT_NE(r.body.find("\"missing\":[\"index\"]"), std::string::npos) << r.body;
    EXPECT_EQ(r.header("cache-control"), "no-store");
}

TEST_F(ServeHttp, MetricsParseAsPrometheusText) {
    get("/xa/");
    get("/khong-co");
    auto r = get("/metrics");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type").rfind("text/plain; version=0.0.4", 0), 0u);
    std::regex sample(R"([a-z_]+(\{[a-z]+="[^"]*"\})? [0-9.e+-]+)");
    std::istringstream in(r.body);
    std::string l;
    int samples = 0;
    while (std::getline(in, l)) {
        if (l.empty() || l.rfind("# HELP ", 0) == 0 || l.rfind("# TYPE ", 0) == 0) continue;
        EXPECT_TRUE(std::regex_match(l, sample)) << l;
        ++samples;
    }
    EXPECT_GT(samples, 10);
    EXPECT_NE(r.body.find("xasite_http_requests_total{class=\"2xx\"} 1\n"), std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("xasite_http_requests_total{class=\"4xx\"} 1\n"), std::string::npos);
    EXPECT_NE(r.body.find("xasite_http_request_duration_seconds_bucket{le=\"+Inf\"} 2\n"),
              std::string::npos);
    EXPECT_TRUE(std::regex_search(r.body, std::regex("\nxasite_http_open_connections [1-9]")))
        << r.body;
}

TEST_F(ServeHttp, PipelinedRequestsAreAnsweredInOrder) {
    UniqueFd fd = connect_loopback(port_);
    ASSERT_TRUE(send_all(fd.get(),
                         "GET /a.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-2\r\n\r\n"
                         "GET /xa/ HTTP/1.1\r\nHost: x\r\n\r\n"
                         "GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    auto r = parse_responses(read_until_close(fd.get()));
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].status, 206);
    EXPECT_EQ(r[0].body, "012");
    EXPECT_EQ(r[1].body, "<!DOCTYPE html><title>Xã</title>");
    EXPECT_EQ(r[2].body, "<!DOCTYPE html><title>Tỉnh</title>");
}

TEST_F(ServeHttp, EmptySegmentsNeverRedirectToAnotherHost) {
    for (const char* probe : {"//proc/1", "//proc/1/", "//etc", "/xa//", "//", "/%2F%2Fetc"}) {
        auto r = get(probe);
        EXPECT_EQ(r.status, 400) << probe;
        EXPECT_TRUE(r.header("location").empty()) << probe;
    }
    auto dir = get("/xa");
    EXPECT_EQ(dir.status, 301);
    EXPECT_EQ(dir.header("location"), "/xa/");
    auto q = get("/xa?q=a%20b");
    EXPECT_EQ(q.header("location"), "/xa/?q=a%20b");
}

TEST_F(ServeHttp, AbsentPathsAnswerTheSame404WhateverIsOutside) {
    const auto absent = get("/khong-co-thu-muc-nay/passwd");
    EXPECT_EQ(absent.status, 404);
    EXPECT_EQ(absent.body, "không tìm thấy");
    // names that exist outside the site (and a symlink out of it) answer exactly the same
    for (const char* probe : {"/etc/passwd", "/proc/1", "/proc/self/", "/outside", "/outside/",
                              "/outside/passwd", "/tmp"}) {
        auto r = get(probe);
        EXPECT_EQ(r.status, 404) << probe;
        EXPECT_EQ(r.body, absent.body) << probe;
        EXPECT_TRUE(r.header("location").empty()) << probe;
    }
}

TEST_F(ServeHttp, MalformedFramingIsRefused) {
    // HTTP/1.1 without Host; with two; Content-Length beside Transfer-Encoding
    EXPECT_EQ(http_request(port_, "GET", "/xa/", "", false).status, 400);
    EXPECT_EQ(get("/xa/", "Host: evil.example\r\n").status, 400);
    EXPECT_EQ(get("/xa/", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n").status, 400);
    // HTTP/1.0 needs no Host
    UniqueFd fd = connect_loopback(port_);
    ASSERT_TRUE(send_all(fd.get(), "GET /xa/ HTTP/1.0\r\n\r\n"));
    auto old = parse_responses(read_until_close(fd.get()));
    ASSERT_EQ(old.size(), 1u);
    EXPECT_EQ(old[0].status, 200);
}

TEST_F(ServeHttp, OtherMethodsAre405WithAllow) {
    for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
        auto r = http_request(port_, method, "/xa/", "Content-Length: 0\r\n");
        EXPECT_EQ(r.status, 405) << method;
        EXPECT_EQ(r.header("allow"), "GET, HEAD") << method;
    }
}

TEST_F(ServeHttp, LimitsOnHeadersAndBodies) {
    auto big_header = get("/xa/", "X-Big: " + std::string(40000, 'a') + "\r\n");
    EXPECT_TRUE(big_header.status == 431 || big_header.status == 400 || big_header.status == 414)
        << big_header.status;
    auto big_body = get("/xa/", "Content-Length: 1000000\r\n");
    EXPECT_EQ(big_body.status, 413);
    // the server is still there
    EXPECT_EQ(get("/xa/").status, 200);
}

// 1,000 connections that send part of a request line and trickle cost no thread: a normal
// request is answered at once.
TEST_F(ServeHttp, SlowClientsDoNotStopTheServer) {
    rlimit r{};
    getrlimit(RLIMIT_NOFILE, &r);
    if (r.rlim_cur < 4096) {
        r.rlim_cur = std::min<rlim_t>(r.rlim_max, 4096);
        setrlimit(RLIMIT_NOFILE, &r);
    }
    ASSERT_GE(r.rlim_cur, 2500u) << "RLIMIT_NOFILE too low for this test";
    std::vector<UniqueFd> slow;
    for (int i = 0; i < 1000; ++i) {
        UniqueFd fd = connect_loopback(port_);
        ASSERT_TRUE(fd) << i;
        ASSERT_TRUE(send_all(fd.get(), "GET /xa/ HT"));
        slow.push_back(std::move(fd));
    }
    // a byte more on each, as a trickling client does
    for (auto& fd : slow)
        send_all(fd.get(), "T");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto t0 = std::chrono::steady_clock::now();
    auto ok = get("/xa/");
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    EXPECT_EQ(ok.status, 200);
    EXPECT_LT(ms, 100);
}

}  // namespace
