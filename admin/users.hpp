// The editor's accounts (`xasite admin user add|list|remove|passwd`): a JSON file outside the
// content tree and the site, mode 0600, holding per account its unit, its role and an Argon2id
// hash of its password (libsodium's crypto_pwhash_str, which stores salt and limits in the hash).
//
//   {"users": [{"name": "nguyenvana", "unit": "24169", "role": "editor", "hash": "$argon2id$…"}]}
//
// A unit is a new unit's code, or "tinh" (kProvinceUnit): the province's account, which may edit
// every unit. An editor saves drafts; an approver also publishes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::admin {

inline constexpr std::string_view kProvinceUnit = "tinh";

enum class Role { editor, approver };
const char* role_name(Role role);  // "editor" | "approver"
// "editor" | "approver"; throws InputError otherwise.
Role parse_role(std::string_view name);

struct User {
    std::string name;  // [a-z0-9._-], 1..64 characters
    std::string unit;  // a new unit's code, or kProvinceUnit
    Role role = Role::editor;
    std::string hash;  // crypto_pwhash_str (Argon2id)

    bool province() const { return unit == kProvinceUnit; }
    // Whether the account may read and change the unit's content.
    bool may_edit(std::string_view unit_code) const { return province() || unit == unit_code; }
    bool may_publish() const { return role == Role::approver; }
};

// Whether a name is a valid account name: 1..64 of [a-z0-9._-], not starting with '.' or '-'.
bool valid_user_name(std::string_view name);

// Argon2id (libsodium, interactive limits). Throws std::runtime_error when out of memory.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
// A password's minimal requirements: 10 bytes or more, valid UTF-8, no control characters.
// Returns the reason it is refused (Vietnamese, for staff and operators), or "" when accepted.
std::string password_problem(std::string_view password);

class Users {
  public:
    // Reads the file. A missing file is an empty list when `missing_ok`, an InputError otherwise.
    // Throws InputError naming the file for bad JSON, unknown keys, bad names, roles or hashes,
    // duplicate names, and when other users may read or write it (mode must be 0600 or stricter).
    static Users load(const std::filesystem::path& file, bool missing_ok = false);
    // Writes the file atomically with mode 0600 (a temporary sibling created 0600, renamed).
    void save(const std::filesystem::path& file) const;

    const std::vector<User>& all() const { return users_; }
    const User* find(std::string_view name) const;
    // Throws InputError when the name is taken or invalid.
    void add(User user);
    // False when there is no such account.
    bool remove(std::string_view name);
    bool set_hash(std::string_view name, std::string hash);

  private:
    std::vector<User> users_;
};

// Refuses (InputError) a users file inside the content tree or the site: the content is a public
// git repository and the site is served.
void check_users_location(const std::filesystem::path& users_file,
                          const std::filesystem::path& content_dir,
                          const std::filesystem::path& site_dir);

}  // namespace xasite::admin
