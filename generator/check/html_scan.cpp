#include "generator/check/html_scan.hpp"

#include <algorithm>

#include "core/ascii.hpp"
#include "core/html_parse.hpp"
#include "core/text.hpp"
#include "generator/check/url.hpp"

namespace xasite::check {

namespace {

using html::attribute_value;

class Scanner {
  public:
    Scanner(std::string_view html, PageScan& out) : html_(html), out_(out) {}

    void element(const GumboNode& node) {
        const GumboElement& el = node.v.element;
        if (const char* id = attribute_value(el, "id"); id && *id) out_.ids.emplace_back(id);
        if (el.tag_namespace != GUMBO_NAMESPACE_HTML) return;
        switch (el.tag) {
            case GUMBO_TAG_A:
                if (const char* name = attribute_value(el, "name"); name && *name)
                    out_.ids.emplace_back(name);
                link(el, "href");
                break;
            case GUMBO_TAG_AREA:
            case GUMBO_TAG_LINK:
                link(el, "href");
                break;
            case GUMBO_TAG_IMG:
            case GUMBO_TAG_SOURCE:
                link(el, "src");
                srcset(el);
                break;
            case GUMBO_TAG_SCRIPT:
            case GUMBO_TAG_IFRAME:
            case GUMBO_TAG_EMBED:
            case GUMBO_TAG_TRACK:
            case GUMBO_TAG_AUDIO:
                link(el, "src");
                break;
            case GUMBO_TAG_VIDEO:
                link(el, "src");
                link(el, "poster");
                break;
            case GUMBO_TAG_OBJECT:
                link(el, "data");
                break;
            case GUMBO_TAG_FORM:
                link(el, "action");
                break;
            case GUMBO_TAG_META:
                meta(el);
                break;
            case GUMBO_TAG_TITLE:
                if (!out_.title) title(el);
                break;
            default:
                break;
        }
    }

  private:
    void add(std::string_view raw) {
        std::string cleaned = url::clean_reference(raw);
        if (cleaned.empty()) return;
        if (!url::is_external(cleaned))
            out_.links.push_back(std::move(cleaned));
        else if (cleaned.compare(0, 7, "http://") == 0 || cleaned.compare(0, 8, "https://") == 0)
            out_.absolute_links.push_back(std::move(cleaned));
    }

    void link(const GumboElement& el, const char* name) {
        if (const char* value = attribute_value(el, name)) add(value);
    }

    void srcset(const GumboElement& el) {
        if (const char* value = attribute_value(el, "srcset"))
            for (std::string_view candidate : url::srcset_urls(value))
                add(candidate);
    }

    void meta(const GumboElement& el) {
        const char* http_equiv = attribute_value(el, "http-equiv");
        const char* content = attribute_value(el, "content");
        if (http_equiv && content && ascii::iequals(url::trim_html_space(http_equiv), "refresh"))
            if (auto target = url::refresh_url(content)) add(*target);
        if (out_.charset) return;
        std::optional<std::string_view> declared;
        if (const char* charset = attribute_value(el, "charset")) {
            declared = url::trim_html_space(charset);
        } else if (http_equiv && content &&
                   ascii::iequals(url::trim_html_space(http_equiv), "content-type")) {
            declared = url::content_type_charset(content);
        }
        if (!declared) return;
        out_.charset = std::string(*declared);
        // The declaration must be serialised completely within the first 1024 bytes.
        const char* tag = el.original_tag.data;
        if (tag && tag >= html_.data() && tag <= html_.data() + html_.size()) {
            auto end = static_cast<std::size_t>(tag - html_.data()) + el.original_tag.length;
            out_.charset_late = end > 1024;
        }
    }

    void title(const GumboElement& el) {
        std::string text;
        for (unsigned i = 0; i < el.children.length; ++i) {
            const auto* child = static_cast<const GumboNode*>(el.children.data[i]);
            if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
                child->type == GUMBO_NODE_CDATA)
                text += child->v.text.text;
        }
        out_.title = std::string(text::trim(text));
    }

    std::string_view html_;
    PageScan& out_;
};

}  // namespace

PageScan scan_html(std::string_view html) {
    PageScan out;
    // Every link and id counts, however deep (html::Depth::full): the checker reads pages the
    // build generated, and archived pages reach it already flattened by the view.
    html::Document output = html::parse(html, html::Depth::full);
    if (!output || !output->document || !output->root) return out;
    out.parsed = true;

    if (output->root->type == GUMBO_NODE_ELEMENT)
        if (const char* lang = attribute_value(output->root->v.element, "lang"))
            out.lang = std::string(url::trim_html_space(lang));

    // Pre-order walk in document order with an explicit stack: nesting depth is unbounded in
    // malformed input.
    Scanner scanner(html, out);
    std::vector<const GumboNode*> stack{output->document};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        const GumboVector* children = nullptr;
        if (node->type == GUMBO_NODE_DOCUMENT) {
            children = &node->v.document.children;
        } else if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
            scanner.element(*node);
            children = &node->v.element.children;
        }
        if (!children) continue;
        for (unsigned i = children->length; i-- > 0;)
            stack.push_back(static_cast<const GumboNode*>(children->data[i]));
    }

    std::sort(out.ids.begin(), out.ids.end());
    out.ids.erase(std::unique(out.ids.begin(), out.ids.end()), out.ids.end());
    out.ids.shrink_to_fit();
    return out;
}

}  // namespace xasite::check
