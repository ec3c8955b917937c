// Text of a PDF attachment for the search index (poppler-cpp). Never throws: a damaged or
// encrypted PDF gives empty text and a note.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace xasite::archive {

struct PdfText {
    std::string title;  // document information "Title", NFC, may be empty
    std::string text;   // NFC UTF-8, whitespace tidied, at most max_chars bytes
    std::size_t pages = 0;
    std::string note;  // why no text came out, when none did
};

PdfText extract_pdf_text(std::string_view pdf, std::size_t max_chars = 1 << 20);

}  // namespace xasite::archive
