#include "serve/results_html.hpp"

#include "core/text.hpp"
#include "core/url.hpp"

namespace xasite::serve {

using search::SearchRequest;
using search::SearchResponse;

namespace {

const char* type_label(const std::string& type) {
    if (type == "procedure") return "Thủ tục hành chính";
    if (type == "directive") return "Văn bản";
    if (type == "page") return "Trang thông tin";
    if (type == "archive") return "Lưu trữ";
    return "Khác";
}

const char* facet_heading(const std::string& name) {
    if (name == "type") return "Loại";
    if (name == "field") return "Lĩnh vực";
    return nullptr;  // other facets are offered by the API only
}

// "?q=…&type=…&field=…&offset=…" for links of the results page.
std::string link(const SearchRequest& r, std::size_t offset, const std::string& facet = {},
                 const std::string& value = {}) {
    std::string s = "?q=" + url::percent_encode(r.query);
    std::string type = facet == "type" ? value : r.type;
    std::string field = facet == "field" ? value : r.field;
    if (!type.empty()) s += "&type=" + url::percent_encode(type);
    if (!field.empty()) s += "&field=" + url::percent_encode(field);
    if (offset > 0) s += "&offset=" + std::to_string(offset);
    return s;
}

}  // namespace

std::string render_notice_html(std::string_view message) {
    return "<p class=\"search-summary note\" role=\"status\">" + text::html_escape(message) +
           "</p>";
}

std::string render_results_html(const SearchRequest& request, const SearchResponse& r) {
    std::string h;
    h.reserve(8192);
    const std::string q = text::html_escape(request.query);
    if (!r.suggestion.empty()) {
        h += "<p class=\"search-suggestion\">Có phải bạn muốn tìm: <a href=\"";
        SearchRequest suggested = request;
        suggested.query = r.suggestion;
        h += text::html_escape(link(suggested, 0));
        h += "\">" + text::html_escape(r.suggestion) + "</a>?</p>\n";
    }
    if (r.total == 0) {
        h += "<p class=\"search-summary\" role=\"status\">Không tìm thấy kết quả nào cho «" + q +
             "». Hãy thử gõ ít từ hơn, hoặc tra cứu theo lĩnh vực bên dưới.</p>\n";
        return h;
    }
    h += "<p class=\"search-summary\" role=\"status\">Tìm thấy " + std::to_string(r.total) +
         " kết quả cho «" + q + "»";
    if (r.offset > 0 || r.results.size() < r.total)
        h += " (từ " + std::to_string(r.offset + 1) + " đến " +
             std::to_string(r.offset + r.results.size()) + ")";
    // The results' own heading level, so the titles (h3) never follow the page's h1 directly.
    h += ".</p>\n<h2 class=\"visually-hidden\">Kết quả tìm kiếm</h2>\n<ol class=\"search-results\" "
         "start=\"" +
         std::to_string(r.offset + 1) + "\">\n";
    for (const auto& hit : r.results) {
        h += "<li class=\"search-result\"><h3><a href=\"" + text::html_escape(hit.url) + "\">" +
             hit.title_html + "</a></h3>\n<p class=\"meta\">" +
             text::html_escape(type_label(hit.type));
        if (!hit.field.empty()) h += " · " + text::html_escape(hit.field);
        if (!hit.code.empty()) h += " · Mã " + text::html_escape(hit.code);
        h += "</p>\n";
        if (!hit.snippet.empty()) h += "<p>" + hit.snippet + "</p>\n";
        h += "</li>\n";
    }
    h += "</ol>\n";
    if (r.total > r.limit) {
        const std::size_t pages = (r.total + r.limit - 1) / r.limit;
        const std::size_t current = r.offset / r.limit + 1;
        h += "<nav class=\"pagination\" aria-label=\"Phân trang kết quả\">\n<p>Trang " +
             std::to_string(current) + "/" + std::to_string(pages) + "</p>\n<ul>\n";
        if (r.offset > 0)
            h += "<li><a href=\"" +
                 text::html_escape(link(request, r.offset > r.limit ? r.offset - r.limit : 0)) +
                 "\" rel=\"prev\">‹ Trang trước</a></li>\n";
        if (r.offset + r.limit < r.total)
            h += "<li><a href=\"" + text::html_escape(link(request, r.offset + r.limit)) +
                 "\" rel=\"next\">Trang sau ›</a></li>\n";
        h += "</ul>\n</nav>\n";
    }
    for (const auto& [name, values] : r.facets) {
        const char* heading = facet_heading(name);
        if (!heading || values.size() < 2) continue;
        h += "<section class=\"search-facets\"><h2>" + std::string(heading) +
             "</h2>\n<ul class=\"facet-list\">\n";
        std::size_t shown = 0;
        for (const auto& v : values) {
            if (++shown > 12) break;
            std::string label = name == "type" ? type_label(v.value) : v.value;
            h += "<li><a href=\"" + text::html_escape(link(request, 0, name, v.value)) + "\">" +
                 text::html_escape(label) + "</a> <span class=\"count\">" +
                 std::to_string(v.count) + "</span></li>\n";
        }
        h += "</ul></section>\n";
    }
    return h;
}

std::string fill_search_page(std::string_view page, std::string_view query,
                             std::string_view results_html) {
    std::size_t marker = page.find(kResultsMarker);
    if (marker == std::string_view::npos) return std::string(page);
    std::string out;
    out.reserve(page.size() + results_html.size() + 64);
    std::string_view before = page.substr(0, marker);
    // value="…" on the search box of the page (the input named q inside the search form).
    std::size_t input = before.find("id=\"q-search\"");
    std::size_t name = input == std::string_view::npos ? before.find("name=\"q\"")
                                                       : before.find("name=\"q\"", input);
    if (input != std::string_view::npos && name == std::string_view::npos)
        name = before.rfind("name=\"q\"", input);
    if (name != std::string_view::npos) {
        const std::size_t after_name = name + std::string_view("name=\"q\"").size();
        out.append(before.substr(0, after_name));
        out += " value=\"" + text::html_escape(query) + "\"";
        out.append(before.substr(after_name));
    } else {
        out.append(before);
    }
    out.append(results_html);
    out.append(page.substr(marker + kResultsMarker.size()));
    return out;
}

}  // namespace xasite::serve
