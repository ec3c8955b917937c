#include "generator/cli/archive_command.hpp"

#include "archive/package/archive_package.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "generator/content/site_config.hpp"
#include "generator/units/registry.hpp"

namespace xasite::cli {

namespace fs = std::filesystem;

namespace {

// The legal basis of the arrangement: `district_end` acts for a district (the district level
// ended by them); the commune arrangement resolution for a commune, and for a district when
// site.json names no such act.
std::string legal_basis(const content::SiteConfig& config, bool district) {
    std::string basis;
    for (const auto& act : config.reform_acts) {
        if (!district || act.role != "district_end") continue;
        if (!basis.empty()) basis += "; ";
        basis += act.number + " ngày " + act.date;
    }
    if (basis.empty()) {
        basis = config.resolution;
        if (!config.resolution_date.empty()) basis += " ngày " + config.resolution_date;
        if (!config.resolution_title.empty()) basis += " " + config.resolution_title;
    }
    return basis;
}

// The unit that ceased to exist on the reorganisation, as the registry knows it: an old district
// or an old commune (ward, township), with its successors and the legal basis (content/site.json
// "reorganisation").
archive::UnitInfo unit_info(const fs::path& content_dir, const std::string& code) {
    // The same site.json and registry the build reads: the dissolution date and its legal basis
    // are the reorganisation's (no date is assumed when site.json lacks one: it is an error).
    const auto config = content::SiteConfig::load(content_dir / "site.json");
    const fs::path registry_file = content_dir / config.registry;
    auto registry = units::Registry::load(registry_file);
    archive::UnitInfo u;
    u.dissolved = config.effective_date;
    if (const units::OldCommune* c = registry.find_old_commune(code)) {
        const units::OldDistrict* d = registry.find_old_district(c->district_code);
        u.code = c->code;
        u.name = c->full_name;
        u.type = c->type;
        u.level = "commune";
        u.district = d ? d->full_name : "";
        u.district_code = c->district_code;
        u.province = d ? d->province_name : "";
        u.legal_basis = legal_basis(config, false);
        for (const auto& succ : registry.successors_of_commune(code))
            if (succ.unit)
                u.successors.push_back({succ.unit->code, succ.unit->full_name, succ.partial});
        return u;
    }
    const units::OldDistrict* d = registry.find_old_district(code);
    if (!d)
        throw InputError("--unit " + code,
                         "no old district or old commune with this code in " +
                             registry_file.string() +
                             " (archive packages are made for the units that ceased to exist)");
    u.code = d->code;
    u.name = d->full_name;
    u.type = d->type;
    u.level = "district";
    u.district = d->full_name;
    u.district_code = d->code;
    u.province = d->province_name;
    u.legal_basis = legal_basis(config, true);
    for (const auto& succ : registry.successors_of_district(code)) {
        if (!succ.unit) continue;
        u.successors.push_back({succ.unit->code, succ.unit->full_name, succ.partial});
    }
    return u;
}

// Prints an ingest report as `xasite archive ingest` always has: a line per source read and the
// package's summary on `out`, the warnings (on success) and the error on `err`.
int print_ingest_report(const archive::IngestReport& r, std::ostream& out, std::ostream& err) {
    for (const auto& s : r.sources) {
        std::string counts;
        for (const auto& [type, n] : s.types)
            counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + type;
        out << "read " << s.path << " (" << s.format << "): " << s.entries
            << (s.format.find("arc") != std::string::npos ? " records" : " members") << " ("
            << counts << "), " << s.captures << " captures kept, " << s.warnings << " warnings\n";
    }
    if (!r.ok) {
        err << "error: " << r.error << "\n";
        err << "the package was not changed\n";
        return 1;
    }
    for (const auto& w : r.warnings)
        err << "warning: " << w << "\n";
    if (r.nothing_new) {
        out << "nothing new for " << r.package.string() << "\n";
        return 0;
    }
    out << "package " << r.package.string() << ": " << r.package_sources << " sources, "
        << r.captures << " captures; " << r.pages << " pages, " << r.files << " files, "
        << r.redirects << " redirects; captured " << r.captured << "; " << r.payload_files
        << " payload files, " << r.payload_bytes << " bytes; " << r.warnings.size()
        << " warnings\n";
    return 0;
}

// Prints a fixity report as `xasite archive verify` always has: the summary of a valid package on
// `out`, everything else on `err`. 0 when the package is valid, else 1.
int print_verify_report(const fs::path& dir, const archive::VerifyReport& r, std::ostream& out,
                        std::ostream& err) {
    using Status = archive::VerifyReport::Status;
    switch (r.status) {
        case Status::valid:
            out << dir.string() << ": valid (" << r.payload_files << " payload files, "
                << r.payload_bytes << " bytes, " << r.tag_files << " tag files; checksums: ";
            for (std::size_t i = 0; i < r.algorithms.size(); ++i)
                out << (i ? ", " : "") << r.algorithms[i];
            out << "; " << r.captures << " captures)\n";
            return 0;
        case Status::not_a_package:
            err << "error: " << dir.string() << ": not a package directory\n";
            return 1;
        case Status::unreadable:
            err << "error: " << dir.string() << ": " << r.error << "\n";
            return 1;
        case Status::bad_metadata:
            err << dir.string() << ": the bag is valid but its metadata is not: " << r.error
                << "\n";
            return 1;
        case Status::invalid:
            break;
    }
    for (const auto& p : r.problems)
        err << dir.string() << ": " << p << "\n";
    err << dir.string() << ": NOT valid (" << r.problems.size() << " problem"
        << (r.problems.size() == 1 ? "" : "s") << ")\n";
    return 1;
}

}  // namespace

void add_archive_command(CLI::App& app, ArchiveCommand& cmd) {
    auto* archive =
        app.add_subcommand("archive", "Preservation packages of the dissolved districts' websites");
    archive->require_subcommand(1);
    cmd.ingest = archive->add_subcommand(
        "ingest", "Add backups (WARC, ARC, tar, zip, 7z mirrors) to content/archives/<OLD_CODE>/");
    cmd.ingest
        ->add_option("--unit", cmd.unit,
                     "Code of the old district (e.g. 651) or old commune (e.g. 24373) that ceased "
                     "to exist")
        ->required();
    cmd.ingest->add_option("--captured", cmd.captured,
                           "Capture date YYYY-MM-DD (default: from the records)");
    cmd.ingest->add_option("--content", cmd.content_dir, "Content directory")
        ->capture_default_str();
    cmd.ingest->add_option("--base-url", cmd.base_url,
                           "Site address for mirrors without host folders (wget -nH)");
    cmd.ingest->add_option("--demonstration", cmd.demonstration,
                           "Mark the package as a demonstration, not a capture of the unit's "
                           "real site (bag-info.txt Xasite-Demonstration: TEXT, shown as such)");
    cmd.ingest
        ->add_option("--max-record-expansion", cmd.max_record_expansion,
                     "Most one capture may expand to when over 200 times its size in the file "
                     "(default 64MiB; e.g. 16MiB, 1GiB)")
        ->transform(CLI::AsSizeValue(false));
    cmd.ingest
        ->add_option("--max-package-expansion", cmd.max_package_expansion,
                     "Most one ingest may extract when over 20 times the sources' size "
                     "(default 256MiB)")
        ->transform(CLI::AsSizeValue(false));
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
    if (cmd.verify && cmd.verify->parsed())
        return print_verify_report(cmd.package, archive::verify_package(cmd.package), out, err);
    archive::IngestOptions o;
    o.unit_code = cmd.unit;
    o.captured = cmd.captured;
    o.content_dir = cmd.content_dir;
    o.sources = cmd.sources;
    o.base_url = cmd.base_url;
    o.demonstration = cmd.demonstration;
    if (cmd.max_record_expansion) o.bomb_floor_bytes = cmd.max_record_expansion;
    if (cmd.max_package_expansion) o.package_floor_bytes = cmd.max_package_expansion;
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
    return print_ingest_report(archive::ingest_package(o), out, err);
}

}  // namespace xasite::cli
