#include "generator/site/theme.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/files.hpp"
#include "generator/site/embedded.hpp"

namespace xasite::site {

namespace fs = std::filesystem;

Theme Theme::load(const std::vector<const content::ThemeFiles*>& overrides) {
    Theme t;
    for (std::size_t i = 0; i < embedded_file_count; ++i) {
        const auto& f = embedded_files[i];
        t.files_[f.path] = File{std::string(f.data, f.size), std::string("templates/") + f.path};
    }
    for (const auto* files : overrides)
        for (const auto& [path, file] : *files)
            t.files_[path] = file;
    t.load_section_labels();
    return t;
}

void Theme::load_section_labels() {
    const File* f = find("sections.json");
    if (!f) throw InputError("sections.json", "the theme has no section names file");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(f->data);
    } catch (const nlohmann::json::parse_error& e) {
        throw InputError(f->origin, std::string("not valid JSON: ") + e.what());
    }
    if (!j.is_object()) throw InputError(f->origin, "expected an object of layouts");
    for (const auto& [layout, sections] : j.items()) {
        if (!layout.empty() && layout[0] == '_') continue;  // "_comment"
        if (!sections.is_object())
            throw InputError(f->origin, "\"" + layout + "\": expected an object of sections");
        for (const auto& [key, names] : sections.items()) {
            auto str = [&](const char* field) -> std::string {
                auto it = names.find(field);
                if (it == names.end()) return "";
                if (!it->is_string() || it->get_ref<const std::string&>().empty())
                    throw InputError(f->origin, "\"" + layout + "\"." + key + "." + field +
                                                    ": expected a non-empty string");
                return it->get<std::string>();
            };
            if (!names.is_object())
                throw InputError(f->origin, "\"" + layout + "\"." + key + ": expected an object");
            SectionLabel l{str("label"), str("title"), str("crumb")};
            if (l.label.empty())
                throw InputError(f->origin, "\"" + layout + "\"." + key + ": \"label\" is missing");
            if (l.title.empty()) l.title = l.label;
            if (l.crumb.empty()) l.crumb = l.label;
            labels_[layout + "/" + key] = std::move(l);
        }
    }
}

const Theme::SectionLabel& Theme::section_label(std::string_view layout,
                                                std::string_view key) const {
    std::string k = std::string(layout) + "/" + std::string(key);
    auto it = labels_.find(k);
    if (it == labels_.end())
        throw InputError(origin("sections.json"), "no name for the section \"" + std::string(key) +
                                                      "\" of the " + std::string(layout) +
                                                      " sites");
    return it->second;
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
