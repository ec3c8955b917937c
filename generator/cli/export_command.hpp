// `xasite archive export --format wacz --output FILE PACKAGE_DIR`: the command-line glue of the
// package export (archive/export/archive_export.hpp); prints its report.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

namespace xasite::cli {

struct ExportCommand {
    CLI::App* app = nullptr;
    std::string format = "wacz";
    std::filesystem::path output, package;
};

// Adds `export` under the `archive` subcommand (which must exist).
void add_export_command(CLI::App& archive, ExportCommand& cmd);

// Runs it: 0 written, 1 error (printed on err).
int run_export_command(const ExportCommand& cmd, std::ostream& out, std::ostream& err);

}  // namespace xasite::cli
