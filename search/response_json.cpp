#include "search/response_json.hpp"

namespace xasite::search {

nlohmann::json to_json(const SearchHit& hit) {
    return {{"id", hit.id},
            {"type", hit.type},
            {"code", hit.code},
            {"title", hit.title},
            {"title_html", hit.title_html},
            {"url", hit.url},
            {"unit", hit.unit},
            {"field", hit.field},
            {"date", hit.date},
            {"snippet", hit.snippet},
            {"score", hit.score}};
}

nlohmann::json to_json(const SearchResponse& r) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& hit : r.results)
        results.push_back(to_json(hit));
    nlohmann::json facets = nlohmann::json::object();
    for (const auto& [name, values] : r.facets) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& v : values) {
            nlohmann::json item = {{"value", v.value}, {"count", v.count}};
            if (!v.label.empty()) item["label"] = v.label;
            list.push_back(std::move(item));
        }
        facets[name] = std::move(list);
    }
    nlohmann::json j = {{"query", r.query}, {"total", r.total},   {"offset", r.offset},
                        {"limit", r.limit}, {"results", results}, {"facets", facets}};
    j["suggestion"] = r.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.suggestion);
    j["confidence"] = r.confidence;
    j["action"] = r.action.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.action);
    j["context_used"] =
        r.context_used.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.context_used);
    if (r.clarify.empty()) {
        j["clarify"] = nullptr;
    } else {
        nlohmann::json options = nlohmann::json::array();
        for (const auto& o : r.clarify.options)
            options.push_back(
                {{"label", o.label}, {"title", o.title}, {"code", o.code}, {"url", o.url}});
        j["clarify"] = {{"family", r.clarify.family}, {"options", options}};
    }
    return j;
}

nlohmann::json suggestions_json(const std::string& query, const std::vector<SearchHit>& hits) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& h : hits)
        list.push_back({{"title", h.title},
                        {"title_html", h.title_html},
                        {"url", h.url},
                        {"type", h.type},
                        {"code", h.code}});
    return {{"query", query}, {"suggestions", list}};
}

std::string dump(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string error_json(const std::string& message) {
    return dump(nlohmann::json{{"error", message}});
}

}  // namespace xasite::search
