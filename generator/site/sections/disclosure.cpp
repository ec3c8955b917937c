// Danh mục thông tin phải công khai (Luật Tiếp cận thông tin 2016 Điều 17, 19): what the commune
// must disclose, where it is published, in what form and by when (site.json "disclosure").
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_disclosure(const BuildContext& ctx, CommuneSite& s, SiteRenderer& r,
                       const CommuneSection& self) {
    const auto& config = ctx.content.config;
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = section_page_meta(
        r, self, s,
        "Thông tin " + s.authority + " phải công khai, nơi đăng, hình thức và thời hạn công khai.");
    json items = json::array();
    for (const auto& d : config.disclosure) {
        // An item published on this page itself has no link; others link to their section.
        bool here = d.section.empty() || d.section == self.folder;
        items.push_back({{"title", d.title},
                         {"basis", d.basis},
                         {"href", here ? json() : json(routes::dir(d.section))}});
    }
    v["disclosure"] = {{"items", items},
                       {"form", config.disclosure_form},
                       {"deadline", config.disclosure_deadline}};
    r.page(dir, "disclosure", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
