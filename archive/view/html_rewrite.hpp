// HTML rewriting for the view. The page (already UTF-8) is parsed with gumbo and the ORIGINAL
// bytes are edited at the positions gumbo reports (start tags, attributes, text), so everything
// not touched stays exactly as captured (never a regex on HTML). Edits:
//  - every URL attribute (href, src, srcset, action, background, poster, data, cite, …, <meta
//    refresh>, CSS url() in style attributes and <style>) resolved against the page URL and <base>
//    and passed to a callback that returns the new (relative) reference;
//  - <script> elements and on* handler attributes removed; <noscript> unwrapped;
//  - javascript: links (ASP.NET __doPostBack pagination) disabled and labelled; forms disabled
//    (action removed, controls disabled, a note inserted);
//  - charset declarations changed to UTF-8; legacy font names replaced;
//  - head HTML (a <meta charset> when none is declared, styles) and the banner inserted.
// Also returns the title, the visible text (for the search index) and the page's links.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "archive/package/url.hpp"

namespace xasite::archive {

enum class RefKind { link, image, stylesheet, frame, media, object, form };

struct MappedRef {
    std::string href;      // written as the attribute value (HTML-escaped by the rewriter)
    bool missing = false;  // points to the "not archived" page: the link is labelled
};

// nullopt: leave the reference exactly as written (external sites).
using RefMap = std::function<std::optional<MappedRef>(const Url& absolute, RefKind kind)>;

struct RewriteOptions {
    std::string page_url;  // the captured URL of the page
    RefMap map;
    std::string head_html;            // inserted at the start of <head>
    std::string banner_html;          // inserted at the start of <body> (not in framesets)
    std::string form_note_html;       // inserted after each <form> start tag
    std::string disabled_link_title;  // title of disabled javascript: links
    std::string lang;            // set on <html> when the page declares none ("" = leave as is)
    std::string fallback_title;  // a <title> added when the page has none ("" = none added)
};

struct RewriteResult {
    std::string html;
    std::string title;  // <title>, whitespace tidied
    std::string text;   // visible text of the body, whitespace tidied
    std::vector<std::pair<std::string, std::string>> links;  // <a href>: absolute URL, its text
    std::size_t scripts = 0, handlers = 0, forms = 0, disabled_links = 0, references = 0;
    bool frameset = false;
    // The page could not be made safe by editing it (garbage the parser reads differently once
    // edited): `html` is then only its title and text, with the banner.
    bool text_only = false;
    // The page nests elements deeper than html::kMaxDepth (core/html_parse.hpp): shown as text.
    bool too_deep = false;
};

RewriteResult rewrite_html(std::string_view html, const RewriteOptions& options);

// A standalone SVG file with everything that could run removed (script elements whatever their
// prefix, on* handlers, javascript:/data: documents, link animations), edited in place like a
// page; nullopt when it cannot be made safe that way (XML entity declarations, an XSLT style
// sheet, not UTF-8, unsettled markup).
std::optional<std::string> sanitise_svg(std::string_view svg);

}  // namespace xasite::archive
