// Internal to xasite_procedures (and its fuzz target): one parser per input format, and the text
// helpers they share. The public entry points are in import.hpp.
//
// Every parser returns records whose text is NFC and trimmed, with the portal's "Không có thông
// tin" (no information) turned into "". Values that are missing or empty make a warning and the
// record is skipped or repaired; a value of the wrong JSON type is an InputError naming the file,
// the record and the field, because the export itself is then broken.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_fields.hpp"

#include "generator/procedures/procedure.hpp"

namespace xasite::procedures::importers {

using Warnings = std::vector<std::string>;

// Source kinds, in merge priority order (first wins for each component; see import.cpp).
inline constexpr const char* kKindDvcApi = "dvc-api";
inline constexpr const char* kKindWordExport = "dvc-word-export";
inline constexpr const char* kKindHtmlSummary = "html-summary";
inline constexpr const char* kKindCatalog = "catalog-1350";

// One input file.
struct Origin {
    std::string display;  // the path as shown in warnings and errors
    std::string file;     // Source.file: the path relative to the import root
    std::string note;     // Source.note prefix: repository and commit when known, else ""
};

// ---- text helpers (import_text.cpp) ---------------------------------------------------------

// NFC, trimmed; "Không có thông tin" (with or without a final '.') becomes "".
std::string clean(std::string_view s);
// Like clean() and also collapses runs of whitespace (for text taken from HTML).
std::string clean_collapsed(std::string_view s);
// A national procedure code as usually published: one digit, '.', six digits ("1.001193").
bool is_national_code(std::string_view code);
// "Trực tiếp" → in_person, "Trực tuyến" → online, "Bưu chính"/"Dịch vụ bưu chính" → post.
std::optional<Channel> channel_of(std::string_view text);
// Every channel a heading names, in enum order: "Nộp Trực Tiếp / Bưu Chính" → in_person, post.
std::vector<Channel> channels_named_in(std::string_view text);
// "Xã/Phường", "Cấp Xã" → commune; "Tỉnh" → province; "Bộ" → ministry; "Ngành dọc" → vertical;
// "Cơ quan khác" → other; anything else → nullopt.
std::optional<Level> level_of(std::string_view text);
// Sorts by enum order and removes duplicates.
void normalise_levels(std::vector<Level>& levels);
// Stable sort by channel (in_person, online, post).
void sort_channels(std::vector<ChannelInfo>& channels);
// partial when some channel is online, else none ("toàn trình" only where a source says so).
OnlineLevel online_level_of(const std::vector<ChannelInfo>& channels);

// Parsed helper for a processing time: "30 Ngày làm việc" → {30, "ngày làm việc"}, "0.5 Giờ" →
// {0.5, "giờ"}, "1" → {1, ""}. Ranges ("10-25"), words ("Trong ngày") and text that does not
// start with a number give no value.
struct Duration {
    std::optional<double> value;
    std::string unit;
};
Duration parse_duration(std::string_view text);

// Splits "A, B (x, y), Cán bộ, công chức, viên chức" on commas and semicolons outside
// parentheses, keeping the DVC subject type "Cán bộ, công chức, viên chức" whole; drops a final
// '.', empty parts and repeats.
std::vector<std::string> split_subjects(std::string_view text);

// The first document number in text ("Quyết định số 12/2021/QĐ-TTg ngày …" → "12/2021/QĐ-TTg");
// with `leading` set, only a number that starts with leading + "/". "" when there is none.
std::string find_document_number(std::string_view text, std::string_view leading = {});

// "24-03-2021", "24/3/2021" → "2021-03-24"; "" when the text is not such a date.
std::string dmy_to_iso(std::string_view text);
// "YYYY-MM-DD" as is, or a day-month-year date converted; "" otherwise.
std::string any_date_to_iso(std::string_view text);

// Type-checked access to one object of a source file, lenient about strings and numbers (the
// portals mix them). Errors are those of core/json_fields.hpp:
// "<where>: field \"methods[2].submission_method\": expected a string, got number".
class SourceRecord {
  public:
    // Throws InputError when `value` is not an object.
    SourceRecord(const nlohmann::json& value, std::string where, std::string prefix = {});

