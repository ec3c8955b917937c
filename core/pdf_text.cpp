#include "core/pdf_text.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <mutex>

namespace xasite::pdf {

namespace {

void quiet(const std::string&, void*) {}

std::string utf8_of(const poppler::ustring& s) {
    auto bytes = s.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

}  // namespace

bool has_signature(std::string_view head, std::size_t window) {
    return head.substr(0, window).find("%PDF-") != std::string_view::npos;
}

Document::Document(std::string_view bytes) : data_(bytes.begin(), bytes.end()) {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(quiet, nullptr); });
    doc_.reset(poppler::document::load_from_raw_data(data_.data(), static_cast<int>(data_.size())));
    if (!doc_)
        status_ = Status::unreadable;
    else if (doc_->is_locked())
        status_ = Status::locked;
    else
        status_ = Status::ok;
}

Document::~Document() = default;

int Document::pages() const {
    return doc_ ? doc_->pages() : 0;
}

std::string Document::title() const {
    return doc_ ? utf8_of(doc_->info_key("Title")) : std::string();
}

std::optional<std::string> Document::page_text(int i) const {
    if (!doc_) return std::nullopt;
    std::unique_ptr<poppler::page> page(doc_->create_page(i));
    if (!page) return std::nullopt;
    return utf8_of(page->text());
}

}  // namespace xasite::pdf
