#include "generator/content/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

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

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
    auto parser = make_parser();
    auto doc = parse(parser.get(), markdown);
    char* html =
        cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
    if (html == nullptr) throw std::runtime_error("cmark-gfm: render failed");
    std::string out(html);
    cmark_get_default_mem_allocator()->free(html);
    return out;
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
