// URLs: parsing and resolving references as browsers do (WHATWG-style clean-up: spaces trimmed,
// tabs and newlines dropped, "\" read as "/" in special URLs), splitting a reference into path,
// query and fragment, and percent-encoding. The archive's canonical keys and file names
// (archive/url.hpp) and the link checker's site-root resolution (generator/check/url.hpp) are
// built on this.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace xasite::url {

struct Url {
    std::string scheme;  // lower case, without ':'
    std::string userinfo;
    std::string host;  // lower case
    std::string port;  // "" when absent or the scheme's default
    std::string path;  // hierarchical URLs: starts with '/'; opaque ones (mailto:) hold the rest
    std::string query;
    bool has_query = false;
    std::string fragment;
    bool has_fragment = false;
    bool hierarchical = true;

    std::string str() const;  // serialised (with the fragment)
    bool is_http() const { return scheme == "http" || scheme == "https"; }
};

// What the URL parser does before anything else: strips leading/trailing C0 controls and spaces
// and removes every tab, LF and CR.
std::string clean_reference(std::string_view ref);

// Length of the scheme when `s` starts with "scheme:" (a letter, then letters, digits, '+', '-',
// '.'), else 0.
std::size_t scheme_length(std::string_view s);
// http, https, ftp, file, ws, wss.
bool is_special_scheme(std::string_view scheme);
// "80" for http and ws, "443" for https and wss, "21" for ftp, else "".
std::string default_port(std::string_view scheme);

// Parses an absolute URL (scheme ":" …). Hosts are lower-cased; the default port dropped; an
// http URL with an empty path gets "/". nullopt when it is not absolute or malformed.
std::optional<Url> parse_absolute_url(std::string_view s);

// Resolves a reference against a base (RFC 3986 §5.2 with the browser clean-ups above).
std::optional<Url> resolve_url(const Url& base, std::string_view ref);

// RFC 3986 §5.2.4 on a path: "." and ".." segments removed.
std::string remove_dot_segments(std::string_view path);

struct Parts {
    std::string_view path;   // before '?' or '#'; may be empty ("#top", "?page=2")
    std::string_view query;  // between '?' and '#', not decoded
    bool has_query = false;
    std::string_view fragment;  // after the first '#', not decoded
    bool has_fragment = false;
};
// Splits a (cleaned) reference at the first '#' and then the first '?'.
Parts split(std::string_view ref);

// Unreserved characters of RFC 3986: ASCII letters and digits, '-', '.', '_', '~'.
bool is_unreserved(unsigned char c);

// Decodes %XX escapes to bytes (UTF-8 sequences come out as written); malformed escapes ("%",
// "%4", "%zz") stay as they are. With `plus_is_space` (form encoding) '+' decodes to ' '.
std::string percent_decode(std::string_view s, bool plus_is_space = false);

// Encodes every byte except the unreserved characters and those of `also_keep` as %XX (upper
// case hex).
std::string percent_encode(std::string_view s, std::string_view also_keep = {});
// Appends "%XX" for one byte.
void append_percent_byte(std::string& out, unsigned char c);

}  // namespace xasite::url
