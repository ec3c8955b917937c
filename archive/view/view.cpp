// The browsable view of a preservation package (archive_view.hpp: render_view). Everything is
// derived from the package at each build: pages decoded to NFC UTF-8 and rewritten (html_rewrite),
// CSS rewritten (css_rewrite), other resources copied as captured under a name whose extension
// matches the recorded type, the older captures beside the default view (Catalog::Entry::versions),
// the static TimeMaps (archive/export timemap_link) and the redirect maps. Output order and content
// depend only on the package, so rebuilds are byte-identical.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "archive/export/archive_export.hpp"
#include "archive/package/mime.hpp"
#include "archive/package/package.hpp"
#include "archive/package/url.hpp"
#include "archive/view/charset.hpp"
#include "archive/view/css_rewrite.hpp"
#include "archive/view/html_rewrite.hpp"
#include "archive/view/pdf_text.hpp"
#include "archive/view/view.hpp"
#include "core/error.hpp"
#include "core/html_parse.hpp"
#include "core/text.hpp"

namespace xasite::archive {

namespace fs = std::filesystem;

const char* archive_content_security_policy() {
    // Archived content runs no script: the view removes every script, handler and script URL
    // from the pages and SVG files themselves, and captured scripts never reach the view (the
    // catalogue leaves them out). What 'self' allows is the site's own script (the text-size
    // control on the landing page). Styles and
    // images only from the site (inline styles are how the old pages look); frames only the
    // archive's own pages; no plugins; forms only to the site (the archive's search form); no
    // <base> change.
    return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; font-src 'self' data:; media-src 'self'; frame-src 'self'; "
           "child-src 'self'; object-src 'none'; form-action 'self'; base-uri 'none'; "
           "connect-src 'none'; frame-ancestors 'self'";
}

std::string timemap_file(std::string_view view_file) {
    return "timemap/" + std::string(view_file) + ".link";
}

namespace {

// Hashed while read: bytes that changed after the build's fixity check are never shown.
std::string read_payload(const fs::path& dir, const Record& r) {
    return read_record_payload(dir, r);
}

bool is_iso_day(std::string_view d) {
    return d.size() >= 10 && d[4] == '-' && d[7] == '-' &&
           std::all_of(d.begin(), d.begin() + 4,
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// The day a capture was made, as the package records it: a WARC record's WARC-Date; for a mirror
// member (whose time is the file's, often the old server's Last-Modified, not the crawl's) the
// capture date of its source (capture.json sources[].captured when the package has it), else the
// package's capture date (capture.json "captured", bag-info Capture-Date).
std::string capture_day(const Record& r, const std::map<std::string, std::string>& source_days,
                        const std::string& fallback) {
    if (r.kind != "file" && is_iso_day(r.date)) return r.date.substr(0, 10);
    if (auto it = source_days.find(r.source); it != source_days.end()) return it->second;
    return fallback;
}

// capture.json sources[]: path → its capture day, for the sources that record one.
std::map<std::string, std::string> source_capture_days(const nlohmann::json& capture) {
    std::map<std::string, std::string> days;
    if (!capture.is_object() || !capture.contains("sources") || !capture["sources"].is_array())
        return days;
    for (const auto& s : capture["sources"]) {
        if (!s.is_object()) continue;
        auto path = s.find("path");
        auto day = s.find("captured");
        if (path == s.end() || day == s.end() || !path->is_string() || !day->is_string()) continue;
        std::string d = day->get<std::string>();
        if (is_iso_day(d)) days[path->get<std::string>()] = d.substr(0, 10);
    }
    return days;
}

std::string last_segment_title(const Url& u) {
    std::string p = u.path;
    while (!p.empty() && p.back() == '/')
        p.pop_back();
    auto s = p.rfind('/');
    std::string name = percent_decode(s == std::string::npos ? p : p.substr(s + 1));
    if (!text::is_valid_utf8(name)) name = u.path;
    name = text::nfc(name);
    if (name.empty()) name = u.host;
    return name;
}

std::string ensure_slash(std::string s) {
    if (!s.empty() && s.back() != '/') s.push_back('/');
    return s;
}

// The URL path of the output root in the public address ("https://x.vn/daklak/" → "/daklak/").
std::string base_path(const std::string& base_url) {
    auto u = parse_absolute_url(base_url);
    if (!u || !u->hierarchical) return "/";
    return ensure_slash(u->path.empty() ? "/" : u->path);
}

// "https://x.vn/daklak/" → "https://x.vn"; "" when there is no public address (the redirect then
// keeps the old host name, which the site's own server must answer).
std::string origin(const std::string& base_url) {
    auto u = parse_absolute_url(base_url);
    if (!u || !u->is_http()) return "$scheme://$host";
    return u->scheme + "://" + u->host + (u->port.empty() ? "" : ":" + u->port);
}

// A key for nginx's map: quoted, with '"' and '\' escaped.
std::string nginx_quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string csv_field(std::string_view s) {
    bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

// "path?query" as requested from a server (what nginx's $request_uri holds).
std::string request_uri(const Url& u) {
    std::string s = u.path.empty() ? "/" : u.path;
    if (u.has_query) s += "?" + u.query;
    return s;
}

// The archive's location for the site's server { } block: the archive's Content-Security-Policy
// (the one `xasite serve` sends) and the headers the site sends elsewhere, active.
std::string nginx_location(const std::string& path) {
    return "# The archive's headers (generated by xasite; include it inside the site's server { "
           "}).\n"
           "# The Content-Security-Policy is the one `xasite serve` sends on the archive.\n"
           "location ^~ " +
           path + " {\n    add_header Content-Security-Policy " +
           nginx_quote(archive_content_security_policy()) +
           " always;\n    add_header X-Content-Type-Options \"nosniff\" always;\n"
           "    add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;\n"
           "    add_header X-Frame-Options \"SAMEORIGIN\" always;\n"
           "    # The static TimeMaps (Memento, RFC 7089) of the archived addresses; the headers "
           "above\n    # apply (this block adds none of its own).\n    location ^~ " +
           path +
           "timemap/ {\n        types { }\n        default_type application/link-format;\n"
           "    }\n}\n";
}

struct Renderer {
    const PackageInfo& package;
    const ViewOptions& options;
    const std::function<void(std::string_view, std::string_view)>& write;
    const std::function<void(const ArchivedItem&)>& index;
    PackageData data;
    std::unique_ptr<Catalog> catalog;
    std::string prefix;
    ViewSummary summary;
    ViewChrome chrome;

    Renderer(const PackageInfo& p, const ViewOptions& o,
             const std::function<void(std::string_view, std::string_view)>& w,
             const std::function<void(const ArchivedItem&)>& i)
        : package(p),
          options(o),
          write(w),
          index(i),
          data(load_package_data(p.dir)),
          prefix(ensure_slash(o.prefix)) {
        catalog = std::make_unique<Catalog>(data);
        source_days = source_capture_days(data.capture);
        chrome.unit = package.unit.name.empty() ? data.unit : package.unit;
        chrome.captured = package.captured;
        chrome.prefix = prefix;
        chrome.landing_href = options.landing_href;
        chrome.search_href = options.search_href;
        chrome.successor_sites = options.successor_sites;
        chrome.kept_as = options.kept_as;
    }

    // The file of an entry in the view (the catalogue's names are safe and bounded).
    static const std::string& view_file(const Catalog::Entry& e) { return e.file; }
    std::map<std::string, std::string> source_days;

    void put(const std::string& file, std::string_view bytes) { write(prefix + file, bytes); }

    // The reference map for a file of the view (relative to the prefix). `day`: the capture day
    // of an older version being rendered (its links go to that day's version of their target
    // when there is one, else to the default view); "" for the default view.
    RefMap ref_map(const std::string& from, const std::string& day = {}) {
        return [this, from, day](const Url& u, RefKind kind) -> std::optional<MappedRef> {
            if (!catalog->archived_host(u)) {
                // Other sites stay as written for links; embedded content from elsewhere (frames,
                // plugins) is not loaded by the view.
                if (kind == RefKind::frame || kind == RefKind::object)
                    return MappedRef{relative_href(from, kNotArchived), true};
                return std::nullopt;
            }
            const Catalog::Entry* e = catalog->resolve(catalog->find(u));
            if (!e || e->file.empty()) return MappedRef{relative_href(from, kNotArchived), true};
            std::string href = relative_href(from, file_of_day(*e, day));
            if (u.has_fragment && !u.fragment.empty() && kind == RefKind::link)
                href += "#" + u.fragment;
            return MappedRef{href, false};
        };
    }

    // The file showing an entry as captured on `day`: that day's version when the entry has
    // one, else the default view's file.
    static const std::string& file_of_day(const Catalog::Entry& e, const std::string& day) {
        if (!day.empty())
            for (const auto& v : e.versions)
                if (v.day == day) return v.file;
        return e.file;
    }

    // The other captures of an entry's URL for the banner's date navigation (none when it has
    // only one), newest first; `file` is the one being rendered.
    std::vector<CaptureLink> capture_links(const Catalog::Entry& e, const std::string& file) const {
        std::vector<CaptureLink> links;
        if (e.versions.empty()) return links;
        links.push_back({e.day, e.datetime, e.file, e.file == file});
        for (const auto& v : e.versions)
            links.push_back({v.day, v.datetime, v.file, v.file == file});
        std::stable_sort(
            links.begin(), links.end(),
            [](const CaptureLink& a, const CaptureLink& b) { return a.datetime > b.datetime; });
        return links;
    }

    // Renders one capture of an entry: the default view (`day` "") or an older version (its
    // file and capture day). Only the default view is indexed for search.
    void page(const Catalog::Entry& e, const Record& r, const std::string& bytes,
              const std::string& file, const std::string& day) {
        DecodedText d = decode_html(bytes, r.charset);
        RewriteOptions ro;
        ro.page_url = r.url;
        ro.map = ref_map(file, day);
        ro.head_html = chrome.head_html(file);
        ro.banner_html =
            chrome.banner_html(file, r.url, capture_day(r, source_days, package.captured),
                               capture_links(e, file), r.truncated);
        ro.form_note_html = chrome.form_note_html();
        ro.disabled_link_title = ViewChrome::disabled_link_title();
        ro.lang = "vi";
        if (auto u = parse_absolute_url(r.url)) ro.fallback_title = last_segment_title(*u);
        RewriteResult rr = rewrite_html(d.text, ro);
        if (rr.too_deep)
            summary.warnings.push_back(r.url + ": elements nested more than " +
                                       std::to_string(html::kMaxDepth) + " deep; shown as text");
        else if (rr.text_only)
            summary.warnings.push_back(r.url +
                                       ": markup too damaged to be made safe; shown as text");
        put(file, rr.html);
        if (!day.empty()) return;
        ++summary.pages;
        auto u = parse_absolute_url(r.url);
        ArchivedItem item;
        item.url = prefix + file;
        item.original_url = r.url;
        item.title = text::nfc(rr.title);
        if (item.title.empty() && u) item.title = last_segment_title(*u);
        item.text = text::nfc(rr.text);
        item.content_type = "text/html";
        item.date = capture_day(r, source_days, package.captured);
        titles[e.key] = item.title;
        if (index) index(item);
    }

    void attachment(const Catalog::Entry& e, const Record& r, const std::string& bytes,
                    const std::string& file, const std::string& media_type,
                    const std::string& day) {
        MimeKind k = mime_kind(media_type);
        if (k == MimeKind::css) {
            DecodedText d = decode_text(bytes, r.charset);
            auto base = parse_absolute_url(r.url);
            RefMap map = ref_map(file, day);
            std::string css =
                rewrite_css(d.text, [&](std::string_view ref) -> std::optional<std::string> {
                    if (!base) return std::nullopt;
                    std::string c = clean_reference(ref);
                    if (c.empty() || c.front() == '#') return std::nullopt;
                    for (std::string_view p : {"data:", "javascript:", "about:"})
                        if (c.size() >= p.size() && text::lower(c.substr(0, p.size())) == p)
                            return std::nullopt;
                    auto abs = resolve_url(*base, c);
                    if (!abs || !abs->is_http()) return std::nullopt;
                    auto m = map(*abs, RefKind::image);
                    if (!m) return std::nullopt;
                    return m->href;
                });
            put(file, css);
        } else if (media_type == "image/svg+xml") {
            // An SVG file opened on its own runs its scripts in the site's origin: they go.
            if (auto svg = sanitise_svg(bytes)) {
                put(file, *svg);
            } else {
                summary.warnings.push_back(
                    r.url + ": an SVG file that cannot be made safe; replaced by an empty image");
                put(file,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\">"
                    "<title>Hình SVG của trang gốc không hiển thị được trong bản lưu trữ</title>"
                    "</svg>\n");
            }
        } else {
            put(file, bytes);
        }
        if (!day.empty()) return;
        ++summary.files;
        if (!index || !is_indexed_attachment(e.media_type)) return;
        auto u = parse_absolute_url(r.url);
        ArchivedItem item;
        item.url = prefix + file;
        item.original_url = r.url;
        item.content_type = e.media_type;
        item.date = capture_day(r, source_days, package.captured);
        if (k == MimeKind::pdf) {
            PdfText t = extract_pdf_text(bytes);
            item.title = t.title;
            item.text = t.text;
            if (!t.note.empty()) summary.warnings.push_back(r.url + ": " + t.note);
        } else if (k == MimeKind::text) {
            item.text = text::tidy(decode_text(bytes, r.charset).text);
        }
        if (item.title.empty() && u) item.title = last_segment_title(*u);
        titles[e.key] = item.title;
        index(item);
    }

    void redirect(const Catalog::Entry& e, const Record& r) {
        const Catalog::Entry* target = catalog->resolve(&e);
        std::string href, shown;
        bool external = false;
        const std::string& file = view_file(e);
        if (target && !target->file.empty()) {
            href = relative_href(file, view_file(*target));
            shown = (*catalog).records()[target->record].url;
        } else {
            auto base = parse_absolute_url(r.url);
            auto t = base ? resolve_url(*base, r.location) : std::nullopt;
            shown = t ? t->str() : r.location;
            // Another site: a plain link to it (no automatic jump out of the archive); the old
            // site itself, not captured: the "not archived" page.
            external = t && t->is_http() && !catalog->archived_host(*t);
            href = external ? t->str() : relative_href(file, kNotArchived);
        }
        put(file, chrome.redirect_page(file, r.url, shown, href, r.status, !external));
        ++summary.redirects;
    }

    // nginx map, CSV and a description per host under chuyen-huong/.
    void redirect_maps() {
        std::string root =
            options.base_url.empty() ? std::string("/") : base_path(options.base_url);
        std::string landing = root + options.landing_href;
        // Per host: old "path?query" → archive path; the captured and canonical forms first,
        // then the other spelling of the trailing slash (a request for "/tin-tuc/" when "/tin-tuc"
        // was captured, and the reverse), which never replaces a captured address.
        std::map<std::string, std::map<std::string, std::string>> by_host;
        std::map<std::string, bool> ci;
        std::vector<std::tuple<std::string, std::string, std::string>> variants;
        // Every spelling of every capture (not only the one its entry shows: two captures of
        // one page with the parameters in another order are both requested by old links, and
        // nginx cannot reorder parameters), mapped to what the view shows for it.
        std::set<std::string> urls;
        for (const auto& r : catalog->records()) {
            urls.insert(r.url);
            for (const auto& a : r.aliases)
                urls.insert(a);
        }
        for (const auto& s : urls) {
            auto u = parse_absolute_url(s);
            if (!u || !u->is_http() || !catalog->archived_host(*u)) continue;
            u->has_fragment = false;
            u->fragment.clear();
            const Catalog::Entry* t = catalog->resolve(catalog->find(*u));
            if (!t || t->file.empty()) continue;
            std::string target = prefix + view_file(*t);
            {
                std::string host = host_key(*u);
                ci[host] = catalog->case_insensitive(*u);
                auto& rows = by_host[host];
                rows.emplace(request_uri(*u), target);
                // The canonical form too (parameters sorted), so reordered links resolve in nginx.
                Url c = *u;
                if (c.has_query) c.query = normalise_query(c.query);
                c.path = normalise_path(c.path);
                rows.emplace(request_uri(c), target);
                for (const Url* v : {&*u, &c}) {
                    if (v->path.empty() || v->path == "/") continue;
                    // Directory-like paths only ("/tin-cu", "/thu-muc/"; not "/a.html").
                    std::string_view last = v->path;
                    if (last.back() == '/') last.remove_suffix(1);
                    if (last.substr(last.rfind('/') + 1).find('.') != std::string_view::npos)
                        continue;
                    Url w = *v;
                    if (w.path.back() == '/')
                        w.path.pop_back();
                    else
                        w.path.push_back('/');
                    variants.emplace_back(host, request_uri(w), target);
                }
            }
        }
        for (auto& [host, from, to] : variants)
            by_host[host].emplace(from, to);
        nlohmann::json hosts = nlohmann::json::array();
        std::string conf =
            "# nginx configuration for the old addresses of " + chrome.unit.name +
            " (generated by xasite from the preservation package; include it inside http { }:\n"
            "# it includes no other file). The archive's own headers are in nginx-location.conf.\n";
        for (auto& [host, rows] : by_host) {
            // A host name is part of file names here: one that could not be (a URL parser's
            // "a..b") gets no table, with a warning.
            if (host.empty() || host.size() > 200 || host.find("..") != std::string::npos ||
                !std::all_of(host.begin(), host.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                           c == '_' || c == ':';
                })) {
                summary.warnings.push_back("old host \"" + host +
                                           "\": not a name a redirect table can be written for; "
                                           "its " +
                                           std::to_string(rows.size()) +
                                           " addresses have no redirect");
                continue;
            }
            std::string csv = "old_url,archive_url\n";
            std::string map = "# " + host + " → " + landing +
                              "\n# Generated by xasite from the preservation package of " +
                              chrome.unit.name +
                              ". Use inside: map $request_uri $xasite_archive { default " +
                              landing + "; include /full/path/to/" + host + ".map; }\n";
            std::string entries;
            for (const auto& [from, to] : rows) {
                // The CSV holds paths from the output root (what `xasite serve` answers); the
                // nginx map the public paths under the base URL.
                csv += csv_field(from) + "," + csv_field("/" + to) + "\n";
                entries += nginx_quote(from) + " " + nginx_quote(root + to) + ";\n";
            }
            put("chuyen-huong/" + host + ".csv", csv);
            put("chuyen-huong/" + host + ".map", map + entries);
            hosts.push_back({{"host", host},
                             {"case_insensitive", ci[host]},
                             {"csv", host + ".csv"},
                             {"map", host + ".map"},
                             {"urls", rows.size()}});
            // The map's entries are written out here (an include would be read relative to
            // nginx's prefix, not to this file).
            std::string var = "$xasite_archive_" + ViewChrome::nginx_name(host);
            conf += "# Old address " + host + ": every request goes to its archived copy.\n";
            conf += "map $request_uri " + var + " {\n    default " + nginx_quote(landing) + ";\n";
            std::istringstream lines(entries);
            for (std::string line; std::getline(lines, line);)
                conf += "    " + line + "\n";
            conf += "}\nserver {\n    listen 80;\n    server_name " + host + " www." + host +
                    ";\n    return 301 " + origin(options.base_url) + var + ";\n}\n";
        }
        nlohmann::json meta = {
            {"unit", chrome.unit.code}, {"landing", "/" + options.landing_href}, {"hosts", hosts}};
        put("chuyen-huong/index.json", meta.dump(2) + "\n");
        put("chuyen-huong/nginx.conf", conf);
        put("chuyen-huong/nginx-location.conf", nginx_location(root + prefix));
        put("chuyen-huong/index.html", chrome.maps_page(hosts));
    }

    // One capture of an entry: its default view (`day` "") or an older version. A payload the
    // package lacks is a damaged package (an error naming the file); any other failure of one
    // capture leaves that capture out, with a warning naming it. False when left out.
    bool render(const Catalog::Entry& e, std::size_t record, Catalog::Kind kind,
                const std::string& media_type, const std::string& file, const std::string& day) {
        const Record& r = catalog->records()[record];
        std::string bytes;
        if (kind == Catalog::Kind::page || kind == Catalog::Kind::file)
            bytes = read_payload(data.dir, r);
        try {
            switch (kind) {
                case Catalog::Kind::page:
                    page(e, r, bytes, file, day);
                    break;
                case Catalog::Kind::file:
                    attachment(e, r, bytes, file, media_type, day);
                    break;
                case Catalog::Kind::redirect:
                    redirect(e, r);
                    break;
                case Catalog::Kind::unusable:
                    break;
            }
        } catch (const std::exception& ex) {
            summary.warnings.push_back(r.url + (day.empty() ? "" : " (captured " + day + ")") +
                                       ": left out of the view (" + ex.what() + ")");
            return false;
        }
        return true;
    }

    // The public address of a file of the view: under ViewOptions::base_url, else from the root.
    std::string public_uri(const std::string& file) const {
        std::string root =
            options.base_url.empty() ? std::string("/") : ensure_slash(options.base_url);
        return root + encode_href_path(prefix + file);
    }

    // The static TimeMap (RFC 7089, link format) of a captured URL: every rendered capture of it.
    void timemap(const Catalog::Entry& e, const std::set<std::string>& left_out) {
        const Record& r = catalog->records()[e.record];
        std::vector<Memento> mementos;
        if (!left_out.count(e.file)) mementos.push_back({e.datetime, public_uri(e.file)});
        for (const auto& v : e.versions)
            if (!left_out.count(v.file)) mementos.push_back({v.datetime, public_uri(v.file)});
        if (mementos.empty()) return;
        const std::string file = timemap_file(e.file);
        // No TimeGate link: a static server has none (`xasite serve` answers one).
        put(file, timemap_link(r.url, "", public_uri(file), std::move(mementos)));
        ++summary.timemaps;
    }

    void run() {
        std::set<std::string> left_out;  // files of captures left out
        for (const auto& e : catalog->entries()) {
            const bool shown = render(e, e.record, e.kind, e.media_type, e.file, "");
            if (!shown) left_out.insert(e.file);
            for (const auto& v : e.versions) {
                // Without its default view an older capture is left out too (its banner and
                // the TimeMap would point at a page that is not there).
                if (shown && render(e, v.record, v.kind, v.media_type, v.file, v.day))
                    ++summary.versions;
                else
                    left_out.insert(v.file);
            }
        }
        for (const auto& e : catalog->entries())
            if (e.kind == Catalog::Kind::page || e.kind == Catalog::Kind::file)
                timemap(e, left_out);
        const auto& recs = catalog->records();
        // The list of everything archived, and the "not archived" page.
        std::vector<ContentsRow> rows;
        for (const auto& e : catalog->entries()) {
            if (e.kind != Catalog::Kind::page && e.kind != Catalog::Kind::file) continue;
            if (left_out.count(e.file)) continue;
            ContentsRow row;
            row.file = view_file(e);
            row.url = recs[e.record].url;
            row.title = titles[e.key];
            row.page = e.kind == Catalog::Kind::page;
            row.media_type = e.media_type;
            rows.push_back(std::move(row));
        }
        put(kContents, chrome.contents_page(rows, catalog->days(), summary.versions));
        put(kNotArchived, chrome.not_archived_page());
        put(kBannerCss, ViewChrome::banner_css());
        redirect_maps();
    }

    std::map<std::string, std::string> titles;
};

}  // namespace

// ---- The view's own pages ----

std::string date_vi_admin(std::string_view iso) {
    if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
    std::string day(iso.substr(8, 2)), month(iso.substr(5, 2)), year(iso.substr(0, 4));
    if (month[0] == '0' && month != "01" && month != "02") month.erase(0, 1);
    return day + "/" + month + "/" + year;
}

std::string ViewChrome::to_root(std::string_view file, std::string_view root_path) const {
    return relative_href(prefix + std::string(file), root_path);
}

std::string ViewChrome::disabled_link_title() {
    return "Liên kết này chạy mã lệnh của trang cũ nên không dùng được trong bản lưu trữ";
}

std::string ViewChrome::form_note_html() const {
    return "<p class=\"xa-archive-note\" data-archive-banner lang=\"vi\">Biểu mẫu này không "
           "hoạt động trong bản lưu trữ.</p>";
}

std::string ViewChrome::head_html(std::string_view file) const {
    return "<link rel=\"stylesheet\" href=\"" + text::html_escape(relative_href(file, kBannerCss)) +
           "\" data-archive-banner>";
}

std::string ViewChrome::nginx_name(std::string_view host) {
    std::string out;
    for (char c : host)
        out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    return out;
}

std::string ViewChrome::banner_html(std::string_view file, std::string_view original_url,
                                    std::string_view capture_date,
                                    const std::vector<CaptureLink>& captures,
                                    bool incomplete) const {
    std::string h =
        "<div class=\"xa-archive-banner\" data-archive-banner lang=\"vi\" role=\"region\" "
        "aria-label=\"Thông báo bản lưu trữ\">";
    // A unit the reorganisation ended "kết thúc hoạt động" (the words of NQ 202/2025/QH15 and
    // NQ 1660/NQ-UBTVQH15); one it kept unchanged carries on under its new name.
    h += "<p class=\"xa-archive-title\"><span class=\"xa-archive-badge\">" +
         std::string(kept_as.empty() ? "Đã dừng hoạt động" : "Trang cũ") +
         "</span> <strong>Trang lưu trữ của " + text::html_escape(unit.name);
    if (!kept_as.empty())
        h += ", đơn vị được giữ nguyên" +
             (unit.dissolved.empty()
                  ? std::string()
                  : " khi sắp xếp từ " + text::html_escape(date_vi_admin(unit.dissolved))) +
             ", nay là " + text::html_escape(kept_as);
    else if (!unit.dissolved.empty())
        h += " đã kết thúc hoạt động từ " + text::html_escape(date_vi_admin(unit.dissolved));
    h += "</strong></p><p>Nội dung được lưu lại";
    if (!capture_date.empty()) h += " ngày " + text::html_escape(date_vi_admin(capture_date));
    if (!original_url.empty())
        h += " từ địa chỉ <span class=\"xa-archive-url\">" + text::html_escape(original_url) +
             "</span>";
    h += " và không còn được cập nhật.</p>";
    if (incomplete)
        h +=
            "<p><strong>Bản lưu không đầy đủ:</strong> dữ liệu của trang này bị cắt ngắn hoặc hỏng "
            "trong tệp lưu trữ gốc, phần cuối trang có thể bị thiếu hoặc sai.</p>";
    if (captures.size() >= 2) {
        // The date navigation: every capture of this address, newest first.
        h += "<p class=\"xa-archive-dates\">Các lần lưu trang này: ";
        for (std::size_t i = 0; i < captures.size(); ++i) {
            const CaptureLink& c = captures[i];
            if (i) h += " · ";
            h += "<a href=\"" + text::html_escape(relative_href(file, c.file)) + "\"";
            if (c.current) h += " aria-current=\"page\"";
            h += ">" + text::html_escape(date_vi_admin(c.day)) + "</a>";
            if (c.current) h += " (đang xem)";
        }
        h += "</p>";
    }
    h += "<p>";
    h += "<a href=\"" + text::html_escape(to_root(file, landing_href)) +
         "\">Giới thiệu bản lưu trữ</a> · ";
    h += "<a href=\"" + text::html_escape(relative_href(file, kContents)) +
         "\">Mục lục các trang</a>";
    bool first = true;
    for (const auto& [s, site] : successor_sites) {
        h += first ? " · Nay thuộc: " : ", ";
        first = false;
        if (!site.empty())
            h += "<a href=\"" + text::html_escape(to_root(file, site)) + "\">" +
                 text::html_escape(s.name) + "</a>";
        else
            h += text::html_escape(s.name);
    }
    h += "</p></div>";
    return h;
}

std::string ViewChrome::standalone(std::string_view file, std::string_view title,
                                   std::string_view body) const {
    std::string h =
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>" +
        text::html_escape(title) + "</title>\n" + head_html(file) + "\n</head>\n<body>\n";
    h += "<a class=\"xa-skip\" href=\"#noi-dung\">Bỏ qua đến nội dung chính</a>\n";
    h += banner_html(file, "", captured);
    h += "\n<main id=\"noi-dung\" class=\"xa-archive-main\">\n<h1>" + text::html_escape(title) +
         "</h1>\n";
    h.append(body);
    h += "\n</main>\n</body>\n</html>\n";
    return h;
}

std::string ViewChrome::search_form(std::string_view file) const {
    // The search page (ViewOptions::search_href), filtered to this archive.
    if (search_href.empty()) return "";
    return "<form class=\"xa-archive-search\" role=\"search\" method=\"get\" action=\"" +
           text::html_escape(to_root(file, search_href)) +
           "\">\n<label for=\"xa-q\">Tìm trong bản lưu trữ của " + text::html_escape(unit.name) +
           "</label>\n<input id=\"xa-q\" name=\"q\" type=\"search\">\n"
           "<input type=\"hidden\" name=\"type\" value=\"archive\">\n"
           "<input type=\"hidden\" name=\"old_unit\" value=\"" +
           text::html_escape(unit.code) + "\">\n<button type=\"submit\">Tìm</button>\n</form>\n";
}

std::string ViewChrome::contents_page(const std::vector<ContentsRow>& rows,
                                      const std::vector<std::string>& days,
                                      std::size_t versions) const {
    std::string pages, files;
    std::size_t np = 0, nf = 0;
    for (const auto& r : rows) {
        std::string li = "<li><a href=\"" + text::html_escape(relative_href(kContents, r.file)) +
                         "\">" + text::html_escape(r.title.empty() ? r.url : r.title) +
                         "</a> <span class=\"xa-archive-url\">" + text::html_escape(r.url) +
                         "</span>";
        if (!r.page)
            li +=
                " <span class=\"xa-archive-type\">(" + text::html_escape(r.media_type) + ")</span>";
        li += "</li>\n";
        if (r.page) {
            pages += li;
            ++np;
        } else {
            files += li;
            ++nf;
        }
    }
    std::string body = "<p>Bản lưu trữ của " + text::html_escape(unit.name) + " gồm " +
                       std::to_string(np) + " trang và " + std::to_string(nf) + " tệp.</p>\n";
    if (days.size() >= 2) {
        body += "<p>Trang thông tin được lưu " + std::to_string(days.size()) + " lần (";
        for (std::size_t i = 0; i < days.size(); ++i)
            body += (i ? ", " : "") + text::html_escape(date_vi_admin(days[i]));
        body += "). Mục lục này liệt kê bản chính của mỗi địa chỉ (thường là bản mới nhất); " +
                std::to_string(versions) +
                " bản lưu ngày khác có nội dung khác được giữ riêng, mở từ dòng “Các lần lưu "
                "trang này” ở đầu trang tương ứng.</p>\n";
    }
    body += search_form(kContents);
    body += "<section aria-labelledby=\"xa-pages\">\n<h2 id=\"xa-pages\">Các trang (" +
            std::to_string(np) + ")</h2>\n";
    body += np ? "<ul class=\"xa-archive-list\">\n" + pages + "</ul>\n"
               : "<p>Không có trang nào.</p>\n";
    body += "</section>\n<section aria-labelledby=\"xa-files\">\n<h2 id=\"xa-files\">Các tệp (" +
            std::to_string(nf) + ")</h2>\n";
    body +=
        nf ? "<ul class=\"xa-archive-list\">\n" + files + "</ul>\n" : "<p>Không có tệp nào.</p>\n";
    body += "</section>";
    return standalone(kContents, "Mục lục bản lưu trữ: " + unit.name, body);
}

std::string ViewChrome::not_archived_page() const {
    std::string body =
        "<p>Trang hoặc tệp bạn mở không có trong bản lưu trữ trang thông tin điện tử của " +
        text::html_escape(unit.name) +
        ": nó không được thu thập khi lưu trữ, hoặc chỉ chạy được trên máy chủ cũ.</p>\n"
        "<ul>\n<li><a href=\"" +
        text::html_escape(relative_href(kNotArchived, kContents)) +
        "\">Xem mục lục các trang đã lưu trữ</a></li>\n<li><a href=\"" +
        text::html_escape(to_root(kNotArchived, landing_href)) +
        "\">Giới thiệu bản lưu trữ</a></li>\n</ul>\n" + search_form(kNotArchived);
    return standalone(kNotArchived, "Chưa được lưu trữ", body);
}

std::string ViewChrome::redirect_page(std::string_view file, std::string_view from_url,
                                      std::string_view to_url, std::string_view href, int status,
                                      bool refresh) const {
    std::string h = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n";
    if (refresh)
        h += "<meta http-equiv=\"refresh\" content=\"0;url=" + text::html_escape(href) + "\">\n";
    h += "<title>Chuyển hướng</title>\n" + head_html(file) + "\n</head>\n<body>\n";
    h += banner_html(file, from_url, captured);
    h += "\n<main class=\"xa-archive-main\">\n<h1>Chuyển hướng</h1>\n<p>Địa chỉ " +
         text::html_escape(from_url) + " chuyển (mã " + std::to_string(status) +
         ") đến <a href=\"" + text::html_escape(href) + "\">" + text::html_escape(to_url) +
         "</a>.</p>\n</main>\n</body>\n</html>\n";
    return h;
}

std::string ViewChrome::maps_page(const nlohmann::json& hosts) const {
    std::string body =
        "<p>Địa chỉ cũ của trang thông tin điện tử " + text::html_escape(unit.name) +
        " được chuyển đến bản lưu trữ theo các bảng dưới đây (máy chủ nginx: tệp <code>.map</code> "
        "và <a href=\"nginx.conf\">nginx.conf</a>; các hệ thống khác: tệp CSV).</p>\n<ul>\n";
    for (const auto& h : hosts) {
        std::string host = h["host"].get<std::string>();
        body += "<li>" + text::html_escape(host) + " (" +
                std::to_string(h["urls"].get<std::size_t>()) + " địa chỉ): <a href=\"" +
                text::html_escape(encode_href_path(host + ".csv")) + "\">CSV</a>, <a href=\"" +
                text::html_escape(encode_href_path(host + ".map")) + "\">nginx map</a></li>\n";
    }
    body += "</ul>\n";
    return standalone(kRedirectMaps, "Chuyển hướng địa chỉ cũ: " + unit.name, body);
}

std::string ViewChrome::banner_css() {
    return R"(/* The archive banner (xasite). Colours meet WCAG 2.1 AA contrast. */
.xa-archive-banner, .xa-archive-note {
  all: initial; display: block; box-sizing: border-box; margin: 0; padding: .75rem 1rem;
  background: #fff4c2; color: #1a1a1a; border-bottom: 3px solid #8a6d00;
  font: 16px/1.5 "Noto Sans", Arial, "Helvetica Neue", sans-serif; text-align: left;
}
.xa-archive-banner p { display: block; margin: 0 0 .25rem; font: inherit; color: inherit; }
.xa-archive-banner strong { font-weight: bold; }
.xa-archive-banner a, .xa-archive-main a { color: #0b4a8b; text-decoration: underline; font: inherit; }
.xa-archive-banner a:focus, .xa-archive-main a:focus, .xa-skip:focus {
  outline: 3px solid #1a1a1a; outline-offset: 2px; background: #ffe066;
}
.xa-archive-badge { display: inline-block; margin-right: .5rem; padding: 0 .4rem; background: #8a1c1c;
  color: #fff; font-weight: bold; text-transform: uppercase; letter-spacing: .03em; }
.xa-archive-url { word-break: break-all; font-family: monospace; }
.xa-archive-dates a { white-space: nowrap; }
.xa-archive-dates a[aria-current] { font-weight: bold; }
.xa-archive-note { border: 2px solid #8a6d00; margin: .5rem 0; }
[data-archive-disabled] { cursor: not-allowed; }
a[data-archive-disabled] { text-decoration: none; }
.xa-skip { position: absolute; left: -10000px; }
.xa-skip:focus { position: static; }
.xa-archive-main { max-width: 60rem; margin: 1rem auto; padding: 0 1rem;
  font: 16px/1.5 "Noto Sans", Arial, sans-serif; color: #1a1a1a; }
.xa-archive-list li { margin: .25rem 0; }
.xa-archive-search { margin: 1rem 0; }
.xa-archive-search input[type=search] { font: inherit; padding: .25rem; min-width: 16rem; }
.xa-archive-search button { font: inherit; padding: .25rem .75rem; }
@media print { .xa-archive-banner { border: 1px solid #000; } }
)";
}

ViewSummary render_view(const PackageInfo& package, const ViewOptions& options,
                        const std::function<void(std::string_view, std::string_view)>& write,
                        const std::function<void(const ArchivedItem&)>& index) {
    Renderer r(package, options, write, index);
    r.run();
    return std::move(r.summary);
}

}  // namespace xasite::archive
