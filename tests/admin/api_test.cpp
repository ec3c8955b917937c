// `xasite admin` over real HTTP on 127.0.0.1, on a tiny content tree made here (site.json, the
// minimal registry: 24169 Phường Ea Kao, 24352 Xã Ea Káo, 24121 Xã Ea Kao; three procedure records;
// one unit built per publication): login, sessions, CSRF, another commune's unit, traversal,
// uploads by content, rate limiting, and create → publish → the page in the built site, with git
// commits by the account; a failed build puts the content back.
#include <gtest/gtest.h>

#include <git2.h>
#include <httplib.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "admin/server.hpp"
#include "admin/users.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "test_support.hpp"
#include "tiny_content.hpp"

using namespace xasite;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

const std::string kPassword = "mat-khau-thu-nghiem";

class AdminApi : public ::testing::Test {
  protected:
    void SetUp() override {
        content_ = dir_.path() / "content";
        xasite::testing::make_tiny_content(content_, {"1.001193", "1.000080", "1.000094"});
        write(content_ / "units/24169/gioi-thieu-chung.md",
              "---\ntitle: Lịch sử phường\nsection: gioi-thieu\n---\nPhường được thành lập…\n");

        admin::Users users;
        const std::string hash = admin::hash_password(kPassword);
        users.add({"bientap", "24169", admin::Role::editor, hash});
        users.add({"duyet", "24169", admin::Role::approver, hash});
        users.add({"xakhac", "24352", admin::Role::approver, hash});
        users.add({"tinh", "tinh", admin::Role::approver, hash});
        users_file_ = dir_.path() / "private" / "users.json";
        users.save(users_file_);

        admin::AdminOptions o;
        o.content_dir = content_;
        o.site_dir = dir_.path() / "site";
        o.users_file = users_file_;
        o.port = 0;
        o.build_units = {"24169"};
        o.search_index = false;
        o.background_cleanup = false;
        o.quiet = true;
        o.max_upload_bytes = 256 * 1024;
        server_ = std::make_unique<admin::AdminServer>(o, log_);
        port_ = server_->bind();
        ASSERT_GT(port_, 0);
        thread_ = std::thread([this] { server_->listen(); });
    }
    void TearDown() override {
        if (server_) server_->stop();
        if (thread_.joinable()) thread_.join();
    }

    httplib::Client client() {
        httplib::Client c("127.0.0.1", port_);
        c.set_url_encode(false);
        c.set_read_timeout(120);
        return c;
    }

    struct Login {
        std::string cookie, csrf;
        int status = 0;
        std::string set_cookie;
    };
    Login login(const std::string& user, const std::string& password = kPassword,
                const std::string& cookie = "") {
        auto c = client();
        httplib::Headers h;
        if (!cookie.empty()) h.emplace("Cookie", cookie);
        auto r = c.Post("/api/login", h, json{{"username", user}, {"password", password}}.dump(),
                        "application/json");
        Login l;
        if (!r) return l;
        l.status = r->status;
        l.set_cookie = r->get_header_value("Set-Cookie");
        l.cookie = l.set_cookie.substr(0, l.set_cookie.find(';'));
        if (r->status == 200) l.csrf = json::parse(r->body)["csrf"];
        return l;
    }
    httplib::Headers auth(const Login& l, bool csrf = true) {
        httplib::Headers h{{"Cookie", l.cookie}};
        if (csrf) h.emplace("X-CSRF-Token", l.csrf);
        return h;
    }
    httplib::Result create(const Login& l, const std::string& title,
                           const std::string& unit = "24169", bool csrf = true) {
        return client().Post("/api/units/" + unit + "/pages", auth(l, csrf),
                             json{{"section", "tin-tuc"},
                                  {"title", title},
                                  {"date", "2025-08-02"},
                                  {"body", "Nội dung **tin**.\n"}}
                                 .dump(),
                             "application/json");
    }
    // The authors of the content repository's commits, newest first.
    std::vector<std::string> commit_authors() {
        std::vector<std::string> out;
        git_libgit2_init();
        git_repository* repo = nullptr;
        if (git_repository_open(&repo, content_.c_str()) == 0) {
            git_revwalk* walk = nullptr;
            git_revwalk_new(&walk, repo);
            git_revwalk_push_head(walk);
            git_oid id;
            while (git_revwalk_next(&id, walk) == 0) {
                git_commit* c = nullptr;
                git_commit_lookup(&c, repo, &id);
                out.push_back(git_commit_author(c)->name);
                git_commit_free(c);
            }
            git_revwalk_free(walk);
            git_repository_free(repo);
        }
        git_libgit2_shutdown();
        return out;
    }

