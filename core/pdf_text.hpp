// The text layer of a PDF through poppler-cpp (library xasite_core_pdf, so that only the binaries
// that read PDFs link poppler). poppler's own debug output is silenced.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poppler {
class document;
}

namespace xasite::pdf {

// True when `head` (the first bytes of a file) holds the "%PDF-" signature within its first
// `window` bytes.
bool has_signature(std::string_view head, std::size_t window = 5);

class Document {
  public:
    enum class Status { ok, unreadable, locked };

    // Loads a PDF from memory (the bytes are copied). May throw std::exception from poppler.
    explicit Document(std::string_view bytes);
    ~Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    Status status() const { return status_; }
    int pages() const;
    // Document information "Title" as UTF-8 (not normalised), "" when absent.
    std::string title() const;
    // The text of page i (0-based) as UTF-8 in physical layout (not normalised or checked);
    // nullopt when the page cannot be created.
    std::optional<std::string> page_text(int i) const;

  private:
    std::vector<char> data_;  // poppler reads from it for the document's lifetime
    std::unique_ptr<poppler::document> doc_;
    Status status_ = Status::unreadable;
};

}  // namespace xasite::pdf
