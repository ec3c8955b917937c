// The procedure record: enum tokens, JSON (de)serialisation with validation, loading a directory.
//
// JSON layout (docs/PROCEDURE-RECORD.md): object keys come out sorted (nlohmann::json objects are
// ordered maps), which makes the bytes deterministic. Empty optional things are omitted: empty
// strings, empty arrays, absent optionals and inter_agency=false. code, name, field, detail,
// status and online_level are always written. from_json accepts exactly what to_json writes
// (missing keys mean empty) and rejects unknown keys, wrong types and unknown enum values.
#include "generator/procedures/procedure.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <string_view>
#include <utility>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json_fields.hpp"
#include "core/text.hpp"

namespace xasite::procedures {

namespace {

using nlohmann::json;

template <typename Enum, std::size_t N>
using TokenTable = std::array<std::pair<Enum, const char*>, N>;

constexpr TokenTable<Detail, 2> kDetailTokens{{{Detail::catalog, "catalog"},  //
                                               {Detail::full, "full"}}};
constexpr TokenTable<Status, 3> kStatusTokens{{{Status::in_force, "in_force"},
                                               {Status::replaced, "replaced"},
                                               {Status::abolished, "abolished"}}};
constexpr TokenTable<OnlineLevel, 3> kOnlineTokens{
    {{OnlineLevel::none, "none"}, {OnlineLevel::partial, "partial"}, {OnlineLevel::full, "full"}}};
constexpr TokenTable<Channel, 3> kChannelTokens{
    {{Channel::in_person, "in_person"}, {Channel::online, "online"}, {Channel::post, "post"}}};
constexpr TokenTable<Level, 5> kLevelTokens{{{Level::commune, "commune"},
                                             {Level::province, "province"},
                                             {Level::ministry, "ministry"},
                                             {Level::vertical, "vertical"},
                                             {Level::other, "other"}}};
constexpr TokenTable<DossierKind, 3> kDossierKindTokens{
    {{DossierKind::submit, "submit"},
     {DossierKind::present, "present"},
     {DossierKind::unspecified, "unspecified"}}};

template <typename Enum, std::size_t N>
const char* token_of(const TokenTable<Enum, N>& table, Enum value) {
    for (const auto& [e, token] : table)
        if (e == value) return token;
    return "?";
}

// ---- writing -------------------------------------------------------------------------------

void put_text(json& out, const char* key, const std::string& value) {
    if (!value.empty()) out[key] = value;
}

template <typename T, typename F>
void put_array(json& out, const char* key, const std::vector<T>& values, F&& convert) {
    if (values.empty()) return;
    json array = json::array();
    for (const auto& v : values)
        array.push_back(convert(v));
    out[key] = std::move(array);
}

json form_to_json(const Form& f) {
    json j = json::object();
    put_text(j, "name", f.name);
    put_text(j, "url", f.url);
    return j;
}

json channel_to_json(const ChannelInfo& c) {
    json j = json::object();
    j["channel"] = to_string(c.channel);
    put_text(j, "time_text", c.time_text);
    if (c.time_value) j["time_value"] = *c.time_value;
    put_text(j, "time_unit", c.time_unit);
    put_text(j, "fee_text", c.fee_text);
    put_text(j, "description", c.description);
    return j;
}

json item_to_json(const DossierItem& item) {
    json j = json::object();
    put_text(j, "name", item.name);
    if (item.originals) j["originals"] = *item.originals;
    if (item.copies) j["copies"] = *item.copies;
    put_text(j, "note", item.note);
    put_array(j, "forms", item.forms, form_to_json);
    return j;
}

json case_to_json(const DossierCase& c) {
    json j = json::object();
    put_text(j, "name", c.name);
    put_array(j, "items", c.items, item_to_json);
    put_text(j, "note", c.note);
    if (c.kind != DossierKind::unspecified) j["kind"] = to_string(c.kind);
    put_array(j, "notes", c.notes, [](const std::string& s) { return json(s); });
    return j;
}

json step_to_json(const Step& s) {
    json j = json::object();
    put_text(j, "title", s.title);
    put_text(j, "text", s.text);
    put_array(j, "substeps", s.substeps, [](const std::string& t) { return json(t); });
    return j;
}

json legal_to_json(const LegalDoc& d) {
    json j = json::object();
    put_text(j, "number", d.number);
    put_text(j, "title", d.title);
    put_text(j, "date", d.date);
    put_text(j, "issuer", d.issuer);
    return j;
}

json source_to_json(const Source& s) {
    json j = json::object();
    put_text(j, "kind", s.kind);
    put_text(j, "file", s.file);
    put_text(j, "note", s.note);
    return j;
}

// ---- reading -------------------------------------------------------------------------------

const char* type_name(const json& j) {
    return json_type_name(j);
}

// Reads one JSON object against a fixed set of keys, with errors naming the file and the dotted
// field path ("channels[2].channel") in the wording of core/json_fields.hpp. Strings come out in
// NFC.
class ObjectReader : public JsonFields {
  public:
    ObjectReader(const json& object, const std::filesystem::path& file, std::string prefix)
        : JsonFields(object, file.string(), std::move(prefix)), file_(file) {}

