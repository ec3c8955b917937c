#include "generator/check/link_checker.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "generator/check/html_scan.hpp"
#include "generator/check/url.hpp"

namespace xasite::check {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kNotAPage = std::numeric_limits<std::uint32_t>::max();

// Component-wise path order on '/'-separated strings ("a/b" < "a-b"), the order of
// std::filesystem::path comparison, so pages and problems sort the same way.
bool path_less(std::string_view a, std::string_view b) {
    std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i] == b[i]) continue;
        if (a[i] == '/') return true;
        if (b[i] == '/') return false;
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    }
    return a.size() < b.size();
}

// Every regular file under the root, as '/'-separated paths relative to it; the *.html ones are
// the pages, numbered in path order.
struct SiteFiles {
    std::vector<std::string> pages;
    std::unordered_map<std::string, std::uint32_t> files;  // path → page number or kNotAPage
};

SiteFiles list_files(const fs::path& root) {
    SiteFiles site;
    std::string base = root.native();
    if (!base.empty() && base.back() != '/') base += '/';
    std::vector<std::string> all;
    for (auto it =
             fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied);
         it != fs::recursive_directory_iterator(); ++it) {
        std::error_code ec;
        if (!it->is_regular_file(ec)) continue;
        const std::string& native = it->path().native();
        std::string rel = native.starts_with(base)
                              ? native.substr(base.size())
                              : it->path().lexically_relative(root).generic_string();
        if (rel.ends_with(".html")) site.pages.push_back(rel);
        all.push_back(std::move(rel));
    }
    if (site.pages.size() >= kNotAPage) throw std::length_error("too many pages");
    std::sort(site.pages.begin(), site.pages.end(), path_less);
    site.files.reserve(all.size());
    for (auto& f : all)
        site.files.emplace(std::move(f), kNotAPage);
    for (std::uint32_t i = 0; i < site.pages.size(); ++i)
        site.files[site.pages[i]] = i;
    return site;
}

// A page's id and <a name> values, sorted, in one buffer: a few bytes per id instead of a
// std::string each, since the ids of every page are kept until all pages are parsed.
class IdSet {
  public:
    IdSet() = default;
    explicit IdSet(const std::vector<std::string>& sorted_ids) {
        std::size_t total = 0;
        for (const auto& id : sorted_ids)
            total += id.size();
        if (total > std::numeric_limits<std::uint32_t>::max())
            throw std::length_error("too many ids on one page");
        blob_.reserve(total);
        ends_.reserve(sorted_ids.size());
        for (const auto& id : sorted_ids) {
            blob_ += id;
            ends_.push_back(static_cast<std::uint32_t>(blob_.size()));
        }
    }