    xasite::testing::TempDir dir_;
    fs::path content_, users_file_;
    std::ostringstream log_;
    std::unique_ptr<admin::AdminServer> server_;
    std::thread thread_;
    int port_ = -1;
};

}  // namespace

TEST_F(AdminApi, TheContentBecomesARepository) {
    EXPECT_TRUE(fs::exists(content_ / ".git"));
    EXPECT_TRUE(has(log_.str(), "initialised")) << log_.str();
    EXPECT_EQ(commit_authors(), std::vector<std::string>{"xasite-admin"});
}

TEST(AdminServerStart, RefusesAUsersFileInsideTheContentBeforeTouchingIt) {
    xasite::testing::TempDir dir;
    const fs::path content = dir.path() / "content";
    fs::create_directories(content / "units");
    fs::copy_file(xasite::testing::content_dir() / "site.json", content / "site.json");
    fs::copy_file(xasite::testing::fixtures_dir() / "units" / "minimal.json",
                  content / "units" / "daklak-units.json");
    admin::Users users;
    users.add({"bientap", "24169", admin::Role::editor, admin::hash_password(kPassword)});
    users.save(content / "users.json");
    admin::AdminOptions o;
    o.content_dir = content;
    o.site_dir = dir.path() / "site";
    o.users_file = content / "users.json";
    std::ostringstream log;
    EXPECT_THROW(admin::AdminServer(o, log), InputError);
    EXPECT_FALSE(fs::exists(content / ".git")) << "no repository was made, nothing committed";
}

TEST_F(AdminApi, LoginRequiredEverywhere) {
    auto c = client();
    EXPECT_EQ(c.Get("/api/units/24169/pages")->status, 401);
    EXPECT_EQ(c.Post("/api/units/24169/pages", "{}", "application/json")->status, 401);
    EXPECT_EQ(c.Post("/api/units/24169/pages/x/publish", "", "application/json")->status, 401);
    // A forged cookie is no session.
    EXPECT_EQ(c.Get("/api/units/24169/pages", {{"Cookie", "xasite_admin=0123abcd"}})->status, 401);
    // The HTML pages send the browser to the login form; a form posted without a session is 401.
    auto page = c.Get("/don-vi/24169/");
    EXPECT_EQ(page->status, 303);
    EXPECT_EQ(page->get_header_value("Location"), "/dang-nhap");
    EXPECT_EQ(c.Post("/don-vi/24169/moi", "title=x", "application/x-www-form-urlencoded")->status,
              401);
    auto form = c.Get("/dang-nhap");
    EXPECT_EQ(form->status, 200);
    EXPECT_TRUE(has(form->body, "lang=\"vi\""));
    EXPECT_TRUE(has(form->body, "Đăng nhập"));
    EXPECT_TRUE(has(form->get_header_value("Content-Security-Policy"), "default-src 'none'"));
}

TEST_F(AdminApi, LoginGivesAStrictHttpOnlyCookieAndANewSessionEachTime) {
    EXPECT_EQ(login("bientap", "sai-mat-khau-roi").status, 401);
    EXPECT_EQ(login("khong-co-ai").status, 401);
    const Login a = login("bientap");
    ASSERT_EQ(a.status, 200);
    EXPECT_TRUE(has(a.set_cookie, "HttpOnly")) << a.set_cookie;
    EXPECT_TRUE(has(a.set_cookie, "SameSite=Strict")) << a.set_cookie;
    EXPECT_EQ(a.csrf.size(), 64u);
    EXPECT_EQ(client().Get("/api/units/24169/pages", auth(a))->status, 200);
    // Session fixation: logging in with an id already in the browser gives a new one and ends
    // the old one.
    const Login b = login("bientap", kPassword, a.cookie);
    ASSERT_EQ(b.status, 200);
    EXPECT_NE(b.cookie, a.cookie);
    EXPECT_NE(b.csrf, a.csrf);
    EXPECT_EQ(client().Get("/api/units/24169/pages", auth(a))->status, 401);
    EXPECT_EQ(client().Get("/api/units/24169/pages", auth(b))->status, 200);
    // Log-out ends the session.
    EXPECT_EQ(client().Post("/api/logout", auth(b), "", "application/json")->status, 200);
    EXPECT_EQ(client().Get("/api/units/24169/pages", auth(b))->status, 401);
}

