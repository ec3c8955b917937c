// A compiled Mustache engine.
//
// Templates are parsed once into a node tree with partials inlined, then rendered many times
// against a stack of JSON views without copying them. Supported: {{name}} (HTML-escaped),
// {{{name}}} and
// {{& name}} (raw), dotted names, {{.}}, sections {{#x}}…{{/x}} over lists, objects and truthy
// scalars, inverted sections {{^x}}, comments {{! }}, partials {{> name}}, set-delimiter {{=<%
// %>=}}, and the spec's standalone-line rule. Falsy: missing, null, false, empty list, empty
// string, 0.
//
// Why not kainjow::mustache (Debian libkainjow-mustache-dev)? It re-parses a partial's source on
// every render and renders through std::stringstream; a site build renders ~150,000 pages, each
// with several partials, so compiling partials once is the difference that matters (see bench/).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace xasite::site::mustache {

// Thrown on a template syntax error: "<template name>:<line>: <what>".
class SyntaxError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Returns the source of a partial by name, or nullopt when there is none.
// The second member names the partial's file for error messages.
using PartialSource =
    std::function<std::optional<std::pair<std::string, std::string>>(std::string_view name)>;

struct Node;

class Template {
  public:
    Template();
    ~Template();
    Template(Template&&) noexcept;
    Template& operator=(Template&&) noexcept;

    // Parses `source`; `name` is used in error messages. Partials are looked up through `partials`
    // and compiled into this template (recursion deeper than 20 levels is an error).
    static Template compile(std::string_view source, const std::string& name,
                            const PartialSource& partials = {});

    // Renders with the views on a stack: the last one is looked up first.
    void render(const std::vector<const nlohmann::json*>& views, std::string& out) const;
    std::string render(const nlohmann::json& view) const;

    const std::string& name() const { return name_; }

  private:
    std::string name_;
    std::unique_ptr<std::vector<Node>> nodes_;
};

}  // namespace xasite::site::mustache
