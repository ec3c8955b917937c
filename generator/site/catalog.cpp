#include "generator/site/catalog.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "core/text.hpp"
#include "generator/site/format.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/views.hpp"

namespace xasite::site {

using procedures::Channel;
using procedures::Detail;
using procedures::Level;
using procedures::OnlineLevel;
using procedures::Procedure;
using procedures::Status;

const char* channel_label(Channel c) {
    switch (c) {
        case Channel::in_person:
            return "Trực tiếp";
        case Channel::online:
            return "Trực tuyến";
        case Channel::post:
            return "Dịch vụ bưu chính";
    }
    return "";
}

const char* level_label(Level l) {
    switch (l) {
        case Level::commune:
            return "Cấp xã";
        case Level::province:
            return "Cấp tỉnh";
        case Level::ministry:
            return "Cấp bộ";
        case Level::vertical:
            return "Cơ quan ngành dọc";
        case Level::other:
            return "Cơ quan khác";
    }
    return "";
}

const char* online_label(OnlineLevel o) {
    switch (o) {
        case OnlineLevel::full:
            return "Dịch vụ công trực tuyến toàn trình";
        case OnlineLevel::partial:
            return "Dịch vụ công trực tuyến một phần";
        case OnlineLevel::none:
            return "";
    }
    return "";
}

const char* status_label(Status s) {
    switch (s) {
        case Status::in_force:
            return "Đang có hiệu lực";
        case Status::replaced:
            return "Đã được thay thế";
        case Status::abolished:
            return "Đã bãi bỏ";
    }
    return "";
}

namespace {

bool has_level(const Procedure& p, Level l) {
    return std::find(p.levels.begin(), p.levels.end(), l) != p.levels.end();
}

// A commune site lists every commune-level procedure, and every provincial one that can be filed
// at any commune centre (DESIGN §4). Records whose level is unknown come from the national list of
// commune-relevant procedures, so they are listed too.
bool listed_on_commune_sites(const Procedure& p, bool boundary_free) {
    if (p.levels.empty()) return true;
    if (has_level(p, Level::commune)) return true;
    return has_level(p, Level::province) && boundary_free;
}

nlohmann::json text_or_null(const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

nlohmann::json procedure_view(const Procedure& p, const content::SiteConfig& config,
                              const std::string& build_date, const std::string& field_slug,
                              bool boundary_free) {
    using nlohmann::json;
    json v;
    v["code"] = p.code;
    v["name"] = p.name;
    v["field"] = p.field;
    v["field_slug"] = field_slug;
    v["full"] = p.detail == Detail::full;
    v["catalog_only"] = p.detail == Detail::catalog;
    v["status"] = procedures::to_string(p.status);
    v["status_label"] = status_label(p.status);
    v["in_force"] = p.status == Status::in_force;
    v["retired"] = p.status != Status::in_force;
    v["replaced_by"] = text_or_null(p.replaced_by);
    v["replaced_by_href"] = p.replaced_by.empty()
                                ? nlohmann::json()
                                : nlohmann::json(routes::procedure_path(p.replaced_by));
    v["status_reason"] = text_or_null(p.status_reason);
    json levels = json::array();
    for (Level l : p.levels)
        levels.push_back(level_label(l));
    v["levels"] = levels;
    v["levels_text"] = [&] {
        std::string s;
        for (Level l : p.levels) {
            if (!s.empty()) s += ", ";
            s += level_label(l);
        }
        return s;
    }();
    v["procedure_type"] = text_or_null(p.procedure_type);
    v["executing_agency"] = text_or_null(p.executing_agency);
    v["competent_agency"] = text_or_null(p.competent_agency);
    v["authorised_agency"] = text_or_null(p.authorised_agency);
    v["coordinating_agency"] = text_or_null(p.coordinating_agency);
    v["has_agencies"] = !(p.executing_agency.empty() && p.competent_agency.empty() &&
                          p.authorised_agency.empty() && p.coordinating_agency.empty());
    v["receiving_address"] = text_or_null(p.receiving_address);
    v["subjects"] = p.subjects;
    v["subjects_text"] = [&] {
        std::string s;
        for (const auto& x : p.subjects) {
            if (!s.empty()) s += "; ";
            s += x;
        }
        return s;
    }();
    json steps = json::array();
    for (std::size_t i = 0; i < p.steps.size(); ++i)
        steps.push_back({{"number", i + 1},
                         {"title", text_or_null(p.steps[i].title)},
                         {"text", p.steps[i].text}});
    v["steps"] = steps;
    json channels = json::array();
    for (const auto& c : p.channels) {
        // The portal sometimes gives a bare number without its unit ("1"): show it as written,
        // and say the unit is missing rather than guessing days or working days.
        bool bare_number = !c.time_text.empty() &&
                           c.time_text.find_first_not_of("0123456789.,") == std::string::npos &&
                           c.time_unit.empty();
        channels.push_back({{"channel", procedures::to_string(c.channel)},
                            {"label", channel_label(c.channel)},
                            {"time", text_or_null(c.time_text)},
                            {"time_unit_missing", bare_number},
                            {"fee", text_or_null(c.fee_text)},
                            {"description", text_or_null(c.description)}});
    }
    v["channels"] = channels;
    json cases = json::array();
    std::size_t item_count = 0;
    for (const auto& dc : p.dossier) {
        json items = json::array();
        for (const auto& it : dc.items) {
            json forms = json::array();
            for (const auto& f : it.forms)
                forms.push_back({{"name", f.name}, {"url", text_or_null(f.url)}});
            items.push_back({{"name", it.name},
                             {"originals", it.originals ? json(*it.originals) : json()},
                             {"copies", it.copies ? json(*it.copies) : json()},
                             {"has_counts", it.originals.has_value() || it.copies.has_value()},
                             {"note", text_or_null(it.note)},
                             {"forms", forms}});
            ++item_count;
        }
        cases.push_back(
            {{"name", text_or_null(dc.name)}, {"items", items}, {"count", dc.items.size()}});
    }
    v["dossier"] = cases;
    v["dossier_count"] = item_count;
    v["result"] = text_or_null(p.result);
    v["requirements"] = p.requirements;
    json legal = json::array();
    for (const auto& l : p.legal_basis)
        legal.push_back({{"number", text_or_null(l.number)},
                         {"title", text_or_null(l.title)},
                         {"date", text_or_null(date_vi(l.date))},
                         {"issuer", text_or_null(l.issuer)}});
    v["legal_basis"] = legal;
    json forms = json::array();
    for (const auto& f : p.forms)
        forms.push_back({{"name", f.name}, {"url", text_or_null(f.url)}});
    v["forms"] = forms;
    v["online"] = procedures::to_string(p.online_level);
    v["online_label"] = text_or_null(online_label(p.online_level));
    v["online_full"] = p.online_level == OnlineLevel::full;
    v["online_partial"] = p.online_level == OnlineLevel::partial;
    v["boundary_free"] = boundary_free;
    v["boundary_free_by_policy"] = boundary_free && !p.boundary_free.has_value();
    v["inter_agency"] = p.inter_agency;
    if (p.decision) {
        v["decision"] = {{"number", p.decision->number},
                         {"date", text_or_null(date_vi(p.decision->date))},
                         {"agency", text_or_null(p.decision->agency)}};
    } else {
        v["decision"] = nullptr;
    }
    v["portal_url"] = p.portal_url.empty() ? config.procedure_portal_url(p.code) : p.portal_url;
    v["keywords"] = text_or_null(p.keywords);
    json sources = json::array();
    for (const auto& s : p.sources)
        sources.push_back({{"kind", s.kind}, {"file", s.file}, {"note", text_or_null(s.note)}});
    v["sources"] = sources;
    v["updated"] = text_or_null(date_vi(p.updated));
    v["updated_iso"] = p.updated.empty() ? build_date : p.updated;
    auto age = days_between(p.updated, build_date);
    int limit = p.detail == Detail::full ? config.stale_days_full : config.stale_days_catalog;
    v["stale"] = age.has_value() && *age > limit;
    v["stale_days"] = age ? json(*age) : json();
    return json{{"procedure", std::move(v)}};
}

}  // namespace

Catalog Catalog::build(const content::Content& content, const std::string& build_date) {
    Catalog cat;
    const auto& procs = content.procedures;
    const auto& config = content.config;
    const bool policy_applies =
        !config.boundary_free.all_from.empty() && build_date >= config.boundary_free.all_from;
    cat.field_slug_of.assign(procs.size(), "");
    cat.boundary_free_of.assign(procs.size(), false);

    // Display order: Vietnamese alphabetical by name, then code.
    std::vector<std::string> keys(procs.size());
    for (std::size_t i = 0; i < procs.size(); ++i)
        keys[i] = text::sort_key_vi(procs[i].name) + '\x01' + procs[i].code;
    std::vector<std::size_t> order(procs.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });

