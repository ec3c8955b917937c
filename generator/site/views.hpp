// JSON views of the content model for the templates (the names templates use are documented in
// docs/TEMPLATES.md). Built once per build (globals, catalog lists) or once per site (unit).
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "generator/content/content.hpp"
#include "generator/site/catalog.hpp"
#include "generator/site/context.hpp"

namespace xasite::site {

nlohmann::json globals_view(const content::Content& content, const std::string& build_date);

// {"site": {...}} for a commune site (the menu comes from its section table: sections/).
nlohmann::json unit_site_view(const BuildContext& ctx, const units::NewUnit& unit);
// {"site": {...}} for the province site.
nlohmann::json province_site_view(const BuildContext& ctx);

// Display label of a new unit type: "xã" → "Xã", "phường" → "Phường".
std::string unit_type_title(const std::string& type);

}  // namespace xasite::site
