// The two section tables, and what follows from them: the menus, the names a page may not take,
// the templates compiled before anything is written.
#include <algorithm>

#include "core/error.hpp"

#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;
namespace r = routes;

// Rendering order: sitemap.xml lists the pages in this order; the feeds need every page before
// them, and the documents' feed entries.
const std::vector<CommuneSection>& commune_sections() {
    using K = PageKind;
    static const std::vector<CommuneSection> table = {
        {"trang-chu", "", {"home"}, 1, K::none, render_home},
        {"gioi-thieu", r::kIntro, {"intro"}, 2, K::parts, render_intro},
        {"thu-tuc",
         r::kProcedures,
         {"procedures", "procedure-list", "procedure", "procedure-notice"},
         3,
         K::none,
         render_procedures},
        {"van-ban", r::kDocuments, {"documents", "document"}, 4, K::none, render_commune_documents},
        {"tin-tuc", r::kNews, {"news"}, 5, K::dated, render_news},
        {"lich-cong-tac", r::kSchedule, {"schedule"}, 6, K::dated, render_schedule},
        {"hoi-dap", r::kQuestions, {"questions"}, 7, K::dated, render_questions},
        {"cong-khai", r::kDisclosure, {"disclosure"}, 0, K::none, render_disclosure},
        {kStandalonePages,
         "",
         {"page"},
         8,
         K::standalone,
         render_commune_pages,
         commune_page_menu_items},
        {"lien-he", r::kContact, {"contact"}, 9, K::parts, render_contact},
        {"tra-cuu", r::kSearch, {"search"}, 10, K::none, render_commune_search},
        {"so-do-trang", r::kSitemap, {"sitemap"}, 11, K::none, render_commune_sitemap},
        {"dvc", "", {}, 12, K::none, nullptr, portal_menu_items<CommuneSite>},
        {"khong-tim-thay", r::kNotFound, {"not-found"}, 0, K::none, render_commune_not_found},
        {"feeds",
         "",
         {"feeds/sitemap.xml", "feeds/atom.xml", "feeds/robots.txt"},
         0,
         K::none,
         render_commune_feeds},
        {"du-lieu", r::kExports, {}, 0, K::none, render_exports},
        {"assets", r::kAssets, {}, 0, K::none, render_commune_assets},
    };
    return table;
}

const std::vector<ProvinceSection>& province_sections() {
    using K = PageKind;  // the province's pages are content/pages/*.md without units
    static const std::vector<ProvinceSection> table = {
        {"trang-chu", "", {"province-home"}, 1, K::none, render_province_home},
        {"van-ban",
         r::kDocuments,
         {"documents", "document"},
         4,
         K::none,
         render_province_documents},
        {"tra-cuu-don-vi", r::kUnitLookup, {"unit-lookup"}, 2, K::none, render_unit_lookup},
        {"luu-tru", r::kArchives, {"archives", "archive-district"}, 5, K::none, render_archives},
        {"trung-tam", r::kServiceCentres, {"service-centres"}, 3, K::none, render_service_centres},
        {"thu-tuc",
         r::kProcedures,
         {"province-procedures", "procedure"},
         0,
         K::none,
         render_province_procedures},
        {kStandalonePages, "", {"page"}, 0, K::standalone, render_province_pages},
        {"tra-cuu", r::kSearch, {"search"}, 6, K::none, render_province_search},
        {"so-do-trang", r::kSitemap, {"province-sitemap"}, 7, K::none, render_province_sitemap},
        {"dvc", "", {}, 8, K::none, nullptr, portal_menu_items<ProvinceSite>},
        {"khong-tim-thay", r::kNotFound, {"not-found"}, 0, K::none, render_province_not_found},
        {"feeds",
         "",
         {"feeds/sitemap.xml", "feeds/robots-province.txt", "feeds/atom.xml"},
         0,
         K::none,
         render_province_feeds},
        {"assets", r::kAssets, {}, 0, K::none, render_province_assets},
    };
    return table;
}

namespace {

template <class Site>
json menu_of(const std::vector<Section<Site>>& table, const BuildContext& ctx, const Site& site,
             const Theme& theme, std::string_view layout) {
    std::vector<const Section<Site>*> rows;
    for (const auto& row : table)
        if (row.menu > 0) rows.push_back(&row);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto* a, const auto* b) { return a->menu < b->menu; });
    json menu = json::array();
    for (const auto* row : rows) {
        const auto& names = theme.section_label(layout, row->key);
        if (row->menu_items) {
            for (auto& item : row->menu_items(ctx, site, names))
                menu.push_back(std::move(item));
            continue;
        }
        menu.push_back({{"key", row->key},
                        {"label", names.label},
                        {"href", row->folder.empty() ? std::string() : r::dir(row->folder)},
                        {"external", false}});
    }
    return menu;
}

