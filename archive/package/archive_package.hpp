// The preservation package of a dissolved district's website (DESIGN §7, docs/ARCHIVES.md): ingest
// backups into a BagIt 1.0 package, verify its fixity, and find the packages for the site build.
// The package is the record; the browsable view (archive/view/archive_view.hpp) is derived from
// it at every build. The command-line glue (generator/cli/archive_command.cpp) prints the reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace xasite::archive {

// What the registry knows about the dissolved unit; the ingest command fills it from
// content/units/daklak-units.json and stores it in the package (data/metadata/unit.json).
struct UnitInfo {
    std::string code;  // old district code, e.g. "651", or old commune code "24373"
    std::string name;  // "Huyện Ea Kar", "Thị trấn Ea Kar"
    std::string type;  // "Huyện" | "Thị xã" | "Thành phố" | "Xã" | "Phường" | "Thị trấn"
    std::string level = "district";  // "district" | "commune"
    std::string district;            // the district it was (in): "Huyện Ea Kar"
    std::string district_code;       // "651"
    std::string province;            // "Đắk Lắk" | "Phú Yên" (old province)
    std::string dissolved;           // "2025-07-01"
    std::string legal_basis;         // "Nghị quyết số 1660/NQ-UBTVQH15 …"
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
    std::vector<std::filesystem::path>
        sources;                      // .warc(.gz), .arc(.gz), .tar(.gz), .tgz, .zip, .7z
    std::string software = "xasite";  // recorded in the package and the event log
    // The dissolved unit, filled by the caller from the registry (content/units): the archive
    // module does not depend on the registry (generator depends on archive, never the reverse).
    // May stay empty when the package exists already (its data/metadata/unit.json is kept).
    UnitInfo unit;
    // Not empty: the package is a demonstration, not a capture of the unit's real site; written
    // to bag-info.txt as "Xasite-Demonstration: <this text>" (docs/ARCHIVES.md) and shown as such.
    std::string demonstration;
    // For a mirror whose members have no host folder (wget -nH): the site's address
    // ("http://eakar.daklak.gov.vn/"). Without it such mirrors are filed under "mirror.invalid".
    std::string base_url;
    // Expansion limits (docs/ARCHIVES.md "Limits"; `--max-record-expansion`,
    // `--max-package-expansion`). A capture is over the record limit when what it decodes to
    // exceeds bomb_floor_bytes AND bomb_ratio times the bytes it occupies in its source (a WARC
    // record's gzip member or block; a mirror member: the archive), whatever codings are nested
    // (WARC gzip member, HTTP Content-Encoding, a .gz body, tar.gz/zip compression). The
    // package limit bounds what one ingest extracts in all: max(package_floor_bytes,
    // package_ratio × the sources' bytes). An over-limit capture is not extracted at all (no
    // prefix is kept): its bytes stay in the original only; the records after it are read.
    std::uint64_t bomb_floor_bytes = 64ull << 20;
    std::uint64_t bomb_ratio = 200;
    std::uint64_t package_floor_bytes = 256ull << 20;
    std::uint64_t package_ratio = 20;
};

// What an ingest did. The command prints it (generator/cli/archive_command.cpp).
struct IngestReport {
    struct Source {
        std::string path;         // as given
        std::string format;       // "warc", "warc.gz", "tar", "tar.gz", "zip", "7z"
        std::size_t entries = 0;  // records (WARC) or members (mirrors) read
        std::map<std::string, std::size_t> types;  // entries by record or member type
        std::size_t captures = 0;                  // captures kept
        std::size_t warnings = 0;
    };
    bool ok = false;
    // When !ok: what failed, naming the file (the package was not changed).
    std::string error;
    // Every source read, in order (also those read before a failure).
    std::vector<Source> sources;
    // Each problem met, naming the file and offset; complete when ok.
    std::vector<std::string> warnings;
    // ok, but no source was new (each one already in the package): the package is unchanged.
    bool nothing_new = false;
    std::filesystem::path package;  // content/archives/<OLD_CODE>
    // The package after the ingest (when ok and not nothing_new).
    std::size_t package_sources = 0, captures = 0, pages = 0, files = 0, redirects = 0;
    std::string captured;  // YYYY-MM-DD
    std::size_t payload_files = 0;
    std::uint64_t payload_bytes = 0;
};

// `xasite archive ingest`: creates or extends content/archives/<OLD_CODE>/ (several sources for one
// unit merge). Never modifies a source file and never writes outside the package. Reports what it
// read and every warning (file and offset), or the error naming the file.
IngestReport ingest_package(const IngestOptions& options);

