#include "generator/cli/export_command.hpp"

#include "archive/export/archive_export.hpp"
#include "core/version.hpp"

namespace xasite::cli {

void add_export_command(CLI::App& archive, ExportCommand& cmd) {
    cmd.app = archive.add_subcommand(
        "export", "Export a package for other web archives (WACZ 1.1.1 for ReplayWeb.page, pywb)");
    cmd.app->add_option("--format", cmd.format, "Export format")
        ->capture_default_str()
        ->check(CLI::IsMember({"wacz"}));
    cmd.app->add_option("--output,-o", cmd.output, "The file to write (.wacz)")->required();
    cmd.app->add_option("PACKAGE_DIR", cmd.package, "The package (content/archives/<old-code>)")
        ->required()
        ->check(CLI::ExistingDirectory);
}

int run_export_command(const ExportCommand& cmd, std::ostream& out, std::ostream& err) {
    archive::ExportOptions options;
    options.software = "xasite " + std::string(version());
    archive::ExportReport report = archive::export_wacz(cmd.package, cmd.output, options);
    for (const auto& w : report.warnings)
        err << "warning: " << w << "\n";
    if (!report.ok) {
        err << "error: " << report.error << "\n";
        return 1;
    }
    out << "wrote " << cmd.output.string() << ": " << report.warcs.size() << " WARC file(s)"
        << (report.wrote_warc ? " (one written from the mirror captures)" : "") << ", "
        << report.index_lines << " index lines, " << report.pages << " pages\n";
    return 0;
}

}  // namespace xasite::cli
