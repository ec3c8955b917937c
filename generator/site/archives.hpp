// The archives of the old units in the site build (DESIGN §7, docs/ARCHIVES.md): the preservation
// packages under content/archives/ are found once before anything is written, each package's view
// is rendered into luu-tru/<slug>/ in parallel with the other sites, and the unit's landing page
// (province site) shows the package's figures. A package is of an old district
// (luu-tru/huyen-ea-kar/) or of an old commune, ward or township (luu-tru/thi-tran-ea-kar-24373/,
// routes::old_commune_slug).
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/view/archive_view.hpp"
#include "generator/content/content.hpp"
#include "generator/site/output.hpp"

namespace xasite::site {

struct BuildContext;

struct ArchiveSet {
    struct Entry {
        archive::PackageInfo package;
        std::string unit_code;      // the old unit (registry): "651", or "24373" for a commune
        bool commune = false;       // an old commune, ward or township; else an old district
        std::string district_code;  // the old district: the unit itself, or the commune's
        std::string name;  // the registry's full name: "Huyện Ea Kar", "Thị trấn Ea Kar"
        // The new unit that kept an old commune unchanged ("giữ nguyên": it did not end), or "".
        std::string kept_as;
        std::string slug;    // "huyen-ea-kar", "thi-tran-ea-kar-24373"
        std::string prefix;  // "luu-tru/huyen-ea-kar/"
        // The new units that took the old unit (all or part of it) and their site folders ("" when
        // not in this build).
        std::vector<std::pair<archive::UnitInfo::Successor, std::string>> successors;
        std::string search_href;  // a successor's search page ("xa-ea-kar/tra-cuu/") or ""
    };
    std::vector<Entry> entries;  // districts first, then communes; each by code
    // Old hosts claimed by two packages, naming both and the one the redirects go to.
    std::vector<std::string> warnings;

    // Every package of content_dir/archives, matched to the registry's old districts and old
    // communes, after its fixity check (archive::FixityCheck): a package that fails it is kept with
    // its problems and its view is not rendered (render_archive says why); the rest of the site
    // builds. Throws InputError naming the package when its metadata is malformed, its unit is
    // neither an old district nor an old commune, or another package has the same unit (naming
    // both folders). `built`: the codes of the new units this build renders (their sites are
    // linked).
    // `fixity_cache`: a folder outside the packages for the verified-file caches
    // (archive_fixity_cache_dir); empty: every payload file is hashed.
    static ArchiveSet load(const content::Content& content, const std::set<std::string>& built,
                           const std::filesystem::path& fixity_cache = {});

    // The package of an old district / of an old commune, or nullptr.
    const Entry* find(const std::string& district_code) const;
    const Entry* find_commune(const std::string& commune_code) const;
    std::size_t commune_count() const;

    // The district's row of the archives index (archives template): whether a package exists,
    // whether its view is shown, whether it is a demonstration. Null when it has none.
    nlohmann::json index_view(const std::string& district_code) const;
    // The same for one package: {"href" (its landing page), "captured", "fixity_ok",
    // "demonstration"}.
    static nlohmann::json index_view(const Entry& e);

    // {"href", "contents_href", "maps_href", "captured", "pages", "files", "fixity", …} for the
    // unit's landing page (archive-district template), paths from the output root.
    nlohmann::json landing_view(const Entry& e) const;
};

// Where the build keeps its fixity caches: "<out_dir>.archive-fixity/" beside the site (never in
// the packages, never in the swapped output).
std::filesystem::path archive_fixity_cache_dir(const std::filesystem::path& out_dir);

// Renders one package's view through `out` (nothing when its fixity check failed: the warning
// names the package and each damaged file); `pages` counts the HTML pages written. `index` gets
// every archived page and attachment (the search index feed). Returns the view's warnings, each
// prefixed with the package.
std::vector<std::string> render_archive(
    const BuildContext& ctx, const ArchiveSet::Entry& entry, OutputDir& out,
    std::atomic<std::size_t>& pages,
    const std::function<void(const archive::ArchivedItem&)>& index);

}  // namespace xasite::site
