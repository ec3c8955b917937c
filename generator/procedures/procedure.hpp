// The normalised administrative-procedure (thủ tục hành chính) record: every component of
// NĐ 63/2010 Điều 8 k2 (as amended by NĐ 92/2017) plus what the sites need (status, online level,
// boundary-free flag, publishing decision, provenance). One JSON file per record in
// content/procedures/<code>.json; the schema is documented in docs/CONTENT.md.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace xasite::procedures {

enum class Detail { catalog, full };  // catalog-only (code, name, field) or a full record
enum class Status { in_force, replaced, abolished };  // hiệu lực / thay thế / bãi bỏ
enum class OnlineLevel {
    none,
    partial,
    full
};  // không / một phần / toàn trình (NĐ 42/2022 Điều 11)
enum class Channel { in_person, online, post };  // Trực tiếp / Trực tuyến / Dịch vụ bưu chính
enum class Level {
    commune,
    province,
    ministry,
    vertical,
    other
};  // Xã/Phường, Tỉnh, Bộ, Ngành dọc, khác

struct ChannelInfo {
    Channel channel = Channel::in_person;
    std::string time_text;             // verbatim, e.g. "5 ngày làm việc", "Theo mô tả"
    std::optional<double> time_value;  // parsed helper: 5
    std::string time_unit;  // parsed helper: "ngày làm việc" | "ngày" | "giờ" | ...
    std::string fee_text;   // verbatim, never truncated ("Lệ phí : 0 Đồng ...")
    std::string description;
};

struct Form {  // mẫu đơn, tờ khai
    std::string name;
    std::string url;  // may be empty when the source names the form but gives no link
};

struct DossierItem {
    std::string name;
    std::optional<int> originals;  // bản chính
    std::optional<int> copies;     // bản sao
    std::string note;
    std::vector<Form> forms;
};

// Whether a dossier case lists papers to hand in or papers to show, as its name says
// ("Giấy tờ phải nộp" / "Giấy tờ phải xuất trình"); unspecified otherwise.
enum class DossierKind { submit, present, unspecified };

struct DossierCase {   // thành phần hồ sơ, grouped by trường hợp
    std::string name;  // "" when the source has a single unnamed group; no leading bullet or ':'
    std::vector<DossierItem> items;
    std::string note;  // a note on the whole group ("Mỗi loại giấy tờ cần 1 bản chính…"); often ""
    DossierKind kind = DossierKind::unspecified;
    // Entries the source lists as items but which are notes, not papers ("Trường hợp … thì không
    // phải nộp …", everything under "* Lưu ý:"), in source order, without a leading bullet.
    std::vector<std::string> notes;
};

struct Step {
    std::string title;  // "Bước 1" or a heading; may be empty
    std::string text;   // verbatim, without its list marker; may be empty when substeps hold all
    std::vector<std::string> substeps;  // "(i)", "a)", "+ " items of the step, markers removed
};

struct LegalDoc {        // căn cứ pháp lý
    std::string number;  // số hiệu, e.g. "04/2020/TT-BTP"
    std::string title;   // trích yếu / tên
    std::string date;    // "YYYY-MM-DD" or "" when unknown
    std::string issuer;
};

struct Decision {        // the publishing decision (quyết định công bố)
    std::string number;  // "Quyết định số 6225/QĐ-BQP" as given, or "QĐ/0001-BTP"
    std::string date;    // "YYYY-MM-DD" or ""
    std::string agency;
};

struct Source {        // where the record came from
    std::string kind;  // "catalog-1350" | "dvc-api" | "dvc-word-export" | "html-summary"
    std::string file;  // path relative to the import root, e.g. "catalog-1350/catalog.json"
    std::string note;  // provenance note (repository and commit)
};

struct Procedure {
    std::string code;  // national code "1.001193" (kept as published, even when malformed)
    std::string name;
    std::string field;  // lĩnh vực
    Detail detail = Detail::catalog;
    Status status = Status::in_force;
    std::string replaced_by;     // ma_thay_the
    std::string status_reason;   // ly_do
    std::vector<Level> levels;   // cấp thực hiện; empty when unknown
    std::string procedure_type;  // loại thủ tục (free text)
    std::string executing_agency, competent_agency, authorised_agency, coordinating_agency;
    std::string receiving_address;
    std::vector<std::string> subjects;  // đối tượng thực hiện
    std::vector<Step> steps;
    std::vector<ChannelInfo> channels;
    std::vector<DossierCase> dossier;
    std::string result;                     // kết quả thực hiện
    std::vector<std::string> requirements;  // yêu cầu, điều kiện
    std::vector<LegalDoc> legal_basis;
    std::vector<Form> forms;  // forms not tied to one dossier item
    OnlineLevel online_level = OnlineLevel::none;
    std::optional<bool> boundary_free;  // không phụ thuộc địa giới hành chính; nullopt = not stated
    bool inter_agency = false;  // liên thông
    std::optional<Decision> decision;
    std::string portal_url;  // deep link on dichvucong.gov.vn when the source gives one
    std::string online_url;  // the portal's "nộp hồ sơ" (file online) link, when given
    std::string keywords;
    std::string description;
    std::vector<Source> sources;
    std::string updated;  // "YYYY-MM-DD": when the source last changed, or "" when unknown
};

const char* to_string(Detail);
const char* to_string(Status);
const char* to_string(OnlineLevel);
const char* to_string(Channel);
const char* to_string(Level);
const char* to_string(DossierKind);

// JSON (de)serialisation of the record schema. from_json validates: required fields (code, name,
// field), enum values, types. Errors are thrown as InputError naming `path` and the field.
nlohmann::json to_json(const Procedure& p);
Procedure from_json(const nlohmann::json& j, const std::filesystem::path& path);

// The exact bytes of a record file: to_json(p).dump(2) and a trailing newline.
std::string to_json_text(const Procedure& p);

// A code usable as a file name and URL segment: 1–64 of [0-9A-Za-z.-_], not starting with '.'.
// Malformed national codes such as "1.0133611" are valid here (they are kept as published).
bool is_valid_code(std::string_view code);

// parse_json (file:line:col on syntax errors) that also reports number overflow ("1e999", which
// nlohmann raises as out_of_range, not parse_error) as InputError.
nlohmann::json parse_json_strict(std::string_view text, const std::filesystem::path& path);

// Loads every content/procedures/*.json (sorted by file name). Rejects duplicate codes naming
// both files, invalid UTF-8, malformed JSON (file:line:col) and missing required fields.
std::vector<Procedure> load_directory(const std::filesystem::path& dir);

}  // namespace xasite::procedures
