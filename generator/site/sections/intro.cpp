// Giới thiệu: the commune's facts, the old units it was formed from, and its own intro parts.
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

json section_parts(const BuildContext& ctx, const CommuneSite& s, const CommuneSection& self) {
    json parts = json::array();
    for (const auto* p : s.pages_of(self.key)) {
        parts.push_back(page_json(*p));
        ctx.search_pages.add(page_search_document(
            *p, routes::unit_dir(s.unit) + "/" + routes::dir(self.folder) + "#phan-" + p->slug,
            s.unit.code));
    }
    return parts;
}

void render_intro(const BuildContext& ctx, CommuneSite& s, SiteRenderer& r,
                  const CommuneSection& self) {
    const auto& unit = s.unit;
    json v;
    v["page"] = section_page_meta(
        r, self, s,
        unit.full_name + ", tỉnh " + ctx.content.config.province_name +
            ": diện tích, dân số, trụ sở, các đơn vị hành chính trước sắp xếp, cơ cấu tổ chức.",
        label(r, self.key).title + " " + unit.type + " " + unit.name);
    v["parts"] = section_parts(ctx, s, self);
    r.page(routes::dir(self.folder), "intro", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
