// Fuzz target: parse_predecessor_text on arbitrary bytes, then (for inputs up to 4 KiB) resolution
// of the same text and a lookup against the real registry, loaded once from content/units (found
// via $XASITE_UNITS_JSON, else relative to this source file). When the registry cannot be loaded
// only the parser runs. Nothing may throw or crash; the parsed fragments must be valid UTF-8.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "generator/units/registry.hpp"

namespace {

const xasite::units::Registry* real_registry() {
    static const std::unique_ptr<xasite::units::Registry> registry = [] {
        std::filesystem::path path;
        if (const char* env = std::getenv("XASITE_UNITS_JSON"))
            path = env;
        else
            path = std::filesystem::path(__FILE__).parent_path().parent_path() / "content" /
                   "units" / "daklak-units.json";
        try {
            return std::make_unique<xasite::units::Registry>(xasite::units::Registry::load(path));
        } catch (const std::exception&) {
            return std::unique_ptr<xasite::units::Registry>();
        }
    }();
    return registry.get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    for (const auto& f : xasite::units::parse_predecessor_text(input)) {
        if (!xasite::text::is_valid_utf8(f.raw) || !xasite::text::is_valid_utf8(f.name) ||
            !xasite::text::is_valid_utf8(f.district_hint) ||
            !xasite::text::is_valid_utf8(f.remainder_of))
            std::abort();
    }
    if (size > 4096) return 0;
    if (const auto* registry = real_registry()) {
        std::vector<xasite::units::Warning> warnings;
        auto resolved =
            registry->resolve_predecessor_text(input, "24169", "Phường Ea Kao", warnings);
        for (const auto& p : resolved)
            if (!registry->find_old_commune(p.old_code)) std::abort();
        for (const auto& m : registry->lookup(input))
            if ((m.commune == nullptr) == (m.district == nullptr)) std::abort();
    }
    return 0;
}
