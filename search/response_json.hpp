// The JSON of search responses (DESIGN §3 `search --json`, and GET /api/search): stable keys
// {"query", "total", "offset", "limit", "results": [{"id", "type", "code", "title", "title_html",
// "url", "unit", "field", "date", "snippet", "score"}], "suggestion", "facets", "confidence"
// ("high" | "low" | "none"), "action" (or null), "context_used" (the earlier question a follow-up
// was read with, or null), "clarify" (null or {"family", "options": [{"label", "title", "code",
// "url"}]})}. facets["event"] counts the life events (events.txt) of the results.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "search/searcher.hpp"

namespace xasite::search {

nlohmann::json to_json(const SearchResponse& response);
nlohmann::json to_json(const SearchHit& hit);
// {"query": …, "suggestions": [{"title", "url", "type", "code"}]}
nlohmann::json suggestions_json(const std::string& query, const std::vector<SearchHit>& hits);
// {"error": message}
std::string error_json(const std::string& message);
// dump() that never throws on bad UTF-8 (replaces it).
std::string dump(const nlohmann::json& j);

}  // namespace xasite::search
