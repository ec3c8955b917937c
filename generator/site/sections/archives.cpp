// Lưu trữ: the dissolved districts, and one landing page per district with its preservation
// package's figures (or a plain statement that none was ingested).
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
                              " và bản lưu trữ trang thông tin điện tử của từng đơn vị.",
                          key, s.effective, "", json::array({breadcrumb(names.crumb, dir)}));
    v["districts"] = s.districts;
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
