#include "archive/view/pdf_text.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>
#include <mutex>
#include <vector>

#include "core/text.hpp"

namespace xasite::archive {

namespace {

void quiet(const std::string&, void*) {}

std::string utf8_of(const poppler::ustring& s) {
    auto bytes = s.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

}  // namespace

PdfText extract_pdf_text(std::string_view pdf, std::size_t max_chars) {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(quiet, nullptr); });
    PdfText r;
    if (pdf.size() < 5 || pdf.substr(0, 5) != "%PDF-") {
        r.note = "not a PDF";
        return r;
    }
    try {
        std::vector<char> data(pdf.begin(), pdf.end());
        std::unique_ptr<poppler::document> doc(
            poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
        if (!doc) {
            r.note = "PDF cannot be read";
            return r;
        }
        if (doc->is_locked()) {
            r.note = "PDF is encrypted";
            return r;
        }
        r.title = text::tidy(text::nfc(utf8_of(doc->info_key("Title"))));
        if (!text::is_valid_utf8(r.title)) r.title.clear();
        int n = doc->pages();
        r.pages = n > 0 ? static_cast<std::size_t>(n) : 0;
        std::string all;
        for (int i = 0; i < n && all.size() < max_chars; ++i) {
            std::unique_ptr<poppler::page> p(doc->create_page(i));
            if (!p) continue;
            std::string t = utf8_of(p->text());
            if (!text::is_valid_utf8(t)) continue;
            all += t;
            all.push_back('\n');
        }
        r.text = text::tidy(text::nfc(all));
        if (r.text.size() > max_chars) {
            std::size_t cut = max_chars;
            while (cut > 0 && (static_cast<unsigned char>(r.text[cut]) & 0xC0) == 0x80)
                --cut;
            r.text.resize(cut);
        }
        if (r.text.empty()) r.note = "PDF has no text layer (scanned?)";
    } catch (const std::exception& e) {
        r.note = std::string("PDF cannot be read: ") + e.what();
    }
    return r;
}

}  // namespace xasite::archive
