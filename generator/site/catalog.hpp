// The procedure catalog as the commune sites show it: which records are listed, grouped by field
// (lĩnh vực) with unique slugs, the facets (level, online level, boundary-free), and one shared
// JSON view per record (built once, rendered into every commune site).
#pragma once

#include <string>
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

struct Catalog {
    std::vector<std::size_t> listed;   // in force and shown on commune sites, display order
    std::vector<std::size_t> retired;  // replaced or abolished: pages kept, hidden from lists
    std::vector<std::size_t>
        not_listed;                  // in force but not for communes (e.g. ministry level only)
    std::vector<FieldGroup> fields;  // Vietnamese alphabetical order
    std::vector<Facet> facets;       // only facets with at least one procedure
    std::vector<std::string> field_slug_of;  // per procedure index ("" when not listed)
    std::vector<bool> boundary_free_of;      // effective flag per procedure
    std::vector<nlohmann::json> views;       // per procedure index: {"procedure": {...}}
    std::vector<std::string> warnings;       // slug collisions etc.

    static Catalog build(const content::Content& content, const std::string& build_date);
};

// Labels used on pages and in facets.
const char* channel_label(procedures::Channel c);
const char* level_label(procedures::Level l);
const char* online_label(procedures::OnlineLevel o);
const char* status_label(procedures::Status s);

}  // namespace xasite::site
