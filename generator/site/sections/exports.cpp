// Files copied into a site: the procedure list as JSON and CSV (TT 22/2023 requirement 3), and the
// theme's assets.
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"
#include "generator/site/unit_site.hpp"

namespace xasite::site::sections {

void render_exports(const BuildContext&, CommuneSite& s, SiteRenderer& r, const CommuneSection&) {
    r.file(routes::procedures_export("json"), s.shared.export_json);
    r.file(routes::procedures_export("csv"), s.shared.export_csv);
}

namespace {
void copy_assets(SiteRenderer& r, std::string_view folder) {
    for (const auto& asset : r.theme().assets())
        r.file(routes::dir(folder) + asset.path, *asset.data);
}
}  // namespace

void render_commune_assets(const BuildContext&, CommuneSite&, SiteRenderer& r,
                           const CommuneSection& self) {
    copy_assets(r, self.folder);
}

void render_province_assets(const BuildContext&, ProvinceSite&, SiteRenderer& r,
                            const ProvinceSection& self) {
    copy_assets(r, self.folder);
}

}  // namespace xasite::site::sections
