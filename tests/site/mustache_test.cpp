#include "generator/site/template_engine.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/text.hpp"

using namespace xasite::site::mustache;
using nlohmann::json;

namespace {

std::string render(const std::string& tmpl, const json& view,
                   std::map<std::string, std::string> partials = {}) {
    PartialSource ps =
        [partials](std::string_view name) -> std::optional<std::pair<std::string, std::string>> {
        auto it = partials.find(std::string(name));
        if (it == partials.end()) return std::nullopt;
        return std::make_pair(it->second, "partials/" + it->first);
    };
    return Template::compile(tmpl, "t.mustache", ps).render(view);
}

}  // namespace

TEST(Mustache, EscapesVariablesAndKeepsTripleStashRaw) {
    json v = {{"x", "<a href=\"x\">'Đ&'</a>"}};
    EXPECT_EQ(render("{{x}}", v), "&lt;a href=&quot;x&quot;&gt;&#39;Đ&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(render("{{{x}}}", v), "<a href=\"x\">'Đ&'</a>");
    EXPECT_EQ(render("{{& x}}", v), "<a href=\"x\">'Đ&'</a>");
}

TEST(Mustache, DottedNamesNumbersAndMissing) {
    json v = {{"a", {{"b", {{"c", "deep"}}}}}, {"n", 42}, {"f", 2.5}, {"list", {"x", "y"}}};
    EXPECT_EQ(render("{{a.b.c}}|{{n}}|{{f}}|{{missing}}|{{a.missing.c}}|{{list.1}}", v),
              "deep|42|2.5|||y");
}

TEST(Mustache, SectionsOverListsObjectsAndScalars) {
    json v = {{"items", {{{"name", "một"}}, {{"name", "hai"}}}},
              {"obj", {{"k", "v"}}},
              {"s", "str"},
              {"outer", "O"}};
    EXPECT_EQ(render("{{#items}}[{{name}}{{outer}}]{{/items}}", v), "[mộtO][haiO]");
    EXPECT_EQ(render("{{#obj}}{{k}}{{/obj}}", v), "v");
    EXPECT_EQ(render("{{#s}}<{{.}}>{{/s}}", v), "<str>");
}

TEST(Mustache, FalsyValuesSkipSectionsAndShowInverted) {
    json v = {{"f", false}, {"n", nullptr}, {"e", json::array()}, {"s", ""}, {"z", 0}, {"t", true}};
    for (const char* k : {"f", "n", "e", "s", "z", "missing"}) {
        std::string t =
            std::string("{{#") + k + "}}yes{{/" + k + "}}{{^" + k + "}}no{{/" + k + "}}";
        EXPECT_EQ(render(t, v), "no") << k;
    }
    EXPECT_EQ(render("{{#t}}yes{{/t}}", v), "yes");
}

TEST(Mustache, StandaloneTagLinesAreRemoved) {
    json v = {{"items", {1, 2}}};
    EXPECT_EQ(render("<ul>\n{{#items}}\n  <li>{{.}}</li>\n{{/items}}\n</ul>\n", v),
              "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n");
    EXPECT_EQ(render("a\n{{! comment }}\nb", v), "a\nb");
    EXPECT_EQ(render("  {{#items}}x{{/items}}  \n", v),
              "  xx  \n");  // not standalone: content on the line
}

TEST(Mustache, PartialsAreCompiledIn) {
    json v = {{"name", "Ea Kar"}, {"rows", {{{"c", 1}}, {{"c", 2}}}}};
    EXPECT_EQ(render("<h1>{{> title}}</h1>{{#rows}}{{> row}}{{/rows}}", v,
                     {{"title", "Xã {{name}}"}, {"row", "({{c}})"}}),
              "<h1>Xã Ea Kar</h1>(1)(2)");
}

TEST(Mustache, SetDelimiter) {
    json v = {{"x", "1"}};
    EXPECT_EQ(render("{{=<% %>=}}<% x %>{{x}}<%={{ }}=%>{{x}}", v), "1{{x}}1");
}

TEST(Mustache, RendersAgainstAStackOfViews) {
    json global = {{"site", "S"}, {"name", "global"}};
    json page = {{"name", "page"}};
    std::string out;
    Template::compile("{{site}}/{{name}}", "t").render({&global, &page}, out);
    EXPECT_EQ(out, "S/page");
}

TEST(Mustache, SyntaxErrorsNameTheTemplateAndLine) {
    auto expect_error = [](const std::string& tmpl, const std::string& fragment) {
        try {
            Template::compile(tmpl, "pages/home.mustache");
            ADD_FAILURE() << "no error for " << tmpl;
        } catch (const SyntaxError& e) {
            std::string m = e.what();
            EXPECT_NE(m.find(fragment), std::string::npos) << m;
        }
    };
    expect_error("a\nb\n{{#open}}\nx", "pages/home.mustache:3: section 'open' is never closed");
    expect_error("{{#a}}\n{{/b}}",
                 "pages/home.mustache:2: closing tag 'b' does not match open section 'a'");
    expect_error("x {{/a}}", "pages/home.mustache:1: closing tag 'a' without an open section");
    expect_error("line1\n{{unclosed", "pages/home.mustache:2: unclosed tag");
    expect_error("{{> nope}}", "unknown partial 'nope'");
    expect_error("{{}}", "empty tag");
    expect_error("{{=<%>=}}", "bad set-delimiter");
}

TEST(Mustache, RecursivePartialIsAnErrorNotACrash) {
    PartialSource ps = [](std::string_view) -> std::optional<std::pair<std::string, std::string>> {
        return std::make_pair(std::string("x{{> self}}"), std::string("partials/self.mustache"));
    };
    EXPECT_THROW(Template::compile("{{> self}}", "t", ps), SyntaxError);
}

TEST(EscapeHtml, EscapesAllFiveCharacters) {
    EXPECT_EQ(xasite::text::html_escape("<&>\"'"), "&lt;&amp;&gt;&quot;&#39;");
}
