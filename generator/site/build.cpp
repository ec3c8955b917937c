#include "generator/site/build.hpp"

#include <fcntl.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <iomanip>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "core/text.hpp"
#include "generator/content/content.hpp"
#include "generator/site/archives.hpp"
#include "generator/site/catalog.hpp"
#include "generator/site/documents.hpp"
#include "generator/site/manifest.hpp"
#include "generator/site/nginx_conf.hpp"
#include "generator/site/output.hpp"
#include "generator/site/province_site.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/search_feed.hpp"
#include "generator/site/sections/sections.hpp"
#include "generator/site/site_links.hpp"
#include "generator/site/theme.hpp"
#include "generator/site/unit_site.hpp"
#include "generator/site/views.hpp"

namespace xasite::site {

namespace fs = std::filesystem;

namespace {

// A cold build writes its search index as a new generation beside the output,
// "<out>.xapian.g-<id>", complete (compacted) before the site is swapped in; the new site's marker
// names it, so the exchange of the site is the one step that changes both (search::index_path_for
// follows the marker). Then "<out>.xapian" is pointed at it and older generations are removed (a
// build killed before that leaves them to the next build's sweep). In place (an incremental
// build), the index the site names is changed where it is; finish() commits it.
class IndexBuild {
  public:
    explicit IndexBuild(const fs::path& out_dir)
        : out_(out_dir), link_(search::legacy_index_path_for(out_dir)) {
        std::random_device rd;
        final_ = link_;
        final_ += ".g-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000);
        writer_.emplace(final_);
    }
    IndexBuild(const fs::path& out_dir, search::IndexWriter::InPlace)
        : out_(out_dir),
          link_(search::legacy_index_path_for(out_dir)),
          final_(search::index_path_for(out_dir)),
          in_place_(true) {
        writer_.emplace(final_, search::IndexWriter::InPlace{});
    }
    ~IndexBuild() {
        writer_.reset();
        std::error_code ec;
        // A generation no site names is of no use (if the site was swapped in before a failure,
        // it names this one, which then stays).
        if (!committed_ && !in_place_ &&
            search::index_path_for(out_).lexically_normal() != final_.lexically_normal())
            fs::remove_all(final_, ec);
    }
    IndexBuild(const IndexBuild&) = delete;
    IndexBuild& operator=(const IndexBuild&) = delete;
    search::IndexWriter& writer() { return *writer_; }
    const fs::path& path() const { return final_; }
    bool in_place() const { return in_place_; }
    // The name the site's marker gives for this index; "" for an index at "<out>.xapian" itself
    // (a site built before generations, updated in place).
    std::string marker_name() const {
        return final_ == link_ ? std::string() : final_.filename().string();
    }

    // Compacts the new index (before the site is swapped, so a failure leaves both old); in
    // place, commits the changes.
    void finish() { writer_->finish(); }
    // After the site naming this index was swapped in: "<out>.xapian" becomes a link to it (by
    // one rename; an older build's real directory there is exchanged for the link, then removed)
    // and older generations are removed.
    void commit() {
        writer_.reset();
        committed_ = true;
        if (in_place_) return;
        point_index_link(out_);
    }

  private:
    fs::path out_, link_, final_;
    bool in_place_ = false;
    std::optional<search::IndexWriter> writer_;
    bool committed_ = false;
};

// Prints "[#####.....] 41/102 sites, 63,120 pages, 9,870 pages/s" on a terminal, ~8 times a second.
class Progress {
  public:
    Progress(bool enabled, std::size_t total_units, const std::atomic<std::size_t>& pages,
             const std::atomic<std::size_t>& units_done)
        : enabled_(enabled), total_(total_units), pages_(pages), done_(units_done) {
        if (enabled_) thread_ = std::thread([this] { loop(); });
    }
    ~Progress() { stop(); }
    void stop() {
        if (!enabled_) return;
        {
            std::lock_guard<std::mutex> lock(m_);
            stopping_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable()) thread_.join();
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
        enabled_ = false;
    }

