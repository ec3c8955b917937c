#include "generator/site/archives.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "generator/site/context.hpp"
#include "generator/site/format.hpp"
#include "generator/site/routes.hpp"

namespace xasite::site {

using nlohmann::json;

namespace {

// The successor communes with their site folders ("" when not in this build).
std::vector<std::pair<archive::UnitInfo::Successor, std::string>> successor_sites(
    const content::Content& content, const std::set<std::string>& built,
    const std::string& district_code) {
    std::vector<std::pair<archive::UnitInfo::Successor, std::string>> out;
    for (const auto& s : content.registry.successors_of_district(district_code)) {
        archive::UnitInfo::Successor x{s.unit->code, s.unit->full_name, s.partial};
        out.emplace_back(x, built.count(s.unit->code) ? routes::unit_dir(*s.unit) + "/" : "");
    }
    return out;
}

}  // namespace

ArchiveSet ArchiveSet::load(const content::Content& content, const std::set<std::string>& built) {
    ArchiveSet set;
    std::map<std::string, const units::OldDistrict*> districts;
    for (const auto& d : content.registry.old_districts())
        districts[d.code] = &d;
    for (const auto& dir : content.archive_packages) {
        archive::PackageInfo p = archive::read_package(dir);
        auto it = districts.find(p.unit.code);
        if (it == districts.end())
            throw InputError(p.dir.string(), "the package's unit \"" + p.unit.code +
                                                 "\" is not an old district of the registry "
                                                 "(content/units)");
        for (const auto& e : set.entries)
            if (e.district_code == p.unit.code)
                throw InputError(p.dir.string(), "a second package for district " + p.unit.code +
                                                     " (the first is " + e.package.dir.string() +
                                                     ")");
        Entry e;
        e.district_code = p.unit.code;
        e.slug = it->second->slug;
        e.prefix = routes::archive(e.slug);
        e.successors = successor_sites(content, built, e.district_code);
        // Search runs on the province's search page, filtered to this archive
        // (type=archive&old_unit=<code>): it is always built, whichever communes are.
        e.search_href = routes::dir(routes::kSearch);
        e.package = std::move(p);
        set.entries.push_back(std::move(e));
    }
    std::sort(set.entries.begin(), set.entries.end(),
              [](const Entry& a, const Entry& b) { return a.district_code < b.district_code; });
    return set;
}

const ArchiveSet::Entry* ArchiveSet::find(const std::string& district_code) const {
    for (const auto& e : entries)
        if (e.district_code == district_code) return &e;
    return nullptr;
}

json ArchiveSet::landing_view(const Entry& e) const {
    const auto& p = e.package;
    json hosts = json::array();
    std::string hosts_text;
    for (const auto& h : p.hosts) {
        hosts.push_back(h);
        hosts_text += (hosts_text.empty() ? "" : ", ") + h;
    }
    json sources = json::array();
    for (const auto& s : p.sources)
        sources.push_back(s);
    std::size_t files = p.files >= p.pages ? p.files - p.pages : 0;
    return {{"href", p.home.empty() ? json() : json(e.prefix + p.home)},
            {"contents_href", e.prefix + "muc-luc/"},
            {"maps_href", e.prefix + "chuyen-huong/"},
            {"unit_code", e.district_code},
            {"captured", date_vi(p.captured)},
            {"captured_iso", p.captured},
            {"pages", integer_vi(static_cast<long long>(p.pages))},
            {"files", integer_vi(static_cast<long long>(files))},
            {"redirects", integer_vi(static_cast<long long>(p.redirects))},
            {"fixity_ok", p.fixity == "valid"},
            {"fixity", p.fixity},
            {"hosts", hosts},
            {"hosts_text", hosts_text},
            {"search_href", e.search_href.empty() ? json() : json(e.search_href)},
            {"sources", sources}};
}

std::vector<std::string> render_archive(
    const BuildContext& ctx, const ArchiveSet::Entry& entry, OutputDir& out,
    std::atomic<std::size_t>& pages,
    const std::function<void(const archive::ArchivedItem&)>& index) {
    archive::ViewOptions o;
    o.prefix = entry.prefix;
    o.landing_href = entry.prefix;
    o.search_href = entry.search_href;
    o.successor_sites = entry.successors;
    o.base_url = ctx.content.config.base_url;
    archive::ViewSummary s = archive::render_view(
        entry.package, o,
        [&](std::string_view path, std::string_view bytes) {
            out.write(path, bytes);
            if (path.size() > 5 && path.substr(path.size() - 5) == ".html") pages.fetch_add(1);
        },
        index);
    std::vector<std::string> warnings;
    for (auto& w : s.warnings)
        warnings.push_back(entry.package.dir.string() + ": " + w);
    return warnings;
}

}  // namespace xasite::site
