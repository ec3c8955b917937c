#include "generator/content/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/text.hpp"

namespace xasite::content {

namespace {

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;

std::unique_ptr<cmark_parser, ParserDeleter> make_parser() {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
    if (!parser) throw std::runtime_error("cmark-gfm: cannot create a parser");
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
    return parser;
}

std::unique_ptr<cmark_node, NodeDeleter> parse(cmark_parser* parser, std::string_view markdown) {
    cmark_parser_feed(parser, markdown.data(), markdown.size());
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser));
    if (!doc) throw std::runtime_error("cmark-gfm: parse failed");
    return doc;
}

std::string render_html(cmark_parser* parser, cmark_node* doc) {
    char* html = cmark_render_html(doc, kOptions, cmark_parser_get_syntax_extensions(parser));
    if (html == nullptr) throw std::runtime_error("cmark-gfm: render failed");
    std::string out(html);
    cmark_get_default_mem_allocator()->free(html);
    return out;
}

// The plain text inside a node (an image's description).
std::string inner_text(cmark_node* node) {
    std::string text;
    std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(node));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(iter.get());
        if (ev != CMARK_EVENT_ENTER || n == node) continue;
        auto type = cmark_node_get_type(n);
        if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
            if (const char* lit = cmark_node_get_literal(n)) text += lit;
        } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
            text += ' ';
        }
    }
    return text::tidy(text);
}

// The links and images of a document with their nodes, in reading order.
std::vector<std::pair<cmark_node*, MarkdownRef>> references(cmark_node* doc) {
    std::vector<std::pair<cmark_node*, MarkdownRef>> out;
    std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* n = cmark_iter_get_node(iter.get());
        auto type = cmark_node_get_type(n);
        if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
        MarkdownRef ref;
        const char* url = cmark_node_get_url(n);
        ref.url = url ? url : "";
        ref.line = static_cast<std::size_t>(std::max(cmark_node_get_start_line(n), 1));
        ref.image = type == CMARK_NODE_IMAGE;
        if (ref.image) ref.alt = inner_text(n);
        out.emplace_back(n, std::move(ref));
    }
    return out;
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
    auto parser = make_parser();
    auto doc = parse(parser.get(), markdown);
    return render_html(parser.get(), doc.get());
}

std::vector<MarkdownRef> markdown_references(std::string_view markdown) {
    auto parser = make_parser();
    auto doc = parse(parser.get(), markdown);
    std::vector<MarkdownRef> out;
    for (auto& [node, ref] : references(doc.get()))
        out.push_back(std::move(ref));
    return out;
}

std::string markdown_to_html(std::string_view markdown, const RefRewriter& rewrite) {
    auto parser = make_parser();
    auto doc = parse(parser.get(), markdown);
    // Collected first, changed after, last first: the tree is not edited while it is walked, and
    // a link inside an image's description is done before the image (and it) are freed.
    auto refs = references(doc.get());
    for (auto it = refs.rbegin(); it != refs.rend(); ++it) {
        auto& [node, ref] = *it;
        std::optional<RefRewrite> r = rewrite(ref);
        if (!r) continue;
        if (!ref.image) {
            cmark_node_set_url(node, r->url.c_str());
            continue;
        }
        // A custom inline node is written as given, in cmark's safe mode too.
        cmark_node* html = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
        cmark_node_set_on_enter(html, r->image_html.c_str());
        cmark_node_set_on_exit(html, "");
        cmark_node_insert_before(node, html);
        cmark_node_unlink(node);
        cmark_node_free(node);
    }
    return render_html(parser.get(), doc.get());
}

std::string markdown_to_text(std::string_view markdown) {
    auto parser = make_parser();
    auto doc = parse(parser.get(), markdown);
    char* text = cmark_render_plaintext(doc.get(), CMARK_OPT_DEFAULT, 0);
    if (text == nullptr) throw std::runtime_error("cmark-gfm: render failed");
    std::string out(text);
    cmark_get_default_mem_allocator()->free(text);
    return out;
}

std::string markdown_summary(std::string_view markdown, std::size_t max_chars) {
    auto parser = make_parser();
    auto doc = parse(parser.get(), markdown);
    std::string text;
    std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc.get()));
    bool in_paragraph = false;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        auto type = cmark_node_get_type(node);
        if (type == CMARK_NODE_PARAGRAPH) {
            if (ev == CMARK_EVENT_ENTER) {
                in_paragraph = true;
            } else {
                break;
            }
        } else if (in_paragraph && ev == CMARK_EVENT_ENTER &&
                   (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)) {
            if (const char* lit = cmark_node_get_literal(node)) text += lit;
        } else if (in_paragraph && (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)) {
            text += ' ';
        }
    }
    text = text::tidy(text);
    std::size_t count = 0, cut = std::string::npos, last_space = std::string::npos;
    for (std::size_t i = 0; i < text.size();) {
        if (count == max_chars) {
            cut = i;
            break;
        }
        if (text[i] == ' ') last_space = i;
        text::decode_utf8(text, i);
        ++count;
    }
    if (cut != std::string::npos) {
        text.erase(last_space != std::string::npos ? last_space : cut);
        text += "…";
    }
    return text;
}

}  // namespace xasite::content
