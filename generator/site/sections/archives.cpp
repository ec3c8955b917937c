// Lưu trữ: the dissolved districts, which of them have a preservation package (and which do not,
// which one is a demonstration), and one landing page per district with its package's figures and
// fixity check (or a plain statement that none was ingested).
#include "generator/site/archives.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

void render_archives(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                     const ProvinceSection& self) {
    const auto& names = label(r, self.key);
    const std::string dir = routes::dir(self.folder);
    const std::string key(self.key);
    json v;
    v["page"] = page_meta(names.title,
                          "Các huyện, thị xã, thành phố thuộc tỉnh đã kết thúc hoạt động từ " +
                              date_vi(s.effective) +
                              "; đơn vị nào đã có bản lưu trữ trang thông tin điện tử, đơn "
                              "vị nào chưa có.",
                          key, s.effective, "", json::array({breadcrumb(names.crumb, dir)}));
    // What exists, district by district: a package (shown, a demonstration, or failing its
    // fixity check) or none. Nothing is said of the old domains: the build cannot know whether a
    // redirect is configured.
    json districts = s.districts;
    std::size_t with = 0, demos = 0, failed = 0;
    for (auto& d : districts) {
        d["package"] = ctx.archives.index_view(d["code"].get<std::string>());
        if (d["package"].is_null()) continue;
        ++with;
        if (!d["package"]["demonstration"].is_null()) ++demos;
        if (!d["package"]["fixity_ok"].get<bool>()) ++failed;
    }
    auto count = [](std::size_t n) { return json(integer_vi(static_cast<long long>(n))); };
    v["districts"] = std::move(districts);
    v["archives"] = {{"total", count(s.districts.size())},
                     {"with", with ? count(with) : json()},
                     {"without", count(s.districts.size() - with)},
                     {"demonstration", demos ? count(demos) : json()},
                     {"failed", failed ? count(failed) : json()}};
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
        // The preservation package's figures, or null: none ingested for this district.
        const ArchiveSet::Entry* pkg = ctx.archives.find(d["code"].get<std::string>());
        dv["archive"] = pkg ? ctx.archives.landing_view(*pkg) : json();
        r.page(landing, "archive-district", dv, nullptr, s.today);
    }
}

}  // namespace xasite::site::sections
