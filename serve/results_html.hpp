// Server-rendered search results for the tra-cuu/ pages (no JavaScript needed): the HTML put in
// place of <!--xasite:search-results--> in the static page. Everything is escaped; links keep the
// query and filters so paging and facets work as plain links.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search/searcher.hpp"

namespace xasite::serve {

// The marker in templates/pages/search.mustache replaced by the results.
inline constexpr std::string_view kResultsMarker = "<!--xasite:search-results-->";

std::string render_results_html(const search::SearchRequest& request,
                                const search::SearchResponse& response);
// A short notice (already-escaped HTML is not accepted: `message` is escaped).
std::string render_notice_html(std::string_view message);

// Inserts `results_html` at the marker of a tra-cuu page and puts the query in the search box
// (value="…" on the input named q). `context` (the last questions, oldest first) becomes hidden
// fields named "context" of the search form, so a follow-up question works without JavaScript.
// The page is returned unchanged when it has no marker.
std::string fill_search_page(std::string_view page, std::string_view query,
                             std::string_view results_html,
                             const std::vector<std::string>& context = {});

// The questions a results page keeps for the next one: the earlier ones and this one, the last
// kKeptQuestions of them.
inline constexpr std::size_t kKeptQuestions = 3;
// The question echoed in the results' sentences ("Tìm thấy N kết quả cho «…»") is cut to at most
// this many bytes, between words, with " …": about 100 characters of Vietnamese.
inline constexpr std::size_t kEchoedBytes = 160;
std::vector<std::string> kept_questions(const search::SearchRequest& request);

}  // namespace xasite::serve
