// Vietnamese presentation of dates and numbers (dd/mm/yyyy, 126.118, 33,77).
#pragma once

#include <optional>
#include <string>

namespace xasite::site {

// "2025-07-01" → "01/07/2025"; "2025-07" → "07/2025"; "" → "".
std::string date_vi(const std::string& iso);
// 126118 → "126.118"
std::string integer_vi(long long n);
// 33.77 → "33,77"; trailing zeros dropped; at most `decimals` decimals.
std::string decimal_vi(double v, int decimals = 2);
// Days between two ISO dates (b - a); nullopt when either is not a full date.
std::optional<long> days_between(const std::string& a, const std::string& b);
// "2025-07-01" → "2025-07-01T00:00:00Z" (Atom/RFC 3339)
std::string rfc3339(const std::string& iso_date);

}  // namespace xasite::site
