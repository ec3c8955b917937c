// Văn bản: the list of the documents a site publishes, lists by type, year and issuer, and one page
// per document with its original file. Shared by the commune sites and the province site.
#include <algorithm>
#include <map>

#include "generator/site/documents.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"

namespace xasite::site::sections {

using nlohmann::json;

namespace {

constexpr std::size_t kDocumentsPerPage = 50;

json list_view(const std::string& title, const std::string& description, const std::string& dir,
               const std::vector<const PublishedDocument*>& docs, std::size_t page,
               std::size_t pages) {
    json items = json::array();
    std::size_t first = (page - 1) * kDocumentsPerPage;
    for (std::size_t k = first; k < docs.size() && k < first + kDocumentsPerPage; ++k)
        items.push_back(docs[k]->row);
    json l = {{"title", title},
              {"description", description},
              {"count", docs.size()},
              {"items", std::move(items)}};
    if (pages > 1) {
        auto href_of = [&](std::size_t n) { return routes::list_page(dir, n); };
        json nums = json::array();
        for (std::size_t n = 1; n <= pages; ++n)
            nums.push_back({{"number", n}, {"href", href_of(n)}, {"current", n == page}});
        l["pagination"] = {{"current", page},
                           {"total", pages},
                           {"prev_href", page > 1 ? json(href_of(page - 1)) : json()},
                           {"next_href", page < pages ? json(href_of(page + 1)) : json()},
                           {"pages", std::move(nums)}};
    }
    return l;
}

struct DocumentsSection {
    std::string key, folder;
    const Theme::SectionLabel& names;
};

// Renders the documents into a site; `commune_site` selects how related procedures are linked (to
// the site's own procedure pages, or to the national portal on the province site). Returns the
// feed entries of the documents.
json render_documents(SiteRenderer& r, const DocumentsSection& section,
                      const std::vector<const PublishedDocument*>& docs, bool commune_site,
                      const std::string& today, const std::string& effective,
                      const std::string& authority) {
    // Facets: type, year, issuer (each a list of documents, in the same newest-first order).
    struct Facet {
        std::string label, slug;
        std::vector<const PublishedDocument*> docs;
    };
    std::map<std::string, Facet> types, years, issuers;
    for (const auto* d : docs) {
        auto& t = types[d->type_slug];
        t.label = d->type;
        t.slug = d->type_slug;
        t.docs.push_back(d);
        if (!d->year.empty()) {
            auto& y = years[d->year];
            y.label = d->year;
            y.slug = d->year;
            y.docs.push_back(d);
        }
        auto& i = issuers[d->issuer_slug];
        i.label = d->issuer.empty() ? "Không rõ cơ quan ban hành" : d->issuer;
        i.slug = d->issuer_slug;
        i.docs.push_back(d);
    }
    auto facet_links = [](const std::map<std::string, Facet>& facets, const std::string& group,
                          bool newest_first) {
        json arr = json::array();
        for (const auto& [key, f] : facets)
            arr.push_back({{"label", f.label},
                           {"href", routes::document_facet(group, f.slug)},
                           {"count", f.docs.size()}});
        if (newest_first) std::reverse(arr.begin(), arr.end());
        return arr;
    };
    const json facets = {{"types", facet_links(types, "loai", false)},
                         {"years", facet_links(years, "nam", true)},
                         {"issuers", facet_links(issuers, "co-quan", false)}};

    auto render_list = [&](const std::string& dir, const std::string& title,
                           const std::string& description,
                           const std::vector<const PublishedDocument*>& list, json crumbs) {
        std::size_t pages =
            std::max<std::size_t>(1, (list.size() + kDocumentsPerPage - 1) / kDocumentsPerPage);
        for (std::size_t n = 1; n <= pages; ++n) {
            json v;
            v["page"] = page_meta(n == 1 ? title : title + " (trang " + std::to_string(n) + ")",
                                  description, section.key, effective, "", crumbs);
            v["docs"] = list_view(title, description, dir, list, n, pages);
            v["facets"] = facets;
            r.page(routes::list_page(dir, n), "documents", v, nullptr, today);
        }
    };
    const json root_crumb = json::array({breadcrumb(section.names.crumb, section.folder)});
    render_list(
        section.folder, section.names.title,
        "Văn bản chỉ đạo, điều hành của " + authority + " và văn bản gửi " + authority + ".", docs,
        root_crumb);
    auto render_facets = [&](const std::map<std::string, Facet>& facet_map,
                             const std::string& group, const std::string& what) {
        for (const auto& [key, f] : facet_map) {
            json crumbs = root_crumb;
            crumbs.push_back(breadcrumb(f.label, routes::document_facet(group, f.slug)));
            render_list(routes::document_facet(group, f.slug), section.names.title + ": " + f.label,
                        "Văn bản " + what + " " + f.label + ".", f.docs, crumbs);
        }
    };
    render_facets(types, "loai", "loại");
    render_facets(years, "nam", "năm");
    render_facets(issuers, "co-quan", "của");

    json feed = json::array();
    for (const auto* d : docs) {
        const auto& m = d->doc->meta;
        std::string updated = d->date_iso.size() == 10 ? d->date_iso : std::string();
        const std::string page_dir = routes::document(d->slug);
        json v;
        json crumbs = root_crumb;
        crumbs.push_back(breadcrumb(d->row["label"].get<std::string>(), page_dir));
        std::string title = m.subject.empty()
                                ? d->row["label"].get<std::string>()
                                : d->row["label"].get<std::string>() + ": " + m.subject;
        v["page"] =
            page_meta(title, m.subject.empty() ? title : m.subject, section.key,
                      d->date_iso.size() == 10 ? d->date_iso : "", updated, crumbs, "article");
        v["commune_site"] = commune_site;
        const std::string& lastmod = updated.empty() ? today : updated;
        r.page(page_dir, "document", v, &d->view, lastmod);
        r.file(page_dir + d->original_name, d->original);
        feed.push_back({{"title", title},
                        {"href", page_dir},
                        {"updated", rfc3339(lastmod)},
                        {"summary", m.subject}});
    }
    return feed;
}

}  // namespace

void render_commune_documents(const BuildContext&, CommuneSite& s, SiteRenderer& r,
                              const CommuneSection& self) {
    // Documents addressed to this commune (or to every commune), and its own.
    s.document_feed = render_documents(
        r, {std::string(self.key), routes::dir(self.folder), label(r, self.key)}, s.documents,
        /*commune_site=*/true, s.today, s.effective, s.authority);
}

void render_province_documents(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                               const ProvinceSection& self) {
    // Every document of the province and its communes.
    s.document_feed = render_documents(
        r, {std::string(self.key), routes::dir(self.folder), label(r, self.key)}, s.documents,
        /*commune_site=*/false, s.today, s.effective, ctx.content.config.authority);
}

}  // namespace xasite::site::sections
