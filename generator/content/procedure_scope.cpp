#include "generator/content/procedure_scope.hpp"

#include <algorithm>

#include "core/files.hpp"
#include "core/json_fields.hpp"
#include "core/text.hpp"

namespace xasite::content {

namespace {

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    return s;
}

// "- " or "– " after optional spaces; true when `rest` starts a "<name> - …" title.
bool starts_with_dash(std::string_view rest) {
    rest = trim_left(rest);
    return rest.starts_with("-") || rest.starts_with("\xe2\x80\x93");  // '-' or en dash
}

}  // namespace

ProcedureScope ProcedureScope::parse(const nlohmann::json& j, const std::filesystem::path& source) {
    ProcedureScope s;
    s.source = source;
    const JsonFields r(j, source.string());
    r.optional_string("about");
    r.array("field_aliases", [&](const nlohmann::json& e, const std::string& path) {
        JsonFields a(e, source.string(), path);
        FieldAlias alias;
        alias.field = a.required_string("field", true);
        alias.spellings = a.strings("spellings");
        if (alias.spellings.empty()) a.fail("spellings", "must not be empty");
        alias.inter_agency = a.optional_bool("inter_agency").value_or(false);
        alias.note = a.string_or("note", "");
        a.reject_unknown_keys();
        s.field_aliases.push_back(std::move(alias));
    });
    r.array("not_at_communes", [&](const nlohmann::json& e, const std::string& path) {
        JsonFields a(e, source.string(), path);
        ReceiverRule rule;
        rule.id = a.required_string("id", true);
        rule.fields = a.strings("fields");
        rule.codes = a.strings("codes");
        if (rule.fields.empty() && rule.codes.empty())
            a.fail("fields", "a rule needs \"fields\" or \"codes\"");
        rule.receiver = a.required_string("receiver", true);
        rule.reason = a.required_string("reason", true);
        a.reject_unknown_keys();
        for (const auto& other : s.not_at_communes)
            if (other.id == rule.id) a.fail("id", "\"" + rule.id + "\" is used twice");
        s.not_at_communes.push_back(std::move(rule));
    });
    {
        JsonFields o = r.object("other_provinces");
        s.other_provinces.names = o.strings("names");
        s.other_provinces.reason = o.string_or("reason", "");
        for (JsonFields a : o.objects("abbreviations")) {
            std::string abbreviation = a.required_string("abbreviation", true);
            std::string province = a.required_string("province", true);
            const auto& names = s.other_provinces.names;
            if (std::find(names.begin(), names.end(), province) == names.end())
                a.fail("province", "\"" + province + "\" is not one of \"names\"");
            a.reject_unknown_keys();
            s.other_provinces.abbreviations.emplace_back(std::move(abbreviation),
                                                         std::move(province));
        }
        if (!s.other_provinces.names.empty() && s.other_provinces.reason.empty())
            o.fail("reason", "missing");
        o.reject_unknown_keys();
    }
    s.place_restrictions = r.strings("place_restrictions");
    r.reject_unknown_keys();
    for (auto& a : s.field_aliases)
        for (auto& sp : a.spellings)
            sp = text::nfc(sp);
    return s;
}

ProcedureScope ProcedureScope::load(const std::filesystem::path& path) {
    return parse(read_json_file(path), path);
}

void ProcedureScope::apply_aliases(std::vector<procedures::Procedure>& records) {
    for (auto& p : records) {
        const FieldAlias* a = alias_of(p.field);
        if (!a) continue;
        for (const auto& sp : a->spellings)
            if (text::lower(sp) == text::lower(p.field)) ++applied[sp];
        p.field = a->field;
        p.inter_agency = p.inter_agency || a->inter_agency;
    }
}

const FieldAlias* ProcedureScope::alias_of(std::string_view field) const {
    const std::string key = text::lower(field);
    for (const auto& a : field_aliases)
        for (const auto& sp : a.spellings)
            if (text::lower(sp) == key) return &a;
    return nullptr;
}

const ReceiverRule* ProcedureScope::receiver_rule(std::string_view code,
                                                  std::string_view field) const {
    const std::string key = text::lower(field);
    for (const auto& rule : not_at_communes) {
        if (std::find(rule.codes.begin(), rule.codes.end(), code) != rule.codes.end()) return &rule;
        for (const auto& f : rule.fields)
            if (text::lower(f) == key) return &rule;
    }
    return nullptr;
}

std::string ProcedureScope::other_province_of(std::string_view name) const {
    const std::string lowered = text::lower(trim_left(name));
    std::string_view n = lowered;
    for (const auto& province : other_provinces.names) {
        const std::string p = text::lower(province);
        // "(Hà Nội) Cấp lại …"
        if (n.starts_with("(" + p + ")")) return province;
        // "Lào Cai - …", "Thái Nguyên (cấp xã) - …", "Thái Nguyên (cấp xã)- …"
        if (!n.starts_with(p)) continue;
        std::string_view rest = trim_left(n.substr(p.size()));
        if (rest.starts_with("(")) {
            auto close = rest.find(')');
            if (close == std::string_view::npos || close > 40) continue;
            rest = rest.substr(close + 1);
        }
        if (starts_with_dash(rest)) return province;
    }
    // "… (cấp xã - tỉnh Phú Thọ)", "… (TPCT)": the closing parentheses name the province.
    std::string_view trimmed = n;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '.'))
        trimmed.remove_suffix(1);
    const auto open = trimmed.rfind('(');
    if (trimmed.ends_with(")") && open != std::string_view::npos) {
        const std::string_view group = trimmed.substr(open + 1, trimmed.size() - open - 2);
        for (const auto& [abbreviation, province] : other_provinces.abbreviations)
            if (group == text::lower(abbreviation)) return province;
        for (const auto& province : other_provinces.names) {
            const std::string p = text::lower(province);
            for (const std::string& named : {"tỉnh " + p, "thành phố " + p})
                if (group.ends_with(named)) return province;
        }
    }
    for (const auto& province : other_provinces.names) {
        const std::string p = text::lower(province);
        // "… di sản văn hóa phi vật thể\" tỉnh Lào Cai": the name ends with the province.
        for (const std::string& named : {" tỉnh " + p, " thành phố " + p})
            if (trimmed.ends_with(named)) return province;
        // "… trên địa bàn tỉnh Sơn La (cấp xã)".
        for (const std::string& named : {"trên địa bàn tỉnh " + p, "trên địa bàn thành phố " + p}) {
            const auto at = n.find(named);
            if (at == std::string_view::npos) continue;
            const std::string_view after = n.substr(at + named.size());
            if (after.empty() || after[0] == ' ' || after[0] == '(' || after[0] == ',' ||
                after[0] == ')' || after[0] == ';' || after[0] == '.')
                return province;
        }
    }
    return "";
}

std::string ProcedureScope::place_restriction_in(std::string_view text) const {
    if (place_restrictions.empty() || text.empty()) return "";
    const std::string lowered = text::lower(text);
    for (const auto& phrase : place_restrictions)
        if (lowered.find(text::lower(phrase)) != std::string::npos) return phrase;
    return "";
}

}  // namespace xasite::content
