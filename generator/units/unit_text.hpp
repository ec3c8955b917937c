// Internal text helpers of the units module (not part of the public API): UTF-8 repair, type words
// of Vietnamese administrative units, and code ordering.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace xasite::units::detail {

// Returns s with every invalid UTF-8 byte replaced by U+FFFD (valid input is returned unchanged).
std::string valid_utf8(std::string_view s);

// NFC, then text::tidy (’ → ', whitespace collapsed and trimmed). Never throws: on an ICU failure
// the text is only tidied. Invalid UTF-8 bytes become U+FFFD.
std::string clean(std::string_view s);

// Number of code points in valid UTF-8.
std::size_t count_code_points(std::string_view s);
// The rest of s after its first n code points.
std::string_view skip_code_points(std::string_view s, std::size_t n);

// A type word as written in Vietnamese, lower case, and its canonical spelling.
struct TypeWord {
    std::string_view lower;      // "thị trấn"
    std::string_view canonical;  // "Thị trấn"
};
inline constexpr TypeWord kCommuneTypeWords[] = {
    {"thị trấn", "Thị trấn"}, {"phường", "Phường"}, {"xã", "Xã"}};
inline constexpr TypeWord kDistrictTypeWords[] = {
    {"thành phố", "Thành phố"}, {"thị xã", "Thị xã"}, {"huyện", "Huyện"}, {"quận", "Quận"}};

struct TypedName {
    std::string_view type;  // canonical type word, "" when there is none
    std::string name;       // the rest, trimmed
};

// Splits a leading type word (any case, followed by whitespace and a non-empty rest) from a
// cleaned name: "xã Phú Hòa 1" → {"Xã", "Phú Hòa 1"}. Without one, type is "" and name is s.
TypedName split_type_word(std::string_view cleaned, std::span<const TypeWord> words);

// Orders numeric codes as numbers ("645" < "24184"); non-numeric codes sort by text after them.
bool code_less(std::string_view a, std::string_view b);

// The digits of a name in order ("xuanquang1" → "1"): spelling matches must keep them.
std::string digits_of(std::string_view s);

}  // namespace xasite::units::detail
