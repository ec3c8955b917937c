// Internal to the site module: renders pages of one site (a commune or the province) through the
// theme into the output directory, and remembers what it wrote for sitemap.xml.
#pragma once

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/site/output.hpp"
#include "generator/site/site_links.hpp"
#include "generator/site/theme.hpp"

namespace xasite::site {

struct SitemapEntry {
    std::string path;  // relative to the site root ("" for the home page)
    std::string lastmod;
};

class SiteRenderer {
  public:
    // prefix: the site's folder inside the output ("xa-ea-kar/" or "" for the province site).
    // base_url: the site's absolute URL (for canonical links and sitemap.xml).
    // base_path: the URL path of the site root ("/xa-ea-kar/"), for pages served at any URL (404).
    // links: which links of a page cross to a site on another host (made absolute when written).
    SiteRenderer(const Theme& theme, OutputDir& out, const nlohmann::json& globals,
                 const nlohmann::json& site, std::string prefix, std::string base_url,
                 std::string base_path, std::string layout, std::atomic<std::size_t>& page_counter,
                 const SiteLinks& links);

    // Renders pages/<page_template> inside the layout at <dir>index.html (or at <dir> itself when
    // it ends in ".html"). `view` must hold
    // "page": {title, description, section, …}; this fills in root, province_root, canonical,
    // the navigation, and records the page for the sitemap. `shared` (optional) is a view shared
    // between sites (a procedure, a list), looked up after `view`.
    void page(const std::string& dir, const std::string& page_template, nlohmann::json& view,
              const nlohmann::json* shared = nullptr, const std::string& lastmod = "",
              bool in_sitemap = true);
    // A page served at any URL (404.html): links are made absolute to the site's base path.
    void error_page(const std::string& file, const std::string& page_template,
                    nlohmann::json& view);
    // Renders a standalone template (feeds/…) to `file`.
    void feed(const std::string& file, const std::string& template_path,
              const nlohmann::json& view);
    void file(const std::string& file, std::string_view data);

    const std::vector<SitemapEntry>& sitemap() const { return sitemap_; }
    const std::string& base_url() const { return base_url_; }
    const Theme& theme() const { return theme_; }
    const std::string& layout() const { return layout_; }

  private:
    const Theme& theme_;
    OutputDir& out_;
    const nlohmann::json& globals_;
    const nlohmann::json& site_;
    std::string prefix_, base_url_, base_path_, layout_;
    std::atomic<std::size_t>& pages_;
    const SiteLinks& links_;
    std::vector<SitemapEntry> sitemap_;
    std::string buffer_;
    void fill_common(nlohmann::json& view, const std::string& dir, const std::string& root,
                     const std::string& province_root);
};

// "../" repeated for the depth of a directory path ("thu-tuc/1.001193/" → "../../"); "./" at the
// root.
std::string relative_root(const std::string& dir);

// The "page" view every page starts from: title, description, section (the menu key), dates,
// breadcrumbs ({label, href} relative to the site root) and the OpenGraph type.
nlohmann::json page_meta(const std::string& title, const std::string& description,
                         const std::string& section, const std::string& published,
                         const std::string& updated,
                         nlohmann::json breadcrumbs = nlohmann::json::array(),
                         const char* og_type = "website");
nlohmann::json breadcrumb(const std::string& label, const std::string& href);

// The path part of an absolute URL ("https://daklak.gov.vn/xa-ea-kar/" → "/xa-ea-kar/").
std::string url_path(const std::string& url);

}  // namespace xasite::site
