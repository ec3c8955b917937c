// Tra cứu: the search page. A plain form that works without JavaScript when served by
// `xasite serve` (the server fills in the results); search.js adds search as you type.
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"
#include "generator/site/unit_site.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_commune_search(const BuildContext&, CommuneSite& s, SiteRenderer& r,
                           const CommuneSection& self) {
    const auto& names = label(r, self.key);
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = page_meta(
        names.title, "Tìm thủ tục hành chính, văn bản và tin tức của " + s.authority + ".",
        std::string(self.key), s.effective, s.today, json::array({breadcrumb(names.crumb, dir)}));
    v["fields"] = s.shared.fields_brief;
    r.page(dir, "search", v, nullptr, s.today);
}

// The province-wide search: every commune's procedures, documents and pages.
void render_province_search(const BuildContext&, ProvinceSite& s, SiteRenderer& r,
                            const ProvinceSection& self) {
    const auto& names = label(r, self.key);
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = page_meta(names.title,
                          "Tìm thủ tục hành chính, văn bản và trang thông tin của các xã, "
                          "phường và của tỉnh.",
                          std::string(self.key), s.effective, s.today,
                          json::array({breadcrumb(names.crumb, dir)}));
    r.page(dir, "search", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
