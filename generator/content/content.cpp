#include "generator/content/content.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <set>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json_fields.hpp"
#include "core/text.hpp"
#include "generator/content/media.hpp"
#include "generator/content/tree.hpp"

namespace xasite::content {

namespace fs = std::filesystem;

namespace {

// content/directives/: every .txt, .md and .pdf (a README* provenance note is skipped). A secret
// document stops the build: it must never be published.
std::vector<directives::Document> load_documents(const ContentTree& tree,
                                                 const units::Registry& registry,
                                                 std::vector<std::string>& warnings) {
    std::vector<directives::Document> docs;
    for (const auto& path : tree.files("directives")) {
        std::string name = path.filename().string();
        if (name.rfind("README", 0) == 0 || name.front() == '.') continue;
        std::string ext = path.extension().string();
        if (ext != ".txt" && ext != ".md" && ext != ".pdf") {
            warnings.push_back(path.string() + ": not a document (.txt, .md or .pdf); skipped");
            continue;
        }
        directives::Document doc = directives::read_document(path);
        if (directives::must_not_publish(doc.meta))
            throw InputError(
                path.string(),
                "the document is marked " + doc.meta.secrecy +
                    "; secret documents are never published (remove it from content/)");
        for (const auto& code : doc.units)
            if (code != "all" && !registry.find_new(code))
                throw InputError(path.string(),
                                 "front matter 'units' names unknown unit code '" + code + "'");
        for (const auto& w : doc.meta.warnings)
            warnings.push_back(path.string() + ": " + w);
        docs.push_back(std::move(doc));
    }
    return docs;
}

// The Markdown pages of a folder (content/units/<code>/ or content/pages/): its .md files, page
// bundles <slug>/index.md, and bundles grouped in a section's folder <section>/<slug>/index.md
// (returned with that folder's name). The theme overrides (templates/) and the shared files
// (media/) are not pages; hidden folders are never read.
std::vector<std::pair<fs::path, std::string>> page_files(const ContentTree& tree,
                                                         const fs::path& rel) {
    std::vector<std::pair<fs::path, std::string>> out;
    for (const auto& md : tree.files(rel, ".md"))
        out.emplace_back(md, "");
    for (const auto& sub : tree.folders(rel)) {
        const std::string name = sub.filename().string();
        if (name.front() == '.' || name == "templates" || name == "media") continue;
        const fs::path sub_rel = rel / name;
        if (tree.has_file(sub_rel / "index.md")) {
            out.emplace_back(sub / "index.md", "");
            continue;
        }
        for (const auto& bundle : tree.folders(sub_rel)) {
            const std::string b = bundle.filename().string();
            if (b.front() != '.' && tree.has_file(sub_rel / b / "index.md"))
                out.emplace_back(bundle / "index.md", name);
        }
    }
    return out;
}

}  // namespace

UnitProfile load_unit_profile(const fs::path& path) {
    nlohmann::json j = read_json_file(path);
    JsonFields f(j, path.string());
    auto str = [](const JsonFields& fields, const char* key) {
        return text::tidy(fields.string_or(key, ""));
    };
    UnitProfile p;
    p.address = str(f, "address");
    p.phone = str(f, "phone");
    p.email = str(f, "email");
    p.website = str(f, "website");
    p.map_url = str(f, "map_url");
    JsonFields responsible = f.object("responsible");
    p.responsible_name = str(responsible, "name");
    p.responsible_position = str(responsible, "position");
    responsible.reject_unknown_keys();
    JsonFields centre = f.object("service_centre");
    p.centre_address = str(centre, "address");
    p.centre_phone = str(centre, "phone");
    p.centre_hours = str(centre, "hours");
    centre.reject_unknown_keys();
    for (const auto& leader : f.objects("leaders")) {
        Person person{text::tidy(leader.required_string("name", true)), str(leader, "position"),
                      str(leader, "duties"), str(leader, "phone"), str(leader, "email")};
        leader.reject_unknown_keys();
        p.leaders.push_back(std::move(person));
    }
    f.reject_unknown_keys();
    return p;
}

ThemeFiles load_theme_files(const ContentTree& tree, const fs::path& rel) {
    ThemeFiles files;
    for (const auto& name : tree.files_below(rel)) {
        const fs::path p = (rel.empty() ? tree.root() : tree.root() / rel) / name;
        std::string data = read_file(p);
        if (p.extension() == ".mustache") require_utf8(data, p);
        files[name] = ThemeFile{std::move(data), p.string()};
    }
    return files;
}

namespace {

// Each act of the reform with `checked_in` must be quoted, word for word (spacing aside), by that
// document of the content tree; the others are cited unchecked, and the build says so.
void check_reform_acts(Content& c) {
    auto squash = [](std::string_view s) {
        std::string out;
        for (char ch : s) {
            bool space = ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
            if (space) {
                if (!out.empty() && out.back() != ' ') out += ' ';
            } else {
                out += ch;
            }
        }
        return out;
    };
    for (std::size_t k = 0; k < c.config.reform_acts.size(); ++k) {
        const auto& act = c.config.reform_acts[k];
        const std::string field = "reorganisation.acts[" + std::to_string(k) + "]";
        if (act.checked_document.empty()) {
            c.warnings.push_back("site.json: " + field + " (" + act.number +
                                 ") is cited without \"checked_in\": no document in the content "
                                 "tree quotes it");
            continue;
        }
        const fs::path wanted = (c.root / act.checked_document).lexically_normal();
        const directives::Document* doc = nullptr;
        for (const auto& d : c.documents)
            if (d.source.lexically_normal() == wanted) doc = &d;
        if (!doc)
            throw InputError(c.config.source.string(),
                             "field \"" + field + ".checked_in.document\": no document " +
                                 act.checked_document + " in the content tree");
        if (squash(doc->text).find(squash(text::nfc(act.checked_quote))) == std::string::npos)
            throw InputError(c.config.source.string(),
                             "field \"" + field + ".checked_in.quote\": " + act.checked_document +
                                 " does not contain \"" + act.checked_quote + "\"");
    }
}

}  // namespace

Content Content::load(const fs::path& dir, bool drafts) {
    const ContentTree tree(dir);  // refuses links out of the tree, FIFOs and devices
    Content c;
    c.root = dir;
    c.config = SiteConfig::load(dir / "site.json");
    c.registry = units::Registry::load(dir / c.config.registry);
    for (const auto& w : c.registry.warnings())
        c.warnings.push_back("units: " + w.unit_code + ": " + w.message);
    c.procedures = procedures::load_directory(dir / "procedures");
    if (tree.has_file("procedure-scope.json"))
        c.procedure_scope = ProcedureScope::load(dir / "procedure-scope.json");
    else
        c.warnings.push_back(
            "procedure-scope.json: absent; every in-force commune or province procedure is listed "
            "on the commune sites (docs/CONTENT.md, \"Procedure scope\")");
    c.procedure_scope.apply_aliases(c.procedures);
    c.documents = load_documents(tree, c.registry, c.warnings);
    check_reform_acts(c);
    c.templates = load_theme_files(tree, "templates");
    if (tree.has_folder("search")) {
        c.lexicon_dir = dir / "search";
        for (const auto& f : tree.files("search", ".txt"))
            c.lexicon_files[f.filename().string()] = read_file(f);
    }
    for (const auto& package : tree.folders("archives"))
        if (package.filename().string().front() != '.') c.archive_packages.push_back(package);

    std::string newest;
    auto note_date = [&](const std::string& d) {
        if (d.size() == 10 && d > newest) newest = d;
    };
    for (const auto& p : c.procedures)
        note_date(p.updated);
    for (const auto& d : c.documents)
        if (d.meta.date.day > 0) note_date(d.meta.date.iso());

    // Commune folders: content/units/<code>/
    for (const auto& unit_dir : tree.folders("units")) {
        std::string code = unit_dir.filename().string();
        if (!c.registry.find_new(code))
            throw InputError(unit_dir.string(),
                             "folder name '" + code + "' is not the code of a new unit");
        if (fs::exists(unit_dir / "unit.json"))
            c.profiles[code] = load_unit_profile(unit_dir / "unit.json");
        const fs::path unit_rel = fs::relative(unit_dir, dir);
        if (tree.has_folder(unit_rel / "templates"))
            c.unit_templates[code] = load_theme_files(tree, unit_rel / "templates");
        for (const auto& [md, group] : page_files(tree, unit_rel)) {
            Page page = load_page(md);
            if (!page.units.empty() || page.all_units)
                throw InputError(
                    md.string(),
                    "'units' is only for pages in content/pages/; this page belongs to " + code);
            if (!group.empty()) {
                // A bundle in a section's folder (tin-tuc/<slug>/index.md) is of that section.
                if (page.section_line == 0)
                    page.section = group;
                else if (page.section != group)
                    throw InputError(location(md, page.section_line),
                                     "the page is in the folder " + group +
                                         "/ but its section is '" + page.section +
                                         "'; move the folder or change 'section'");
            }
            // A commune's own pages do not move the province-wide build date: a news item of
            // one commune changes that commune's site only (incremental builds), and a schedule
            // for next week must not date every page of the province next week.
            if (page.draft && !drafts) continue;
            attach_page_media(page, md.parent_path(), unit_dir, c.warnings);
            c.unit_pages[code].push_back(std::move(page));
        }
    }
    // Shared pages: content/pages/*.md and content/pages/<slug>/index.md
    for (const auto& [md, group] : page_files(tree, "pages")) {
        Page page = load_page(md);
        if (!page.draft || drafts)
            attach_page_media(page, md.parent_path(), dir / "pages", c.warnings);
        for (const auto& code : page.units)
            if (!c.registry.find_new(code))
                throw InputError(md.string(),
                                 "front matter 'units' names unknown unit code '" + code + "'");
        note_date(page.date);
        note_date(page.updated);
        if (page.draft && !drafts) continue;
        if (page.all_units) {
            for (const auto& u : c.registry.new_units())
                c.unit_pages[u.code].push_back(page);
        } else if (page.units.empty()) {
            c.province_pages.push_back(std::move(page));
        } else {
            for (const auto& code : page.units)
                c.unit_pages[code].push_back(page);
        }
    }
    c.newest_date = newest;
    return c;
}

std::string Content::build_date() const {
    if (!config.build_date.empty()) return config.build_date;
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        long long secs = std::strtoll(epoch, &end, 10);
        if (end != epoch && *end == '\0' && secs >= 0) {
            std::time_t t = static_cast<std::time_t>(secs);
            std::tm tm{};
            gmtime_r(&t, &tm);
            char buf[11];
            std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
            return buf;
        }
    }
    if (!newest_date.empty()) return newest_date;
    return config.effective_date;
}

}  // namespace xasite::content
