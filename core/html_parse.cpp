#include "core/html_parse.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace xasite::html {

const GumboOptions& parse_options() {
    static const GumboOptions options = [] {
        GumboOptions o = kGumboDefaultOptions;
        o.max_errors = 0;
        return o;
    }();
    return options;
}

void GumboOutputDeleter::operator()(GumboOutput* output) const {
    if (output) gumbo_destroy_output(&parse_options(), output);
}

namespace {

bool ieq(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

template <std::size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& names) {
    return std::any_of(names.begin(), names.end(),
                       [&](std::string_view n) { return ieq(n, name); });
}

constexpr std::array<std::string_view, 16> kVoid = {
    "area",   "base", "br",   "col",   "embed",  "hr",    "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr", "basefont"};
// End tag optional: the parser closes them itself, they do not pile up.
constexpr std::array<std::string_view, 19> kSelfClosing = {
    "p",     "li",    "dd",       "dt", "option", "optgroup", "tr",  "td",   "th",  "tbody",
    "thead", "tfoot", "colgroup", "rb", "rt",     "rp",       "rtc", "html", "body"};
// Formatting elements: left open in one paragraph, the parser closes them with it and reopens at
// most three of a kind in the next (the "Noah's Ark" clause), so they do not pile up across
// paragraphs.
constexpr std::array<std::string_view, 14> kFormatting = {
    "a",    "b", "big",   "code",   "em",     "font", "i",
    "nobr", "s", "small", "strike", "strong", "tt",   "u"};
constexpr std::array<std::string_view, 9> kRawText = {
    "script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe", "plaintext"};

// The linear scan behind nesting_depth and flatten_deep. `out` (may be null) receives the
// document without the tags nested deeper than `max_depth`. Returns the deepest nesting seen
// (stopping at `stop_at` when there is no output to write).
std::size_t scan(std::string_view h, std::size_t max_depth, std::size_t stop_at, std::string* out) {
    std::size_t depth = 0, deepest = 0, i = 0, copied = 0;
    std::size_t formatting = 0;  // formatting elements opened since the last <p> (in `depth`)
    auto drop = [&](std::size_t b, std::size_t e) {
        if (!out) return;
        out->append(h.substr(copied, b - copied));
        copied = e;
    };
    auto name_end = [&](std::size_t p) {
        while (p < h.size() && !std::isspace(static_cast<unsigned char>(h[p])) && h[p] != '>' &&
               h[p] != '/')
            ++p;
        return p;
    };
    // The end of a tag from `p` (after its '>'), quotes respected.
    auto tag_end = [&](std::size_t p) {
        char q = 0;
        for (; p < h.size(); ++p) {
            char c = h[p];
            if (q) {
                if (c == q) q = 0;
            } else if (c == '"' || c == '\'') {
                q = c;
            } else if (c == '>') {
                return p + 1;
            }
        }
        return h.size();
    };
    while (i < h.size()) {
        std::size_t lt = h.find('<', i);
        if (lt == std::string_view::npos || lt + 1 >= h.size()) break;
        char c = h[lt + 1];
        if (h.compare(lt, 4, "<!--") == 0) {
            std::size_t e = h.find("-->", lt + 4);
            i = e == std::string_view::npos ? h.size() : e + 3;
            continue;
        }
        if (c == '!' || c == '?') {
            i = tag_end(lt + 2);
            continue;
        }
        bool end_tag = c == '/';
        std::size_t nb = lt + (end_tag ? 2 : 1);
        if (nb >= h.size() || !std::isalpha(static_cast<unsigned char>(h[nb]))) {
            i = lt + 1;
            continue;
        }
        std::size_t ne = name_end(nb);
        std::string_view name = h.substr(nb, ne - nb);
        std::size_t te = tag_end(ne);
        bool nests = !one_of(name, kVoid) && !one_of(name, kSelfClosing);
        bool format = one_of(name, kFormatting);
        if (end_tag) {
            if (nests && depth > 0) {
                if (depth > max_depth) drop(lt, te);
                --depth;
                if (format && formatting > 0) --formatting;
            }
            i = te;
            continue;
        }
        if (ieq(name, "p")) {  // closes the paragraph before it, and what it left open
            depth -= std::min(depth, formatting);
            formatting = 0;
        }
        bool self_closed = te >= 2 && h[te - 1] == '>' && h[te - 2] == '/';
        std::size_t next = te;
        bool raw = one_of(name, kRawText);
        if (raw) {  // its content is not markup: up to its end tag
            std::size_t p = te;
            next = h.size();
            while ((p = h.find("</", p)) != std::string_view::npos) {
                std::size_t e = name_end(p + 2);
                if (ieq(h.substr(p + 2, e - p - 2), name)) {
                    next = tag_end(e);
                    break;
                }
                p += 2;
            }
        }
        if (nests && !self_closed) {
            std::size_t d = depth + 1;
            deepest = std::max(deepest, d);
            if (d > max_depth) {
                // Beyond the cap: the tag goes (an element whose content is not markup, with its
                // content: once its tag is gone the content would read as markup).
                drop(lt, raw ? next : te);
            }
            if (!raw) depth = d;
            if (format) ++formatting;
            if (!out && deepest >= stop_at) return deepest;
        }
        i = next;
    }
    if (out) out->append(h.substr(std::min(copied, h.size())));
    return deepest;
}

}  // namespace

std::size_t nesting_depth(std::string_view html, std::size_t stop_at) {
    return scan(html, static_cast<std::size_t>(-1), stop_at, nullptr);
}

std::optional<std::string> flatten_deep(std::string_view html, std::size_t max_depth) {
    if (nesting_depth(html, max_depth + 1) <= max_depth) return std::nullopt;
    std::string out;
    out.reserve(html.size());
    scan(html, max_depth, static_cast<std::size_t>(-1), &out);
    return out;
}

Document parse(std::string_view html, Depth depth) {
    if (auto flat = depth == Depth::capped ? flatten_deep(html) : std::nullopt) {
        auto source = std::make_shared<const std::string>(std::move(*flat));
        GumboOutput* out =
            gumbo_parse_with_options(&parse_options(), source->data(), source->size());
        return Document(out, GumboOutputDeleter{std::move(source)});
    }
    return Document(gumbo_parse_with_options(&parse_options(), html.data(), html.size()));
}

}  // namespace xasite::html
