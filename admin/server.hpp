// `xasite admin`: the web editor for commune staff, a process apart from the public `xasite serve`
// (which stays read-only). cpp-httplib, bound to 127.0.0.1 by default: TLS comes from the reverse
// proxy in front of it.
//
// Server-rendered Vietnamese HTML forms that work without JavaScript (log in, list a unit's items,
// create, edit, preview, publish, delete news, schedules and pages, contacts, uploads, a page's
// history and restoring a version), and a JSON API under /api/ that the tests use:
//   POST   /api/login {username, password}      → 200 {"csrf", "user", "unit", "role"} + cookie
//   POST   /api/logout                          → 200
//   GET    /api/units/<code>/pages              → 200 {"pages": [{slug, section, title, date,
//   draft}]} POST   /api/units/<code>/pages {section, title, body, date?, description?} → 201
//   {"slug"} GET    /api/units/<code>/pages/<slug>       → 200 {slug, section, title, date,
//   description,
//                                                  body, draft}
//   PUT    /api/units/<code>/pages/<slug> {…}   → 200 (an editor's change stays a draft)
//   DELETE /api/units/<code>/pages/<slug>       → 200
//   POST   /api/units/<code>/pages/<slug>/publish → 200 {"slug", "url"}; 422 {"error"} when the
//                                                  build fails (nothing is published then)
//   GET    /api/units/<code>/pages/<slug>/history → 200 {"history": [{id, author, time, message}]}
//   POST   /api/units/<code>/uploads (multipart: file, kind = image | directive, title?) → 201
// 401 without a session; 403 without the X-CSRF-Token header (any method but GET) or for a unit the
// account may not edit, or an editor publishing; 429 after repeated failed logins (per user name
// and address, with a doubling wait); 400 for a bad path component or input; 413 too large;
// 415 an upload whose content is not an accepted type.
//
// Every change is a git commit in the content repository with the account as author (libgit2);
// publishing runs xasite::site::build_site (one at a time) and, when it fails, puts the content
// back as it was, so content and site stay consistent.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace xasite::admin {

struct AdminOptions {
    std::filesystem::path content_dir = "content";
    std::filesystem::path site_dir = "site";
    std::filesystem::path users_file;
    std::string host = "127.0.0.1";
    int port = 8081;  // 0 = any free port
    // What a publication builds (site::BuildOptions): units (empty = every unit), the search
    // index, worker threads, removing the replaced site in the background.
    std::vector<std::string> build_units;
    bool search_index = true;
    unsigned jobs = 0;
    bool background_cleanup = true;
    // The public site's address ("https://daklak.gov.vn/"), for "xem trên trang" links; empty =
    // the links are paths only.
    std::string public_url;
    bool secure_cookie = false;  // add Secure to the session cookie (when served over TLS)
    bool quiet = false;          // no request log
    std::size_t max_upload_bytes = 20u << 20;
    int login_attempts = 5;  // failed logins per user name and address before 429
};

class AdminServer {
  public:
    // Loads the accounts (refused inside the content or the site, or readable by others) and
    // opens the content repository, initialising one when the content is not a repository (and
    // saying so on the log). Throws InputError / std::runtime_error.
    AdminServer(AdminOptions options, std::ostream& log);
    ~AdminServer();
    AdminServer(const AdminServer&) = delete;
    AdminServer& operator=(const AdminServer&) = delete;
    // Returns the bound port, or -1 (message on the log).
    int bind();
    bool listen();  // blocks
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace xasite::admin
