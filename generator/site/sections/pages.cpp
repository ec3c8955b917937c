// Markdown pages: a commune's news items, schedule entries and standalone pages at the folders
// claimed for them, and the province's own pages. Each is also reported to the search index.
#include "generator/site/routes.hpp"
#include "generator/site/search_feed.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_commune_pages(const BuildContext& ctx, CommuneSite& s, SiteRenderer& r,
                          const CommuneSection&) {
    auto render_md = [&](const content::Page* p, const std::string& section, json crumbs,
                         const char* og_type) {
        json v;
        std::string updated =
            !p->updated.empty() ? p->updated : (!p->date.empty() ? p->date : s.today);
        v["page"] = page_meta(p->title, p->description, section, p->date, updated,
                              std::move(crumbs), og_type);
        v["article"] = page_json(*p);
        r.page(s.dir_of[p], "page", v, nullptr, updated);
        ctx.search_pages.add(
            page_search_document(*p, routes::unit_dir(s.unit) + "/" + s.dir_of[p], s.unit.code));
    };
    // Dated items carry the key of their list's section, and a breadcrumb back to it; the news
    // are articles. Standalone pages have a section of their own ("trang-<slug>").
    for (const auto& row : commune_sections()) {
        if (row.pages == PageKind::dated) {
            const std::string crumb = label(r, row.key).crumb, list = routes::dir(row.folder);
            for (const auto* p : s.pages_of(row.key))
                render_md(p, std::string(row.key),
                          json::array({breadcrumb(crumb, list), breadcrumb(p->title, s.dir_of[p])}),
                          row.folder == routes::kNews ? "article" : "website");
        } else if (row.pages == PageKind::standalone) {
            for (const auto* p : s.pages_of(row.key))
                render_md(p, "trang-" + p->slug, json::array({breadcrumb(p->title, s.dir_of[p])}),
                          "website");
        }
    }
}

// The commune's pages written with `menu: true` join the menu at this section's place.
json commune_page_menu_items(const BuildContext& ctx, const CommuneSite& s,
                             const Theme::SectionLabel&) {
    json items = json::array();
    if (auto pages = ctx.content.unit_pages.find(s.unit.code);
        pages != ctx.content.unit_pages.end()) {
        for (const auto& pg : pages->second)
            if (pg.menu && pg.section == "trang")
                items.push_back({{"key", "trang-" + pg.slug},
                                 {"label", pg.title},
                                 {"href", pg.slug + "/"},
                                 {"external", false}});
    }
    return items;
}

void render_province_pages(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                           const ProvinceSection&) {
    for (const auto& [page, slug] : s.pages) {
        const auto& p = *page;
        json v;
        std::string updated = !p.updated.empty() ? p.updated : (!p.date.empty() ? p.date : s.today);
        v["page"] = page_meta(p.title, p.description, "trang-" + slug, p.date, updated,
                              json::array({breadcrumb(p.title, slug + "/")}));
        v["article"] = {{"title", p.title},        {"html", p.body_html},
                        {"date", date_vi(p.date)}, {"updated", date_vi(p.updated)},
                        {"author", p.author},      {"tags", p.tags}};
        r.page(slug + "/", "page", v, nullptr, updated);
        ctx.search_pages.add(
            page_search_document(p, slug + "/", ctx.content.registry.province().code));
    }
}

}  // namespace xasite::site::sections
