// Writes a synthetic district-portal crawl as a WARC (one gzip member per record, as wget and
// Heritrix write them) for the ingest benchmark: Vietnamese HTML pages with ASP.NET query URLs
// (gzip- or chunk-encoded now and then), PDF-like attachments of incompressible bytes, images,
// 301 redirects, request records and identical-payload revisits.
// Usage: archive_warc_gen OUT.warc.gz MEGABYTES   (size of the file written, approximately)

#include <cstdint>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>

#include "archive/package/gzip.hpp"

namespace {

std::string record(const std::string& type, const std::string& uri, const std::string& block,
                   std::uint64_t serial, const std::string& extra = "") {
    char id[80];
    std::snprintf(id, sizeof id, "<urn:uuid:6a1c0000-0000-4000-8000-%012llu>",
                  static_cast<unsigned long long>(serial));
    std::string target = uri.empty() ? "" : "WARC-Target-URI: <" + uri + ">\r\n";
    return "WARC/1.0\r\nWARC-Type: " + type + "\r\n" + target +
           "WARC-Date: 2025-06-30T10:20:30Z\r\nWARC-Record-ID: " + id + "\r\n" + extra +
           "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

const char* kWords[] = {
    "Ủy",    "ban",  "nhân", "dân",  "huyện", "Ea",    "Kar",  "thông", "báo",     "kế",   "hoạch",
    "quyết", "định", "về",   "việc", "tổ",    "chức",  "hội",  "nghị",  "tổng",    "kết",  "năm",
    "công",  "tác",  "cải",  "cách", "hành",  "chính", "đất",  "đai",   "xây",     "dựng", "nông",
    "thôn",  "mới",  "giáo", "dục",  "y",     "tế",    "lịch", "tiếp",  "công dân"};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: archive_warc_gen OUT.warc.gz MEGABYTES\n");
        return 2;
    }
    std::FILE* f = std::fopen(argv[1], "wb");
    if (!f) {
        std::perror(argv[1]);
        return 1;
    }
    const std::uint64_t target = std::stoull(argv[2]) << 20;
    std::mt19937_64 rng(20250701);
    std::uint64_t written = 0, serial = 0, pages = 0;
    const std::string host = "http://eakar.daklak.gov.vn";
    auto put = [&](const std::string& r) {
        std::string g = xasite::archive::gzip_compress(r, 6);
        std::fwrite(g.data(), 1, g.size(), f);
        written += g.size();
    };
    put(record("warcinfo", "", "software: archive_warc_gen\r\nformat: WARC File Format 1.0\r\n",
               ++serial));
    std::string last_pdf_digest;
    while (written < target) {
        ++pages;
        std::string url = host + "/Default.aspx?tabid=" + std::to_string(50 + pages % 20) +
                          "&ID=" + std::to_string(pages);
        put(record("request", url,
                   "GET /Default.aspx?ID=" + std::to_string(pages) +
                       " HTTP/1.1\r\nHost: eakar.daklak.gov.vn\r\n\r\n",
                   ++serial));
        std::string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tin " +
                           std::to_string(pages) +
                           "</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body>";
        std::size_t words = 2000 + rng() % 4000;
        for (std::size_t i = 0; i < words; ++i) {
            html += kWords[rng() % (sizeof kWords / sizeof kWords[0])];
            html += (i % 40 == 39) ? "</p>\n<p>" : " ";
        }
        html += "<a href=\"/Default.aspx?tabid=55&amp;ID=" + std::to_string(pages + 1) +
                "\">tiếp</a></body></html>\n";
        std::string head =
            "HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/7.5\r\nContent-Type: "
            "text/html; charset=utf-8\r\n";
        std::string body = html;
        if (pages % 5 == 0) {
            body = xasite::archive::gzip_compress(html, 6);
            head += "Content-Encoding: gzip\r\n";
        }
        if (pages % 7 == 0) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "%zx", body.size());
            body = std::string(hex) + "\r\n" + body + "\r\n0\r\n\r\n";
            head += "Transfer-Encoding: chunked\r\n";
        } else {
            head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
        }
        put(record("response", url, head + "\r\n" + body, ++serial));
        if (pages % 10 == 0) {  // an attachment: incompressible bytes
            std::string pdf = "%PDF-1.4\n";
            std::size_t n = 100000 + rng() % 400000;
            pdf.reserve(n);
            while (pdf.size() < n) {
                std::uint64_t x = rng();
                pdf.append(reinterpret_cast<const char*>(&x), 8);
            }
            put(record("response", host + "/Portals/0/van-ban/qd-" + std::to_string(pages) + ".pdf",
                       "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: " +
                           std::to_string(pdf.size()) + "\r\n\r\n" + pdf,
                       ++serial));
        }
        if (pages % 25 == 0)
            put(record("response", host + "/tin-tuc/" + std::to_string(pages) + ".aspx",
                       "HTTP/1.1 301 Moved Permanently\r\nLocation: " + url +
                           "\r\nContent-Length: 0\r\n\r\n",
                       ++serial));
        if (pages % 50 == 0)  // a later capture of the same page: identical payload
            put(record("revisit", url,
                       "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
                       ++serial,
                       "WARC-Profile: "
                       "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n"
                       "WARC-Refers-To-Target-URI: " +
                           url + "\r\nWARC-Refers-To-Date: 2025-06-30T10:20:30Z\r\n"));
    }
    std::fclose(f);
    std::printf("%llu pages, %llu records, %llu bytes\n", static_cast<unsigned long long>(pages),
                static_cast<unsigned long long>(serial), static_cast<unsigned long long>(written));
    return 0;
}