TEST_F(AdminApi, RepeatedFailedLoginsAre429) {
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(login("bientap", "sai-mat-khau-" + std::to_string(i)).status, 401);
    auto c = client();
    auto r = c.Post("/api/login", json{{"username", "bientap"}, {"password", kPassword}}.dump(),
                    "application/json");
    EXPECT_EQ(r->status, 429) << "even the right password waits";
    EXPECT_GE(std::stoi(r->get_header_value("Retry-After")), 1);
    EXPECT_EQ(login("duyet").status, 200) << "another account from the same address is not blocked";
    // The HTML form is limited the same way.
    auto form = c.Post("/dang-nhap", "username=bientap&password=" + kPassword,
                       "application/x-www-form-urlencoded");
    EXPECT_EQ(form->status, 429);
    EXPECT_TRUE(has(form->body, "thử lại sau"));
}

TEST_F(AdminApi, CsrfTokenRequiredForEveryChange) {
    const Login a = login("bientap");
    EXPECT_EQ(create(a, "Không có mã", "24169", false)->status, 403);
    auto wrong = auth(a, false);
    wrong.emplace("X-CSRF-Token", std::string(64, '0'));
    EXPECT_EQ(client().Post("/api/units/24169/pages", wrong, "{}", "application/json")->status,
              403);
    // The forms carry it as a hidden field.
    auto form = client().Post("/don-vi/24169/moi", {{"Cookie", a.cookie}},
                              "section=tin-tuc&title=x&date=2025-08-02&body=x&action=luu",
                              "application/x-www-form-urlencoded");
    EXPECT_EQ(form->status, 403);
    auto ok = client().Post("/don-vi/24169/moi", {{"Cookie", a.cookie}},
                            "csrf=" + a.csrf +
                                "&section=tin-tuc&title=Tin+qua+bi%E1%BB%83u+m%E1%BA%ABu&date=2025-"
                                "08-02&body=x&action=luu",
                            "application/x-www-form-urlencoded");
    EXPECT_EQ(ok->status, 303);
    EXPECT_TRUE(has(ok->get_header_value("Location"), "/don-vi/24169/bai/tin-qua-bieu-mau/"));
    EXPECT_TRUE(fs::exists(content_ / "units/24169/tin-qua-bieu-mau.md"));
}

TEST_F(AdminApi, AnotherCommunesUnitIsRefused) {
    const Login other = login("xakhac");
    ASSERT_EQ(other.status, 200);
    EXPECT_EQ(client().Get("/api/units/24169/pages", auth(other))->status, 403);
    EXPECT_EQ(create(other, "Tin của xã khác")->status, 403);
    EXPECT_EQ(client().Get("/api/units/24169/pages/gioi-thieu-chung", auth(other))->status, 403);
    EXPECT_EQ(client()
                  .Post("/api/units/24169/pages/gioi-thieu-chung/publish", auth(other), "",
                        "application/json")
                  ->status,
              403);
    EXPECT_EQ(client().Get("/don-vi/24169/bai/gioi-thieu-chung/", auth(other, false))->status, 403);
    EXPECT_EQ(create(other, "Tin của chính xã", "24352")->status, 201);
    // Only section, title and body: a news item without a date is dated today.
    auto minimal = client().Post(
        "/api/units/24352/pages", auth(other),
        json{{"section", "tin-tuc"}, {"title", "Tin tối thiểu"}, {"body", "x"}}.dump(),
        "application/json");
    EXPECT_EQ(minimal->status, 201) << minimal->body;
    // The province's account may edit every unit; an unknown code is 404.
    const Login tinh = login("tinh");
    EXPECT_EQ(client().Get("/api/units/24169/pages", auth(tinh))->status, 200);
    EXPECT_EQ(client().Get("/api/units/24352/pages", auth(tinh))->status, 200);
    EXPECT_EQ(client().Get("/api/units/99999/pages", auth(tinh))->status, 404);
}