  private:
    void loop() {
        auto start = std::chrono::steady_clock::now();
        std::unique_lock<std::mutex> lock(m_);
        while (!cv_.wait_for(lock, std::chrono::milliseconds(125), [this] { return stopping_; })) {
            double secs =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::size_t done = done_.load(), pages = pages_.load();
            int width = 30;
            int filled = total_ ? static_cast<int>(width * done / total_) : width;
            std::string bar(static_cast<std::size_t>(filled), '#');
            bar.resize(static_cast<std::size_t>(width), '.');
            std::fprintf(stderr, "\r\033[K[%s] %zu/%zu sites, %zu pages, %.0f pages/s", bar.c_str(),
                         done, total_, pages, secs > 0 ? pages / secs : 0.0);
            std::fflush(stderr);
        }
    }
    bool enabled_;
    std::size_t total_;
    const std::atomic<std::size_t>& pages_;
    const std::atomic<std::size_t>& done_;
    std::thread thread_;
    std::mutex m_;
    std::condition_variable cv_;
    bool stopping_ = false;
};

std::string thousands(std::size_t n) {
    std::string s = std::to_string(n), out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i > 0 && (s.size() - i) % 3 == 0) out += ',';
        out += s[i];
    }
    return out;
}

std::vector<std::string> scope_lines(const content::Content& content, const Catalog& cat);

}  // namespace

