// Liên hệ: addresses, phones and e-mail of the People's Committee and its public-service centre,
// the person responsible for information, and the commune's own contact parts.
#include "generator/site/routes.hpp"
#include "generator/site/search_feed.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_contact(const BuildContext& ctx, CommuneSite& s, SiteRenderer& r,
                    const CommuneSection& self) {
    const auto& names = label(r, self.key);
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = page_meta(names.title,
                          "Địa chỉ, điện thoại, thư điện tử của " + s.authority +
                              " và Trung tâm Phục vụ hành chính công; đầu mối cung cấp thông tin.",
                          std::string(self.key), s.effective, s.today,
                          json::array({breadcrumb(names.crumb, dir)}));
    json parts = json::array();
    for (const auto* p : s.contact_parts)
        parts.push_back(page_json(*p));
    v["parts"] = std::move(parts);
    for (const auto* p : s.contact_parts)
        ctx.search_pages.add(page_search_document(
            *p, routes::unit_dir(s.unit) + "/" + dir + "#phan-" + p->slug, s.unit.code));
    r.page(dir, "contact", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
