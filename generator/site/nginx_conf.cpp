#include "generator/site/nginx_conf.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "archive/view/archive_view.hpp"
#include "core/url.hpp"
#include "generator/site/archives.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/site_links.hpp"
#include "generator/site/site_renderer.hpp"

namespace xasite::site {

const char* site_content_security_policy() {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           "font-src 'self'; "
           "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
}

namespace {

// A quoted nginx string: '"' and '\' escaped, control characters dropped.
std::string quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (static_cast<unsigned char>(c) < 0x20) continue;
        if (c == '"' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

// A host name nginx may take as server_name and in a file name: letters, digits, '.', '-'.
bool plain_host(std::string_view h) {
    return !h.empty() && h.size() <= 253 && h.find("..") == std::string_view::npos &&
           std::all_of(h.begin(), h.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
           });
}

std::string variable_name(std::string_view host) {
    std::string v;
    for (char c : host)
        v.push_back((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
    return v;
}

// The headers `xasite serve` sets, with `csp`; repeated in every block that adds its own (nginx
// drops the outer add_header lines in a block that has any).
std::string headers(const char* csp, const std::string& indent) {
    return indent + "add_header Content-Security-Policy " + quote(csp) + " always;\n" + indent +
           "add_header X-Content-Type-Options \"nosniff\" always;\n" + indent +
           "add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;\n" + indent +
           "add_header X-Frame-Options \"SAMEORIGIN\" always;\n" + indent +
           "add_header Cache-Control $xasite_cache_control always;\n";
}

// What every generated server shares: listen (the operator's), headers, gzip, the dot files and
// this file kept private.
std::string server_common(const NginxOptions& o, const std::string& server_name) {
    return "    include " + o.listen_include + ";\n    server_name " + server_name +
           ";\n    absolute_redirect off;\n    charset utf-8;\n    index index.html;\n"
           // A search link carries the question and up to three earlier ones (1,200 characters
           // each, percent-encoded): as much as `xasite serve` accepts (32 KB of request line and
           // headers), not nginx's 8 KB.
           "    large_client_header_buffers 4 32k;\n"
           "    gzip on;\n    gzip_vary on;\n    gzip_min_length 512;\n"
           "    gzip_types text/css application/javascript text/javascript application/json "
           "application/xml text/xml application/atom+xml image/svg+xml text/csv text/plain "
           "application/link-format;\n" +
           headers(site_content_security_policy(), "    ") +
           "    location ~ (^|/)\\.(?!well-known/) { return 404; }\n    location = /" +
           kNginxConfFile + " { return 404; }\n";
}

// The search and the API, proxied to `xasite serve` (`serve_prefix`: the site's folder in the
// output, "" for the province; on a commune's own host "/xa-ea-kar" is put back in front).
// `site_path`: the site's path on this host ("/" or "/xa-ea-kar/").
std::string search_locations(const std::string& site_path, const std::string& serve_prefix,
                             const std::string& not_found) {
    const std::string search = site_path + std::string(routes::kSearch) + "/";
    std::string s =
        "    # " + search +
        "?q=… is rendered by xasite serve; without q, or when serve is down, the "
        "static page.\n"
        "    location = " +
        search + " {\n        error_page 404 " + not_found +
        ";\n        error_page 418 = @xasite_search" + variable_name(site_path) +
        ";\n        # The 418 is a jump, not an error: serve's own errors may still fall back.\n   "
        "     recursive_error_pages on;\n        if ($arg_q) { return 418; }\n"
        "    }\n";
    s += "    location @xasite_search" + variable_name(site_path) +
         " {\n        proxy_pass http://xasite_serve" + serve_prefix +
         "$request_uri;\n"
         "        include " +
         "$XASITE_PROXY$;\n"
         "        error_page 502 503 504 = " +
         search + "index.html;\n    }\n";
    return s;
}

std::string proxy_settings(const std::string& indent) {
    return indent + "proxy_http_version 1.1;\n" + indent + "proxy_set_header Connection \"\";\n" +
           indent + "proxy_set_header Host $host;\n" + indent +
           "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n" + indent +
           "proxy_set_header X-Forwarded-Proto $scheme;\n" + indent +
           "proxy_connect_timeout 2s;\n" + indent + "proxy_read_timeout 30s;\n" + indent +
           "proxy_intercept_errors on;\n" + indent +
           "# nginx's own copies of these headers are sent (the same strings).\n" + indent +
           "proxy_hide_header Content-Security-Policy;\n" + indent +
           "proxy_hide_header X-Content-Type-Options;\n" + indent +
           "proxy_hide_header Referrer-Policy;\n" + indent + "proxy_hide_header X-Frame-Options;\n";
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
        s.replace(pos, from.size(), to);
    return s;
}

std::string api_location() {
    return "    # The JSON API (search, suggestions, old addresses): a JSON 503 when serve is "
           "down.\n"
           "    location ^~ /api/ {\n        proxy_pass http://xasite_serve;\n" +
           proxy_settings("        ") +
           "        error_page 502 503 504 = @xasite_api_down;\n    }\n"
           "    location @xasite_api_down {\n        default_type application/json;\n"
           "        add_header Cache-Control \"no-store\" always;\n"
           "        return 503 '{\"error\":\"search is temporarily unavailable\"}';\n    }\n";
}

}  // namespace

std::string nginx_conf(const NginxOptions& o, const SiteLinks& links, const ArchiveSet& archives) {
    if (o.root.empty() || o.root.front() != '/')
        throw std::invalid_argument("nginx.conf: the output directory must be absolute: " + o.root);
    if (o.listen_include.empty() || o.listen_include.front() != '/')
        throw std::invalid_argument("nginx.conf: the listen file must be absolute: " +
                                    o.listen_include);
    if (o.upstream.empty()) throw std::invalid_argument("nginx.conf: no upstream for serve");
    std::string root = o.root;
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    const auto province = url::parse_absolute_url(links.province_url());
    const std::string province_host = province ? province->host : "localhost";
    const std::string origin = province ? province->scheme + "://" + province->host +
                                              (province->port.empty() ? "" : ":" + province->port)
                                        : "$scheme://$host";
    const std::string base_path = url_path(links.province_url());
    std::set<std::string> split_slugs;
    for (const auto& [slug, url] : links.split_sites())
        split_slugs.insert(slug);

    std::string c;
    c += "# nginx configuration of the site in " + root +
         ", generated by `xasite build` (do not edit: the next build rewrites it).\n"
         "# Include it inside http { } (after `include /etc/nginx/mime.types;`):\n"
         "#     include " +
         root + "/" + kNginxConfFile +
         ";\n"
         "# Every server below includes " +
         o.listen_include +
         " first: your listen lines and TLS certificates.\n"
         "# /api/ and the search pages with ?q= go to `xasite serve` at " +
         o.upstream + ".\n";
    if (!split_slugs.empty())
        c += "# " + std::to_string(split_slugs.size()) +
             " communes have hosts of their own: set `server_names_hash_max_size 1024;` in http "
             "{ }.\n";
    if (base_path != "/")
        c += "# NOTE: base_url " + links.province_url() +
             " has a path; this file serves the output at / of its host.\n";
    c += "\nupstream xasite_serve {\n    server " + o.upstream +
         ";\n    keepalive 8;\n}\n\n"
         "# HTML is revalidated at every visit; other files are kept an hour (as xasite serve "
         "does).\n# A response of serve keeps its own Cache-Control.\n"
         "map $sent_http_content_type $xasite_cache_by_type {\n    default \"max-age=3600\";\n"
         "    ~^text/html \"no-cache\";\n}\n"
         "map $upstream_http_cache_control $xasite_cache_control {\n"
         "    \"\" $xasite_cache_by_type;\n    default \"\";\n}\n\n"
         "\n";

    // The province host: the province site, the archives, the communes still under base_url.
    c += "# The province site " + links.province_url() + " and the archives.\nserver {\n" +
         server_common(o, province_host) + "    root " + root + ";\n    error_page 404 /" +
         std::string(routes::kNotFound) + ";\n    location / { }\n";
    c += "    # The archives: their own Content-Security-Policy (no script at all).\n"
         "    location ^~ /" +
         std::string(routes::kArchives) + "/ {\n" +
         headers(archive::archive_content_security_policy(), "        ") + "        location ~ ^/" +
         std::string(routes::kArchives) +
         "/[^/]+/timemap/ {\n            types { }\n"
         "            default_type application/link-format;\n        }\n    }\n";
    c += api_location();
    c += search_locations("/", "", "/" + std::string(routes::kNotFound));
    for (const auto& slug : links.all_sites()) {
        const std::string path = "/" + slug + "/";
        if (split_slugs.count(slug)) {
            c += "    location ^~ " + path + " { rewrite ^" + path + "(.*)$ " +
                 links.url_of(slug + "/") + "$1 permanent; }\n";
            continue;
        }
        c += "    location ^~ " + path + " {\n        error_page 404 " + path +
             std::string(routes::kNotFound) + ";\n    }\n";
        c += search_locations(path, "", path + std::string(routes::kNotFound));
    }
    c += "}\n";

    // Communes on hosts of their own.
    for (const auto& [slug, url] : links.split_sites()) {
        auto u = url::parse_absolute_url(url);
        if (!u || !plain_host(u->host)) continue;
        const std::string nf = "/" + std::string(routes::kNotFound);
        c += "\n# " + url + "\nserver {\n" + server_common(o, u->host) + "    root " + root + "/" +
             slug + ";\n    error_page 404 " + nf +
             ";\n    location / { }\n"
             "    # Links made from the output's layout (search results): the site's own pages.\n"
             "    location ^~ /" +
             slug + "/ { rewrite ^/" + slug + "/(.*)$ /$1 permanent; }\n";
        c += api_location();
        c += search_locations("/", "/" + slug, nf);
        c += "}\n";
    }

    // The reclaimed old domains: every address to its archived copy (the archives' maps).
    std::set<std::string> hosts_done = {province_host};
    for (const auto& [slug, url] : links.split_sites())
        if (auto u = url::parse_absolute_url(url)) hosts_done.insert(u->host);
    for (const auto& e : archives.entries) {
        if (e.package.fixity != "valid") continue;
        for (const auto& host : e.package.hosts) {
            if (!plain_host(host) || !hosts_done.insert(host).second) continue;
            const std::string var = "$xasite_old_" + variable_name(host);
            c += "\n# The old address " + host + " → " + base_path + e.prefix +
                 "\nmap $request_uri " + var + " {\n    default " + quote(base_path + e.prefix) +
                 ";\n    include " +
                 quote(root + "/" + e.prefix + "chuyen-huong/" + host + ".ma[p]") +
                 ";\n}\nserver {\n    include " + o.listen_include + ";\n    server_name " + host +
                 (host.rfind("www.", 0) == 0 ? "" : " www." + host) + ";\n    return 301 " +
                 origin + var + ";\n}\n";
        }
    }
    return replace_all(c, "        include $XASITE_PROXY$;\n", proxy_settings("        "));
}

}  // namespace xasite::site
