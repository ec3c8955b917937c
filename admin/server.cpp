#include "admin/server.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include <httplib.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "admin/repo.hpp"
#include "admin/store.hpp"
#include "admin/users.hpp"
#include "admin/views.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "generator/content/markdown.hpp"
#include "generator/content/site_config.hpp"
#include "generator/site/build.hpp"
#include "generator/site/routes.hpp"
#include "generator/units/registry.hpp"

namespace xasite::admin {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

namespace {

constexpr const char* kCookie = "xasite_admin";
constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kJson = "application/json; charset=utf-8";
constexpr auto kSessionIdle = std::chrono::hours(8);

const char* kCss =
    R"CSS(:root{color-scheme:light;--fg:#1a1a1a;--muted:#4a4a4a;--line:#767676;--link:#0b4ea2;--bg:#fff;--soft:#f2f5f9;--bad:#a4161a;--ok:#1b5e20}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.55 "Noto Sans","DejaVu Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f9a825;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
.top{background:#0b4ea2;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.top a{color:#fff}
.top p{margin:0}
.brand{font-weight:700;flex:1 1 100%}
.who{flex:1 1 auto;overflow-wrap:anywhere}
main{max-width:52rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.stack{display:flex;flex-direction:column;gap:.35rem;max-width:40rem}
.stack label,legend{font-weight:600;margin-top:.6rem}
input,select,textarea{font:inherit;width:100%;padding:.5rem;border:1px solid var(--line);border-radius:4px;background:#fff;color:var(--fg)}
input[type=radio]{width:auto;margin:0 .5rem 0 0}
input[type=file]{padding:.35rem}
textarea{min-height:12rem}
fieldset{border:1px solid var(--line);border-radius:4px;padding:.5rem 1rem}
.choice{display:flex;align-items:flex-start;margin:.35rem 0}
.choice label{font-weight:400;margin:0}
button{font:inherit;min-height:44px;padding:.5rem 1rem;border:1px solid #0b4ea2;border-radius:4px;background:#fff;color:#0b4ea2;cursor:pointer}
button.primary{background:#0b4ea2;color:#fff}
button.danger,a.danger{color:var(--bad);border-color:var(--bad)}
.top button{background:transparent;color:#fff;border-color:#fff;min-height:36px;padding:.25rem .75rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}
.hint{color:var(--muted);font-size:.95rem;margin:.1rem 0}
.notice{border-left:6px solid var(--ok);background:#eef7ee;padding:.25rem 1rem;margin:0 0 1rem}
.notice.error{border-color:var(--bad);background:#fdf0f0}
.notice p{margin:.5rem 0;overflow-wrap:anywhere;white-space:pre-wrap}
.bad{color:var(--bad)}
.draft{background:#fff4d6;padding:0 .3rem;border-radius:3px}
.tasks ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.tasks a{display:inline-block;padding:.45rem .75rem;border:1px solid var(--line);border-radius:4px;text-decoration:none;min-height:44px}
.table{overflow-x:auto}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid #c8c8c8;padding:.4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);padding:.75rem;border-radius:4px}
.preview{border:2px dashed var(--line);padding:0 1rem 1rem;margin:1rem 0;overflow-wrap:anywhere}
.preview img{max-width:100%}
.units{columns:16rem}
)CSS";

std::string random_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

bool same_token(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::optional<std::string> read_if_exists(const fs::path& p) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(p, ec))) return std::nullopt;
    return read_file(p);
}

struct Session {
    std::string user;
    std::string csrf;
    Clock::time_point seen;
};

struct Attempts {
    int failures = 0;
    Clock::time_point blocked_until{};
    Clock::time_point last{};
};

// What an action did: an HTTP status, an error for the staff member, and what it made.
struct Outcome {
    int status = 200;
    std::string error;
    std::string slug;
    std::string detail;  // a path, a Markdown snippet…
};

Outcome fail(int status, std::string error) {
    return {status, std::move(error), {}, {}};
}

// One file the action writes (bytes) or removes (nullopt), relative to the content tree.
struct Change {
    fs::path rel;
    std::optional<std::string> bytes;
};

const std::vector<std::pair<std::string, std::string>>& contact_keys() {
    static const std::vector<std::pair<std::string, std::string>> keys = {
        {"address", "Địa chỉ trụ sở"},
        {"phone", "Điện thoại"},
        {"email", "Thư điện tử"},
        {"website", "Trang thông tin (địa chỉ)"},
        {"map_url", "Đường dẫn bản đồ"},
        {"responsible.name", "Người chịu trách nhiệm: họ và tên"},
        {"responsible.position", "Người chịu trách nhiệm: chức vụ"},
        {"service_centre.address", "Trung tâm phục vụ hành chính công: địa chỉ"},
        {"service_centre.phone", "Trung tâm phục vụ hành chính công: điện thoại"},
        {"service_centre.hours", "Trung tâm phục vụ hành chính công: giờ làm việc"},
    };
    return keys;
}

std::string form_id(const std::string& key) {
    std::string id = "lh-" + key;
    std::replace(id.begin(), id.end(), '.', '-');
    std::replace(id.begin(), id.end(), '_', '-');
    return id;
}

}  // namespace

struct AdminServer::Impl {
    AdminOptions o;
    std::ostream& log;
    std::mutex log_mutex;
    httplib::Server http;
    // The accounts come first: a users file inside the content tree is refused before the
    // content is opened (or initialised) as a repository, so it is never committed.
    std::mutex users_mutex;
    Users users;
    fs::file_time_type users_mtime{};
    units::Registry registry;
    ContentRepo repo;

    std::mutex sessions_mutex;
    std::map<std::string, Session> sessions;
    std::map<std::string, Attempts> attempts;

    std::mutex write_mutex;  // every change of the content and every build, one at a time

    static Users load_users(const AdminOptions& o) {
        if (sodium_init() < 0) throw std::runtime_error("libsodium: sodium_init failed");
        if (o.users_file.empty()) throw InputError("--users", "the users file is required");
        check_users_location(o.users_file, o.content_dir, o.site_dir);
        return Users::load(o.users_file);
    }
    static units::Registry load_registry(const fs::path& content) {
        const auto config = content::SiteConfig::load(content / "site.json");
        return units::Registry::load(content / config.registry);
    }
    static ContentRepo open_repo(const fs::path& content, std::ostream& log) {
        bool created = false;
        ContentRepo repo = ContentRepo::open_or_init(content, created);
        if (created)
            log << "admin: " << content.string()
                << " was not a git repository: initialised one and committed its files\n";
        return repo;
    }

    Impl(AdminOptions options, std::ostream& l)
        : o(std::move(options)),
          log(l),
          users(load_users(o)),
          users_mtime(fs::last_write_time(o.users_file)),
          registry(load_registry(o.content_dir)),
          repo(open_repo(o.content_dir, l)) {
        if (users.all().empty())
            log << "admin: warning: " << o.users_file.string()
                << " has no account (xasite admin user add)\n";
    }

    // --- accounts and sessions ---------------------------------------------------------------

    // The current copy of an account (the users file is re-read when it changed, so
    // `xasite admin user remove` takes effect on the next request).
    std::optional<User> account(const std::string& name) {
        std::lock_guard<std::mutex> lock(users_mutex);
        std::error_code ec;
        const auto mtime = fs::last_write_time(o.users_file, ec);
        if (!ec && mtime != users_mtime) {
            try {
                users = Users::load(o.users_file);
                users_mtime = mtime;
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> l(log_mutex);
                log << "admin: users file not reloaded: " << e.what() << "\n";
            }
        }
        const User* u = users.find(name);
        if (!u) return std::nullopt;
        return *u;
    }

    static std::string cookie_value(const httplib::Request& req) {
        const std::string header = req.get_header_value("Cookie");
        std::size_t pos = 0;
        while (pos < header.size()) {
            std::size_t end = header.find(';', pos);
            if (end == std::string::npos) end = header.size();
            std::string_view part = text::trim(std::string_view(header).substr(pos, end - pos));
            const std::string prefix = std::string(kCookie) + "=";
            if (part.rfind(prefix, 0) == 0) return std::string(part.substr(prefix.size()));
            pos = end + 1;
        }
        return "";
    }

    struct Who {
        User user;
        std::string session;
        std::string csrf;
    };

    std::optional<Who> who(const httplib::Request& req) {
        const std::string id = cookie_value(req);
        if (id.empty()) return std::nullopt;
        std::string name, csrf;
        {
            std::lock_guard<std::mutex> lock(sessions_mutex);
            auto it = sessions.find(id);
            if (it == sessions.end()) return std::nullopt;
            if (Clock::now() - it->second.seen > kSessionIdle) {
                sessions.erase(it);
                return std::nullopt;
            }
            it->second.seen = Clock::now();
            name = it->second.user;
            csrf = it->second.csrf;
        }
        auto u = account(name);
        if (!u) return std::nullopt;
        return Who{std::move(*u), id, std::move(csrf)};
    }

    std::string cookie_header(const std::string& value, bool clear) const {
        std::string c = std::string(kCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
        if (clear) c += "; Max-Age=0";
        if (o.secure_cookie) c += "; Secure";
        return c;
    }

    // Logs in: 429 while the name and address are blocked, 401 for a wrong password. A new session
    // id every time (an id the browser already had is dropped: no fixation).
    struct Login {
        int status = 200;
        int retry_after = 0;
        std::string session, csrf;
        std::optional<User> user;
    };
    Login login(const std::string& name_in, const std::string& password, const std::string& address,
                const std::string& old_session) {
        Login r;
        const std::string name(text::trim(name_in));
        const std::string key = name + "|" + address;
        {
            std::lock_guard<std::mutex> lock(sessions_mutex);
            auto it = attempts.find(key);
            if (it != attempts.end() && Clock::now() < it->second.blocked_until) {
                r.status = 429;
                r.retry_after = static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(
                                                     it->second.blocked_until - Clock::now())
                                                     .count() +
                                                 1);
                return r;
            }
        }
        auto u = valid_user_name(name) ? account(name) : std::nullopt;
        // An unknown name costs the same as a wrong password.
        static const std::string dummy = hash_password("xasite-admin-dummy-password");
        const bool ok =
            u ? verify_password(u->hash, password) : (verify_password(dummy, password), false);
        std::lock_guard<std::mutex> lock(sessions_mutex);
        if (!ok) {
            Attempts& a = attempts[key];
            a.failures++;
            a.last = Clock::now();
            if (a.failures >= o.login_attempts) {
                const int doublings = std::min(a.failures - o.login_attempts, 7);
                a.blocked_until = Clock::now() + std::chrono::seconds(30 << doublings);
            }
            if (attempts.size() > 10000)  // forget old failures
                std::erase_if(attempts, [](const auto& kv) {
                    return Clock::now() - kv.second.last > std::chrono::hours(1) &&
                           Clock::now() > kv.second.blocked_until;
                });
            r.status = 401;
            return r;
        }
        attempts.erase(key);
        if (!old_session.empty()) sessions.erase(old_session);
        std::erase_if(sessions,
                      [](const auto& kv) { return Clock::now() - kv.second.seen > kSessionIdle; });
        r.session = random_token();
        r.csrf = random_token();
        sessions[r.session] = Session{u->name, r.csrf, Clock::now()};
        r.user = std::move(u);
        return r;
    }

    void logout(const std::string& session) {
        std::lock_guard<std::mutex> lock(sessions_mutex);
        sessions.erase(session);
    }

    // --- content -------------------------------------------------------------------------------

    std::string unit_name(const std::string& code) const {
        if (code == kProvinceUnit) return "toàn tỉnh";
        const units::NewUnit* u = registry.find_new(code);
        return u ? u->full_name : code;
    }

    std::string public_href(const std::string& code, const PageFields& f,
                            const std::string& slug) const {
        const units::NewUnit* u = registry.find_new(code);
        if (!u) return "";
        std::string path = site::routes::unit_dir(*u) + "/";
        if (f.section == "trang")
            path += slug + "/";
        else if (f.section == site::routes::kIntro || f.section == site::routes::kContact)
            path += f.section + "/";
        else
            path += f.section + "/" + slug + "/";
        std::string base = o.public_url.empty() ? "/" : o.public_url;
        if (base.back() != '/') base += '/';
        return base + path;
    }

    // Writes the changes, builds when `build`, commits on success. When the build fails every
    // file is put back as it was and the build's message is returned (nothing is committed).
    // The caller holds write_mutex.
    std::string apply(const std::vector<Change>& changes, bool build, const User& user,
                      const std::string& message) {
        std::vector<std::optional<std::string>> before;
        for (const auto& c : changes)
            before.push_back(read_if_exists(o.content_dir / c.rel));
        auto put = [&](const fs::path& rel, const std::optional<std::string>& bytes) {
            const fs::path p = o.content_dir / rel;
            if (bytes)
                write_file_atomic(p, *bytes);
            else
                fs::remove(p);
        };
        for (const auto& c : changes)
            put(c.rel, c.bytes);
        if (build) {
            try {
                site::BuildOptions b;
                b.content_dir = o.content_dir;
                b.out_dir = o.site_dir;
                b.units = o.build_units;
                b.jobs = o.jobs;
                b.quiet = true;
                b.background_cleanup = o.background_cleanup;
                b.search_index = o.search_index;
                const auto started = Clock::now();
                const site::BuildSummary s = site::build_site(b);
                std::lock_guard<std::mutex> l(log_mutex);
                log << "admin: built " << s.pages << " pages in "
                    << std::chrono::duration<double>(Clock::now() - started).count() << " s for "
                    << user.name << "\n";
            } catch (const std::exception& e) {
                for (std::size_t i = 0; i < changes.size(); ++i)
                    put(changes[i].rel, before[i]);
                std::lock_guard<std::mutex> l(log_mutex);
                log << "admin: build failed for " << user.name << ", content put back: " << e.what()
                    << "\n";
                // Staff read it: in Vietnamese where the error has it (file and line stay).
                if (const auto* input = dynamic_cast<const InputError*>(&e)) return input->vi();
                return e.what();
            }
        }
        std::vector<fs::path> paths;
        for (const auto& c : changes)
            paths.push_back(c.rel);
        repo.commit(paths, user.name, message);
        return "";
    }

    static std::string build_error(const std::string& e) {
        return "Không đăng được: trang chưa thay đổi vì bản dựng báo lỗi. Hãy sửa rồi thử lại.\n" +
               e;
    }

    Outcome create_page(const User& user, const std::string& code, PageFields f) {
        f.draft = true;
        // A dated item written without a date is dated today (the API may leave it out).
        if (const SectionInfo* s = find_section(f.section);
            s && s->dated && text::trim(f.date).empty())
            f.date = today();
        if (std::string p = normalise(f); !p.empty()) return fail(400, p);
        std::lock_guard<std::mutex> lock(write_mutex);
        UnitStore store(o.content_dir, code);
        const std::string slug = store.new_slug(f.title);
        apply({{store.page_rel(slug), page_text(f)}}, false, user,
              "Tạo bản nháp: " + f.title + " (" + code + ")");
        Outcome out;
        out.status = 201;
        out.slug = slug;
        return out;
    }

    // An editor's change stays (or becomes) a draft and only a draft may be changed by an editor;
    // an approver's change keeps the page's state, and a published page is rebuilt.
    Outcome update_page(const User& user, const std::string& code, const std::string& slug,
                        PageFields f, bool publish) {
        if (publish && !user.may_publish()) return fail(403, "Chỉ người duyệt mới xuất bản được.");
        if (std::string p = normalise(f); !p.empty()) return fail(400, p);
        std::lock_guard<std::mutex> lock(write_mutex);
        UnitStore store(o.content_dir, code);
        auto current = store.read(slug);
        if (!current) return fail(404, "Không có bài này.");
        const bool live = !current->fields.draft && current->error.empty();
        if (live && !user.may_publish())
            return fail(403, "Bài đã đăng chỉ người duyệt mới sửa được.");
        f.draft = publish ? false : (user.may_publish() ? current->fields.draft : true);
        const bool build = live || publish;
        const std::string previous = read_file(o.content_dir / store.page_rel(slug));
        const std::string err =
            apply({{store.page_rel(slug), page_text(f, previous)}}, build, user,
                  (publish ? "Xuất bản: " : "Sửa: ") + f.title + " (" + code + ")");
        if (!err.empty()) return fail(422, build_error(err));
        Outcome out;
        out.slug = slug;
        return out;
    }

    Outcome publish_page(const User& user, const std::string& code, const std::string& slug) {
        if (!user.may_publish()) return fail(403, "Chỉ người duyệt mới xuất bản được.");
        std::lock_guard<std::mutex> lock(write_mutex);
        UnitStore store(o.content_dir, code);
        auto current = store.read(slug);
        if (!current) return fail(404, "Không có bài này.");
        const fs::path rel = store.page_rel(slug);
        const std::string text = read_file(o.content_dir / rel);
        const std::string published = without_draft(text);
        // Already published: build anyway (the site may lag behind the content).
        const std::string err = apply({{rel, published}}, true, user,
                                      "Xuất bản: " + current->fields.title + " (" + code + ")");
        if (!err.empty()) return fail(422, build_error(err));
        Outcome out;
        out.slug = slug;
        out.detail = public_href(code, current->fields, slug);
        return out;
    }

    Outcome delete_page(const User& user, const std::string& code, const std::string& slug) {
        std::lock_guard<std::mutex> lock(write_mutex);
        UnitStore store(o.content_dir, code);
        auto current = store.read(slug);
        if (!current) return fail(404, "Không có bài này.");
        const bool live = !current->fields.draft && current->error.empty();
        if (live && !user.may_publish())
            return fail(403, "Bài đã đăng chỉ người duyệt mới xóa được.");
        const std::string err = apply({{store.page_rel(slug), std::nullopt}}, live, user,
                                      "Xóa: " + current->fields.title + " (" + code + ")");
        if (!err.empty()) return fail(422, build_error(err));
        return {};
    }

    Outcome restore_page(const User& user, const std::string& code, const std::string& slug,
                         const std::string& commit) {
        std::lock_guard<std::mutex> lock(write_mutex);
        UnitStore store(o.content_dir, code);
        const fs::path rel = store.page_rel(slug);
        auto old = repo.file_at(commit, rel);
        if (!old) return fail(404, "Không có phiên bản này.");
        auto current = store.read(slug);
        const bool live = current && !current->fields.draft && current->error.empty();
        if (live && !user.may_publish())
            return fail(403, "Bài đã đăng chỉ người duyệt mới khôi phục được.");
        std::string text = user.may_publish() ? *old : with_draft(*old);
        const bool will_be_live = without_draft(text) == text;
        const std::string err =
            apply({{rel, text}}, live || will_be_live, user,
                  "Khôi phục phiên bản " + commit.substr(0, 10) + ": " + slug + " (" + code + ")");
        if (!err.empty()) return fail(422, build_error(err));
        Outcome out;
        out.slug = slug;
        return out;
    }

    json read_contacts(const std::string& code) {
        UnitStore store(o.content_dir, code);
        auto text = read_if_exists(o.content_dir / store.contacts_rel());
        if (!text) return json::object();
        json j = json::parse(*text, nullptr, false);
        return j.is_object() ? j : json::object();
    }

    Outcome save_contacts(const User& user, const std::string& code,
                          const std::map<std::string, std::string>& values) {
        if (!user.may_publish())
            return fail(403, "Chỉ người duyệt mới cập nhật được thông tin liên hệ.");
        std::lock_guard<std::mutex> lock(write_mutex);
        json j = read_contacts(code);
        for (const auto& [key, label] : contact_keys()) {
            auto it = values.find(key);
            if (it == values.end()) continue;
            std::string v = it->second;
            if (!text::is_valid_utf8(v)) return fail(400, label + ": không phải văn bản UTF-8");
            v = text::tidy(text::nfc(v));
            if (v.size() > 500) return fail(400, label + ": quá dài (tối đa 500 byte)");
            const auto dot = key.find('.');
            json& target = dot == std::string::npos ? j : j[key.substr(0, dot)];
            const std::string k = dot == std::string::npos ? key : key.substr(dot + 1);
            if (v.empty()) {
                if (target.is_object()) target.erase(k);
            } else {
                target[k] = v;
            }
        }
        for (const char* obj : {"responsible", "service_centre"})
            if (j.contains(obj) && j[obj].is_object() && j[obj].empty()) j.erase(obj);
        UnitStore store(o.content_dir, code);
        const std::string err = apply({{store.contacts_rel(), j.dump(2, ' ', false) + "\n"}}, true,
                                      user, "Cập nhật thông tin liên hệ (" + code + ")");
        if (!err.empty()) return fail(422, build_error(err));
        return {};
    }

    Outcome upload(const User& user, const std::string& code, const std::string& kind,
                   const std::string& filename, const std::string& title_in,
                   const std::string& bytes) {
        if (kind != "image" && kind != "directive") return fail(400, "Loại tệp không hợp lệ.");
        if (bytes.size() > o.max_upload_bytes) return fail(413, "Tệp quá lớn (tối đa 20 MB).");
        const FileKind k = sniff(bytes);
        if (kind == "image" && !is_image(k))
            return fail(415,
                        "Tệp không phải ảnh PNG, JPEG, GIF hoặc WebP (đã kiểm tra nội dung tệp, "
                        "không dựa vào đuôi tên).");
        if (kind == "directive" && k != FileKind::pdf && k != FileKind::docx && k != FileKind::text)
            return fail(415,
                        "Tệp không phải PDF, Word .docx hoặc văn bản thuần UTF-8 (đã kiểm tra "
                        "nội dung tệp, không dựa vào đuôi tên).");
        if (kind == "directive" && !user.may_publish())
            return fail(403, "Văn bản được đăng ngay nên chỉ người duyệt mới tải lên được.");
        std::string title = text::is_valid_utf8(title_in) ? text::tidy(text::nfc(title_in)) : "";
        std::string stem = fs::path(filename).filename().stem().string();
        if (!text::is_valid_utf8(stem)) stem.clear();
        std::string base = text::slug(title.empty() ? stem : title);
        if (base.size() > 60) base.resize(60);
        while (!base.empty() && base.back() == '-')
            base.pop_back();
        if (base.empty()) base = kind == "image" ? "anh" : "van-ban";
        std::lock_guard<std::mutex> lock(write_mutex);
        UnitStore store(o.content_dir, code);
        Outcome out;
        out.status = 201;
        if (kind == "image") {
            const fs::path dir = store.unit_rel() / "media";
            std::string name = base;
            for (int n = 2; fs::exists(o.content_dir / dir / (name + extension_of(k))); ++n)
                name = base + "-" + std::to_string(n);
            const fs::path rel = dir / (name + extension_of(k));
            apply({{rel, bytes}}, false, user,
                  "Tải lên ảnh: " + rel.filename().string() + " (" + code + ")");
            out.slug = name;
            out.detail =
                "![" + (title.empty() ? name : title) + "](media/" + rel.filename().string() + ")";
            return out;
        }
        const fs::path dir = "directives";
        std::string name = code + "-" + base;
        auto taken = [&](const std::string& n) {
            for (const char* ext : {".md", ".txt", ".pdf"})
                if (fs::exists(o.content_dir / dir / (n + ext))) return true;
            return false;
        };
        for (int n = 2; taken(name); ++n)
            name = code + "-" + base + "-" + std::to_string(n);
        fs::path rel;
        std::string data;
        if (k == FileKind::pdf) {
            rel = dir / (name + ".pdf");
            data = bytes;
        } else {
            std::string body;
            try {
                body = k == FileKind::docx ? docx_text(bytes) : text::nfc(bytes);
            } catch (const std::exception& e) {
                return fail(415, std::string("Không đọc được nội dung tệp Word: ") + e.what());
            }
            body.erase(std::remove(body.begin(), body.end(), '\r'), body.end());
            // A document body that itself starts with "---" would be read as front matter.
            rel = dir / (name + ".md");
            data = "---\nunits: [" + code + "]\n---\n" + body;
            if (data.back() != '\n') data += '\n';
        }
        const std::string err =
            apply({{rel, data}}, true, user,
                  "Đăng văn bản: " + rel.filename().string() + " (" + code + ")");
        if (!err.empty()) return fail(422, build_error(err));
        out.slug = name;
        out.detail = rel.generic_string();
        return out;
    }

    // --- HTTP ----------------------------------------------------------------------------------

    void log_line(const httplib::Request& req, const httplib::Response& res) {
        if (o.quiet) return;
        std::lock_guard<std::mutex> lock(log_mutex);
        log << req.remote_addr << " \"" << req.method << " " << req.path << "\" " << res.status
            << "\n";
        log.flush();
    }

    static void send_json(httplib::Response& res, int status, const json& j) {
        res.status = status;
        res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), kJson);
    }
    static void json_error(httplib::Response& res, int status, const std::string& message) {
        send_json(res, status, {{"error", message}});
    }

    // The path's segments; std::nullopt when one is empty in the middle, ".", "..", or holds a
    // byte outside printable ASCII or a backslash (a traversal attempt: 400).
    static std::optional<std::vector<std::string>> segments(const std::string& path) {
        std::vector<std::string> out;
        if (path.empty() || path[0] != '/') return std::nullopt;
        std::size_t pos = 1;
        while (pos <= path.size()) {
            std::size_t end = path.find('/', pos);
            if (end == std::string::npos) end = path.size();
            std::string seg = path.substr(pos, end - pos);
            if (seg == "." || seg == "..") return std::nullopt;
            for (unsigned char c : seg)
                if (c <= 0x20 || c >= 0x7f || c == '\\') return std::nullopt;
            if (!seg.empty())
                out.push_back(std::move(seg));
            else if (end != path.size())
                return std::nullopt;
            pos = end + 1;
        }
        return out;
    }

    // Whether the account may work on the unit: 404 for an unknown code (to a province account),
    // 403 for another commune's.
    int unit_status(const User& user, const std::string& code) const {
        if (!valid_unit_code(code)) return 400;
        if (!user.may_edit(code)) return 403;
        if (!registry.find_new(code)) return 404;
        return 200;
    }

    static PageFields fields_from_json(const json& j, bool& ok) {
        PageFields f;
        ok = j.is_object();
        if (!ok) return f;
        auto str = [&](const char* key, std::string& out) {
            auto it = j.find(key);
            if (it == j.end() || it->is_null()) return;
            if (!it->is_string()) {
                ok = false;
                return;
            }
            out = it->get<std::string>();
        };
        str("section", f.section);
        str("title", f.title);
        str("date", f.date);
        str("description", f.description);
        str("body", f.body);
        return f;
    }

    static json page_json(const PageItem& p) {
        return {{"slug", p.slug},
                {"section", p.fields.section},
                {"title", p.fields.title},
                {"date", p.fields.date},
                {"description", p.fields.description},
                {"body", p.fields.body},
                {"draft", p.fields.draft}};
    }

    void api(const httplib::Request& req, httplib::Response& res,
             const std::vector<std::string>& seg) {
        // seg[0] == "api"
        if (seg.size() == 2 && seg[1] == "login") {
            if (req.method != "POST") return json_error(res, 405, "POST only");
            const json body = json::parse(req.body, nullptr, false);
            if (!body.is_object() || !body.contains("username") || !body.contains("password") ||
                !body["username"].is_string() || !body["password"].is_string())
                return json_error(res, 400, "expected {\"username\": …, \"password\": …}");
            Login r =
                login(body["username"].get<std::string>(), body["password"].get<std::string>(),
                      req.remote_addr, cookie_value(req));
            if (r.status == 429) {
                res.set_header("Retry-After", std::to_string(r.retry_after));
                return json_error(res, 429,
                                  "Đăng nhập sai nhiều lần. Hãy thử lại sau " +
                                      std::to_string(r.retry_after) + " giây.");
            }
            if (r.status != 200) return json_error(res, 401, "Sai tên đăng nhập hoặc mật khẩu.");
            res.set_header("Set-Cookie", cookie_header(r.session, false));
            return send_json(res, 200,
                             {{"csrf", r.csrf},
                              {"user", r.user->name},
                              {"unit", r.user->unit},
                              {"role", role_name(r.user->role)}});
        }
        auto w = who(req);
        if (!w) return json_error(res, 401, "Cần đăng nhập.");
        const bool mutating = req.method != "GET" && req.method != "HEAD";
        if (mutating && !same_token(req.get_header_value("X-CSRF-Token"), w->csrf))
            return json_error(res, 403, "missing or wrong X-CSRF-Token header");
        if (seg.size() == 2 && seg[1] == "logout") {
            if (req.method != "POST") return json_error(res, 405, "POST only");
            logout(w->session);
            res.set_header("Set-Cookie", cookie_header("", true));
            return send_json(res, 200, {{"ok", true}});
        }
        if (seg.size() == 2 && seg[1] == "me")
            return send_json(res, 200,
                             {{"user", w->user.name},
                              {"unit", w->user.unit},
                              {"role", role_name(w->user.role)},
                              {"csrf", w->csrf}});
        if (seg.size() < 4 || seg[1] != "units") return json_error(res, 404, "no such API");
        const std::string& code = seg[2];
        if (int s = unit_status(w->user, code); s != 200)
            return json_error(res, s,
                              s == 403   ? "Tài khoản không có quyền với đơn vị này."
                              : s == 404 ? "Không có đơn vị này."
                                         : "bad unit code");
        if (seg[3] == "uploads" && seg.size() == 4) {
            if (req.method != "POST") return json_error(res, 405, "POST only");
            if (!req.is_multipart_form_data() || !req.has_file("file"))
                return json_error(res, 400, "expected multipart/form-data with a file field");
            const auto file = req.get_file_value("file");
            const std::string kind = req.has_file("kind") ? req.get_file_value("kind").content : "";
            const std::string title =
                req.has_file("title") ? req.get_file_value("title").content : "";
            Outcome out = upload(w->user, code, kind, file.filename, title, file.content);
            if (!out.error.empty()) return json_error(res, out.status, out.error);
            return send_json(res, 201, {{"name", out.slug}, {"path", out.detail}});
        }
        if (seg[3] != "pages") return json_error(res, 404, "no such API");
        if (seg.size() == 4) {
            if (req.method == "GET") {
                json list = json::array();
                for (const auto& p : UnitStore(o.content_dir, code).list())
                    list.push_back({{"slug", p.slug},
                                    {"section", p.fields.section},
                                    {"title", p.fields.title},
                                    {"date", p.fields.date},
                                    {"draft", p.fields.draft}});
                return send_json(res, 200, {{"pages", list}});
            }
            if (req.method != "POST") return json_error(res, 405, "GET or POST");
            bool ok = false;
            PageFields f = fields_from_json(json::parse(req.body, nullptr, false), ok);
            if (!ok)
                return json_error(
                    res, 400,
                    "expected a JSON object of strings {section, title, body, date, description}");
            Outcome out = create_page(w->user, code, std::move(f));
            if (!out.error.empty()) return json_error(res, out.status, out.error);
            return send_json(res, 201, {{"slug", out.slug}});
        }
        const std::string& slug = seg[4];
        if (!valid_slug(slug)) return json_error(res, 400, "bad slug");
        UnitStore store(o.content_dir, code);
        if (seg.size() == 5) {
            if (req.method == "GET") {
                auto p = store.read(slug);
                if (!p) return json_error(res, 404, "Không có bài này.");
                return send_json(res, 200, page_json(*p));
            }
            if (req.method == "PUT") {
                bool ok = false;
                PageFields f = fields_from_json(json::parse(req.body, nullptr, false), ok);
                if (!ok) return json_error(res, 400, "expected a JSON object of strings");
                Outcome out = update_page(w->user, code, slug, std::move(f), false);
                if (!out.error.empty()) return json_error(res, out.status, out.error);
                return send_json(res, 200, {{"slug", slug}});
            }
            if (req.method == "DELETE") {
                Outcome out = delete_page(w->user, code, slug);
                if (!out.error.empty()) return json_error(res, out.status, out.error);
                return send_json(res, 200, {{"deleted", slug}});
            }
            return json_error(res, 405, "GET, PUT or DELETE");
        }
        if (seg.size() == 6 && seg[5] == "publish") {
            if (req.method != "POST") return json_error(res, 405, "POST only");
            Outcome out = publish_page(w->user, code, slug);
            if (!out.error.empty()) return json_error(res, out.status, out.error);
            return send_json(res, 200, {{"slug", slug}, {"url", out.detail}});
        }
        if (seg.size() == 6 && seg[5] == "history") {
            json list = json::array();
            for (const auto& r : repo.history(store.page_rel(slug)))
                list.push_back(
                    {{"id", r.id}, {"author", r.author}, {"time", r.time}, {"message", r.message}});
            return send_json(res, 200, {{"history", list}});
        }
        return json_error(res, 404, "no such API");
    }

    // --- HTML ----------------------------------------------------------------------------------

    static std::string field(const httplib::Request& req, const char* name) {
        if (req.has_param(name)) return req.get_param_value(name);
        if (req.is_multipart_form_data() && req.has_file(name))
            return req.get_file_value(name).content;
        return "";
    }

    views::Viewer viewer(const Who& w) const {
        return {w.user.name, unit_name(w.user.unit), w.user.may_publish(), w.csrf};
    }

    void html(httplib::Response& res, int status, const std::string& body) {
        res.status = status;
        res.set_content(body, kHtml);
    }
    void redirect(httplib::Response& res, const std::string& to) {
        res.status = 303;
        res.set_header("Location", to);
    }
    void html_error(httplib::Response& res, int status, const Who* w, const std::string& message) {
        const char* title = status == 403   ? "Không có quyền"
                            : status == 404 ? "Không tìm thấy"
                            : status == 401 ? "Cần đăng nhập"
                                            : "Không thực hiện được";
        std::string body = "<p><a href=\"/\">Về trang đầu</a></p>\n";
        if (w) {
            views::Viewer v = viewer(*w);
            return html(res, status, views::layout(title, &v, body, {message, true}));
        }
        html(res, status, views::layout(title, nullptr, body, {message, true}));
    }

    static std::string notice_text(const std::string& key) {
        static const std::map<std::string, std::string> texts = {
            {"da-luu", "Đã lưu bản nháp."},
            {"da-cap-nhat", "Đã lưu và cập nhật trang."},
            {"da-xuat-ban", "Đã xuất bản. Trang của đơn vị đã được dựng lại."},
            {"da-xoa", "Đã xóa bài."},
            {"da-khoi-phuc", "Đã khôi phục phiên bản đã chọn."},
            {"da-luu-lien-he", "Đã cập nhật thông tin liên hệ và dựng lại trang."},
            {"da-dang-xuat", "Đã đăng xuất."},
        };
        auto it = texts.find(key);
        return it == texts.end() ? "" : it->second;
    }

    void html_route(const httplib::Request& req, httplib::Response& res,
                    const std::vector<std::string>& seg) {
        const bool post = req.method == "POST";
        if (!post && req.method != "GET")
            return html_error(res, 405, nullptr, "Phương thức không được hỗ trợ.");
        if (seg.size() == 1 && seg[0] == "admin.css") {
            res.set_header("Cache-Control", "max-age=3600");
            return res.set_content(kCss, "text/css; charset=utf-8");
        }
        if (seg.size() == 1 && seg[0] == "dang-nhap") {
            if (!post) {
                if (who(req)) return redirect(res, "/");
                return html(res, 200,
                            views::layout("Đăng nhập", nullptr, views::login_form("", {}),
                                          {notice_text(req.get_param_value("tb")), false}));
            }
            const std::string name = field(req, "username");
            Login r = login(name, field(req, "password"), req.remote_addr, cookie_value(req));
            if (r.status == 200) {
                res.set_header("Set-Cookie", cookie_header(r.session, false));
                return redirect(res, "/");
            }
            std::string msg = r.status == 429 ? "Đăng nhập sai nhiều lần. Hãy thử lại sau " +
                                                    std::to_string(r.retry_after) + " giây."
                                              : "Sai tên đăng nhập hoặc mật khẩu.";
            if (r.status == 429) res.set_header("Retry-After", std::to_string(r.retry_after));
            return html(
                res, r.status,
                views::layout("Đăng nhập", nullptr, views::login_form(name, {}), {msg, true}));
        }
        auto w = who(req);
        if (!w) {
            if (!post) return redirect(res, "/dang-nhap");
            return html_error(res, 401, nullptr, "Phiên làm việc đã hết. Hãy đăng nhập lại.");
        }
        if (post && !same_token(field(req, "csrf"), w->csrf))
            return html_error(res, 403, &*w,
                              "Biểu mẫu đã cũ hoặc không hợp lệ. Hãy tải lại trang rồi thử lại.");
        views::Viewer v = viewer(*w);
        if (seg.size() == 1 && seg[0] == "dang-xuat" && post) {
            logout(w->session);
            res.set_header("Set-Cookie", cookie_header("", true));
            return redirect(res, "/dang-nhap?tb=da-dang-xuat");
        }
        if (seg.empty())
            return redirect(res, w->user.province() ? "/don-vi/" : "/don-vi/" + w->user.unit + "/");
        if (seg[0] != "don-vi") return html_error(res, 404, &*w, "Không có trang này.");
        if (seg.size() == 1) {
            if (!w->user.province()) return redirect(res, "/don-vi/" + w->user.unit + "/");
            std::vector<views::UnitLink> links;
            for (const auto& u : registry.new_units())
                links.push_back({u.code, u.full_name});
            return html(res, 200, views::layout("Các đơn vị", &v, views::unit_index(links)));
        }
        const std::string& code = seg[1];
        if (int s = unit_status(w->user, code); s != 200)
            return html_error(res, s, &*w,
                              s == 403 ? "Tài khoản của bạn không biên tập được đơn vị này."
                                       : "Không có đơn vị này.");
        const std::string uname = unit_name(code);
        const std::string ubase = "/don-vi/" + code + "/";
        // "Xem trước" of a new page or an edit: the fields checked, the body rendered by the
        // build's Markdown renderer, nothing saved.
        auto preview = [&](views::EditorView& ev, const std::string& title) {
            PageFields f = ev.fields;
            if (std::string p = normalise(f); !p.empty())
                return html(
                    res, 400,
                    views::layout(title, &v, views::page_editor(ev), {p, true}, ubase, uname));
            ev.fields = f;
            ev.preview_html = content::markdown_to_html(f.body);
            html(
                res, 200,
                views::layout(title + ": xem trước", &v, views::page_editor(ev), {}, ubase, uname));
        };
        UnitStore store(o.content_dir, code);
        const views::Notice notice{notice_text(req.get_param_value("tb")), false};

        if (seg.size() == 2) {
            views::UnitView uv{code, uname, "", store.list(), {}};
            if (const units::NewUnit* u = registry.find_new(code)) {
                std::string base = o.public_url.empty() ? "/" : o.public_url;
                if (base.back() != '/') base += '/';
                if (!o.public_url.empty()) uv.site_href = base + site::routes::unit_dir(*u) + "/";
            }
            if (!o.public_url.empty())
                for (const auto& item : uv.items)
                    uv.page_hrefs.push_back(public_href(code, item.fields, item.slug));
            return html(res, 200,
                        views::layout(uname, &v, views::unit_page(uv), notice,
                                      w->user.province() ? "/don-vi/" : "", "Các đơn vị"));
        }
        const std::string& what = seg[2];
        if (what == "moi" && seg.size() == 3) {
            views::EditorView ev;
            ev.code = code;
            ev.action = ubase + "moi";
            ev.can_publish = w->user.may_publish();
            ev.csrf = w->csrf;
            if (!post) {
                const std::string muc = req.get_param_value("muc");
                ev.fields.section = find_section(muc) ? muc : "tin-tuc";
                if (find_section(ev.fields.section)->dated) ev.fields.date = today();
                return html(
                    res, 200,
                    views::layout("Viết mới: " + std::string(find_section(ev.fields.section)->name),
                                  &v, views::page_editor(ev), {}, ubase, uname));
            }
            ev.fields = form_fields(req);
            const std::string action = field(req, "action");
            if (action == "xem-truoc") return preview(ev, "Viết mới");
            Outcome out = create_page(w->user, code, ev.fields);
            if (!out.error.empty())
                return html(res, out.status,
                            views::layout("Viết mới", &v, views::page_editor(ev), {out.error, true},
                                          ubase, uname));
            if (action == "xuat-ban" && w->user.may_publish()) {
                Outcome pub = publish_page(w->user, code, out.slug);
                if (!pub.error.empty()) {
                    views::EditorView again = ev;
                    again.slug = out.slug;
                    again.action = ubase + "bai/" + out.slug + "/";
                    return html(res, pub.status,
                                views::layout("Sửa bài", &v, views::page_editor(again),
                                              {pub.error, true}, ubase, uname));
                }
                return redirect(res, ubase + "bai/" + out.slug + "/?tb=da-xuat-ban");
            }
            return redirect(res, ubase + "bai/" + out.slug + "/?tb=da-luu");
        }
        if (what == "lien-he" && seg.size() == 3) {
            const bool can = w->user.may_publish();
            if (post) {
                std::map<std::string, std::string> values;
                for (const auto& [key, label] : contact_keys())
                    values[key] = field(req, form_id(key).c_str());
                Outcome out = save_contacts(w->user, code, values);
                if (out.error.empty()) return redirect(res, ubase + "lien-he?tb=da-luu-lien-he");
                std::vector<views::ContactField> fields;
                for (const auto& [key, label] : contact_keys())
                    fields.push_back({form_id(key), label, values[key]});
                return html(res, out.status,
                            views::layout("Thông tin liên hệ", &v,
                                          views::contacts_form(code, fields, can, w->csrf),
                                          {out.error, true}, ubase, uname));
            }
            const json j = read_contacts(code);
            std::vector<views::ContactField> fields;
            for (const auto& [key, label] : contact_keys()) {
                const auto dot = key.find('.');
                const json* node = &j;
                std::string k = key;
                if (dot != std::string::npos) {
                    auto it = j.find(key.substr(0, dot));
                    node = it != j.end() && it->is_object() ? &*it : nullptr;
                    k = key.substr(dot + 1);
                }
                std::string value;
                if (node && node->contains(k) && (*node)[k].is_string())
                    value = (*node)[k].get<std::string>();
                fields.push_back({form_id(key), label, value});
            }
            return html(res, 200,
                        views::layout("Thông tin liên hệ", &v,
                                      views::contacts_form(code, fields, can, w->csrf), notice,
                                      ubase, uname));
        }
        if (what == "tai-len" && seg.size() == 3) {
            const bool can = w->user.may_publish();
            if (!post)
                return html(
                    res, 200,
                    views::layout("Tải lên văn bản hoặc ảnh", &v,
                                  views::upload_form(code, can, w->csrf, ""), {}, ubase, uname));
            if (!req.is_multipart_form_data() || !req.has_file("file"))
                return html(res, 400,
                            views::layout("Tải lên văn bản hoặc ảnh", &v,
                                          views::upload_form(code, can, w->csrf, ""),
                                          {"Chưa chọn tệp.", true}, ubase, uname));
            const auto file = req.get_file_value("file");
            const std::string kind = field(req, "kind");
            Outcome out =
                upload(w->user, code, kind, file.filename, field(req, "title"), file.content);
            if (!out.error.empty())
                return html(res, out.status,
                            views::layout("Tải lên văn bản hoặc ảnh", &v,
                                          views::upload_form(code, can, w->csrf, ""),
                                          {out.error, true}, ubase, uname));
            std::string result;
            if (kind == "image")
                result =
                    "<p>Đã lưu ảnh. Để chèn vào bài, chép dòng sau vào nội dung bài:</p>\n<pre>" +
                    text::html_escape(out.detail) + "</pre>\n";
            else
                result = "<p>Đã đăng văn bản (tệp <code>" + text::html_escape(out.detail) +
                         "</code>); văn bản có trong mục Văn bản của trang.</p>\n";
            return html(
                res, 201,
                views::layout("Tải lên văn bản hoặc ảnh", &v,
                              views::upload_form(code, can, w->csrf, result),
                              {kind == "image" ? "Đã tải ảnh lên." : "Đã đăng văn bản.", false},
                              ubase, uname));
        }
        if (what != "bai" || seg.size() < 4)
            return html_error(res, 404, &*w, "Không có trang này.");
        const std::string& slug = seg[3];
        if (!valid_slug(slug)) return html_error(res, 400, &*w, "Địa chỉ bài không hợp lệ.");
        auto item = store.read(slug);
        if (!item) return html_error(res, 404, &*w, "Không có bài này.");
        const std::string pbase = ubase + "bai/" + slug + "/";
        const bool live = !item->fields.draft && item->error.empty();

        if (seg.size() == 4) {
            views::EditorView ev;
            ev.code = code;
            ev.action = pbase;
            ev.slug = slug;
            ev.fields = item->fields;
            ev.published = live;
            ev.can_publish = w->user.may_publish();
            ev.can_edit = !live || w->user.may_publish();
            ev.public_href = public_href(code, item->fields, slug);
            ev.csrf = w->csrf;
            views::Notice n = notice;
            if (!item->error.empty()) n = {"Tệp của bài có lỗi: " + item->error, true};
            if (!post)
                return html(res, 200,
                            views::layout("Sửa bài", &v, views::page_editor(ev), n, ubase, uname));
            ev.fields = form_fields(req);
            const std::string action = field(req, "action");
            if (action == "xem-truoc") return preview(ev, "Sửa bài");
            const bool publish = action == "xuat-ban";
            Outcome out = update_page(w->user, code, slug, ev.fields, publish);
            if (!out.error.empty())
                return html(res, out.status,
                            views::layout("Sửa bài", &v, views::page_editor(ev), {out.error, true},
                                          ubase, uname));
            return redirect(res, pbase + (publish ? "?tb=da-xuat-ban"
                                          : live  ? "?tb=da-cap-nhat"
                                                  : "?tb=da-luu"));
        }
        const std::string& sub = seg[4];
        if (sub == "xoa" && seg.size() == 5) {
            if (!post)
                return html(
                    res, 200,
                    views::layout("Xóa bài", &v,
                                  views::delete_form(code, slug, item->fields.title, w->csrf), {},
                                  pbase, "Quay lại bài"));
            Outcome out = delete_page(w->user, code, slug);
            if (!out.error.empty()) return html_error(res, out.status, &*w, out.error);
            return redirect(res, ubase + "?tb=da-xoa");
        }
        if (sub == "lich-su" && seg.size() == 5 && !post) {
            views::HistoryView hv{code,
                                  slug,
                                  item->fields.title,
                                  w->csrf,
                                  repo.history(store.page_rel(slug)),
                                  "",
                                  "",
                                  !live || w->user.may_publish()};
            const std::string id = req.get_param_value("phien-ban");
            if (!id.empty()) {
                auto text = repo.file_at(id, store.page_rel(slug));
                if (!text) return html_error(res, 404, &*w, "Không có phiên bản này.");
                hv.shown_id = id;
                hv.shown_text = *text;
            }
            return html(res, 200,
                        views::layout("Lịch sử: " + item->fields.title, &v, views::history(hv),
                                      notice, pbase, "Quay lại bài"));
        }
        if (sub == "khoi-phuc" && seg.size() == 5 && post) {
            Outcome out = restore_page(w->user, code, slug, field(req, "commit"));
            if (!out.error.empty()) return html_error(res, out.status, &*w, out.error);
            return redirect(res, pbase + "?tb=da-khoi-phuc");
        }
        return html_error(res, 404, &*w, "Không có trang này.");
    }

    static PageFields form_fields(const httplib::Request& req) {
        PageFields f;
        f.section = field(req, "section");
        f.title = field(req, "title");
        f.date = field(req, "date");
        f.description = field(req, "description");
        f.body = field(req, "body");
        return f;
    }

    static std::string today() {
        std::time_t t = std::time(nullptr);
        std::tm tm{};
        localtime_r(&t, &tm);
        char buf[11];
        std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
        return buf;
    }

    void handle(const httplib::Request& req, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        auto seg = segments(req.path);
        const bool is_api = req.path.rfind("/api/", 0) == 0 || req.path == "/api";
        if (!seg) {
            if (is_api) return json_error(res, 400, "bad path");
            return html_error(res, 400, nullptr, "Địa chỉ không hợp lệ.");
        }
        if (is_api) return api(req, res, *seg);
        html_route(req, res, *seg);
    }
};

AdminServer::AdminServer(AdminOptions options, std::ostream& log)
    : impl_(std::make_unique<Impl>(std::move(options), log)) {
    Impl& im = *impl_;
    auto& http = im.http;
    http.set_default_headers({{"Content-Security-Policy",
                               "default-src 'none'; style-src 'self'; img-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"}});
    http.set_payload_max_length(im.o.max_upload_bytes + (1u << 20));
    http.set_read_timeout(30);
    http.set_write_timeout(30);
    http.new_task_queue = [] { return new httplib::ThreadPool(8); };
    auto handler = [&im](const httplib::Request& req, httplib::Response& res) {
        im.handle(req, res);
    };
    http.Get(R"(/.*)", handler);
    http.Post(R"(/.*)", handler);
    http.Put(R"(/.*)", handler);
    http.Delete(R"(/.*)", handler);
    http.set_exception_handler([&im](const httplib::Request& req, httplib::Response& res,
                                     std::exception_ptr ep) {
        std::string what = "internal error";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        {
            std::lock_guard<std::mutex> lock(im.log_mutex);
            im.log << "admin: error on " << req.method << " " << req.path << ": " << what << "\n";
        }
        if (req.path.rfind("/api/", 0) == 0)
            return Impl::json_error(res, 500, "internal error: " + what);
        im.html_error(res, 500, nullptr, "Lỗi máy chủ: " + what);
    });
    http.set_logger([&im](const httplib::Request& req, const httplib::Response& res) {
        im.log_line(req, res);
    });
}

AdminServer::~AdminServer() = default;

int AdminServer::bind() {
    Impl& im = *impl_;
    int port = im.o.port;
    if (port == 0)
        port = im.http.bind_to_any_port(im.o.host);
    else if (!im.http.bind_to_port(im.o.host, port))
        port = -1;
    if (port < 0)
        im.log << "error: cannot listen on " << im.o.host << ":" << im.o.port
               << ": the address is in use or not available\n";
    return port;
}

bool AdminServer::listen() {
    return impl_->http.listen_after_bind();
}

void AdminServer::stop() {
    // A stop() that comes before listen() has started would be lost (httplib stops only a running
    // server): wait for it a little.
    for (int i = 0; i < 200 && !impl_->http.is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    impl_->http.stop();
}

}  // namespace xasite::admin
