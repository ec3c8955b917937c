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

bool is_national_code(std::string_view code) {
    if (code.size() != 8 || code[1] != '.') return false;
    for (std::size_t k = 0; k < code.size(); ++k)
        if (k != 1 && (code[k] < '0' || code[k] > '9')) return false;
    return true;
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

constexpr std::string_view kByLevel = "cap-bo-tinh";

std::string levels_text(const Procedure& p) {
    std::string s;
    for (Level l : p.levels) {
        if (!s.empty()) s += ", ";
        s += text::lower(level_label(l));
    }
    return s.empty() ? "không rõ cấp thực hiện" : s;
}

// Who receives a procedure that is not for communes, from the record's own agencies.
std::string receiver_by_level(const Procedure& p) {
    for (const std::string* a : {&p.receiving_address, &p.executing_agency, &p.competent_agency})
        if (!a->empty()) return *a;
    if (has_level(p, Level::ministry)) return "Bộ, ngành trung ương có thẩm quyền";
    return "Cơ quan cấp tỉnh có thẩm quyền (Trung tâm Phục vụ hành chính công tỉnh)";
}

// The record's own words about where and how it is filed, for the place-restriction rule.
std::string record_text(const Procedure& p) {
    std::string t = p.receiving_address + "\n" + p.executing_agency + "\n" + p.competent_agency;
    for (const auto& s : p.steps) {
        t += "\n" + s.text;
        for (const auto& sub : s.substeps)
            t += "\n" + sub;
    }
    for (const auto& c : p.channels)
        t += "\n" + c.description;
    for (const auto& r : p.requirements)
        t += "\n" + r;
    return t;
}

nlohmann::json text_or_null(const std::string& s);

// "bản chính: 1; bản sao: 0" from the counts the source gives; a count it does not give is
// said to be missing, not shown as 0.
std::string counts_text(const procedures::DossierItem& it) {
    auto one = [](const std::optional<int>& n) {
        return n ? std::to_string(*n) : std::string("không ghi");
    };
    return "bản chính: " + one(it.originals) + "; bản sao: " + one(it.copies);
}

bool is_bare_number(const std::string& t) {
    return !t.empty() && t.find_first_not_of("0123456789.,") == std::string::npos;
}

// The time as a citizen reads it: the source's text, with the unit a record field states when the
// text is a bare number ("1" + "ngày làm việc"); never a guessed unit.
std::string time_shown(const procedures::ChannelInfo& c) {
    if (is_bare_number(c.time_text) && !c.time_unit.empty()) return c.time_text + " " + c.time_unit;
    return c.time_text;
}

// Amounts in a fee text ("Lệ phí : 8.000 Đồng", "Phí: 0 đồng; lệ phí: 0 đồng"): true when the text
// names at least one amount in đồng and every amount is 0.
bool fee_is_zero(const std::string& fee) {
    const std::string f = text::fold(fee);
    bool any = false;
    for (std::size_t k = 0; k < f.size();) {
        if (f[k] < '0' || f[k] > '9') {
            ++k;
            continue;
        }
        bool nonzero = false;
        while (k < f.size() && ((f[k] >= '0' && f[k] <= '9') || f[k] == '.' || f[k] == ',')) {
            if (f[k] >= '1' && f[k] <= '9') nonzero = true;
            ++k;
        }
        std::size_t after = f.find_first_not_of(' ', k);
        bool money = after != std::string::npos && f.compare(after, 4, "dong") == 0;
        if (!money) continue;
        if (nonzero) return false;
        any = true;
    }
    return any;
}

// The fee for the summary: "Không mất phí" when every amount is 0, else the first sentence (the
// full text stays in the table below).
std::string fee_short(const std::string& fee) {
    if (fee.empty()) return "";
    if (fee_is_zero(fee)) return "Không mất phí, lệ phí (0 đồng)";
    if (fee.size() <= 140) return fee;
    std::size_t cut = fee.find_first_of(".;\n", 60);
    if (cut == std::string::npos || cut > 160) cut = text::prefix_at_word(fee, 140);
    return fee.substr(0, cut) + "\u00a0…";
}

// Papers for the summary, in the order a citizen needs them: papers every applicant brings
// (to hand in, then to show), then papers for particular cases ("Trường hợp …", "… trong trường
// hợp …", "Nếu …"), then entries that are instructions rather than papers ("Người có yêu cầu …").
// Each is cut at its first clause; the rest are counted.
nlohmann::json summary_papers(const Procedure& p) {
    using nlohmann::json;
    struct Entry {
        const procedures::DossierItem* item;
        bool present;
        int rank;
    };
    std::vector<Entry> entries;
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& dc : p.dossier) {
            const bool present = dc.kind == procedures::DossierKind::present;
            if (present != (pass == 1)) continue;
            for (const auto& it : dc.items) {
                std::string f = text::fold(it.name);
                std::size_t lead = f.find_first_not_of("-+* ");
                f = lead == std::string::npos ? "" : f.substr(lead);
                int rank = 0;
                if (f.rfind("truong hop", 0) == 0 || f.rfind("neu ", 0) == 0 ||
                    f.find("trong truong hop") != std::string::npos)
                    rank = 1;
                if (f.rfind("nguoi ", 0) == 0 || f.rfind("co quan ", 0) == 0 ||
                    f.rfind("can bo ", 0) == 0 || f.rfind("luu y", 0) == 0)
                    rank = 2;
                entries.push_back({&it, present, rank});
            }
        }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.rank < b.rank; });
    json list = json::array();
    const std::size_t shown = std::min<std::size_t>(entries.size(), 3);
    for (std::size_t k = 0; k < shown; ++k) {
        const auto& it = *entries[k].item;
        std::string name = it.name;
        std::size_t lead = name.find_first_not_of("-+* ");
        name = lead == std::string::npos ? name : name.substr(lead);
        // The first clause, at most about 50 letters: the full item is in the list below.
        if (name.size() > 80) {
            std::size_t cut = name.find_first_of(";:(", 12);
            if (cut == std::string::npos || cut > 80) cut = text::prefix_at_word(name, 72);
            while (cut > 0 && (name[cut - 1] == ' ' || name[cut - 1] == ','))
                --cut;
            name = name.substr(0, cut) + "\u00a0…";
        }
        json forms = json::array();
        for (const auto& f : it.forms)
            if (!f.url.empty()) forms.push_back({{"name", f.name}, {"url", f.url}});
        list.push_back({{"name", name}, {"present", entries[k].present}, {"forms", forms}});
    }
    return {{"items", list},
            {"more", entries.size() > shown ? json(entries.size() - shown) : json()}};
}

