// Liên hệ: addresses, phones and e-mail of the People's Committee and its public-service centre,
// the person responsible for information, and the commune's own contact parts.
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_contact(const BuildContext& ctx, CommuneSite& s, SiteRenderer& r,
                    const CommuneSection& self) {
    json v;
    v["page"] = section_page_meta(r, self, s,
                                  "Địa chỉ, điện thoại, thư điện tử của " + s.authority +
                                      " và Trung tâm Phục vụ hành chính công; đầu mối cung cấp "
                                      "thông tin.");
    v["parts"] = section_parts(ctx, s, r, self);
    r.page(routes::dir(self.folder), "contact", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
