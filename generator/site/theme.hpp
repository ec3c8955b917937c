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
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "generator/site/template_engine.hpp"

namespace xasite::site {

class Theme {
  public:
    // The embedded default, then each override directory in order (later wins).
    static Theme load(const std::vector<std::filesystem::path>& override_dirs);

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

  private:
    struct File {
        std::string data;
        std::string origin;
    };
    std::map<std::string, File> files_;
    mutable std::map<std::string, std::unique_ptr<mustache::Template>> compiled_;
    const File* find(const std::string& path) const;
    mustache::PartialSource partial_source(const std::string& content_page) const;
};

}  // namespace xasite::site