TEST_F(AdminApi, PathComponentsAreValidated) {
    const Login a = login("duyet");
    auto c = client();
    for (const char* path : {"/api/units/24169/pages/..%2F..%2Fsite.json/publish",
                             "/api/units/24169/pages/../../site.json/publish",
                             "/api/units/..%2F24169/pages", "/api/units/24169/pages/Hop%20dan",
                             "/api/units/24169/pages/a%5C..%5Cb", "/api/units/24169%00/pages"}) {
        auto r = c.Post(path, auth(a), "", "application/json");
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->status, 400) << path;
    }
    EXPECT_EQ(c.Get("/don-vi/24169/bai/..%2F..%2Fsite/", auth(a, false))->status, 400);
    EXPECT_EQ(c.Get("/api/units/24169/pages/khong-co", auth(a))->status, 404);
    EXPECT_TRUE(fs::exists(content_ / "site.json"));
}

TEST_F(AdminApi, UploadsAreCheckedByContentAndSize) {
    const Login editor = login("bientap");
    auto upload = [&](const Login& l, const std::string& kind, const std::string& name,
                      const std::string& bytes) {
        httplib::MultipartFormDataItems items = {{"kind", kind, "", ""},
                                                 {"file", bytes, name, "application/octet-stream"}};
        return client().Post("/api/units/24169/uploads", auth(l), items);
    };
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0", 26);
    auto r = upload(editor, "image", "../../anh bìa.pdf", png);
    ASSERT_EQ(r->status, 201) << r->body;
    const json j = json::parse(r->body);
    EXPECT_EQ(j["name"], "anh-bia");
    EXPECT_TRUE(fs::exists(content_ / "units/24169/media/anh-bia.png"))
        << "the extension comes from the bytes";
    EXPECT_EQ(upload(editor, "image", "anh.png", "<svg onload=alert(1)>")->status, 415);
    EXPECT_EQ(upload(editor, "image", "anh.png", "%PDF-1.4 not an image")->status, 415);
    EXPECT_EQ(upload(editor, "image", "anh.png", std::string(300 * 1024, 'a'))->status, 413);
    // A directive is published at once: approvers only.
    EXPECT_EQ(upload(editor, "directive", "qd.txt", "QUYẾT ĐỊNH\n")->status, 403);
    const Login approver = login("duyet");
    EXPECT_EQ(upload(approver, "directive", "qd.pdf", std::string("MZ\x90\0", 4))->status, 415);
}

TEST_F(AdminApi, CreatePublishAndThePageIsOnTheBuiltSite) {
    const Login editor = login("bientap");
    auto r = create(editor, "Họp dân khu phố 3 về đường điện");
    ASSERT_EQ(r->status, 201) << r->body;
    const std::string slug = json::parse(r->body)["slug"];
    EXPECT_EQ(slug, "hop-dan-khu-pho-3-ve-duong-dien");
    const fs::path file = content_ / "units/24169" / (slug + ".md");
    EXPECT_TRUE(has(read_file(file), "draft: true"));
    // Editors save drafts; they do not publish.
    EXPECT_EQ(client()
                  .Post("/api/units/24169/pages/" + slug + "/publish", auth(editor), "",
                        "application/json")
                  ->status,
              403);
    // A draft's page shows in the list, as a draft.
    auto list = json::parse(client().Get("/api/units/24169/pages", auth(editor))->body);
    bool listed = false;
    for (const auto& p : list["pages"])
        listed |= p["slug"] == slug && p["draft"] == true;
    EXPECT_TRUE(listed) << list.dump();

    const Login approver = login("duyet");
    auto pub = client().Post("/api/units/24169/pages/" + slug + "/publish", auth(approver), "",
                             "application/json");
    ASSERT_EQ(pub->status, 200) << pub->body;
    EXPECT_EQ(json::parse(pub->body)["url"], "/phuong-ea-kao/tin-tuc/" + slug + "/");
    EXPECT_FALSE(has(read_file(file), "draft:"));
    const fs::path page = dir_.path() / "site/phuong-ea-kao/tin-tuc" / slug / "index.html";
    ASSERT_TRUE(fs::exists(page));
    EXPECT_TRUE(has(read_file(page), "Họp dân khu phố 3 về đường điện"));
    EXPECT_TRUE(has(read_file(page), "<strong>tin</strong>"));
    // Each change is a commit by its account; the page's history has both.
    const auto authors = commit_authors();
    ASSERT_GE(authors.size(), 3u);
    EXPECT_EQ(authors[0], "duyet");
    EXPECT_EQ(authors[1], "bientap");
    auto hist = json::parse(
        client().Get("/api/units/24169/pages/" + slug + "/history", auth(editor))->body);
    ASSERT_EQ(hist["history"].size(), 2u) << hist.dump();
    EXPECT_EQ(hist["history"][0]["author"], "duyet");

    // The editor may no longer change the published page; the approver may, and the site follows.
    auto put = [&](const Login& l, const std::string& title) {
        return client().Put("/api/units/24169/pages/" + slug, auth(l),
                            json{{"section", "tin-tuc"},
                                 {"title", title},
                                 {"date", "2025-08-02"},
                                 {"body", "Sửa.\n"}}
                                .dump(),
                            "application/json");
    };
    EXPECT_EQ(put(editor, "Sửa trái phép")->status, 403);
    ASSERT_EQ(put(approver, "Họp dân khu phố 3 (đã sửa)")->status, 200);
    EXPECT_TRUE(has(read_file(page), "Họp dân khu phố 3 (đã sửa)"));
    // Deleting takes it off the site.
    ASSERT_EQ(client().Delete("/api/units/24169/pages/" + slug, auth(approver))->status, 200);
    EXPECT_FALSE(fs::exists(file));
    EXPECT_FALSE(fs::exists(page));
}

