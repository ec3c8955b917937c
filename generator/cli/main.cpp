// The xasite command line (DESIGN §3). Exit status: 0 success, 1 input error (a message naming the
// file and line or record), 2 usage error.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/version.hpp"
#include "generator/check/link_checker.hpp"
#include "generator/cli/admin_command.hpp"
#include "generator/cli/archive_command.hpp"
#include "generator/cli/export_command.hpp"
#include "generator/cli/new_command.hpp"
#include "generator/cli/preview_command.hpp"
#include "generator/cli/search_command.hpp"
#include "generator/cli/serve_command.hpp"
#include "generator/content/site_config.hpp"
#include "generator/directives/directive.hpp"
#include "generator/procedures/import.hpp"
#include "generator/site/build.hpp"
#include "generator/units/lookup_command.hpp"
#include "generator/units/registry.hpp"

namespace fs = std::filesystem;

namespace {

int run(int argc, char** argv) {
    CLI::App app{
        "xasite: static sites, archives and search for the communes and wards of a Vietnamese "
        "province",
        "xasite"};
    app.set_version_flag("--version", xasite::version_line());
    app.require_subcommand(1);

    // build
    xasite::site::BuildOptions build;
    auto* cmd_build = app.add_subcommand(
        "build", "Build every commune site and the province site from a content tree");
    cmd_build->add_option("--content", build.content_dir, "Content directory")
        ->capture_default_str();
    cmd_build->add_option("--out", build.out_dir, "Output directory (replaced atomically)")
        ->capture_default_str();
    cmd_build->add_option("--jobs,-j", build.jobs, "Worker threads (default: all cores)");
    cmd_build->add_option("--unit", build.units,
                          "Build only these units (new unit codes); repeatable");
    bool no_index = false;
    cmd_build->add_flag("--no-index", no_index, "Do not write the search index (<out>.xapian)");
    cmd_build->add_flag("--quiet,-q", build.quiet, "No progress bar and no summary");
    // Commune staff read the errors of their own files in Vietnamese: --lang vi, or a Vietnamese
    // locale (LANG=vi_VN.UTF-8).
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"})
        if (const char* v = std::getenv(var); v && *v) {
            if (std::string(v).rfind("vi", 0) == 0) build.lang = "vi";
            break;
        }
    cmd_build
        ->add_option("--lang", build.lang,
                     "Language of the messages: en, or vi (errors in the files staff write, in "
                     "Vietnamese); default from the locale")
        ->check(CLI::IsMember({"en", "vi"}));
    cmd_build
        ->add_option("--nginx-upstream", build.nginx_upstream,
                     "Where xasite serve listens, for the generated nginx.conf (/api/, search)")
        ->capture_default_str();
    cmd_build
        ->add_option("--nginx-listen", build.nginx_listen,
                     "The file of listen/TLS lines every server of nginx.conf includes (absolute)")
        ->capture_default_str();
    cmd_build->add_option("--nginx-root", build.nginx_root,
                          "The output directory as nginx reads it (default: --out, absolute)");
    bool clean_build = false;
    cmd_build->add_flag("--clean", clean_build,
                        "Render everything into a new directory and swap it in, instead of "
                        "rewriting only what changed since the last build");

    // units lookup
    auto* cmd_units = app.add_subcommand("units", "The administrative-unit registry");
    cmd_units->require_subcommand(1);
    auto* cmd_lookup = cmd_units->add_subcommand("lookup", "Old commune or district → new unit(s)");
    std::vector<std::string> names;
    bool lookup_json = false;
    fs::path lookup_content = "content";
    cmd_lookup->add_option("NAME", names, "Names, with or without diacritics and type word")
        ->required();
    cmd_lookup->add_flag("--json", lookup_json, "JSON output (one document per name)");
    cmd_lookup->add_option("--content", lookup_content, "Content directory")->capture_default_str();

    // import dvc
    auto* cmd_import = app.add_subcommand("import", "Import records from external formats");
    cmd_import->require_subcommand(1);
    auto* cmd_dvc =
        cmd_import->add_subcommand("dvc", "Procedure records from national-portal exports");
    std::vector<fs::path> import_inputs;
    fs::path import_out = "content/procedures";
    bool import_prune = false;
    cmd_dvc->add_option("FILE", import_inputs, "Export files or directories")->required();
    cmd_dvc->add_option("--out", import_out, "Where to write <code>.json records")
        ->capture_default_str();
    cmd_dvc->add_flag("--prune", import_prune, "Remove records whose code is no longer imported");

    // check
    auto* cmd_check = app.add_subcommand(
        "check", "Report broken internal links and pages missing lang/charset/title");
    fs::path check_site = "site";
    unsigned check_jobs = 0;
    cmd_check->add_option("--site", check_site, "Built site directory")->capture_default_str();
    cmd_check->add_option("--jobs,-j", check_jobs, "Worker threads (default: all cores)");

    // directive inspect
    auto* cmd_directive = app.add_subcommand("directive", "Official documents");
    cmd_directive->require_subcommand(1);
    auto* cmd_inspect = cmd_directive->add_subcommand(
        "inspect", "Print the metadata read from documents (.txt, .md, .pdf)");
    std::vector<fs::path> inspect_files;
    bool inspect_json = false;
    cmd_inspect->add_option("FILE", inspect_files, "Document files")->required();
    cmd_inspect->add_flag("--json", inspect_json, "JSON output (one document per file)");

    // search
    auto* cmd_search = app.add_subcommand("search", "Search the index of a built site");
    xasite::cli::SearchOptions search;
    cmd_search->add_option("--site", search.site_dir, "Built site directory")
        ->capture_default_str();
    cmd_search->add_option("--index", search.index_dir, "Search index (default: <site>.xapian)");
    cmd_search->add_option("--unit", search.unit, "A commune's code or folder name");
    cmd_search->add_option("--type", search.type,
                           "procedure, directive, page or archive (comma-separated)");
    cmd_search->add_option("--field", search.field, "Procedure field (lĩnh vực)");
    cmd_search->add_option("--level", search.level,
                           "commune, province, ministry, vertical or other");
    cmd_search->add_option("--limit", search.limit, "Results per page")
        ->capture_default_str()
        ->check(CLI::Range(1, 100));
    cmd_search->add_option("--offset", search.offset, "Results to skip")->capture_default_str();
    cmd_search
        ->add_option("--context", search.context,
                     "An earlier question (repeatable, oldest first): a follow-up such as "
                     "\"nộp ở đâu\" is read with it")
        ->allow_extra_args(false);
    cmd_search->add_option("--event", search.event, "A life event (content/search/events.txt)");
    cmd_search->add_flag("--json", search.json, "JSON output (DESIGN §3)");
    cmd_search->add_option("QUERY", search.query, "What to look for")->required();

    // serve
    auto* cmd_serve = app.add_subcommand("serve", "Serve the built sites over HTTP");
    xasite::serve::ServeOptions serve = xasite::cli::serve_options();
    cmd_serve->add_option("--site", serve.site_dir, "Built site directory")->capture_default_str();
    cmd_serve->add_option("--host", serve.host, "Address to listen on")->capture_default_str();
    cmd_serve->add_option("--port", serve.port, "Port (0 = any free port)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    cmd_serve->add_flag("--quiet,-q", serve.quiet, "No request log");
    cmd_serve->add_option("--threads", serve.threads, "Worker threads (0 = max(4, cores))")
        ->capture_default_str();
    cmd_serve->add_option("--max-connections", serve.max_connections, "Open connections at most")
        ->capture_default_str()
        ->check(CLI::Range(1u, 1000000u));
    cmd_serve
        ->add_option("--timeout", serve.connection_timeout_s,
                     "Seconds before an idle or stalled connection is closed")
        ->capture_default_str()
        ->check(CLI::Range(1u, 3600u));
    cmd_serve
        ->add_option("--header-memory", serve.connection_memory,
                     "Bytes per connection for the request line and headers (431 beyond)")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{4096}, std::size_t{1} << 20));
    cmd_serve->add_option("--index", serve.index_dir,
                          "Search index: a database or a stub file naming its shards, local or "
                          "remote (default: the one the site's marker names)");
    cmd_serve
        ->add_option("--packages", serve.packages_dir,
                     "The archive packages, for Memento (TimeGate, TimeMap, headers)")
        ->capture_default_str();

