// `xasite build`: content/ → site/. Loads and validates the content once, compiles the theme,
// renders the 102 commune sites and the province site in parallel into a temporary directory, then
// swaps it into place.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace xasite::site {

struct BuildOptions {
    std::filesystem::path content_dir = "content";
    std::filesystem::path out_dir = "site";
    unsigned jobs = 0;               // 0 = all cores
    std::vector<std::string> units;  // new unit codes; empty = all
    bool quiet = false;              // no progress, no summary
    bool background_cleanup = true;  // remove the replaced site in a background process
    bool search_index = true;        // write the search index "<out_dir>.xapian" beside the site
    // Compare with the manifest of the site already at out_dir and render and write only what
    // changed (false: a cold build into a temporary directory, swapped in whole).
    bool incremental = true;
    // Build pages marked `draft: true` too: only for `xasite preview`, never for a published site.
    bool drafts = false;
    // run_build's messages: "en", or "vi" (commune staff: errors of their files in Vietnamese).
    std::string lang = "en";
    // The site-wide nginx.conf at the top of the output (generator/site/nginx_conf.hpp): where
    // `xasite serve` listens, the operator's file of listen/TLS lines every server includes, and
    // the output directory as nginx reads it (empty: out_dir made absolute).
    std::string nginx_upstream = "127.0.0.1:8080";
    std::string nginx_listen = "/etc/nginx/xasite-listen.conf";
    std::filesystem::path nginx_root;
};

struct BuildSummary {
    // "cold" (a new site, swapped in whole), "everything" (every site rendered, in place),
    // "units" (only changed communes and the province site rendered, in place), "unchanged"
    // (no input changed: nothing loaded, rendered or written).
    std::string mode;
    std::string reason;                      // why "everything" ("content/x changed")
    std::vector<std::string> changed_units;  // "units": the communes rendered again
    std::size_t changed_inputs = 0;          // input files added, changed or removed
    std::size_t units = 0;                   // commune sites rendered
    std::size_t pages = 0;                   // HTML pages rendered
    std::size_t files = 0;                   // files rendered
    std::size_t bytes = 0;
    std::size_t files_written = 0;    // files written to disk (in place: only those that changed)
    std::size_t files_removed = 0;    // outputs removed because their content is gone
    std::size_t index_changed = 0;    // in place: index documents added, replaced or removed
    std::size_t index_documents = 0;  // documents in the search index (0 without one)
    std::size_t archives = 0;         // archive views rendered (luu-tru/<district>/)
    std::size_t archived_items = 0;   // archived pages and attachments given to the index feed
    double seconds = 0;
    std::vector<std::string> warnings;
    // What procedure-scope.json did: listed, excluded per rule, other provinces' copies, malformed
    // codes, same-name records, merged field spellings (printed after the summary line).
    std::vector<std::string> scope;
};

// Throws InputError on bad content (nothing is written then) and std::runtime_error on I/O errors.
BuildSummary build_site(const BuildOptions& options);

// The command: prints progress on a terminal, warnings, and the one-line summary.
// Returns 0 on success, 1 on an input error (message on `err`).
int run_build(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace xasite::site
