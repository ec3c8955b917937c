#include "generator/site/site_renderer.hpp"

#include "generator/site/format.hpp"

namespace xasite::site {

std::string relative_root(const std::string& dir) {
    std::size_t depth = 0;
    for (char c : dir)
        if (c == '/') ++depth;
    if (depth == 0) return "./";
    std::string r;
    r.reserve(depth * 3);
    for (std::size_t i = 0; i < depth; ++i)
        r += "../";
    return r;
}

nlohmann::json breadcrumb(const std::string& label, const std::string& href) {
    return {{"label", label}, {"href", href}};
}

nlohmann::json page_meta(const std::string& title, const std::string& description,
                         const std::string& section, const std::string& published,
                         const std::string& updated, nlohmann::json breadcrumbs,
                         const char* og_type) {
    return {{"title", title},
            {"description", description},
            {"section", section},
            {"published", published},
            {"updated", updated},
            {"og_type", og_type},
            {"breadcrumbs", std::move(breadcrumbs)}};
}

std::string url_path(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return url.empty() ? "/" : url;
    auto slash = url.find('/', scheme + 3);
    return slash == std::string::npos ? "/" : url.substr(slash);
}

SiteRenderer::SiteRenderer(const Theme& theme, OutputDir& out, const nlohmann::json& globals,
                           const nlohmann::json& site, std::string prefix, std::string base_url,
                           std::string base_path, std::string layout,
                           std::atomic<std::size_t>& page_counter, const SiteLinks& links)
    : theme_(theme),
      out_(out),
      globals_(globals),
      site_(site),
      prefix_(std::move(prefix)),
      base_url_(std::move(base_url)),
      base_path_(std::move(base_path)),
      layout_(std::move(layout)),
      pages_(page_counter),
      links_(links) {
    buffer_.reserve(1 << 16);
}

void SiteRenderer::fill_common(nlohmann::json& view, const std::string& dir,
                               const std::string& root, const std::string& province_root) {
    auto& page = view["page"];
    page["dir"] = dir;
    page["root"] = root;
    page["province_root"] = province_root;
    page["canonical"] = base_url_ + dir;
    const std::string section = page.value("section", "");
    if (auto menu = site_.find("menu"); menu != site_.end() && menu->is_array()) {
        nlohmann::json nav = nlohmann::json::array();
        for (const auto& item : *menu) {
            nlohmann::json n = item;
            n["current"] = item.value("key", "") == section;
            nav.push_back(std::move(n));
        }
        view["nav"] = std::move(nav);
    }
    for (const char* key : {"published", "updated"}) {
        auto it = page.find(key);
        if (it != page.end() && it->is_string())
            page[std::string(key) + "_vi"] = date_vi(it->get<std::string>());
    }
}

void SiteRenderer::page(const std::string& dir, const std::string& page_template,
                        nlohmann::json& view, const nlohmann::json* shared,
                        const std::string& lastmod, bool in_sitemap) {
    std::string root = relative_root(dir);
    fill_common(view, dir, root, (root == "./" ? std::string("../") : root + "../"));
    if (prefix_.empty()) view["page"]["province_root"] = root;
    const auto& tmpl = theme_.page(layout_, page_template);
    buffer_.clear();
    if (shared)
        tmpl.render({&globals_, &site_, shared, &view}, buffer_);
    else
        tmpl.render({&globals_, &site_, &view}, buffer_);
    const bool is_file = dir.size() > 5 && dir.compare(dir.size() - 5, 5, ".html") == 0;
    const std::string file = prefix_ + dir + (is_file ? "" : "index.html");
    links_.rewrite_html(file, buffer_);
    out_.write(file, buffer_);
    pages_.fetch_add(1, std::memory_order_relaxed);
    if (in_sitemap) sitemap_.push_back({dir, lastmod});
}

void SiteRenderer::error_page(const std::string& file, const std::string& page_template,
                              nlohmann::json& view) {
    // Served for any missing URL, so relative links would break: use the site's base path.
    std::string province_path = base_path_;
    if (!prefix_.empty() && province_path.size() > 1) {
        std::size_t slash = province_path.rfind('/', province_path.size() - 2);
        province_path = slash == std::string::npos ? "/" : province_path.substr(0, slash + 1);
    }
    // A commune on a host of its own reaches the province site by its absolute URL.
    if (!prefix_.empty() && links_.split()) province_path = links_.province_url();
    fill_common(view, "", base_path_, province_path);
    view["page"]["canonical"] = nullptr;
    const auto& tmpl = theme_.page(layout_, page_template);
    buffer_.clear();
    tmpl.render({&globals_, &site_, &view}, buffer_);
    links_.rewrite_html(prefix_ + file, buffer_);
    out_.write(prefix_ + file, buffer_);
    pages_.fetch_add(1, std::memory_order_relaxed);
}

void SiteRenderer::feed(const std::string& file, const std::string& template_path,
                        const nlohmann::json& view) {
    buffer_.clear();
    theme_.standalone(template_path).render({&globals_, &site_, &view}, buffer_);
    out_.write(prefix_ + file, buffer_);
}

void SiteRenderer::file(const std::string& file, std::string_view data) {
    out_.write(prefix_ + file, data);
}

}  // namespace xasite::site
