// Thủ tục hành chính: the catalogue index, the paginated lists (fields, facets, retired) shared by
// every commune site, and one page per procedure.
#include "core/text.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"
#include "generator/site/unit_site.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_procedures(const BuildContext& ctx, CommuneSite& s, SiteRenderer& r,
                       const CommuneSection& self) {
    const Catalog& cat = ctx.catalog;
    const auto& names = label(r, self.key);
    const std::string key(self.key);
    const std::string dir = routes::dir(self.folder);
    const json root_crumb = breadcrumb(names.crumb, dir);
    {
        json v;
        v["page"] = page_meta(names.title,
                              "Danh mục thủ tục hành chính tiếp nhận tại " + s.unit.full_name +
                                  ", theo lĩnh vực, mức độ trực tuyến và phạm vi tiếp nhận.",
                              key, s.effective, s.today, json::array({root_crumb}));
        r.page(dir, "procedures", v, &s.shared.procedures_index, s.today);
    }
    for (const auto& list : s.shared.lists) {
        for (std::size_t n = 0; n < list.pages.size(); ++n) {
            std::string title =
                n == 0 ? list.title : list.title + " (trang " + std::to_string(n + 1) + ")";
            json v;
            v["page"] = page_meta(title, list.pages[n]["list"]["description"].get<std::string>(),
                                  key, s.effective, s.today,
                                  json::array({root_crumb, breadcrumb(list.title, list.dir)}));
            r.page(routes::list_page(list.dir, n + 1), "procedure-list", v, &list.pages[n],
                   s.today);
        }
    }
    auto render_procedure = [&](std::size_t i) {
        const auto& p = ctx.content.procedures[i];
        json v;
        std::string updated = p.updated.empty() ? s.today : p.updated;
        std::string published = p.decision && !p.decision->date.empty() ? p.decision->date : "";
        v["page"] = page_meta(
            p.name,
            (text::starts_with_ci_folded(p.name, "thu tuc") ? p.name : "Thủ tục " + p.name) +
                " (mã " + p.code + "), lĩnh vực " + p.field +
                ": trình tự, cách thức, thành phần hồ sơ, thời hạn, phí và lệ phí.",
            key, published, updated,
            json::array({root_crumb,
                         breadcrumb(p.field, routes::procedure_field(cat.field_slug_of[i])),
                         breadcrumb(p.code, routes::procedure_path(p.code))}),
            "article");
        r.page(routes::procedure_path(p.code), "procedure", v, &cat.views[i], updated);
    };
    for (std::size_t i : cat.listed)
        render_procedure(i);
    for (std::size_t i : cat.retired)
        render_procedure(i);
}

}  // namespace xasite::site::sections
