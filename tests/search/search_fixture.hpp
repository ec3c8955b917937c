// Test helper: a search index made from the real content the way `xasite build` feeds IndexWriter
// (docs/SEARCH-INDEX.md, "What the build indexes"), without building the sites:
//   procedures (content/procedures/*.json): id "procedure/<code>", title = name, unit_path
//     "thu-tuc/<code>.html", fallback_url = the national portal page, units empty (every commune),
//     field, levels, online level, boundary-free, keywords = field, type, agencies, subjects and
//     the record's keywords; body = description, steps, dossier, requirements, result, channels,
//     legal basis;
//   units (content/units/daklak-units.json): set_units(code → slug, full name).
// Extra documents (pages, directives) can be added by the tests.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "generator/procedures/procedure.hpp"
#include "search/index.hpp"
#include "search/searcher.hpp"

namespace xasite::testing {

// The portal's page of a procedure (site.json portal.procedure_url).
std::string portal_url(const std::string& code);

search::SearchDocument procedure_document(const procedures::Procedure& p);

// Every procedure of content/procedures (loaded once per process).
const std::vector<search::SearchDocument>& real_procedure_documents();

// code → (slug, full name) of the 102 new units (loaded once per process).
const std::map<std::string, std::pair<std::string, std::string>>& real_units();

// Writes an index at `dir` (which must not exist) with every real procedure, the units and
// `extra`.
void build_index(const std::filesystem::path& dir,
                 const std::vector<search::SearchDocument>& extra = {});

// Writes an index at `dir` with only `docs` (and the real units).
void build_small_index(const std::filesystem::path& dir,
                       const std::vector<search::SearchDocument>& docs);

// A page document (type "page") of the Ea Kar site.
search::SearchDocument page(const std::string& slug, const std::string& title,
                            const std::string& body);

// A shared index of the real procedures plus a few pages and a directive (see the .cpp), built
// once per process in a temporary directory removed at exit.
const std::filesystem::path& shared_index();

// One searcher over shared_index() with the default weights, opened once per process: opening
// reads the lexicon (word lists and example questions) stored in the index, which is slow under
// the sanitizers. Tests that change weights make their own.
search::Searcher& default_searcher();

// Units used by the extra documents of shared_index().
inline constexpr const char* kUnitEaKar = "24373";

}  // namespace xasite::testing