BuildSummary build_site(const BuildOptions& options) {
    auto start = std::chrono::steady_clock::now();
    BuildSummary summary;
    std::unique_ptr<tbb::global_control> limit;
    if (options.jobs > 0)
        limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                      options.jobs);
    auto seconds_since_start = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };

    // 0. The output's lock, then what changed since the build that made the site there (its
    // manifest). Nothing changed: nothing is loaded, rendered or written.
    OutputLock lock(options.out_dir);
    BuildManifest now;
    now.tool = tool_identity();
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) now.date_env = epoch;
    now.units = options.units;
    std::sort(now.units.begin(), now.units.end());
    now.units.erase(std::unique(now.units.begin(), now.units.end()), now.units.end());
    now.search_index = options.search_index;
    now.drafts = options.drafts;
    const NginxOptions nginx{
        (options.nginx_root.empty() ? fs::absolute(options.out_dir) : options.nginx_root)
            .lexically_normal()
            .string(),
        options.nginx_upstream, options.nginx_listen};
    now.nginx = nginx.root + "\n" + nginx.upstream + "\n" + nginx.listen_include;
    std::optional<BuildManifest> previous;
    bool interrupted = false;
    if (options.incremental) {
        previous = read_manifest(lock.final_dir());
        std::error_code ec;
        interrupted = fs::exists(lock.final_dir() / kIncompleteFile, ec);
        // A manifest without the index it describes (removed by hand), or a build that adds or
        // drops the index: start again.
        if (previous &&
            (previous->search_index != options.search_index ||
             (options.search_index && !fs::exists(search::index_path_for(options.out_dir), ec))))
            previous.reset();
    }
    if (!fs::is_directory(options.content_dir))
        throw InputError(options.content_dir.string(), "content directory not found");
    now.inputs = scan_inputs(options.content_dir, previous ? previous->inputs : InputStamps{});
    ChangePlan plan;
    if (previous) plan = plan_changes(*previous, now);
    if (interrupted) {
        plan.scope = ChangePlan::Scope::everything;
        plan.reason = "the previous build was interrupted";
    }
    if (previous && plan.scope == ChangePlan::Scope::nothing) {
        summary.mode = "unchanged";
        summary.units = now.units.empty() ? 0 : now.units.size();
        summary.seconds = seconds_since_start();
        return summary;
    }

    // 1. Load and validate all content; compile every template. Nothing is written before this.
    content::Content content = content::Content::load(options.content_dir, options.drafts);
    summary.warnings = content.warnings;
    const std::string build_date = content.build_date();
    now.build_date = build_date;
    if (previous && previous->build_date != build_date && plan.scope == ChangePlan::Scope::units) {
        plan.scope = ChangePlan::Scope::everything;
        plan.reason = "the build date moved to " + build_date;
    }

    std::vector<const units::NewUnit*> selected;
    if (options.units.empty()) {
        for (const auto& u : content.registry.new_units())
            selected.push_back(&u);
    } else {
        std::set<std::string> seen;
        for (const auto& code : options.units) {
            const auto* u = content.registry.find_new(code);
            if (!u)
                throw InputError("--unit " + code,
                                 "not the code of a new unit (see " +
                                     (options.content_dir / content.config.registry).string() +
                                     ")");
            if (seen.insert(code).second) selected.push_back(u);
        }
    }

    Theme base_theme = Theme::load({&content.templates});
    // The templates and section names the section tables use, checked before anything is written.
    base_theme.compile_all(sections::commune_pages(), sections::commune_feeds());
    base_theme.compile_all(sections::province_pages(), sections::province_feeds());
    sections::check_labels(base_theme, true, true);
    sections::check_disclosure(content.config);
    sections::check_page_sections(content);
    std::map<std::string, std::unique_ptr<Theme>> unit_themes;  // communes that override the theme
    for (const auto* u : selected) {
        if (auto files = content.unit_templates.find(u->code);
            files != content.unit_templates.end()) {
            auto t = std::make_unique<Theme>(Theme::load({&content.templates, &files->second}));
            t->compile_all(sections::commune_pages(), sections::commune_feeds());
            sections::check_labels(*t, true, false);
            unit_themes[u->code] = std::move(t);
        }
    }

    Catalog catalog = Catalog::build(content, build_date);
    for (const auto& w : catalog.warnings)
        summary.warnings.push_back("procedures: " + w);
    summary.scope = scope_lines(content, catalog);
    std::set<std::string> built;
    for (const auto* u : selected)
        built.insert(u->code);
    DocumentSet documents = DocumentSet::build(content, catalog);
    for (const auto& w : documents.warnings)
        summary.warnings.push_back("documents: " + w);
    // Preservation packages of the dissolved districts: read (and checked) before anything is
    // written, so a malformed one stops the build with an InputError naming it.
    // Each package's fixity is checked (SHA-256 of every payload file; unchanged files are known
    // from the cache beside the output); one that fails is shown as such, without its view.
    ArchiveSet archives =
        ArchiveSet::load(content, built, archive_fixity_cache_dir(options.out_dir));
    for (const auto& w : archives.warnings)
        summary.warnings.push_back("archives: " + w);
    // The search lexicon of the content tree, checked before anything is written.
    std::optional<search::Lexicon> lexicon;
    if (options.search_index && !content.lexicon_dir.empty())
        lexicon =
            search::Lexicon::with_overrides(content.lexicon_files, content.lexicon_dir.string());
    if (options.search_index) {
        // Example questions (search/questions.txt) that name a code the catalogue does not have
        // point at nothing: said, so that staff fix the code.
        std::set<std::string> known;
        for (const auto& p : content.procedures)
            known.insert(text::fold(p.code));
        std::set<std::string> unknown;
        for (const auto& e : (lexicon ? *lexicon : search::Lexicon::builtin()).examples().all())
            for (const auto& code : e.codes)
                if (!known.count(code)) unknown.insert(code);
        if (!unknown.empty()) {
            std::string list;
            for (const auto& code : unknown) {
                if (!list.empty()) list += ", ";
                list += code;
            }
            summary.warnings.push_back("search/questions.txt: " + std::to_string(unknown.size()) +
                                       " code(s) not in the catalogue: " + list);
        }
    }
    SearchPageCollector search_pages;
    BuildContext ctx{content,      catalog,    documents,        archives,
                     search_pages, build_date, std::move(built), globals_view(content, build_date)};
    SharedViews shared = SharedViews::build(ctx);

    // What this build renders: every site, or (only communes' own files changed) those communes
    // and the province site; the other sites and the archive views stay as they are.
    const bool only_units = previous && plan.scope == ChangePlan::Scope::units;
    std::vector<bool> render_unit(selected.size(), true);
    std::vector<std::string> kept_prefixes;  // output folders of sites not rendered
    std::vector<std::string> rendered_prefixes;
    if (only_units) {
        for (std::size_t i = 0; i < selected.size(); ++i) {
            render_unit[i] = plan.units.count(selected[i]->code) > 0;
            (render_unit[i] ? rendered_prefixes : kept_prefixes)
                .push_back(routes::unit_dir(*selected[i]));
        }
        for (const auto& entry : archives.entries)
            kept_prefixes.push_back(entry.prefix);
    }
    auto under_any = [](const std::string& path, const std::vector<std::string>& prefixes) {
        for (const auto& p : prefixes)
            if (path.compare(0, p.size(), p) == 0) return true;
        return false;
    };

    // 2. Render: into a temporary directory beside the output (a cold build), or into the site
    // itself, writing only files whose bytes changed. In parallel by site.
    std::optional<OutputDir> out_storage;
    if (previous) {
        out_storage.emplace(std::move(lock),
                            OutputDir::InPlace{read_outputs(options.out_dir), interrupted});
        summary.mode = only_units ? "units" : "everything";
        summary.reason = plan.reason;
        if (only_units)
            for (const auto& code : plan.units)
                summary.changed_units.push_back(code);
        summary.changed_inputs = plan.changed.size();
        if (only_units)
            out_storage->keep_unrendered(
                [&](const std::string& rel) { return under_any(rel, kept_prefixes); });
    } else {
        out_storage.emplace(std::move(lock));
        summary.mode = "cold";
    }
    OutputDir& out = *out_storage;
    // The search index, written beside the site (after OutputDir accepted the output path).
    std::optional<IndexBuild> index;
    if (options.search_index) {
        if (previous) {
            try {
                index.emplace(options.out_dir, search::IndexWriter::InPlace{});
            } catch (const std::runtime_error& e) {
                throw std::runtime_error(std::string(e.what()) +
                                         " (build again with --clean to write a new one)");
            }
        } else {
            index.emplace(options.out_dir);
        }
        std::map<std::string, std::pair<std::string, std::string>> units;
        for (const auto* u : selected)
            units[u->code] = {routes::unit_dir(*u), u->full_name};
        index->writer().set_units(units);
        if (lexicon) index->writer().set_lexicon(std::move(*lexicon));
    }
    // The marker names the index built with this site.
    out.write(kSiteMarker, site_marker_text(index ? index->marker_name() : std::string()));
    std::atomic<std::size_t> pages{0}, units_done{0};
    bool tty = !options.quiet && ::isatty(STDERR_FILENO);
    std::size_t to_render = 0;
    for (bool r : render_unit)
        to_render += r;
    Progress progress(tty, to_render, pages, units_done);
    // Tasks: the commune sites, the province site, the search index's shared documents, then one
    // per archive view.
    const std::size_t n_sites = selected.size() + 1;
    const std::size_t feed_task = n_sites;
    std::vector<std::vector<std::string>> site_warnings(n_sites + 1 + archives.entries.size());
    std::atomic<std::size_t> archived{0};
    tbb::parallel_for(std::size_t{0}, site_warnings.size(), [&](std::size_t k) {
        if (k > feed_task) {
            if (only_units) return;  // the archive views did not change
            const auto& entry = archives.entries[k - feed_task - 1];
            // Archived pages go into the index in batches whose text analysis runs in parallel
            // (archived pages are long; the view itself is rendered by this one task). Memory
            // stays bounded by the batch. Ids are unique, so only document numbers depend on
            // timing.
            std::vector<search::SearchDocument> batch;
            auto flush = [&] {
                tbb::parallel_for(std::size_t{0}, batch.size(),
                                  [&](std::size_t i) { index->writer().add(batch[i]); });
                batch.clear();
            };
            auto index_item = [&](const archive::ArchivedItem& item) {
                archived.fetch_add(1);
                if (!index) return;
                batch.push_back(archive_search_document(item, entry));
                if (batch.size() >= 32) flush();
            };
            site_warnings[k] = render_archive(ctx, entry, out, pages, index_item);
            if (index) flush();
        } else if (k == feed_task) {
            // Always: in place, an unchanged document costs a lookup, not an analysis.
            if (index) feed_search_index(ctx, index->writer());
        } else if (k == selected.size()) {
            site_warnings[k] = render_province_site(ctx, base_theme, out, pages);
        } else {
            if (!render_unit[k]) return;
            const auto* u = selected[k];
            auto it = unit_themes.find(u->code);
            const Theme& theme = it == unit_themes.end() ? base_theme : *it->second;
            site_warnings[k] = render_unit_site(ctx, shared, theme, *u, out, pages);
            units_done.fetch_add(1);
        }
    });
    progress.stop();
    for (auto& ws : site_warnings)
        for (auto& w : ws)
            summary.warnings.push_back(std::move(w));

    if (index) {
        for (auto& doc : search_pages.take_sorted())
            index->writer().add(doc);
        if (index->in_place()) {
            // Documents that nothing named this time are gone — except, when only some communes
            // were rendered, the archived pages and the other communes' own pages ("page/<url>").
            index->writer().remove_unseen([&](const std::string& id) {
                if (!only_units) return true;
                if (id.compare(0, 8, "archive/") == 0) return false;
                if (id.compare(0, 5, "page/") == 0 && under_any(id.substr(5), kept_prefixes))
                    return false;
                return true;
            });
            summary.index_changed = index->writer().changed();
        }
        index->finish();
        summary.index_documents = index->writer().count();
    }

    // The site-wide nginx configuration and the sites' public URLs (for `xasite check`).
    {
        const SiteLinks links(content);
        out.write(kNginxConfFile, nginx_conf(nginx, links, archives));
        out.write(kSitesFile, links.sites_json());
    }

    // 3. Swap into place (or, in place, remove what is gone and record the manifest).
    out.set_manifest(manifest_json(now));
    out.commit(options.background_cleanup);
    if (index) index->commit();
    summary.units = to_render;
    summary.archives = only_units ? 0 : archives.entries.size();
    summary.archived_items = archived.load();
    summary.pages = pages.load();
    summary.files = out.files();
    summary.bytes = out.bytes();
    summary.files_written = out.written();
    summary.files_removed = out.removed();
    summary.seconds = seconds_since_start();
    return summary;
}