    std::string text(const char* key, bool required = false) {
        if (required) return text::nfc(required_string(key, true));
        return text::nfc(optional_string(key).value_or(""));
    }

    std::string date(const char* key) { return text::nfc(optional_date(key)); }

    template <typename Enum, std::size_t N>
    Enum token(const char* key, const TokenTable<Enum, N>& table, std::optional<Enum> fallback) {
        const json* v = find(key);
        if (!v) {
            if (fallback) return *fallback;
            fail(key, "missing");
        }
        if (!v->is_string()) fail(key, std::string("expected a string, got ") + type_name(*v));
        const auto& s = v->get_ref<const std::string&>();
        for (const auto& [e, t] : table)
            if (s == t) return e;
        fail(key, "unknown value \"" + s + "\"");
    }

    std::optional<int> count(const char* key) {
        auto v = optional_int(key, 0, std::numeric_limits<int>::max());
        if (!v) return std::nullopt;
        return static_cast<int>(*v);
    }

    std::optional<double> number(const char* key) { return optional_number(key); }
    std::optional<bool> boolean(const char* key) { return optional_bool(key); }

    std::vector<std::string> texts(const char* key) {
        std::vector<std::string> out = strings(key);
        for (auto& s : out)
            s = text::nfc(s);
        return out;
    }

    const std::filesystem::path& file() const { return file_; }

  private:
    const std::filesystem::path& file_;
};

ObjectReader object_at(const json& j, const std::filesystem::path& file, const std::string& path) {
    return ObjectReader(j, file, path);
}

Form read_form(const json& j, const std::filesystem::path& file, const std::string& path) {
    auto r = object_at(j, file, path);
    Form f;
    f.name = r.text("name");
    f.url = r.text("url");
    r.reject_unknown_keys();
    return f;
}

std::vector<Form> read_forms(ObjectReader& r) {
    std::vector<Form> forms;
    r.array("forms", [&](const json& e, const std::string& path) {
        forms.push_back(read_form(e, r.file(), path));
    });
    return forms;
}

}  // namespace

bool is_valid_code(std::string_view code) {
    if (code.empty() || code.size() > 64 || code.front() == '.') return false;
    return std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               c == '.' || c == '-' || c == '_';
    });
}

const char* to_string(Detail d) {
    return token_of(kDetailTokens, d);
}
const char* to_string(Status s) {
    return token_of(kStatusTokens, s);
}
const char* to_string(OnlineLevel o) {
    return token_of(kOnlineTokens, o);
}
const char* to_string(Channel c) {
    return token_of(kChannelTokens, c);
}
const char* to_string(Level l) {
    return token_of(kLevelTokens, l);
}
const char* to_string(DossierKind k) {
    return token_of(kDossierKindTokens, k);
}

