// The build context: everything a site section reads, loaded and prepared once per build before
// anything is written. Every member is required (a build without a search index still collects
// the pages it would index; it simply does not write them).
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "generator/content/content.hpp"

namespace xasite::site {

struct Catalog;
struct DocumentSet;
struct ArchiveSet;
class SearchPageCollector;

struct BuildContext {
    const content::Content& content;
    const Catalog& catalog;             // which procedures the commune sites list; their views
    const DocumentSet& documents;       // published documents and which sites carry them
    const ArchiveSet& archives;         // preservation packages of the dissolved districts
    SearchPageCollector& search_pages;  // where the renderers report their Markdown pages
    std::string build_date;             // YYYY-MM-DD
    std::set<std::string> built;        // codes of the units this build renders
    nlohmann::json globals;             // shared by every page
};

}  // namespace xasite::site
