// The archives of the dissolved districts in the site build (DESIGN §7, docs/ARCHIVES.md): the
// preservation packages under content/archives/ are found once before anything is written, each
// package's view is rendered into luu-tru/<district-slug>/ in parallel with the other sites, and
// the district's landing page (province site) shows the package's figures.
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
        std::string district_code;  // the old district (registry)
        std::string slug;           // "huyen-ea-kar"
        std::string prefix;         // "luu-tru/huyen-ea-kar/"
        // The successor communes and their site folders ("" when not in this build).
        std::vector<std::pair<archive::UnitInfo::Successor, std::string>> successors;
        std::string search_href;  // a successor's search page ("xa-ea-kar/tra-cuu/") or ""
    };
    std::vector<Entry> entries;  // sorted by district code
    // Old hosts claimed by two packages, naming both and the one the redirects go to.
    std::vector<std::string> warnings;

    // Every package of content_dir/archives, matched to the registry's old districts, after its
    // fixity check (archive::FixityCheck): a package that fails it is kept with its problems and
    // its view is not rendered (render_archive says why); the rest of the site builds. Throws
    // InputError naming the package when its metadata is malformed or its unit is not an old
    // district. `built`: the codes of the new units this build renders (their sites are linked).
    // `fixity_cache`: a folder outside the packages for the verified-file caches
    // (archive_fixity_cache_dir); empty: every payload file is hashed.
    static ArchiveSet load(const content::Content& content, const std::set<std::string>& built,
                           const std::filesystem::path& fixity_cache = {});

    const Entry* find(const std::string& district_code) const;

    // The district's row of the archives index (archives template): whether a package exists,
    // whether its view is shown, whether it is a demonstration.
    nlohmann::json index_view(const std::string& district_code) const;

    // {"href", "contents_href", "maps_href", "captured", "pages", "files", "fixity", …} for the
    // district's landing page (archive-district template), paths from the output root.
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
