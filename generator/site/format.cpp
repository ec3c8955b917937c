#include "generator/site/format.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace xasite::site {

std::string date_vi(const std::string& iso) {
    if (iso.size() == 10 && iso[4] == '-' && iso[7] == '-')
        return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
    if (iso.size() == 7 && iso[4] == '-') return iso.substr(5, 2) + "/" + iso.substr(0, 4);
    return iso;
}

std::string integer_vi(long long n) {
    bool negative = n < 0;
    std::string digits = std::to_string(negative ? -n : n);
    std::string out;
    int count = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (count > 0 && count % 3 == 0) out.insert(out.begin(), '.');
        out.insert(out.begin(), *it);
        ++count;
    }
    return negative ? "-" + out : out;
}

std::string decimal_vi(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    auto dot = s.find('.');
    if (dot != std::string::npos) {
        while (!s.empty() && s.back() == '0')
            s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    std::string int_part = s.substr(0, s.find('.'));
    std::string frac = s.find('.') == std::string::npos ? "" : s.substr(s.find('.') + 1);
    std::string out = integer_vi(std::stoll(int_part));
    if (!frac.empty()) out += "," + frac;
    return out;
}

std::optional<long> days_between(const std::string& a, const std::string& b) {
    auto parse = [](const std::string& s) -> std::optional<std::chrono::sys_days> {
        int y, m, d;
        if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3)
            return std::nullopt;
        std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
        if (!ymd.ok()) return std::nullopt;
        return std::chrono::sys_days{ymd};
    };
    auto x = parse(a), y = parse(b);
    if (!x || !y) return std::nullopt;
    return static_cast<long>((*y - *x).count());
}

std::string rfc3339(const std::string& iso_date) {
    if (iso_date.size() == 10) return iso_date + "T00:00:00Z";
    return iso_date;
}

}  // namespace xasite::site
