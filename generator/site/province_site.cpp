#include "generator/site/province_site.hpp"

#include "generator/site/sections/sections.hpp"
#include "generator/site/site_renderer.hpp"

namespace xasite::site {

std::vector<std::string> render_province_site(const BuildContext& ctx, const Theme& theme,
                                              OutputDir& out, std::atomic<std::size_t>& pages) {
    const auto& config = ctx.content.config;
    nlohmann::json site = province_site_view(ctx);
    sections::ProvinceSite data = sections::prepare_province_site(ctx);
    site["menu"] = sections::province_menu(ctx, data, theme);
    const SiteLinks links(ctx.content);
    SiteRenderer r(theme, out, ctx.globals, site, "", config.base_url, url_path(config.base_url),
                   std::string(sections::kProvinceLayout), pages, links);
    for (const auto& section : sections::province_sections())
        if (section.render) section.render(ctx, data, r, section);
    return std::move(data.warnings);
}

}  // namespace xasite::site
