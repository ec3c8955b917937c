// Giới thiệu: the commune's facts, the old units it was formed from (with the archives of their
// websites, or a plain "none"), and its own intro parts.
#include "generator/content/media.hpp"
#include "generator/site/archives.hpp"
#include "generator/site/media.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/search_feed.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

json page_json(const content::Page& p) {
    return json{{"title", p.title},
                {"slug", p.slug},
                {"html", p.body_html},
                {"date", date_vi(p.date)},
                {"updated", date_vi(p.updated)},
                {"author", p.author},
                {"tags", p.tags}};
}

json section_parts(const BuildContext& ctx, const CommuneSite& s, SiteRenderer& r,
                   const CommuneSection& self) {
    json parts = json::array();
    for (const auto* p : s.pages_of(self.key)) {
        parts.push_back(page_json(*p));
        if (!p->media.empty()) {
            // A part's files sit in a folder of its own below the section's page.
            parts.back()["html"] = content::render_page_body(*p, p->slug + "/");
            write_page_media(r, *p, routes::dir(self.folder) + p->slug + "/");
        }
        ctx.search_pages.add(page_search_document(
            *p, routes::unit_dir(s.unit) + "/" + routes::dir(self.folder) + "#phan-" + p->slug,
            s.unit.code));
    }
    return parts;
}

namespace {

// The old units a new unit took over: its old districts (each has a landing page under luu-tru/,
// which says whether the district's site was archived), then its old communes (a landing page only
// when a package exists). "package" is null when this build has no archive of the unit.
json old_unit_archives(const BuildContext& ctx, const units::NewUnit& unit) {
    const auto& reg = ctx.content.registry;
    json rows = json::array();
    for (const auto* d : reg.districts_of(unit)) {
        const ArchiveSet::Entry* e = ctx.archives.find(d->code);
        rows.push_back({{"name", d->full_name},
                        {"where", "tỉnh " + d->province_name},
                        {"district", true},
                        {"href", routes::archive(d->slug)},
                        {"package", e ? ArchiveSet::index_view(*e) : json()}});
    }
    for (const auto& p : unit.predecessors) {
        const units::OldCommune* c = reg.find_old_commune(p.old_code);
        if (!c) continue;
        const units::OldDistrict* d = reg.find_old_district(c->district_code);
        const ArchiveSet::Entry* e = ctx.archives.find_commune(c->code);
        // A commune kept unchanged ("giữ nguyên") did not end: listed only if it has an archive.
        if (!e && p.how == units::Resolution::unchanged) continue;
        rows.push_back({{"name", c->full_name},
                        {"where", d ? json(d->full_name) : json()},
                        {"district", false},
                        {"kept", p.how == units::Resolution::unchanged},
                        {"href", e ? json(e->prefix) : json()},
                        {"package", e ? ArchiveSet::index_view(*e) : json()}});
    }
    return rows;
}

}  // namespace

void render_intro(const BuildContext& ctx, CommuneSite& s, SiteRenderer& r,
                  const CommuneSection& self) {
    const auto& unit = s.unit;
    json v;
    v["page"] = section_page_meta(
        r, self, s,
        unit.full_name + ", tỉnh " + ctx.content.config.province_name +
            ": diện tích, dân số, trụ sở, các đơn vị hành chính trước sắp xếp, cơ cấu tổ chức.",
        label(r, self.key).title + " " + unit.type + " " + unit.name);
    v["parts"] = section_parts(ctx, s, r, self);
    v["old_archives"] = old_unit_archives(ctx, unit);
    r.page(routes::dir(self.folder), "intro", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
