#include "generator/site/archives.hpp"

#include <algorithm>
#include <tuple>

#include "core/error.hpp"
#include "generator/site/context.hpp"
#include "generator/site/format.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/site_links.hpp"
#include "search/index.hpp"

namespace xasite::site {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kProblemsShown = 10;  // on the landing page; the build prints them all

// The new units that took an old unit, with their site folders ("" when not in this build).
std::vector<std::pair<archive::UnitInfo::Successor, std::string>> successor_sites(
    const std::set<std::string>& built, const std::vector<units::Successor>& successors) {
    std::vector<std::pair<archive::UnitInfo::Successor, std::string>> out;
    for (const auto& s : successors) {
        archive::UnitInfo::Successor x{s.unit->code, s.unit->full_name, s.partial};
        out.emplace_back(x, built.count(s.unit->code) ? routes::unit_dir(*s.unit) + "/" : "");
    }
    return out;
}

// The new unit that kept an old commune unchanged ("giữ nguyên"), or nullptr.
const units::NewUnit* kept_unchanged(const units::Registry& reg, const std::string& code) {
    for (const auto& u : reg.new_units())
        for (const auto& p : u.predecessors)
            if (p.old_code == code && p.how == units::Resolution::unchanged) return &u;
    return nullptr;
}

}  // namespace

fs::path archive_fixity_cache_dir(const fs::path& out_dir) {
    // Beside the site, as its search index: "site" → "site.archive-fixity".
    return search::legacy_index_path_for(out_dir).replace_extension(".archive-fixity");
}

ArchiveSet ArchiveSet::load(const content::Content& content, const std::set<std::string>& built,
                            const fs::path& fixity_cache) {
    const auto& reg = content.registry;
    ArchiveSet set;
    std::set<std::string> district_slugs;
    for (const auto& d : reg.old_districts())
        district_slugs.insert(d.slug);
    for (const auto& dir : content.archive_packages) {
        archive::FixityOptions fo;
        if (!fixity_cache.empty())
            fo.cache_file = fixity_cache / (dir.filename().string() + ".tsv");
        archive::PackageInfo p = archive::read_package(dir, fo);
        Entry e;
        e.unit_code = p.unit.code;
        if (const units::OldDistrict* d = reg.find_old_district(p.unit.code)) {
            e.district_code = d->code;
            e.name = d->full_name;
            e.slug = d->slug;
            e.successors = successor_sites(built, reg.successors_of_district(d->code));
        } else if (const units::OldCommune* c = reg.find_old_commune(p.unit.code)) {
            e.commune = true;
            e.district_code = c->district_code;
            e.name = c->full_name;
            e.slug = routes::old_commune_slug(*c);
            // Never a district's folder (routes::old_commune_slug says why it cannot be).
            if (district_slugs.count(e.slug))
                throw InputError(p.dir.string(), "the archive folder luu-tru/" + e.slug +
                                                     "/ of old commune " + c->code +
                                                     " is an old district's");
            e.successors = successor_sites(built, reg.successors_of_commune(c->code));
            // Its landing page and the view's banners say so (archive::ViewOptions::kept_as).
            if (const units::NewUnit* kept = kept_unchanged(reg, c->code))
                e.kept_as = kept->full_name;
        } else {
            throw InputError(p.dir.string(),
                             "the package's unit \"" + p.unit.code +
                                 "\" is neither an old district nor an old commune of the registry "
                                 "(content/units)");
        }
        for (const auto& other : set.entries)
            if (other.unit_code == e.unit_code)
                throw InputError(p.dir.string(), std::string("a second package for ") +
                                                     (e.commune ? "old commune " : "district ") +
                                                     e.unit_code + " (the first is " +
                                                     other.package.dir.string() + ")");
        e.prefix = routes::archive(e.slug);
        // Search runs on the province's search page, filtered to this archive
        // (type=archive&old_unit=<code>): it is always built, whichever communes are.
        e.search_href = routes::dir(routes::kSearch);
        e.package = std::move(p);
        set.entries.push_back(std::move(e));
    }
    std::sort(set.entries.begin(), set.entries.end(), [](const Entry& a, const Entry& b) {
        return std::make_tuple(a.commune, a.unit_code.size(), a.unit_code) <
               std::make_tuple(b.commune, b.unit_code.size(), b.unit_code);
    });
    // An old host in two packages: `xasite serve` sends its old URLs to the package with more
    // captures of it (archive::OldUrlIndex, ties by folder name), and both packages' nginx maps
    // claim it. Say so, naming both.
    std::map<std::string, std::vector<const Entry*>> claims;
    for (const auto& e : set.entries)
        for (const auto& h : e.package.hosts)
            claims[h].push_back(&e);
    for (const auto& [host, owners] : claims) {
        if (owners.size() < 2) continue;
        std::string names;
        for (const auto* o : owners)
            names += (names.empty() ? "" : " and ") + o->package.dir.string();
        set.warnings.push_back("old host " + host + " is claimed by " + names +
                               ": xasite serve redirects it to the package with more captures of "
                               "it, and both nginx maps list it; keep one");
    }
    return set;
}

