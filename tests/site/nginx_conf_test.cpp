// The site-wide nginx.conf (generator/site/nginx_conf.cpp) and the links between sites on hosts
// of their own (generator/site/site_links.cpp). tests/nginx/ loads the file in the real nginx.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "archive/view/archive_view.hpp"
#include "generator/content/site_config.hpp"
#include "generator/site/archives.hpp"
#include "generator/site/nginx_conf.hpp"
#include "generator/site/site_links.hpp"

namespace xasite::site {
namespace {

content::SiteConfig config(const std::string& unit_url) {
    content::SiteConfig c;
    c.base_url = "https://daklak.gov.vn/";
    c.unit_url = unit_url;
    return c;
}

const std::vector<std::string> kSlugs = {"xa-ea-kar", "phuong-ea-kao"};

bool has(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1))
        ++n;
    return n;
}

TEST(SiteLinks, OneHostRewritesNothing) {
    SiteLinks links(config("{base_url}{slug}/"), kSlugs);
    EXPECT_FALSE(links.split());
    std::string html = "<a href=\"../../tra-cuu-don-vi/\">x</a><a href=\"../../phuong-ea-kao/\">";
    const std::string before = html;
    EXPECT_EQ(links.rewrite_html("xa-ea-kar/gioi-thieu/index.html", html), 0u);
    EXPECT_EQ(html, before);
    EXPECT_EQ(links.url_of("xa-ea-kar/thu-tuc/1.html"),
              "https://daklak.gov.vn/xa-ea-kar/thu-tuc/1.html");
    EXPECT_TRUE(links.split_sites().empty());
}

TEST(SiteLinks, LinksBetweenHostsBecomeAbsoluteAndOthersStay) {
    SiteLinks links(config("https://{slug}.daklak.gov.vn/"), kSlugs);
    ASSERT_TRUE(links.split());
    EXPECT_EQ(links.site_of("xa-ea-kar/thu-tuc/1.html"), "xa-ea-kar");
    EXPECT_EQ(links.site_of("luu-tru/huyen-ea-kar/index.html"), "");
    EXPECT_EQ(links.site_of("xa-ea-kar"), "");  // a file at the root, not the folder
    EXPECT_EQ(links.url_of("xa-ea-kar/thu-tuc/1.html"),
              "https://xa-ea-kar.daklak.gov.vn/thu-tuc/1.html");
    EXPECT_EQ(links.url_of("tra-cuu/"), "https://daklak.gov.vn/tra-cuu/");

    // A commune page: its own links stay relative; the province's, another commune's and the
    // archives' become absolute, with their query and fragment.
    std::string html =
        "<link rel=\"stylesheet\" href=\"../assets/style.css\">"
        "<a href=\"../\">home</a> <a href=\"../../tra-cuu-don-vi/#xa-1\">lookup</a>"
        "<a class=\"x\" href=\"../../phuong-ea-kao/thu-tuc/?a=1&amp;b=2\">other</a>"
        "<a href=\"../../luu-tru/huyen-ea-kar/\">archive</a><a href=\"#top\">top</a>"
        "<a href=\"https://example.org/x\">ext</a><a href=\"mailto:a@b.vn\">m</a>"
        "<p data-href=\"../../tra-cuu-don-vi/\">not a link</p>"
        "<form action=\"../tra-cuu/\"></form><img src=\"../../assets/logo.svg\" alt=\"\">";
    EXPECT_EQ(links.rewrite_html("xa-ea-kar/gioi-thieu/index.html", html), 4u) << html;
    EXPECT_TRUE(has(html, "href=\"../assets/style.css\"")) << html;
    EXPECT_TRUE(has(html, "<a href=\"../\">home</a>"));
    EXPECT_TRUE(has(html, "href=\"https://daklak.gov.vn/tra-cuu-don-vi/#xa-1\""));
    EXPECT_TRUE(has(html, "href=\"https://phuong-ea-kao.daklak.gov.vn/thu-tuc/?a=1&amp;b=2\""))
        << html;
    EXPECT_TRUE(has(html, "href=\"https://daklak.gov.vn/luu-tru/huyen-ea-kar/\""));
    EXPECT_TRUE(has(html, "src=\"https://daklak.gov.vn/assets/logo.svg\""));
    EXPECT_TRUE(has(html, "data-href=\"../../tra-cuu-don-vi/\""));
    EXPECT_TRUE(has(html, "action=\"../tra-cuu/\""));
    EXPECT_TRUE(has(html, "href=\"#top\"") && has(html, "href=\"https://example.org/x\""));

    // The province site: links into a commune, relative or absolute under base_url.
    std::string province =
        "<a href=\"xa-ea-kar/\">a</a><a href=\"https://daklak.gov.vn/phuong-ea-kao/lien-he/\">b</a>"
        "<a href=\"tra-cuu/\">c</a><a href=\"/xa-ea-kar/404.html\">d</a>";
    EXPECT_EQ(links.rewrite_html("index.html", province), 3u) << province;
    EXPECT_TRUE(has(province, "href=\"https://xa-ea-kar.daklak.gov.vn/\""));
    EXPECT_TRUE(has(province, "href=\"https://phuong-ea-kao.daklak.gov.vn/lien-he/\""));
    EXPECT_TRUE(has(province, "href=\"tra-cuu/\""));
    EXPECT_TRUE(has(province, "href=\"https://xa-ea-kar.daklak.gov.vn/404.html\""));

    // A commune's 404 page: root-absolute links are its own host's.
    std::string error = "<a href=\"/lien-he/\">x</a>";
    EXPECT_EQ(links.rewrite_html("xa-ea-kar/404.html", error), 0u);

    const std::string sites = links.sites_json();
    EXPECT_TRUE(has(sites, "\"url\": \"https://xa-ea-kar.daklak.gov.vn/\"")) << sites;
    EXPECT_TRUE(has(sites, "\"dir\": \"xa-ea-kar/\""));
}

