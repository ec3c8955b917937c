// URLs of captured resources: parsing and resolving references as browsers do (WHATWG-style
// clean-up: spaces trimmed, tabs and newlines dropped, "\" read as "/" in http URLs), the
// canonical key that identifies one resource (host without "www.", http = https, default port
// dropped, percent-encoding normalised, dot segments removed, query parameters sorted so the same
// page with parameters in another order is one page, and ASP.NET/IIS hosts case-insensitive),
// and the deterministic file name of each key in the view.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/url.hpp"

namespace xasite::archive {

// The generic URL parts live in core/url.hpp.
using url::clean_reference;
using url::parse_absolute_url;
using url::percent_decode;
using url::resolve_url;
using url::Url;

// The site part of a key: host without a leading "www." and trailing dot, with ":port" when not
// the default.
std::string host_key(const Url& u);

// Percent-encoding normalised (unreserved characters decoded, hex in upper case, spaces and bytes
// outside ASCII encoded) and dot segments removed.
std::string normalise_path(std::string_view path);
// Query parameters split on '&', empty ones dropped, encoding normalised, sorted.
std::string normalise_query(std::string_view query);

// "host/path?query" — the identity of a captured resource. Case-insensitive hosts (IIS/ASP.NET)
// have the path and query lower-cased.
std::string canonical_key(const Url& u, bool case_insensitive);

// Whether a host looks like IIS/ASP.NET from a URL path (.aspx, .asp, .ashx, .asmx, .axd).
bool looks_case_insensitive_path(std::string_view path);

// The view's file for a key: "host/dir/name.ext" (no leading slash). HTML gets ".html" unless it
// already ends in .html/.htm; other types get the extension of their media type when the name
// lacks it; a query becomes "@k=v&k2=v2" before the extension; characters unsafe in file names
// become "_" and such lossy names (and over-long ones) get "~" and 8 hex digits of the key's
// SHA-1, so two keys never share a file. Safe and bounded: no name holds ".." or starts with
// ".", no part is over 255 bytes, at most 16 folders below the host (the rest is hashed).
// The view's files are named by this function only (Catalog, package.hpp).
std::string key_to_file(std::string_view key, std::string_view media_type);
// The same name with "~" and 8 hex digits of SHA-1(salt) inserted before the extension.
std::string disambiguate_file(std::string_view file, std::string_view salt);

// A relative href from one file of the view to another (both relative to the same root),
// percent-encoded for use in an attribute.
std::string relative_href(std::string_view from_file, std::string_view to_file);
// Percent-encodes a path for an href (keeps "/" and the characters safe in paths).
std::string encode_href_path(std::string_view path);

}  // namespace xasite::archive
