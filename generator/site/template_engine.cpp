#include "generator/site/template_engine.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace xasite::site::mustache {

struct Node {
    enum class Kind : std::uint8_t { text, escaped, raw, section, inverted };
    Kind kind = Kind::text;
    std::string text;               // literal text, or the tag name (for messages)
    std::vector<std::string> path;  // the name split on '.'; empty for "."
    std::vector<Node> children;
};

namespace {

enum class TagType : std::uint8_t {
    text,
    variable,
    raw,
    section,
    inverted,
    close,
    comment,
    partial,
    delimiter
};

struct Token {
    TagType type = TagType::text;
    std::string value;  // text, or the tag's name
    std::size_t line = 1;
};

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

std::string trim_copy(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (is_blank(s[b]) || s[b] == '\n'))
        ++b;
    while (e > b && (is_blank(s[e - 1]) || s[e - 1] == '\n'))
        --e;
    return std::string(s.substr(b, e - b));
}

std::size_t count_lines(std::string_view s, std::size_t from, std::size_t to) {
    std::size_t n = 0;
    for (std::size_t i = from; i < to && i < s.size(); ++i)
        if (s[i] == '\n') ++n;
    return n;
}

[[noreturn]] void fail(const std::string& name, std::size_t line, const std::string& what) {
    throw SyntaxError(name + ":" + std::to_string(line) + ": " + what);
}

std::vector<Token> tokenize(std::string_view src, const std::string& name) {
    std::vector<Token> tokens;
    std::string open = "{{", close = "}}";
    std::size_t pos = 0, line = 1;
    while (pos < src.size()) {
        std::size_t start = src.find(open, pos);
        if (start == std::string_view::npos) {
            tokens.push_back({TagType::text, std::string(src.substr(pos)), line});
            break;
        }
        if (start > pos) {
            tokens.push_back({TagType::text, std::string(src.substr(pos, start - pos)), line});
            line += count_lines(src, pos, start);
        }
        std::size_t tag_line = line;
        std::size_t inner = start + open.size();
        if (inner >= src.size()) fail(name, tag_line, "unclosed tag '" + open + "'");
        char sigil = src[inner];
        TagType type = TagType::variable;
        std::string closing = close;
        switch (sigil) {
            case '#':
                type = TagType::section;
                ++inner;
                break;
            case '^':
                type = TagType::inverted;
                ++inner;
                break;
            case '/':
                type = TagType::close;
                ++inner;
                break;
            case '!':
                type = TagType::comment;
                ++inner;
                break;
            case '>':
                type = TagType::partial;
                ++inner;
                break;
            case '&':
                type = TagType::raw;
                ++inner;
                break;
            case '=':
                type = TagType::delimiter;
                ++inner;
                closing = "=" + close;
                break;
            case '{':
                type = TagType::raw;
                ++inner;
                if (open == "{{") closing = "}" + close;
                break;
            default:
                break;
        }
        std::size_t end = src.find(closing, inner);
        if (end == std::string_view::npos)
            fail(name, tag_line, "unclosed tag (missing '" + closing + "')");
        std::string_view body = src.substr(inner, end - inner);
        line += count_lines(src, start, end + closing.size());
        pos = end + closing.size();
        if (type == TagType::comment) {
            tokens.push_back({type, "", tag_line});
            continue;
        }
        std::string tag_name = trim_copy(body);
        if (type == TagType::delimiter) {
            auto space = tag_name.find_first_of(" \t");
            if (space == std::string::npos)
                fail(name, tag_line, "bad set-delimiter tag '" + tag_name + "'");
            std::string new_open = tag_name.substr(0, space);
            std::string new_close = trim_copy(std::string_view(tag_name).substr(space));
            if (new_open.empty() || new_close.empty() ||
                new_close.find_first_of(" \t=") != std::string::npos)
                fail(name, tag_line, "bad set-delimiter tag '" + tag_name + "'");
            open = new_open;
            close = new_close;
            tokens.push_back({type, "", tag_line});
            continue;
        }
        if (tag_name.empty()) fail(name, tag_line, "empty tag");
        for (char c : tag_name)
            if (c == '\n' || c == '{' || c == '}')
                fail(name, tag_line, "bad character in tag name '" + tag_name + "'");
        tokens.push_back({type, tag_name, tag_line});
    }
    return tokens;
}

bool standalone_type(TagType t) {
    return t == TagType::section || t == TagType::inverted || t == TagType::close ||
           t == TagType::comment || t == TagType::partial || t == TagType::delimiter;
}

