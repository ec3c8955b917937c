// `xasite import dvc`: finds the inputs, hands each file to its format's parser, merges the
// records by code and writes one JSON file per procedure.
//
// Merging. Records with the same code are combined into one:
//  - Within one source kind the first record wins (files in path order, records in file order);
//    the later one is reported as a duplicate.
//  - Across kinds each component (steps, channels, dossier, legal basis, agencies, …) is taken
//    from the first source that has it, in the order dvc-api > dvc-word-export > html-summary;
//    the catalog only has code, name and field.
//  - name and field: dvc-api > dvc-word-export > catalog-1350 > html-summary (the HTML pages are
//    a person's summaries, the catalog is portal text). A different name or field in a
//    lower-priority source is reported. HTML pages state no field: it comes from the catalog, or
//    else from the site's list page (index.html: "Lĩnh vực Đất đai"); a record with no field at
//    all is dropped with a warning.
//  - detail is full when any source is full; sources lists every source, in priority order.
#include "generator/procedures/import.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/ascii.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "generator/procedures/import_formats.hpp"

namespace xasite::procedures {

namespace fs = std::filesystem;
using importers::Origin;
using importers::Warnings;

namespace {

// Provenance of the exports this importer was written for (tests/fixtures/dvc/README.md).
std::string provenance_note(const fs::path& file) {
    std::set<std::string> parts;
    for (const auto& part : file.lexically_normal())
        parts.insert(part.string());
    std::string name = file.filename().string();
    if (parts.count("catalog-1350")) {
        if (name == "catalog.json")
            return "3-hWnG/intern-amazing-group_7 Database/staging/vocabulary.json@"
                   "9dd89b32a23256b40e9ccaf4bfe5f7b7979914c2";
        if (name == "full-records.jsonl")
            return "3-hWnG/intern-amazing-group_7 Database/staging/procedures.jsonl@"
                   "a27ed4e2e5abaf9a3caba63cfff95120095829a1";
    }
    if (parts.count("nhdandz-ThuTucHanhChinh"))
        return "nhdandz/ThuTucHanhChinh data/extracted_fixed@"
               "936e184ef5b6afd7debfecf42e66888c4d6174ba";
    if (parts.count("phamhungVpdklk-TTHC-2228"))
        return "phamhungVpdklk/TTHC-2228@6a6bf4ffd83853dec463ae64f5967443a58c501f (a person's "
               "summary, not portal text)";
    return {};
}

int priority_of(const std::string& kind) {
    if (kind == importers::kKindDvcApi) return 0;
    if (kind == importers::kKindWordExport) return 1;
    if (kind == importers::kKindHtmlSummary) return 2;
    return 3;  // catalog
}

// name/field priority: the catalog's portal text ranks above a person's HTML summary.
int name_priority_of(const std::string& kind) {
    if (kind == importers::kKindHtmlSummary) return 4;
    return priority_of(kind);
}

struct Candidate {
    Procedure record;
    std::string kind;
    std::string where;        // file shown in messages
    fs::path dir;             // html-summary: the page's directory (for its list page)
    std::string index_field;  // html-summary: the field stated by that list page
    int priority = 0;
    std::size_t order = 0;  // reading order, for stable "first wins"
};

struct InputFile {
    fs::path path;  // as opened
    Origin origin;
};

std::vector<InputFile> list_inputs(const std::vector<fs::path>& inputs) {
    if (inputs.empty()) throw InputError("", "no input files or directories given");
    std::vector<InputFile> files;
    for (const auto& input : inputs) {
        std::error_code ec;
        auto status = fs::status(input, ec);
        if (ec || !fs::exists(status))
            throw InputError(input.string(), "no such file or directory");
        if (fs::is_directory(status)) {
            std::vector<InputFile> found;
            for (auto it = fs::recursive_directory_iterator(input, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (!it->is_regular_file(ec)) continue;
                fs::path rel = it->path().lexically_relative(input);
                std::string name = it->path().filename().string();
                if (name.empty() || name.front() == '.') continue;
                found.push_back(
                    InputFile{it->path(), Origin{(input / rel).string(), rel.generic_string(),
                                                 provenance_note(fs::absolute(it->path()))}});
            }
            if (ec) throw InputError(input.string(), "cannot list directory: " + ec.message());
            std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) {
                return a.origin.file < b.origin.file;
            });
            files.insert(files.end(), found.begin(), found.end());
        } else {
            files.push_back(InputFile{input, Origin{input.string(), input.filename().string(),
                                                    provenance_note(fs::absolute(input))}});
        }
    }
    return files;
}

std::string lowercase_extension(const fs::path& p) {
    std::string ext = p.extension().string();
    ascii::lower_in_place(ext);
    return ext;
}

template <typename T>
bool is_empty(const T& v) {
    if constexpr (std::is_same_v<T, OnlineLevel>)
        return v == OnlineLevel::none;
    else if constexpr (std::is_same_v<T, bool>)
        return !v;
    else if constexpr (std::is_same_v<T, std::optional<bool>> ||
                       std::is_same_v<T, std::optional<Decision>>)
        return !v.has_value();
    else
        return v.empty();
}

Procedure merge(std::vector<Candidate>& candidates, Warnings& warnings) {
    std::stable_sort(
        candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
            return a.priority != b.priority ? a.priority < b.priority : a.order < b.order;
        });
    Procedure out;
    out.code = candidates.front().record.code;

