// A theme: Mustache templates and static assets. The default theme is embedded in the binary; a
// content tree overrides it file by file (content/templates/…), and a commune overrides both
// (content/units/<code>/templates/…).
//
// Layout of a theme:
//   layouts/<name>.mustache   page skeletons; they include the page body with {{> content}}
//   pages/<kind>.mustache     page bodies (home, intro, procedure, …)
//   partials/<name>.mustache  included with {{> name}}
//   feeds/<name>.mustache     non-HTML outputs (sitemap.xml, feed.xml, robots.txt)
//   assets/…                  copied as they are into every site's assets/
//   sections.json             the names of the site sections per layout (menu label, page title,
//                             breadcrumb): a theme renames "Tin tức" here
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "generator/content/content.hpp"
#include "generator/site/template_engine.hpp"

namespace xasite::site {

class Theme {
  public:
    // The embedded default, then each override in order (later wins): the content tree's and a
    // commune's theme files, as Content::load read them.
    static Theme load(const std::vector<const content::ThemeFiles*>& overrides);

    // A page template: `layouts/<layout>.mustache` with {{> content}} bound to
    // `pages/<page>.mustache`. Compiled once and cached. Throws mustache::SyntaxError naming the
    // file that defines the faulty template (embedded files are named "templates/…").
    const mustache::Template& page(const std::string& layout, const std::string& page) const;
    // A template used on its own, e.g. "feeds/sitemap.xml".
    const mustache::Template& standalone(const std::string& path_without_ext) const;

    // Compiles every page/layout/feed combination the build uses, so syntax errors surface before
    // any output is written.
    void compile_all(const std::vector<std::pair<std::string, std::string>>& pages,
                     const std::vector<std::string>& standalones) const;

    struct Asset {
        std::string path;  // relative to assets/
        const std::string* data;
    };
    std::vector<Asset> assets() const;  // sorted by path

    // Where a file came from (for messages): "templates/pages/home.mustache" or an override path.
    std::string origin(const std::string& path) const;

    // The names of a section of the sites drawn with `layout` ("unit" or "province"), from the
    // theme's sections.json. Throws InputError naming that file when the key has no label.
    struct SectionLabel {
        std::string label;  // in the menu
        std::string title;  // the section page's heading (default: label)
        std::string crumb;  // in breadcrumbs (default: label)
    };
    const SectionLabel& section_label(std::string_view layout, std::string_view key) const;

  private:
    using File = content::ThemeFile;
    std::map<std::string, File> files_;
    std::map<std::string, SectionLabel, std::less<>> labels_;  // "<layout>/<key>"
    void load_section_labels();
    mutable std::map<std::string, std::unique_ptr<mustache::Template>> compiled_;
    const File* find(const std::string& path) const;
    mustache::PartialSource partial_source(const std::string& content_page) const;
};

}  // namespace xasite::site
