// SearchDocuments made from the content tree the way `xasite build` feeds IndexWriter (see
// docs/SEARCH-INDEX.md, "What the build indexes"). Used by the search tests and by
// bench/search_bench.cpp; no test framework needed.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "generator/procedures/procedure.hpp"
#include "search/index.hpp"

namespace xasite::search_data {

// The portal's page of a procedure (site.json portal.procedure_url).
std::string portal_url(const std::string& code);

// As `xasite build` makes it (site::procedure_search_document), with the default content's
// site.json.
search::SearchDocument procedure_document(const procedures::Procedure& p);

// The records of `procedures_dir` as the build indexes them: other provinces' copies (by the
// procedure-scope.json beside the folder, when there is one) left out.
std::vector<search::SearchDocument> procedure_documents(
    const std::filesystem::path& procedures_dir);

// code → (slug, full name) of the new units in content/units/daklak-units.json.
std::map<std::string, std::pair<std::string, std::string>> unit_map(
    const std::filesystem::path& units_json);

// Two pages per unit ("Giới thiệu" with the predecessor units, "Liên hệ"), standing in for the
// pages of the 102 commune sites when measuring a province-sized index.
std::vector<search::SearchDocument> unit_pages(const std::filesystem::path& units_json);

}  // namespace xasite::search_data
