// What `xasite build` puts into the search index (docs/SEARCH-INDEX.md, "What the build indexes"):
// every procedure listed on the commune sites, every published document, the communes' and the
// province's own pages, a "Giới thiệu" and "Liên hệ" entry per commune, and one entry per old
// commune and district of the old→new lookup. Archived pages come from the archive views.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "archive/view/archive_view.hpp"
#include "generator/content/content.hpp"
#include "generator/procedures/procedure.hpp"
#include "generator/site/archives.hpp"
#include "search/index.hpp"

namespace xasite::site {

struct BuildContext;
struct PublishedDocument;

// id "procedure/<code>", title = name, unit_path "thu-tuc/<code>.html" (the page every commune
// site carries), fallback_url = the national portal's page, units empty (every commune); filters:
// field, levels, online level, boundary-free; date = updated, else the publishing decision's date.
search::SearchDocument procedure_search_document(const procedures::Procedure& p,
                                                 const content::SiteConfig& config);

// id "directive/<slug>", code = number and symbol. Published on every commune site: unit_path
// "van-ban/<slug>/"; on some: the same with those units; on the province site only: url
// "van-ban/<slug>/" and the province's code as its unit. Unit-less searches link to the province
// site's copy.
search::SearchDocument document_search_document(const PublishedDocument& d,
                                                const std::string& province_code);

// A Markdown page at `url` (a path from the output root) of the unit `unit_code`.
search::SearchDocument page_search_document(const content::Page& p, const std::string& url,
                                            const std::string& unit_code);

// The registry's entries: "Giới thiệu" (name, type, area, population, seat, predecessors) and
// "Liên hệ" of each built commune, and each old commune and district with its successors (linked
// to the old→new lookup page, filed under the successors' codes).
std::vector<search::SearchDocument> registry_search_documents(const BuildContext& ctx);

// The pages the site renderers report while they run in parallel; added to the index in id order
// after rendering, so that two builds number the documents alike.
class SearchPageCollector {
  public:
    void add(search::SearchDocument doc);
    std::vector<search::SearchDocument> take_sorted();

  private:
    std::mutex mutex_;
    std::vector<search::SearchDocument> docs_;
};

// An archived page or attachment of an old district or old commune: type "archive", its own path
// in the archive view, filed under the successor units (so their searches find it) and the old
// unit's code (old_unit filter).
search::SearchDocument archive_search_document(const archive::ArchivedItem& item,
                                               const ArchiveSet::Entry& entry);

// Adds the procedures, documents and registry entries. The communes' and the province's Markdown
// pages are added by the site renderers, which decide their final paths.
void feed_search_index(const BuildContext& ctx, search::IndexWriter& index);

}  // namespace xasite::site