// The spec's standalone rule: a section/close/comment/partial/delimiter tag alone on its line
// (only blanks around it) removes the whole line from the output. Decisions are made on the
// original text, then the cuts are applied, so adjacent standalone lines are all removed.
void strip_standalone(std::vector<Token>& tokens) {
    std::vector<std::size_t> keep_begin(tokens.size(), 0), keep_end(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i)
        keep_end[i] = tokens[i].value.size();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!standalone_type(tokens[i].type)) continue;
        bool line_start = false;
        std::size_t cut_before = std::string::npos;
        if (i == 0) {
            line_start = true;
        } else if (tokens[i - 1].type == TagType::text) {
            const std::string& t = tokens[i - 1].value;
            std::size_t nl = t.rfind('\n');
            if (nl != std::string::npos || i - 1 == 0) {
                std::size_t tail = nl == std::string::npos ? 0 : nl + 1;
                bool blank = true;
                for (std::size_t k = tail; k < t.size(); ++k)
                    if (!is_blank(t[k])) blank = false;
                if (blank) {
                    line_start = true;
                    cut_before = tail;
                }
            }
        }
        if (!line_start) continue;
        std::size_t cut_after = std::string::npos;
        bool line_end = false;
        if (i + 1 == tokens.size()) {
            line_end = true;
        } else if (tokens[i + 1].type == TagType::text) {
            const std::string& t = tokens[i + 1].value;
            std::size_t k = 0;
            while (k < t.size() && is_blank(t[k]))
                ++k;
            if (k < t.size() && t[k] == '\n') {
                line_end = true;
                cut_after = k + 1;
            } else if (k == t.size() && i + 2 == tokens.size()) {
                line_end = true;
                cut_after = k;
            }
        }
        if (!line_end) continue;
        if (cut_before != std::string::npos)
            keep_end[i - 1] = std::min(keep_end[i - 1], cut_before);
        if (cut_after != std::string::npos)
            keep_begin[i + 1] = std::max(keep_begin[i + 1], cut_after);
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].type != TagType::text) continue;
        if (keep_begin[i] >= keep_end[i])
            tokens[i].value.clear();
        else if (keep_begin[i] > 0 || keep_end[i] < tokens[i].value.size())
            tokens[i].value = tokens[i].value.substr(keep_begin[i], keep_end[i] - keep_begin[i]);
    }
}

std::vector<std::string> split_path(const std::string& name) {
    std::vector<std::string> path;
    if (name == ".") return path;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = name.find('.', start);
        path.push_back(
            name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return path;
}

struct Compiler {
    const PartialSource& partials;
    int depth = 0;

    std::vector<Node> compile(std::string_view src, const std::string& name) {
        if (depth > 20)
            fail(name, 1, "partials nested more than 20 levels deep (recursive partial?)");
        std::vector<Token> tokens = tokenize(src, name);
        strip_standalone(tokens);
        std::vector<Node> root;
        struct Open {
            std::vector<Node>* nodes;
            std::string name;
            std::size_t line;
        };
        std::vector<Open> stack;
        std::vector<Node>* current = &root;
        for (auto& tok : tokens) {
            switch (tok.type) {
                case TagType::text:
                    if (!tok.value.empty()) {
                        if (!current->empty() && current->back().kind == Node::Kind::text)
                            current->back().text += tok.value;
                        else
                            current->push_back({Node::Kind::text, std::move(tok.value), {}, {}});
                    }
                    break;
                case TagType::variable:
                case TagType::raw:
                    current->push_back(
                        {tok.type == TagType::raw ? Node::Kind::raw : Node::Kind::escaped,
                         tok.value,
                         split_path(tok.value),
                         {}});
                    break;
                case TagType::section:
                case TagType::inverted: {
                    current->push_back(
                        {tok.type == TagType::section ? Node::Kind::section : Node::Kind::inverted,
                         tok.value,
                         split_path(tok.value),
                         {}});
                    stack.push_back({current, tok.value, tok.line});
                    current = &current->back().children;
                    break;
                }
                case TagType::close:
                    if (stack.empty())
                        fail(name, tok.line,
                             "closing tag '" + tok.value + "' without an open section");
                    if (stack.back().name != tok.value)
                        fail(name, tok.line,
                             "closing tag '" + tok.value + "' does not match open section '" +
                                 stack.back().name + "' (line " +
                                 std::to_string(stack.back().line) + ")");
                    current = stack.back().nodes;
                    stack.pop_back();
                    break;
                case TagType::partial: {
                    std::optional<std::pair<std::string, std::string>> p;
                    if (partials) p = partials(tok.value);
                    if (!p) fail(name, tok.line, "unknown partial '" + tok.value + "'");
                    ++depth;
                    std::vector<Node> inlined = compile(p->first, p->second);
                    --depth;
                    for (auto& n : inlined) {
                        if (n.kind == Node::Kind::text && !current->empty() &&
                            current->back().kind == Node::Kind::text)
                            current->back().text += n.text;
                        else
                            current->push_back(std::move(n));
                    }
                    break;
                }
                case TagType::comment:
                case TagType::delimiter:
                    break;
            }
        }
        if (!stack.empty())
            fail(name, stack.back().line, "section '" + stack.back().name + "' is never closed");
        return root;
    }
};

const nlohmann::json* lookup(const std::vector<const nlohmann::json*>& stack,
                             const std::vector<std::string>& path) {
    if (path.empty()) return stack.empty() ? nullptr : stack.back();
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        const nlohmann::json& v = **it;
        if (!v.is_object()) continue;
        auto found = v.find(path[0]);
        if (found == v.end()) continue;
        const nlohmann::json* cur = &*found;
        for (std::size_t i = 1; i < path.size(); ++i) {
            if (cur->is_array()) {  // numeric segment: list.0
                const std::string& seg = path[i];
                std::size_t index = 0;
                auto [end, ec] = std::from_chars(seg.data(), seg.data() + seg.size(), index);
                if (ec != std::errc() || end != seg.data() + seg.size() || index >= cur->size())
                    return nullptr;
                cur = &(*cur)[index];
                continue;
            }
            if (!cur->is_object()) return nullptr;
            auto next = cur->find(path[i]);
            if (next == cur->end()) return nullptr;
            cur = &*next;
        }
        return cur;
    }
    return nullptr;
}