    // name and field
    std::vector<const Candidate*> by_name;
    for (const auto& c : candidates)
        by_name.push_back(&c);
    std::stable_sort(by_name.begin(), by_name.end(), [](const Candidate* a, const Candidate* b) {
        return name_priority_of(a->kind) < name_priority_of(b->kind);
    });
    auto pick_text = [&](std::string Procedure::*member, const char* what) {
        const Candidate* chosen = nullptr;
        for (const Candidate* c : by_name) {
            const std::string& value = c->record.*member;
            if (value.empty()) continue;
            if (!chosen) {
                chosen = c;
                out.*member = value;
            } else if (value != out.*member) {
                warnings.push_back("code " + out.code + ": " + what + " differs between sources; " +
                                   chosen->kind + " \"" + out.*member + "\" kept, " + c->kind +
                                   " \"" + value + "\" (" + c->where + ") not used");
            }
        }
    };
    pick_text(&Procedure::name, "name");
    pick_text(&Procedure::field, "field");
    if (out.field.empty())
        for (const auto& c : candidates)
            if (!c.index_field.empty()) {
                out.field = c.index_field;
                break;
            }

    // every other component: first source that has it
    auto pick = [&](auto member) {
        for (const auto& c : candidates)
            if (!is_empty(c.record.*member)) {
                out.*member = c.record.*member;
                return;
            }
    };
    pick(&Procedure::levels);
    pick(&Procedure::procedure_type);
    pick(&Procedure::executing_agency);
    pick(&Procedure::competent_agency);
    pick(&Procedure::authorised_agency);
    pick(&Procedure::coordinating_agency);
    pick(&Procedure::receiving_address);
    pick(&Procedure::subjects);
    pick(&Procedure::steps);
    pick(&Procedure::channels);
    pick(&Procedure::dossier);
    pick(&Procedure::result);
    pick(&Procedure::requirements);
    pick(&Procedure::legal_basis);
    pick(&Procedure::forms);
    pick(&Procedure::online_level);
    pick(&Procedure::boundary_free);
    pick(&Procedure::inter_agency);
    pick(&Procedure::decision);
    pick(&Procedure::portal_url);
    pick(&Procedure::online_url);
    pick(&Procedure::keywords);
    pick(&Procedure::description);
    pick(&Procedure::updated);
    for (const auto& c : candidates) {
        if (c.record.status != Status::in_force) {
            out.status = c.record.status;
            out.replaced_by = c.record.replaced_by;
            out.status_reason = c.record.status_reason;
            break;
        }
    }
    out.detail = std::any_of(candidates.begin(), candidates.end(),
                             [](const Candidate& c) { return c.record.detail == Detail::full; })
                     ? Detail::full
                     : Detail::catalog;
    for (const auto& c : candidates)
        out.sources.insert(out.sources.end(), c.record.sources.begin(), c.record.sources.end());
    return out;
}

}  // namespace

