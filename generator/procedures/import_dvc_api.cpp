// National-portal API records (catalog-1350/full-records.jsonl, one JSON object per line), as
// normalised by the 3-hWnG/intern-amazing-group_7 pipeline from dichvucong.gov.vn.
//
// Mapping (docs/PROCEDURE-RECORD.md has the full table):
//   steps[]            → steps (name → title, description → text), ordered by ordinal, then
//                        split on their list markers (structure_steps)
//   methods[] + fees[] → channels, joined on submission_method; fee text = amount_text verbatim
//   checklist[]        → dossier items grouped by case_ordinal; case names from cases[];
//                        notes and kinds by structure_dossier
// A method whose time is a bare number ("1") takes its unit from processing_time_text,
// online_services[] or another method when they state that number with one unit.
//   files[]            → forms of the checklist item whose name starts with belongs_to
//   legal_basis[]      → legal_basis (doc_code, doc_name; the date only when the title states it)
//   agency_levels      → levels; subjects[] (or subject_types) → subjects
//   decision_*         → decision; source_updated_at → updated
// online_level: partial when has_online_submission is set or a method is "Trực tuyến".
// online_services[] lists the portal's service variants (1.000419.01 …) even for procedures
// with no online submission, so it is not taken as evidence of an online service.
#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "generator/procedures/import_formats.hpp"

