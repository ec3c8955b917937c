// Text decoding for the view: which encoding a captured page or stylesheet is in, and its text
// as NFC UTF-8. For HTML, in order: a byte-order mark; the HTTP charset; <meta charset> or
// http-equiv Content-Type (prescan of the first 16 KiB); font-encoded Vietnamese (TCVN3, VNI:
// converted by the font in effect for each text run, ARCHIVE.md §4) when the page names such fonts
// and is not valid UTF-8; otherwise UTF-8 when valid, else Windows-1258 when its Vietnamese letters
// or combining tone marks occur, else Windows-1252. Windows-1258 goes through ICU and then NFC
// (its tone marks are combining characters); NFD pages are composed to NFC.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xasite::archive {

struct DecodedText {
    std::string text;      // NFC UTF-8
    std::string encoding;  // "utf-8", "windows-1258", "windows-1252", "tcvn3", "vni", "utf-16le"…
    std::string source;    // "bom", "http", "meta", "css", "font", "detected"
    std::vector<std::string> notes;
};

// Canonical name for a charset label ("" when unknown): utf-8, windows-1258, windows-1252
// (iso-8859-1, latin1 and us-ascii as browsers read them), utf-16le/be, tcvn3, vni, or the
// label lower-cased when ICU knows it.
std::string normalise_charset_label(std::string_view label);

// The charset a <meta> declares in the first bytes of an HTML document (WHATWG prescan,
// simplified), lower-cased; "" when none.
std::string prescan_meta_charset(std::string_view html);

// Transcodes bytes from a canonical encoding to UTF-8 (not NFC). Throws std::runtime_error for an
// encoding neither ICU nor the built-in tables know.
std::string to_utf8(std::string_view bytes, std::string_view encoding);

DecodedText decode_html(std::string_view bytes, std::string_view http_charset);
// Stylesheets and plain text: BOM, HTTP charset, @charset, then the same detection.
DecodedText decode_text(std::string_view bytes, std::string_view http_charset);

}  // namespace xasite::archive
