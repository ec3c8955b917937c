// Calendar dates written YYYY-MM-DD: the one strict check used wherever a date is validated
// (site.json, page front matter, procedure records, document metadata, WARC dates, --captured).
// Months are 01..12 and days exist in their month (29 February only in leap years).
#pragma once

#include <optional>
#include <string_view>

namespace xasite::date {

struct Ymd {
    int year = 0;
    int month = 0;
    int day = 0;
};

constexpr bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Days in a month (1..12) of a year; 0 for a month outside 1..12.
constexpr int days_in_month(int year, int month) {
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return days[month - 1] + (month == 2 && is_leap_year(year) ? 1 : 0);
}

// Whether year-month-day is a day of the (proleptic Gregorian) calendar; years 1..9999.
constexpr bool is_valid(int year, int month, int day) {
    return year >= 1 && year <= 9999 && day >= 1 && day <= days_in_month(year, month);
}

// Parses exactly "YYYY-MM-DD" (ten characters, ASCII digits) naming a real day; nullopt otherwise.
constexpr std::optional<Ymd> parse_iso(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (s[i] - '0');
        return v;
    };
    Ymd d{num(0, 4), num(5, 2), num(8, 2)};
    if (!is_valid(d.year, d.month, d.day)) return std::nullopt;
    return d;
}

constexpr bool is_iso_date(std::string_view s) {
    return parse_iso(s).has_value();
}

}  // namespace xasite::date
