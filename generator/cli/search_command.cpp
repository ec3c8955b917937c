#include "generator/cli/search_command.hpp"

#include "search/index.hpp"
#include "search/response_json.hpp"
#include "search/searcher.hpp"

namespace xasite::cli {

namespace {

// The text of a snippet for a terminal: tags dropped, entities decoded.
std::string plain(const std::string& html) {
    std::string out;
    for (std::size_t i = 0; i < html.size(); ++i) {
        char c = html[i];
        if (c == '<') {
            std::size_t close = html.find('>', i);
            if (close == std::string::npos) break;
            i = close;
            continue;
        }
        if (c == '&') {
            static const std::pair<const char*, char> entities[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            bool done = false;
            for (const auto& [name, ch] : entities)
                if (html.compare(i, std::char_traits<char>::length(name), name) == 0) {
                    out.push_back(ch);
                    i += std::char_traits<char>::length(name) - 1;
                    done = true;
                    break;
                }
            if (done) continue;
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace

int run_search(const SearchOptions& options, std::ostream& out, std::ostream& err) {
    search::SearchRequest request;
    for (const auto& word : options.query) {
        if (!request.query.empty()) request.query.push_back(' ');
        request.query += word;
    }
    request.unit = options.unit;
    request.type = options.type;
    request.field = options.field;
    request.level = options.level;
    request.limit = options.limit;
    request.offset = options.offset;
    request.context = options.context;
    request.event = options.event;
    const auto index_dir =
        options.index_dir.empty() ? search::index_path_for(options.site_dir) : options.index_dir;
    search::Searcher searcher(index_dir);
    search::SearchResponse response;
    try {
        response = searcher.search(request);
    } catch (const search::NothingToSearchFor& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    } catch (const search::SearchError& e) {
        err << "error: " << e.what() << "\n";
        return 1;
    }
    if (options.json) {
        out << search::dump(search::to_json(response)) << "\n";
        return 0;
    }
    out << response.total << (response.total == 1 ? " result" : " results") << " for \""
        << response.query << "\"";
    if (!response.context_used.empty()) out << " (after \"" << response.context_used << "\")";
    if (!response.suggestion.empty()) out << " (did you mean: " << response.suggestion << ")";
    out << "\nconfidence: " << response.confidence;
    if (response.confidence == "none")
        out << " (no procedure matches; try https://dichvucong.gov.vn or the commune's hotline)";
    out << "\n";
    if (!response.clarify.empty()) {
        out << "which one:";
        for (const auto& o : response.clarify.options)
            out << " [" << o.label << "] " << o.code;
        out << "\n";
    }
    std::size_t n = response.offset;
    for (const auto& hit : response.results) {
        out << "\n" << ++n << ". " << hit.title << "\n   " << hit.type;
        if (!hit.code.empty()) out << " " << hit.code;
        if (!hit.field.empty()) out << " · " << hit.field;
        out << " · " << hit.url << "\n";
        if (!hit.snippet.empty()) out << "   " << plain(hit.snippet) << "\n";
    }
    return 0;
}

}  // namespace xasite::cli
