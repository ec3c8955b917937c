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

const std::vector<const content::Page*>& CommuneSite::pages_of(std::string_view key) const {
    static const std::vector<const content::Page*> none;
    auto it = pages.find(key);
    return it == pages.end() ? none : it->second;
}

const json& CommuneSite::items_of(std::string_view key) const {
    static const json none = json::array();
    auto it = items.find(key);
    return it == items.end() ? none : it->second;
}

CommuneSite prepare_commune_site(const BuildContext& ctx, const SharedViews& shared,
                                 const units::NewUnit& unit, const std::string& authority) {
    const auto& config = ctx.content.config;
    CommuneSite s(unit, shared);
    s.authority = authority;
    s.effective = config.effective_date;
    s.today = ctx.build_date;
    s.base_url = config.unit_base_url(unit.slug);
    s.documents = ctx.documents.for_unit(unit.code);
    if (auto it = ctx.content.unit_pages.find(unit.code); it != ctx.content.unit_pages.end())
        for (const auto& p : it->second)
            s.pages[p.section].push_back(&p);
    auto by_weight_title = [](const content::Page* a, const content::Page* b) {
        if (a->weight != b->weight) return a->weight < b->weight;
        return text::sort_key_vi(a->title) < text::sort_key_vi(b->title);
    };
    auto newest_first = [](const content::Page* a, const content::Page* b) {
        if (a->date != b->date) return a->date > b->date;
        return a->slug < b->slug;
    };
    for (const auto& row : commune_sections())
        if (auto it = s.pages.find(row.key); it != s.pages.end())
            std::sort(it->second.begin(), it->second.end(),
                      row.pages == PageKind::dated ? +newest_first : +by_weight_title);

    // Folders: standalone pages at the top level first, then the dated sections' items.
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
    for (PageKind kind : {PageKind::standalone, PageKind::dated})
        for (const auto& row : commune_sections())
            if (row.pages == kind)
                for (const auto* p : s.pages_of(row.key))
                    claim(p, kind == PageKind::dated ? routes::dir(row.folder) : "");

    for (const auto& row : commune_sections()) {
        if (row.pages != PageKind::dated) continue;
        json items = json::array();
        for (const auto* p : s.pages_of(row.key))
            items.push_back({{"title", p->title},
                             {"href", s.dir_of[p]},
                             {"date", date_vi(p->date)},
                             {"summary", p->description}});
        s.items[std::string(row.key)] = std::move(items);
    }
    return s;
}

}  // namespace xasite::site::sections
