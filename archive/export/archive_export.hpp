// Interoperability of the preservation packages (docs/ARCHIVES.md "Export", "Memento"):
//   - a WACZ 1.1.1 of a package (webrecorder/specs), for ReplayWeb.page, pywb and other archives:
//     the package's original WARCs (a WARC 1.1 written from the mirror captures when the package
//     has none), a CDXJ index, pages.jsonl with each page's title and text, datapackage.json and
//     datapackage-digest.json, in a ZIP (libarchive; WARCs stored, not deflated);
//   - Memento (RFC 7089): the captures of a package by original URL, TimeMaps in link format and
//     the dates in HTTP form, for `xasite serve` and for the static TimeMap files of the view.
// Depends on archive/package (the records, the WARC reader, URL keys) and core only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::archive {

struct ExportOptions {
    std::string software = "xasite";
    std::string created;  // datapackage.json "created" (RFC 3339); "" = now
};

struct ExportReport {
    bool ok = false;
    std::string error;                  // when !ok: what failed (nothing was written)
    std::vector<std::string> warcs;     // "archive/<name>" in the WACZ
    bool wrote_warc = false;            // a WARC was written from mirror captures
    std::size_t index_lines = 0;        // CDXJ lines
    std::size_t pages = 0;              // pages.jsonl lines after the header
    std::vector<std::string> warnings;  // records left out, and why
};

// `xasite archive export --format wacz --output FILE PACKAGE_DIR`. Writes FILE atomically (a
// temporary file beside it, renamed); a failure leaves nothing behind.
ExportReport export_wacz(const std::filesystem::path& package_dir,
                         const std::filesystem::path& output, const ExportOptions& options = {});

// The searchable URL of a CDXJ line as pywb and warcio write it ("vn,gov,daklak,eakar)/default.aspx
// ?id=102&tabid=55"): lower case, no scheme, "www." dropped, host labels reversed, query
// parameters sorted.
std::string surt_key(std::string_view url);
// "2025-06-28T00:00:00Z" → "20250628000000".
std::string cdx_timestamp(std::string_view iso);

// --- Memento (RFC 7089) ---------------------------------------------------------------------

// "2025-06-28T00:00:00Z" → "Sat, 28 Jun 2025 00:00:00 GMT"; "" when malformed.
std::string http_date(std::string_view iso);
// Seconds since the epoch of an RFC 1123 date ("Sat, 28 Jun 2025 00:00:00 GMT") or of
// "YYYY-MM-DDThh:mm:ssZ"; nullopt when malformed.
std::optional<std::int64_t> parse_datetime(std::string_view text);

struct Memento {
    std::string datetime;  // "YYYY-MM-DDThh:mm:ssZ"
    std::string uri;       // URI-M
};

// A TimeMap in application/link-format: the original, the timegate (left out when `timegate` is
// "": a static TimeMap on a server without one), the TimeMap itself and each memento (sorted by
// date; "first memento"/"last memento" marked), one link per line.
std::string timemap_link(std::string_view original, std::string_view timegate,
                         std::string_view self, std::vector<Memento> mementos);

// The memento nearest to a datetime (ties and no datetime: the latest). nullptr when empty.
const Memento* nearest_memento(const std::vector<Memento>& mementos,
                               std::optional<std::int64_t> when);

// What the view shows of a package, by original URL: every capture the view renders of a URL
// (the default view, the newest, and the older captures of other days kept beside it under
// "trang/<timestamp>/…"; docs/ARCHIVES.md "Several captures of one site"), each with its datetime
// and its file under the view prefix.
struct Capture {
    std::string url;        // as captured
    std::string datetime;   // "YYYY-MM-DDThh:mm:ssZ"
    std::string view_file;  // relative to the view prefix
};

class CaptureIndex {
  public:
    // Reads the package's records (archive/package load_package_data + Catalog). Throws
    // InputError naming the package when it is malformed.
    static CaptureIndex load(const std::filesystem::path& package_dir);
    // Every capture of an original URL, the default view's first (the package's canonical keys:
    // http = https, "www." dropped, parameters in any order, IIS hosts in any case, the trailing
    // slash). A redirect's URL gives the captures of the page it leads to.
    std::vector<const Capture*> find_all(std::string_view url) const;
    // The capture the default view shows for an original URL, or nullptr.
    const Capture* find(std::string_view url) const;
    // The mementos of an original URL, their URIs `base` + the view file (percent-encoded).
    std::vector<Memento> mementos(std::string_view url, std::string_view base) const;
    // The capture shown in a view file (a default view or an older version), or nullptr.
    const Capture* find_view_file(std::string_view view_file) const;
    const std::vector<Capture>& captures() const { return captures_; }

  private:
    std::vector<Capture> captures_;
    std::vector<std::pair<std::string, std::size_t>> by_key_;   // sorted
    std::vector<std::pair<std::string, std::size_t>> by_file_;  // sorted
    std::vector<std::string> case_insensitive_hosts_;
};

}  // namespace xasite::archive
