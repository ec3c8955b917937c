// pdf_text(): the text layer of a PDF through poppler-cpp, page by page (physical layout, so the
// two header columns come side by side on one line, which the extractor splits at the column gap).
// Pages are separated by a form feed.
#include <fstream>
#include <iterator>

#include "core/error.hpp"
#include "core/pdf_text.hpp"
#include "generator/directives/directive.hpp"

namespace xasite::directives {

std::string pdf_text(const std::filesystem::path& pdf) {
    const std::string where = pdf.string();
    std::ifstream in(pdf, std::ios::binary);
    if (!in) throw InputError(where, "cannot be read");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!pdf::has_signature(bytes, 1024))
        throw InputError(where, "is not a PDF file (no %PDF- signature)");

    pdf::Document doc(bytes);
    if (doc.status() == pdf::Document::Status::unreadable)
        throw InputError(where, "is not a readable PDF (damaged or truncated)");
    if (doc.status() == pdf::Document::Status::locked)
        throw InputError(where, "is encrypted with a password: its text cannot be read");
    int pages = doc.pages();
    if (pages <= 0) throw InputError(where, "has no pages");
    std::string out;
    for (int i = 0; i < pages; ++i) {
        std::optional<std::string> page = doc.page_text(i);
        if (!page) continue;
        if (i > 0) out += "\n\f";
        out += *page;
    }
    bool any_text = false;
    for (char c : out)
        any_text = any_text || !(c == ' ' || c == '\n' || c == '\f' || c == '\r' || c == '\t');
    if (!any_text)
        throw NoTextLayer(
            where, "has no text layer (a scanned image?): provide its text as a .txt or .md file");
    return out;
}

}  // namespace xasite::directives