    // new, preview (and serve --watch)
    xasite::cli::NewCommand new_cmd;
    xasite::cli::add_new_command(app, new_cmd);
    xasite::cli::PreviewCommand preview;
    xasite::cli::add_preview_command(app, preview, cmd_serve);

    // archive ingest | verify
    xasite::cli::ArchiveCommand archive;
    xasite::cli::add_archive_command(app, archive);
    // archive export
    xasite::cli::ExportCommand export_cmd;
    xasite::cli::add_export_command(*app.get_subcommand("archive"), export_cmd);
    // admin (the web editor) and admin user add|list|remove|passwd
    xasite::cli::AdminCommand admin_cmd;
    xasite::cli::add_admin_command(app, admin_cmd);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }

    if (cmd_build->parsed()) {
        build.search_index = !no_index;
        build.incremental = !clean_build;
        return xasite::site::run_build(build, std::cout, std::cerr);
    }
    if (cmd_lookup->parsed()) {
        const auto config = xasite::content::SiteConfig::load(lookup_content / "site.json");
        auto registry = xasite::units::Registry::load(lookup_content / config.registry);
        return xasite::units::run_units_lookup(registry, names, lookup_json, std::cout);
    }
    if (cmd_dvc->parsed())
        return xasite::procedures::run_import_dvc(import_inputs, import_out, import_prune,
                                                  std::cerr);
    if (cmd_inspect->parsed())
        return xasite::directives::run_inspect(inspect_files, inspect_json, std::cout, std::cerr);
    if (new_cmd.app->parsed()) return xasite::cli::run_new_command(new_cmd, std::cout, std::cerr);
    if (xasite::cli::preview_command_parsed(preview))
        return xasite::cli::run_preview_command(preview, serve, std::cerr);
    if (cmd_serve->parsed()) return xasite::cli::run_serve(serve, std::cerr);
    if (cmd_search->parsed()) return xasite::cli::run_search(search, std::cout, std::cerr);
    if (export_cmd.app->parsed())
        return xasite::cli::run_export_command(export_cmd, std::cout, std::cerr);
    if (xasite::cli::archive_command_parsed(archive))
        return xasite::cli::run_archive_command(archive, std::cout, std::cerr);
    if (admin_cmd.app->parsed())
        return xasite::cli::run_admin_command(admin_cmd, std::cin, std::cout, std::cerr);
    if (cmd_check->parsed()) return xasite::check::run_check(check_site, check_jobs, std::cout);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const xasite::InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
