#include "generator/site/unit_site.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "generator/site/documents.hpp"
#include "generator/site/format.hpp"
#include "generator/site/search_feed.hpp"
#include "generator/site/site_renderer.hpp"

namespace xasite::site {

using nlohmann::json;

namespace {

json procedure_row(const procedures::Procedure& p, const Catalog& cat, std::size_t i) {
    return {{"code", p.code},
            {"name", p.name},
            {"href", procedure_path(p.code)},
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
    auto href_of = [&](std::size_t n) {
        return n == 1 ? dir : dir + "trang-" + std::to_string(n) + "/";
    };
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
                          {"href", "thu-tuc/linh-vuc/" + f.slug + "/"},
                          {"count", f.listed.size()}});
        v.lists.push_back(make_list("thu-tuc/linh-vuc/" + f.slug + "/", f.name,
                                    "Thủ tục hành chính thuộc lĩnh vực " + f.name + ".", "field",
                                    f.listed, rows));
    }
    v.fields_brief = fields;
    std::map<std::string, json> groups;
    std::vector<std::string> group_order;
    for (const auto& f : cat.facets) {
        v.lists.push_back(
            make_list("thu-tuc/" + f.slug + "/", f.label, f.description, "facet", f.listed, rows));
        if (!groups.count(f.group)) {
            group_order.push_back(f.group);
            groups[f.group] = json::array();
        }
        groups[f.group].push_back({{"slug", f.slug},
                                   {"label", f.label},
                                   {"href", "thu-tuc/" + f.slug + "/"},
                                   {"count", f.listed.size()},
                                   {"description", f.description}});
    }
    json facets = json::array();
    for (const auto& g : group_order)
        facets.push_back({{"group", g}, {"items", groups[g]}});
    if (!cat.retired.empty())
        v.lists.push_back(make_list(
            "thu-tuc/da-bai-bo/", "Thủ tục đã bãi bỏ hoặc được thay thế",
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
          {"retired_href", cat.retired.empty() ? json() : json("thu-tuc/da-bai-bo/")}}}};

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
             {"href", procedure_path(p.code)},
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
                             {"page", procedure_path(p.code)},
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
    std::vector<std::string> warnings;
    const auto& content = ctx.content;
    const auto& config = content.config;
    const Catalog& cat = ctx.catalog;
    const std::string& today = ctx.build_date;
    const json site = unit_site_view(ctx, unit);
    const std::string base_url = config.unit_base_url(unit.slug);
    const std::string base_path = url_path(base_url);
    SiteRenderer r(theme, out, ctx.globals, site, unit_dir(unit) + "/", base_url, base_path, "unit",
                   pages);
    const std::string& authority = site["site"]["authority"].get_ref<const std::string&>();
    const std::string effective = config.effective_date;

    const std::vector<const PublishedDocument*> unit_documents =
        ctx.documents ? ctx.documents->for_unit(unit.code)
                      : std::vector<const PublishedDocument*>{};

    // The commune's own Markdown pages, by section; slugs checked against reserved folders.
    std::vector<const content::Page*> news, schedule, standalone, intro_parts, contact_parts;
    if (auto it = content.unit_pages.find(unit.code); it != content.unit_pages.end()) {
        for (const auto& p : it->second) {
            switch (p.section) {
                case content::Section::news:
                    news.push_back(&p);
                    break;
                case content::Section::page:
                    standalone.push_back(&p);
                    break;
                case content::Section::intro:
                    intro_parts.push_back(&p);
                    break;
                case content::Section::contact:
                    contact_parts.push_back(&p);
                    break;
                case content::Section::schedule:
                    schedule.push_back(&p);
                    break;
            }
        }
    }
    auto by_weight_title = [](const content::Page* a, const content::Page* b) {
        if (a->weight != b->weight) return a->weight < b->weight;
        return text::sort_key_vi(a->title) < text::sort_key_vi(b->title);
    };
    std::sort(standalone.begin(), standalone.end(), by_weight_title);
    std::sort(intro_parts.begin(), intro_parts.end(), by_weight_title);
    std::sort(contact_parts.begin(), contact_parts.end(), by_weight_title);
    auto newest_first = [](const content::Page* a, const content::Page* b) {
        if (a->date != b->date) return a->date > b->date;
        return a->slug < b->slug;
    };
    std::sort(news.begin(), news.end(), newest_first);
    std::sort(schedule.begin(), schedule.end(), newest_first);

    auto page_json = [&](const content::Page& p) {
        return json{{"title", p.title},
                    {"slug", p.slug},
                    {"html", p.body_html},
                    {"date", date_vi(p.date)},
                    {"updated", date_vi(p.updated)},
                    {"author", p.author},
                    {"tags", p.tags}};
    };
    auto parts_json = [&](const std::vector<const content::Page*>& parts) {
        json arr = json::array();
        for (const auto* p : parts)
            arr.push_back(page_json(*p));
        return arr;
    };
    std::set<std::string> used = {"gioi-thieu",    "thu-tuc",   "van-ban", "tin-tuc", "lien-he",
                                  "lich-cong-tac", "cong-khai", "du-lieu", "tra-cuu", "so-do-trang",
                                  "assets",        "luu-tru",   "404.html"};
    std::map<const content::Page*, std::string> dir_of;
    auto claim = [&](const content::Page* p, const std::string& parent) {
        std::string slug = p->slug;
        for (int n = 2; used.count(parent + slug); ++n)
            slug = p->slug + "-" + std::to_string(n);
        if (slug != p->slug)
            warnings.push_back(p->source.string() + ": the path " + parent + p->slug +
                               "/ is taken; published at " + parent + slug + "/");
        used.insert(parent + slug);
        dir_of[p] = parent + slug + "/";
    };
    for (const auto* p : standalone)
        claim(p, "");
    for (const auto* p : news)
        claim(p, "tin-tuc/");
    for (const auto* p : schedule)
        claim(p, "lich-cong-tac/");

    auto dated_items = [&](const std::vector<const content::Page*>& pages) {
        json items = json::array();
        for (const auto* p : pages)
            items.push_back({{"title", p->title},
                             {"href", dir_of[p]},
                             {"date", date_vi(p->date)},
                             {"summary", p->description}});
        return items;
    };
    const json news_items = dated_items(news);
    const json schedule_items = dated_items(schedule);

    // Home
    {
        json v;
        v["page"] =
            page_meta(authority,
                      "Trang thông tin điện tử của " + authority + ", tỉnh " +
                          config.province_name + ": thủ tục hành chính, văn bản, tin tức, liên hệ.",
                      "trang-chu", effective, today);
        json top = shared.fields_brief;
        std::stable_sort(top.begin(), top.end(), [](const json& a, const json& b) {
            return a["count"].get<std::size_t>() > b["count"].get<std::size_t>();
        });
        if (top.size() > 8) top.erase(top.begin() + 8, top.end());
        v["top_fields"] = top;
        v["news"] = json::array();
        for (std::size_t k = 0; k < news_items.size() && k < 5; ++k)
            v["news"].push_back(news_items[k]);
        v["documents"] = json::array();
        for (std::size_t k = 0; k < unit_documents.size() && k < 5; ++k)
            v["documents"].push_back(unit_documents[k]->row);
        v["catalog"] = shared.procedures_index["catalog"];
        r.page("", "home", v, nullptr, today);
    }
    // Giới thiệu
    {
        json v;
        v["page"] = page_meta(
            "Giới thiệu " + unit.type + " " + unit.name,
            unit.full_name + ", tỉnh " + config.province_name +
                ": diện tích, dân số, trụ sở, các đơn vị hành chính trước sắp xếp, cơ cấu tổ chức.",
            "gioi-thieu", effective, today, json::array({breadcrumb("Giới thiệu", "gioi-thieu/")}));
        v["parts"] = parts_json(intro_parts);
        if (ctx.search_pages)
            for (const auto* p : intro_parts)
                ctx.search_pages->add(page_search_document(
                    *p, unit_dir(unit) + "/gioi-thieu/#phan-" + p->slug, unit.code));
        r.page("gioi-thieu/", "intro", v, nullptr, today);
    }
    // Thủ tục: index, lists, and one page per procedure.
    {
        json v;
        v["page"] = page_meta("Thủ tục hành chính",
                              "Danh mục thủ tục hành chính tiếp nhận tại " + unit.full_name +
                                  ", theo lĩnh vực, mức độ trực tuyến và phạm vi tiếp nhận.",
                              "thu-tuc", effective, today,
                              json::array({breadcrumb("Thủ tục hành chính", "thu-tuc/")}));
        r.page("thu-tuc/", "procedures", v, &shared.procedures_index, today);
    }
    for (const auto& list : shared.lists) {
        for (std::size_t n = 0; n < list.pages.size(); ++n) {
            std::string dir = n == 0 ? list.dir : list.dir + "trang-" + std::to_string(n + 1) + "/";
            std::string title =
                n == 0 ? list.title : list.title + " (trang " + std::to_string(n + 1) + ")";
            json v;
            v["page"] = page_meta(title, list.pages[n]["list"]["description"].get<std::string>(),
                                  "thu-tuc", effective, today,
                                  json::array({breadcrumb("Thủ tục hành chính", "thu-tuc/"),
                                               breadcrumb(list.title, list.dir)}));
            r.page(dir, "procedure-list", v, &list.pages[n], today);
        }
    }
    auto render_procedure = [&](std::size_t i) {
        const auto& p = content.procedures[i];
        json v;
        std::string updated = p.updated.empty() ? today : p.updated;
        std::string published = p.decision && !p.decision->date.empty() ? p.decision->date : "";
        v["page"] = page_meta(
            p.name,
            (text::starts_with_ci_folded(p.name, "thu tuc") ? p.name : "Thủ tục " + p.name) +
                " (mã " + p.code + "), lĩnh vực " + p.field +
                ": trình tự, cách thức, thành phần hồ sơ, thời hạn, phí và lệ phí.",
            "thu-tuc", published, updated,
            json::array({breadcrumb("Thủ tục hành chính", "thu-tuc/"),
                         breadcrumb(p.field, "thu-tuc/linh-vuc/" + cat.field_slug_of[i] + "/"),
                         breadcrumb(p.code, procedure_path(p.code))}),
            "article");
        r.page(procedure_path(p.code), "procedure", v, &cat.views[i], updated);
    };
    for (std::size_t i : cat.listed)
        render_procedure(i);
    for (std::size_t i : cat.retired)
        render_procedure(i);

    // Văn bản: documents addressed to this commune (or to every commune), and its own.
    const json document_feed = render_documents(r, unit_documents, cat, /*commune_site=*/true,
                                                today, effective, authority);
    // Tin tức
    {
        json v;
        v["page"] = page_meta("Tin tức", "Tin tức, sự kiện của " + authority + ".", "tin-tuc",
                              effective, today, json::array({breadcrumb("Tin tức", "tin-tuc/")}));
        v["news"] = news_items;
        r.page("tin-tuc/", "news", v, nullptr, today);
    }
    // Lịch công tác (the leaders' work schedule, NĐ 43/2011 Điều 10)
    {
        json v;
        v["page"] = page_meta("Lịch công tác", "Lịch công tác của lãnh đạo " + authority + ".",
                              "lich-cong-tac", effective, today,
                              json::array({breadcrumb("Lịch công tác", "lich-cong-tac/")}));
        v["schedule"] = schedule_items;
        r.page("lich-cong-tac/", "schedule", v, nullptr, today);
    }
    // Danh mục thông tin phải công khai (Luật Tiếp cận thông tin 2016 Điều 17, 19)
    {
        json v;
        v["page"] = page_meta("Danh mục thông tin phải công khai",
                              "Thông tin " + authority +
                                  " phải công khai, nơi đăng, hình thức và thời hạn công khai.",
                              "cong-khai", effective, today,
                              json::array({breadcrumb("Thông tin công khai", "cong-khai/")}));
        json items = json::array();
        for (const auto& d : config.disclosure) {
            std::string href;
            if (d.section == "cong-khai" || d.section.empty())
                href = "";
            else
                href = d.section + "/";
            items.push_back({{"title", d.title},
                             {"basis", d.basis},
                             {"href", href.empty() ? json() : json(href)}});
        }
        v["disclosure"] = {{"items", items},
                           {"form", config.disclosure_form},
                           {"deadline", config.disclosure_deadline}};
        r.page("cong-khai/", "disclosure", v, nullptr, today);
    }
    auto render_md = [&](const content::Page* p, const std::string& section, json crumbs) {
        json v;
        std::string updated =
            !p->updated.empty() ? p->updated : (!p->date.empty() ? p->date : today);
        v["page"] = page_meta(p->title, p->description, section, p->date, updated,
                              std::move(crumbs), section == "tin-tuc" ? "article" : "website");
        v["article"] = page_json(*p);
        r.page(dir_of[p], "page", v, nullptr, updated);
        if (ctx.search_pages)
            ctx.search_pages->add(
                page_search_document(*p, unit_dir(unit) + "/" + dir_of[p], unit.code));
    };
    for (const auto* p : news)
        render_md(
            p, "tin-tuc",
            json::array({breadcrumb("Tin tức", "tin-tuc/"), breadcrumb(p->title, dir_of[p])}));
    for (const auto* p : schedule)
        render_md(p, "lich-cong-tac",
                  json::array({breadcrumb("Lịch công tác", "lich-cong-tac/"),
                               breadcrumb(p->title, dir_of[p])}));
    for (const auto* p : standalone)
        render_md(p, "trang-" + p->slug, json::array({breadcrumb(p->title, dir_of[p])}));
    // Liên hệ
    {
        json v;
        v["page"] = page_meta(
            "Liên hệ",
            "Địa chỉ, điện thoại, thư điện tử của " + authority +
                " và Trung tâm Phục vụ hành chính công; đầu mối cung cấp thông tin.",
            "lien-he", effective, today, json::array({breadcrumb("Liên hệ", "lien-he/")}));
        v["parts"] = parts_json(contact_parts);
        if (ctx.search_pages)
            for (const auto* p : contact_parts)
                ctx.search_pages->add(page_search_document(
                    *p, unit_dir(unit) + "/lien-he/#phan-" + p->slug, unit.code));
        r.page("lien-he/", "contact", v, nullptr, today);
    }
    // Tra cứu (search): a plain form that works without JavaScript when served by `xasite serve`.
    {
        json v;
        v["page"] = page_meta(
            "Tra cứu", "Tìm thủ tục hành chính, văn bản và tin tức của " + authority + ".",
            "tra-cuu", effective, today, json::array({breadcrumb("Tra cứu", "tra-cuu/")}));
        v["fields"] = shared.fields_brief;
        r.page("tra-cuu/", "search", v, nullptr, today);
    }
    // Sơ đồ trang (HTML sitemap)
    {
        json v;
        v["page"] = page_meta("Sơ đồ trang", "Sơ đồ trang thông tin điện tử của " + authority + ".",
                              "so-do-trang", effective, today,
                              json::array({breadcrumb("Sơ đồ trang", "so-do-trang/")}));
        v["fields"] = shared.fields_brief;
        v["facets"] = shared.procedures_index["catalog"]["facets"];
        v["news"] = news_items;
        v["schedule"] = schedule_items;
        json extra = json::array();
        for (const auto* p : standalone)
            extra.push_back({{"title", p->title}, {"href", dir_of[p]}});
        v["pages"] = extra;
        r.page("so-do-trang/", "sitemap", v, nullptr, today);
    }
    // 404
    {
        json v;
        v["page"] = page_meta("Không tìm thấy trang",
                              "Trang bạn tìm không có trên " + authority + ".", "", "", today);
        r.error_page("404.html", "not-found", v);
    }
    // sitemap.xml, feed.xml, robots.txt
    {
        json urls = json::array();
        for (const auto& e : r.sitemap())
            urls.push_back({{"loc", base_url + e.path}, {"lastmod", e.lastmod}});
        r.feed("sitemap.xml", "feeds/sitemap.xml", json{{"urls", std::move(urls)}});
        json entries = json::array();
        for (std::size_t k = 0; k < news.size() && k < 20; ++k) {
            const auto* p = news[k];
            std::string date =
                !p->updated.empty() ? p->updated : (!p->date.empty() ? p->date : today);
            entries.push_back({{"title", p->title},
                               {"url", base_url + dir_of[p]},
                               {"updated", rfc3339(date)},
                               {"summary", p->description}});
        }
        for (std::size_t k = 0; k < document_feed.size() && k < 20; ++k)
            entries.push_back({{"title", document_feed[k]["title"]},
                               {"url", base_url + document_feed[k]["href"].get<std::string>()},
                               {"updated", document_feed[k]["updated"]},
                               {"summary", document_feed[k]["summary"]}});
        for (const auto& e : shared.recent_procedures)
            entries.push_back({{"title", e["title"]},
                               {"url", base_url + e["href"].get<std::string>()},
                               {"updated", e["updated"]},
                               {"summary", e["summary"]}});
        std::string feed_updated = rfc3339(today);
        r.feed("feed.xml", "feeds/atom.xml",
               json{{"feed",
                     {{"title", authority},
                      {"url", base_url},
                      {"self", base_url + "feed.xml"},
                      {"id", base_url},
                      {"updated", feed_updated},
                      {"entries", std::move(entries)}}}});
        r.feed("robots.txt", "feeds/robots.txt", json{{"sitemap", base_url + "sitemap.xml"}});
    }
    // Machine-readable exports (TT 22/2023 requirement 3): the procedure list as JSON and CSV.
    r.file("du-lieu/thu-tuc.json", shared.export_json);
    r.file("du-lieu/thu-tuc.csv", shared.export_csv);
    for (const auto& asset : theme.assets())
        r.file("assets/" + asset.path, *asset.data);
    return warnings;
}

}  // namespace xasite::site
