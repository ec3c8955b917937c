// HTML parsing with gumbo (library xasite_core_html, so that only the binaries that parse HTML
// link gumbo): an owning parse tree and the small node helpers every reader of the tree needs.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string_view>

namespace xasite::html {

// Parse options: gumbo's defaults, with no error list (no caller reads parse errors, and garbage
// input would otherwise grow it).
const GumboOptions& parse_options();

struct GumboOutputDeleter {
    void operator()(GumboOutput* output) const;
};
using Document = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

// Parses UTF-8 HTML; `html` must outlive the tree (gumbo points into it).
Document parse(std::string_view html);

// An element's attribute, or nullptr.
inline const GumboAttribute* attribute(const GumboElement& e, const char* name) {
    return gumbo_get_attribute(&e.attributes, name);
}
// An element's attribute value, or nullptr when the attribute is absent.
inline const char* attribute_value(const GumboElement& e, const char* name) {
    const GumboAttribute* a = attribute(e, name);
    return a ? a->value : nullptr;
}

// Elements and templates (which hold their children like elements).
inline bool is_element(const GumboNode* n) {
    return n && (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE);
}
inline GumboTag tag_of(const GumboNode* n) {
    return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
}
// The children of a document or element node, else nullptr.
inline const GumboVector* children_of(const GumboNode* n) {
    if (!n) return nullptr;
    if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
    if (is_element(n)) return &n->v.element.children;
    return nullptr;
}
inline const GumboNode* child_at(const GumboVector& v, std::size_t i) {
    return static_cast<const GumboNode*>(v.data[i]);
}

}  // namespace xasite::html
