// HTML parsing with gumbo (library xasite_core_html, so that only the binaries that parse HTML
// link gumbo): an owning parse tree and the small node helpers every reader of the tree needs.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace xasite::html {

// Parse options: gumbo's defaults, with no error list (no caller reads parse errors, and garbage
// input would otherwise grow it).
const GumboOptions& parse_options();

struct GumboOutputDeleter {
    std::shared_ptr<const std::string> source;  // the flattened copy the tree points into, if any
    void operator()(GumboOutput* output) const;
};
using Document = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

// Elements nested deeper than this are flattened before parsing: gumbo's tree construction
// costs time in proportion to the depth for each tag (a 2 MB page nested thousands deep takes
// minutes, one nested 200,000 deep exhausts the stack of its readers), and no real page nests
// anywhere near it.
inline constexpr std::size_t kMaxDepth = 1000;

// How deep the start tags of `html` nest, as a linear scan counts it (void elements, elements
// whose end tag is optional and self-closed tags do not nest; comments and the content of
// script, style, textarea, title are skipped). Stops counting at `stop_at`.
std::size_t nesting_depth(std::string_view html, std::size_t stop_at = kMaxDepth + 1);

// `html` with the start and end tags nested deeper than `max_depth` removed (their text kept;
// the elements whose content is not markup, script, style, textarea…, removed whole), or nullopt
// when it nests no deeper than that.
std::optional<std::string> flatten_deep(std::string_view html, std::size_t max_depth = kMaxDepth);

// Parses UTF-8 HTML; `html` must outlive the tree (gumbo points into it). With Depth::capped (the
// default: archived pages, imported procedure pages, anything from outside) a document nested
// deeper than kMaxDepth is parsed flattened (flatten_deep; the tree then points into a copy the
// Document owns, so its positions are not those of `html`). Depth::full parses it as it is: for
// the link checker, which must see every link and id of the pages this project generated.
enum class Depth { capped, full };
Document parse(std::string_view html, Depth depth = Depth::capped);

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
