// pdf_text(): the text layer of a PDF through poppler-cpp, page by page (physical layout, so the
// two header columns come side by side on one line, which the extractor splits at the column gap).
// Pages are separated by a form feed.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <array>
#include <fstream>
#include <memory>
#include <mutex>

#include "core/error.hpp"
#include "generator/directives/directive.hpp"

namespace xasite::directives {

namespace {

void quiet(const std::string&, void*) {}

}  // namespace

std::string pdf_text(const std::filesystem::path& pdf) {
    const std::string where = pdf.string();
    {
        std::ifstream in(pdf, std::ios::binary);
        if (!in) throw InputError(where, "cannot be read");
        std::array<char, 1024> head{};
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        std::string_view got(head.data(), static_cast<std::size_t>(in.gcount()));
        if (got.find("%PDF-") == std::string_view::npos)
            throw InputError(where, "is not a PDF file (no %PDF- signature)");
    }
    static std::once_flag silenced;
    std::call_once(silenced, [] { poppler::set_debug_error_function(quiet, nullptr); });

    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(where));
    if (!doc) throw InputError(where, "is not a readable PDF (damaged or truncated)");
    if (doc->is_locked())
        throw InputError(where, "is encrypted with a password: its text cannot be read");
    int pages = doc->pages();
    if (pages <= 0) throw InputError(where, "has no pages");
    std::string out;
    for (int i = 0; i < pages; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) continue;
        poppler::byte_array bytes = page->text().to_utf8();
        if (i > 0) out += "\n\f";
        out.append(bytes.data(), bytes.size());
    }
    bool any_text = false;
    for (char c : out)
        any_text = any_text || !(c == ' ' || c == '\n' || c == '\f' || c == '\r' || c == '\t');
    if (!any_text)
        throw InputError(
            where, "has no text layer (a scanned image?): provide its text as a .txt or .md file");
    return out;
}

}  // namespace xasite::directives
