// `xasite admin`: the web editor's command-line glue (admin/server.hpp), and its accounts:
//   xasite admin --content DIR --site DIR --users FILE [--host 127.0.0.1] [--port 8081]
//   xasite admin user add --users FILE --unit CODE|tinh --role editor|approver NAME  (password on
//                                                                                     stdin)
//   xasite admin user list|remove|passwd --users FILE [NAME]
#pragma once

#include <filesystem>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "admin/server.hpp"

namespace xasite::cli {

struct AdminCommand {
    CLI::App* app = nullptr;
    CLI::App* user_add = nullptr;
    CLI::App* user_list = nullptr;
    CLI::App* user_remove = nullptr;
    CLI::App* user_passwd = nullptr;
    admin::AdminOptions options;
    bool no_index = false;
    std::filesystem::path users_file;  // for the user subcommands
    std::filesystem::path content_dir = "content";
    std::filesystem::path site_dir = "site";
    std::string unit, role = "editor", name;
};

void add_admin_command(CLI::App& app, AdminCommand& cmd);
// Runs `admin` or one of its user subcommands: 0 success, 1 error (message on err).
int run_admin_command(AdminCommand& cmd, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace xasite::cli