    std::map<std::string, std::vector<std::size_t>> by_field;  // field name → listed indices
    for (std::size_t i : order) {
        const Procedure& p = procs[i];
        bool bf = p.boundary_free.value_or(policy_applies);
        cat.boundary_free_of[i] = bf;
        if (p.status != Status::in_force) {
            cat.retired.push_back(i);
        } else if (listed_on_commune_sites(p, bf)) {
            cat.listed.push_back(i);
            by_field[p.field].push_back(i);
        } else {
            cat.not_listed.push_back(i);
        }
    }
    // Fields in Vietnamese order with unique slugs; colliding names get -2, -3… in that order.
    std::vector<std::string> field_names;
    for (const auto& [name, _] : by_field)
        field_names.push_back(name);
    for (std::size_t i : cat.retired)
        field_names.push_back(procs[i].field);
    std::sort(field_names.begin(), field_names.end(),
              [](const std::string& a, const std::string& b) {
                  return text::sort_key_vi(a) < text::sort_key_vi(b);
              });
    field_names.erase(std::unique(field_names.begin(), field_names.end()), field_names.end());
    std::map<std::string, std::string> slug_of_field;
    std::map<std::string, std::string> owner_of_slug;
    for (const auto& name : field_names) {
        std::string base = text::slug(name);
        if (base.empty()) base = "linh-vuc";
        std::string slug = base;
        for (int n = 2; owner_of_slug.count(slug); ++n)
            slug = base + "-" + std::to_string(n);
        if (slug != base)
            cat.warnings.push_back("field \"" + name + "\" shares the slug \"" + base +
                                   "\" with \"" + owner_of_slug[base] +
                                   "\"; it is published as linh-vuc/" + slug + "/");
        owner_of_slug[slug] = name;
        slug_of_field[name] = slug;
    }
    for (const auto& name : field_names) {
        auto it = by_field.find(name);
        if (it == by_field.end()) continue;
        cat.fields.push_back({name, slug_of_field[name], it->second});
    }
    for (std::size_t i = 0; i < procs.size(); ++i)
        cat.field_slug_of[i] = slug_of_field[procs[i].field];

