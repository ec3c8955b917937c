// The province entry page: every new unit by type, the latest documents.
#include "generator/site/documents.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_province_home(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                          const ProvinceSection& self) {
    const auto& config = ctx.content.config;
    const auto& reg = ctx.content.registry;
    json v;
    v["page"] = page_meta(config.authority + ": các xã, phường",
                          "Trang thông tin điện tử của " + std::to_string(s.units.size()) +
                              " xã, phường tỉnh " + config.province_name +
                              " sau sắp xếp đơn vị hành chính từ " + date_vi(s.effective) + ".",
                          std::string(self.key), s.effective, "");
    v["wards"] = s.wards;
    v["communes"] = s.communes;
    v["unit_count"] = s.units.size();
    v["ward_count"] = s.wards.size();
    v["commune_count"] = s.communes.size();
    v["district_count"] = reg.old_districts().size();
    v["old_commune_count"] = reg.old_communes().size();
    v["partial_build"] = ctx.built.size() < s.units.size();
    v["built_count"] = ctx.built.size();
    v["documents"] = json::array();
    for (std::size_t k = 0; k < s.documents.size() && k < 5; ++k)
        v["documents"].push_back(s.documents[k]->row);
    r.page("", "province-home", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
