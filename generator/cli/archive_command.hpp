// `xasite archive ingest|verify`: the command-line glue. Fills archive::UnitInfo from the units
// registry (content/units/daklak-units.json) and the reorganisation in content/site.json, so the
// archive module itself never depends on generator/, and prints the package library's reports
// (archive::IngestReport, archive::VerifyReport).
#pragma once

#include <cstdint>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace xasite::cli {

struct ArchiveCommand {
    CLI::App* ingest = nullptr;
    CLI::App* verify = nullptr;
    std::string unit, captured, base_url, demonstration;
    // --max-record-expansion, --max-package-expansion (0: the defaults of IngestOptions).
    std::uint64_t max_record_expansion = 0, max_package_expansion = 0;
    std::filesystem::path content_dir = "content";
    std::vector<std::filesystem::path> sources;
    std::filesystem::path package;
};

// Adds `archive ingest` and `archive verify` to the app; the returned object holds the options.
void add_archive_command(CLI::App& app, ArchiveCommand& cmd);

// Whether one of the archive subcommands was parsed.
bool archive_command_parsed(const ArchiveCommand& cmd);

// Runs the parsed subcommand: 0 success, 1 input error (printed on err).
int run_archive_command(const ArchiveCommand& cmd, std::ostream& out, std::ostream& err);

}  // namespace xasite::cli
