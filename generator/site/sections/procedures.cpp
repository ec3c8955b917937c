// Thủ tục hành chính: the catalogue index, the paginated lists (fields, facets, retired) shared by
// every commune site, and one page per procedure.
#include "core/qr.hpp"
#include "core/text.hpp"
#include "generator/content/site_config.hpp"
#include "generator/site/catalog.hpp"
#include "generator/site/format.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"
#include "generator/site/unit_site.hpp"

namespace xasite::site::sections {

using nlohmann::json;

namespace {

// schema.org GovernmentService for search engines and other tools: what the page says, in
// structured form, for this commune. Serialised for a <script type="application/ld+json">: "<" is
// written as \u003c so no text in a record can close the script element.
std::string procedure_json_ld(const procedures::Procedure& p, const content::SiteConfig& config,
                              const std::string& area, const std::string& authority,
                              const std::string& office, const std::string& url,
                              bool boundary_free) {
    json j = {{"@context", "https://schema.org"},
              {"@type", "GovernmentService"},
              {"name", p.name},
              {"identifier", p.code},
              {"serviceType", p.field},
              {"url", url},
              {"areaServed",
               {{"@type", "AdministrativeArea"},
                {"name", boundary_free ? "Tỉnh " + config.province_name : area}}},
              {"provider", {{"@type", "GovernmentOrganization"}, {"name", authority}}}};
    json channels = json::array();
    for (const auto& c : p.channels) {
        json ch = {{"@type", "ServiceChannel"}, {"name", channel_label(c.channel)}};
        if (c.channel == procedures::Channel::online) {
            ch["serviceUrl"] =
                p.online_url.empty() ? config.procedure_portal_url(p.code) : p.online_url;
        } else if (c.channel == procedures::Channel::in_person) {
            ch["serviceLocation"] = {{"@type", "GovernmentOffice"}, {"name", office}};
        }
        channels.push_back(std::move(ch));
    }
    if (!channels.empty()) j["availableChannel"] = std::move(channels);
    if (!p.result.empty()) j["serviceOutput"] = {{"@type", "Thing"}, {"name", p.result}};
    if (!p.subjects.empty()) j["audience"] = {{"@type", "Audience"}, {"audienceType", p.subjects}};
    std::string out = j.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string safe;
    safe.reserve(out.size());
    for (char c : out) {
        if (c == '<')
            safe += "\\u003c";
        else
            safe += c;
    }
    return safe;
}

}  // namespace

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
                              key, s.effective, "", json::array({root_crumb}));
        r.page(dir, "procedures", v, &s.shared.procedures_index, s.today);
    }
    for (const auto& list : s.shared.lists) {
        for (std::size_t n = 0; n < list.pages.size(); ++n) {
            std::string title =
                n == 0 ? list.title : list.title + " (trang " + std::to_string(n + 1) + ")";
            json v;
            v["page"] = page_meta(title, list.pages[n]["list"]["description"].get<std::string>(),
                                  key, s.effective, "",
                                  json::array({root_crumb, breadcrumb(list.title, list.dir)}));
            r.page(routes::list_page(list.dir, n + 1), "procedure-list", v, &list.pages[n],
                   s.today);
        }
    }
    auto render_procedure = [&](std::size_t i) {
        const auto& p = ctx.content.procedures[i];
        json v;
        // Ngày đăng: the publishing decision's date; Cập nhật: the record's own date. Neither is
        // ever the build date.
        const std::string& updated = p.updated;
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
        v["jsonld"] = procedure_json_ld(
            p, ctx.content.config, s.unit.full_name, s.authority,
            content::fill_pattern(ctx.content.config.centre_name, "unit", s.unit.full_name),
            s.base_url + routes::procedure_path(p.code), cat.boundary_free_of[i]);
        const bool notice =
            p.detail == procedures::Detail::full && p.status == procedures::Status::in_force;
        if (notice) v["notice_href"] = routes::procedure_notice(p.code);
        r.page(routes::procedure_path(p.code), "procedure", v, &cat.views[i],
               updated.empty() ? s.today : updated);
        if (!notice) return;
        // The wall notice: the summary, the centre, and a QR code to this commune's page.
        json n;
        const std::string url = s.base_url + routes::procedure_path(p.code);
        n["page"] = page_meta(
            "Niêm yết: " + p.name,
            "Bản niêm yết thủ tục " + p.name + " tại " +
                content::fill_pattern(ctx.content.config.centre_name, "unit", s.unit.full_name),
            key, published, updated,
            json::array({root_crumb, breadcrumb(p.code, routes::procedure_path(p.code))}),
            "article");
        qr::SvgOptions o;
        o.module_px = 4;
        o.label = "Mã QR dẫn tới trang thủ tục " + p.code + " trên trang thông tin của " +
                  s.unit.full_name;
        n["qr"] = qr::svg(url, o);
        n["page_url"] = url;
        n["procedure_href"] = routes::procedure_path(p.code);
        r.page(routes::procedure_notice(p.code), "procedure-notice", n, &cat.views[i],
               updated.empty() ? s.today : updated, /*in_sitemap=*/false);
    };
    for (std::size_t i : cat.listed)
        render_procedure(i);
    for (std::size_t i : cat.retired)
        render_procedure(i);
}

}  // namespace xasite::site::sections