// The answer at a glance: papers, fee and time per channel (merged when every channel agrees),
// whether online filing is possible and at what level.
nlohmann::json summary_view(const Procedure& p, const content::SiteConfig& config) {
    using nlohmann::json;
    json v;
    v["papers"] = summary_papers(p);
    json fees = json::array(), times = json::array();
    bool same_fee = true, same_time = true;
    for (const auto& c : p.channels) {
        if (fee_short(c.fee_text) != fee_short(p.channels.front().fee_text)) same_fee = false;
        if (time_shown(c) != time_shown(p.channels.front())) same_time = false;
    }
    for (const auto& c : p.channels) {
        fees.push_back(
            {{"label", channel_label(c.channel)}, {"text", text_or_null(fee_short(c.fee_text))}});
        times.push_back({{"label", channel_label(c.channel)},
                         {"text", text_or_null(time_shown(c))},
                         {"unit_missing", is_bare_number(c.time_text) && c.time_unit.empty()}});
    }
    if (!p.channels.empty() && same_fee)
        fees = json::array({{{"label", nullptr}, {"text", fees[0]["text"]}}});
    if (!p.channels.empty() && same_time) times = json::array({times[0]});
    if (same_time && !times.empty()) times[0]["label"] = nullptr;
    v["fees"] = fees;
    v["times"] = times;
    // The province's zero-fee rule for online filing, said next to the record's own amounts: the
    // rule applies only where the province says so, so both are shown and neither is hidden.
    bool online_fee_nonzero = false;
    for (const auto& c : p.channels)
        if (c.channel == procedures::Channel::online && !c.fee_text.empty() &&
            !fee_is_zero(c.fee_text))
            online_fee_nonzero = true;
    v["online_fee_policy"] = p.online_level != OnlineLevel::none && !config.online_fee_note.empty();
    v["online_fee_nonzero"] = online_fee_nonzero;
    return v;
}

