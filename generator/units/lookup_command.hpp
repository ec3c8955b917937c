// `xasite units lookup [--json] NAME…`: old commune/district → new unit(s).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/units/registry.hpp"

namespace xasite::units {

// The DESIGN §3 document for one query:
//   {"query":…, "matches":[{"old":{"code","name","type","district"},
//                           "new":[{"code","name","type","partial"}]}]}
// Matches come from Registry::lookup, in its order. "old.name" is the full name with its type word
// ("Xã Ea Kao", "Huyện Lắk"), "old.type" the type as in the data ("Xã", "Phường", "Thị trấn",
// "Huyện", "Thị xã", "Thành phố"), "old.district" the old district's full name for a commune and
// null for a district. "new.name" is the new unit's full name ("Phường Ea Kao"), "new.type" is "xã"
// or "phường", "partial" says the new unit took only part of the old one. The query is echoed as
// given (invalid UTF-8 bytes become U+FFFD). nlohmann::json objects keep their keys sorted.
nlohmann::json lookup_json(const Registry& registry, const std::string& query);

// Prints one block per query (human text, or one JSON document per query line when json is true).
// Human text, blocks separated by a blank line:
//   xa ea kao:
//     Xã Ea Kao (Thành phố Buôn Ma Thuột, tỉnh Đắk Lắk, mã 24169) → Phường Ea Kao (24169)
// a partial successor is followed by "(một phần)"; a query without matches prints
// "  không tìm thấy". Returns 0 when every query matched something, 1 otherwise.
int run_units_lookup(const Registry& registry, const std::vector<std::string>& queries, bool json,
                     std::ostream& out);

}  // namespace xasite::units
