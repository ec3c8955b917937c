// The browsable, searchable view of a preservation package (DESIGN §7, docs/ARCHIVES.md), derived
// from the package (archive/package/archive_package.hpp) at every build, and the old-URL lookups
// of `xasite serve`. The view never spells the site's section folders: the caller passes them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/package/archive_package.hpp"

namespace xasite::archive {

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
    // The search page, relative to the output root ("tra-cuu/"): the view's search forms send
    // there (filtered to this archive). "" leaves the forms out.
    std::string search_href;
    // New units that took the district, with the path of their site from the output root
    // ("xa-ea-kar/"), or "" when that site is not in this build.
    std::vector<std::pair<UnitInfo::Successor, std::string>> successor_sites;
    // The new unit's full name when the reorganisation kept the old unit unchanged ("giữ
    // nguyên": it did not end, it carries on as this unit); "" for a unit that ended.
    std::string kept_as;
    // The public address of the output root ("https://daklak.gov.vn/"), used in the generated
    // nginx redirect configuration; "" writes root-relative targets ("/luu-tru/…").
    std::string base_url;
};

struct ViewSummary {
    std::size_t pages = 0, files = 0, redirects = 0;  // the default view (the newest captures)
    std::size_t versions = 0;  // older captures rendered beside it (trang/<timestamp>/…)
    std::size_t timemaps = 0;  // static TimeMap files written (timemap_file)
    std::vector<std::string> warnings;
};

// Writes the browsable copy of a package through `write(relative_path, bytes)`: every captured
// HTML page decoded (HTTP/meta charset, Windows-1258, TCVN3, VNI → UTF-8 NFC) with the banner,
// links to the old host rewritten to relative links inside the archive (query-string URLs mapped to
// deterministic file names; links to anything not captured go to the archive's "not archived"
// page), scripts stripped, forms and __doPostBack links disabled and labelled; CSS url() rewritten;
// other resources as captured; the redirect maps (nginx map and CSV) from old URLs. A package of
// several capture days keeps, beside the default view (the newest), each other day's differing
// version of a page or file under "trang/<timestamp>/…", with date navigation in the banners
// (docs/ARCHIVES.md "Several captures of one site"); a static TimeMap per captured URL
// (timemap_file). Calls `index` for each page and attachment of the default view only.
// Thread-compatible: one call per package may run in parallel.
ViewSummary render_view(const PackageInfo& package, const ViewOptions& options,
                        const std::function<void(std::string_view, std::string_view)>& write,
                        const std::function<void(const ArchivedItem&)>& index);

// The static TimeMap (RFC 7089, application/link-format) of the URL whose default view is
// `view_file` (relative to the view prefix): "timemap/<view_file>.link", e.g.
// "timemap/trang/eakar.daklak.gov.vn/index.html.link". It lists every rendered capture of the URL.
std::string timemap_file(std::string_view view_file);

// The Content-Security-Policy for /luu-tru/ (no scripts at all), used by `xasite serve` and the
// generated nginx configuration.
const char* archive_content_security_policy();

// Old-URL lookups for `xasite serve` (the reclaimed domains): loads every redirect CSV the views
// wrote (<archives_dir>/*/chuyen-huong/*.csv, e.g. site/luu-tru/) and maps an old URL
// ("http://eakar.daklak.gov.vn/ Default.aspx?ID=101&tabid=55", parameters in any order, any case on
// IIS hosts) to its archive path ("/luu-tru/huyen-ea-kar/trang/…"). An old host's unknown URL maps
// to that archive's landing page; a URL of another host gives nullopt.
class OldUrlIndex {
  public:
    // `archives_dir`: the folder of the output that holds the views (site/luu-tru); an absent
    // folder gives an empty index.
    static OldUrlIndex load(const std::filesystem::path& archives_dir);
    std::optional<std::string> find(std::string_view old_url) const;
    std::size_t size() const { return targets_.size(); }
    // What load() noticed: an old host two archives claim (naming both and the one chosen).
    const std::vector<std::string>& warnings() const { return warnings_; }

  private:
    std::vector<std::string> warnings_;
    std::map<std::string, std::string, std::less<>> targets_;    // canonical key → path
    std::map<std::string, std::string, std::less<>> landing_;    // host key → landing path
    std::map<std::string, bool, std::less<>> case_insensitive_;  // host key → IIS rules
};

}  // namespace xasite::archive
