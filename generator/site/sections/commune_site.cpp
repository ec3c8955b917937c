// What the sections of one commune site share: its Markdown pages by section, sorted, and placed
// at folders that no section owns; the documents it publishes.
#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "generator/site/documents.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

CommuneSite prepare_commune_site(const BuildContext& ctx, const SharedViews& shared,
                                 const units::NewUnit& unit, const std::string& authority) {
    const auto& config = ctx.content.config;
    CommuneSite s(unit, shared);
    s.authority = authority;
    s.effective = config.effective_date;
    s.today = ctx.build_date;
    s.base_url = config.unit_base_url(unit.slug);
    s.documents = ctx.documents.for_unit(unit.code);
    if (auto it = ctx.content.unit_pages.find(unit.code); it != ctx.content.unit_pages.end()) {
        for (const auto& p : it->second) {
            switch (p.section) {
                case content::Section::news:
                    s.news.push_back(&p);
                    break;
                case content::Section::page:
                    s.standalone.push_back(&p);
                    break;
                case content::Section::intro:
                    s.intro_parts.push_back(&p);
                    break;
                case content::Section::contact:
                    s.contact_parts.push_back(&p);
                    break;
                case content::Section::schedule:
                    s.schedule.push_back(&p);
                    break;
            }
        }
    }
    auto by_weight_title = [](const content::Page* a, const content::Page* b) {
        if (a->weight != b->weight) return a->weight < b->weight;
        return text::sort_key_vi(a->title) < text::sort_key_vi(b->title);
    };
    std::sort(s.standalone.begin(), s.standalone.end(), by_weight_title);
    std::sort(s.intro_parts.begin(), s.intro_parts.end(), by_weight_title);
    std::sort(s.contact_parts.begin(), s.contact_parts.end(), by_weight_title);
    auto newest_first = [](const content::Page* a, const content::Page* b) {
        if (a->date != b->date) return a->date > b->date;
        return a->slug < b->slug;
    };
    std::sort(s.news.begin(), s.news.end(), newest_first);
    std::sort(s.schedule.begin(), s.schedule.end(), newest_first);

    std::vector<std::string> reserved = commune_reserved();
    std::set<std::string> used(reserved.begin(), reserved.end());
    auto claim = [&](const content::Page* p, const std::string& parent) {
        std::string slug = p->slug;
        for (int n = 2; used.count(parent + slug); ++n)
            slug = p->slug + "-" + std::to_string(n);
        if (slug != p->slug)
            s.warnings.push_back(p->source.string() + ": the path " + parent + p->slug +
                                 "/ is taken; published at " + parent + slug + "/");
        used.insert(parent + slug);
        s.dir_of[p] = parent + slug + "/";
    };
    for (const auto* p : s.standalone)
        claim(p, "");
    for (const auto* p : s.news)
        claim(p, routes::dir(routes::kNews));
    for (const auto* p : s.schedule)
        claim(p, routes::dir(routes::kSchedule));

    auto dated_items = [&](const std::vector<const content::Page*>& pages) {
        json items = json::array();
        for (const auto* p : pages)
            items.push_back({{"title", p->title},
                             {"href", s.dir_of[p]},
                             {"date", date_vi(p->date)},
                             {"summary", p->description}});
        return items;
    };
    s.news_items = dated_items(s.news);
    s.schedule_items = dated_items(s.schedule);
    return s;
}

}  // namespace xasite::site::sections
