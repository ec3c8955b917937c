// What the sections of the province site share: the new units by type, the old districts with
// their old communes and successors (lookup, archives, sitemap), the province's own pages placed
// at folders that no section and no commune site owns.
#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "generator/site/archives.hpp"
#include "generator/site/documents.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

json unit_link(const BuildContext& ctx, const units::NewUnit& u, bool partial) {
    bool built = ctx.built.count(u.code) > 0;
    return {{"code", u.code},
            {"name", u.full_name},
            {"type", u.type},
            {"href", built ? json(routes::unit_dir(u) + "/") : json()},
            {"partial", partial}};
}

std::string search_key(std::initializer_list<std::string> parts) {
    std::string all;
    for (const auto& p : parts) {
        all += text::fold(p);
        all += ' ';
    }
    return all;
}

namespace {

json old_districts(const BuildContext& ctx, std::size_t& partial_communes) {
    const auto& reg = ctx.content.registry;
    json districts = json::array();
    for (const auto& d : reg.old_districts()) {
        json communes_of = json::array();
        for (const auto& c : reg.old_communes()) {
            if (c.district_code != d.code) continue;
            json succ = json::array();
            std::string names;
            bool any_partial = false;
            for (const auto& s : reg.successors_of_commune(c.code)) {
                succ.push_back(unit_link(ctx, *s.unit, s.partial));
                names += s.unit->full_name + " ";
                any_partial = any_partial || s.partial;
            }
            if (any_partial) ++partial_communes;
            communes_of.push_back({{"code", c.code},
                                   {"name", c.full_name},
                                   {"type", c.type},
                                   {"successors", succ},
                                   {"split", succ.size() > 1},
                                   {"key", search_key({c.full_name, c.name, d.full_name, names})}});
        }
        json succ = json::array();
        for (const auto& s : reg.successors_of_district(d.code))
            succ.push_back(unit_link(ctx, *s.unit, s.partial));
        districts.push_back({{"code", d.code},
                             {"name", d.full_name},
                             {"slug", d.slug},
                             {"province", "Tỉnh " + d.province_name},
                             {"communes", communes_of},
                             {"commune_count", communes_of.size()},
                             {"successors", succ},
                             {"key", search_key({d.full_name, d.name})}});
        // The capture date of the district's preservation package, when one is in this build.
        const ArchiveSet::Entry* pkg = ctx.archives.find(d.code);
        districts.back()["archived"] = pkg ? json(date_vi(pkg->package.captured)) : json();
    }
    return districts;
}

}  // namespace

ProvinceSite prepare_province_site(const BuildContext& ctx) {
    const auto& reg = ctx.content.registry;
    ProvinceSite s;
    s.effective = ctx.content.config.effective_date;
    s.today = ctx.build_date;
    s.documents = ctx.documents.all();
    for (const auto& u : reg.new_units())
        s.units.push_back(&u);
    std::sort(s.units.begin(), s.units.end(), [](const units::NewUnit* a, const units::NewUnit* b) {
        return text::sort_key_vi(a->name) < text::sort_key_vi(b->name);
    });
    s.wards = json::array();
    s.communes = json::array();
    for (const auto* u : s.units) {
        json card = unit_link(ctx, *u, false);
        card["area"] = u->area_km2 ? decimal_vi(*u->area_km2, 2) : "";
        card["population"] = u->population ? integer_vi(*u->population) : "";
        card["predecessor_count"] = u->predecessors.size();
        card["key"] = search_key({u->full_name, u->name});
        (u->type == "phường" ? s.wards : s.communes).push_back(std::move(card));
    }
    s.districts = old_districts(ctx, s.partial_communes);

    // The province's own pages (content/pages/ without units), at folders nothing else owns.
    std::vector<std::string> reserved = province_reserved();
    std::set<std::string> used(reserved.begin(), reserved.end());
    for (const auto* u : s.units)
        used.insert(routes::unit_dir(*u));
    for (const auto& p : ctx.content.province_pages) {
        std::string slug = p.slug;
        for (int n = 2; used.count(slug); ++n)
            slug = p.slug + "-" + std::to_string(n);
        if (slug != p.slug)
            s.warnings.push_back(p.source.string() + ": the path " + p.slug +
                                 "/ is taken; published at " + slug + "/");
        used.insert(slug);
        s.pages.emplace_back(&p, slug);
    }
    return s;
}

}  // namespace xasite::site::sections
