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

void render_intro(const BuildContext& ctx, CommuneSite& s, SiteRenderer& r,
                  const CommuneSection& self) {
    const auto& unit = s.unit;
    const auto& names = label(r, self.key);
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = page_meta(
        names.title + " " + unit.type + " " + unit.name,
        unit.full_name + ", tỉnh " + ctx.content.config.province_name +
            ": diện tích, dân số, trụ sở, các đơn vị hành chính trước sắp xếp, cơ cấu tổ chức.",
        std::string(self.key), s.effective, s.today, json::array({breadcrumb(names.crumb, dir)}));
    json parts = json::array();
    for (const auto* p : s.intro_parts)
        parts.push_back(page_json(*p));
    v["parts"] = std::move(parts);
    for (const auto* p : s.intro_parts)
        ctx.search_pages.add(page_search_document(
            *p, routes::unit_dir(unit) + "/" + dir + "#phan-" + p->slug, unit.code));
    r.page(dir, "intro", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