    bool contains(std::string_view id) const {
        std::size_t lo = 0, hi = ends_.size();
        while (lo < hi) {
            std::size_t mid = lo + (hi - lo) / 2;
            if (at(mid) < id)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < ends_.size() && at(lo) == id;
    }

  private:
    std::string_view at(std::size_t i) const {
        std::size_t begin = i == 0 ? 0 : ends_[i - 1];
        return std::string_view(blob_).substr(begin, ends_[i] - begin);
    }

    std::string blob_;
    std::vector<std::uint32_t> ends_;
};

// HTML "find a potential indicated element": the fragment as written, then percent-decoded;
// "#top" always works.
bool has_anchor(const IdSet& ids, std::string_view fragment) {
    if (ids.contains(fragment)) return true;
    std::string decoded = url::percent_decode(fragment);
    return ids.contains(decoded) || ascii::iequals(decoded, "top");
}

struct Finding {
    std::string kind;
    std::string detail;
    auto operator<=>(const Finding&) const = default;
};

// A link with a fragment into another page: checked once every page has been parsed.
struct PendingAnchor {
    std::uint32_t target;
    std::string href;
};

struct PageResult {
    std::size_t links = 0;
    IdSet ids;
    std::vector<Finding> findings;
    std::vector<PendingAnchor> pending;
};

void check_basics(const PageScan& scan, std::vector<Finding>& findings) {
    if (!scan.lang)
        findings.push_back({"missing-lang", "<html> has no lang attribute"});
    else if (scan.lang->empty())
        findings.push_back({"missing-lang", "<html lang> is empty"});

    if (!scan.charset)
        findings.push_back({"missing-charset", "no <meta charset=\"utf-8\">"});
    else if (!url::is_utf8_label(*scan.charset))
        findings.push_back({"missing-charset", "charset is \"" + *scan.charset + "\", not utf-8"});
    else if (scan.charset_late)
        findings.push_back({"missing-charset", "charset declared after the first 1024 bytes"});

    if (!scan.title)
        findings.push_back({"missing-title", "no <title>"});
    else if (scan.title->empty())
        findings.push_back({"missing-title", "<title> is empty"});
}

// Parses one page, checks its basics and resolves its links against the file list. Links with a
// fragment into another page are left pending; same-page fragments are checked here.
// The public URL of each site of the output and its folder (.xasite-sites.json, written by
// `xasite build`), longest URL first: an absolute link under one of them is a link into the output.
using SiteUrls = std::vector<std::pair<std::string, std::string>>;

SiteUrls read_site_urls(const fs::path& root) {
    SiteUrls sites;
    std::error_code ec;
    const fs::path file = root / ".xasite-sites.json";
    if (!fs::is_regular_file(file, ec)) return sites;
    try {
        auto j = nlohmann::json::parse(read_file(file));
        for (const auto& s : j.at("sites"))
            sites.emplace_back(s.at("url").get<std::string>(), s.at("dir").get<std::string>());
    } catch (const nlohmann::json::exception& e) {
        throw InputError(file.string(), std::string("not a list of sites: ") + e.what());
    }
    std::sort(sites.begin(), sites.end(), [](const auto& a, const auto& b) {
        return a.first.size() != b.first.size() ? a.first.size() > b.first.size()
                                                : a.first < b.first;
    });
    return sites;
}

// "https://xa-ea-kar.daklak.gov.vn/thu-tuc/?x#y" → "/xa-ea-kar/thu-tuc/?x#y" when that host and
// path are a site of the output; nullopt for any other address (it leaves the output).
std::optional<std::string> site_reference(const SiteUrls& sites, std::string_view href) {
    for (const auto& [url, dir] : sites) {
        if (href.compare(0, url.size(), url) == 0)
            return "/" + dir + std::string(href.substr(url.size()));
        // The site's root without its slash ("https://xa-ea-kar.daklak.gov.vn").
        if (!url.empty() && url.back() == '/' && href.size() == url.size() - 1 &&
            href.compare(0, href.size(), url, 0, url.size() - 1) == 0)
            return "/" + dir;
    }
    return std::nullopt;
}

void check_page(const fs::path& root, const SiteFiles& site, const SiteUrls& site_urls,
                std::uint32_t index, PageResult& result) {
    const std::string& page = site.pages[index];
    std::size_t slash = page.rfind('/');
    std::string_view page_dir =
        slash == std::string::npos ? std::string_view() : std::string_view(page).substr(0, slash);

    PageScan scan;
    {
        std::string html = read_file(root / page);
        if (auto bad = text::find_invalid_utf8(html)) {
            auto [line, col] = line_col(html, *bad);
            result.findings.push_back({"invalid-utf8", "invalid UTF-8 at line " +
                                                           std::to_string(line) + ", column " +
                                                           std::to_string(col)});
        }
        scan = scan_html(html);
    }
    if (!scan.parsed) {
        result.findings.push_back({"unreadable", "gumbo could not parse the page"});
        return;
    }
    check_basics(scan, result.findings);
    result.ids = IdSet(scan.ids);
    scan.ids = {};

    // Absolute links to the output's own sites (communes on hosts of their own): checked as the
    // root-relative path they map to, reported as written.
    // A root-absolute link ("/lien-he/") is on the host of the page's own site: on a commune's
    // own host, that commune's folder.
    std::string origin;
    {
        std::size_t best = 0;
        for (const auto& [url, dir] : site_urls)
            if ((dir.empty() || page.compare(0, dir.size(), dir) == 0) &&
                (origin.empty() || dir.size() > best)) {
                auto scheme = url.find("://");
                auto slash = scheme == std::string::npos ? scheme : url.find('/', scheme + 3);
                origin = url.substr(0, slash);
                best = dir.size();
            }
    }
    std::vector<std::pair<std::string, std::string>> links;  // (reference to resolve, as written)
    links.reserve(scan.links.size() + scan.absolute_links.size());
    for (std::string& href : scan.links) {
        if (!origin.empty() && href.size() > 1 && href[0] == '/' && href[1] != '/')
            if (auto mapped = site_reference(site_urls, origin + href)) {
                links.emplace_back(std::move(*mapped), std::move(href));
                continue;
            }
        links.emplace_back(href, std::move(href));
    }
    for (std::string& href : scan.absolute_links)
        if (auto mapped = site_reference(site_urls, href))
            links.emplace_back(std::move(*mapped), std::move(href));

    for (auto& [reference, href] : links) {
        ++result.links;
        url::Parts parts = url::split(reference);
        std::uint32_t target = index;
        if (!parts.path.empty()) {
            auto resolved = url::resolve(page_dir, url::decode_path(parts.path));
            if (!resolved) {
                result.findings.push_back({"broken-link", href});
                continue;
            }
            auto found = site.files.end();
            if (!resolved->directory) found = site.files.find(resolved->path);
            if (found == site.files.end())
                found = site.files.find(resolved->path.empty() ? std::string("index.html")
                                                               : resolved->path + "/index.html");
            if (found == site.files.end()) {
                result.findings.push_back({"broken-link", href});
                continue;
            }
            target = found->second;
        }
        // Fragments are checked in HTML pages only ("doc.pdf#page=2" is fine); "#" is the top.
        if (!parts.has_fragment || parts.fragment.empty() || target == kNotAPage) continue;
        if (target == index) {
            if (!has_anchor(result.ids, parts.fragment))
                result.findings.push_back({"broken-anchor", href});
        } else {
            result.pending.push_back({target, std::move(href)});
        }
    }
}

void check_pending(std::vector<PageResult>& results, std::size_t index) {
    PageResult& result = results[index];
    for (const PendingAnchor& p : result.pending)
        if (!has_anchor(results[p.target].ids, url::split(p.href).fragment))
            result.findings.push_back({"broken-anchor", p.href});
    result.pending = {};
}

// Control characters and invalid UTF-8 in file names or hrefs would break the one-line format.
std::string printable(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::size_t start = i;
        char32_t cp = text::decode_utf8(s, i);
        bool invalid = cp == 0xFFFD && i - start == 1;
        if (invalid || cp < 0x20 || cp == 0x7F) {
            auto byte = static_cast<unsigned char>(s[start]);
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
            i = start + 1;
        } else {
            out.append(s.substr(start, i - start));
        }
    }
    return out;
}

}  // namespace