TEST(NginxConf, OneHost) {
    SiteLinks links(config("{base_url}{slug}/"), kSlugs);
    ArchiveSet archives;
    NginxOptions o;
    o.root = "/srv/xasite/site/";
    o.listen_include = "/etc/nginx/xasite-listen.conf";
    const std::string conf = nginx_conf(o, links, archives);
    EXPECT_EQ(conf, nginx_conf(o, links, archives));  // deterministic
    EXPECT_TRUE(has(conf, "    root /srv/xasite/site;\n")) << conf;
    EXPECT_TRUE(has(conf, "server 127.0.0.1:8080;"));
    EXPECT_TRUE(has(conf, "server_name daklak.gov.vn;"));
    EXPECT_EQ(count(conf, "server {"), 1u);
    EXPECT_EQ(count(conf, "include /etc/nginx/xasite-listen.conf;"), 1u);
    for (const auto& slug : kSlugs) {
        EXPECT_TRUE(has(
            conf, "location ^~ /" + slug + "/ {\n        error_page 404 /" + slug + "/404.html;"))
            << slug;
        EXPECT_TRUE(has(conf, "location = /" + slug + "/tra-cuu/ {")) << slug;
        EXPECT_TRUE(has(conf, "error_page 502 503 504 = /" + slug + "/tra-cuu/index.html;"));
    }
    EXPECT_TRUE(has(conf, "error_page 404 /404.html;"));
    EXPECT_TRUE(has(conf, "add_header Content-Security-Policy \"" +
                              std::string(site_content_security_policy()) + "\" always;"));
    EXPECT_TRUE(has(conf, "location ^~ /luu-tru/ {\n        add_header Content-Security-Policy \"" +
                              std::string(archive::archive_content_security_policy()) +
                              "\" always;"))
        << conf;
    // The archive block repeats every header (nginx drops the outer ones there).
    EXPECT_EQ(count(conf, "add_header X-Frame-Options"), 2u);
    EXPECT_TRUE(has(conf, "location ^~ /api/ {\n        proxy_pass http://xasite_serve;"));
    EXPECT_TRUE(has(conf, "proxy_intercept_errors on;"));
    EXPECT_TRUE(has(conf, "return 503 '{\"error\""));
    EXPECT_TRUE(has(conf, "gzip_types text/css"));
    EXPECT_TRUE(has(conf, "~^text/html \"no-cache\";"));

    o.upstream = "10.0.0.2:9000";
    EXPECT_TRUE(has(nginx_conf(o, links, archives), "server 10.0.0.2:9000;"));
    o.root = "site";
    EXPECT_THROW(nginx_conf(o, links, archives), std::invalid_argument);
    o.root = "/srv/site";
    o.listen_include = "listen.conf";
    EXPECT_THROW(nginx_conf(o, links, archives), std::invalid_argument);
}

TEST(NginxConf, CommunesOnTheirOwnHostsAndOldDomains) {
    SiteLinks links(config("https://{slug}.daklak.gov.vn/"), kSlugs);
    ArchiveSet archives;
    ArchiveSet::Entry e;
    e.prefix = "luu-tru/huyen-ea-kar/";
    e.package.fixity = "valid";
    e.package.hosts = {"eakar.daklak.gov.vn", "bad host"};
    archives.entries.push_back(e);
    ArchiveSet::Entry broken = e;
    broken.prefix = "luu-tru/huyen-x/";
    broken.package.fixity = "payload changed";
    broken.package.hosts = {"x.daklak.gov.vn"};
    archives.entries.push_back(broken);
    NginxOptions o;
    o.root = "/srv/site";
    const std::string conf = nginx_conf(o, links, archives);
    EXPECT_EQ(count(conf, "server {"), 4u) << conf;  // province, two communes, one old domain
    EXPECT_TRUE(has(conf, "server_name xa-ea-kar.daklak.gov.vn;\n"));
    EXPECT_TRUE(has(conf, "    root /srv/site/xa-ea-kar;\n"));
    EXPECT_TRUE(has(conf,
                    "location ^~ /xa-ea-kar/ { rewrite ^/xa-ea-kar/(.*)$ "
                    "https://xa-ea-kar.daklak.gov.vn/$1 permanent; }"));
    EXPECT_TRUE(has(conf, "proxy_pass http://xasite_serve/xa-ea-kar$request_uri;"));
    EXPECT_TRUE(has(conf,
                    "map $request_uri $xasite_old_eakar_daklak_gov_vn {\n    default "
                    "\"/luu-tru/huyen-ea-kar/\";\n    include "
                    "\"/srv/site/luu-tru/huyen-ea-kar/chuyen-huong/eakar.daklak.gov.vn.ma[p]\";"))
        << conf;
    EXPECT_TRUE(has(conf,
                    "server_name eakar.daklak.gov.vn www.eakar.daklak.gov.vn;\n    return 301 "
                    "https://daklak.gov.vn$xasite_old_eakar_daklak_gov_vn;"));
    EXPECT_FALSE(has(conf, "bad host"));
    EXPECT_FALSE(has(conf, "x.daklak.gov.vn"));  // its view is not built
}

}  // namespace
}  // namespace xasite::site
