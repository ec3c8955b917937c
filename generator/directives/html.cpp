// body_html(): the body blocks as HTML5. Headings I. / 1. / a) → <h2> / <h3> / <h4>, bullets "-"
// and "+" → nested <ul>, paragraphs → <p>, [^N] markers → links to a footnote list at the end.
// Everything from the document is escaped; no inline styles, no scripts.
#include <set>

#include "core/text.hpp"
#include "generator/directives/directive.hpp"

namespace xasite::directives {

namespace {

// Text with [^N] markers: known labels become reference links (the first one with the id the
// footnote's back link points to).
void inline_text(std::string& out, std::string_view s, const std::set<std::string>& labels,
                 std::set<std::string>& linked) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t open = s.find("[^", i);
        if (open == std::string_view::npos) break;
        std::size_t close = s.find(']', open + 2);
        if (close == std::string_view::npos) break;
        std::string label(s.substr(open + 2, close - open - 2));
        if (!labels.count(label)) {
            text::append_html_escaped(out, s.substr(i, open + 2 - i));
            i = open + 2;
            continue;
        }
        text::append_html_escaped(out, s.substr(i, open - i));
        out += "<sup><a href=\"#fn-" + label + "\"";
        if (linked.insert(label).second) out += " id=\"fnref-" + label + "\"";
        out += ">" + label + "</a></sup>";
        i = close + 1;
    }
    text::append_html_escaped(out, s.substr(i));
}

bool is_digits(const std::string& s) {
    if (s.empty() || s.size() > 4) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

std::string body_html(const Metadata& m) {
    std::string out;
    std::set<std::string> labels, linked;
    for (const auto& f : m.footnotes)
        if (is_digits(f.label)) labels.insert(f.label);
    int list_depth = 0;  // open <ul> levels; an <li> is open at each level
    auto close_lists = [&](int to) {
        while (list_depth > to) {
            out += "</li></ul>\n";
            --list_depth;
        }
    };
    for (const auto& b : m.body) {
        if (b.kind == Block::Kind::bullet) {
            int level = list_depth == 0 ? 1 : std::min(b.level < 1 ? 1 : b.level, list_depth + 1);
            if (level > list_depth) {
                out += "<ul>\n<li>";
                ++list_depth;
            } else {
                close_lists(level);
                out += "</li>\n<li>";
            }
            inline_text(out, b.text, labels, linked);
            continue;
        }
        close_lists(0);
        if (b.kind == Block::Kind::heading) {
            int level = b.level < 1 ? 1 : (b.level > 3 ? 3 : b.level);
            const char digit = static_cast<char>('1' + level);  // I. → h2, 1. → h3, a) → h4
            out.append("<h").push_back(digit);
            out.push_back('>');
            if (!b.marker.empty()) {
                text::append_html_escaped(out, b.marker);
                out.push_back(' ');
            }
            inline_text(out, b.text, labels, linked);
            out.append("</h").push_back(digit);
            out.append(">\n");
        } else if (!b.text.empty()) {
            out += "<p>";
            inline_text(out, b.text, labels, linked);
            out += "</p>\n";
        }
    }
    close_lists(0);
    if (!labels.empty()) {
        out += "<section class=\"footnotes\">\n<ol>\n";
        int expected = 1;
        std::set<std::string> listed;
        for (const auto& f : m.footnotes) {
            if (!is_digits(f.label) || !listed.insert(f.label).second) continue;
            int n = std::stoi(f.label);
            out += "<li id=\"fn-" + f.label + "\"";
            if (n != expected) out += " value=\"" + f.label + "\"";
            out += ">";
            text::append_html_escaped(out, f.text);
            if (linked.count(f.label)) out += " <a href=\"#fnref-" + f.label + "\">↩</a>";
            out += "</li>\n";
            expected = n + 1;
        }
        out += "</ol>\n</section>\n";
    }
    return out;
}

}  // namespace xasite::directives
