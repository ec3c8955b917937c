#include "archive/view/html_rewrite.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "archive/view/css_rewrite.hpp"
#include "archive/view/gumbo_util.hpp"
#include "archive/view/legacy_vi.hpp"
#include "core/ascii.hpp"
#include "core/text.hpp"

namespace xasite::archive {

namespace detail {

std::string apply_edits(std::string_view doc, std::vector<Edit>& edits) {
    std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
        if (a.begin != b.begin) return a.begin < b.begin;
        bool ai = a.begin == a.end, bi = b.begin == b.end;
        if (ai != bi) return ai;  // insertions before a replacement starting at the same point
        return a.order < b.order;
    });
    std::string out;
    out.reserve(doc.size() + doc.size() / 8 + 1024);
    std::size_t pos = 0;
    for (const auto& e : edits) {
        if (e.begin < pos || e.end < e.begin || e.end > doc.size()) continue;  // overlaps
        out.append(doc.substr(pos, e.begin - pos));
        out.append(e.text);
        pos = e.end;
    }
    out.append(doc.substr(pos));
    return out;
}

}  // namespace detail

namespace {

using detail::Edit;

// Whether an attribute loads a document into the page (frames, plugins) from an inline
// data: or script URL: such a document runs in the site's origin wherever the view is served,
// so the attribute is removed.
bool inline_document(GumboTag tag, std::string_view name, std::string_view clean) {
    bool inline_url = ascii::istarts_with(clean, "data:") ||
                      ascii::istarts_with(clean, "javascript:") ||
                      ascii::istarts_with(clean, "vbscript:");
    if (!inline_url) return false;
    switch (tag) {
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_FRAME:
        case GUMBO_TAG_EMBED:
            return name == "src";
        case GUMBO_TAG_OBJECT:
            return name == "data" || name == "codebase";
        case GUMBO_TAG_APPLET:
            return name == "code" || name == "codebase" || name == "archive";
        case GUMBO_TAG_PARAM:
            return name == "value";
        default:
            return false;
    }
}

// An attribute name without an XML prefix ("x:onload" → "onload"): a standalone SVG file is
// read as XML, where any prefix bound to the SVG namespace makes it the same attribute.
std::string_view local_name(std::string_view name) {
    auto colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Elements that run script whatever their prefix (XML: <x:script xmlns:x="…svg">, SVG Tiny
// <handler>).
bool script_element(const GumboElement& el, std::string_view doc) {
    if (el.tag == GUMBO_TAG_SCRIPT) return true;
    if (el.tag != GUMBO_TAG_UNKNOWN || el.original_tag.length < 2 || !el.original_tag.data)
        return false;
    std::string_view t(el.original_tag.data, el.original_tag.length);
    if (t.data() < doc.data() || t.data() + t.size() > doc.data() + doc.size()) return false;
    t.remove_prefix(1);  // '<'
    std::size_t n = 0;
    while (n < t.size() && !std::isspace(static_cast<unsigned char>(t[n])) && t[n] != '/' &&
           t[n] != '>')
        ++n;
    std::string local = ascii::lower(local_name(t.substr(0, n)));
    return local == "script" || local == "handler";
}

bool is_text(const GumboNode* n) {
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
           n->type == GUMBO_NODE_CDATA;
}

std::string quoted(std::string_view value) {
    return "\"" + text::html_escape(value) + "\"";
}

// Where an attribute can be added in a start tag: before the closing '>' (or "/>").
std::optional<std::size_t> tag_insert_point(std::string_view doc, std::size_t tb, std::size_t te) {
    if (te <= tb || doc[te - 1] != '>') return std::nullopt;
    std::size_t p = te - 1;
    if (p > tb && doc[p - 1] == '/') --p;
    return p;
}

std::size_t doctype_end(std::string_view doc) {
    std::size_t i = 0;
    if (doc.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    for (;;) {
        while (i < doc.size() && std::isspace(static_cast<unsigned char>(doc[i])))
            ++i;
        if (doc.substr(i, 4) == "<!--") {
            auto e = doc.find("-->", i + 4);
            if (e == std::string_view::npos) return 0;
            i = e + 3;
            continue;
        }
        break;
    }
    if (ascii::istarts_with(doc.substr(i), "<!doctype")) {
        auto e = doc.find('>', i);
        return e == std::string_view::npos ? 0 : e + 1;
    }
    return 0;
}

// Which references an element/attribute pair holds.
std::optional<RefKind> url_attribute(GumboTag tag, std::string_view name, const GumboElement& el) {
    auto is = [&](const char* n) { return name == n; };
    switch (tag) {
        case GUMBO_TAG_A:
        case GUMBO_TAG_AREA:
            if (is("href")) return RefKind::link;
            break;
        case GUMBO_TAG_LINK:
            if (is("href")) {
                const GumboAttribute* rel = html::attribute(el, "rel");
                std::string r = rel ? ascii::lower(rel->value) : "";
                if (r.find("stylesheet") != std::string::npos) return RefKind::stylesheet;
                if (r.find("icon") != std::string::npos) return RefKind::image;
                return RefKind::link;
            }
            break;
        case GUMBO_TAG_IMG:
            if (is("src") || is("lowsrc") || is("longdesc"))
                return is("longdesc") ? RefKind::link : RefKind::image;
            break;
        case GUMBO_TAG_INPUT:
            if (is("src")) return RefKind::image;
            if (is("formaction")) return RefKind::form;
            break;
        case GUMBO_TAG_BUTTON:
            if (is("formaction")) return RefKind::form;
            break;
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_FRAME:
            if (is("src") || is("longdesc")) return RefKind::frame;
            break;
        case GUMBO_TAG_EMBED:
            if (is("src")) return RefKind::object;
            break;
        case GUMBO_TAG_OBJECT:
            if (is("data")) return RefKind::object;
            break;
        case GUMBO_TAG_SOURCE:
        case GUMBO_TAG_TRACK:
        case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_VIDEO:
            if (is("src")) return RefKind::media;
            if (is("poster")) return RefKind::image;
            break;
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_Q:
        case GUMBO_TAG_DEL:
        case GUMBO_TAG_INS:
            if (is("cite")) return RefKind::link;
            break;
        case GUMBO_TAG_FORM:
            break;  // handled apart (disabled)
        case GUMBO_TAG_IMAGE:
            if (is("href")) return RefKind::image;
            break;
        default:
            break;
    }
    if (is("background")) return RefKind::image;
    return std::nullopt;
}

struct Rewriter {
    std::string_view doc;
    const RewriteOptions& opt;
    Url base;
    bool base_ok = false;
    bool had_base = false;  // the page has a <base href> (removed from the view)
    std::vector<Edit> edits;
    std::unordered_set<std::size_t> seen;
    RewriteResult result;
    bool has_charset_meta = false;
    bool strip_only = false;   // later passes: only remove what could run (see rewrite_html)
    bool unremovable = false;  // an attribute that had to go could not be located in the source

    // `absolute`: a reference the map leaves as written is written absolute when the page had a
    // <base href> (the view removes it, so a relative reference would resolve differently).
    std::optional<MappedRef> map_ref(std::string_view value, RefKind kind, Url* resolved = nullptr,
                                     bool absolute = true) {
        if (!base_ok || !opt.map) return std::nullopt;
        std::string ref = clean_reference(value);
        if (ref.empty() || ref.front() == '#') return std::nullopt;
        for (std::string_view p :
             {"javascript:", "data:", "mailto:", "tel:", "about:", "blob:", "callto:", "skype:"})
            if (ascii::istarts_with(ref, p)) return std::nullopt;
        auto abs = resolve_url(base, ref);
        if (!abs || !abs->is_http()) return std::nullopt;
        if (resolved) *resolved = *abs;
        ++result.references;
        auto m = opt.map(*abs, kind);
        if (!m && absolute && had_base) return MappedRef{abs->str(), false};
        return m;
    }

    std::string rewrite_css_text(std::string_view css) {
        return rewrite_css(css, [&](std::string_view ref) -> std::optional<std::string> {
            auto m = map_ref(ref, RefKind::image);
            if (!m) return std::nullopt;
            return m->href;
        });
    }

    std::string rewrite_srcset(std::string_view v, bool& changed) {
        std::string out;
        std::size_t i = 0;
        while (i < v.size()) {
            while (i < v.size() && (std::isspace(static_cast<unsigned char>(v[i])) || v[i] == ','))
                ++i;
            if (i >= v.size()) break;
            std::size_t s = i;
            while (i < v.size() && !std::isspace(static_cast<unsigned char>(v[i])))
                ++i;
            std::string_view url = v.substr(s, i - s);
            std::string desc;
            if (!url.empty() && url.back() == ',') {
                while (!url.empty() && url.back() == ',')
                    url.remove_suffix(1);
            } else {
                std::size_t d = i;
                int paren = 0;
                while (i < v.size() && (paren > 0 || v[i] != ',')) {
                    if (v[i] == '(')
                        ++paren;
                    else if (v[i] == ')' && paren > 0)
                        --paren;
                    ++i;
                }
                desc = std::string(v.substr(d, i - d));
                while (!desc.empty() && std::isspace(static_cast<unsigned char>(desc.back())))
                    desc.pop_back();
            }
            if (!out.empty()) out += ", ";
            auto m = map_ref(url, RefKind::image);
            if (m) {
                out += m->href;
                changed = true;
            } else {
                out.append(url);
            }
            out += desc;
        }
        return out;
    }

    // Inserted text right before the end of a start tag.
    void add_to_tag(std::size_t tb, std::size_t te, std::string text, int order = 5) {
        if (auto p = tag_insert_point(doc, tb, te))
            edits.push_back({*p, *p, std::move(text), order});
    }

    void remove_attr(const GumboAttribute& a, std::size_t tb, std::size_t te) {
        std::size_t b, e;
        if (!detail::attribute_range(a, doc.data(), doc.size(), tb, te, b, e)) {
            unremovable = true;  // its source cannot be located: the page is not made safe
            return;
        }
        // Take one preceding space along so no double space is left.
        if (b > tb && std::isspace(static_cast<unsigned char>(doc[b - 1]))) --b;
        edits.push_back({b, e, "", 0});
    }

    void replace_value(const GumboAttribute& a, std::size_t tb, std::size_t te,
                       std::string_view value) {
        std::size_t b, e;
        if (!detail::value_range(a, doc.data(), doc.size(), tb, te, b, e)) return;
        edits.push_back({b, e, quoted(value), 0});
    }

    std::string subtree_text(const GumboNode* n) {
        std::string out;
        std::vector<const GumboNode*> st{n};
        while (!st.empty()) {
            const GumboNode* c = st.back();
            st.pop_back();
            if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
                c->type == GUMBO_NODE_CDATA) {
                out += c->v.text.text;
                out.push_back(' ');
            } else if (c->type == GUMBO_NODE_ELEMENT || c->type == GUMBO_NODE_TEMPLATE) {
                if (c->v.element.tag == GUMBO_TAG_SCRIPT || c->v.element.tag == GUMBO_TAG_STYLE)
                    continue;
                if (c->v.element.tag == GUMBO_TAG_IMG) {
                    if (const GumboAttribute* alt = html::attribute(c->v.element, "alt")) {
                        out += alt->value;
                        out.push_back(' ');
                    }
                }
                const GumboVector& k = c->v.element.children;
                for (unsigned i = k.length; i-- > 0;)
                    st.push_back(static_cast<const GumboNode*>(k.data[i]));
            }
        }
        return text::tidy(out);
    }

    // The furthest source offset covered by a node's subtree (start and end tags, text).
    std::size_t subtree_end(const GumboNode* root, std::size_t end) const {
        std::vector<const GumboNode*> st{root};
        const char* d = doc.data();
        auto reach = [&](const GumboStringPiece& p) {
            if (p.length > 0 && detail::inside(p.data, p.length, d, doc.size()))
                end = std::max(end, static_cast<std::size_t>(p.data - d) + p.length);
        };
        while (!st.empty()) {
            const GumboNode* n = st.back();
            st.pop_back();
            if (is_text(n) || n->type == GUMBO_NODE_COMMENT) {
                reach(n->v.text.original_text);
                continue;
            }
            if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
            reach(n->v.element.original_tag);
            reach(n->v.element.original_end_tag);
            const GumboVector& k = n->v.element.children;
            for (unsigned i = 0; i < k.length; ++i)
                st.push_back(static_cast<const GumboNode*>(k.data[i]));
        }
        return end;
    }

    void element(const GumboNode* node, bool& descend) {
        const GumboElement& el = node->v.element;
        std::size_t tb, te;
        if (el.tag == GUMBO_TAG_FRAMESET) result.frameset = true;
        if (!detail::start_tag_range(el, doc.data(), doc.size(), tb, te)) return;
        // A clone made by the parser (formatting elements reopened): its tag was handled
        // already, but its children are other source nodes and are visited.
        if (!seen.insert(tb).second) return;
        GumboTag tag = el.tag;
        if (script_element(el, doc)) {
            // The element and everything the parser put in it (an SVG <script> holds markup, and
            // an unclosed one runs to the end): up to the furthest source position in its subtree.
            std::size_t end = subtree_end(node, te);
            edits.push_back({tb, std::min(end, doc.size()), "", 0});
            ++result.scripts;
            descend = false;
            return;
        }
        if (tag == GUMBO_TAG_NOSCRIPT) {
            edits.push_back({tb, te, "", 0});
            if (el.original_end_tag.length > 0 && el.original_end_tag.data >= doc.data() &&
                el.original_end_tag.data < doc.data() + doc.size()) {
                std::size_t b = static_cast<std::size_t>(el.original_end_tag.data - doc.data());
                edits.push_back({b, b + el.original_end_tag.length, "", 0});
            }
        }
        bool has_disabled = false, has_title = false;
        for (unsigned i = 0; i < el.attributes.length; ++i) {
            auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
            std::string_view n = a->name;
            if (n == "disabled") has_disabled = true;
            if (n == "title") has_title = true;
        }
        const char* tag_name = gumbo_normalized_tagname(tag);
        bool javascript_link = false;
        // SVG animation of a link (<set attributeName="href" to="javascript:…">): its values go.
        bool animates_link = false;
        for (unsigned i = 0; i < el.attributes.length; ++i) {
            auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
            if (ascii::lower(local_name(a->name)) == "attributename" &&
                ascii::icontains(a->value, "href"))
                animates_link = true;
        }
        for (unsigned i = 0; i < el.attributes.length; ++i) {
            auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
            std::string_view name = a->name;
            std::string_view value = a->value;
            std::string_view local = local_name(name);
            if (local.size() > 2 && ascii::istarts_with(local, "on")) {
                remove_attr(*a, tb, te);
                ++result.handlers;
                continue;
            }
            if (animates_link &&
                (local == "to" || local == "from" || local == "values" || local == "by")) {
                remove_attr(*a, tb, te);
                ++result.handlers;
                continue;
            }
            if (inline_document(tag, name, clean_reference(value))) {
                remove_attr(*a, tb, te);
                continue;
            }
            if (strip_only) {
                std::string c = clean_reference(value);
                if (name == "srcdoc" || ascii::istarts_with(c, "javascript:") ||
                    ascii::istarts_with(c, "vbscript:")) {
                    remove_attr(*a, tb, te);
                    ++result.disabled_links;
                }
                continue;
            }
            if (name == "style") {
                std::string css = rewrite_css_text(value);
                if (css != value) replace_value(*a, tb, te, css);
                continue;
            }
            if (name == "integrity" && tag == GUMBO_TAG_LINK) {
                remove_attr(*a, tb, te);
                continue;
            }
            if (name == "face" && tag == GUMBO_TAG_FONT) {
                std::string f = replace_legacy_fonts(value);
                if (f != value) replace_value(*a, tb, te, f);
                continue;
            }
            if (name == "srcset" && (tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_SOURCE)) {
                bool changed = false;
                std::string s = rewrite_srcset(value, changed);
                if (changed) replace_value(*a, tb, te, s);
                continue;
            }
            if (tag == GUMBO_TAG_BASE && name == "href") {
                remove_attr(*a, tb, te);
                continue;
            }
            if (tag == GUMBO_TAG_FORM && (name == "action" || name == "method")) {
                remove_attr(*a, tb, te);
                continue;
            }
            if (tag == GUMBO_TAG_META) {
                if (name == "charset") {
                    replace_value(*a, tb, te, "utf-8");
                    has_charset_meta = true;
                    continue;
                }
                if (name == "content") {
                    const GumboAttribute* he = html::attribute(el, "http-equiv");
                    std::string h = he ? ascii::lower(he->value) : "";
                    if (h == "content-type") {
                        replace_value(*a, tb, te, "text/html; charset=utf-8");
                        has_charset_meta = true;
                    } else if (h == "refresh") {
                        rewrite_refresh(*a, tb, te);
                    }
                    continue;
                }
            }
            std::string clean = clean_reference(value);
            bool js = ascii::istarts_with(clean, "javascript:") ||
                      ascii::istarts_with(clean, "vbscript:");
            if (name == "srcdoc") {  // a whole document in an attribute: never shown
                remove_attr(*a, tb, te);
                continue;
            }
            if (js &&
                (name == "href" || name == "xlink:href" || name == "src" || name == "action" ||
                 name == "background" || name == "poster" || name == "lowsrc" || name == "dynsrc" ||
                 name == "formaction" || name == "data")) {
                remove_attr(*a, tb, te);
                if (tag == GUMBO_TAG_A || tag == GUMBO_TAG_AREA) {
                    javascript_link = true;
                    ++result.disabled_links;
                    bool postback = ascii::icontains(clean, "__dopostback") ||
                                    ascii::icontains(clean, "webform_");
                    std::string add = std::string(" data-archive-disabled=\"") +
                                      (postback ? "postback" : "script") +
                                      "\" aria-disabled=\"true\"";
                    if (!has_title && !opt.disabled_link_title.empty())
                        add += " title=" + quoted(opt.disabled_link_title);
                    add_to_tag(tb, te, add);
                }
                continue;
            }
            auto kind = url_attribute(tag, name, el);
            if (!kind) continue;
            Url resolved;
            auto m = map_ref(value, *kind, &resolved);
            if (tag == GUMBO_TAG_A && name == "href" && !resolved.scheme.empty())
                result.links.emplace_back(resolved.str(), subtree_text(node));
            if (!m) continue;
            replace_value(*a, tb, te, m->href);
            if (m->missing && (tag == GUMBO_TAG_A || tag == GUMBO_TAG_AREA))
                add_to_tag(tb, te, " data-archive-missing=" + quoted(resolved.str()));
        }
        (void)tag_name;
        (void)javascript_link;
        if (strip_only) return;
        if (tag == GUMBO_TAG_FORM) {
            ++result.forms;
            add_to_tag(tb, te, " data-archive-disabled=\"form\"");
            if (!opt.form_note_html.empty()) edits.push_back({te, te, opt.form_note_html, 1});
        }
        if ((tag == GUMBO_TAG_INPUT || tag == GUMBO_TAG_BUTTON || tag == GUMBO_TAG_SELECT ||
             tag == GUMBO_TAG_TEXTAREA) &&
            !has_disabled)
            add_to_tag(tb, te, " disabled");
        // A control the original left without any name (no id a <label> could point to, no
        // title, aria-label or placeholder) gets a title saying what it is, so the archived page
        // is usable with a screen reader (WCAG 1.3.1, 4.1.2); its text is not touched.
        if (tag == GUMBO_TAG_INPUT || tag == GUMBO_TAG_SELECT || tag == GUMBO_TAG_TEXTAREA) {
            const GumboAttribute* type = html::attribute(el, "type");
            const std::string t = type ? ascii::lower(type->value) : "";
            bool named =
                t == "hidden" || t == "submit" || t == "button" || t == "reset" || t == "image";
            for (const char* attr : {"id", "title", "aria-label", "aria-labelledby", "placeholder"})
                if (const GumboAttribute* at = html::attribute(el, attr); at && *at->value)
                    named = true;
            if (!named && node->parent && node->parent->type == GUMBO_NODE_ELEMENT &&
                node->parent->v.element.tag == GUMBO_TAG_LABEL)
                named = true;
            if (!named)
                add_to_tag(tb, te, " title=\"Ô nhập của trang gốc (đã tắt trong bản lưu trữ)\"");
        }
        if (tag == GUMBO_TAG_STYLE) {
            for (unsigned i = 0; i < el.children.length; ++i) {
                auto* c = static_cast<const GumboNode*>(el.children.data[i]);
                std::size_t b, e;
                if (!is_text(c) || !detail::text_range(c->v.text, doc.data(), doc.size(), b, e))
                    continue;
                std::string_view css = doc.substr(b, e - b);
                std::string out = rewrite_css_text(css);
                // The text of <style> is raw: it must not close the element early.
                if (out != css && out.find("</") == std::string::npos)
                    edits.push_back({b, e, out, 0});
            }
            descend = false;
        }
    }

    void rewrite_refresh(const GumboAttribute& a, std::size_t tb, std::size_t te) {
        std::string_view v = a.value;
        auto sep = v.find_first_of(";,");
        if (sep == std::string_view::npos) return;
        std::string_view rest = v.substr(sep + 1);
        while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front())))
            rest.remove_prefix(1);
        if (ascii::istarts_with(rest, "url")) {
            std::string_view r2 = rest.substr(3);
            while (!r2.empty() && std::isspace(static_cast<unsigned char>(r2.front())))
                r2.remove_prefix(1);
            if (!r2.empty() && r2.front() == '=') {
                r2.remove_prefix(1);
                rest = r2;
            }
        }
        while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front())))
            rest.remove_prefix(1);
        if (!rest.empty() && (rest.front() == '\'' || rest.front() == '"')) {
            char q = rest.front();
            rest.remove_prefix(1);
            if (auto e = rest.find(q); e != std::string_view::npos) rest = rest.substr(0, e);
        }
        std::string target = clean_reference(rest);
        if (ascii::istarts_with(target, "javascript:") ||
            ascii::istarts_with(target, "vbscript:") || ascii::istarts_with(target, "data:")) {
            remove_attr(a, tb, te);  // a refresh into script or an inline document
            return;
        }
        Url resolved;
        auto m = map_ref(rest, RefKind::link, &resolved, false);
        if (!m) {
            // A refresh to another site (or anything the view cannot follow) would take the
            // reader out of the archive: removed. A same-site one is rewritten into the archive.
            if (!target.empty()) remove_attr(a, tb, te);
            return;
        }
        replace_value(a, tb, te, std::string(v.substr(0, sep)) + ";url=" + m->href);
    }
};

}  // namespace