namespace {

std::vector<std::string> scope_lines(const content::Content& content, const Catalog& cat) {
    const auto& procs = content.procedures;
    std::vector<std::string> lines;
    lines.push_back("procedures: " + thousands(cat.listed.size()) + " of " +
                    thousands(procs.size()) + " listed on the commune sites, " +
                    thousands(cat.not_listed.size()) + " on the province site only, " +
                    thousands(cat.retired.size()) + " retired");
    std::string rules;
    for (const auto& [rule, n] : cat.report.excluded_by_rule)
        rules += (rules.empty() ? "" : ", ") + rule + " " + thousands(n);
    lines.push_back("  not received at commune centres: " + rules);
    std::map<std::string, std::size_t> by_province;
    for (const auto& name : cat.report.other_province_name)
        ++by_province[name];
    std::string provinces;
    for (const auto& [name, n] : by_province)
        provinces += (provinces.empty() ? "" : ", ") + name + " " + thousands(n);
    lines.push_back(
        "  other provinces' copies, not published: " + thousands(cat.report.other_province.size()) +
        (provinces.empty() ? "" : " (" + provinces + ")"));
    std::string codes;
    for (std::size_t i : cat.report.malformed)
        codes += (codes.empty() ? "" : ", ") + procs[i].code;
    lines.push_back("  malformed codes, not published: " + thousands(cat.report.malformed.size()) +
                    (codes.empty() ? "" : " (" + codes + ")"));
    std::size_t records = 0;
    for (const auto& g : cat.report.same_name)
        records += g.size();
    lines.push_back("  one name under several codes (flagged on their pages): " +
                    thousands(cat.report.same_name.size()) + " names, " + thousands(records) +
                    " records");
    std::string aliases;
    for (const auto& [spelling, n] : cat.report.field_aliases)
        aliases += (aliases.empty() ? "" : ", ") + ("\"" + spelling + "\" ") + thousands(n);
    lines.push_back("  field spellings merged: " + (aliases.empty() ? "none" : aliases));
    lines.push_back("  tied to a place by their own text (not boundary-free): " +
                    thousands(cat.report.place_restricted.size()));
    return lines;
}

}  // namespace

