// The pages of one commune site, and the list views every commune site shares.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/site/output.hpp"
#include "generator/site/theme.hpp"
#include "generator/site/views.hpp"

namespace xasite::site {

inline constexpr std::size_t kListPageSize = 100;

// A paginated list shown on every commune site: one JSON view per page of the list.
struct SharedList {
    std::string dir;  // "thu-tuc/linh-vuc/ho-tich/"
    std::string title;
    std::vector<nlohmann::json> pages;  // {"list": {...}}; page i is at dir + "trang-<i+1>/" (i>0)
};

struct SharedViews {
    nlohmann::json procedures_index;   // {"catalog": {...}} for thu-tuc/
    std::vector<SharedList> lists;     // fields, facets, retired
    nlohmann::json fields_brief;       // [{name, slug, count}] for home and sitemap pages
    nlohmann::json recent_procedures;  // the most recently updated records, for the Atom feed
    std::string export_json;           // du-lieu/thu-tuc.json: every listed procedure
    std::string export_csv;            // du-lieu/thu-tuc.csv: the same, for spreadsheets

    static SharedViews build(const BuildContext& ctx);
};

// Renders every page and file of one commune site into `out` (folder unit_dir(unit)).
// Returns warnings (page paths changed to avoid a collision).
std::vector<std::string> render_unit_site(const BuildContext& ctx, const SharedViews& shared,
                                          const Theme& theme, const units::NewUnit& unit,
                                          OutputDir& out, std::atomic<std::size_t>& pages);

}  // namespace xasite::site
