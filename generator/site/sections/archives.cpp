// Lưu trữ: the dissolved districts, which of them have a preservation package (and which do not,
// which one is a demonstration), and one landing page per district with its package's figures and
// fixity check (or a plain statement that none was ingested); then the old communes, wards and
// townships that have a package (counted apart from the districts), each with its landing page.
#include "generator/site/archives.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

namespace {

json count_vi(std::size_t n) {
    return json(integer_vi(static_cast<long long>(n)));
}

// {"total", "with", "without", "demonstration", "failed"} over rows carrying "package" (null when
// the unit has none); counts that are zero are null, except total and without.
json archive_counts(const json& rows, std::size_t total) {
    std::size_t with = 0, demos = 0, failed = 0;
    for (const auto& d : rows) {
        if (d["package"].is_null()) continue;
        ++with;
        if (!d["package"]["demonstration"].is_null()) ++demos;
        if (!d["package"]["fixity_ok"].get<bool>()) ++failed;
    }
    return {{"total", count_vi(total)},
            {"with", with ? count_vi(with) : json()},
            {"without", count_vi(total - with)},
            {"demonstration", demos ? count_vi(demos) : json()},
            {"failed", failed ? count_vi(failed) : json()}};
}

// An old commune with a package: its names, its old district (and that district's landing page)
// and the new units that took it.
json commune_row(const BuildContext& ctx, const ArchiveSet::Entry& e) {
    const auto& reg = ctx.content.registry;
    const units::OldCommune* c = reg.find_old_commune(e.unit_code);
    const units::OldDistrict* d = c ? reg.find_old_district(c->district_code) : nullptr;
    json succ = json::array();
    for (const auto& x : reg.successors_of_commune(e.unit_code))
        succ.push_back(unit_link(ctx, *x.unit, x.partial));
    return {{"code", e.unit_code},
            {"name", e.name},
            {"href", e.prefix},
            {"district", d ? json(d->full_name) : json()},
            {"district_href", d ? json(routes::archive(d->slug)) : json()},
            {"province", d ? json("tỉnh " + d->province_name) : json()},
            {"one_successor", succ.size() == 1},
            {"kept_as", e.kept_as.empty() ? json() : json(e.kept_as)},
            {"successors", succ}};
}

}  // namespace

void render_archives(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                     const ProvinceSection& self) {
    const auto& names = label(r, self.key);
    const std::string dir = routes::dir(self.folder);
    const std::string key(self.key);
    json v;
    v["page"] = page_meta(names.title,
                          "Các huyện, thị xã, thành phố và các xã, phường, thị trấn cũ đã kết thúc "
                          "hoạt động từ " +
                              date_vi(s.effective) +
                              "; đơn vị nào đã có bản lưu trữ trang thông tin điện tử, đơn "
                              "vị nào chưa có.",
                          key, s.effective, "", json::array({breadcrumb(names.crumb, dir)}));
    // What exists, district by district: a package (shown, a demonstration, or failing its
    // fixity check) or none. Nothing is said of the old domains: the build cannot know whether a
    // redirect is configured.
    json districts = s.districts;
    for (auto& d : districts)
        d["package"] = ctx.archives.index_view(d["code"].get<std::string>());
    v["archives"] = archive_counts(districts, s.districts.size());
    v["districts"] = std::move(districts);
    // The old communes, wards and townships: only those with a package are listed (the lookup
    // page lists all of them); the count is over every old commune of the registry.
    json communes = json::array();
    for (const auto& e : ctx.archives.entries) {
        if (!e.commune) continue;
        json row = commune_row(ctx, e);
        row["package"] = ArchiveSet::index_view(e);
        communes.push_back(std::move(row));
    }
    v["commune_archives"] = archive_counts(communes, ctx.content.registry.old_communes().size());
    v["communes"] = std::move(communes);
    v["lookup_href"] = routes::dir(routes::kUnitLookup);
    r.page(dir, "archives", v, nullptr, s.today);

    for (const auto& d : s.districts) {
        const std::string& name = d["name"].get_ref<const std::string&>();
        const std::string landing = routes::archive(d["slug"].get<std::string>());
        json dv;
        dv["page"] =
            page_meta(names.crumb + ": " + name,
                      name + " (" + d["province"].get<std::string>() + ") kết thúc hoạt động từ " +
                          date_vi(s.effective) + "; các xã, phường kế thừa.",
                      key, s.effective, "",
                      json::array({breadcrumb(names.crumb, dir), breadcrumb(name, landing)}));
        dv["district"] = d;
        // The old communes' own archives, where there are.
        for (auto& c : dv["district"]["communes"]) {
            const ArchiveSet::Entry* pkg = ctx.archives.find_commune(c["code"].get<std::string>());
            c["archive_href"] = pkg ? json(pkg->prefix) : json();
        }
        dv["unit_name"] = name;
        // The preservation package's figures, or null: none ingested for this district.
        const ArchiveSet::Entry* pkg = ctx.archives.find(d["code"].get<std::string>());
        dv["archive"] = pkg ? ctx.archives.landing_view(*pkg) : json();
        r.page(landing, "archive-district", dv, nullptr, s.today);
    }

    // One landing page per old commune that has a package (the same template, in a commune's
    // words: its old district is linked, its successors are new communes or wards).
    for (const auto& e : ctx.archives.entries) {
        if (!e.commune) continue;
        json c = commune_row(ctx, e);
        const std::string where = c["district"].is_null()
                                      ? std::string()
                                      : " (" + c["district"].get<std::string>() + ", " +
                                            c["province"].get<std::string>() + ")";
        json cv;
        cv["page"] =
            page_meta(names.crumb + ": " + e.name,
                      e.name + where + " kết thúc hoạt động từ " + date_vi(s.effective) +
                          "; đơn vị kế thừa và bản lưu trữ trang thông tin điện tử.",
                      key, s.effective, "",
                      json::array({breadcrumb(names.crumb, dir), breadcrumb(e.name, e.prefix)}));
        cv["commune"] = std::move(c);
        cv["unit_name"] = e.name;
        cv["archive"] = ctx.archives.landing_view(e);
        r.page(e.prefix, "archive-district", cv, nullptr, s.today);
    }
}

}  // namespace xasite::site::sections