nlohmann::json text_or_null(const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

nlohmann::json procedure_view(const Procedure& p, const content::SiteConfig& config,
                              const std::string& build_date, const std::string& field_slug,
                              bool boundary_free, const std::string& place_restriction) {
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
                         {"text", p.steps[i].text},
                         {"substeps", p.steps[i].substeps}});
    v["steps"] = steps;
    json channels = json::array();
    for (const auto& c : p.channels) {
        const std::string time = time_shown(c);
        channels.push_back(
            {{"channel", procedures::to_string(c.channel)},
             {"label", channel_label(c.channel)},
             {"time", text_or_null(time)},
             {"time_unit_missing", is_bare_number(c.time_text) && c.time_unit.empty()},
             {"fee", text_or_null(c.fee_text)},
             {"fee_short", text_or_null(fee_short(c.fee_text))},
             {"fee_free", fee_is_zero(c.fee_text)},
             {"description", text_or_null(c.description)}});
    }
    v["channels"] = channels;
    v["summary"] = summary_view(p, config);
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
                             {"counts_text", counts_text(it)},
                             {"note", text_or_null(it.note)},
                             {"forms", forms}});
            ++item_count;
        }
        const char* kind = dc.kind == procedures::DossierKind::submit ? "Giấy tờ phải nộp"
                           : dc.kind == procedures::DossierKind::present ? "Giấy tờ phải xuất trình"
                                                                         : "";
        cases.push_back({{"name", text_or_null(dc.name)},
                         {"kind_label", text_or_null(kind)},
                         {"items", items},
                         {"count", dc.items.size()},
                         {"note", text_or_null(dc.note)},
                         {"notes", dc.notes}});
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
    v["place_restriction"] = text_or_null(place_restriction);
    v["online_url"] = text_or_null(p.online_url);
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
    v["updated_iso"] = text_or_null(p.updated);
    v["published_iso"] = p.decision && !p.decision->date.empty() ? json(p.decision->date) : json();
    // Staleness is a fact about the build: the record's date against the day the page was made,
    // and the page says which day that was.
    auto age = days_between(p.updated, build_date);
    int limit = p.detail == Detail::full ? config.stale_days_full : config.stale_days_catalog;
    v["stale"] = age.has_value() && *age > limit;
    v["stale_days"] = age ? json(*age) : json();
    v["stale_limit"] = limit;
    v["built_vi"] = date_vi(build_date);
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

    const content::ProcedureScope& scope = content.procedure_scope;
    cat.elsewhere_of.assign(procs.size(), Elsewhere{});
    cat.place_restriction_of.assign(procs.size(), "");
    std::map<std::string, std::size_t> by_rule;
    std::map<std::string, std::vector<std::size_t>> by_field;  // field name → listed indices
    for (std::size_t i : order) {
        const Procedure& p = procs[i];
        if (!is_national_code(p.code)) {
            cat.report.malformed.push_back(i);
            continue;
        }
        if (std::string province = scope.other_province_of(p.name); !province.empty()) {
            cat.report.other_province.push_back(i);
            cat.report.other_province_name.push_back(province);
            continue;
        }
        // A record that states its own scope wins; the province-wide policy covers the others,
        // except where the record's text ties the filing to one place.
        std::string restriction = scope.place_restriction_in(record_text(p));
        cat.place_restriction_of[i] = restriction;
        bool bf = p.boundary_free.value_or(policy_applies && restriction.empty());
        if (!p.boundary_free && policy_applies && !restriction.empty())
            cat.report.place_restricted.push_back(i);
        cat.boundary_free_of[i] = bf;
        if (p.status != Status::in_force) {
            cat.retired.push_back(i);
        } else if (const auto* rule = scope.receiver_rule(p.code, p.field)) {
            cat.elsewhere_of[i] = {rule->id, rule->receiver, rule->reason};
            cat.boundary_free_of[i] = false;
            ++by_rule[rule->id];
            cat.not_listed.push_back(i);
        } else if (listed_on_commune_sites(p, bf)) {
            cat.listed.push_back(i);
            by_field[p.field].push_back(i);
        } else {
            cat.elsewhere_of[i] = {std::string(kByLevel), receiver_by_level(p),
                                   "Thủ tục " + levels_text(p) +
                                       ", không thuộc thẩm quyền cấp xã và không được tiếp nhận "
                                       "tại Trung tâm Phục vụ hành chính công cấp xã."};
            cat.boundary_free_of[i] = false;
            ++by_rule[std::string(kByLevel)];
            cat.not_listed.push_back(i);
        }
    }
    for (const auto& rule : scope.not_at_communes)
        cat.report.excluded_by_rule.emplace_back(rule.id, by_rule[rule.id]);
    cat.report.excluded_by_rule.emplace_back(std::string(kByLevel), by_rule[std::string(kByLevel)]);
    for (const auto& alias : scope.field_aliases)
        for (const auto& spelling : alias.spellings)
            cat.report.field_aliases.emplace_back(
                spelling, scope.applied.count(spelling) ? scope.applied.at(spelling) : 0);

    // Records published under one name and several codes: flagged on their pages and reported.
    {
        std::map<std::string, std::vector<std::size_t>> by_name;
        for (const auto* list : {&cat.listed, &cat.not_listed, &cat.retired})
            for (std::size_t i : *list)
                by_name[text::fold(procs[i].name)].push_back(i);
        for (auto& [name, group] : by_name)
            if (group.size() > 1) {
                std::sort(group.begin(), group.end(), [&](std::size_t a, std::size_t b) {
                    return procs[a].code < procs[b].code;
                });
                cat.report.same_name.push_back(group);
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
                                      cat.boundary_free_of[i], cat.place_restriction_of[i]);
    for (std::size_t i : cat.not_listed) {
        auto& v = cat.views[i]["procedure"];
        v["elsewhere"] = {{"rule", cat.elsewhere_of[i].rule},
                          {"receiver", cat.elsewhere_of[i].receiver},
                          {"reason", cat.elsewhere_of[i].reason}};
    }
    for (const auto& group : cat.report.same_name)
        for (std::size_t i : group) {
            nlohmann::json others = nlohmann::json::array();
            for (std::size_t j : group)
                if (j != i)
                    others.push_back(
                        {{"code", procs[j].code},
                         {"field", procs[j].field},
                         {"href", routes::procedure_path(procs[j].code)},
                         {"on_communes",
                          std::find(cat.listed.begin(), cat.listed.end(), j) != cat.listed.end()}});
            cat.views[i]["procedure"]["same_name"] = others;
        }
    return cat;
}

}  // namespace xasite::site
