// `xasite units lookup [--json] NAME…`: old commune/district → new unit(s).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/units/registry.hpp"

namespace xasite::units {

// {"query":…, "matches":[{"old":{"code","name","type","district"}, "new":[{"code","name","type","partial"}]}]}
// (DESIGN §3). "district" is the old district's full name for a commune and null for a district.
nlohmann::json lookup_json(const Registry& registry, const std::string& query);

// Prints one block per query (human text, or one JSON document per query line when json is true).
// Returns 0 when every query matched something, 1 otherwise.
int run_units_lookup(const Registry& registry, const std::vector<std::string>& queries, bool json,
                     std::ostream& out);

}  // namespace xasite::units
