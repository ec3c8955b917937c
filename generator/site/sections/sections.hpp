// The sections of the sites as data: one table for the commune sites and one for the province
// site. A row names the section (its key: the menu entry, the page's `section`, its names in the
// theme's sections.json), the top-level folder it owns, the page templates it renders, its place
// in the menu and the function that renders it. The site renderers (unit_site.cpp,
// province_site.cpp) are loops over these tables; the menu, the names a page may not take, and the
// templates compiled before the build writes anything all follow from them.
//
// Adding a section: one file in this folder with its render function, one row in tables.cpp, its
// page template under templates/pages/, its name in templates/sections.json.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/site/context.hpp"
#include "generator/site/site_renderer.hpp"
#include "generator/site/theme.hpp"

namespace xasite::site {
struct SharedViews;
struct PublishedDocument;
}  // namespace xasite::site

namespace xasite::site::sections {

// What the sections of one commune site share, prepared before its first page: the commune's
// Markdown pages sorted and placed (paths claimed against the reserved names), its documents.
struct CommuneSite {
    CommuneSite(const units::NewUnit& u, const SharedViews& views) : unit(u), shared(views) {}
    const units::NewUnit& unit;
    const SharedViews& shared;
    std::string authority;  // "Ủy ban nhân dân xã Ea Kar"
    std::string effective;  // the reorganisation's effective date (YYYY-MM-DD)
    std::string today;      // the build date
    std::string base_url;   // the site's absolute URL
    std::vector<const PublishedDocument*> documents;
    // The commune's Markdown pages by section key ("tin-tuc", "gioi-thieu", "trang", …), in the
    // order their section shows them (PageKind), and a page's folder in the site.
    std::map<std::string, std::vector<const content::Page*>, std::less<>> pages;
    std::map<const content::Page*, std::string> dir_of;
    // The list entries of each dated section ({title, href, date, summary}), newest first.
    std::map<std::string, nlohmann::json, std::less<>> items;
    nlohmann::json document_feed = nlohmann::json::array();  // set by the documents section
    std::vector<std::string> warnings;

    const std::vector<const content::Page*>& pages_of(std::string_view key) const;
    const nlohmann::json& items_of(std::string_view key) const;
};

// What the sections of the province site share.
struct ProvinceSite {
    std::string effective, today;
    std::vector<const units::NewUnit*> units;  // every new unit, Vietnamese alphabetical order
    nlohmann::json wards, communes;            // unit cards by type
    nlohmann::json districts;                  // the old districts with their old communes
    std::size_t partial_communes = 0;          // old communes split between several new units
    std::vector<const PublishedDocument*> documents;
    std::vector<std::pair<const content::Page*, std::string>> pages;  // page, claimed slug
    nlohmann::json document_feed = nlohmann::json::array();  // set by the documents section
    std::vector<std::string> warnings;
};

// How a section holds the Markdown pages a commune writes (front matter `section: <key>`).
enum class PageKind {
    none,        // it holds none
    standalone,  // each page at its own top-level folder (<slug>/), by weight then title
    dated,       // each page at <folder>/<slug>/, listed newest first on the section's page
    parts,       // merged into the section's page (#phan-<slug>), by weight then title
};

template <class Site>
struct Section {
    // Renders the section's pages; `self` is the section's row (its key and folder).
    using Render = void (*)(const BuildContext&, Site&, SiteRenderer&, const Section& self);
    // Menu entries of a section whose entries are not simply {key, label, folder/}.
    using MenuItems = nlohmann::json (*)(const BuildContext&, const Site&,
                                         const Theme::SectionLabel&);
    std::string_view key;     // the menu key and the pages' `section`; key in sections.json
    std::string_view folder;  // the top-level name it owns in the site ("" for none)
    std::vector<std::string_view> templates;  // pages/<name> it renders; "feeds/…" standalone
    int menu = 0;                             // position in the menu; 0: not in the menu
    PageKind pages = PageKind::none;          // the commune's Markdown pages it holds
    Render render = nullptr;                  // null: only a menu entry
    MenuItems menu_items = nullptr;           // null: one entry {key, label, href: folder/}
};
using CommuneSection = Section<CommuneSite>;
using ProvinceSection = Section<ProvinceSite>;

// The tables, in rendering order (sitemap.xml lists pages in that order; the feeds come after
// every page). Layouts: "unit" and "province".
const std::vector<CommuneSection>& commune_sections();
const std::vector<ProvinceSection>& province_sections();
inline constexpr std::string_view kCommuneLayout = "unit";
// The key of the section whose pages stand at their own top-level folder: a page's default
// `section:` (content/pages.hpp).
inline constexpr std::string_view kStandalonePages = "trang";
inline constexpr std::string_view kProvinceLayout = "province";

// Prepares what the sections of a site share (see CommuneSite, ProvinceSite): sorts and places the
// Markdown pages, claiming their folders against the reserved names (a collision is published
// under "-2" with a warning).
CommuneSite prepare_commune_site(const BuildContext& ctx, const SharedViews& shared,
                                 const units::NewUnit& unit, const std::string& authority);
ProvinceSite prepare_province_site(const BuildContext& ctx);

// The site's menu, in menu order, named by the theme: [{key, label, href, external}].
nlohmann::json commune_menu(const BuildContext& ctx, const CommuneSite& site, const Theme& theme);
nlohmann::json province_menu(const BuildContext& ctx, const ProvinceSite& site, const Theme& theme);

// The top-level names a page of the site may not take: the sections' folders and the reserved
// names of routes.hpp.
std::vector<std::string> commune_reserved();
std::vector<std::string> province_reserved();

// The templates each table renders, as Theme::compile_all takes them; and every name a table uses
// checked in the theme (throws InputError naming sections.json when one is missing).
std::vector<std::pair<std::string, std::string>> commune_pages();
std::vector<std::pair<std::string, std::string>> province_pages();
std::vector<std::string> commune_feeds();
std::vector<std::string> province_feeds();
void check_labels(const Theme& theme, bool commune, bool province);
// Every disclosure item of site.json names a section of the commune sites (or none); throws
// InputError naming site.json and the item otherwise.
void check_disclosure(const content::SiteConfig& config);
// Every Markdown page names (front matter `section`) a commune section that holds pages; throws
// InputError "file:line: section must be one of …" otherwise.
void check_page_sections(const content::Content& content);

}  // namespace xasite::site::sections
