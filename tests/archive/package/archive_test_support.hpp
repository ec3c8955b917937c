// Helpers for the archive tests: synthetic WARC records, the WARC files kept in
// tests/fixtures/archive/warc/ (copies of real ones, see its README) and in ../shared, reading a
// whole WARC with the project's reader, and snapshots of a directory tree (to prove that nothing
// outside a package changed).
#pragma once

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "archive/package/archive_package.hpp"
#include "archive/package/gzip.hpp"
#include "archive/package/io.hpp"
#include "archive/package/warc.hpp"
#include "test_support.hpp"

namespace xasite::testing {

inline std::filesystem::path archive_fixtures() {
    return fixtures_dir() / "archive";
}
// The unit of the packages the tests make: Huyện Ea Kar (651), as the registry gives it.
inline archive::UnitInfo ea_kar_unit() {
    archive::UnitInfo u;
    u.code = "651";
    u.name = "Huyện Ea Kar";
    u.type = "Huyện";
    u.province = "Đắk Lắk";
    u.dissolved = "2025-07-01";
    u.successors = {{"24373", "Xã Ea Kar", false}, {"24376", "Xã Ea Knốp", true}};
    return u;
}

inline std::filesystem::path shared_warcs() {
    return shared_dir() / "data" / "sites" / "warc";
}

// One WARC record: version line, fields (Content-Length added unless given), block, CRLF CRLF.
inline std::string warc_record(const std::string& type, const std::string& uri,
                               const std::string& block,
                               std::vector<std::pair<std::string, std::string>> extra = {},
                               const std::string& version = "WARC/1.0") {
    static int serial = 0;
    std::string s = version + "\r\n";
    s += "WARC-Type: " + type + "\r\n";
    if (!uri.empty()) s += "WARC-Target-URI: " + uri + "\r\n";
    s += "WARC-Date: 2025-06-30T10:20:30Z\r\n";
    char id[64];
    std::snprintf(id, sizeof id, "<urn:uuid:00000000-0000-4000-8000-%012d>", ++serial);
    s += std::string("WARC-Record-ID: ") + id + "\r\n";
    bool has_length = false;
    for (const auto& [k, v] : extra) {
        s += k + ": " + v + "\r\n";
        if (k == "Content-Length") has_length = true;
    }
    if (!has_length) s += "Content-Length: " + std::to_string(block.size()) + "\r\n";
    s += "\r\n" + block + "\r\n\r\n";
    return s;
}

inline std::string http_response(int status, const std::string& content_type,
                                 const std::string& body, std::vector<std::string> headers = {}) {
    std::string s = "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " X") + "\r\n";
    if (!content_type.empty()) s += "Content-Type: " + content_type + "\r\n";
    for (const auto& h : headers)
        s += h + "\r\n";
    s += "\r\n" + body;
    return s;
}

inline std::string gz_records(const std::vector<std::string>& records) {
    std::string out;
    for (const auto& r : records)
        out += archive::gzip_compress(r);
    return out;
}

inline void write_bytes(const std::filesystem::path& p, const std::string& data) {
    std::filesystem::create_directories(p.parent_path());
    archive::write_new_file(p, data);
}

struct ReadRecord {
    archive::WarcRecord rec;
    std::string block;
    bool truncated = false;
};

struct ReadResult {
    std::vector<ReadRecord> records;
    std::vector<std::string> warnings;
    std::string stopped;
};

// Reads every record (blocks up to 1 MiB kept) with the project's reader.
inline ReadResult read_warc(archive::Input& in, const std::string& name) {
    ReadResult r;
    archive::WarcReader rd(in, name);
    archive::WarcRecord rec;
    for (;;) {
        bool more = false;
        try {
            more = rd.next(rec);
        } catch (const archive::StreamError& e) {
            rd.stop(e);
            break;
        }
        if (!more) break;
        ReadRecord rr;
        rr.rec = rec;
        char buf[4096];
        try {
            for (;;) {
                std::size_t n = rd.read(buf, sizeof buf);
                if (n == 0) break;
                if (rr.block.size() < (1u << 20)) rr.block.append(buf, n);
            }
        } catch (const archive::StreamError& e) {
            rd.stop(e);
        }
        rr.truncated = rd.block_truncated();
        r.records.push_back(std::move(rr));
        for (auto& w : rd.take_warnings())
            r.warnings.push_back(w);
    }
    for (auto& w : rd.take_warnings())
        r.warnings.push_back(w);
    if (rd.stopped()) r.stopped = *rd.stopped();
    return r;
}

inline ReadResult read_warc_file(const std::filesystem::path& p) {
    archive::FileInput in(p);
    return read_warc(in, p.filename().string());
}

inline ReadResult read_warc_bytes(const std::string& data, const std::string& name = "test.warc") {
    archive::MemoryInput in(data);
    return read_warc(in, name);
}

inline std::map<std::string, std::size_t> type_counts(const ReadResult& r) {
    std::map<std::string, std::size_t> m;
    for (const auto& x : r.records)
        ++m[x.rec.type()];
    return m;
}

// path → size and modification time, for every file under `root`, skipping `except` (a subtree).
inline std::map<std::string, std::string> snapshot(const std::filesystem::path& root,
                                                   const std::filesystem::path& except = {}) {
    std::map<std::string, std::string> m;
    if (!std::filesystem::exists(root)) return m;
    for (auto it = std::filesystem::recursive_directory_iterator(root);
         it != std::filesystem::recursive_directory_iterator(); ++it) {
        if (!except.empty() && it->path() == except) {
            it.disable_recursion_pending();
            continue;
        }
        std::ostringstream v;
        if (it->is_regular_file())
            v << it->file_size() << " " << it->last_write_time().time_since_epoch().count();
        else
            v << "dir";
        m[std::filesystem::relative(it->path(), root).string()] = v.str();
    }
    return m;
}

inline bool contains(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

}  // namespace xasite::testing