namespace xasite::procedures::importers {

namespace {

// The durations a record states besides each method's own time: processing_time_text ("1; 1 ngày
// làm việc"), online_services[] (processing_qty + processing_unit, processing_text) and the
// methods whose time has a unit.
std::vector<Duration> stated_durations(const SourceRecord& r,
                                       const std::vector<ChannelInfo>& channels) {
    std::vector<Duration> stated;
    const std::string whole = r.text("processing_time_text");  // split() views into it
    for (auto part : text::split(whole, ';'))
        stated.push_back(parse_duration(part));
    if (const auto* services = r.array("online_services")) {
        for (std::size_t i = 0; i < services->size(); ++i) {
            auto s = r.element("online_services", (*services)[i], i);
            stated.push_back(
                Duration{s.number("processing_qty"), text::lower(s.text("processing_unit"))});
            stated.push_back(parse_duration(s.text("processing_text")));
        }
    }
    for (const auto& c : channels)
        if (c.time_value && !c.time_unit.empty())
            stated.push_back(Duration{c.time_value, text::lower(c.time_unit)});
    return stated;
}

// "Thông tư số 08/2025/TT-BTP ngày 12/6/2025 của …" → "2025-06-12" when the number is followed
// by "ngày D/M/YYYY" and the year matches doc_year; "" otherwise.
std::string date_stated_in_title(const std::string& title, const std::string& number,
                                 const std::string& year) {
    std::string bare = find_document_number(number);
    if (bare.empty()) bare = number;
    auto at = title.find(bare);
    if (bare.empty() || at == std::string::npos) return {};
    std::string_view rest = std::string_view(title).substr(at + bare.size());
    rest = text::trim(rest);
    if (rest.rfind("ngày ", 0) != 0) return {};
    rest.remove_prefix(std::string_view("ngày ").size());
    std::size_t end = 0;
    while (end < rest.size() && rest[end] != ' ' && rest[end] != ',' && rest[end] != ';')
        ++end;
    std::string iso = dmy_to_iso(rest.substr(0, end));
    if (iso.empty() || (!year.empty() && iso.compare(0, 4, year) != 0)) return {};
    return iso;
}

// A case ordinal as an integer key; out-of-range values are clamped (never cast as is).
long long ordinal_key(std::optional<double> value, std::size_t fallback) {
    double v = value.value_or(static_cast<double>(fallback));
    return static_cast<long long>(std::clamp(v, -1e12, 1e12));
}

}  // namespace

std::optional<Procedure> parse_dvc_api_record(const nlohmann::json& record, const Origin& origin,
                                              const std::string& where, Warnings& warnings) {
    SourceRecord r(record, where);
    Procedure p;
    p.code = r.text("proc_id");
    p.name = r.text("name");
    if (p.code.empty() || p.name.empty()) {
        warnings.push_back(where + ": no " + std::string(p.code.empty() ? "proc_id" : "name") +
                           "; skipped");
        return std::nullopt;
    }
    p.field = r.text("domain");
    p.detail = Detail::full;
    p.result = r.text("results");
    if (auto req = r.text("requirements"); !req.empty()) p.requirements.push_back(req);
    p.executing_agency = r.text("executing_agency");
    p.coordinating_agency = r.text("coordinating_agency");
    p.receiving_address = r.text("receiving_address");
    p.keywords = r.text("keywords");
    p.portal_url = r.text("portal_url");
    p.online_url = r.text("online_url");

    // Levels: "Xã/Phường, Tỉnh".
    const std::string levels_text = r.text("agency_levels");
    for (auto part : text::split(levels_text, ',')) {
        std::string name = clean(part);
        if (name.empty()) continue;
        if (auto level = level_of(name))
            p.levels.push_back(*level);
        else
            warnings.push_back(where + ": unknown agency level \"" + name + "\"; ignored");
    }
    normalise_levels(p.levels);

    // Subjects: subjects[].subject_name, else subject_types "A; B".
    if (const auto* subjects = r.array("subjects")) {
        for (std::size_t i = 0; i < subjects->size(); ++i) {
            std::string name = r.element("subjects", (*subjects)[i], i).text("subject_name");
            if (!name.empty() &&
                std::find(p.subjects.begin(), p.subjects.end(), name) == p.subjects.end())
                p.subjects.push_back(std::move(name));
        }
    }
    if (p.subjects.empty()) {
        const std::string types = r.text("subject_types");
        for (auto part : text::split(types, ';'))
            if (std::string name = clean(part); !name.empty()) p.subjects.push_back(name);
    }

    // Steps, by ordinal (stable for equal ordinals).
    if (const auto* steps = r.array("steps")) {
        std::vector<std::pair<double, Step>> ordered;
        for (std::size_t i = 0; i < steps->size(); ++i) {
            auto s = r.element("steps", (*steps)[i], i);
            Step step{s.text("name"), s.text("description"), {}};
            if (step.title.empty() && step.text.empty()) continue;
            ordered.emplace_back(s.number("ordinal").value_or(static_cast<double>(i)),
                                 std::move(step));
        }
        std::stable_sort(ordered.begin(), ordered.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [ordinal, step] : ordered)
            p.steps.push_back(std::move(step));
    }

    // Channels: methods[] joined with fees[] on submission_method.
    auto channel_named = [&](const SourceRecord& e, const char* what) -> std::optional<Channel> {
        std::string method = e.text("submission_method");
        auto channel = channel_of(method);
        if (!channel)
            warnings.push_back(where + ": " + what + " with unknown submission_method \"" + method +
                               "\"; ignored");
        return channel;
    };
    auto find_channel = [&](Channel c) -> ChannelInfo* {
        for (auto& info : p.channels)
            if (info.channel == c) return &info;
        return nullptr;
    };
    if (const auto* methods = r.array("methods")) {
        for (std::size_t i = 0; i < methods->size(); ++i) {
            auto m = r.element("methods", (*methods)[i], i);
            auto channel = channel_named(m, "method");
            if (!channel) continue;
            if (find_channel(*channel)) {
                warnings.push_back(where + ": method \"" + m.text("submission_method") +
                                   "\" given twice; the first is kept");
                continue;
            }
            ChannelInfo info;
            info.channel = *channel;
            info.time_text = m.text("processing_time_text");
            info.time_value = m.number("processing_time_qty");
            info.time_unit = m.text("processing_time_unit");
            if (!info.time_value && !info.time_text.empty()) {
                auto parsed = parse_duration(info.time_text);
                info.time_value = parsed.value;
                if (info.time_unit.empty()) info.time_unit = parsed.unit;
            }
            info.description = m.text("description");
            p.channels.push_back(std::move(info));
        }
    }
    if (const auto* fees = r.array("fees")) {
        for (std::size_t i = 0; i < fees->size(); ++i) {
            auto f = r.element("fees", (*fees)[i], i);
            auto channel = channel_named(f, "fee");
            if (!channel) continue;
            ChannelInfo* info = find_channel(*channel);
            if (!info) {
                p.channels.push_back(ChannelInfo{});
                info = &p.channels.back();
                info->channel = *channel;
            }
            std::string amount = f.text("amount_text");
            if (amount.empty()) continue;  // amount_value is 0 when the portal gives only text
            if (info->fee_text.empty())
                info->fee_text = amount;
            else if (info->fee_text != amount)
                info->fee_text += "\n" + amount;
        }
    }
    sort_channels(p.channels);
    fill_bare_time_units(p.channels, stated_durations(r, p.channels));

    // Dossier: checklist[] grouped by case_ordinal; names from cases[].
    std::map<long long, std::string> case_names;
    if (const auto* cases = r.array("cases")) {
        for (std::size_t i = 0; i < cases->size(); ++i) {
            auto c = r.element("cases", (*cases)[i], i);
            auto ordinal = ordinal_key(c.number("ordinal"), i);
            case_names.emplace(ordinal, c.text("case_name"));
        }
    }
    std::map<long long, DossierCase> dossier;
    if (const auto* checklist = r.array("checklist")) {
        for (std::size_t i = 0; i < checklist->size(); ++i) {
            auto c = r.element("checklist", (*checklist)[i], i);
            auto ordinal = ordinal_key(c.number("case_ordinal"), 0);
            auto [it, inserted] = dossier.try_emplace(ordinal);
            if (inserted) {
                auto named = case_names.find(ordinal);
                it->second.name = named != case_names.end() ? named->second : c.text("case_name");
            }
            DossierItem item;
            item.name = c.text("name");
            auto to_count = [&](const char* key) -> std::optional<int> {
                auto v = c.number(key);
                if (!v) return std::nullopt;
                if (*v < 0 || *v > 1e6 || *v != static_cast<double>(static_cast<int>(*v)))
                    c.fail(key, "expected a whole number of copies");
                return static_cast<int>(*v);
            };
            item.originals = to_count("original_qty");
            item.copies = to_count("copy_qty");
            if (item.name.empty()) {
                warnings.push_back(where + ": checklist item " + std::to_string(i + 1) +
                                   " has no name; skipped");
                continue;
            }
            it->second.items.push_back(std::move(item));
        }
    }
    for (auto& [ordinal, dossier_case] : dossier)
        p.dossier.push_back(std::move(dossier_case));

    // Forms: files[] belong to the checklist item whose name starts with belongs_to (the
    // pipeline cut belongs_to at 200 characters); others become procedure-level forms.
    if (const auto* files = r.array("files")) {
        for (std::size_t i = 0; i < files->size(); ++i) {
            auto f = r.element("files", (*files)[i], i);
            Form form{f.text("file_name"), ""};
            if (form.name.empty()) continue;
            std::string owner = f.text("belongs_to");
            DossierItem* target = nullptr;
            for (auto& dossier_case : p.dossier)
                for (auto& item : dossier_case.items)
                    if (!target && !owner.empty() && item.name.rfind(owner, 0) == 0) target = &item;
            if (target)
                target->forms.push_back(std::move(form));
            else
                p.forms.push_back(std::move(form));
        }
    }

    // Legal basis.
    if (const auto* legal = r.array("legal_basis")) {
        for (std::size_t i = 0; i < legal->size(); ++i) {
            auto l = r.element("legal_basis", (*legal)[i], i);
            LegalDoc doc;
            doc.number = l.text("doc_code");
            doc.title = l.text("doc_name");
            doc.date = date_stated_in_title(doc.title, doc.number, l.text("doc_year"));
            if (doc.number.empty() && doc.title.empty()) continue;
            p.legal_basis.push_back(std::move(doc));
        }
    }

    // Publishing decision.
    Decision decision;
    decision.number = r.text("decision_number");
    std::string decision_date = r.text("decision_date");
    decision.date = any_date_to_iso(decision_date);
    if (!decision_date.empty() && decision.date.empty())
        warnings.push_back(where + ": decision_date \"" + decision_date + "\" is not a date");
    decision.agency = r.text("issuing_agency");
    if (!decision.number.empty() || !decision.date.empty() || !decision.agency.empty())
        p.decision = std::move(decision);

    std::string updated = r.text("source_updated_at");
    p.updated = any_date_to_iso(updated.substr(0, std::min<std::size_t>(updated.size(), 10)));

    bool online = r.flag("has_online_submission");
    p.online_level = online ? OnlineLevel::partial : online_level_of(p.channels);
    if (online && !p.channels.empty() && online_level_of(p.channels) == OnlineLevel::none)
        warnings.push_back(where + ": has_online_submission is set but no method is online");

    p.steps = structure_steps(std::move(p.steps));
    structure_dossier(p.dossier);  // after the forms, which are matched on the published names

    std::string note = origin.note;
    p.sources.push_back(Source{kKindDvcApi, origin.file, note});
    return p;
}

std::vector<Procedure> parse_dvc_api_lines(std::string_view text, const Origin& origin,
                                           Warnings& warnings) {
    require_utf8(text, origin.display);
    std::vector<Procedure> records;
    std::size_t line_number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        ++line_number;
        pos = end + 1;
        if (!text::trim(line).empty()) {
            std::string where = origin.display + ":" + std::to_string(line_number);
            nlohmann::json record;
            try {
                record = parse_json_strict(line, "@");
            } catch (const InputError& e) {
                // Re-anchor "@:1:COL: …" (or "@: …") to "file:LINE:COL: …".
                std::string_view what = e.what();
                if (what.rfind("@:1:", 0) == 0)
                    throw InputError(where + ":" + std::string(what.substr(4)));
                if (what.rfind("@: ", 0) == 0) throw InputError(where, std::string(what.substr(3)));
                throw InputError(where, std::string(what));
            }
            if (auto p = parse_dvc_api_record(record, origin, where, warnings))
                records.push_back(std::move(*p));
        }
        if (end == text.size()) break;
    }
    return records;
}

}  // namespace xasite::procedures::importers
