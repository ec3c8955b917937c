#include "generator/cli/archive_command.hpp"

#include "archive/archive.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "generator/units/registry.hpp"

namespace xasite::cli {

namespace fs = std::filesystem;

namespace {

// The dissolved district as the registry knows it, with the successors and the legal basis
// (content/site.json "reorganisation").
archive::UnitInfo unit_info(const fs::path& content_dir, const std::string& code) {
    auto registry = units::Registry::load(content_dir / "units" / "daklak-units.json");
    const units::OldDistrict* d = registry.find_old_district(code);
    if (!d)
        throw InputError("--unit " + code,
                         "no old district with this code in " +
                             (content_dir / "units" / "daklak-units.json").string() +
                             " (archive packages are made for the dissolved districts)");
    archive::UnitInfo u;
    u.code = d->code;
    u.name = d->full_name;
    u.type = d->type;
    u.province = d->province_name;
    u.dissolved = "2025-07-01";
    fs::path site_json = content_dir / "site.json";
    if (fs::exists(site_json)) {
        auto site = read_json_file(site_json);
        if (auto it = site.find("reorganisation"); it != site.end() && it->is_object()) {
            auto s = [&](const char* k) {
                auto f = it->find(k);
                return f != it->end() && f->is_string() ? f->get<std::string>() : std::string();
            };
            if (!s("effective").empty()) u.dissolved = s("effective");
            u.legal_basis = s("resolution");
            if (!s("date").empty()) u.legal_basis += " ngày " + s("date");
            if (!s("title").empty()) u.legal_basis += " " + s("title");
        }
    }
    for (const auto& succ : registry.successors_of_district(code)) {
        if (!succ.unit) continue;
        u.successors.push_back({succ.unit->code, succ.unit->full_name, succ.partial});
    }
    return u;
}

}  // namespace

void add_archive_command(CLI::App& app, ArchiveCommand& cmd) {
    auto* archive =
        app.add_subcommand("archive", "Preservation packages of the dissolved districts' websites");
    archive->require_subcommand(1);
    cmd.ingest = archive->add_subcommand(
        "ingest", "Add backups (WARC, tar, zip, 7z mirrors) to content/archives/<OLD_CODE>/");
    cmd.ingest->add_option("--unit", cmd.unit, "Old district code (e.g. 651)")->required();
    cmd.ingest->add_option("--captured", cmd.captured,
                           "Capture date YYYY-MM-DD (default: from the records)");
    cmd.ingest->add_option("--content", cmd.content_dir, "Content directory")
        ->capture_default_str();
    cmd.ingest->add_option("--base-url", cmd.base_url,
                           "Site address for mirrors without host folders (wget -nH)");
    cmd.ingest->add_option("SOURCE", cmd.sources, "Backup files")->required();
    cmd.verify = archive->add_subcommand(
        "verify",
        "Recompute every checksum of a package; name each damaged, missing or "
        "unexpected file");
    cmd.verify->add_option("PACKAGE", cmd.package, "Package directory")->required();
}

bool archive_command_parsed(const ArchiveCommand& cmd) {
    return (cmd.ingest && cmd.ingest->parsed()) || (cmd.verify && cmd.verify->parsed());
}

int run_archive_command(const ArchiveCommand& cmd, std::ostream& out, std::ostream& err) {
    if (cmd.verify && cmd.verify->parsed()) return archive::run_verify(cmd.package, out, err);
    archive::IngestOptions o;
    o.unit_code = cmd.unit;
    o.captured = cmd.captured;
    o.content_dir = cmd.content_dir;
    o.sources = cmd.sources;
    o.base_url = cmd.base_url;
    try {
        o.unit = unit_info(cmd.content_dir, cmd.unit);
    } catch (const std::exception& e) {
        // An existing package keeps its unit metadata; without one the ingest reports the error.
        if (!fs::exists(cmd.content_dir / "archives" / cmd.unit / "data" / "metadata" /
                        "unit.json")) {
            err << "error: " << e.what() << "\n";
            return 1;
        }
        err << "warning: " << e.what() << "; keeping the package's unit metadata\n";
    }
    return archive::run_ingest(o, out, err);
}

}  // namespace xasite::cli