bool truthy(const nlohmann::json* v) {
    if (v == nullptr) return false;
    switch (v->type()) {
        case nlohmann::json::value_t::null:
            return false;
        case nlohmann::json::value_t::boolean:
            return v->get<bool>();
        case nlohmann::json::value_t::array:
            return !v->empty();
        case nlohmann::json::value_t::string:
            return !v->get_ref<const std::string&>().empty();
        case nlohmann::json::value_t::number_integer:
            return v->get<std::int64_t>() != 0;
        case nlohmann::json::value_t::number_unsigned:
            return v->get<std::uint64_t>() != 0;
        case nlohmann::json::value_t::number_float:
            return v->get<double>() != 0.0;
        default:
            return true;
    }
}

void append_value(std::string& out, const nlohmann::json& v, bool escape) {
    switch (v.type()) {
        case nlohmann::json::value_t::string:
            if (escape)
                text::append_html_escaped(out, v.get_ref<const std::string&>());
            else
                out += v.get_ref<const std::string&>();
            break;
        case nlohmann::json::value_t::number_integer:
            out += std::to_string(v.get<std::int64_t>());
            break;
        case nlohmann::json::value_t::number_unsigned:
            out += std::to_string(v.get<std::uint64_t>());
            break;
        case nlohmann::json::value_t::number_float: {
            std::array<char, 64> buf{};
            auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v.get<double>());
            out.append(buf.data(), r.ptr);
            break;
        }
        case nlohmann::json::value_t::boolean:
            out += v.get<bool>() ? "true" : "false";
            break;
        case nlohmann::json::value_t::null:
            break;
        default:
            if (escape)
                text::append_html_escaped(out, v.dump());
            else
                out += v.dump();
    }
}

void render_nodes(const std::vector<Node>& nodes, std::vector<const nlohmann::json*>& stack,
                  std::string& out) {
    for (const Node& n : nodes) {
        switch (n.kind) {
            case Node::Kind::text:
                out += n.text;
                break;
            case Node::Kind::escaped:
            case Node::Kind::raw:
                if (const auto* v = lookup(stack, n.path))
                    append_value(out, *v, n.kind == Node::Kind::escaped);
                break;
            case Node::Kind::section: {
                const auto* v = lookup(stack, n.path);
                if (!truthy(v)) break;
                if (v->is_array()) {
                    for (const auto& item : *v) {
                        stack.push_back(&item);
                        render_nodes(n.children, stack, out);
                        stack.pop_back();
                    }
                } else {
                    stack.push_back(v);
                    render_nodes(n.children, stack, out);
                    stack.pop_back();
                }
                break;
            }
            case Node::Kind::inverted:
                if (!truthy(lookup(stack, n.path))) render_nodes(n.children, stack, out);
                break;
        }
    }
}

}  // namespace

Template::Template() : nodes_(std::make_unique<std::vector<Node>>()) {}
Template::~Template() = default;
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;

Template Template::compile(std::string_view source, const std::string& name,
                           const PartialSource& partials) {
    Compiler c{partials};
    Template t;
    t.name_ = name;
    *t.nodes_ = c.compile(source, name);
    return t;
}

void Template::render(const std::vector<const nlohmann::json*>& views, std::string& out) const {
    std::vector<const nlohmann::json*> stack;
    stack.reserve(views.size() + 8);
    stack.assign(views.begin(), views.end());
    render_nodes(*nodes_, stack, out);
}

std::string Template::render(const nlohmann::json& view) const {
    std::string out;
    render({&view}, out);
    return out;
}

}  // namespace xasite::site::mustache
