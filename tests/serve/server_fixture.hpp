// The search server of the serve tests (api_test.cpp, search_answer_test.cpp): `xasite serve` on
// port 0 of 127.0.0.1 over a small site (the province and Ea Kar, each with a search page) and the
// shared index of tests/search/search_fixture.hpp.
#pragma once

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "core/files.hpp"
#include "search/search_fixture.hpp"
#include "serve/server.hpp"
#include "test_support.hpp"

namespace xasite::testing {

inline constexpr const char* kSearchPage =
    "<!DOCTYPE html><html lang=\"vi\"><head><title>Tra cứu</title></head><body>"
    "<form class=\"search-box\" role=\"search\" action=\"./\" method=\"get\" "
    "data-search-api=\"../api/search\" data-unit=\"24373\">"
    "<input id=\"q-search\" name=\"q\" type=\"search\" autocomplete=\"off\"></form>"
    "<div id=\"search-results\" aria-live=\"polite\"><!--xasite:search-results--></div>"
    "</body></html>";

// A running server over a small site and the shared index.
class ServerFixture {
  public:
    explicit ServerFixture(std::filesystem::path index = xasite::testing::shared_index(),
                           std::chrono::milliseconds recheck = std::chrono::seconds(1)) {
        write_file_atomic(dir_ / "site/index.html", "<!DOCTYPE html><title>Đắk Lắk</title>");
        write_file_atomic(dir_ / "site/404.html", "không tìm thấy");
        write_file_atomic(dir_ / "site/xa-ea-kar/index.html",
                          "<!DOCTYPE html><title>Ea Kar</title>");
        write_file_atomic(dir_ / "site/xa-ea-kar/tra-cuu/index.html", kSearchPage);
        write_file_atomic(dir_ / "site/tra-cuu/index.html", kSearchPage);
        serve::ServeOptions o;
        o.site_dir = dir_ / "site";
        o.index_dir = std::move(index);
        o.index_recheck = recheck;
        o.port = 0;
        o.threads = 8;
        o.archive_dir = "luu-tru";
        o.search_page_dir = "tra-cuu";
        server_ = std::make_unique<serve::SiteServer>(o, log_);
        port_ = server_->bind();
        thread_ = std::thread([this] { server_->listen(); });
    }
    ~ServerFixture() {
        server_->stop();
        thread_.join();
    }
    int port() const { return port_; }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_url_encode(false);  // the paths below are written encoded, '+' for a space
        c.set_read_timeout(20);
        return c;
    }
    std::string log() const { return log_.str(); }
    // The body of a 200 answer, else "status N" ("status -" when there was none).
    std::string get(const std::string& path) const {
        auto r = client().Get(path);
        return r && r->status == 200 ? r->body : "status " + (r ? std::to_string(r->status) : "-");
    }

  private:
    xasite::testing::TempDir dir_;
    std::ostringstream log_;
    std::unique_ptr<serve::SiteServer> server_;
    int port_ = -1;
    std::thread thread_;
};

}  // namespace xasite::testing
