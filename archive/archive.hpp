// Preserving the websites of the dissolved districts (DESIGN §7, ARCHIVE.md): ingest backups into
// a BagIt 1.0 preservation package, verify its fixity, and render a browsable, searchable view.
// The package is the record; the HTML view is derived from it at every build.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace xasite::archive {

// What the registry knows about the dissolved unit; the ingest command fills it from
// content/units/daklak-units.json and stores it in the package (data/metadata/unit.json).
struct UnitInfo {
    std::string code;         // old district code, e.g. "651"
    std::string name;         // "Huyện Ea Kar"
    std::string type;         // "Huyện" | "Thị xã" | "Thành phố"
    std::string province;     // "Đắk Lắk" | "Phú Yên" (old province)
    std::string dissolved;    // "2025-07-01"
    std::string legal_basis;  // "Nghị quyết số 1660/NQ-UBTVQH15 …"
    struct Successor {
        std::string code, name;  // new unit code and full name
        bool partial = false;
    };
    std::vector<Successor> successors;
};

struct IngestOptions {
    std::string unit_code;  // --unit OLD_CODE
    std::string captured;   // --captured YYYY-MM-DD ("" = from the sources' dates)
    std::filesystem::path content_dir = "content";
    std::vector<std::filesystem::path> sources;  // .warc, .warc.gz, .tar, .tar.gz, .tgz, .zip, .7z
    std::string software = "xasite";             // recorded in the package and the event log
    // The dissolved unit, filled by the caller from the registry (content/units): the archive
    // module does not depend on the registry (generator depends on archive, never the reverse).
    // May stay empty when the package exists already (its data/metadata/unit.json is kept).
    UnitInfo unit;
    // For a mirror whose members have no host folder (wget -nH): the site's address
    // ("http://eakar.daklak.gov.vn/"). Without it such mirrors are filed under "mirror.invalid".
    std::string base_url;
    // Decompression-bomb guard: decoding stops once the output exceeds bomb_floor_bytes AND
    // bomb_ratio times the compressed input.
    std::uint64_t bomb_floor_bytes = 256ull << 20;
    std::uint64_t bomb_ratio = 200;
};

// `xasite archive ingest`: creates or extends content/archives/<OLD_CODE>/ (several sources for one
// unit merge). Never modifies a source file and never writes outside the package. Prints a
// summary and every warning (file and offset). Returns 0, or 1 with a message naming the file.
int run_ingest(const IngestOptions& options, std::ostream& out, std::ostream& err);

// `xasite archive verify PACKAGE_DIR`: recomputes every checksum (payload and tag manifests,
// SHA-256 and SHA-512) and names each damaged, missing or unexpected file. Returns 0 when the bag
// is valid, 1 otherwise.
int run_verify(const std::filesystem::path& package_dir, std::ostream& out, std::ostream& err);

// A package as the site build sees it.
struct PackageInfo {
    std::filesystem::path dir;
    UnitInfo unit;
    std::string captured;              // YYYY-MM-DD
    std::vector<std::string> hosts;    // the old host names seen in the capture
    std::size_t pages = 0, files = 0;  // captured HTML pages; all captured resources
    std::string fixity;  // "valid" after a successful check at load, else what is wrong
    std::vector<std::string> sources;  // original source file names
    std::size_t redirects = 0;         // captured redirects (3xx)
    // The archived home page, relative to the view prefix ("trang/eakar.daklak.gov.vn/index.html"),
    // or "" when the capture has no HTML page. The view also writes "muc-luc/index.html" (a list
    // of every archived page and file) and "chua-luu-tru/index.html" (the "not archived" page).
    std::string home;
};

// Every package under content_dir/archives (sorted by code). Reads the metadata and checks the
// manifests' completeness (not every checksum: `archive verify` does that). Throws InputError
// naming the package on a malformed one.
std::vector<PackageInfo> find_packages(const std::filesystem::path& content_dir);

// An archived page or attachment, for the search index.
struct ArchivedItem {
    std::string url;           // path from the output root ("luu-tru/huyen-ea-kar/…/index.html")
    std::string original_url;  // the captured URL
    std::string title;
    std::string text;  // NFC text (PDFs: extracted with poppler)
    std::string content_type;
    std::string date;  // capture date YYYY-MM-DD
};

struct ViewOptions {
    std::string prefix;  // where the view goes in the output: "luu-tru/huyen-ea-kar/"
    std::string
        landing_href;  // the landing page, relative to the output root ("luu-tru/huyen-ea-kar/")
    // New units that took the district, with the path of their site from the output root
    // ("xa-ea-kar/"), or "" when that site is not in this build.
    std::vector<std::pair<UnitInfo::Successor, std::string>> successor_sites;
    // The public address of the output root ("https://daklak.gov.vn/"), used in the generated
    // nginx redirect configuration; "" writes root-relative targets ("/luu-tru/…").
    std::string base_url;
};

struct ViewSummary {
    std::size_t pages = 0, files = 0, redirects = 0;
    std::vector<std::string> warnings;
};

// Writes the browsable copy of a package through `write(relative_path, bytes)`: every captured
// HTML page decoded (HTTP/meta charset, Windows-1258, TCVN3, VNI → UTF-8 NFC) with the banner,
// links to the old host rewritten to relative links inside the archive (query-string URLs mapped to
// deterministic file names; links to anything not captured go to the archive's "not archived"
// page), scripts stripped, forms and __doPostBack links disabled and labelled; CSS url() rewritten;
// other resources as captured; the redirect maps (nginx map and CSV) from old URLs. Calls `index`
// for each page and attachment. Thread-compatible: one call per package may run in parallel.
ViewSummary render_view(const PackageInfo& package, const ViewOptions& options,
                        const std::function<void(std::string_view, std::string_view)>& write,
                        const std::function<void(const ArchivedItem&)>& index);

// The Content-Security-Policy for /luu-tru/ (no scripts at all), used by `xasite serve` and the
// generated nginx configuration.
const char* archive_content_security_policy();

// Old-URL lookups for `xasite serve` (the reclaimed domains): loads every redirect CSV the views
// wrote (site/luu-tru/*/chuyen-huong/*.csv) and maps an old URL ("http://eakar.daklak.gov.vn/
// Default.aspx?ID=101&tabid=55", parameters in any order, any case on IIS hosts) to its archive
// path ("/luu-tru/huyen-ea-kar/trang/…"). An old host's unknown URL maps to that archive's
// landing page; a URL of another host gives nullopt.
class OldUrlIndex {
  public:
    static OldUrlIndex load(const std::filesystem::path& site_dir);
    std::optional<std::string> find(std::string_view old_url) const;
    std::size_t size() const { return targets_.size(); }

  private:
    std::map<std::string, std::string, std::less<>> targets_;    // canonical key → path
    std::map<std::string, std::string, std::less<>> landing_;    // host key → landing path
    std::map<std::string, bool, std::less<>> case_insensitive_;  // host key → IIS rules
};

}  // namespace xasite::archive
