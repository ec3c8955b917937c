// Trung tâm Phục vụ hành chính công: the public-service centre of every unit (boundary-free
// procedures can be filed at any of them).
#include "generator/site/catalog.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_service_centres(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                            const ProvinceSection& self) {
    const auto& content = ctx.content;
    const auto& config = content.config;
    json centres = json::array();
    for (const auto* u : s.units) {
        content::UnitProfile profile;
        if (auto it = content.profiles.find(u->code); it != content.profiles.end())
            profile = it->second;
        std::string phrase = u->type + " " + u->name;
        json c = unit_link(ctx, *u, false);
        c["centre"] = content::fill_pattern(config.centre_name, "unit", phrase);
        c["address"] = !profile.centre_address.empty()
                           ? profile.centre_address
                           : (!profile.address.empty() ? profile.address : u->seat);
        c["phone"] = !profile.centre_phone.empty() ? profile.centre_phone : profile.phone;
        c["hours"] = profile.centre_hours;
        c["contact_href"] = ctx.built.count(u->code)
                                ? json(routes::unit_dir(*u) + "/" + routes::dir(routes::kContact))
                                : json();
        c["key"] = search_key({u->full_name});
        centres.push_back(std::move(c));
    }
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = section_page_meta(
        r, self, s,
        "Địa chỉ " + std::to_string(s.units.size()) +
            " Trung tâm Phục vụ hành chính công cấp xã tỉnh " + config.province_name +
            "; thủ tục không phụ thuộc địa giới nộp được tại bất kỳ trung tâm nào.");
    v["centres"] = centres;
    v["procedure_review"] = {{"place_restricted", ctx.catalog.report.place_restricted.size()},
                             {"not_listed", ctx.catalog.not_listed.size()}};
    r.page(dir, "service-centres", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