nlohmann::json to_json(const Procedure& p) {
    json j = json::object();
    j["code"] = p.code;
    j["name"] = p.name;
    j["field"] = p.field;
    j["detail"] = to_string(p.detail);
    j["status"] = to_string(p.status);
    put_text(j, "replaced_by", p.replaced_by);
    put_text(j, "status_reason", p.status_reason);
    put_array(j, "levels", p.levels, [](Level l) { return json(to_string(l)); });
    put_text(j, "procedure_type", p.procedure_type);
    put_text(j, "executing_agency", p.executing_agency);
    put_text(j, "competent_agency", p.competent_agency);
    put_text(j, "authorised_agency", p.authorised_agency);
    put_text(j, "coordinating_agency", p.coordinating_agency);
    put_text(j, "receiving_address", p.receiving_address);
    put_array(j, "subjects", p.subjects, [](const std::string& s) { return json(s); });
    put_array(j, "steps", p.steps, step_to_json);
    put_array(j, "channels", p.channels, channel_to_json);
    put_array(j, "dossier", p.dossier, case_to_json);
    put_text(j, "result", p.result);
    put_array(j, "requirements", p.requirements, [](const std::string& s) { return json(s); });
    put_array(j, "legal_basis", p.legal_basis, legal_to_json);
    put_array(j, "forms", p.forms, form_to_json);
    j["online_level"] = to_string(p.online_level);
    if (p.boundary_free) j["boundary_free"] = *p.boundary_free;
    if (p.inter_agency) j["inter_agency"] = true;
    if (p.decision) {
        json d = json::object();
        put_text(d, "number", p.decision->number);
        put_text(d, "date", p.decision->date);
        put_text(d, "agency", p.decision->agency);
        j["decision"] = std::move(d);
    }
    put_text(j, "portal_url", p.portal_url);
    put_text(j, "online_url", p.online_url);
    put_text(j, "keywords", p.keywords);
    put_text(j, "description", p.description);
    put_array(j, "sources", p.sources, source_to_json);
    put_text(j, "updated", p.updated);
    return j;
}

std::string to_json_text(const Procedure& p) {
    return to_json(p).dump(2) + "\n";
}

