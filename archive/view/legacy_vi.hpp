// The font-encoded Vietnamese of pre-Unicode pages: TCVN3 (ABC; fonts .VnTime, .VnArial, …, with
// the all-capitals .VnTimeH, .VnArialH, …) and VNI (VNI-Times, VNI-Helve, …). A page written in
// them usually declares iso-8859-1 or nothing and relies on the font, so conversion is keyed by
// the font in effect, not by a charset label (ARCHIVE.md §4).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace xasite::archive {

enum class LegacyFont { none, tcvn3, tcvn3_capitals, vni };

// The legacy encoding a CSS font-family list or <font face> value selects (its first family
// decides; quotes and case are ignored): ".VnTime" → tcvn3, ".VnTimeH" → tcvn3_capitals,
// "VNI-Times" → vni, anything else → none.
LegacyFont legacy_font(std::string_view families);
// The legacy font a CSS `font` shorthand selects: the first legacy family named in it.
LegacyFont legacy_font_in_shorthand(std::string_view value);
// Whether a text (a whole page) names a legacy font anywhere (".VnTime…", "VNI-…"); `which`
// is the first one found.
bool mentions_legacy_font(std::string_view text, LegacyFont& which);
// Counts the mentions of TCVN3 and VNI fonts in a text.
void count_legacy_fonts(std::string_view text, std::size_t& tcvn3, std::size_t& vni);
// The Unicode font that replaces a legacy one in the view ("Times New Roman", "Arial").
std::string unicode_font_for(std::string_view legacy_family);
// Rewrites a font-family list / face value, replacing each legacy family with its Unicode
// counterpart; returns the input unchanged when none is present.
std::string replace_legacy_fonts(std::string_view families);

// Converts bytes in a legacy font to UTF-8 (not yet NFC: TCVN3 has combining marks at
// 0xB0-0xB4). Bytes below 0x80 are ASCII. `capitals` upper-cases the result (.VnTimeH fonts draw
// every letter as a capital).
std::string tcvn3_to_utf8(std::string_view bytes, bool capitals);
std::string vni_to_utf8(std::string_view bytes);
// Windows-1252 (the WHATWG meaning of "iso-8859-1"), byte by byte.
std::string windows1252_to_utf8(std::string_view bytes);
char32_t windows1252_code_point(unsigned char b);

}  // namespace xasite::archive
