// Official documents as the sites publish them: one page per document (metadata table, structured
// body, the original file to download, related procedures), lists with facets by type, year and
// issuer. The province site publishes every document; a commune site publishes those addressed to
// communes in general ("UBND các xã, phường"), those naming it, those it issued, and those whose
// front matter lists it.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/content/content.hpp"
#include "generator/site/catalog.hpp"

namespace xasite::site {

struct PublishedDocument {
    const directives::Document* doc = nullptr;
    std::string slug;           // unique across the province: van-ban/<slug>/
    std::string original_name;  // the original file's name inside van-ban/<slug>/
    std::string date_iso;       // "2025-06-14", "2025-06", "2025" or ""
    std::string year;           // "2025" or ""
    std::string type, type_slug;
    std::string issuer, issuer_slug;  // display form ("Ủy ban nhân dân tỉnh Đắk Lắk")
    bool all_units = false;           // published on every commune site
    std::set<std::string> units;      // commune codes it is published on (when not all_units)
    nlohmann::json view;              // {"document": {...}}, shared by every site that publishes it
    nlohmann::json row;               // the list entry
    std::string original;  // the original file's bytes (read once, copied into each site)
};

struct DocumentSet {
    std::vector<PublishedDocument> docs;  // newest first, then by slug
    std::vector<std::string> warnings;

    static DocumentSet build(const content::Content& content, const Catalog& catalog);
    // The documents a commune site publishes.
    std::vector<const PublishedDocument*> for_unit(const std::string& code) const;
    std::vector<const PublishedDocument*> all() const;
};

// Which communes a document is addressed to, read from its recipients and distribution list and
// its issuer: all of them ("UBND các xã, phường", "các xã, phường, thị trấn"…) or those named
// ("UBND xã Ea Kar", "phường Tân An"). Exposed for tests.
struct Addressees {
    bool all_communes = false;
    std::set<std::string> units;
};
Addressees addressees(const directives::Metadata& meta, const units::Registry& registry);

}  // namespace xasite::site