Procedure from_json(const nlohmann::json& j, const std::filesystem::path& path) {
    if (!j.is_object())
        throw InputError(
            path.string(),
            std::string("expected a JSON object (one procedure), got ") + type_name(j));
    ObjectReader r(j, path, "");
    Procedure p;
    p.code = r.text("code", true);
    if (!is_valid_code(p.code))
        r.fail("code",
               "\"" + p.code + "\" is not usable as a file name (letters, digits, '.', '-', '_')");
    p.name = r.text("name", true);
    p.field = r.text("field", true);
    p.detail = r.token("detail", kDetailTokens, std::optional<Detail>(Detail::catalog));
    p.status = r.token("status", kStatusTokens, std::optional<Status>(Status::in_force));
    p.replaced_by = r.text("replaced_by");
    p.status_reason = r.text("status_reason");
    r.array("levels", [&](const json& e, const std::string& field_path) {
        if (!e.is_string())
            r.fail_at(field_path, std::string("expected a string, got ") + type_name(e));
        const auto& s = e.get_ref<const std::string&>();
        for (const auto& [level, token] : kLevelTokens)
            if (s == token) {
                p.levels.push_back(level);
                return;
            }
        r.fail_at(field_path, "unknown value \"" + s + "\"");
    });
    p.procedure_type = r.text("procedure_type");
    p.executing_agency = r.text("executing_agency");
    p.competent_agency = r.text("competent_agency");
    p.authorised_agency = r.text("authorised_agency");
    p.coordinating_agency = r.text("coordinating_agency");
    p.receiving_address = r.text("receiving_address");
    p.subjects = r.texts("subjects");
    r.array("steps", [&](const json& e, const std::string& field_path) {
        auto s = object_at(e, path, field_path);
        Step step;
        step.title = s.text("title");
        step.text = s.text("text");
        step.substeps = s.texts("substeps");
        s.reject_unknown_keys();
        p.steps.push_back(std::move(step));
    });
    r.array("channels", [&](const json& e, const std::string& field_path) {
        auto c = object_at(e, path, field_path);
        ChannelInfo info;
        info.channel = c.token("channel", kChannelTokens, std::optional<Channel>());
        info.time_text = c.text("time_text");
        info.time_value = c.number("time_value");
        info.time_unit = c.text("time_unit");
        info.fee_text = c.text("fee_text");
        info.description = c.text("description");
        c.reject_unknown_keys();
        p.channels.push_back(std::move(info));
    });
    r.array("dossier", [&](const json& e, const std::string& field_path) {
        auto c = object_at(e, path, field_path);
        DossierCase dossier_case;
        dossier_case.name = c.text("name");
        dossier_case.note = c.text("note");
        dossier_case.kind = c.token("kind", kDossierKindTokens,
                                    std::optional<DossierKind>(DossierKind::unspecified));
        // "unspecified" is what an absent key means; to_json never writes it.
        if (dossier_case.kind == DossierKind::unspecified && c.find("kind"))
            c.fail("kind", "unknown value \"unspecified\" (omit the key instead)");
        dossier_case.notes = c.texts("notes");
        c.array("items", [&](const json& ie, const std::string& item_path) {
            auto i = object_at(ie, path, item_path);
            DossierItem item;
            item.name = i.text("name");
            item.originals = i.count("originals");
            item.copies = i.count("copies");
            item.note = i.text("note");
            item.forms = read_forms(i);
            i.reject_unknown_keys();
            dossier_case.items.push_back(std::move(item));
        });
        c.reject_unknown_keys();
        p.dossier.push_back(std::move(dossier_case));
    });
    p.result = r.text("result");
    p.requirements = r.texts("requirements");
    r.array("legal_basis", [&](const json& e, const std::string& field_path) {
        auto d = object_at(e, path, field_path);
        LegalDoc doc;
        doc.number = d.text("number");
        doc.title = d.text("title");
        doc.date = d.date("date");
        doc.issuer = d.text("issuer");
        d.reject_unknown_keys();
        p.legal_basis.push_back(std::move(doc));
    });
    p.forms = read_forms(r);
    p.online_level =
        r.token("online_level", kOnlineTokens, std::optional<OnlineLevel>(OnlineLevel::none));
    p.boundary_free = r.boolean("boundary_free");
    p.inter_agency = r.boolean("inter_agency").value_or(false);
    if (const json* d = r.find("decision")) {
        auto dr = object_at(*d, path, "decision");
        Decision decision;
        decision.number = dr.text("number");
        decision.date = dr.date("date");
        decision.agency = dr.text("agency");
        dr.reject_unknown_keys();
        p.decision = std::move(decision);
    }
    p.portal_url = r.text("portal_url");
    p.online_url = r.text("online_url");
    p.keywords = r.text("keywords");
    p.description = r.text("description");
    r.array("sources", [&](const json& e, const std::string& field_path) {
        auto s = object_at(e, path, field_path);
        Source source;
        source.kind = s.text("kind");
        source.file = s.text("file");
        source.note = s.text("note");
        s.reject_unknown_keys();
        p.sources.push_back(std::move(source));
    });
    p.updated = r.date("updated");
    r.reject_unknown_keys();
    return p;
}

nlohmann::json parse_json_strict(std::string_view text, const std::filesystem::path& path) {
    try {
        return parse_json(text, path);
    } catch (const nlohmann::json::exception& e) {
        // parse_json converts syntax errors; number overflow ("1e999") arrives as out_of_range.
        std::string what = e.what();
        auto bracket = what.find("] ");
        throw InputError(
            path.string(),
            "malformed JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    }
}

std::vector<Procedure> load_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) throw InputError(dir.string(), "not a directory");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        const auto& p = entry.path();
        if (p.extension() == ".json" && p.filename().string().front() != '.') files.push_back(p);
    }
    if (ec) throw InputError(dir.string(), "cannot list directory: " + ec.message());
    std::sort(files.begin(), files.end(),
              [](const auto& a, const auto& b) { return a.filename() < b.filename(); });

    std::vector<Procedure> records;
    records.reserve(files.size());
    std::map<std::string, std::filesystem::path> file_of_code;
    for (const auto& file : files) {
        std::string text = read_text_file(file);  // checks UTF-8 (with line), returns NFC
        Procedure p = from_json(parse_json_strict(text, file), file);
        auto [it, inserted] = file_of_code.emplace(p.code, file);
        if (!inserted)
            throw InputError(file.string(), "duplicate code \"" + p.code + "\" (also in " +
                                                it->second.string() + ")");
        records.push_back(std::move(p));
    }
    return records;
}

}  // namespace xasite::procedures