template <class Site>
std::vector<std::string> reserved_of(const std::vector<Section<Site>>& table,
                                     const std::vector<std::string_view>& extra) {
    std::vector<std::string> names;
    for (const auto& row : table)
        if (!row.folder.empty()) names.emplace_back(row.folder);
    for (auto name : extra)
        names.emplace_back(name);
    return names;
}

template <class Site>
std::vector<std::pair<std::string, std::string>> templates_of(
    const std::vector<Section<Site>>& table, std::string_view layout) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& row : table)
        for (auto t : row.templates)
            if (t.find('/') == std::string_view::npos) out.emplace_back(layout, t);
    return out;
}

template <class Site>
std::vector<std::string> feeds_of(const std::vector<Section<Site>>& table) {
    std::vector<std::string> out;
    for (const auto& row : table)
        for (auto t : row.templates)
            if (t.find('/') != std::string_view::npos) out.emplace_back(t);
    return out;
}

template <class Site>
void check_labels_of(const std::vector<Section<Site>>& table, const Theme& theme,
                     std::string_view layout) {
    for (const auto& row : table)
        theme.section_label(layout, row.key);
}

// Whether a row renders a page of its own (a template that is not a feed).
template <class Site>
bool renders_page(const Section<Site>& row) {
    for (auto t : row.templates)
        if (t.find('/') == std::string_view::npos) return true;
    return false;
}

std::string joined(const std::vector<std::string_view>& names) {
    std::string out;
    for (auto n : names)
        out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

}  // namespace

template <class Site>
json portal_menu_items(const BuildContext& ctx, const Site&, const Theme::SectionLabel& names) {
    return json::array({{{"key", "dvc"},
                         {"label", names.label},
                         {"href", ctx.content.config.portal_url},
                         {"external", true}}});
}
template json portal_menu_items(const BuildContext&, const CommuneSite&,
                                const Theme::SectionLabel&);
template json portal_menu_items(const BuildContext&, const ProvinceSite&,
                                const Theme::SectionLabel&);

json commune_menu(const BuildContext& ctx, const CommuneSite& site, const Theme& theme) {
    return menu_of(commune_sections(), ctx, site, theme, kCommuneLayout);
}

json province_menu(const BuildContext& ctx, const ProvinceSite& site, const Theme& theme) {
    return menu_of(province_sections(), ctx, site, theme, kProvinceLayout);
}

std::vector<std::string> commune_reserved() {
    return reserved_of(commune_sections(), r::unit_reserved_extra());
}

std::vector<std::string> province_reserved() {
    return reserved_of(province_sections(), r::province_reserved_extra());
}

std::vector<std::pair<std::string, std::string>> commune_pages() {
    return templates_of(commune_sections(), kCommuneLayout);
}

std::vector<std::pair<std::string, std::string>> province_pages() {
    return templates_of(province_sections(), kProvinceLayout);
}

std::vector<std::string> commune_feeds() {
    return feeds_of(commune_sections());
}

std::vector<std::string> province_feeds() {
    return feeds_of(province_sections());
}

void check_disclosure(const content::SiteConfig& config) {
    std::vector<std::string_view> folders;
    for (const auto& row : commune_sections())
        if (!row.folder.empty() && row.folder != r::kNotFound && renders_page(row))
            folders.push_back(row.folder);
    for (std::size_t i = 0; i < config.disclosure.size(); ++i) {
        const std::string& section = config.disclosure[i].section;
        if (section.empty() || std::find(folders.begin(), folders.end(), section) != folders.end())
            continue;
        throw InputError(config.source.string(), "field \"disclosure.items[" + std::to_string(i) +
                                                     "].section\": unknown section \"" + section +
                                                     "\" (one of " + joined(folders) + ")");
    }
}

void check_page_sections(const content::Content& content) {
    std::vector<std::string_view> keys;
    for (const auto& row : commune_sections())
        if (row.pages != PageKind::none) keys.push_back(row.key);
    auto check = [&](const content::Page& p) {
        if (std::find(keys.begin(), keys.end(), p.section) != keys.end()) return;
        throw InputError(
            location(p.source, p.section_line),
            "section must be one of " + joined(keys) + "; got '" + p.section + "'",
            "section phải là một trong " + joined(keys) + "; đang ghi '" + p.section + "'");
    };
    for (const auto& [code, pages] : content.unit_pages)
        for (const auto& p : pages)
            check(p);
    for (const auto& p : content.province_pages)
        check(p);
}

void check_labels(const Theme& theme, bool commune, bool province) {
    if (commune) check_labels_of(commune_sections(), theme, kCommuneLayout);
    if (province) check_labels_of(province_sections(), theme, kProvinceLayout);
}

}  // namespace xasite::site::sections
