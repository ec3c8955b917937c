// `xasite new <kind> --unit CODE "Tiêu đề"`: a new content file from an archetype.
//
//   kind           writes                                   front matter
//   tin-tuc        content/units/<code>/<slug>.md           section: tin-tuc, date, draft: true
//   lich-cong-tac  content/units/<code>/<slug>.md           section: lich-cong-tac, date, draft:
//   true trang          content/units/<code>/<slug>.md           section: trang, draft: true
//   van-ban        content/directives/<slug>.md             type, date, issuer, subject, units
//
// A directive has no unpublished state: its `draft:` means a draft *document* (the "Dự thảo"
// mark), so the van-ban archetype writes no `draft:` and the result carries a note that the
// document is published by the next build.
//
// The archetypes are data: the embedded defaults (archetypes/<kind>.md) or the content tree's
// content/archetypes/<kind>.md. Placeholders {{title}} {{date}} {{slug}} {{unit}} {{unit_name}}
// {{author}} {{issuer}} are replaced (values with `"` and `\` escaped for YAML double quotes).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace xasite::authoring {

struct NewOptions {
    std::string kind;  // tin-tuc | lich-cong-tac | trang | van-ban
    std::string unit;  // a new unit code of the registry
    std::filesystem::path content_dir = "content";
    std::string title;
    std::string today;  // YYYY-MM-DD; empty = the local date
};

struct NewResult {
    std::filesystem::path path;      // the file written
    std::string archetype;           // where the archetype came from (for messages)
    std::vector<std::string> notes;  // for staff, in Vietnamese
};

// The kinds `xasite new` knows, in the order of its help text.
const std::vector<std::string>& archetype_kinds();

// The archetype's text: content/archetypes/<kind>.md when present, else the embedded default.
// `origin` receives where it came from.
std::string archetype_text(const std::filesystem::path& content_dir, std::string_view kind,
                           std::string& origin);

// Replaces the placeholders {{name}} by values (escaped for YAML double quotes).
std::string fill_archetype(std::string_view text,
                           const std::vector<std::pair<std::string, std::string>>& values);

// Writes the new file. Throws InputError (message in Vietnamese, naming the file) for an unknown
// kind or unit code, a title without letters or digits, a file that already exists (never
// overwritten), a target outside the content tree.
NewResult create_content(const NewOptions& options);

// Today's local date, YYYY-MM-DD.
std::string local_date_today();

}  // namespace xasite::authoring