namespace {

RewriteResult rewrite_pass(std::string_view html, const RewriteOptions& options, bool strip_only) {
    Rewriter rw{html, options, {}, false, false, {}, {}, {}, false, strip_only};
    auto tree = html::parse(html);
    if (auto page = parse_absolute_url(options.page_url)) {
        rw.base = *page;
        rw.base_ok = true;
    }
    // <base href> changes how relative references resolve.
    {
        std::vector<const GumboNode*> st{tree->root};
        bool found = false;
        while (!st.empty() && !found) {
            const GumboNode* n = st.back();
            st.pop_back();
            if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
            if (n->v.element.tag == GUMBO_TAG_BASE) {
                if (const GumboAttribute* h = html::attribute(n->v.element, "href")) {
                    if (rw.base_ok)
                        if (auto b = resolve_url(rw.base, h->value)) rw.base = *b;
                    rw.had_base = true;
                    found = true;
                }
                continue;
            }
            const GumboVector& k = n->v.element.children;
            for (unsigned i = k.length; i-- > 0;)
                st.push_back(static_cast<const GumboNode*>(k.data[i]));
        }
    }

    const GumboNode* head = nullptr;
    const GumboNode* body = nullptr;
    std::string text, title;
    struct Item {
        const GumboNode* n;
        bool in_body;
    };
    std::vector<Item> st{{tree->document, false}};
    std::size_t first_body_pos = std::string_view::npos;
    while (!st.empty()) {
        Item it = st.back();
        st.pop_back();
        const GumboNode* n = it.n;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
            n->type == GUMBO_NODE_CDATA) {
            if (it.in_body) {
                text += n->v.text.text;
                text.push_back(' ');
                std::size_t b, e;
                if (detail::text_range(n->v.text, html.data(), html.size(), b, e))
                    first_body_pos = std::min(first_body_pos, b);
            }
            continue;
        }
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE &&
            n->type != GUMBO_NODE_DOCUMENT)
            continue;
        bool descend = true;
        bool in_body = it.in_body;
        if (n->type != GUMBO_NODE_DOCUMENT) {
            const GumboElement& el = n->v.element;
            if (el.tag == GUMBO_TAG_HEAD && !head) head = n;
            if (el.tag == GUMBO_TAG_BODY && !body) {
                body = n;
                in_body = true;
            }
            if (el.tag == GUMBO_TAG_TITLE && title.empty()) {
                for (unsigned i = 0; i < el.children.length; ++i) {
                    auto* c = static_cast<const GumboNode*>(el.children.data[i]);
                    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE)
                        title += c->v.text.text;
                }
            }
            if (in_body) {
                std::size_t tb, te;
                if (detail::start_tag_range(el, html.data(), html.size(), tb, te) &&
                    el.tag != GUMBO_TAG_BODY)
                    first_body_pos = std::min(first_body_pos, tb);
            }
            rw.element(n, descend);
            if (el.tag == GUMBO_TAG_SCRIPT || el.tag == GUMBO_TAG_STYLE ||
                el.tag == GUMBO_TAG_TEMPLATE || el.tag == GUMBO_TAG_NOSCRIPT ||
                el.tag == GUMBO_TAG_TITLE)
                in_body = false;  // not visible text
            if (in_body && (el.tag == GUMBO_TAG_IMG))
                if (const GumboAttribute* alt = html::attribute(el, "alt")) {
                    text += alt->value;
                    text.push_back(' ');
                }
        }
        if (!descend) continue;
        const GumboVector& kids =
            n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
        for (unsigned i = kids.length; i-- > 0;)
            st.push_back({static_cast<const GumboNode*>(kids.data[i]), in_body});
    }

    if (strip_only) {
        RewriteResult r = std::move(rw.result);
        r.html = rw.edits.empty() ? std::string() : detail::apply_edits(html, rw.edits);
        r.references = rw.edits.size();  // here: how many edits were needed
        r.text_only = rw.unremovable;
        return r;
    }
    // Insertion points.
    std::size_t dt_end = doctype_end(html);
    std::size_t head_at = std::string_view::npos;
    if (head) {
        std::size_t tb, te;
        if (detail::start_tag_range(head->v.element, html.data(), html.size(), tb, te))
            head_at = te;
    }
    if (head_at == std::string_view::npos) {
        std::size_t tb, te;
        if (tree->root && tree->root->type == GUMBO_NODE_ELEMENT &&
            detail::start_tag_range(tree->root->v.element, html.data(), html.size(), tb, te))
            head_at = te;
    }
    std::size_t body_at = std::string_view::npos;
    if (body) {
        std::size_t tb, te;
        if (detail::start_tag_range(body->v.element, html.data(), html.size(), tb, te))
            body_at = te;
    }
    if (body_at == std::string_view::npos) body_at = first_body_pos;
    if (body_at == std::string_view::npos) body_at = html.size();
    if (head_at == std::string_view::npos)
        head_at = std::max(dt_end, std::min(body_at, html.size()));
    if (head_at < dt_end) head_at = dt_end;
    if (body_at < head_at) body_at = head_at;

    // The page's language (pages of the era rarely declared one; the archive's are Vietnamese).
    if (!options.lang.empty()) {
        std::size_t tb, te;
        const GumboNode* root = tree->root;
        bool real_html = root && root->type == GUMBO_NODE_ELEMENT &&
                         detail::start_tag_range(root->v.element, html.data(), html.size(), tb, te);
        if (real_html) {
            if (!html::attribute(root->v.element, "lang"))
                rw.add_to_tag(tb, te, " lang=" + quoted(options.lang), 6);
        } else {
            rw.edits.push_back({dt_end, dt_end, "<html lang=" + quoted(options.lang) + ">", -3});
        }
    }
    std::string head_html;
    if (!rw.has_charset_meta) head_html += "<meta charset=\"utf-8\">";
    if (title.empty() && !options.fallback_title.empty())
        head_html += "<title>" + text::html_escape(options.fallback_title) + "</title>";
    head_html += options.head_html;
    if (!head_html.empty()) rw.edits.push_back({head_at, head_at, head_html, -2});
    if (!rw.result.frameset && !options.banner_html.empty())
        rw.edits.push_back({body_at, body_at, options.banner_html, -1});

    RewriteResult r = std::move(rw.result);
    r.html = detail::apply_edits(html, rw.edits);
    r.title = text::tidy(title);
    r.text = text::tidy(text);
    return r;
}

}  // namespace

