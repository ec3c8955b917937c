#include "generator/site/province_site.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "generator/site/archives.hpp"
#include "generator/site/documents.hpp"
#include "generator/site/format.hpp"
#include "generator/site/search_feed.hpp"
#include "generator/site/site_renderer.hpp"

namespace xasite::site {

using nlohmann::json;

namespace {

json unit_link(const BuildContext& ctx, const units::NewUnit& u, bool partial = false) {
    bool built = ctx.built.count(u.code) > 0;
    return {{"code", u.code},
            {"name", u.full_name},
            {"type", u.type},
            {"href", built ? json(unit_dir(u) + "/") : json()},
            {"partial", partial}};
}

// Text used by the lookup page's optional JavaScript filter: every name folded, without diacritics.
std::string search_key(std::initializer_list<std::string> parts) {
    std::string all;
    for (const auto& p : parts) {
        all += text::fold(p);
        all += ' ';
    }
    return all;
}

}  // namespace

std::vector<std::string> render_province_site(const BuildContext& ctx, const Theme& theme,
                                              OutputDir& out, std::atomic<std::size_t>& pages) {
    std::vector<std::string> warnings;
    const auto& content = ctx.content;
    const auto& config = content.config;
    const auto& reg = content.registry;
    const std::string& today = ctx.build_date;
    const std::string effective = config.effective_date;
    const json site = province_site_view(ctx);
    const std::string base_path = url_path(config.base_url);
    const std::vector<const PublishedDocument*> all_documents =
        ctx.documents ? ctx.documents->all() : std::vector<const PublishedDocument*>{};
    SiteRenderer r(theme, out, ctx.globals, site, "", config.base_url, base_path, "province",
                   pages);

    // Units by type, Vietnamese alphabetical order.
    std::vector<const units::NewUnit*> units;
    for (const auto& u : reg.new_units())
        units.push_back(&u);
    std::sort(units.begin(), units.end(), [](const units::NewUnit* a, const units::NewUnit* b) {
        return text::sort_key_vi(a->name) < text::sort_key_vi(b->name);
    });
    auto unit_card = [&](const units::NewUnit& u) {
        json j = unit_link(ctx, u);
        j["area"] = u.area_km2 ? decimal_vi(*u.area_km2, 2) : "";
        j["population"] = u.population ? integer_vi(*u.population) : "";
        j["predecessor_count"] = u.predecessors.size();
        j["key"] = search_key({u.full_name, u.name});
        return j;
    };
    json wards = json::array(), communes = json::array();
    for (const auto* u : units)
        (u->type == "phường" ? wards : communes).push_back(unit_card(*u));
    std::size_t built_count = ctx.built.size();

    {
        json v;
        v["page"] = page_meta(config.authority + ": các xã, phường",
                              "Trang thông tin điện tử của " + std::to_string(units.size()) +
                                  " xã, phường tỉnh " + config.province_name +
                                  " sau sắp xếp đơn vị hành chính từ " + date_vi(effective) + ".",
                              "trang-chu", effective, today);
        v["wards"] = wards;
        v["communes"] = communes;
        v["unit_count"] = units.size();
        v["ward_count"] = wards.size();
        v["commune_count"] = communes.size();
        v["district_count"] = reg.old_districts().size();
        v["old_commune_count"] = reg.old_communes().size();
        v["partial_build"] = built_count < units.size();
        v["built_count"] = built_count;
        v["documents"] = json::array();
        for (std::size_t k = 0; k < all_documents.size() && k < 5; ++k)
            v["documents"].push_back(all_documents[k]->row);
        r.page("", "province-home", v, nullptr, today);
    }
    // Văn bản: every document of the province and its communes.
    const json document_feed = render_documents(
        r, all_documents, ctx.catalog, /*commune_site=*/false, today, effective, config.authority);

    // Old → new lookup, grouped by old district.
    json districts = json::array();
    std::size_t partial_communes = 0;
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
        const ArchiveSet::Entry* pkg = ctx.archives ? ctx.archives->find(d.code) : nullptr;
        districts.back()["archived"] = pkg ? json(date_vi(pkg->package.captured)) : json();
    }
    {
        json v;
        v["page"] = page_meta(
            "Tra cứu đơn vị hành chính cũ – mới",
            "Xã, phường, thị trấn và huyện, thị xã, thành phố trước ngày " + date_vi(effective) +
                " nay thuộc xã, phường nào của tỉnh " + config.province_name + ".",
            "tra-cuu-don-vi", effective, today,
            json::array({breadcrumb("Tra cứu đơn vị cũ – mới", "tra-cuu-don-vi/")}));
        v["districts"] = districts;
        v["old_commune_count"] = reg.old_communes().size();
        v["partial_count"] = partial_communes;
        r.page("tra-cuu-don-vi/", "unit-lookup", v, nullptr, today);
    }
    // Archives of the dissolved districts: the list, and one landing page per district.
    {
        json v;
        v["page"] = page_meta(
            "Lưu trữ trang thông tin điện tử cấp huyện",
            "Các huyện, thị xã, thành phố thuộc tỉnh đã kết thúc hoạt động từ " +
                date_vi(effective) + " và bản lưu trữ trang thông tin điện tử của từng đơn vị.",
            "luu-tru", effective, today, json::array({breadcrumb("Lưu trữ", "luu-tru/")}));
        v["districts"] = districts;
        r.page("luu-tru/", "archives", v, nullptr, today);
        for (const auto& d : districts) {
            json dv;
            dv["page"] = page_meta(
                "Lưu trữ: " + d["name"].get<std::string>(),
                d["name"].get<std::string>() + " (" + d["province"].get<std::string>() +
                    ") kết thúc hoạt động từ " + date_vi(effective) + "; các xã, phường kế thừa.",
                "luu-tru", effective, today,
                json::array({breadcrumb("Lưu trữ", "luu-tru/"),
                             breadcrumb(d["name"].get<std::string>(),
                                        "luu-tru/" + d["slug"].get<std::string>() + "/")}));
            dv["district"] = d;
            // The preservation package's figures, or null: none ingested for this district.
            const ArchiveSet::Entry* pkg =
                ctx.archives ? ctx.archives->find(d["code"].get<std::string>()) : nullptr;
            dv["archive"] = pkg ? ctx.archives->landing_view(*pkg) : json();
            r.page("luu-tru/" + d["slug"].get<std::string>() + "/", "archive-district", dv, nullptr,
                   today);
        }
    }
    // Public-service centres of all units (boundary-free filing: any centre in the province).
    {
        json centres = json::array();
        for (const auto* u : units) {
            content::UnitProfile profile;
            if (auto it = content.profiles.find(u->code); it != content.profiles.end())
                profile = it->second;
            std::string phrase = u->type + " " + u->name;
            json c = unit_link(ctx, *u);
            c["centre"] = content::fill_pattern(config.centre_name, "unit", phrase);
            c["address"] = !profile.centre_address.empty()
                               ? profile.centre_address
                               : (!profile.address.empty() ? profile.address : u->seat);
            c["phone"] = !profile.centre_phone.empty() ? profile.centre_phone : profile.phone;
            c["hours"] = profile.centre_hours;
            c["contact_href"] =
                ctx.built.count(u->code) ? json(unit_dir(*u) + "/lien-he/") : json();
            c["key"] = search_key({u->full_name});
            centres.push_back(std::move(c));
        }
        json v;
        v["page"] = page_meta(
            "Trung tâm Phục vụ hành chính công các xã, phường",
            "Địa chỉ " + std::to_string(units.size()) +
                " Trung tâm Phục vụ hành chính công cấp xã tỉnh " + config.province_name +
                "; thủ tục không phụ thuộc địa giới nộp được tại bất kỳ trung tâm nào.",
            "trung-tam", effective, today,
            json::array({breadcrumb("Trung tâm phục vụ hành chính công", "trung-tam-phuc-vu/")}));
        v["centres"] = centres;
        r.page("trung-tam-phuc-vu/", "service-centres", v, nullptr, today);
    }
    // Province pages written in content/pages/ (no units).
    std::set<std::string> used = {
        "tra-cuu-don-vi", "luu-tru", "trung-tam-phuc-vu", "so-do-trang", "assets", "van-ban", "api",
        "tra-cuu"};
    for (const auto* u : units)
        used.insert(unit_dir(*u));
    json extra = json::array();
    for (const auto& p : content.province_pages) {
        std::string slug = p.slug;
        for (int n = 2; used.count(slug); ++n)
            slug = p.slug + "-" + std::to_string(n);
        if (slug != p.slug)
            warnings.push_back(p.source.string() + ": the path " + p.slug +
                               "/ is taken; published at " + slug + "/");
        used.insert(slug);
        json v;
        std::string updated = !p.updated.empty() ? p.updated : (!p.date.empty() ? p.date : today);
        v["page"] = page_meta(p.title, p.description, "trang-" + slug, p.date, updated,
                              json::array({breadcrumb(p.title, slug + "/")}));
        v["article"] = {{"title", p.title},        {"html", p.body_html},
                        {"date", date_vi(p.date)}, {"updated", date_vi(p.updated)},
                        {"author", p.author},      {"tags", p.tags}};
        r.page(slug + "/", "page", v, nullptr, updated);
        if (ctx.search_pages)
            ctx.search_pages->add(
                page_search_document(p, slug + "/", ctx.content.registry.province().code));
        extra.push_back({{"title", p.title}, {"href", slug + "/"}});
    }
    // Tra cứu: the province-wide search (every commune's procedures, documents and pages).
    {
        json v;
        v["page"] = page_meta("Tra cứu",
                              "Tìm thủ tục hành chính, văn bản và trang thông tin của các xã, "
                              "phường và của tỉnh.",
                              "tra-cuu", effective, today,
                              json::array({breadcrumb("Tra cứu", "tra-cuu/")}));
        r.page("tra-cuu/", "search", v, nullptr, today);
    }
    {
        json v;
        v["page"] =
            page_meta("Sơ đồ trang",
                      "Sơ đồ trang thông tin các xã, phường tỉnh " + config.province_name + ".",
                      "so-do-trang", effective, today,
                      json::array({breadcrumb("Sơ đồ trang", "so-do-trang/")}));
        v["wards"] = wards;
        v["communes"] = communes;
        v["districts"] = districts;
        v["pages"] = extra;
        r.page("so-do-trang/", "province-sitemap", v, nullptr, today);
    }
    {
        json v;
        v["page"] = page_meta("Không tìm thấy trang", "Trang bạn tìm không có.", "", "", today);
        r.error_page("404.html", "not-found", v);
    }
    {
        json urls = json::array();
        for (const auto& e : r.sitemap())
            urls.push_back({{"loc", config.base_url + e.path}, {"lastmod", e.lastmod}});
        r.feed("sitemap.xml", "feeds/sitemap.xml", json{{"urls", std::move(urls)}});
        json sitemaps = json::array();
        sitemaps.push_back(config.base_url + "sitemap.xml");
        for (const auto* u : units)
            if (ctx.built.count(u->code))
                sitemaps.push_back(config.unit_base_url(u->slug) + "sitemap.xml");
        r.feed("robots.txt", "feeds/robots-province.txt", json{{"sitemaps", sitemaps}});
        json entries = json::array();
        for (std::size_t k = 0; k < document_feed.size() && k < 30; ++k)
            entries.push_back(
                {{"title", document_feed[k]["title"]},
                 {"url", config.base_url + document_feed[k]["href"].get<std::string>()},
                 {"updated", document_feed[k]["updated"]},
                 {"summary", document_feed[k]["summary"]}});
        r.feed("feed.xml", "feeds/atom.xml",
               json{{"feed",
                     {{"title", config.authority + ": văn bản"},
                      {"url", config.base_url},
                      {"self", config.base_url + "feed.xml"},
                      {"id", config.base_url},
                      {"updated", rfc3339(today)},
                      {"entries", std::move(entries)}}}});
    }
    for (const auto& asset : theme.assets())
        r.file("assets/" + asset.path, *asset.data);
    return warnings;
}

}  // namespace xasite::site
