#include "admin/users.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json_fields.hpp"
#include "core/text.hpp"

namespace xasite::admin {

namespace fs = std::filesystem;

namespace {

void init_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium: sodium_init failed");
}

bool valid_unit(std::string_view unit) {
    if (unit == kProvinceUnit) return true;
    if (unit.empty() || unit.size() > 10) return false;
    return std::all_of(unit.begin(), unit.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A path made absolute and without "." or ".." parts, following the links of the part that
// exists (so a link into content/ is seen as content/).
fs::path resolved(const fs::path& p) {
    std::error_code ec;
    fs::path r = fs::weakly_canonical(fs::absolute(p), ec);
    return ec ? fs::absolute(p).lexically_normal() : r;
}

bool inside(const fs::path& file, const fs::path& dir) {
    auto f = file.begin();
    for (auto d = dir.begin(); d != dir.end(); ++d, ++f) {
        if (d->empty()) continue;  // a trailing separator
        if (f == file.end() || *f != *d) return false;
    }
    return true;
}

}  // namespace

const char* role_name(Role role) {
    return role == Role::approver ? "approver" : "editor";
}

Role parse_role(std::string_view name) {
    if (name == "editor") return Role::editor;
    if (name == "approver") return Role::approver;
    throw InputError("--role", "expected editor or approver, got '" + std::string(name) + "'");
}

bool valid_user_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '.' || name.front() == '-')
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

std::string hash_password(std::string_view password) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("crypto_pwhash_str: out of memory");
    return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
    init_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string password_problem(std::string_view password) {
    if (!text::is_valid_utf8(password)) return "mật khẩu không phải văn bản UTF-8 hợp lệ";
    for (unsigned char c : password)
        if (c < 0x20 || c == 0x7f) return "mật khẩu không được chứa ký tự điều khiển";
    if (password.size() < 10) return "mật khẩu phải dài ít nhất 10 ký tự";
    if (password.size() > 1024) return "mật khẩu quá dài (tối đa 1024 byte)";
    return "";
}

Users Users::load(const fs::path& file, bool missing_ok) {
    Users users;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        if (errno == ENOENT && missing_ok) return users;
        throw InputError(file.string(),
                         std::string("cannot read the users file: ") + std::strerror(errno));
    }
    if ((st.st_mode & 077) != 0)
        throw InputError(file.string(), "the users file may be read by other users (mode " +
                                            std::to_string((st.st_mode >> 6) & 7) +
                                            std::to_string((st.st_mode >> 3) & 7) +
                                            std::to_string(st.st_mode & 7) +
                                            "); run chmod 600 on it");
    const nlohmann::json j = read_json_file(file);
    JsonFields top(j, file.string());
    const auto records = top.objects("users");
    top.reject_unknown_keys();
    for (std::size_t i = 0; i < records.size(); ++i) {
        const JsonFields& r = records[i];
        User u;
        u.name = r.required_string("name", true);
        if (!valid_user_name(u.name))
            r.fail("name", "expected 1..64 of a-z 0-9 . _ - (not starting with . or -)");
        u.unit = r.required_string("unit", true);
        if (!valid_unit(u.unit)) r.fail("unit", "expected a unit code or \"tinh\"");
        const std::string role = r.required_string("role", true);
        if (role != "editor" && role != "approver")
            r.fail("role", "expected \"editor\" or \"approver\"");
        u.role = role == "approver" ? Role::approver : Role::editor;
        u.hash = r.required_string("hash", true);
        if (u.hash.rfind("$argon2id$", 0) != 0)
            r.fail("hash", "expected an Argon2id hash (xasite admin user add)");
        r.reject_unknown_keys();
        if (users.find(u.name)) r.fail("name", "duplicate account '" + u.name + "'");
        users.users_.push_back(std::move(u));
    }
    return users;
}

void Users::save(const fs::path& file) const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& u : users_)
        list.push_back(
            {{"name", u.name}, {"unit", u.unit}, {"role", role_name(u.role)}, {"hash", u.hash}});
    const std::string data = nlohmann::json{{"users", list}}.dump(2) + "\n";
    if (file.has_parent_path()) fs::create_directories(file.parent_path());
    fs::path tmp = file;
    tmp += ".tmp-" + std::to_string(::getpid());
    ::unlink(tmp.c_str());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error(tmp.string() + ": cannot write: " + std::strerror(errno));
    try {
        ::fchmod(fd, 0600);  // whatever the umask
        write_all(fd, data, tmp.string());
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::close(fd) != 0 || ::rename(tmp.c_str(), file.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(tmp.c_str());
        throw std::runtime_error(file.string() + ": cannot write: " + why);
    }
}

const User* Users::find(std::string_view name) const {
    for (const auto& u : users_)
        if (u.name == name) return &u;
    return nullptr;
}

void Users::add(User user) {
    if (!valid_user_name(user.name))
        throw InputError(
            "NAME",
            "'" + user.name + "': expected 1..64 of a-z 0-9 . _ - (not starting with . or -)");
    if (!valid_unit(user.unit))
        throw InputError("--unit", "'" + user.unit + "': expected a unit code or \"tinh\"");
    if (find(user.name)) throw InputError("NAME", "the account '" + user.name + "' exists");
    users_.push_back(std::move(user));
}

bool Users::remove(std::string_view name) {
    auto it =
        std::find_if(users_.begin(), users_.end(), [&](const User& u) { return u.name == name; });
    if (it == users_.end()) return false;
    users_.erase(it);
    return true;
}

bool Users::set_hash(std::string_view name, std::string hash) {
    for (auto& u : users_)
        if (u.name == name) {
            u.hash = std::move(hash);
            return true;
        }
    return false;
}

void check_users_location(const fs::path& users_file, const fs::path& content_dir,
                          const fs::path& site_dir) {
    const fs::path f = resolved(users_file);
    for (const auto& [dir, what] :
         {std::pair{content_dir, "the content tree"}, std::pair{site_dir, "the site"}}) {
        if (dir.empty()) continue;
        if (inside(f, resolved(dir)))
            throw InputError(users_file.string(),
                             std::string("the users file must not be inside ") + what + " (" +
                                 dir.string() +
                                 "): keep it where it is neither published nor committed");
    }
}

}  // namespace xasite::admin
