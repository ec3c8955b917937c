// The procedure catalog as the commune sites show it: which records are listed, grouped by field
// (lĩnh vực) with unique slugs, the facets (level, online level, boundary-free), and one shared
// JSON view per record (built once, rendered into every commune site).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/content/content.hpp"

namespace xasite::site {

struct FieldGroup {
    std::string name;
    std::string slug;                 // unique among fields ("thi-dua-khen-thuong", "…-2")
    std::vector<std::size_t> listed;  // indices into Content::procedures, in display order
};

struct Facet {
    std::string slug;   // "truc-tuyen-toan-trinh"
    std::string label;  // "Dịch vụ công trực tuyến toàn trình"
    std::string description;
    std::string group;  // "Mức độ trực tuyến" | "Cấp thực hiện" | "Phạm vi tiếp nhận"
    std::vector<std::size_t> listed;
};

// Why a procedure is not on the commune sites, and who receives it instead.
struct Elsewhere {
    std::string rule;      // a rule id of procedure-scope.json, or "cap-bo-tinh" (by level)
    std::string receiver;  // "Chi cục Hải quan khu vực …"
    std::string reason;
};

// What the scope rules did, for the build summary and the province's review page.
struct CatalogReport {
    std::vector<std::pair<std::string, std::size_t>> excluded_by_rule;  // rule id → count
    std::vector<std::pair<std::string, std::size_t>> field_aliases;     // spelling → re-filed
    std::vector<std::size_t> other_province;       // copies of other provinces' procedures
    std::vector<std::string> other_province_name;  // per entry of other_province
    std::vector<std::size_t> malformed;  // codes that are not national codes: not published
    std::vector<std::vector<std::size_t>> same_name;  // published records sharing a name
    std::vector<std::size_t> place_restricted;        // not boundary-free: the text ties a place
};

struct Catalog {
    std::vector<std::size_t> listed;   // in force and shown on commune sites, display order
    std::vector<std::size_t> retired;  // replaced or abolished: pages kept, hidden from lists
    // In force but not received at commune centres (a scope rule, or ministry/province level
    // only): one page each on the province site, saying who receives them.
    std::vector<std::size_t> not_listed;
    std::vector<Elsewhere> elsewhere_of;     // per procedure index (empty rule when on communes)
    std::vector<FieldGroup> fields;          // Vietnamese alphabetical order
    std::vector<Facet> facets;               // only facets with at least one procedure
    std::vector<std::string> field_slug_of;  // per procedure index ("" when not listed)
    std::vector<bool> boundary_free_of;      // effective flag per procedure
    std::vector<std::string> place_restriction_of;  // the phrase that ties a record to a place
    std::vector<nlohmann::json> views;              // per procedure index: {"procedure": {...}}
    std::vector<std::string> warnings;              // slug collisions etc.
    CatalogReport report;

    static Catalog build(const content::Content& content, const std::string& build_date);
};

// A national procedure code: one digit, '.', six digits ("1.001193").
bool is_national_code(std::string_view code);

// Labels used on pages and in facets.
const char* channel_label(procedures::Channel c);
const char* level_label(procedures::Level l);
const char* online_label(procedures::OnlineLevel o);
const char* status_label(procedures::Status s);

}  // namespace xasite::site