namespace {

// Parses the result again and strips what could run until nothing is left: editing the source
// can change how it parses (the attributes of a second <body> tag that the parser dropped apply
// once the first tag's are removed, removals can close or open elements differently). False when
// that does not settle or something to remove cannot be located.
bool strip_until_settled(std::string& html, const RewriteOptions& options, RewriteResult* r) {
    for (int pass = 0; pass < 4; ++pass) {
        RewriteResult again = rewrite_pass(html, options, true);
        if (again.text_only) return false;  // something to remove that cannot be located
        if (again.references == 0) return true;
        html = std::move(again.html);
        if (r) {
            r->scripts += again.scripts;
            r->handlers += again.handlers;
        }
    }
    return false;
}

std::string text_page(const RewriteResult& r, const RewriteOptions& options) {
    return "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" +
           text::html_escape(r.title.empty() ? options.fallback_title : r.title) +
           "</title></head><body>" + options.banner_html + "<pre>" + text::html_escape(r.text) +
           "</pre></body></html>";
}

// The title and visible text of a page too deep to edit, from the flattened tree.
void title_and_text(std::string_view html, RewriteResult& r) {
    auto tree = html::parse(html);  // flattened (core/html_parse.hpp)
    std::string text, title;
    struct Item {
        const GumboNode* n;
        bool visible;
    };
    std::vector<Item> st{{tree->document, false}};
    while (!st.empty()) {
        auto [n, visible] = st.back();
        st.pop_back();
        if (is_text(n)) {
            if (visible) {
                text += n->v.text.text;
                text.push_back(' ');
            }
            continue;
        }
        const GumboVector* kids = html::children_of(n);
        if (!kids) continue;
        if (html::is_element(n)) {
            GumboTag t = n->v.element.tag;
            if (t == GUMBO_TAG_TITLE && title.empty())
                for (unsigned i = 0; i < kids->length; ++i)
                    if (is_text(html::child_at(*kids, i)))
                        title += html::child_at(*kids, i)->v.text.text;
            if (t == GUMBO_TAG_BODY) visible = true;
            if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_TEMPLATE ||
                t == GUMBO_TAG_TITLE)
                visible = false;
        }
        for (unsigned i = kids->length; i-- > 0;)
            st.push_back({html::child_at(*kids, i), visible});
    }
    r.title = text::tidy(title);
    r.text = text::tidy(text);
}

}  // namespace

