// The preservation package on disk (docs/ARCHIVES.md) and the URL catalogue the view is built
// from. Layout of content/archives/<old-code>/ (a BagIt 1.0 bag):
//   bagit.txt, bag-info.txt, manifest-sha256.txt, manifest-sha512.txt, tagmanifest-*.txt
//   data/original/<source>            the backups, byte for byte
//   data/records/<aa>/<sha256>        extracted payloads (HTTP entity bodies, decoded), by digest
//   data/metadata/unit.json           the dissolved unit (registry data)
//   data/metadata/capture.json        capture date, hosts, sources with digests, software
//   data/metadata/records.jsonl       one line per captured response/resource/revisit/file
//   data/metadata/premis-events.jsonl the event log (PREMIS-style), appended by each ingest
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/package/archive_package.hpp"
#include "archive/package/fields.hpp"
#include "archive/package/url.hpp"

namespace xasite::archive {

inline constexpr const char* kPackageFormat = "xasite-archive-package/1";

struct Record {
    std::string kind;  // "response" | "resource" | "revisit" | "file" (a mirror member)
    std::string url;   // as captured
    std::vector<std::string> aliases;  // other URLs of the same file (mirror names)
    std::string date;                  // "YYYY-MM-DDThh:mm:ssZ"
    int status = 0;                    // HTTP status (200 for resources and mirror files)
    std::string mime;                  // effective media type
    std::string charset;               // charset parameter of the recorded Content-Type
    std::string location;              // redirect target, absolute
    std::string payload;               // "data/records/ab/<sha256>", or "" (none or empty)
    std::string sha256;
    std::uint64_t bytes = 0;
    std::string source;        // "data/original/<file>"
    std::uint64_t offset = 0;  // WARC: compressed offset of the record; mirrors: member index
    std::string member;        // mirrors: the member's path in the archive
    std::string record_id, payload_digest;                             // as written in the WARC
    std::string refers_to, refers_to_uri, refers_to_date, revisit_of;  // revisits
    std::string server;  // Server / X-Powered-By, for the host's case rules
    HeaderFields headers;
    std::string kept_encoding;  // a Content-Encoding left undecoded ("br")
    bool truncated = false;
    std::vector<std::string> notes;
};

nlohmann::json record_to_json(const Record& r);
Record record_from_json(const nlohmann::json& j);

nlohmann::json unit_to_json(const UnitInfo& u);
UnitInfo unit_from_json(const nlohmann::json& j);

struct HostRule {
    std::string host;  // host_key()
    bool case_insensitive = false;
    std::size_t records = 0;
};

// Decides the host rules from the records (IIS/ASP.NET hosts are case-insensitive).
std::vector<HostRule> host_rules(const std::vector<Record>& records);
// The same, one record at a time (host key → rule).
void add_host_rule(std::map<std::string, HostRule>& rules, const Record& r);

struct PackageData {
    std::filesystem::path dir;
    UnitInfo unit;
    nlohmann::json capture;
    std::vector<Record> records;
    std::vector<HostRule> hosts;
};

// Calls `fn` for each record of a records.jsonl, streaming. Throws InputError naming the file and
// line of a malformed record.
void for_each_record(const std::filesystem::path& records_jsonl,
                     const std::function<void(Record&&)>& fn);

// Reads data/metadata/{unit.json,capture.json} only (records and hosts left empty).
PackageData load_package_metadata(const std::filesystem::path& dir);

// Reads data/metadata/{unit.json,capture.json,records.jsonl}. Throws InputError naming the file
// (and line) when one is missing or malformed.
PackageData load_package_data(const std::filesystem::path& dir);

// The payload of a record (data/records/<aa>/<sha256>), hashed while it is read: throws InputError
// naming the file when its SHA-256 is not the one the record (and the file's name) gives, so the
// view never shows bytes that changed after the build's fixity check. "" when it has none.
std::string read_record_payload(const std::filesystem::path& dir, const Record& r);

// The captures of a site in one package (docs/ARCHIVES.md "Several captures of one site"): a
// capture is the records of the sources that share one capture day. The day of a record is its
// source's (capture.json sources[].captured), else its own date's for a WARC record (a mirror
// member's date is the file's, often the old server's Last-Modified: never a capture day), else
// the package's capture date (capture.json "captured").
class CaptureDays {
  public:
    explicit CaptureDays(const nlohmann::json& capture);
    // "YYYY-MM-DD"; "" only when nothing gives a date.
    std::string day(const Record& r) const;
    // The memento datetime of a record, "YYYY-MM-DDThh:mm:ssZ": a WARC record's WARC-Date; a
    // mirror member's (whose date is the file's, often the old server's Last-Modified) and any
    // record without a usable date: its capture day at 00:00:00Z. "" when it has no day either.
    std::string datetime(const Record& r) const;

