// `xasite check`: finds broken internal links and pages missing the basics in a built site.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace xasite::check {

struct Problem {
    std::filesystem::path page;  // relative to the site root
    // "broken-link" | "broken-anchor" | "missing-lang" | "missing-charset" | "missing-title" |
    // "invalid-utf8" | "unreadable"
    std::string kind;
    std::string detail;  // the href, or what is missing
};

struct Report {
    std::size_t pages = 0;          // HTML files checked
    std::size_t links = 0;          // internal links checked
    std::vector<Problem> problems;  // sorted by page, then kind, then detail
};

// Parses every *.html under site_dir with gumbo (in parallel, `jobs` threads; 0 = all cores).
// Each page is parsed once; only its links and ids are kept. A link resolves to a file, or to a
// directory holding index.html; "/x" resolves against site_dir, and ".." above it is broken.
// Fragments are checked against the id and <a name> values of HTML targets. The same problem
// twice on one page is reported once. Throws InputError when site_dir is not a directory.
Report check_site(const std::filesystem::path& site_dir, unsigned jobs = 0);

// Prints "<page>: <kind>: <detail>" per problem and "checked N pages, M links: K problems";
// returns 0 when there are none, 1 otherwise (also when site_dir is missing or not a directory).
int run_check(const std::filesystem::path& site_dir, unsigned jobs, std::ostream& out);

}  // namespace xasite::check
