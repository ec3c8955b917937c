// `xasite preview --content DIR [--out DIR] [--unit CODE …] [--port N] [--host ADDR] [--index]`,
// and its alias `xasite serve --watch --content DIR [--unit CODE …]`: the glue around
// authoring::PreviewServer (generator/authoring/preview_server.hpp). The preview builds into a
// temporary folder (removed on exit) unless --out names one, never into the published site/ by
// default; Ctrl+C stops it.
#pragma once

#include <filesystem>
#include <ostream>

#include <CLI/CLI.hpp>

#include "generator/authoring/preview_server.hpp"

namespace xasite::cli {

struct PreviewCommand {
    CLI::App* app = nullptr;
    CLI::Option* watch = nullptr;  // `serve --watch`
    bool watch_flag = false;
    authoring::PreviewOptions options;
    std::filesystem::path out;  // empty: a temporary folder
};

// Adds `preview`; when `serve` is given, also its --watch (with --content and --unit), which runs
// the preview on serve's --host and --port.
void add_preview_command(CLI::App& app, PreviewCommand& cmd, CLI::App* serve = nullptr);

// Whether `preview` or `serve --watch` was parsed.
bool preview_command_parsed(const PreviewCommand& cmd);

// Serves until interrupted. `serve` holds serve's --host/--port (used by `serve --watch`).
int run_preview_command(PreviewCommand& cmd, const serve::ServeOptions& serve, std::ostream& log);

}  // namespace xasite::cli
