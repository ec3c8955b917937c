#include "generator/cli/admin_command.hpp"

#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "admin/users.hpp"
#include "core/error.hpp"
#include "generator/content/site_config.hpp"
#include "generator/units/registry.hpp"

namespace xasite::cli {

namespace fs = std::filesystem;

namespace {

admin::AdminServer* g_server = nullptr;

void on_signal(int) {
    if (g_server) g_server->stop();
}

// One line of standard input: the password. On a terminal it is asked twice, without echo.
std::string read_password(std::istream& in, std::ostream& err) {
    const bool tty = &in == &std::cin && ::isatty(STDIN_FILENO);
    termios old{};
    if (tty) {
        ::tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        err << "Mật khẩu: " << std::flush;
    }
    std::string password, again;
    std::getline(in, password);
    if (tty) {
        err << "\nNhập lại mật khẩu: " << std::flush;
        std::getline(in, again);
        err << "\n";
        ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        if (again != password) throw InputError("stdin", "the two passwords differ");
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (const std::string problem = admin::password_problem(password); !problem.empty())
        throw InputError("stdin", problem);
    return password;
}

void check_unit(const std::string& unit, const fs::path& content_dir) {
    if (unit == admin::kProvinceUnit) return;
    std::error_code ec;
    if (!fs::exists(content_dir / "site.json", ec)) return;  // nothing to check against
    const auto config = content::SiteConfig::load(content_dir / "site.json");
    const auto registry = units::Registry::load(content_dir / config.registry);
    if (!registry.find_new(unit))
        throw InputError("--unit " + unit, "not the code of a new unit in " +
                                               (content_dir / config.registry).string() +
                                               " (or \"tinh\" for the province)");
}

}  // namespace

void add_admin_command(CLI::App& app, AdminCommand& cmd) {
    auto* a = app.add_subcommand(
        "admin", "The web editor for commune staff (accounts: xasite admin user add …)");
    cmd.app = a;
    auto& o = cmd.options;
    a->add_option("--content", o.content_dir,
                  "Content directory (a git repository; initialised "
                  "when it is not one)")
        ->capture_default_str();
    a->add_option("--site", o.site_dir, "Built site directory (publishing rebuilds it)")
        ->capture_default_str();
    a->add_option("--users", o.users_file, "Users file (outside content and site, mode 0600)");
    a->add_option("--host", o.host, "Address to listen on (TLS comes from the reverse proxy)")
        ->capture_default_str();
    a->add_option("--port", o.port, "Port (0 = any free port)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    a->add_option("--unit", o.build_units, "Build only these units when publishing (repeatable)");
    a->add_flag("--no-index", cmd.no_index, "Publishing writes no search index");
    a->add_option("--public-url", o.public_url, "The public site's address, for 'view' links");
    a->add_flag("--secure-cookie", o.secure_cookie, "Mark the session cookie Secure (HTTPS)");
    a->add_flag("--quiet,-q", o.quiet, "No request log");

    auto* user = a->add_subcommand("user", "Editor accounts");
    auto users_opt = [&](CLI::App* s) {
        s->add_option("--users", cmd.users_file, "Users file")->required();
    };
    cmd.user_add = user->add_subcommand("add", "Add an account; the password is read from stdin");
    users_opt(cmd.user_add);
    cmd.user_add->add_option("--unit", cmd.unit, "A new unit's code, or tinh (every unit)")
        ->required();
    cmd.user_add->add_option("--role", cmd.role, "editor (drafts) or approver (publishes)")
        ->capture_default_str()
        ->check(CLI::IsMember({"editor", "approver"}));
    cmd.user_add->add_option("--content", cmd.content_dir, "Content directory (checked)")
        ->capture_default_str();
    cmd.user_add->add_option("--site", cmd.site_dir, "Site directory (checked)")
        ->capture_default_str();
    cmd.user_add->add_option("NAME", cmd.name, "Account name: a-z 0-9 . _ -")->required();
    cmd.user_list = user->add_subcommand("list", "List the accounts");
    users_opt(cmd.user_list);
    cmd.user_remove = user->add_subcommand("remove", "Remove an account");
    users_opt(cmd.user_remove);
    cmd.user_remove->add_option("NAME", cmd.name, "Account name")->required();
    cmd.user_passwd = user->add_subcommand("passwd", "Set an account's password (from stdin)");
    users_opt(cmd.user_passwd);
    cmd.user_passwd->add_option("NAME", cmd.name, "Account name")->required();
}

int run_admin_command(AdminCommand& cmd, std::istream& in, std::ostream& out, std::ostream& err) {
    if (cmd.user_add->parsed()) {
        admin::check_users_location(cmd.users_file, cmd.content_dir, cmd.site_dir);
        check_unit(cmd.unit, cmd.content_dir);
        auto users = admin::Users::load(cmd.users_file, true);
        admin::User u{cmd.name, cmd.unit, admin::parse_role(cmd.role), ""};
        if (users.find(u.name)) throw InputError("NAME", "the account '" + u.name + "' exists");
        u.hash = admin::hash_password(read_password(in, err));
        users.add(std::move(u));
        users.save(cmd.users_file);
        out << "added " << cmd.name << " (" << cmd.role << ", unit " << cmd.unit << ") to "
            << cmd.users_file.string() << "\n";
        return 0;
    }
    if (cmd.user_list->parsed()) {
        const auto users = admin::Users::load(cmd.users_file);
        for (const auto& u : users.all())
            out << u.name << "\t" << u.unit << "\t" << admin::role_name(u.role) << "\n";
        return 0;
    }
    if (cmd.user_remove->parsed()) {
        auto users = admin::Users::load(cmd.users_file);
        if (!users.remove(cmd.name)) throw InputError("NAME", "no account '" + cmd.name + "'");
        users.save(cmd.users_file);
        out << "removed " << cmd.name << "\n";
        return 0;
    }
    if (cmd.user_passwd->parsed()) {
        auto users = admin::Users::load(cmd.users_file);
        if (!users.find(cmd.name)) throw InputError("NAME", "no account '" + cmd.name + "'");
        users.set_hash(cmd.name, admin::hash_password(read_password(in, err)));
        users.save(cmd.users_file);
        out << "password changed for " << cmd.name << "\n";
        return 0;
    }
    if (cmd.options.users_file.empty()) {
        err << "error: --users FILE is required (create accounts with `xasite admin user add`)\n";
        return 2;
    }
    cmd.options.search_index = !cmd.no_index;
    admin::AdminServer server(cmd.options, err);
    const int port = server.bind();
    if (port < 0) return 1;
    err << "xasite admin: editing " << fs::absolute(cmd.options.content_dir).string()
        << ", publishing into " << fs::absolute(cmd.options.site_dir).string() << "\n"
        << "TLS is not served here: it comes from the reverse proxy in front (HTTPS); keep "
           "--host 127.0.0.1\n"
        << "xasite admin at http://" << cmd.options.host << ":" << port << "/ (Ctrl+C to stop)\n";
    err.flush();
    g_server = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    const bool ok = server.listen();
    g_server = nullptr;
    return ok ? 0 : 1;
}

}  // namespace xasite::cli
