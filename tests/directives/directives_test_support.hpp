// Helpers shared by the directive extractor tests.
#pragma once

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/files.hpp"
#include "generator/directives/directive.hpp"
#include "test_support.hpp"

namespace xasite::directives::testing {

inline std::filesystem::path fixture_path(const std::string& rel) {
    return xasite::testing::fixtures_dir() / "directives" / rel;
}

inline std::string fixture(const std::string& rel) {
    return read_file(fixture_path(rel));
}

// NFD through ICU (the extractor must give the same result as for NFC).
inline std::string nfd(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    icu::UnicodeString out = n->normalize(u, status);
    std::string r;
    out.toUTF8String(r);
    return r;
}

struct BlockCount {
    std::size_t headings = 0, paragraphs = 0, bullets = 0;
};

inline BlockCount count_blocks(const Metadata& m) {
    BlockCount c;
    for (const auto& b : m.body) {
        if (b.kind == Block::Kind::heading)
            ++c.headings;
        else if (b.kind == Block::Kind::bullet)
            ++c.bullets;
        else
            ++c.paragraphs;
    }
    return c;
}

// "H1 I. MỤC ĐÍCH" / "H2 1. Mục đích" / "B2 + text" / "P text": one line per block.
inline std::string describe(const Block& b) {
    std::string k = b.kind == Block::Kind::heading  ? "H" + std::to_string(b.level)
                    : b.kind == Block::Kind::bullet ? "B" + std::to_string(b.level)
                                                    : std::string("P");
    return k + " " + (b.marker.empty() ? "" : b.marker + " ") + b.text;
}

inline std::vector<std::string> headings(const Metadata& m) {
    std::vector<std::string> out;
    for (const auto& b : m.body)
        if (b.kind == Block::Kind::heading) out.push_back(describe(b));
    return out;
}

// True when some block is only a number (a page number left in the body) or ends with a
// stray " 2" after sentence end.
inline bool has_page_number_block(const Metadata& m) {
    for (const auto& b : m.body) {
        std::string_view t = b.text;
        if (!t.empty() && t.find_first_not_of("0123456789 -") == std::string_view::npos)
            return true;
    }
    return false;
}

}  // namespace xasite::directives::testing