  private:
    std::map<std::string, std::string> sources_;  // source path → day
    std::string fallback_;
};

// "2024-05-01T08:00:00Z" → "20240501080000" (the folder of an older capture in the view); "" when
// the text is not such a datetime.
std::string capture_timestamp(std::string_view datetime);

// Whether a name can be written as a file of the view as it is: relative, no ".." anywhere, no
// empty, "." or over-long segment, no control character or backslash, bounded depth and length.
bool safe_view_file(std::string_view file);

// Every captured URL of a package mapped to what the view shows for it.
class Catalog {
  public:
    enum class Kind { page, file, redirect, unusable };
    // The same URL as captured on another day than the entry's, when that differs from what the
    // entry shows: rendered beside it under "trang/<timestamp>/…".
    struct Version {
        std::size_t record = 0;  // index into records()
        Kind kind = Kind::unusable;
        std::string media_type;
        std::string day;       // its capture day, YYYY-MM-DD
        std::string datetime;  // CaptureDays::datetime
        std::string file;      // "trang/<YYYYMMDDhhmmss>/<host>/…", safe and bounded
    };
    struct Entry {
        std::size_t record = 0;  // index into records()
        std::string key;
        Kind kind = Kind::unusable;
        std::string media_type;
        // Under the view prefix: "trang/<host>/…" ("" for unusable); always safe and bounded
        // (safe_view_file): a name that is not becomes "trang/<host>/~/u~<hash>~<hash>.<ext>".
        std::string file;
        std::string day;                // capture day of the record shown
        std::string datetime;           // its memento datetime (CaptureDays::datetime)
        std::vector<Version> versions;  // pages and files only; newest first
    };

    explicit Catalog(const PackageData& data);

    // How good a capture is for its URL (the best one per URL is shown; among equals the one of
    // the later capture day, then the later record): 4 a WARC 2xx with its payload, 3 a
    // redirect, 2 an empty WARC 2xx, 1 a mirror file (no headers, no redirects: any usable WARC
    // capture wins over it), 0 unusable (unresolved revisit, error status).
    static int rank(const Record& r);
    // What the view makes of a capture on its own.
    static Kind classify(const Record& r);

    const std::vector<Record>& records() const { return *records_; }
    const std::vector<Entry>& entries() const { return entries_; }  // sorted by key
    // The entry for a URL (exact key, then index-file and trailing-slash variants), or nullptr.
    const Entry* find(const Url& u) const;
    const Entry* find(std::string_view url) const;
    // Follows redirects (at most 10) to an entry that is a page or file; nullptr when the chain
    // ends outside the archive or loops.
    const Entry* resolve(const Entry* e) const;
    // Whether a URL belongs to one of the captured hosts (links to them stay inside the archive).
    bool archived_host(const Url& u) const;
    bool case_insensitive(const Url& u) const;

    std::size_t pages() const { return pages_; }
    std::size_t files() const { return files_; }
    std::size_t redirects() const { return redirects_; }
    const Entry* home() const { return home_; }
    std::vector<std::string> hosts() const;  // most pages first
    // The capture days of the package's usable records, newest first.
    const std::vector<std::string>& days() const { return days_; }
    // How many older (other-day) versions the entries have in all.
    std::size_t versions() const { return versions_; }
    const CaptureDays& capture_days() const { return capture_days_; }

  private:
    const Entry* lookup(const std::string& key) const;
    const std::vector<Record>* records_;
    std::map<std::string, HostRule> hosts_;
    std::vector<Entry> entries_;
    std::map<std::string, std::size_t> by_key_;  // key (and alias keys) → entry
    std::size_t pages_ = 0, files_ = 0, redirects_ = 0, versions_ = 0;
    const Entry* home_ = nullptr;
    CaptureDays capture_days_;
    std::vector<std::string> days_;
};

// The page, file and redirect counts a Catalog would give, one record at a time, without holding
// the records (ingest's summary on captures of any number).
class CaptureCounter {
  public:
    explicit CaptureCounter(const std::vector<HostRule>& hosts);
    void add(const Record& r);
    void counts(std::size_t& pages, std::size_t& files, std::size_t& redirects) const;

  private:
    struct Best {
        int rank = 0;
        std::string date;
        Catalog::Kind kind = Catalog::Kind::unusable;
    };
    std::set<std::string, std::less<>> case_insensitive_;
    std::map<std::string, Best> best_;
};

// "2025-06-30T10:20:30Z" for a time_t (UTC).
std::string iso_time(std::int64_t t);
std::string now_iso();
std::string random_uuid();  // "urn:uuid:…"
std::string xasite_version();

}  // namespace xasite::archive