// What a fixity check found.
struct VerifyReport {
    enum class Status {
        valid,          // every checksum matches and the metadata loads
        not_a_package,  // the path is not a directory
        unreadable,     // the bag could not be read (error)
        bad_metadata,   // the bag is valid but its metadata is not (error)
        invalid,        // problems
    };
    Status status = Status::invalid;
    std::string error;
    std::vector<std::string> problems;  // "damaged: data/x (sha256 …)", "missing: …", …
    // When valid:
    std::size_t payload_files = 0, tag_files = 0;
    std::uint64_t payload_bytes = 0;
    std::vector<std::string> algorithms;  // of the payload manifests
    std::size_t captures = 0;
    bool valid() const { return status == Status::valid; }
};

// `xasite archive verify PACKAGE_DIR`: recomputes every checksum (payload and tag manifests,
// SHA-256 and SHA-512) and names each damaged, missing or unexpected file. Never writes.
VerifyReport verify_package(const std::filesystem::path& package_dir);

// The site build's fixity check of a package (read_package with FixityOptions): completeness,
// the tag manifests (required, recomputed), and the SHA-256 of every payload file against
// manifest-sha256.txt. SHA-512 is left to `archive verify`.
struct FixityCheck {
    bool checked = false;               // the check ran (read_package always runs it)
    bool ok = false;                    // complete, tag manifests valid, every SHA-256 matched
    std::vector<std::string> problems;  // "damaged: data/… (sha256 expected …, found …)", …
    std::size_t files = 0;              // payload files checked
    std::size_t hashed = 0;             // … of which hashed in this check
    std::size_t cached = 0;             // … unchanged since an earlier check (the cache)
    std::uint64_t bytes = 0, bytes_hashed = 0;
    std::string checked_at;  // this check, "YYYY-MM-DDThh:mm:ssZ"
    // The oldest time at which one of the payload files was last hashed and matched: every file's
    // present bytes have had their SHA-256 recomputed since then ("" when not ok).
    std::string verified_since;
    std::vector<std::string> notes;  // e.g. the cache could not be written
};

struct FixityOptions {
    // A cache of verified files (size, mtime, ctime, inode and SHA-256 per payload file), kept
    // OUTSIDE the package (e.g. beside the build output): an unchanged file is not re-hashed.
    // Empty: no cache, every file is hashed.
    std::filesystem::path cache_file;
};

// A package as the site build sees it.
struct PackageInfo {
    std::filesystem::path dir;
    UnitInfo unit;
    std::string captured;              // YYYY-MM-DD
    std::vector<std::string> hosts;    // the old host names seen in the capture
    std::size_t pages = 0, files = 0;  // captured HTML pages; all captured resources
    std::string fixity;        // "valid" after a successful check at load, else what is wrong
    FixityCheck fixity_check;  // the details of that check
    // bag-info.txt "Xasite-Demonstration": why the package is a demonstration, not a capture of
    // the unit's real site ("" for a real capture).
    std::string demonstration;
    std::vector<std::string> sources;  // original source file names
    std::size_t redirects = 0;         // captured redirects (3xx)
    // The archived home page, relative to the view prefix ("trang/eakar.daklak.gov.vn/index.html"),
    // or "" when the capture has no HTML page. The view also writes "muc-luc/index.html" (a list
    // of every archived page and file) and "chua-luu-tru/index.html" (the "not archived" page).
    std::string home;
};

// Every package under content_dir/archives (sorted by code). Reads the metadata and runs the
// fixity check (FixityCheck: completeness, tag manifests, every payload SHA-256; SHA-512 is
// left to `archive verify`). A package that fails it is returned with fixity != "valid". Throws
// InputError naming the package when its metadata cannot be read although its fixity holds.
std::vector<PackageInfo> find_packages(const std::filesystem::path& content_dir);
// One package folder (content/archives/<old-code>/), as find_packages reads each. When the fixity
// check fails, the metadata is read as far as it can be (the unit code falls back to the folder
// name) and no error is thrown: the caller shows the failure instead of the view.
PackageInfo read_package(const std::filesystem::path& dir);
PackageInfo read_package(const std::filesystem::path& dir, const FixityOptions& options);
// The fixity check alone.
FixityCheck check_package_fixity(const std::filesystem::path& dir, const FixityOptions& options);

}  // namespace xasite::archive
