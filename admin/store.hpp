// A commune's content as the editor sees it: the Markdown pages of content/units/<code>/ (news,
// schedules, pages, …), written in exactly the format `xasite build` reads (generator/content/
// pages.hpp), its contacts (unit.json), and uploaded files. Every path is built here from a
// validated unit code and a server-made slug; nothing a request names reaches the file system.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::admin {

// The sections the editor writes, with their Vietnamese names.
struct SectionInfo {
    std::string_view key;   // front matter `section:`
    std::string_view name;  // "Tin tức"
    bool dated;             // has a date
};
const std::vector<SectionInfo>& editor_sections();
const SectionInfo* find_section(std::string_view key);

// Whether `s` is a slug the server may have made: 1..80 of [a-z0-9-], no leading or trailing '-'.
bool valid_slug(std::string_view s);
// Whether `s` is a unit code: 1..10 ASCII digits.
bool valid_unit_code(std::string_view s);

struct PageFields {
    std::string section = "tin-tuc";
    std::string title;
    std::string date;  // YYYY-MM-DD or ""
    std::string description;
    std::string body;  // Markdown
    bool draft = true;
};

struct PageItem {
    std::string slug;  // the file name without .md
    PageFields fields;
    std::string error;  // the parser's message when the file does not parse
};

// Normalises form input: valid UTF-8 required, NFC, CRLF → LF, title on one line, trimmed.
// Returns the first problem in Vietnamese ("" when the fields are good).
std::string normalise(PageFields& fields);

// The file's text: front matter (strings as double-quoted YAML scalars) and the body. When
// `previous` (the file as it was) is given, the keys of its front matter the editor does not
// write (tags, weight, menu, author, updated, slug…) are kept as they were.
std::string page_text(const PageFields& fields, std::string_view previous = {});

class UnitStore {
  public:
    UnitStore(std::filesystem::path content_dir, std::string unit_code);

    const std::string& unit() const { return unit_; }
    // content/units/<code>/ relative to the content tree, and the paths below it.
    std::filesystem::path unit_rel() const;
    std::filesystem::path page_rel(std::string_view slug) const;  // units/<code>/<slug>.md
    std::filesystem::path contacts_rel() const;                   // units/<code>/unit.json
    std::filesystem::path abs(const std::filesystem::path& rel) const { return content_ / rel; }

    // Every Markdown page of the unit (sorted by date, newest first, then slug).
    std::vector<PageItem> list() const;
    std::optional<PageItem> read(std::string_view slug) const;
    // A slug for a new page: the title's slug (core/text), made unique among the unit's files and
    // never a section folder of the site; "trang" when the title has no letter or digit.
    std::string new_slug(std::string_view title) const;

  private:
    std::filesystem::path content_;
    std::string unit_;
};

// Removes the "draft: true" line of a page's front matter (publishing). Unchanged text when the
// page is not a draft.
std::string without_draft(std::string_view text);
// Adds "draft: true" to the front matter when it has none.
std::string with_draft(std::string_view text);

// --- uploads ---------------------------------------------------------------------------------

enum class FileKind { none, pdf, docx, text, png, jpeg, gif, webp };
// What the bytes are, from their content (magic numbers; a DOCX is a ZIP holding
// word/document.xml; text is valid UTF-8 without NUL or other control bytes than tab, CR, LF).
FileKind sniff(std::string_view bytes);
const char* extension_of(FileKind kind);  // ".pdf", ".png", …
bool is_image(FileKind kind);
// The text of a DOCX (word/document.xml: paragraphs as lines). Throws std::runtime_error.
std::string docx_text(std::string_view bytes);

}  // namespace xasite::admin