TEST_F(AdminApi, AFailedBuildPublishesNothing) {
    const Login editor = login("bientap");
    auto r = create(editor, "Tin sẽ không đăng được");
    ASSERT_EQ(r->status, 201);
    const std::string slug = json::parse(r->body)["slug"];
    // Someone broke another file of the unit by hand: the build stops on it.
    write(content_ / "units/24169/hong.md", "---\ntitle: Hỏng\ndraft: maybe\n---\n");
    const Login approver = login("duyet");
    auto pub = client().Post("/api/units/24169/pages/" + slug + "/publish", auth(approver), "",
                             "application/json");
    ASSERT_EQ(pub->status, 422) << pub->body;
    const std::string error = json::parse(pub->body)["error"];
    EXPECT_TRUE(has(error, "hong.md")) << error;
    EXPECT_TRUE(has(error, "Không đăng được")) << error;
    EXPECT_TRUE(has(read_file(content_ / "units/24169" / (slug + ".md")), "draft: true"))
        << "the content is put back";
    EXPECT_FALSE(fs::exists(dir_.path() / "site/phuong-ea-kao/tin-tuc" / slug));
    EXPECT_EQ(commit_authors().front(), "bientap") << "no commit for a failed publication";
}

TEST_F(AdminApi, HtmlJourneyWithoutJavaScript) {
    const Login a = login("duyet");
    httplib::Headers h{{"Cookie", a.cookie}};
    auto c = client();
    auto unit = c.Get("/don-vi/24169/", h);
    ASSERT_EQ(unit->status, 200);
    EXPECT_TRUE(has(unit->body, "Phường Ea Kao"));
    EXPECT_TRUE(has(unit->body, "Lịch sử phường"));
    // Preview renders the Markdown safely and saves nothing.
    auto preview = c.Post(
        "/don-vi/24169/moi", h,
        "csrf=" + a.csrf +
            "&section=lich-cong-tac&title=L%E1%BB%8Bch+tu%E1%BA%A7n+32&date=2025-08-04"
            "&body=%3Cscript%3Ealert(1)%3C%2Fscript%3E%0A%0A**Th%E1%BB%A9+Hai**&action=xem-truoc",
        "application/x-www-form-urlencoded");
    ASSERT_EQ(preview->status, 200);
    EXPECT_TRUE(has(preview->body, "<strong>Thứ Hai</strong>"));
    EXPECT_FALSE(has(preview->body, "<script>alert"));
    EXPECT_FALSE(fs::exists(content_ / "units/24169/lich-tuan-32.md"));
    auto saved =
        c.Post("/don-vi/24169/moi", h,
               "csrf=" + a.csrf +
                   "&section=lich-cong-tac&title=L%E1%BB%8Bch+tu%E1%BA%A7n+32&date=2025-08-04"
                   "&body=Giao+ban&action=xuat-ban",
               "application/x-www-form-urlencoded");
    ASSERT_EQ(saved->status, 303) << saved->body;
    EXPECT_EQ(saved->get_header_value("Location"),
              "/don-vi/24169/bai/lich-tuan-32/?tb=da-xuat-ban");
    EXPECT_TRUE(
        fs::exists(dir_.path() / "site/phuong-ea-kao/lich-cong-tac/lich-tuan-32/index.html"));
    auto edit = c.Get("/don-vi/24169/bai/lich-tuan-32/?tb=da-xuat-ban", h);
    EXPECT_TRUE(has(edit->body, "Đã xuất bản"));
    auto history = c.Get("/don-vi/24169/bai/lich-tuan-32/lich-su", h);
    EXPECT_TRUE(has(history->body, "duyet"));
    // Contacts: unit.json in the format the build reads, published at once.
    auto contacts = c.Post(
        "/don-vi/24169/lien-he", h,
        "csrf=" + a.csrf +
            "&lh-phone=0262+3812+345&lh-address=S%E1%BB%91+1+Nguy%E1%BB%85n+T%E1%BA%A5t+Th%C3%A0nh",
        "application/x-www-form-urlencoded");
    ASSERT_EQ(contacts->status, 303) << contacts->body;
    const json unit_json = json::parse(read_file(content_ / "units/24169/unit.json"));
    EXPECT_EQ(unit_json["phone"], "0262 3812 345");
    EXPECT_TRUE(
        has(read_file(dir_.path() / "site/phuong-ea-kao/lien-he/index.html"), "0262 3812 345"));
}