const ArchiveSet::Entry* ArchiveSet::find(const std::string& district_code) const {
    for (const auto& e : entries)
        if (!e.commune && e.unit_code == district_code) return &e;
    return nullptr;
}

const ArchiveSet::Entry* ArchiveSet::find_commune(const std::string& commune_code) const {
    for (const auto& e : entries)
        if (e.commune && e.unit_code == commune_code) return &e;
    return nullptr;
}

std::size_t ArchiveSet::commune_count() const {
    return static_cast<std::size_t>(
        std::count_if(entries.begin(), entries.end(), [](const Entry& e) { return e.commune; }));
}

json ArchiveSet::index_view(const std::string& district_code) const {
    const Entry* e = find(district_code);
    return e ? index_view(*e) : json();
}

json ArchiveSet::index_view(const Entry& e) {
    const auto& p = e.package;
    const bool ok = p.fixity == "valid";
    return {{"href", e.prefix},
            {"captured", ok ? json(date_vi(p.captured)) : json()},
            {"fixity_ok", ok},
            {"demonstration", p.demonstration.empty() ? json() : json(p.demonstration)}};
}

json ArchiveSet::landing_view(const Entry& e) const {
    const auto& p = e.package;
    const auto& fc = p.fixity_check;
    const bool ok = p.fixity == "valid";
    json problems = json::array();
    for (std::size_t i = 0; i < fc.problems.size() && i < kProblemsShown; ++i)
        problems.push_back(fc.problems[i]);
    // The day of the oldest hash that still stands for every file: the last full verification.
    const std::string verified = fc.verified_since.substr(0, 10);
    json fixity = {
        {"ok", ok},
        {"summary", p.fixity},
        {"problems", problems},
        {"more", fc.problems.size() > kProblemsShown
                     ? json(integer_vi(static_cast<long long>(fc.problems.size() - kProblemsShown)))
                     : json()},
        {"files", integer_vi(static_cast<long long>(fc.files))},
        {"verified", verified.empty() ? json() : json(date_vi(verified))},
        {"verified_iso", verified},
        {"package", "content/archives/" + p.dir.filename().string()}};
    if (!ok)
        return {{"unit_code", e.unit_code},
                {"fixity_ok", false},
                {"fixity", p.fixity},
                {"fixity_check", fixity},
                {"shown", false}};
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
            {"unit_code", e.unit_code},
            {"captured", date_vi(p.captured)},
            {"captured_iso", p.captured},
            {"pages", integer_vi(static_cast<long long>(p.pages))},
            {"files", integer_vi(static_cast<long long>(files))},
            {"redirects", integer_vi(static_cast<long long>(p.redirects))},
            {"fixity_ok", ok},
            {"fixity", p.fixity},
            {"fixity_check", fixity},
            {"shown", true},
            {"demonstration", p.demonstration.empty() ? json() : json(p.demonstration)},
            {"hosts", hosts},
            {"hosts_text", hosts_text},
            {"search_href", e.search_href.empty() ? json() : json(e.search_href)},
            {"sources", sources}};
}

std::vector<std::string> render_archive(
    const BuildContext& ctx, const ArchiveSet::Entry& entry, OutputDir& out,
    std::atomic<std::size_t>& pages,
    const std::function<void(const archive::ArchivedItem&)>& index) {
    std::vector<std::string> warnings;
    const auto& fc = entry.package.fixity_check;
    for (const auto& n : fc.notes)
        warnings.push_back(entry.package.dir.string() + ": " + n);
    if (entry.package.fixity != "valid") {
        std::string w = entry.package.dir.string() + ": fixity check failed; the archive view " +
                        entry.prefix + " is not built (run `xasite archive verify " +
                        entry.package.dir.string() + "`):";
        for (const auto& p : fc.problems)
            w += "\n  " + p;
        warnings.push_back(std::move(w));
        return warnings;
    }
    archive::ViewOptions o;
    o.prefix = entry.prefix;
    o.landing_href = entry.prefix;
    o.search_href = entry.search_href;
    o.successor_sites = entry.successors;
    o.kept_as = entry.kept_as;
    o.base_url = ctx.content.config.base_url;
    archive::ViewSummary s;
    // The view's links to the successors' sites: absolute when those are on hosts of their own.
    const SiteLinks links(ctx.content);
    try {
        s = archive::render_view(
            entry.package, o,
            [&](std::string_view path, std::string_view bytes) {
                if (links.split() && path.size() > 5 && path.substr(path.size() - 5) == ".html") {
                    std::string html(bytes);
                    if (links.rewrite_html(path, html) > 0) {
                        out.write(path, html);
                        pages.fetch_add(1);
                        return;
                    }
                }
                out.write(path, bytes);
                if (path.size() > 5 && path.substr(path.size() - 5) == ".html") pages.fetch_add(1);
            },
            index);
    } catch (const InputError& e) {
        // A payload whose SHA-256 changed after the check (read_record_payload): the view stops.
        warnings.push_back(entry.package.dir.string() + ": the archive view " + entry.prefix +
                           " stopped: " + e.what());
        return warnings;
    }
    for (auto& w : s.warnings)
        warnings.push_back(entry.package.dir.string() + ": " + w);
    return warnings;
}

}  // namespace xasite::site