int run_build(const BuildOptions& options, std::ostream& out, std::ostream& err) {
    try {
        BuildSummary s = build_site(options);
        for (const auto& w : s.warnings)
            err << "warning: " << w << "\n";
        if (!options.quiet && s.mode == "unchanged") {
            out << "nothing changed since the last build of " << options.out_dir.string()
                << " (content checked in " << std::fixed << std::setprecision(2) << s.seconds
                << " s); 0 files written\n";
            return 0;
        }
        if (!options.quiet && s.mode != "cold") {
            std::ostringstream line;
            if (s.mode == "units") {
                std::string codes;
                for (const auto& c : s.changed_units)
                    codes += (codes.empty() ? "" : ", ") + c;
                line << "changed: " << thousands(s.changed_inputs) << " files of commune folders ("
                     << codes << "): those communes and the province site rendered";
            } else {
                line << "changed: " << s.reason << " (" << thousands(s.changed_inputs)
                     << " input files): every site rendered";
            }
            out << line.str() << "\n";
        }
        if (!options.quiet) {
            std::ostringstream line;
            line << std::fixed << std::setprecision(2) << "built " << s.units << " units, "
                 << thousands(s.pages) << " pages (" << thousands(s.files) << " files, "
                 << std::setprecision(1) << static_cast<double>(s.bytes) / (1024.0 * 1024.0)
                 << " MiB) in " << std::setprecision(2) << s.seconds << " s, "
                 << std::setprecision(0) << (s.seconds > 0 ? s.pages / s.seconds : 0.0)
                 << " pages/s → " << options.out_dir.string();
            if (s.mode != "cold")
                line << "; written " << thousands(s.files_written) << " files, removed "
                     << thousands(s.files_removed);
            if (options.search_index)
                line << "; search index: " << thousands(s.index_documents) << " documents"
                     << (s.mode == "cold" ? std::string()
                                          : " (" + thousands(s.index_changed) + " changed)")
                     << " → " << search::index_path_for(options.out_dir).string();
            if (s.archives > 0)
                line << " (" << s.archives << (s.archives == 1 ? " archive, " : " archives, ")
                     << thousands(s.archived_items) << " archived pages and files)";
            out << line.str() << "\n";
            for (const auto& l : s.scope)
                out << l << "\n";
        }
        return 0;
    } catch (const InputError& e) {
        if (options.lang == "vi")
            err << "lỗi: " << e.vi() << "\n";
        else
            err << "error: " << e.what() << "\n";
        return 1;
    } catch (const mustache::SyntaxError& e) {
        err << "error: template syntax error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace xasite::site
