// Markdown pages: a commune's news items, schedule entries and standalone pages at the folders
// claimed for them, and the province's own pages. Each is also reported to the search index.
#include "generator/site/media.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/search_feed.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

namespace {

// One Markdown page at `dir` (from the site root), also reported to the search index at `url`
// (from the output root) under `unit_code`.
void render_article(const BuildContext& ctx, SiteRenderer& r, const content::Page& p,
                    const std::string& dir, const std::string& section, json crumbs,
                    const char* og_type, const std::string& url, const std::string& unit_code,
                    const std::string& today) {
    const std::string updated = p.changed();
    json v;
    v["page"] =
        page_meta(p.title, p.description, section, p.date, updated, std::move(crumbs), og_type);
    v["article"] = page_json(p);
    r.page(dir, "page", v, nullptr, updated.empty() ? today : updated);
    write_page_media(r, p, dir);  // its images and attachments, beside it
    ctx.search_pages.add(page_search_document(p, url, unit_code));
}

}  // namespace

void render_commune_pages(const BuildContext& ctx, CommuneSite& s, SiteRenderer& r,
                          const CommuneSection&) {
    auto render_md = [&](const content::Page* p, const std::string& section, json crumbs,
                         const char* og_type) {
        const std::string& dir = s.dir_of[p];
        render_article(ctx, r, *p, dir, section, std::move(crumbs), og_type,
                       routes::unit_dir(s.unit) + "/" + dir, s.unit.code, s.today);
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
            if (pg.menu && pg.section == kStandalonePages)
                items.push_back({{"key", "trang-" + pg.slug},
                                 {"label", pg.title},
                                 {"href", s.dir_of.at(&pg)},  // where it was published
                                 {"external", false}});
    }
    return items;
}

void render_province_pages(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                           const ProvinceSection&) {
    for (const auto& [page, slug] : s.pages)
        render_article(ctx, r, *page, slug + "/", "trang-" + slug,
                       json::array({breadcrumb(page->title, slug + "/")}), "website", slug + "/",
                       ctx.content.registry.province().code, s.today);
}

}  // namespace xasite::site::sections
