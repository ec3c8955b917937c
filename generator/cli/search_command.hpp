// `xasite search [--site DIR] [--unit CODE] [--type T] [--limit N] [--context Q]… [--json] QUERY…`:
// searches the index of a built site from the command line (DESIGN §3).
#pragma once

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace xasite::cli {

struct SearchOptions {
    std::filesystem::path site_dir = "site";
    std::filesystem::path index_dir;  // default: index_path_for(site_dir)
    std::string unit;                 // unit code or site slug
    std::string type;                 // procedure | directive | page | archive (',' for several)
    std::string field;                // lĩnh vực
    std::string level;                // commune | province | ministry | vertical | other
    std::size_t limit = 10;
    std::size_t offset = 0;
    bool json = false;
    std::vector<std::string> query;    // the words, joined with spaces
    std::vector<std::string> context;  // earlier questions, oldest first (--context, repeatable)
    std::string event;                 // a life event (events.txt): its procedures only
};

// Exit status: 0 (results or none), 1 input error (no index, unknown unit, invalid query: message
// on `err`), 2 nothing to search for. JSON output: search/response_json.hpp.
int run_search(const SearchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace xasite::cli
