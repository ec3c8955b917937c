// Header fields as WARC records and HTTP responses carry them, in order, names as written. Shared
// by the readers (warc.hpp, http.hpp) and the package layout (package.hpp).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xasite::archive {

using HeaderFields = std::vector<std::pair<std::string, std::string>>;

// First value of a field, case-insensitive name; "" when absent.
std::string_view field_value(const HeaderFields& fields, std::string_view name);

}  // namespace xasite::archive
