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
    if (name == "event") return "Sự kiện";
    return nullptr;  // other facets are offered by the API only
}

// "?q=…&type=…&field=…&event=…&offset=…&context=…" for links of the results page.
std::string link(const SearchRequest& r, std::size_t offset, const std::string& facet = {},
                 const std::string& value = {}) {
    std::string s = "?q=" + url::percent_encode(r.query);
    std::string type = facet == "type" ? value : r.type;
    std::string field = facet == "field" ? value : r.field;
    std::string event = facet == "event" ? value : r.event;
    if (!type.empty()) s += "&type=" + url::percent_encode(type);
    if (!field.empty()) s += "&field=" + url::percent_encode(field);
    if (!event.empty()) s += "&event=" + url::percent_encode(event);
    if (offset > 0) s += "&offset=" + std::to_string(offset);
    for (const auto& earlier : r.context)
        s += "&context=" + url::percent_encode(earlier);
    return s;
}

// Where else to ask. A commune's search page links its own "Liên hệ" page (beside tra-cuu/); the
// province's search page has none beside it, so it names the commune's page in words.
std::string elsewhere(const SearchRequest& request) {
    std::string h =
        "tìm trên Cổng Dịch vụ công quốc gia <a href=\"https://dichvucong.gov.vn\" "
        "rel=\"external\">dichvucong.gov.vn</a> hoặc gọi đường dây nóng của ";
    if (request.unit.empty())
        return h + "xã, phường nơi bạn ở (số điện thoại ở trang Liên hệ của trang xã, phường)";
    return h + "xã (số điện thoại ở trang <a href=\"../lien-he/\">Liên hệ</a>)";
}

// A question as echoed in the results' sentences, escaped: a pasted official name of up to 1,200
// characters would fill a phone's screen before the first result (it stays whole in the box).
std::string echoed(std::string_view question) {
    const std::size_t cut = text::prefix_at_word(question, kEchoedBytes);
    return text::html_escape(question.substr(0, cut)) + (cut < question.size() ? " …" : "");
}

// What to do when no procedure matches: the national portal and the commune's hotline (its number
// is on the commune's "Liên hệ" page, which the server does not read). One paragraph.
std::string none_html(const SearchRequest& request, const std::string& q) {
    return "<p class=\"search-summary search-none\" role=\"status\">Không có thủ tục hành chính "
           "nào khớp với câu hỏi «" +
           q + "». Bạn có thể hỏi lại bằng tên thủ tục, tra cứu theo lĩnh vực bên dưới, " +
           elsewhere(request) + ".</p>\n";
}

}  // namespace

std::string render_notice_html(std::string_view message) {
    return "<p class=\"search-summary note\" role=\"status\">" + text::html_escape(message) +
           "</p>";
}

std::string render_results_html(const SearchRequest& request, const SearchResponse& r) {
    std::string h;
    h.reserve(8192);
    const std::string q = echoed(request.query);
    if (!r.suggestion.empty()) {
        h += "<p class=\"search-suggestion\">Có phải bạn muốn tìm: <a href=\"";
        SearchRequest suggested = request;
        suggested.query = r.suggestion;
        h += text::html_escape(link(suggested, 0));
        h += "\">" + text::html_escape(r.suggestion) + "</a>?</p>\n";
    }
    if (!r.context_used.empty())
        h += "<p class=\"search-context note\">Hiểu là câu hỏi tiếp theo của: «" +
             echoed(r.context_used) + "».</p>\n";
    if (r.total == 0) {
        h += "<p class=\"search-summary\" role=\"status\">Không tìm thấy kết quả nào cho «" + q +
             "». Hãy thử gõ ít từ hơn, hoặc tra cứu theo lĩnh vực bên dưới; bạn cũng có thể " +
             elsewhere(request) + ".</p>\n";
        return h;
    }
    // Nothing is shown as the answer when no procedure matches the question.
    if (r.confidence == "none") return h + none_html(request, q);
    if (r.results.empty()) {  // an offset past the end
        h += "<p class=\"search-summary\" role=\"status\">Tìm thấy " + std::to_string(r.total) +
             " kết quả cho «" + q + "»; trang này không còn kết quả. <a href=\"" +
             text::html_escape(link(request, 0)) + "\">Về trang đầu</a>.</p>\n";
        return h;
    }
    if (!r.clarify.empty()) {
        h += "<nav class=\"search-clarify\" aria-label=\"Chọn đúng thủ tục\"><p>Bạn cần: ";
        for (std::size_t k = 0; k < r.clarify.options.size(); ++k) {
            const auto& o = r.clarify.options[k];
            if (k) h += " · ";
            h += "<a href=\"" + text::html_escape(o.url) + "\" title=\"" +
                 text::html_escape(o.title) + "\">" + text::html_escape(o.label) + "</a>";
        }
        h += "?</p></nav>\n";
    }
    const bool low = r.confidence == "low";
    if (low)
        h += "<p class=\"search-summary\" role=\"status\">Chưa tìm thấy thủ tục khớp hẳn với «" +
             q + "»; " + std::to_string(r.total) + " kết quả có thể liên quan";
    else
        h += "<p class=\"search-summary\" role=\"status\">Tìm thấy " + std::to_string(r.total) +
             " kết quả cho «" + q + "»";
    if (r.offset > 0 || r.results.size() < r.total)
        h += " (từ " + std::to_string(r.offset + 1) + " đến " +
             std::to_string(r.offset + r.results.size()) + ")";
    // The results' own heading level, so the titles (h3) never follow the page's h1 directly.
    h += low ? ".</p>\n<h2 class=\"search-maybe\">Có thể bạn cần</h2>\n"
             : ".</p>\n<h2 class=\"visually-hidden\">Kết quả tìm kiếm</h2>\n";
    h += "<ol class=\"search-results\" start=\"" + std::to_string(r.offset + 1) + "\">\n";
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

std::vector<std::string> kept_questions(const SearchRequest& request) {
    std::vector<std::string> kept = request.context;
    if (!request.query.empty()) kept.push_back(request.query);
    if (kept.size() > kKeptQuestions)
        kept.erase(kept.begin(), kept.end() - static_cast<long>(kKeptQuestions));
    return kept;
}

std::string fill_search_page(std::string_view page, std::string_view query,
                             std::string_view results_html,
                             const std::vector<std::string>& context) {
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
        std::string_view rest = before.substr(after_name);
        // The earlier questions as hidden fields at the end of that form.
        std::size_t form_end = rest.find("</form>");
        if (!context.empty() && form_end != std::string_view::npos) {
            out.append(rest.substr(0, form_end));
            for (const auto& earlier : context)
                out += "<input type=\"hidden\" name=\"context\" value=\"" +
                       text::html_escape(earlier) + "\">";
            out.append(rest.substr(form_end));
        } else {
            out.append(rest);
        }
    } else {
        out.append(before);
    }
    out.append(results_html);
    out.append(page.substr(marker + kResultsMarker.size()));
    return out;
}

}  // namespace xasite::serve
