#include "generator/units/unit_text.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"

namespace xasite::units::detail {

std::string valid_utf8(std::string_view s) {
    if (text::is_valid_utf8(s)) return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();)
        text::append_utf8(out, text::decode_utf8(s, i));
    return out;
}

std::string clean(std::string_view s) {
    std::string valid = valid_utf8(s);
    try {
        return text::tidy(text::nfc(valid));
    } catch (const std::runtime_error&) {
        return text::tidy(valid);
    }
}

std::size_t count_code_points(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        text::decode_utf8(s, i);
        ++n;
    }
    return n;
}

std::string_view skip_code_points(std::string_view s, std::size_t n) {
    std::size_t i = 0;
    for (std::size_t k = 0; k < n && i < s.size(); ++k)
        text::decode_utf8(s, i);
    return s.substr(i);
}

TypedName split_type_word(std::string_view cleaned, std::span<const TypeWord> words) {
    // text::lower maps code point to code point, so code point counts line up with `cleaned`.
    std::string lowered = text::lower(cleaned);
    for (const TypeWord& w : words) {
        if (lowered.size() <= w.lower.size() || lowered.compare(0, w.lower.size(), w.lower) != 0)
            continue;
        std::string_view after = std::string_view(lowered).substr(w.lower.size());
        if (after.front() != ' ') continue;
        std::string rest(text::trim(skip_code_points(cleaned, count_code_points(w.lower))));
        if (rest.empty()) continue;
        return {w.canonical, std::move(rest)};
    }
    return {"", std::string(cleaned)};
}

bool code_less(std::string_view a, std::string_view b) {
    auto numeric = [](std::string_view s) {
        return !s.empty() &&
               std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    bool na = numeric(a), nb = numeric(b);
    if (na != nb) return na;  // numeric codes first
    if (na) {
        auto strip = [](std::string_view s) {
            while (s.size() > 1 && s.front() == '0')
                s.remove_prefix(1);
            return s;
        };
        std::string_view sa = strip(a), sb = strip(b);
        if (sa.size() != sb.size()) return sa.size() < sb.size();
        if (sa != sb) return sa < sb;
    }
    return a < b;
}

std::string digits_of(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c >= '0' && c <= '9') out.push_back(c);
    return out;
}

}  // namespace xasite::units::detail
