// The site-wide nginx configuration `xasite build` writes at the top of the output (nginx.conf),
// for an operator who serves the site with nginx in front of `xasite serve`
// (docs/OPERATIONS.md). It is included inside the operator's `http { }` and holds every
// `server { }` the output needs — the province host, each commune on a host of its own
// (site.json unit_url), each reclaimed old domain of an archive — with paths absolute (the output
// directory as built), so it loads in place. Listening and TLS stay the operator's: every
// generated server includes one file of theirs (NginxOptions::listen_include).
#pragma once

#include <string>
#include <string_view>

#include "generator/site/routes.hpp"

namespace xasite::site {

struct ArchiveSet;
class SiteLinks;

struct NginxOptions {
    // The output directory as nginx will read it (absolute): the build's --out, made absolute.
    std::string root;
    // Where `xasite serve` listens ("127.0.0.1:8080"): /api/ and the search pages with ?q=.
    std::string upstream = "127.0.0.1:8080";
    // A file of the operator's included at the top of every generated server { }: its listen
    // lines and TLS (certificates). Absolute.
    std::string listen_include = "/etc/nginx/xasite-listen.conf";
};

// The Content-Security-Policy of the sites (the one `xasite serve` sends:
// serve::content_security_policy(); a test keeps the two equal).
const char* site_content_security_policy();

// The text of nginx.conf. Deterministic: the same options, sites and archives give the same bytes.
// Throws std::invalid_argument when root or listen_include is not absolute, or upstream is empty.
std::string nginx_conf(const NginxOptions& options, const SiteLinks& links,
                       const ArchiveSet& archives);

// The name of the file at the output root.
inline constexpr const char* kNginxConfFile = "nginx.conf";
static_assert(std::string_view(kNginxConfFile) == routes::kNginxConf);

}  // namespace xasite::site
