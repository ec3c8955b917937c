// The 404 page, served for any missing URL of the site (links absolute to the site's base path).
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

// The page has no section of its own (no menu entry is current on it).
void render_commune_not_found(const BuildContext&, CommuneSite& s, SiteRenderer& r,
                              const CommuneSection& self) {
    json v;
    v["page"] = page_meta(label(r, self.key).title,
                          "Trang bạn tìm không có trên " + s.authority + ".", "", "", "");
    r.error_page(std::string(self.folder), "not-found", v);
}

void render_province_not_found(const BuildContext&, ProvinceSite&, SiteRenderer& r,
                               const ProvinceSection& self) {
    json v;
    v["page"] = page_meta(label(r, self.key).title, "Trang bạn tìm không có.", "", "", "");
    r.error_page(std::string(self.folder), "not-found", v);
}

}  // namespace xasite::site::sections
