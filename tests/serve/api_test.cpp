// The search service of `xasite serve` over real HTTP (port 0 on 127.0.0.1): /api/search,
// /api/suggest, server-rendered tra-cuu pages, hostile input, security headers, the request log,
// a rebuilt index picked up while serving, concurrent clients.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <sstream>
#include <thread>

#include "core/files.hpp"
#include "search/search_fixture.hpp"
#include "serve/server.hpp"
#include "server_fixture.hpp"
#include "test_support.hpp"

using namespace xasite;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using xasite::testing::kSearchPage;
using xasite::testing::ServerFixture;

// Sends raw bytes (for request lines a client library would clean up) and returns the response.
std::string raw_request(int port, const std::string& bytes) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string out;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        (void)!::write(fd, bytes.data(), bytes.size());
        char buf[4096];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0)
            out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

int status_of(const std::string& raw) {
    return raw.size() > 12 ? std::atoi(raw.substr(9, 3).c_str()) : 0;
}

void expect_security_headers(const httplib::Result& r) {
    ASSERT_TRUE(r);
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"),
              std::string::npos);
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_FALSE(r->get_header_value("Referrer-Policy").empty());
}

}  // namespace

TEST(SearchApi, SearchReturnsJsonResultsFacetsAndSuggestion) {
    ServerFixture server;
    auto c = server.client();
    auto r = c.Get("/api/search?q=dang+ky+khai+sinh&unit=24373&limit=5");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    expect_security_headers(r);
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
    auto j = json::parse(r->body);
    EXPECT_EQ(j["query"], "dang ky khai sinh");
    EXPECT_GE(j["total"].get<int>(), 5);
    ASSERT_EQ(j["results"].size(), 5u);
    const auto& first = j["results"][0];
    EXPECT_EQ(first["code"], "1.001193");
    EXPECT_EQ(first["type"], "procedure");
    EXPECT_EQ(first["url"], "/xa-ea-kar/thu-tuc/1.001193.html");
    EXPECT_EQ(first["unit"], "24373");
    EXPECT_EQ(first["title"], "Thủ tục đăng ký khai sinh");
    for (const char* key : {"id", "snippet", "score", "title_html", "field"})
        EXPECT_TRUE(first.contains(key)) << key;
    EXPECT_TRUE(j["suggestion"].is_null());
    EXPECT_FALSE(j["facets"]["field"].empty());
    EXPECT_EQ(j["facets"]["type"][0]["value"], "procedure");
    // Filters, paging, did-you-mean.
    auto page2 = json::parse(
        c.Get("/api/search?q=dang+ky&field=H%E1%BB%99+t%E1%BB%8Bch&offset=10&limit=10")->body);
    EXPECT_EQ(page2["offset"], 10);
    for (const auto& hit : page2["results"])
        EXPECT_EQ(hit["field"], "Hộ tịch");
    auto typo = json::parse(c.Get("/api/search?q=khai+sinhh")->body);
    EXPECT_EQ(typo["suggestion"], "khai sinh");
    auto telex = json::parse(c.Get("/api/search?q=dangw+kys+khai+sinh")->body);
    EXPECT_EQ(telex["results"][0]["code"], "1.001193");
}

TEST(SearchApi, SuggestCompletesTitlesAsYouType) {
    ServerFixture server;
    auto c = server.client();
    auto r = c.Get("/api/suggest?q=dang+ky+khai+s&unit=xa-ea-kar");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    expect_security_headers(r);
    auto j = json::parse(r->body);
    ASSERT_FALSE(j["suggestions"].empty());
    EXPECT_EQ(j["suggestions"][0]["title"], "Thủ tục đăng ký khai sinh");
    EXPECT_EQ(j["suggestions"][0]["url"], "/xa-ea-kar/thu-tuc/1.001193.html");
    auto empty = json::parse(c.Get("/api/suggest?q=")->body);
    EXPECT_TRUE(empty["suggestions"].empty());
    EXPECT_EQ(c.Get("/api/suggest?q=a&limit=500")->status, 400);
}

