// ASCII-only character helpers: lower-casing, classes, trimming, case-insensitive comparison.
// Bytes >= 0x80 are never changed or matched as letters, so UTF-8 text passes through untouched
// (unlike std::tolower, whose result depends on the C locale).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace xasite::ascii {

constexpr char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
constexpr char upper(char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

inline void lower_in_place(std::string& s) {
    for (auto& c : s)
        c = lower(c);
}
inline std::string lower(std::string_view s) {
    std::string out(s);
    lower_in_place(out);
    return out;
}

constexpr bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
constexpr bool is_alnum(char c) {
    return is_alpha(c) || is_digit(c);
}
// Value of a hexadecimal digit, or -1.
constexpr int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Space, tab, LF, VT, FF, CR.
constexpr std::string_view kSpace = " \t\n\v\f\r";

// Trims the characters of `chars` (ASCII whitespace by default) from both ends.
constexpr std::string_view trim(std::string_view s, std::string_view chars = kSpace) {
    while (!s.empty() && chars.find(s.front()) != std::string_view::npos)
        s.remove_prefix(1);
    while (!s.empty() && chars.find(s.back()) != std::string_view::npos)
        s.remove_suffix(1);
    return s;
}

constexpr bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}
constexpr bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}
constexpr bool iends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}
constexpr bool icontains(std::string_view s, std::string_view needle) {
    if (needle.size() > s.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
        if (iequals(s.substr(i, needle.size()), needle)) return true;
    return false;
}

}  // namespace xasite::ascii