RewriteResult rewrite_html(std::string_view html, const RewriteOptions& options) {
    if (html::nesting_depth(html) > html::kMaxDepth) {
        // Editing it would take the parser minutes: only its text is shown.
        RewriteResult r;
        title_and_text(html, r);
        r.too_deep = true;
        r.text_only = true;
        r.html = text_page(r, options);
        return r;
    }
    RewriteResult r = rewrite_pass(html, options, false);
    if (strip_until_settled(r.html, options, &r)) {
        r.text_only = false;
        return r;
    }
    r.text_only = true;
    r.html = text_page(r, options);
    return r;
}

std::optional<std::string> sanitise_svg(std::string_view svg) {
    // Read as XML, an SVG file can declare entities that expand into markup, or name a style
    // sheet that transforms it (XSLT): not something an edit of the source can make safe. Nor can
    // bytes that are not UTF-8 (UTF-16) be read the way a browser reads them.
    if (!text::is_valid_utf8(svg) || ascii::icontains(svg, "<!ENTITY") ||
        ascii::icontains(svg, "<?xml-stylesheet") || html::nesting_depth(svg) > html::kMaxDepth)
        return std::nullopt;
    RewriteOptions options;
    std::string out(svg);
    if (!strip_until_settled(out, options, nullptr)) return std::nullopt;
    // The HTML parser reads an SVG file the way an XML parser does only while it stays in SVG
    // content: an HTML element written in the file (<p> leaves SVG content, <textarea>, <title>
    // or <style> outside <svg> hide markup in their text) would let the XML reader find a script
    // the edits never saw. Only the elements the parser implies (html, head, body) and prefixed
    // or unknown names (parsed as markup like SVG's) may be HTML elements.
    auto tree = html::parse(out);
    std::vector<const GumboNode*> st{tree->document};
    while (!st.empty()) {
        const GumboNode* n = st.back();
        st.pop_back();
        if (html::is_element(n) && n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
            n->v.element.tag != GUMBO_TAG_UNKNOWN && n->v.element.original_tag.length > 0)
            return std::nullopt;
        if (const GumboVector* k = html::children_of(n))
            for (unsigned i = 0; i < k->length; ++i)
                st.push_back(html::child_at(*k, i));
    }
    return out;
}

}  // namespace xasite::archive
