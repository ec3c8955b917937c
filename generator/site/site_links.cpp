#include "generator/site/site_links.hpp"

#include <nlohmann/json.hpp>

#include "core/url.hpp"
#include "generator/content/content.hpp"
#include "generator/content/site_config.hpp"
#include "generator/site/site_renderer.hpp"

namespace xasite::site {

namespace {

std::vector<std::string> unit_slugs(const content::Content& content) {
    std::vector<std::string> slugs;
    for (const auto& u : content.registry.new_units())
        slugs.push_back(u.slug);
    return slugs;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// A stand-in origin to resolve relative references against output paths with core/url.
constexpr std::string_view kOrigin = "http://xasite.invalid/";

}  // namespace

SiteLinks::SiteLinks(const content::SiteConfig& config, const std::vector<std::string>& slugs)
    : base_url_(config.base_url),
      base_path_(url_path(config.base_url)),
      unit_pattern_(config.unit_url),
      slugs_(slugs.begin(), slugs.end()) {
    // unit_base_url fills {base_url} and {slug}; kept here as a pattern so no SiteConfig is held.
    auto fill = [](std::string pattern, std::string_view key, std::string_view value) {
        const std::string token = "{" + std::string(key) + "}";
        for (std::size_t pos = 0; (pos = pattern.find(token, pos)) != std::string::npos;
             pos += value.size())
            pattern.replace(pos, token.size(), value);
        return pattern;
    };
    unit_pattern_ = fill(unit_pattern_, "base_url", base_url_);
    for (const auto& s : slugs_)
        if (is_split(s)) split_ = true;
}

SiteLinks::SiteLinks(const content::Content& content)
    : SiteLinks(content.config, unit_slugs(content)) {}

std::string SiteLinks::unit_url(std::string_view slug) const {
    std::string url = unit_pattern_;
    const std::string token = "{slug}";
    for (std::size_t pos = 0; (pos = url.find(token, pos)) != std::string::npos; pos += slug.size())
        url.replace(pos, token.size(), slug);
    if (url.empty() || url.back() != '/') url += '/';
    return url;
}

bool SiteLinks::is_split(std::string_view slug) const {
    return unit_url(slug) != base_url_ + std::string(slug) + "/";
}

std::string_view SiteLinks::site_of(std::string_view path) const {
    std::string_view first = path.substr(0, path.find('/'));
    if (first.empty() || first.size() == path.size()) return {};  // a file at the root
    auto it = slugs_.find(first);
    return it == slugs_.end() ? std::string_view() : std::string_view(*it);
}

std::string SiteLinks::url_of(std::string_view path) const {
    std::string_view slug = site_of(path);
    if (slug.empty()) return base_url_ + std::string(path);
    return unit_url(slug) + std::string(path.substr(slug.size() + 1));
}

std::vector<std::pair<std::string, std::string>> SiteLinks::split_sites() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& s : slugs_)
        if (is_split(s)) out.emplace_back(s, unit_url(s));
    return out;
}

std::string SiteLinks::sites_json() const {
    nlohmann::json sites = nlohmann::json::array();
    sites.push_back({{"url", base_url_}, {"dir", ""}});
    for (const auto& s : slugs_)
        sites.push_back({{"url", unit_url(s)}, {"dir", s + "/"}});
    return nlohmann::json{{"sites", std::move(sites)}}.dump(1) + "\n";
}

std::size_t SiteLinks::rewrite_html(std::string_view file, std::string& html) const {
    if (!split_) return 0;
    const std::string_view from_site = site_of(file);
    const bool from_split = !from_site.empty() && is_split(from_site);
    const auto page = url::parse_absolute_url(std::string(kOrigin) + std::string(file));
    if (!page) return 0;
    std::size_t changed = 0;
    std::string out;
    out.reserve(html.size() + 256);
    std::size_t copied = 0;
    // Where a link leads, as an output path, when it can lead to another site; nullopt otherwise.
    auto target_of = [&](std::string_view value) -> std::optional<std::string> {
        if (value.empty() || value.front() == '#' || value.front() == '?') return std::nullopt;
        if (starts_with(value, "//")) return std::nullopt;
        if (url::scheme_length(value) > 0) {
            // The province's own absolute URLs that are really a split commune's.
            if (!starts_with(value, base_url_)) return std::nullopt;
            std::string rest(value.substr(base_url_.size()));
            std::string_view slug = site_of(rest);
            if (slug.empty() || !is_split(slug)) return std::nullopt;
            return rest;
        }
        if (value.front() == '/') {
            // Root-absolute: on a commune's own host it stays there (its 404 page).
            if (from_split || !starts_with(value, base_path_)) return std::nullopt;
            return std::string(value.substr(base_path_.size()));
        }
        auto r = url::resolve_url(*page, value);
        if (!r || r->host != "xasite.invalid" || r->path.empty()) return std::nullopt;
        std::string path = r->path.substr(1);
        if (r->has_query) path += "?" + r->query;
        if (r->has_fragment) path += "#" + r->fragment;
        return path;
    };
    for (std::size_t pos = 0; pos < html.size();) {
        std::size_t eq = html.find("=\"", pos);
        if (eq == std::string::npos) break;
        std::size_t name_start = eq;
        while (name_start > 0 && std::isalpha(static_cast<unsigned char>(html[name_start - 1])))
            --name_start;
        std::string_view name(html.data() + name_start, eq - name_start);
        std::size_t value_start = eq + 2;
        std::size_t value_end = html.find('"', value_start);
        if (value_end == std::string::npos) break;
        pos = value_end + 1;
        if (name_start == 0 || !std::isspace(static_cast<unsigned char>(html[name_start - 1])) ||
            (name != "href" && name != "src" && name != "action"))
            continue;
        std::string_view value(html.data() + value_start, value_end - value_start);
        auto target = target_of(value);
        if (!target) continue;
        std::string_view to_site = site_of(*target);
        if (to_site == from_site) continue;  // the same site: stays as it is
        const bool to_split = !to_site.empty() && is_split(to_site);
        if (!from_split && !to_split) continue;  // both on the province host
        out.append(html, copied, value_start - copied);
        out += url_of(*target);
        copied = value_end;
        ++changed;
    }
    if (changed == 0) return 0;
    out.append(html, copied, std::string::npos);
    html = std::move(out);
    return changed;
}

}  // namespace xasite::site
