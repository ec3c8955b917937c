// A package holding two captures of one site (issue 10, "several captures of one site"), made by
// `ingest_package` from two small WARCs written here with different WARC-Dates: the old one of
// 1 May 2024, the new one of 28 June 2025 (added to the existing package by a second ingest, as
// `xasite archive ingest --unit 651 --captured 2025-06-28 new.warc.gz` does).
//   /              both, changed ("Trang chủ năm 2024" / "… 2025"), links to /tin-tuc.html and to
//                  the page only its own capture has
//   /tin-tuc.html  both, changed ("Tin tức năm 2024" / "… 2025")
//   /chi-cu.html   only in the old capture;  /chi-moi.html only in the new one
//   /style.css     both, the same bytes (no older version is kept of it)
//   /cu.aspx       only in the old capture: a 301 to /tin-tuc.html
// Used by tests/archive/view/captures_test.cpp and tests/serve/memento_test.cpp.
#pragma once

#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "archive/package/archive_package.hpp"
#include "archive/package/archive_test_support.hpp"
#include "archive/package/gzip.hpp"
#include "archive/package/io.hpp"

namespace xasite::testing {

inline constexpr const char* kTwoCapturesHost = "http://eakar.daklak.gov.vn";
inline constexpr const char* kOldCaptureDate = "2024-05-01T08:00:00Z";
inline constexpr const char* kNewCaptureDate = "2025-06-28T09:00:00Z";

// One gzip member holding a WARC/1.0 response record of `date`.
inline std::string dated_response(const std::string& uri, const std::string& date, int status,
                                  const std::string& content_type, const std::string& body,
                                  const std::string& location = "") {
    static int serial = 0;
    std::string http = "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " Moved") +
                       "\r\nServer: Microsoft-IIS/7.5\r\n";
    if (!content_type.empty()) http += "Content-Type: " + content_type + "\r\n";
    if (!location.empty()) http += "Location: " + location + "\r\n";
    http += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    char id[80];
    std::snprintf(id, sizeof id, "<urn:uuid:00000000-0000-4000-9000-%012d>", ++serial);
    std::string r = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
                    "\r\nWARC-Date: " + date + "\r\nWARC-Record-ID: " + id +
                    "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
                    std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
    return archive::gzip_compress(r);
}

inline std::string two_captures_page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title +
           "</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body><h1>" + title +
           "</h1>" + body + "</body></html>";
}

inline std::string old_capture_warc() {
    const std::string h = kTwoCapturesHost;
    const std::string d = kOldCaptureDate;
    return dated_response(h + "/", d, 200, "text/html; charset=utf-8",
                          two_captures_page("Trang chủ năm 2024",
                                            "<a href=\"/tin-tuc.html\">Tin tức</a> "
                                            "<a href=\"/chi-cu.html\">Chỉ bản cũ</a>")) +
           dated_response(h + "/tin-tuc.html", d, 200, "text/html; charset=utf-8",
                          two_captures_page("Tin tức năm 2024", "<a href=\"/\">Trang chủ</a>")) +
           dated_response(h + "/chi-cu.html", d, 200, "text/html; charset=utf-8",
                          two_captures_page("Trang chỉ có năm 2024",
                                            "<a href=\"/tin-tuc.html\">Tin tức</a>")) +
           dated_response(h + "/style.css", d, 200, "text/css", "body{color:#222}") +
           dated_response(h + "/cu.aspx", d, 301, "text/html", "", h + "/tin-tuc.html");
}

inline std::string new_capture_warc() {
    const std::string h = kTwoCapturesHost;
    const std::string d = kNewCaptureDate;
    return dated_response(h + "/", d, 200, "text/html; charset=utf-8",
                          two_captures_page("Trang chủ năm 2025",
                                            "<a href=\"/tin-tuc.html\">Tin tức</a> "
                                            "<a href=\"/chi-moi.html\">Chỉ bản mới</a>")) +
           dated_response(h + "/tin-tuc.html", d, 200, "text/html; charset=utf-8",
                          two_captures_page("Tin tức năm 2025", "<a href=\"/\">Trang chủ</a>")) +
           dated_response(h + "/chi-moi.html", d, 200, "text/html; charset=utf-8",
                          two_captures_page("Trang chỉ có năm 2025", "")) +
           dated_response(h + "/style.css", d, 200, "text/css", "body{color:#222}");
}

// Writes both WARCs under `work`/sources and ingests them, one ingest each (the new one first
// when `new_first`), into `work`/content/archives/651. Returns the package folder; "" (with the
// error in `error`) when an ingest failed.
inline std::filesystem::path make_two_capture_package(const std::filesystem::path& work,
                                                      std::string& error, bool new_first = false) {
    namespace fs = std::filesystem;
    fs::create_directories(work / "sources");
    const fs::path old_warc = work / "sources" / "eakar-2024-05-01.warc.gz";
    const fs::path new_warc = work / "sources" / "eakar-2025-06-28.warc.gz";
    archive::write_new_file(old_warc, old_capture_warc());
    archive::write_new_file(new_warc, new_capture_warc());
    std::vector<std::pair<fs::path, std::string>> order = {{old_warc, "2024-05-01"},
                                                           {new_warc, "2025-06-28"}};
    if (new_first) std::swap(order[0], order[1]);
    for (const auto& [warc, day] : order) {
        archive::IngestOptions o;
        o.unit_code = "651";
        o.unit = ea_kar_unit();
        o.content_dir = work / "content";
        o.captured = day;
        o.sources = {warc};
        archive::IngestReport rep = archive::ingest_package(o);
        if (!rep.ok) {
            error = warc.string() + ": " + rep.error;
            return {};
        }
    }
    return work / "content" / "archives" / "651";
}

}  // namespace xasite::testing
