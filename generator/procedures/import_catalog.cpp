// The national catalog list (catalog-1350/catalog.json): [{code, name, field}, …] → catalog-only
// records. Quirks are kept as published (malformed codes, province prefixes in names); the caller
// warns about malformed codes and duplicate codes.
#include "core/error.hpp"
#include "generator/procedures/import_formats.hpp"

namespace xasite::procedures::importers {

std::vector<Procedure> parse_catalog(const nlohmann::json& document, const Origin& origin,
                                     Warnings& warnings) {
    if (!document.is_array())
        throw InputError(origin.display,
                         std::string("expected a JSON array of {code, name, field}, got ") +
                             document.type_name());
    std::vector<Procedure> records;
    records.reserve(document.size());
    for (std::size_t i = 0; i < document.size(); ++i) {
        std::string where = origin.display + ": record " + std::to_string(i + 1);
        SourceRecord r(document[i], where);
        Procedure p;
        p.code = r.text("code");
        p.name = r.text("name");
        p.field = r.text("field");
        if (p.code.empty() || p.name.empty() || p.field.empty()) {
            std::string missing = p.code.empty() ? "code" : p.name.empty() ? "name" : "field";
            warnings.push_back(where + ": no " + missing + "; skipped");
            continue;
        }
        p.detail = Detail::catalog;
        p.sources.push_back(Source{kKindCatalog, origin.file, origin.note});
        records.push_back(std::move(p));
    }
    return records;
}

}  // namespace xasite::procedures::importers
