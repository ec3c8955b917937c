// `xasite new tin-tuc|lich-cong-tac|trang|van-ban --unit CODE [--content DIR] "Tiêu đề"`: the glue
// around authoring::create_content (generator/authoring/scaffold.hpp). Prints the new file's path
// on standard output and what to do next (in Vietnamese) on the error stream.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "generator/authoring/scaffold.hpp"

namespace xasite::cli {

struct NewCommand {
    CLI::App* app = nullptr;
    authoring::NewOptions options;
    std::vector<std::string> title_words;  // the title, possibly given unquoted
};

void add_new_command(CLI::App& app, NewCommand& cmd);

// 0 when the file was written, 1 on an input error (message on `err`).
int run_new_command(NewCommand& cmd, std::ostream& out, std::ostream& err);

}  // namespace xasite::cli