std::vector<Procedure> import_sources(const std::vector<fs::path>& inputs, ImportReport& report) {
    std::vector<InputFile> files = list_inputs(inputs);
    std::map<std::string, std::vector<Candidate>> by_code;
    std::map<fs::path, std::string> index_field_of_dir;
    std::size_t order = 0;

    for (const auto& file : files) {
        const Origin& origin = file.origin;
        std::string ext = lowercase_extension(file.path);
        std::vector<Procedure> records;
        std::string kind;
        if (ext == ".jsonl") {
            std::string text = read_text_file(file.path);
            records = importers::parse_dvc_api_lines(text, origin, report.warnings);
            kind = importers::kKindDvcApi;
        } else if (ext == ".json") {
            nlohmann::json doc = parse_json_strict(read_text_file(file.path), origin.display);
            if (doc.is_array()) {
                records = importers::parse_catalog(doc, origin, report.warnings);
                kind = importers::kKindCatalog;
            } else if (doc.is_object() && doc.contains("proc_id")) {
                if (auto p = importers::parse_dvc_api_record(doc, origin, origin.display,
                                                             report.warnings))
                    records.push_back(std::move(*p));
                kind = importers::kKindDvcApi;
            } else if (doc.is_object() &&
                       (doc.contains("metadata") || doc.contains("thu_tuc_id"))) {
                if (auto p = importers::parse_word_export(doc, origin, report.warnings))
                    records.push_back(std::move(*p));
                kind = importers::kKindWordExport;
            } else {
                report.warnings.push_back(origin.display +
                                          ": not a recognised procedure export (catalog list, "
                                          "portal record or Word-export record); skipped");
            }
        } else if (ext == ".html" || ext == ".htm") {
            std::string html = read_text_file(file.path);
            if (file.path.filename() == "index.html") {
                std::string field = importers::parse_html_index_field(html);
                if (!field.empty()) index_field_of_dir[file.path.parent_path()] = field;
            } else {
                if (auto p = importers::parse_html_page(html, origin, report.warnings))
                    records.push_back(std::move(*p));
                kind = importers::kKindHtmlSummary;
            }
        } else {
            continue;  // README.md and other companions are not inputs
        }
        ++report.files_read;
        for (auto& p : records) {
            ++report.records_read;
            if (!is_valid_code(p.code)) {
                report.warnings.push_back(origin.display + ": code \"" + p.code +
                                          "\" cannot name a file (letters, digits, '.', '-', "
                                          "'_'); record skipped");
                continue;
            }
            if (!importers::is_national_code(p.code))
                report.warnings.push_back(origin.display + ": code \"" + p.code +
                                          "\" is not in the usual form d.dddddd; kept as "
                                          "published");
            auto& list = by_code[p.code];
            auto same_kind = std::find_if(list.begin(), list.end(),
                                          [&](const Candidate& c) { return c.kind == kind; });
            if (same_kind != list.end()) {
                report.warnings.push_back(origin.display + ": duplicate code " + p.code +
                                          " (first seen in " + same_kind->where +
                                          "); the first record is kept");
                continue;
            }
            Candidate c;
            c.kind = kind;
            c.where = origin.display;
            c.priority = priority_of(kind);
            c.order = order++;
            c.record = std::move(p);
            if (kind == importers::kKindHtmlSummary) c.dir = file.path.parent_path();
            list.push_back(std::move(c));
        }
    }

    // Resolve the list-page field of HTML records (index.html may come after the pages).
    for (auto& [code, list] : by_code)
        for (auto& c : list)
            if (c.kind == importers::kKindHtmlSummary) {
                auto it = index_field_of_dir.find(c.dir);
                if (it != index_field_of_dir.end()) c.index_field = it->second;
            }

    std::vector<Procedure> result;
    result.reserve(by_code.size());
    for (auto& [code, list] : by_code) {
        Procedure p = merge(list, report.warnings);
        if (p.field.empty()) {
            report.warnings.push_back(list.front().where + ": code " + code +
                                      ": no field (lĩnh vực) in any source; record skipped");
            continue;
        }
        if (p.detail == Detail::full)
            ++report.full;
        else
            ++report.catalog_only;
        result.push_back(std::move(p));
    }
    return result;
}

namespace {

// Whether `path` is a procedure record as write_records writes them: "<code>.json" holding a valid
// record of that code. Anything else in the folder (a config.json, a README, a hand-made file) is
// not ours to delete.
bool is_own_record(const fs::path& path) {
    const std::string code = path.stem().string();
    if (path.extension() != ".json" || !is_valid_code(code)) return false;
    try {
        Procedure p = from_json(parse_json_strict(read_text_file(path), path), path);
        return p.code == code;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

std::vector<fs::path> write_records(const std::vector<Procedure>& records, const fs::path& out_dir,
                                    bool prune) {
    std::set<std::string> names;
    for (const auto& p : records) {
        if (!is_valid_code(p.code))
            throw InputError(out_dir.string(), "code \"" + p.code + "\" cannot name a file");
        std::string name = p.code + ".json";
        if (!names.insert(name).second)
            throw InputError(out_dir.string(), "two records have the code \"" + p.code + "\"");
        fs::path path = out_dir / name;
        std::string bytes = to_json_text(p);
        std::error_code ec;
        if (fs::is_regular_file(path, ec) && read_file(path) == bytes) continue;
        write_file_atomic(path, bytes);
    }
    std::vector<fs::path> kept;
    if (!prune) return kept;
    std::error_code ec;
    std::vector<fs::path> stale;
    for (const auto& entry : fs::directory_iterator(out_dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json" &&
            !names.count(entry.path().filename().string()))
            (is_own_record(entry.path()) ? stale : kept).push_back(entry.path());
    for (const auto& path : stale)
        fs::remove(path, ec);
    std::sort(kept.begin(), kept.end());
    return kept;
}

int run_import_dvc(const std::vector<fs::path>& inputs, const fs::path& out_dir, bool prune,
                   std::ostream& log) {
    ImportReport report;
    try {
        std::vector<Procedure> records = import_sources(inputs, report);
        const auto kept = write_records(records, out_dir, prune);
        for (const auto& w : report.warnings)
            log << "warning: " << w << "\n";
        for (const auto& path : kept)
            log << "warning: " << path.string()
                << ": not a procedure record written by the import; kept (--prune removes only "
                   "records)\n";
        log << "read " << report.files_read << " files, " << report.records_read << " records → "
            << records.size() << " procedures (" << report.full << " full, " << report.catalog_only
            << " catalog-only), " << report.warnings.size() << " warnings\n";
        return 0;
    } catch (const InputError& e) {
        log << "error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {  // writing the output (disk full, permissions)
        log << "error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace xasite::procedures
