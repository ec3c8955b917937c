// Internal to sections/: the render function of each section (one file each) and the helpers they
// share. The tables in tables.cpp refer to these.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "generator/site/format.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/sections.hpp"

namespace xasite::site::sections {

// The theme's names of the section `key` on the site `r` renders.
inline const Theme::SectionLabel& label(const SiteRenderer& r, std::string_view key) {
    return r.theme().section_label(r.layout(), key);
}

// The "page" view of a section's own page ("<folder>/"): its heading from the theme (or `title`),
// the section key, the reorganisation date as published, no update date (a generated page has none
// of its own), and a breadcrumb.
template <class Site>
nlohmann::json section_page_meta(const SiteRenderer& r, const Section<Site>& self, const Site& site,
                                 const std::string& description, const std::string& title = "") {
    const auto& names = label(r, self.key);
    return page_meta(title.empty() ? names.title : title, description, std::string(self.key),
                     site.effective, "",
                     nlohmann::json::array({breadcrumb(names.crumb, routes::dir(self.folder))}));
}

// The commune's pages of a "parts" section (PageKind::parts), as the section's page shows them
// ([{title, slug, html, …}], anchors #phan-<slug>); each is reported to the search index there.
// Their images and attachments are written below it, at "<folder>/<slug>/".
nlohmann::json section_parts(const BuildContext& ctx, const CommuneSite& site, SiteRenderer& r,
                             const CommuneSection& self);

// Commune sites.
void render_home(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_intro(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_procedures(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_commune_documents(const BuildContext&, CommuneSite&, SiteRenderer&,
                              const CommuneSection&);
void render_news(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_schedule(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_questions(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_disclosure(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_commune_pages(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_contact(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_commune_search(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_commune_sitemap(const BuildContext&, CommuneSite&, SiteRenderer&,
                            const CommuneSection&);
void render_commune_not_found(const BuildContext&, CommuneSite&, SiteRenderer&,
                              const CommuneSection&);
void render_commune_feeds(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_exports(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
void render_commune_assets(const BuildContext&, CommuneSite&, SiteRenderer&, const CommuneSection&);
nlohmann::json commune_page_menu_items(const BuildContext&, const CommuneSite&,
                                       const Theme::SectionLabel&);

// The province site.
void render_province_home(const BuildContext&, ProvinceSite&, SiteRenderer&,
                          const ProvinceSection&);
void render_province_documents(const BuildContext&, ProvinceSite&, SiteRenderer&,
                               const ProvinceSection&);
void render_unit_lookup(const BuildContext&, ProvinceSite&, SiteRenderer&, const ProvinceSection&);
void render_archives(const BuildContext&, ProvinceSite&, SiteRenderer&, const ProvinceSection&);
void render_province_procedures(const BuildContext&, ProvinceSite&, SiteRenderer&,
                                const ProvinceSection&);
void render_service_centres(const BuildContext&, ProvinceSite&, SiteRenderer&,
                            const ProvinceSection&);
void render_province_pages(const BuildContext&, ProvinceSite&, SiteRenderer&,
                           const ProvinceSection&);
void render_province_search(const BuildContext&, ProvinceSite&, SiteRenderer&,
                            const ProvinceSection&);
void render_province_sitemap(const BuildContext&, ProvinceSite&, SiteRenderer&,
                             const ProvinceSection&);
void render_province_not_found(const BuildContext&, ProvinceSite&, SiteRenderer&,
                               const ProvinceSection&);
void render_province_feeds(const BuildContext&, ProvinceSite&, SiteRenderer&,
                           const ProvinceSection&);
void render_province_assets(const BuildContext&, ProvinceSite&, SiteRenderer&,
                            const ProvinceSection&);

// The national portal, as the last menu entry (an external link), on either kind of site.
template <class Site>
nlohmann::json portal_menu_items(const BuildContext& ctx, const Site& site,
                                 const Theme::SectionLabel& names);

// A new unit as the province pages link it: {code, name, type, href (null when not built),
// partial}.
nlohmann::json unit_link(const BuildContext& ctx, const units::NewUnit& u, bool partial);
// Text for the lookup pages' optional JavaScript filter: every name folded, without diacritics.
std::string search_key(std::initializer_list<std::string> parts);

// A Markdown page as templates see it: {title, slug, html, date, updated, author, tags}.
nlohmann::json page_json(const content::Page& p);

}  // namespace xasite::site::sections
