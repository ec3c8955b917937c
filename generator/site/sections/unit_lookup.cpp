// Tra cứu đơn vị cũ – mới: every old commune and district, grouped by old district, with the new
// units that took it (partial successors marked). The data is prepared with the province site
// (ProvinceSite::districts), since the archives and the sitemap list the districts too.
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_unit_lookup(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                        const ProvinceSection& self) {
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = section_page_meta(r, self, s,
                                  "Xã, phường, thị trấn và huyện, thị xã, thành phố trước ngày " +
                                      date_vi(s.effective) + " nay thuộc xã, phường nào của tỉnh " +
                                      ctx.content.config.province_name + ".");
    v["districts"] = s.districts;
    v["old_commune_count"] = ctx.content.registry.old_communes().size();
    v["partial_count"] = s.partial_communes;
    r.page(dir, "unit-lookup", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
