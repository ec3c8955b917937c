#include "generator/site/theme.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/files.hpp"
#include "generator/site/embedded.hpp"

namespace xasite::site {

namespace fs = std::filesystem;

Theme Theme::load(const std::vector<fs::path>& override_dirs) {
    Theme t;
    for (std::size_t i = 0; i < embedded_file_count; ++i) {
        const auto& f = embedded_files[i];
        t.files_[f.path] = File{std::string(f.data, f.size), std::string("templates/") + f.path};
    }
    for (const auto& dir : override_dirs) {
        if (!fs::is_directory(dir)) continue;
        std::vector<fs::path> paths;
        for (const auto& e : fs::recursive_directory_iterator(dir))
            if (e.is_regular_file()) paths.push_back(e.path());
        std::sort(paths.begin(), paths.end());
        for (const auto& p : paths) {
            std::string rel = fs::relative(p, dir).generic_string();
            std::string data = read_file(p);
            if (p.extension() == ".mustache") require_utf8(data, p);
            t.files_[rel] = File{std::move(data), p.string()};
        }
    }
    return t;
}

const Theme::File* Theme::find(const std::string& path) const {
    auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second;
}

std::string Theme::origin(const std::string& path) const {
    const File* f = find(path);
    return f ? f->origin : path;
}

mustache::PartialSource Theme::partial_source(const std::string& content_page) const {
    return [this, content_page](
               std::string_view name) -> std::optional<std::pair<std::string, std::string>> {
        std::string path;
        if (name == "content") {
            if (content_page.empty()) return std::nullopt;
            path = "pages/" + content_page + ".mustache";
        } else if (name.find('/') != std::string_view::npos) {
            path = std::string(name) + ".mustache";
        } else {
            path = "partials/" + std::string(name) + ".mustache";
        }
        const File* f = find(path);
        if (!f) return std::nullopt;
        return std::make_pair(f->data, f->origin);
    };
}

const mustache::Template& Theme::page(const std::string& layout, const std::string& page) const {
    std::string key = layout + "|" + page;
    auto it = compiled_.find(key);
    if (it != compiled_.end()) return *it->second;
    std::string layout_path = "layouts/" + layout + ".mustache";
    const File* f = find(layout_path);
    if (!f) throw InputError(layout_path, "layout template not found in the theme");
    if (!find("pages/" + page + ".mustache"))
        throw InputError("pages/" + page + ".mustache", "page template not found in the theme");
    auto tmpl = std::make_unique<mustache::Template>(
        mustache::Template::compile(f->data, f->origin, partial_source(page)));
    return *compiled_.emplace(key, std::move(tmpl)).first->second;
}

const mustache::Template& Theme::standalone(const std::string& path_without_ext) const {
    auto it = compiled_.find(path_without_ext);
    if (it != compiled_.end()) return *it->second;
    std::string path = path_without_ext + ".mustache";
    const File* f = find(path);
    if (!f) throw InputError(path, "template not found in the theme");
    auto tmpl = std::make_unique<mustache::Template>(
        mustache::Template::compile(f->data, f->origin, partial_source("")));
    return *compiled_.emplace(path_without_ext, std::move(tmpl)).first->second;
}

void Theme::compile_all(const std::vector<std::pair<std::string, std::string>>& pages,
                        const std::vector<std::string>& standalones) const {
    for (const auto& [layout, page_name] : pages)
        page(layout, page_name);
    for (const auto& s : standalones)
        standalone(s);
}

std::vector<Theme::Asset> Theme::assets() const {
    std::vector<Asset> out;
    for (const auto& [path, file] : files_)
        if (path.rfind("assets/", 0) == 0) out.push_back({path.substr(7), &file.data});
    return out;
}

}  // namespace xasite::site
