// Tra cứu: the search page. A plain form that works without JavaScript when served by
// `xasite serve` (the server fills in the results); search.js adds search as you type.
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"
#include "generator/site/unit_site.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_commune_search(const BuildContext&, CommuneSite& s, SiteRenderer& r,
                           const CommuneSection& self) {
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = section_page_meta(
        r, self, s, "Tìm thủ tục hành chính, văn bản và tin tức của " + s.authority + ".");
    v["fields"] = s.shared.fields_brief;
    r.page(dir, "search", v, nullptr, s.today);
}

// The province-wide search: every commune's procedures, documents and pages.
void render_province_search(const BuildContext&, ProvinceSite& s, SiteRenderer& r,
                            const ProvinceSection& self) {
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = section_page_meta(r, self, s,
                                  "Tìm thủ tục hành chính, văn bản và trang thông tin của các xã, "
                                  "phường và của tỉnh.");
    r.page(dir, "search", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