TEST(SearchApi, SearchPageIsRenderedOnTheServerWithoutJavaScript) {
    ServerFixture server;
    auto c = server.client();
    auto r = c.Get("/xa-ea-kar/tra-cuu/?q=dang+ky+khai+sinh");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    expect_security_headers(r);
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(r->body.find("name=\"q\" value=\"dang ky khai sinh\""), std::string::npos);
    EXPECT_NE(r->body.find("href=\"/xa-ea-kar/thu-tuc/1.001193.html\""), std::string::npos)
        << r->body.substr(0, 2000);
    EXPECT_NE(r->body.find("<mark>"), std::string::npos);
    EXPECT_EQ(r->body.find("<!--xasite:search-results-->"), std::string::npos);
    // Without q: the static page as built.
    auto plain = c.Get("/xa-ea-kar/tra-cuu/");
    EXPECT_EQ(plain->body, kSearchPage);
    // The query is escaped everywhere it is shown.
    auto xss = c.Get("/xa-ea-kar/tra-cuu/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22");
    ASSERT_TRUE(xss);
    EXPECT_EQ(xss->body.find("<script>alert"), std::string::npos);
    EXPECT_NE(xss->body.find("&lt;script&gt;"), std::string::npos);
    // No results, pages of results, and the province's own search page.
    auto none = c.Get("/xa-ea-kar/tra-cuu/?q=zzqqxx");
    EXPECT_NE(none->body.find("Không tìm thấy kết quả"), std::string::npos);
    auto paged = c.Get("/tra-cuu/?q=dat+dai&offset=10");
    EXPECT_NE(paged->body.find("rel=\"prev\""), std::string::npos);
    EXPECT_NE(paged->body.find("start=\"11\""), std::string::npos);
    auto bad = c.Get("/xa-ea-kar/tra-cuu/?q=%FF");
    EXPECT_EQ(bad->status, 200);
    EXPECT_NE(bad->body.find("Không đọc được"), std::string::npos);
    // The slash-less form keeps the query.
    // (read raw: httplib's client decodes a Location header)
    std::string redirect = raw_request(
        server.port(),
        "GET /xa-ea-kar/tra-cuu?q=ho+tich HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(status_of(redirect), 301);
    EXPECT_NE(redirect.find("Location: /xa-ea-kar/tra-cuu/?q=ho%20tich\r\n"), std::string::npos)
        << redirect;
}

TEST(SearchApi, HostileInputIsAnsweredAndTheServerKeepsServing) {
    ServerFixture server;
    auto c = server.client();
    struct Case {
        std::string path;
        int status;
    };
    const std::string long_query(10000, 'a');
    const std::vector<Case> cases = {
        {"/api/search?q=%FF%FE", 400},
        {"/api/search?q=" + long_query, 400},  // over the query length the search reads
        {"/api/search?q=((((", 400},
        {"/api/search?q=%22dang+ky", 200},
        {"/api/search?q=NEAR%2F3", 200},
        {"/api/search?q=*", 400},
        {"/api/search?q=dang%00ky", 400},
        {"/api/search", 400},
        {"/api/search?q=a&limit=-1", 400},
        {"/api/search?q=a&limit=abc", 400},
        {"/api/search?q=a&offset=99999999999", 400},
        {"/api/search?q=a&unit=..%2F..%2Fetc", 400},
        {"/api/search?q=a&field=%FF", 400},
        {"/api/nothing", 404},
        {"/%2e%2e/%2e%2e/etc/passwd", 400},
        {"/xa-ea-kar/%2e%2e/%2e%2e/etc/passwd", 400},
    };
    for (const auto& k : cases) {
        auto r = c.Get(k.path);
        ASSERT_TRUE(r) << k.path;
        EXPECT_EQ(r->status, k.status) << k.path;
        expect_security_headers(r);
        EXPECT_EQ(r->body.find("root:"), std::string::npos);
        if (k.status >= 400) {
            EXPECT_EQ(r->get_header_value("Content-Type"), "application/json") << k.path;
            EXPECT_TRUE(json::parse(r->body).contains("error")) << k.path << " " << r->body;
        }
    }
    // Request lines a client would normalise, sent as raw bytes.
    for (const std::string target : {"/../../etc/passwd", "/xa-ea-kar/../../../etc/passwd",
                                     "/%2e%2e/%2e%2e/etc/passwd", "/api/search?q=%C0%AF"}) {
        std::string raw = raw_request(server.port(), "GET " + target +
                                                         " HTTP/1.1\r\nHost: x\r\nConnection: "
                                                         "close\r\n\r\n");
        int status = status_of(raw);
        EXPECT_TRUE(status == 400 || status == 404) << target << ": " << raw.substr(0, 200);
        EXPECT_EQ(raw.find("root:"), std::string::npos);
        EXPECT_NE(raw.find("{\"error\""), std::string::npos) << raw;
        EXPECT_NE(raw.find("X-Content-Type-Options: nosniff"), std::string::npos);
    }
    // Garbage instead of HTTP, and a request with a NUL byte in the path.
    raw_request(server.port(), [] {
        static const char bytes[] = "\x16\x03\x01\x02\x00garbage\r\n\r\n";
        return std::string(bytes, sizeof bytes - 1);
    }());
    std::string nul = raw_request(server.port(), [] {
        static const char bytes[] = "GET /a\0b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        return std::string(bytes, sizeof bytes - 1);
    }());
    EXPECT_TRUE(nul.empty() || status_of(nul) >= 400);
    auto post = c.Post("/api/search", "q=x", "application/x-www-form-urlencoded");
    ASSERT_TRUE(post);
    EXPECT_GE(post->status, 400);
    // Still serving.
    auto ok = c.Get("/api/search?q=dang+ky+khai+sinh");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(c.Get("/xa-ea-kar/")->status, 200);
}

TEST(SearchApi, OneLogLinePerRequest) {
    ServerFixture server;
    auto c = server.client();
    c.Get("/api/search?q=dang+ky");
    c.Get("/api/search?q=%FF");
    c.Get("/xa-ea-kar/");
    // The server logs after sending the response: wait for the third line.
    std::string log;
    for (int i = 0; i < 200 && std::count(log.begin(), log.end(), '\n') < 3; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        log = server.log();
    }
    EXPECT_NE(log.find("\"GET /api/search HTTP/1.1\" 200"), std::string::npos) << log;
    EXPECT_NE(log.find("\"GET /api/search HTTP/1.1\" 400"), std::string::npos) << log;
    EXPECT_NE(log.find("\"GET /xa-ea-kar/ HTTP/1.1\" 200"), std::string::npos) << log;
    EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 3);
    EXPECT_EQ(log.find("%FF"), std::string::npos);  // queries are not logged
}

