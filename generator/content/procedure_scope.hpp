// content/procedure-scope.json: which procedures a commune site lists, as data the province edits
// (docs/CONTENT.md, "Procedure scope"). The catalogue mixes what a commune centre receives with
// customs, tax, border-guard and military procedures, and with other provinces' copies; this file
// says which is which, who receives the rest, which spellings of a field are one field, and which
// words in a record restrict where it may be filed.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "generator/procedures/procedure.hpp"

namespace xasite::content {

// One field (lĩnh vực) spelled several ways in the sources ("Thi đua, khen thưởng" / "Thi đua -
// khen thưởng"), or a catalogue grouping published as if it were a field ("thủ tục hành chính liên
// thông"): records with any spelling are published under `field`.
struct FieldAlias {
    std::string field;
    std::vector<std::string> spellings;
    bool inter_agency = false;  // the spelling marks the record as liên thông
    std::string note;
};

// Procedures that commune centres do not receive: by field or by code. They stay on the province
// site, whose page says who receives them.
struct ReceiverRule {
    std::string id;  // short name shown in the build summary ("hai-quan")
    std::vector<std::string> fields;
    std::vector<std::string> codes;
    std::string receiver;  // "Chi cục Hải quan khu vực …"
    std::string reason;    // one sentence for the page
};

// Copies of other provinces' procedures ("Lào Cai - …", "(Hà Nội) …", "… (cấp xã - tỉnh Phú
// Thọ)", "… (TPCT)", "… trên địa bàn tỉnh Sơn La …"): excluded everywhere.
struct OtherProvinces {
    std::vector<std::string> names;
    // Abbreviations of a province a name ends with in parentheses: "TPCT" → "Cần Thơ".
    std::vector<std::pair<std::string, std::string>> abbreviations;
    std::string reason;
};

struct ProcedureScope {
    std::vector<FieldAlias> field_aliases;
    std::vector<ReceiverRule> not_at_communes;
    OtherProvinces other_provinces;
    // Words that tie a procedure to one place ("nơi thường trú", "nơi có đất", "đơn vị quân đội"):
    // a record whose text holds one is never shown as fileable at any centre by the province-wide
    // policy.
    std::vector<std::string> place_restrictions;
    std::filesystem::path source;  // the file read; empty when the content tree has none
    std::map<std::string, std::size_t> applied;  // spelling → records re-filed (apply_aliases)

    // Reads and validates the file; errors name the file and the field. Unknown keys are errors.
    static ProcedureScope parse(const nlohmann::json& j, const std::filesystem::path& source);
    static ProcedureScope load(const std::filesystem::path& path);

    // Publishes every record under its field's one spelling (and marks liên thông where the
    // spelling says so); counts what it changed in `applied`.
    void apply_aliases(std::vector<procedures::Procedure>& records);
    // The field a record is published under, and whether its spelling marks it liên thông.
    const FieldAlias* alias_of(std::string_view field) const;
    // The rule that keeps this record away from commune centres, or nullptr.
    const ReceiverRule* receiver_rule(std::string_view code, std::string_view field) const;
    // The other province a name belongs to ("Lào Cai"), or "" when none: named at the start
    // ("Lào Cai - …", "(Hà Nội) …"), in the closing parentheses ("(cấp xã - tỉnh Phú Thọ)",
    // "(TPCT)"), at the very end ("… tỉnh Lào Cai") or as "trên địa bàn tỉnh …".
    std::string other_province_of(std::string_view name) const;
    // The first restricting phrase found in `text` (case- and diacritic-sensitive match on NFC,
    // case-insensitive), or "".
    std::string place_restriction_in(std::string_view text) const;
};

}  // namespace xasite::content
