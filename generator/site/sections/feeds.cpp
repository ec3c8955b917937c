// Machine-readable outputs of a site, written after every page: sitemap.xml (every page in
// rendering order), the Atom feed, robots.txt.
#include "generator/site/routes.hpp"
#include "generator/site/sections/section_renderers.hpp"
#include "generator/site/unit_site.hpp"

namespace xasite::site::sections {

using nlohmann::json;

namespace {

json sitemap_urls(const SiteRenderer& r) {
    json urls = json::array();
    for (const auto& e : r.sitemap())
        urls.push_back({{"loc", r.base_url() + e.path}, {"lastmod", e.lastmod}});
    return urls;
}

json atom_feed(const std::string& title, const std::string& base_url, const std::string& today,
               json entries) {
    return json{{"feed",
                 {{"title", title},
                  {"url", base_url},
                  {"self", base_url + "feed.xml"},
                  {"id", base_url},
                  {"updated", rfc3339(today)},
                  {"entries", std::move(entries)}}}};
}

json feed_entry(const json& item, const std::string& base_url) {
    return {{"title", item["title"]},
            {"url", base_url + item["href"].get<std::string>()},
            {"updated", item["updated"]},
            {"summary", item["summary"]}};
}

}  // namespace

// News (20), documents (20) and the procedures' update log.
void render_commune_feeds(const BuildContext&, CommuneSite& s, SiteRenderer& r,
                          const CommuneSection&) {
    r.feed("sitemap.xml", "feeds/sitemap.xml", json{{"urls", sitemap_urls(r)}});
    json entries = json::array();
    const auto& news = s.pages_of(routes::kNews);
    for (std::size_t k = 0; k < news.size() && k < 20; ++k) {
        const auto* p = news[k];
        std::string date = p->changed().empty() ? s.today : p->changed();
        entries.push_back({{"title", p->title},
                           {"url", s.base_url + s.dir_of[p]},
                           {"updated", rfc3339(date)},
                           {"summary", p->description}});
    }
    for (std::size_t k = 0; k < s.document_feed.size() && k < 20; ++k)
        entries.push_back(feed_entry(s.document_feed[k], s.base_url));
    for (const auto& e : s.shared.recent_procedures)
        entries.push_back(feed_entry(e, s.base_url));
    r.feed("feed.xml", "feeds/atom.xml",
           atom_feed(s.authority, s.base_url, s.today, std::move(entries)));
    r.feed("robots.txt", "feeds/robots.txt", json{{"sitemap", s.base_url + "sitemap.xml"}});
}

// The province's robots.txt lists the sitemap of every commune site built.
void render_province_feeds(const BuildContext& ctx, ProvinceSite& s, SiteRenderer& r,
                           const ProvinceSection&) {
    const auto& config = ctx.content.config;
    r.feed("sitemap.xml", "feeds/sitemap.xml", json{{"urls", sitemap_urls(r)}});
    json sitemaps = json::array();
    sitemaps.push_back(config.base_url + "sitemap.xml");
    for (const auto* u : s.units)
        if (ctx.built.count(u->code))
            sitemaps.push_back(config.unit_base_url(u->slug) + "sitemap.xml");
    r.feed("robots.txt", "feeds/robots-province.txt", json{{"sitemaps", sitemaps}});
    json entries = json::array();
    for (std::size_t k = 0; k < s.document_feed.size() && k < 30; ++k)
        entries.push_back(feed_entry(s.document_feed[k], config.base_url));
    r.feed("feed.xml", "feeds/atom.xml",
           atom_feed(config.authority + ": văn bản", config.base_url, s.today, std::move(entries)));
}

}  // namespace xasite::site::sections
