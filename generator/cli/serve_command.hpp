// `xasite serve`: the command-line glue around serve::SiteServer (serve/server.hpp): the site's
// section folders the server must know, the start-up lines, Ctrl+C.
#pragma once

#include <ostream>

#include "serve/server.hpp"

namespace xasite::cli {

// The server options with the site's section folders filled in; the command-line options are
// then read into it.
serve::ServeOptions serve_options();

// Serves until interrupted (SIGINT/SIGTERM). Returns 1 when the site is missing or the port
// cannot be bound.
int run_serve(const serve::ServeOptions& options, std::ostream& log);

}  // namespace xasite::cli
