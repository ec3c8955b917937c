// Internal: source positions of gumbo parse trees and edits of the source (not part of the public
// API). The parse tree itself is core/html_parse.hpp.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/html_parse.hpp"

namespace xasite::archive::detail {

// The byte range [begin, end) of an element's start tag in the source, or false when the
// element was inserted by the parser (no tag in the source).
inline bool start_tag_range(const GumboElement& e, const char* doc, std::size_t doc_size,
                            std::size_t& begin, std::size_t& end) {
    if (e.original_tag.length == 0 || e.original_tag.data == nullptr) return false;
    if (e.original_tag.data < doc || e.original_tag.data >= doc + doc_size) return false;
    begin = static_cast<std::size_t>(e.original_tag.data - doc);
    end = begin + e.original_tag.length;
    return end <= doc_size && doc[begin] == '<';
}

// Whether [p, p + n) lies inside the document.
inline bool inside(const char* p, std::size_t n, const char* doc, std::size_t doc_size) {
    return p != nullptr && p >= doc && p <= doc + doc_size &&
           n <= static_cast<std::size_t>(doc + doc_size - p);
}

// Whether an attribute's source position is trustworthy: inside the element's start tag, or (for
// the attributes the parser merges from a second <html> or <body> tag into the first) anywhere in
// the document, its name being there as written.
inline bool attribute_in_source(const GumboAttribute& a, const char* doc, std::size_t doc_size,
                                std::size_t tag_begin, std::size_t tag_end) {
    const char* n = a.original_name.data;
    std::size_t len = a.original_name.length;
    if (len == 0 || !inside(n, len, doc, doc_size)) return false;
    if (n >= doc + tag_begin && n + len <= doc + tag_end) return true;
    return n > doc && n[-1] != '<' &&
           std::string_view(n, len).find_first_of("<>\"'=") == std::string_view::npos;
}

// The byte range of an attribute (name through value and closing quote), or false.
inline bool attribute_range(const GumboAttribute& a, const char* doc, std::size_t doc_size,
                            std::size_t tag_begin, std::size_t tag_end, std::size_t& begin,
                            std::size_t& end) {
    if (!attribute_in_source(a, doc, doc_size, tag_begin, tag_end)) return false;
    begin = static_cast<std::size_t>(a.original_name.data - doc);
    end = begin + a.original_name.length;
    if (a.original_value.length > 0 && a.original_value.data != nullptr) {
        if (!inside(a.original_value.data, a.original_value.length, doc, doc_size) ||
            a.original_value.data < doc + begin)
            return false;
        end = static_cast<std::size_t>(a.original_value.data - doc) + a.original_value.length;
    }
    return end <= doc_size;
}

// The byte range of an attribute's value (quotes included), or false when it has none.
inline bool value_range(const GumboAttribute& a, const char* doc, std::size_t doc_size,
                        std::size_t tag_begin, std::size_t tag_end, std::size_t& begin,
                        std::size_t& end) {
    if (a.original_value.length == 0 || a.original_value.data == nullptr) return false;
    if (!attribute_in_source(a, doc, doc_size, tag_begin, tag_end)) return false;
    if (!inside(a.original_value.data, a.original_value.length, doc, doc_size) ||
        a.original_value.data < a.original_name.data)
        return false;
    begin = static_cast<std::size_t>(a.original_value.data - doc);
    end = begin + a.original_value.length;
    return true;
}

// The byte range of a text node in the source, or false.
inline bool text_range(const GumboText& t, const char* doc, std::size_t doc_size,
                       std::size_t& begin, std::size_t& end) {
    if (t.original_text.data == nullptr || t.original_text.length == 0) return false;
    if (t.original_text.data < doc || t.original_text.data >= doc + doc_size) return false;
    begin = static_cast<std::size_t>(t.original_text.data - doc);
    end = begin + t.original_text.length;
    return end <= doc_size;
}

// An edit of the source: replace [begin, end) with text (an insertion when begin == end).
struct Edit {
    std::size_t begin = 0, end = 0;
    std::string text;
    int order = 0;  // among insertions at the same point
};

// Applies edits (any order; overlapping ones after the first are dropped).
std::string apply_edits(std::string_view doc, std::vector<Edit>& edits);

}  // namespace xasite::archive::detail