    // Missing or null → ""; a string → clean(); a number → its decimal text; other types throw.
    std::string text(const char* key) const;
    // Missing or null → nullopt; a number, or a string holding only a number; other types throw.
    std::optional<double> number(const char* key) const;
    // Missing or null → false; true/false or a number (non-zero is true); other types throw.
    bool flag(const char* key) const;
    // Missing or null → nullptr; other non-arrays throw.
    const nlohmann::json* array(const char* key) const;
    // The i-th element of an array field as a record (throws when it is not an object).
    SourceRecord element(const char* key, const nlohmann::json& value, std::size_t index) const;
    // A nested object; missing or null gives an empty record.
    SourceRecord object(const char* key) const;
    bool has(const char* key) const;

    const std::string& where() const { return fields_.where(); }
    [[noreturn]] void fail(std::string_view key, const std::string& what) const {
        fields_.fail(key, what);
    }

  private:
    const nlohmann::json* find(const char* key) const { return fields_.find(key); }

    JsonFields fields_;
};

// ---- structure from running text (import_structure.cpp) -----------------------------------

// Splits a step text into Steps and substeps on its list markers ("Bước N:", "- ", "1.", "(i)",
// "a)", "+ "; the rules are at the top of import_structure.cpp). The pieces are the text between
// the markers, trimmed: joined in order they give the text without its markers and the
// whitespace around them. An empty text gives no steps.
std::vector<Step> split_steps(std::string_view text);
// split_steps() on every step a parser read. A step the source titled stays one step (its items
// become substeps) unless its text has "Bước" markers; its title loses a leading bullet.
std::vector<Step> structure_steps(std::vector<Step> source);
// For each channel whose time text is a bare number ("1"): the unit of the stated durations of
// the same record with that value ("1 ngày làm việc"), when they all state the same unit.
// time_text is kept as published; nothing is set when no duration, or more than one unit, fits.
void fill_bare_time_units(std::vector<ChannelInfo>& channels, const std::vector<Duration>& stated);
// "- Giấy tờ", "+ Giấy tờ", "* Giấy tờ" → "Giấy tờ" (one leading bullet and the space after it).
std::string strip_bullet(std::string_view name);
// Case names without bullet and final ':'; kind from the name ("Giấy tờ phải nộp" → submit,
// "Giấy tờ phải xuất trình" → present); items without counts (none, or 0 and 0), forms or note
// that read as notes ("Lưu ý …", "Trường hợp … thì …", or anything in a case named "Lưu ý") move
// to the case's notes, in order; item names lose a leading bullet.
void structure_dossier(std::vector<DossierCase>& dossier);

// ---- parsers --------------------------------------------------------------------------------

// catalog-1350/catalog.json: a JSON array of {code, name, field} → catalog-only records.
// Records without code, name or field are skipped with a warning.
std::vector<Procedure> parse_catalog(const nlohmann::json& document, const Origin& origin,
                                     Warnings& warnings);

// National-portal API records, one JSON object per line (catalog-1350/full-records.jsonl).
// Blank lines are ignored; a malformed line is an InputError "file:line:col".
std::vector<Procedure> parse_dvc_api_lines(std::string_view text, const Origin& origin,
                                           Warnings& warnings);
// One API record (`where` names it in messages, e.g. "file.jsonl:5"); nullopt when it has no
// proc_id or no name.
std::optional<Procedure> parse_dvc_api_record(const nlohmann::json& record, const Origin& origin,
                                              const std::string& where, Warnings& warnings);

// A Word-export record (nhdandz …/extracted_fixed/<code>.json); nullopt when it has no code or
// name.
std::optional<Procedure> parse_word_export(const nlohmann::json& document, const Origin& origin,
                                           Warnings& warnings);

// A hand-made HTML procedure page (phamhungVpdklk-TTHC-2228/<code>[.H19].html), parsed with
// gumbo. nullopt (with a warning naming the file) when the page has no <h1> title or no
// "Mã TTHC: …". The field is left "" unless the page names one: import_sources() takes it from
// the catalog or the list page (index.html).
std::optional<Procedure> parse_html_page(std::string_view html, const Origin& origin,
                                         Warnings& warnings);
// The list page of that site states the field of every page ("Lĩnh vực Đất đai" → "Đất đai");
// "" when it does not.
std::string parse_html_index_field(std::string_view html);

}  // namespace xasite::procedures::importers
