// The province entry site: all units by type, the old→new lookup, the public-service centres, the
// archive landing pages of the dissolved districts, and pages from content/pages/.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "generator/site/output.hpp"
#include "generator/site/theme.hpp"
#include "generator/site/views.hpp"

namespace xasite::site {

// Renders the province site at the output root. Returns warnings (page paths that collided).
std::vector<std::string> render_province_site(const BuildContext& ctx, const Theme& theme,
                                              OutputDir& out, std::atomic<std::size_t>& pages);

}  // namespace xasite::site
