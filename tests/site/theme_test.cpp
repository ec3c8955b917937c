#include "generator/site/theme.hpp"

#include "generator/content/content.hpp"
#include "generator/content/tree.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/files.hpp"
#include "test_support.hpp"

using namespace xasite;
using namespace xasite::site;

TEST(Theme, EmbeddedDefaultCompilesEveryPage) {
    Theme t = Theme::load({});
    for (const char* page :
         {"home", "intro", "procedures", "procedure-list", "procedure", "documents", "news", "page",
          "contact", "search", "sitemap", "not-found"})
        EXPECT_NO_THROW(t.page("unit", page)) << page;
    EXPECT_NO_THROW(t.standalone("feeds/sitemap.xml"));
    bool has_css = false;
    for (const auto& a : t.assets())
        has_css = has_css || a.path == "style.css";
    EXPECT_TRUE(has_css);
}

TEST(Theme, OverridesReplaceFilesInOrder) {
    xasite::testing::TempDir a, b;
    write_file_atomic(a / "partials/skip.mustache", "SKIP-A");
    write_file_atomic(b / "partials/skip.mustache", "SKIP-B");
    write_file_atomic(a / "assets/extra.css", "body{}");
    auto fa = content::load_theme_files(content::ContentTree(a.path()), ""),
         fb = content::load_theme_files(content::ContentTree(b.path()), "");
    Theme t = Theme::load({&fa, &fb});
    nlohmann::json v = {{"page", {{"title", "x"}}}};
    std::string html = t.page("unit", "not-found").render(v);
    EXPECT_NE(html.find("SKIP-B"), std::string::npos);
    EXPECT_EQ(html.find("SKIP-A"), std::string::npos);
    EXPECT_EQ(t.origin("partials/skip.mustache"), (b / "partials/skip.mustache").string());
    bool extra = false;
    for (const auto& asset : t.assets())
        extra = extra || asset.path == "extra.css";
    EXPECT_TRUE(extra);
}

TEST(Theme, SyntaxErrorInAnOverrideNamesItsFile) {
    xasite::testing::TempDir a;
    write_file_atomic(a / "partials/footer-unit.mustache", "<footer>\n{{#site}}\n</footer>");
    auto files = content::load_theme_files(content::ContentTree(a.path()), "");
    Theme t = Theme::load({&files});
    try {
        t.page("unit", "home");
        FAIL();
    } catch (const mustache::SyntaxError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find((a / "partials/footer-unit.mustache").string() + ":2:"), std::string::npos)
            << m;
    }
}

TEST(Theme, InvalidUtf8TemplateIsAnInputError) {
    xasite::testing::TempDir a;
    write_file_atomic(a / "pages/home.mustache", "ok\n\xC3\x28");
    EXPECT_THROW(content::load_theme_files(content::ContentTree(a.path()), ""), InputError);
}