TEST_F(AdminApi, HistoryAndRestoreAreCommits) {
    const Login editor = login("bientap");
    auto r = create(editor, "Thông báo lần đầu");
    ASSERT_EQ(r->status, 201);
    const std::string slug = json::parse(r->body)["slug"];
    auto put = client().Put("/api/units/24169/pages/" + slug, auth(editor),
                            json{{"section", "tin-tuc"},
                                 {"title", "Thông báo đã sửa"},
                                 {"date", "2025-08-03"},
                                 {"body", "Bản sửa.\n"}}
                                .dump(),
                            "application/json");
    ASSERT_EQ(put->status, 200) << put->body;
    auto hist = json::parse(
        client().Get("/api/units/24169/pages/" + slug + "/history", auth(editor))->body);
    ASSERT_EQ(hist["history"].size(), 2u) << hist.dump();
    const std::string first = hist["history"][1]["id"];
    // The history page lists both; a version can be read, then restored with the form.
    httplib::Headers cookie{{"Cookie", editor.cookie}};
    auto page = client().Get("/don-vi/24169/bai/" + slug + "/lich-su?phien-ban=" + first, cookie);
    ASSERT_EQ(page->status, 200);
    EXPECT_TRUE(has(page->body, "Thông báo lần đầu"));
    EXPECT_TRUE(has(page->body, "Khôi phục phiên bản này"));
    auto restore = client().Post("/don-vi/24169/bai/" + slug + "/khoi-phuc", cookie,
                                 "csrf=" + editor.csrf + "&commit=" + first,
                                 "application/x-www-form-urlencoded");
    ASSERT_EQ(restore->status, 303) << restore->body;
    const std::string text = read_file(content_ / "units/24169" / (slug + ".md"));
    EXPECT_TRUE(has(text, "Thông báo lần đầu"));
    EXPECT_TRUE(has(text, "draft: true")) << "an editor's restore stays a draft";
    hist = json::parse(
        client().Get("/api/units/24169/pages/" + slug + "/history", auth(editor))->body);
    ASSERT_EQ(hist["history"].size(), 3u);
    EXPECT_TRUE(has(hist["history"][0]["message"].get<std::string>(), "Khôi phục"));
    // A commit id that is not one, or of another file, is 404; without the token, 403.
    EXPECT_EQ(client()
                  .Post("/don-vi/24169/bai/" + slug + "/khoi-phuc", cookie,
                        "csrf=" + editor.csrf + "&commit=" + std::string(40, 'a'),
                        "application/x-www-form-urlencoded")
                  ->status,
              404);
    EXPECT_EQ(client()
                  .Post("/don-vi/24169/bai/" + slug + "/khoi-phuc", cookie, "commit=" + first,
                        "application/x-www-form-urlencoded")
                  ->status,
              403);
}
