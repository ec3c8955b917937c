// `xasite check`: finds broken internal links and pages missing the basics in a built site.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace xasite::check {

struct Problem {
    std::filesystem::path page;  // relative to the site root
    std::string kind;            // "broken-link" | "broken-anchor" | "missing-lang" | "missing-charset" | "missing-title"
    std::string detail;          // the href, or what is missing
};

struct Report {
    std::size_t pages = 0;  // HTML files checked
    std::size_t links = 0;  // internal links checked
    std::vector<Problem> problems;  // sorted by page, then kind, then detail
};

// Parses every *.html under site_dir with gumbo (in parallel, `jobs` threads; 0 = all cores).
Report check_site(const std::filesystem::path& site_dir, unsigned jobs = 0);

// Prints the problems and a summary; returns 0 when there are none, 1 otherwise.
int run_check(const std::filesystem::path& site_dir, unsigned jobs, std::ostream& out);

}  // namespace xasite::check
