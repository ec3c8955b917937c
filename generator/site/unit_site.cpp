#include "generator/site/unit_site.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "generator/site/format.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/sections.hpp"
#include "generator/site/site_renderer.hpp"

namespace xasite::site {

using nlohmann::json;

namespace {

json procedure_row(const procedures::Procedure& p, const Catalog& cat, std::size_t i) {
    return {{"code", p.code},
            {"name", p.name},
            {"href", routes::procedure_path(p.code)},
            {"field", p.field},
            {"field_slug", cat.field_slug_of[i]},
            {"online_label", p.online_level == procedures::OnlineLevel::none
                                 ? json()
                                 : json(online_label(p.online_level))},
            {"online_full", p.online_level == procedures::OnlineLevel::full},
            {"boundary_free", static_cast<bool>(cat.boundary_free_of[i])},
            {"full", p.detail == procedures::Detail::full},
            {"status_label",
             p.status == procedures::Status::in_force ? json() : json(status_label(p.status))}};
}

SharedList make_list(const std::string& dir, const std::string& title,
                     const std::string& description, const std::string& kind,
                     const std::vector<std::size_t>& items, const std::vector<json>& rows) {
    SharedList list;
    list.dir = dir;
    list.title = title;
    std::size_t total = items.size();
    std::size_t page_count = std::max<std::size_t>(1, (total + kListPageSize - 1) / kListPageSize);
    auto href_of = [&](std::size_t n) { return routes::list_page(dir, n); };
    for (std::size_t n = 1; n <= page_count; ++n) {
        json l;
        l["title"] = title;
        l["description"] = description;
        l["kind"] = kind;
        l["count"] = total;
        l["first"] = (n - 1) * kListPageSize + 1;
        l["last"] = std::min(total, n * kListPageSize);
        json page_items = json::array();
        for (std::size_t k = (n - 1) * kListPageSize; k < std::min(total, n * kListPageSize); ++k)
            page_items.push_back(rows[items[k]]);
        l["items"] = std::move(page_items);
        if (page_count > 1) {
            json pages = json::array();
            for (std::size_t m = 1; m <= page_count; ++m)
                pages.push_back({{"number", m}, {"href", href_of(m)}, {"current", m == n}});
            l["pagination"] = {{"current", n},
                               {"total", page_count},
                               {"prev_href", n > 1 ? json(href_of(n - 1)) : json()},
                               {"next_href", n < page_count ? json(href_of(n + 1)) : json()},
                               {"pages", std::move(pages)}};
        }
        list.pages.push_back(json{{"list", std::move(l)}});
    }
    return list;
}

}  // namespace

SharedViews SharedViews::build(const BuildContext& ctx) {
    const auto& procs = ctx.content.procedures;
    const Catalog& cat = ctx.catalog;
    std::vector<json> rows(procs.size());
    for (std::size_t i = 0; i < procs.size(); ++i)
        rows[i] = procedure_row(procs[i], cat, i);

    SharedViews v;
    json fields = json::array();
    for (const auto& f : cat.fields) {
        fields.push_back({{"name", f.name},
                          {"slug", f.slug},
                          {"href", routes::procedure_field(f.slug)},
                          {"count", f.listed.size()}});
        v.lists.push_back(make_list(routes::procedure_field(f.slug), f.name,
                                    "Thủ tục hành chính thuộc lĩnh vực " + f.name + ".", "field",
                                    f.listed, rows));
    }
    v.fields_brief = fields;
    std::map<std::string, json> groups;
    std::vector<std::string> group_order;
    for (const auto& f : cat.facets) {
        v.lists.push_back(make_list(routes::procedure_facet(f.slug), f.label, f.description,
                                    "facet", f.listed, rows));
        if (!groups.count(f.group)) {
            group_order.push_back(f.group);
            groups[f.group] = json::array();
        }
        groups[f.group].push_back({{"slug", f.slug},
                                   {"label", f.label},
                                   {"href", routes::procedure_facet(f.slug)},
                                   {"count", f.listed.size()},
                                   {"description", f.description}});
    }
    json facets = json::array();
    for (const auto& g : group_order)
        facets.push_back({{"group", g}, {"items", groups[g]}});
    if (!cat.retired.empty())
        v.lists.push_back(make_list(
            routes::retired_procedures(), "Thủ tục đã bãi bỏ hoặc được thay thế",
            "Các thủ tục này không còn áp dụng; trang của từng thủ tục được giữ lại để tra cứu.",
            "retired", cat.retired, rows));
    std::size_t full = 0;
    for (std::size_t i : cat.listed)
        if (procs[i].detail == procedures::Detail::full) ++full;
    v.procedures_index = {
        {"catalog",
         {{"count", cat.listed.size()},
          {"count_vi", integer_vi(static_cast<long long>(cat.listed.size()))},
          {"full_count_vi", integer_vi(static_cast<long long>(full))},
          {"catalog_only_count_vi", integer_vi(static_cast<long long>(cat.listed.size() - full))},
          {"full_count", full},
          {"catalog_only_count", cat.listed.size() - full},
          {"field_count", cat.fields.size()},
          {"fields", fields},
          {"facets", facets},
          {"retired_count", cat.retired.size()},
          {"retired_href", cat.retired.empty() ? json() : json(routes::retired_procedures())}}}};

    // The 20 most recently updated records (ties by code) feed the Atom feed's update log.
    std::vector<std::size_t> recent = cat.listed;
    std::sort(recent.begin(), recent.end(), [&](std::size_t a, std::size_t b) {
        if (procs[a].updated != procs[b].updated) return procs[a].updated > procs[b].updated;
        return procs[a].code < procs[b].code;
    });
    json recent_json = json::array();
    for (std::size_t k = 0; k < recent.size() && k < 20; ++k) {
        const auto& p = procs[recent[k]];
        if (p.updated.empty()) break;
        recent_json.push_back(
            {{"title", p.name + " (" + p.code + ")"},
             {"href", routes::procedure_path(p.code)},
             {"updated", rfc3339(p.updated)},
             {"updated_vi", date_vi(p.updated)},
             {"summary", "Cập nhật thông tin thủ tục " + p.code + ", lĩnh vực " + p.field + "."}});
    }
    v.recent_procedures = recent_json;
    v.procedures_index["catalog"]["recent"] = [&] {
        json recent10 = json::array();
        for (std::size_t k = 0; k < recent_json.size() && k < 10; ++k)
            recent10.push_back(recent_json[k]);
        return recent10;
    }();

    // Exports: one row per listed procedure, in display order.
    json rows_json = json::array();
    std::string csv =
        "code,name,field,detail,levels,online_level,boundary_free,status,updated,portal_url\r\n";
    // Quoted fields; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
    auto csv_field = [](const std::string& s) {
        std::string out = "\"";
        if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) out += '\'';
        for (char c : s) {
            if (c == '"') out += '"';
            out += c;
        }
        return out + "\"";
    };
    for (std::size_t i : cat.listed) {
        const auto& p = procs[i];
        const auto& view = cat.views[i]["procedure"];
        std::string levels;
        for (auto l : p.levels)
            levels += std::string(levels.empty() ? "" : ";") + procedures::to_string(l);
        rows_json.push_back({{"code", p.code},
                             {"name", p.name},
                             {"field", p.field},
                             {"detail", procedures::to_string(p.detail)},
                             {"levels", json::array()},
                             {"online_level", procedures::to_string(p.online_level)},
                             {"boundary_free", static_cast<bool>(cat.boundary_free_of[i])},
                             {"status", procedures::to_string(p.status)},
                             {"updated", p.updated.empty() ? json() : json(p.updated)},
                             {"page", routes::procedure_path(p.code)},
                             {"portal_url", view["portal_url"]}});
        for (auto l : p.levels)
            rows_json.back()["levels"].push_back(procedures::to_string(l));
        csv += csv_field(p.code) + "," + csv_field(p.name) + "," + csv_field(p.field) + "," +
               procedures::to_string(p.detail) + "," + csv_field(levels) + "," +
               procedures::to_string(p.online_level) + "," +
               (cat.boundary_free_of[i] ? "true" : "false") + "," +
               procedures::to_string(p.status) + "," + p.updated + "," +
               csv_field(view["portal_url"].get<std::string>()) + "\r\n";
    }
    v.export_json =
        json{{"count", rows_json.size()}, {"procedures", std::move(rows_json)}}.dump(1) + "\n";
    v.export_csv = std::move(csv);
    return v;
}

std::vector<std::string> render_unit_site(const BuildContext& ctx, const SharedViews& shared,
                                          const Theme& theme, const units::NewUnit& unit,
                                          OutputDir& out, std::atomic<std::size_t>& pages) {
    json site = unit_site_view(ctx, unit);
    sections::CommuneSite data = sections::prepare_commune_site(
        ctx, shared, unit, site["site"]["authority"].get<std::string>());
    site["menu"] = sections::commune_menu(ctx, data, theme);
    const std::string base_url = ctx.content.config.unit_base_url(unit.slug);
    const SiteLinks links(ctx.content);
    SiteRenderer r(theme, out, ctx.globals, site, routes::unit_dir(unit) + "/", base_url,
                   url_path(base_url), std::string(sections::kCommuneLayout), pages, links);
    for (const auto& section : sections::commune_sections())
        if (section.render) section.render(ctx, data, r, section);
    return std::move(data.warnings);
}

}  // namespace xasite::site
