// Links between the sites of one build when communes are on hosts of their own (site.json
// "unit_url": "https://{slug}.daklak.gov.vn/"). The one place that says which site an output path
// belongs to (a commune's folder, or the province site with the archives), what its public URL is,
// and which links of a page must be absolute: pages are rendered with relative links everywhere
// (the templates never know about hosts); rewrite_html() then makes every link that crosses from
// one site to another on another host absolute ("https://daklak.gov.vn/tra-cuu-don-vi/"), and
// leaves links within one site relative. With every commune under base_url (the default) nothing
// is rewritten.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xasite::content {
struct SiteConfig;
struct Content;
}  // namespace xasite::content

namespace xasite::site {

class SiteLinks {
  public:
    // `slugs`: every commune site's folder name (the registry's new units, built or not).
    SiteLinks(const content::SiteConfig& config, const std::vector<std::string>& slugs);
    explicit SiteLinks(const content::Content& content);

    // True when some commune site is not served at base_url + its folder (another host or path).
    bool split() const { return split_; }
    const std::string& province_url() const { return base_url_; }

    // The commune folder an output path belongs to ("xa-ea-kar" for "xa-ea-kar/thu-tuc/x.html"),
    // "" for the province site, its assets and the archives.
    std::string_view site_of(std::string_view output_path) const;
    // The public URL of an output path ("xa-ea-kar/thu-tuc/x.html" →
    // "https://xa-ea-kar.daklak.gov.vn/thu-tuc/x.html").
    std::string url_of(std::string_view output_path) const;

    // Rewrites the href, src and action attributes (double-quoted, as the templates, cmark and the
    // archive view write them) of the HTML page written at `file` (an output path) that lead to
    // another site on another host: relative ones, root-absolute ones on the province host, and
    // absolute URLs under base_url that are a split commune's. Returns how many it changed.
    std::size_t rewrite_html(std::string_view file, std::string& html) const;

    // Every commune site's folder name, sorted.
    std::vector<std::string> all_sites() const { return {slugs_.begin(), slugs_.end()}; }
    // The commune sites on a URL of their own: (slug, URL), by slug.
    std::vector<std::pair<std::string, std::string>> split_sites() const;

    // ".xasite-sites.json": the public URL of each site of the output and its folder, for
    // `xasite check` (which maps absolute links to these hosts onto the output's files).
    std::string sites_json() const;

  private:
    std::string base_url_, base_path_;
    std::string unit_pattern_;
    std::set<std::string, std::less<>> slugs_;
    bool split_ = false;
    std::string unit_url(std::string_view slug) const;
    bool is_split(std::string_view slug) const;
};

// The name of the file sites_json() is written to, at the output root.
inline constexpr const char* kSitesFile = ".xasite-sites.json";

}  // namespace xasite::site
