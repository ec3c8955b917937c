#include "archive/view/pdf_text.hpp"

#include "core/pdf_text.hpp"
#include "core/text.hpp"

namespace xasite::archive {

PdfText extract_pdf_text(std::string_view pdf, std::size_t max_chars) {
    PdfText r;
    if (pdf.size() < 5 || pdf.substr(0, 5) != "%PDF-") {
        r.note = "not a PDF";
        return r;
    }
    try {
        pdf::Document doc(pdf);
        if (doc.status() == pdf::Document::Status::unreadable) {
            r.note = "PDF cannot be read";
            return r;
        }
        if (doc.status() == pdf::Document::Status::locked) {
            r.note = "PDF is encrypted";
            return r;
        }
        r.title = text::tidy(text::nfc(doc.title()));
        if (!text::is_valid_utf8(r.title)) r.title.clear();
        int n = doc.pages();
        r.pages = n > 0 ? static_cast<std::size_t>(n) : 0;
        std::string all;
        for (int i = 0; i < n && all.size() < max_chars; ++i) {
            std::optional<std::string> t = doc.page_text(i);
            if (!t || !text::is_valid_utf8(*t)) continue;
            all += *t;
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
