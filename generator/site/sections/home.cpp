// Trang chủ of a commune site: the main fields, the latest news and documents.
#include <algorithm>

#include "generator/site/documents.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"
#include "generator/site/unit_site.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_home(const BuildContext& ctx, CommuneSite& s, SiteRenderer& r,
                 const CommuneSection& self) {
    const auto& config = ctx.content.config;
    json v;
    v["page"] =
        page_meta(s.authority,
                  "Trang thông tin điện tử của " + s.authority + ", tỉnh " + config.province_name +
                      ": thủ tục hành chính, văn bản, tin tức, liên hệ.",
                  std::string(self.key), s.effective, "");
    json top = s.shared.fields_brief;
    std::stable_sort(top.begin(), top.end(), [](const json& a, const json& b) {
        return a["count"].get<std::size_t>() > b["count"].get<std::size_t>();
    });
    if (top.size() > 8) top.erase(top.begin() + 8, top.end());
    v["top_fields"] = top;
    v["news"] = json::array();
    const json& news = s.items_of(routes::kNews);
    for (std::size_t k = 0; k < news.size() && k < 5; ++k)
        v["news"].push_back(news[k]);
    v["documents"] = json::array();
    for (std::size_t k = 0; k < s.documents.size() && k < 5; ++k)
        v["documents"].push_back(s.documents[k]->row);
    v["catalog"] = s.shared.procedures_index["catalog"];
    r.page("", "home", v, nullptr, s.today);
}

}  // namespace xasite::site::sections
