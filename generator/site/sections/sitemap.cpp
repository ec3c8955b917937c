// Sơ đồ trang: the HTML sitemap of a site.
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"
#include "generator/site/unit_site.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_commune_sitemap(const BuildContext&, CommuneSite& s, SiteRenderer& r,
                            const CommuneSection& self) {
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] =
        section_page_meta(r, self, s, "Sơ đồ trang thông tin điện tử của " + s.authority + ".");
    v["fields"] = s.shared.fields_brief;
    v["facets"] = s.shared.procedures_index["catalog"]["facets"];
    v["news"] = s.items_of(routes::kNews);
    v["schedule"] = s.items_of(routes::kSchedule);
    v["questions"] = s.items_of(routes::kQuestions);
    json extra = json::array();
    for (const auto* p : s.pages_of(kStandalonePages))
        extra.push_back({{"title", p->title}, {"href", s.dir_of[p]}});
    v["pages"] = extra;
    r.page(dir, "sitemap", v, nullptr, s.today);
}

void render_province_sitemap(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                             const ProvinceSection& self) {
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = section_page_meta(
        r, self, s,
        "Sơ đồ trang thông tin các xã, phường tỉnh " + ctx.content.config.province_name + ".");
    v["wards"] = s.wards;
    v["communes"] = s.communes;
    v["districts"] = s.districts;
    json extra = json::array();
    for (const auto& [page, slug] : s.pages)
        extra.push_back({{"title", page->title}, {"href", slug + "/"}});
    v["pages"] = extra;
    r.page(dir, "province-sitemap", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