TEST(SearchApi, HealthzIsOkWithTheSiteAndTheIndex) {
    ServerFixture server;
    auto r = server.client().Get("/healthz");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    const json j = json::parse(r->body);
    EXPECT_EQ(j["status"], "ok");
    EXPECT_EQ(j["index"], "ok");
    EXPECT_GT(j["documents"].get<int>(), 0);
    EXPECT_FALSE(j.contains("missing"));
}

TEST(SearchApi, NoIndexMeansServiceUnavailableButStaticPagesWork) {
    xasite::testing::TempDir none;
    ServerFixture server(none / "missing.xapian");
    auto c = server.client();
    auto r = c.Get("/api/search?q=dang+ky");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 503);
    EXPECT_TRUE(json::parse(r->body).contains("error"));
    auto page = c.Get("/xa-ea-kar/tra-cuu/?q=dang+ky");
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("tạm thời chưa sẵn sàng"), std::string::npos);
    EXPECT_EQ(c.Get("/xa-ea-kar/")->status, 200);
}

TEST(SearchApi, RebuiltIndexIsServedWithoutRestart) {
    xasite::testing::TempDir dir;
    const fs::path live = dir / "site.xapian";
    xasite::testing::build_small_index(live, {xasite::testing::page("a", "Lịch tiếp dân", "")});
    ServerFixture server(live, std::chrono::milliseconds(0));
    auto c = server.client();
    EXPECT_EQ(json::parse(c.Get("/api/search?q=ke+hoach")->body)["total"], 0);
    xasite::testing::build_small_index(dir / "next.xapian",
                                       {xasite::testing::page("b", "Kế hoạch năm 2026", "")});
    fs::rename(live, dir / "old.xapian");
    fs::rename(dir / "next.xapian", live);
    fs::remove_all(dir / "old.xapian");
    EXPECT_EQ(json::parse(c.Get("/api/search?q=ke+hoach")->body)["total"], 1);
}

TEST(SearchApi, ConcurrentClients) {
    ServerFixture server;
    std::atomic<int> ok{0}, failed{0};
    std::vector<std::thread> clients;
    const char* queries[] = {"dang+ky+khai+sinh", "lam+so+do", "tach+ho+khau",    "cccd",
                             "chung+thuc",        "%FF",       "ho+tro+mai+tang", "dat+dai"};
    for (int t = 0; t < 8; ++t)
        clients.emplace_back([&, t] {
            auto c = server.client();
            for (int k = 0; k < 15; ++k) {
                auto r = c.Get(std::string("/api/search?q=") + queries[(t + k) % 8]);
                if (r && (r->status == 200 || r->status == 400))
                    ++ok;
                else
                    ++failed;
            }
        });
    for (auto& t : clients)
        t.join();
    EXPECT_EQ(ok, 120);
    EXPECT_EQ(failed, 0);
}
