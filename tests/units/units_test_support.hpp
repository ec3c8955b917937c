// Helpers for the units tests: the real registry, loaded once from content/units.
#pragma once

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "generator/units/registry.hpp"
#include "test_support.hpp"

namespace xasite::units::testing {

inline std::filesystem::path real_units_json() {
    return ::xasite::testing::content_dir() / "units" / "daklak-units.json";
}

// Loaded once; Registry::load is deterministic, so sharing it between tests is safe.
inline const Registry& real_registry() {
    static const Registry registry = Registry::load(real_units_json());
    return registry;
}

inline const Predecessor* predecessor(const NewUnit& unit, const std::string& old_code) {
    auto it = std::find_if(unit.predecessors.begin(), unit.predecessors.end(),
                           [&](const Predecessor& p) { return p.old_code == old_code; });
    return it == unit.predecessors.end() ? nullptr : &*it;
}

inline std::vector<std::string> codes(const std::vector<Successor>& successors) {
    std::vector<std::string> out;
    for (const Successor& s : successors)
        out.push_back(s.unit->code);
    return out;
}

inline std::vector<std::string> old_codes(const NewUnit& unit) {
    std::vector<std::string> out;
    for (const Predecessor& p : unit.predecessors)
        out.push_back(p.old_code);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace xasite::units::testing