    // Facets: online level, level, filing scope.
    auto facet = [&](std::string slug, std::string label, std::string description,
                     std::string group, auto pred) {
        Facet f{std::move(slug), std::move(label), std::move(description), std::move(group), {}};
        for (std::size_t i : cat.listed)
            if (pred(i)) f.listed.push_back(i);
        if (!f.listed.empty()) cat.facets.push_back(std::move(f));
    };
    facet("truc-tuyen-toan-trinh", "Dịch vụ công trực tuyến toàn trình",
          "Nộp hồ sơ, giải quyết và nhận kết quả hoàn toàn trực tuyến (Nghị định 42/2022/NĐ-CP, "
          "Điều 11).",
          "Mức độ trực tuyến",
          [&](std::size_t i) { return procs[i].online_level == OnlineLevel::full; });
    facet("truc-tuyen-mot-phan", "Dịch vụ công trực tuyến một phần",
          "Một phần quy trình được thực hiện trực tuyến (Nghị định 42/2022/NĐ-CP, Điều 11).",
          "Mức độ trực tuyến",
          [&](std::size_t i) { return procs[i].online_level == OnlineLevel::partial; });
    facet("khong-phu-thuoc-dia-gioi", "Không phụ thuộc địa giới hành chính",
          "Nộp được tại bất kỳ Trung tâm Phục vụ hành chính công xã, phường nào trong tỉnh.",
          "Phạm vi tiếp nhận", [&](std::size_t i) { return cat.boundary_free_of[i]; });
    facet("cap-xa", "Thủ tục cấp xã",
          "Thủ tục do Ủy ban nhân dân cấp xã hoặc Chủ tịch UBND cấp xã giải quyết.",
          "Cấp thực hiện", [&](std::size_t i) { return has_level(procs[i], Level::commune); });
    facet("cap-tinh", "Thủ tục cấp tỉnh",
          "Thủ tục cấp tỉnh, tiếp nhận tại Trung tâm Phục vụ hành chính công cấp xã.",
          "Cấp thực hiện", [&](std::size_t i) { return has_level(procs[i], Level::province); });
    facet("ho-so-day-du", "Có hướng dẫn đầy đủ",
          "Thủ tục có đủ trình tự, cách thức, thành phần hồ sơ, thời hạn và phí, lệ phí trên trang "
          "này.",
          "Mức độ thông tin", [&](std::size_t i) { return procs[i].detail == Detail::full; });

    cat.views.resize(procs.size());
    for (std::size_t i = 0; i < procs.size(); ++i)
        cat.views[i] = procedure_view(procs[i], config, build_date, cat.field_slug_of[i],
                                      cat.boundary_free_of[i]);
    return cat;
}

}  // namespace xasite::site
