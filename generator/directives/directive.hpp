// Official documents (công văn, kế hoạch, quyết định, thông báo…; NĐ 30/2020/NĐ-CP): metadata read
// from their text. `extract` is one pure function from text to metadata, tolerant of the way real
// PDF/Word extractions look: the two header columns interleaved, blank numbers and days in
// unsigned copies, page numbers and footnotes inside the body, words split across lines, NFD or
// NFC, the header sometimes cut off.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace xasite::directives {

// A date as far as the text gives it: "ngày   tháng 6 năm 2025" has year and month only.
struct PartialDate {
    int year = 0, month = 0, day = 0;  // 0 = not given
    bool empty() const { return year == 0; }
    // "2025-06-14", "2025-06", "2025", or "" when there is no year.
    std::string iso() const;
};

struct Signer {
    std::string authority;  // "KT." | "TM." | "TL." | "TUQ." | "Q." | "" (signs in own right)
    std::vector<std::string>
        authority_lines;  // ["KT. CHỦ TỊCH"] or ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    std::string position;  // "PHÓ CHỦ TỊCH" as written
    std::string name;      // "Nguyễn Tuấn Hà"
};

struct Footnote {
    std::string label;  // "1"
    std::string text;
};

// The body with its structure, for rendering: headings (I., II. / 1., 2. / a), b)), paragraphs,
// bullet items ("- …", "+ …"), with footnote references kept as [^label] markers in the text.
struct Block {
    enum class Kind { heading, paragraph, bullet } kind = Kind::paragraph;
    int level = 0;       // heading: 1 = "I.", 2 = "1.", 3 = "a)"; bullet: nesting 1 = "-", 2 = "+"
    std::string marker;  // "I.", "1.", "a)", "-", "+" as written ("" for paragraphs)
    std::string text;
};

struct Metadata {
    std::string type;  // "Công văn", "Kế hoạch", "Quyết định", "Thông báo", … (NĐ 30/2020 Điều 7)
    std::string type_abbr;  // "KH", "QĐ", "TB", … ("" for công văn, which has no type abbreviation)
    std::optional<std::string> number;  // normalised ("156" from "0156"); nullopt when blank
    std::string number_raw;             // as written ("0156", "" when blank)
    std::string symbol;  // "KH-UBND", "UBND-NVKS", "2024/QĐ-UBND" (year kept for VBQPPL)
    std::string place;   // "Đắk Lắk"
    PartialDate date;
    std::string
        issuer;  // the issuing body as written in the header, e.g. "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"
    std::string
        issuer_parent;    // the line above it where there is one ("UBND XÃ EA KAR" over a phòng)
    std::string subject;  // trích yếu: the V/v… lines or the lines under the type title, joined
    std::vector<std::string> recipients;  // Kính gửi: one or many, list markers and ";" "." removed
    Signer signer;
    std::vector<std::string> distribution;  // Nơi nhận
    bool draft = false;                     // "DỰ THẢO"
    std::string secrecy;                    // "" | "MẬT" | "TỐI MẬT" | "TUYỆT MẬT"
    std::string urgency;                    // "" | "KHẨN" | "THƯỢNG KHẨN" | "HỎA TỐC"
    std::vector<Block> body;                // cleaned: page numbers removed, split words joined
    std::vector<Footnote> footnotes;
    std::vector<std::string>
        procedure_codes;                // national procedure codes cited in the text ("1.001193")
    std::vector<std::string> warnings;  // what could not be read, in words
};

// Pure: text in any normalisation form; never throws on any input; returns partial metadata.
Metadata extract(std::string_view text);

// A PDF with pages but no text layer (a scanned image): read_document publishes it as an
// image-only document; `directive inspect` reports it.
class NoTextLayer : public InputError {
  public:
    using InputError::InputError;
};

// Text of a PDF through poppler-cpp (page by page, in reading order). Throws InputError naming the
// file when it is not a readable PDF, NoTextLayer when it has no text layer (a scan).
std::string pdf_text(const std::filesystem::path& pdf);

// Thrown (by callers that publish) for documents marked MẬT / TỐI MẬT / TUYỆT MẬT.
bool must_not_publish(const Metadata& m);

// The JSON of `xasite directive inspect --json` (DESIGN §3), plus the extra keys documented in
// docs/DIRECTIVES.md: {"file", "type", "number", "symbol", "date" ("YYYY-MM-DD" | "YYYY-MM" |
// "YYYY" | null), "place", "issuer", "subject", "recipients", "signer": {"name", "position",
// "authority"}, "distribution", "draft", …}.
nlohmann::json to_json(const Metadata& m, const std::string& file);

// The body as HTML: headings as <h2>/<h3>/<h4>, bullets as <ul>, paragraphs, footnote references as
// links to a footnote list at the end. Everything is escaped.
std::string body_html(const Metadata& m);

// A document file as the site publishes it: .txt (extracted text), .md (YAML front matter whose
// keys override extracted fields, then the text), or .pdf (text through poppler; the PDF itself is
// the downloadable original).
//
//   .md front matter keys (all optional): type, number, symbol, date (YYYY-MM-DD | YYYY-MM | YYYY),
//   place, issuer, subject, recipients (list), signer {name, position, authority}, distribution
//   (list), draft (bool), units ("all" or a list of new unit codes: where to publish), slug.
struct Document {
    std::filesystem::path source;
    std::string text;  // the text the metadata was read from (NFC)
    Metadata meta;     // extracted, then overridden by front matter
    std::vector<std::string>
        units;  // front matter "units" as written (codes, or "all"); empty = decide from recipients
    std::string slug;  // front matter "slug", else "" (the site derives one)
    // A PDF without a text layer (a scan): published with its PDF and a "văn bản dạng ảnh" note;
    // its text and metadata are empty (never guessed), meta.warnings says so.
    bool image_only = false;
};

// Reads .txt/.md/.pdf. Throws InputError naming the file (and line for front matter) on unreadable
// files, invalid UTF-8, bad front matter, unknown extensions; a PDF without a text layer is not an
// error (image_only). Secret documents are returned with
// meta.secrecy set; publishing code must refuse them (must_not_publish).
Document read_document(const std::filesystem::path& path);

// `xasite directive inspect [--json] FILE…`: prints the metadata of each file (.txt, .md, .pdf).
// Returns 0 when every file was read, 1 otherwise (messages name the file).
int run_inspect(const std::vector<std::filesystem::path>& files, bool json, std::ostream& out,
                std::ostream& err);

}  // namespace xasite::directives