Report check_site(const fs::path& site_dir, unsigned jobs) {
    std::error_code ec;
    if (!fs::is_directory(site_dir, ec))
        throw InputError(site_dir.string(),
                         fs::exists(site_dir, ec) ? "not a directory" : "no such directory");

    const SiteFiles site = list_files(site_dir);
    const SiteUrls site_urls = read_site_urls(site_dir);
    const std::size_t n = site.pages.size();
    std::vector<PageResult> results(n);

    const int concurrency = jobs == 0 ? tbb::task_arena::automatic
                                      : static_cast<int>(std::min<unsigned>(jobs, INT_MAX));
    tbb::task_arena arena(concurrency);
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& range) {
            for (std::size_t i = range.begin(); i != range.end(); ++i) {
                try {
                    check_page(site_dir, site, site_urls, static_cast<std::uint32_t>(i),
                               results[i]);
                } catch (const std::exception& e) {
                    results[i].findings.push_back({"unreadable", e.what()});
                }
            }
        });
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& range) {
            for (std::size_t i = range.begin(); i != range.end(); ++i)
                check_pending(results, i);
        });
    });

    Report report;
    report.pages = n;
    for (std::size_t i = 0; i < n; ++i) {
        PageResult& result = results[i];
        report.links += result.links;
        auto& findings = result.findings;
        std::sort(findings.begin(), findings.end());
        findings.erase(std::unique(findings.begin(), findings.end()), findings.end());
        for (Finding& f : findings)
            report.problems.push_back(
                {fs::path(site.pages[i]), std::move(f.kind), std::move(f.detail)});
    }
    return report;
}

int run_check(const fs::path& site_dir, unsigned jobs, std::ostream& out) {
    Report report;
    try {
        report = check_site(site_dir, jobs);
    } catch (const std::exception& e) {
        out << "xasite check: " << printable(e.what()) << '\n';
        return 1;
    }
    for (const Problem& p : report.problems)
        out << printable(p.page.generic_string()) << ": " << p.kind << ": " << printable(p.detail)
            << '\n';
    out << "checked " << report.pages << " pages, " << report.links
        << " links: " << report.problems.size() << " problems\n";
    return report.problems.empty() ? 0 : 1;
}

}  // namespace xasite::check