namespace xasite::site::sections {

// The province's "thu-tuc/": the review of the catalogue (what each scope rule excluded, other
// provinces' copies, malformed codes, one name under several codes) and one page for each
// procedure that commune centres do not receive, saying who does.
void render_province_procedures(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                                const ProvinceSection& self) {
    const Catalog& cat = ctx.catalog;
    const auto& procs = ctx.content.procedures;
    const auto& scope = ctx.content.procedure_scope;
    const std::string key(self.key);
    const std::string dir = routes::dir(self.folder);
    const auto& names = label(r, self.key);
    const json root_crumb = breadcrumb(names.crumb, dir);
    // A record on the commune sites is linked on the first commune this build made.
    std::string commune_dir;
    for (const auto* u : s.units)
        if (ctx.built.count(u->code)) {
            commune_dir = routes::unit_dir(*u) + "/";
            break;
        }
    auto row = [&](std::size_t i) {
        const auto& p = procs[i];
        json href;
        if (!cat.elsewhere_of[i].rule.empty())
            href = routes::procedure_path(p.code);
        else if (!commune_dir.empty() && !cat.field_slug_of[i].empty())
            href = commune_dir + routes::procedure_path(p.code);
        return json{{"code", p.code}, {"name", p.name}, {"field", p.field}, {"href", href}};
    };
    json rules = json::array();
    auto add_rule = [&](const std::string& id, const std::string& receiver,
                        const std::string& reason) {
        json items = json::array();
        for (std::size_t i : cat.not_listed)
            if (cat.elsewhere_of[i].rule == id) items.push_back(row(i));
        if (items.empty()) return;
        rules.push_back({{"id", id},
                         {"receiver", receiver},
                         {"reason", reason},
                         {"count", items.size()},
                         {"items", std::move(items)}});
    };
    for (const auto& rule : scope.not_at_communes)
        add_rule(rule.id, rule.receiver, rule.reason);
    add_rule("cap-bo-tinh", "Theo cơ quan thực hiện ghi trong từng thủ tục",
             "Thủ tục cấp bộ hoặc cấp tỉnh, không thuộc thẩm quyền cấp xã.");
    json others = json::array();
    for (std::size_t k = 0; k < cat.report.other_province.size(); ++k) {
        json e = row(cat.report.other_province[k]);
        e["province"] = cat.report.other_province_name[k];
        e["href"] = nullptr;
        others.push_back(std::move(e));
    }
    json malformed = json::array();
    for (std::size_t i : cat.report.malformed) {
        json e = row(i);
        e["href"] = nullptr;
        malformed.push_back(std::move(e));
    }
    json same = json::array();
    for (const auto& group : cat.report.same_name) {
        json items = json::array();
        for (std::size_t i : group)
            items.push_back(row(i));
        same.push_back({{"name", procs[group.front()].name}, {"items", std::move(items)}});
    }
    json aliases = json::array();
    for (const auto& [spelling, n] : cat.report.field_aliases)
        if (n > 0) {
            const auto* a = scope.alias_of(spelling);
            aliases.push_back({{"spelling", spelling},
                               {"field", a ? a->field : ""},
                               {"count", n},
                               {"note", a ? a->note : ""}});
        }
    json v;
    v["page"] = page_meta(names.title,
                          "Thủ tục hành chính không tiếp nhận tại cấp xã, và kết quả rà soát danh "
                          "mục thủ tục của tỉnh " +
                              ctx.content.config.province_name + ".",
                          key, "", "", json::array({root_crumb}));
    v["review"] = {{"listed", integer_vi(static_cast<long long>(cat.listed.size()))},
                   {"total", integer_vi(static_cast<long long>(procs.size()))},
                   {"not_listed", integer_vi(static_cast<long long>(cat.not_listed.size()))},
                   {"rules", std::move(rules)},
                   {"other_provinces", std::move(others)},
                   {"other_provinces_reason", scope.other_provinces.reason},
                   {"malformed", std::move(malformed)},
                   {"same_name_count", same.size()},
                   {"same_name", std::move(same)},
                   {"aliases", std::move(aliases)},
                   {"place_restricted", cat.report.place_restricted.size()},
                   {"scope_file", scope.source.empty() ? json() : json("procedure-scope.json")}};
    r.page(dir, "province-procedures", v, nullptr, s.today);

    for (std::size_t i : cat.not_listed) {
        const auto& p = procs[i];
        json pv;
        const std::string published =
            p.decision && !p.decision->date.empty() ? p.decision->date : "";
        pv["page"] = page_meta(
            p.name,
            "Thủ tục " + p.name + " (mã " + p.code +
                "): không tiếp nhận tại cấp xã; nơi tiếp nhận: " + cat.elsewhere_of[i].receiver +
                ".",
            key, published, p.updated,
            json::array({root_crumb, breadcrumb(p.code, routes::procedure_path(p.code))}),
            "article");
        const auto& config = ctx.content.config;
        pv["jsonld"] = procedure_json_ld(p, config, "Tỉnh " + config.province_name,
                                         cat.elsewhere_of[i].receiver, cat.elsewhere_of[i].receiver,
                                         config.base_url + routes::procedure_path(p.code), false);
        r.page(routes::procedure_path(p.code), "procedure", pv, &cat.views[i],
               p.updated.empty() ? s.today : p.updated);
    }
}

}  // namespace xasite::site::sections
