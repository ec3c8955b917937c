// JSON views of the content model for the templates (the names templates use are documented in
// docs/TEMPLATES.md). Built once per build (globals, catalog lists) or once per site (unit).
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "generator/content/content.hpp"
#include "generator/site/catalog.hpp"

namespace xasite::site {

struct BuildContext {
    const content::Content& content;
    const Catalog& catalog;
    std::string build_date;       // YYYY-MM-DD
    std::set<std::string> built;  // codes of the units this build renders
    nlohmann::json globals;       // shared by every page
    const struct DocumentSet* documents = nullptr;
    // Where the site renderers report their Markdown pages for the search index (null: no index).
    class SearchPageCollector* search_pages = nullptr;
    const struct ArchiveSet* archives = nullptr;  // preservation packages (archives.hpp)
};

nlohmann::json globals_view(const content::Content& content, const std::string& build_date);

// {"site": {...}, "menu": [...]} for a commune site.
nlohmann::json unit_site_view(const BuildContext& ctx, const units::NewUnit& unit);
// {"site": {...}, "menu": [...]} for the province site.
nlohmann::json province_site_view(const BuildContext& ctx);

// Display label of a new unit type: "xã" → "Xã", "phường" → "Phường".
std::string unit_type_title(const std::string& type);
// The site folder of a new unit: its slug.
std::string unit_dir(const units::NewUnit& unit);
// A procedure's file name under thu-tuc/: the code itself (record codes are validated to
// [0-9A-Za-z._-], so distinct codes never share a file); anything else is replaced by -.
std::string procedure_dir(const std::string& code);
// A procedure page's path inside a commune site: "thu-tuc/1.001193.html". One file per procedure,
// not a folder with index.html: a province build writes ~150,000 of them, and on ext4 a mkdir
// costs as much as the page itself (docs/ARCHITECTURE.md, "Decisions").
std::string procedure_path(const std::string& code);

}  // namespace xasite::site
