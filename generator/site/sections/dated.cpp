// Dated sections of a commune site: Tin tức (news) and Lịch công tác (the leaders' work schedule,
// NĐ 43/2011 Điều 10). Each is a list, newest first; the items are Markdown pages (pages.cpp).
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

namespace {

void render_dated_list(CommuneSite& s, SiteRenderer& r, const CommuneSection& self,
                       const std::string& description, const char* items_key, const json& items,
                       const char* page_template) {
    const auto& names = label(r, self.key);
    const std::string dir = routes::dir(self.folder);
    json v;
    v["page"] = page_meta(names.title, description, std::string(self.key), s.effective, s.today,
                          json::array({breadcrumb(names.crumb, dir)}));
    v[items_key] = items;
    r.page(dir, page_template, v, nullptr, s.today);
}

}  // namespace

void render_news(const BuildContext&, CommuneSite& s, SiteRenderer& r, const CommuneSection& self) {
    render_dated_list(s, r, self, "Tin tức, sự kiện của " + s.authority + ".", "news", s.news_items,
                      "news");
}

void render_schedule(const BuildContext&, CommuneSite& s, SiteRenderer& r,
                     const CommuneSection& self) {
    render_dated_list(s, r, self, "Lịch công tác của lãnh đạo " + s.authority + ".", "schedule",
                      s.schedule_items, "schedule");
}

}  // namespace xasite::site::sections
