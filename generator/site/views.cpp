#include "generator/site/views.hpp"

#include <cstdio>

#include "core/text.hpp"
#include "generator/site/format.hpp"

namespace xasite::site {

using nlohmann::json;

std::string unit_type_title(const std::string& type) {
    if (type == "phường") return "Phường";
    if (type == "xã") return "Xã";
    return text::upper(type.substr(0, 1)) + type.substr(1);
}

json globals_view(const content::Content& content, const std::string& build_date) {
    const auto& c = content.config;
    const auto& province = content.registry.province();
    json g;
    g["lang"] = c.language;
    g["generator"] = "xasite";
    g["build_date"] = build_date;
    g["build_date_vi"] = date_vi(build_date);
    g["province"] = {{"code", c.province_code},
                     {"name", c.province_name},
                     {"full_name", "Tỉnh " + c.province_name},
                     {"phrase", "tỉnh " + c.province_name},
                     {"name_upper", text::upper(c.province_name)},
                     {"authority", c.authority},
                     {"authority_upper", text::upper(c.authority)},
                     {"contact", c.province_contact},
                     {"base_url", c.base_url},
                     {"area", province.area_km2 ? decimal_vi(*province.area_km2) : ""},
                     {"population", province.population ? integer_vi(*province.population) : ""},
                     {"predecessors", province.predecessors_raw}};
    g["reorg"] = {{"resolution", c.resolution},
                  {"date", c.resolution_date},
                  {"date_vi", date_vi(c.resolution_date)},
                  {"title", c.resolution_title},
                  {"effective", c.effective_date},
                  {"effective_vi", date_vi(c.effective_date)}};
    json reform = {{"province_merge", json::array()}, {"district_end", json::array()}};
    for (const auto& a : c.reform_acts)
        reform[a.role].push_back(
            {{"number", a.number},
             {"issuer", a.issuer},
             {"date_vi", date_vi(a.date)},
             {"effective_vi", a.effective.empty() ? json() : json(date_vi(a.effective))},
             {"title", a.title},
             {"statement", a.statement}});
    for (auto* list : {&reform["province_merge"], &reform["district_end"]})
        for (std::size_t k = 0; k < list->size(); ++k) {
            (*list)[k]["last"] = k + 1 == list->size();
            const std::string number = (*list)[k]["number"];
            (*list)[k]["title_is_name"] =
                number.rfind((*list)[k]["title"].get<std::string>(), 0) == 0;
        }
    g["reform"] = std::move(reform);
    g["portal"] = {
        {"name", c.portal_name}, {"url", c.portal_url}, {"petition_url", c.petition_url}};
    g["boundary_free_policy"] =
        c.boundary_free.all_from.empty() || build_date < c.boundary_free.all_from
            ? json()
            : json{{"from", date_vi(c.boundary_free.all_from)}, {"source", c.boundary_free.source}};
    return g;
}

namespace {

std::string osm_url(double lat, double lon) {
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f#map=13/%.5f/%.5f", lat, lon,
                  lat, lon);
    return buf;
}

}  // namespace

json unit_site_view(const BuildContext& ctx, const units::NewUnit& unit) {
    const auto& c = ctx.content.config;
    const auto& reg = ctx.content.registry;
    json s;
    std::string type_title = unit_type_title(unit.type);
    std::string unit_phrase = unit.type + " " + unit.name;  // "xã Ea Kar"
    s["code"] = unit.code;
    s["name"] = unit.name;
    s["full_name"] = unit.full_name;
    s["type"] = unit.type;
    s["type_title"] = type_title;
    s["is_ward"] = unit.type == "phường";
    s["slug"] = unit.slug;
    s["authority"] = "Ủy ban nhân dân " + unit_phrase;
    s["authority_upper"] = text::upper("Ủy ban nhân dân " + unit_phrase);
    s["office"] = content::fill_pattern(c.office_name, "unit", unit_phrase);
    s["centre"] = content::fill_pattern(c.centre_name, "unit", unit_phrase);
    s["base_url"] = c.unit_base_url(unit.slug);
    s["name_en"] = unit.name_en;
    s["phrase"] = unit_phrase;  // "xã Ea Kar", for running text
    s["area"] = unit.area_km2 ? decimal_vi(*unit.area_km2, 3) : "";
    s["population"] = unit.population ? integer_vi(*unit.population) : "";
    s["seat"] = unit.seat;
    if (unit.latitude && unit.longitude) {
        s["map_url"] = osm_url(*unit.latitude, *unit.longitude);
        s["coordinates"] =
            decimal_vi(*unit.latitude, 4) + "° B, " + decimal_vi(*unit.longitude, 4) + "° Đ";
    }
    // Contacts from content/units/<code>/unit.json, when the commune has written one.
    content::UnitProfile profile;
    if (auto it = ctx.content.profiles.find(unit.code); it != ctx.content.profiles.end())
        profile = it->second;
    if (!profile.map_url.empty()) s["map_url"] = profile.map_url;
    s["contact"] = {{"address", profile.address.empty() ? unit.seat : profile.address},
                    {"phone", profile.phone},
                    {"email", profile.email},
                    {"website", profile.website},
                    {"responsible_name", profile.responsible_name},
                    {"responsible_position", profile.responsible_position},
                    {"centre_address", profile.centre_address},
                    {"centre_phone", profile.centre_phone},
                    {"centre_hours", profile.centre_hours}};
    json leaders = json::array();
    for (const auto& p : profile.leaders)
        leaders.push_back({{"name", p.name},
                           {"position", p.position},
                           {"duties", p.duties},
                           {"phone", p.phone},
                           {"email", p.email}});
    s["leaders"] = leaders;
    s["departments"] = unit.type == "phường" ? c.departments_ward : c.departments_commune;
    s["organisation_source"] = c.organisation_source;
    s["functions"] = content::fill_pattern(c.functions_text, "unit", unit_phrase);
    s["online_fee_note"] = c.online_fee_note;

    json preds = json::array();
    std::size_t partial_count = 0;
    for (const auto& p : unit.predecessors) {
        const auto* old = reg.find_old_commune(p.old_code);
        if (!old) continue;
        const auto* d = reg.find_old_district(old->district_code);
        preds.push_back({{"code", old->code},
                         {"name", old->full_name},
                         {"district", d ? d->full_name : ""},
                         {"district_slug", d ? d->slug : ""},
                         {"province", d ? "Tỉnh " + d->province_name : ""},
                         {"partial", p.partial}});
        if (p.partial) ++partial_count;
    }
    s["predecessors"] = preds;
    s["predecessor_count"] = preds.size();
    s["has_partial_predecessors"] = partial_count > 0;
    s["unchanged"] =
        unit.predecessors.size() == 1 && unit.predecessors[0].how == units::Resolution::unchanged;
    s["predecessors_raw"] = unit.predecessors_raw;
    json districts = json::array();
    for (const auto* d : reg.districts_of(unit))
        districts.push_back({{"code", d->code},
                             {"name", d->full_name},
                             {"slug", d->slug},
                             {"province", "Tỉnh " + d->province_name}});
    s["districts"] = districts;

    return json{{"site", std::move(s)}};
}

json province_site_view(const BuildContext& ctx) {
    const auto& c = ctx.content.config;
    json s;
    s["code"] = c.province_code;
    s["name"] = c.province_name;
    s["full_name"] = "Tỉnh " + c.province_name;
    s["authority"] = c.authority;
    s["authority_upper"] = text::upper(c.authority);
    s["base_url"] = c.base_url;
    s["is_province"] = true;
    return json{{"site", std::move(s)}};
}

}  // namespace xasite::site
