#include "generator/site/documents.hpp"

#include <algorithm>
#include <map>

#include "core/ascii.hpp"
#include "core/files.hpp"
#include "core/text.hpp"
#include "generator/site/format.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/views.hpp"

namespace xasite::site {

using nlohmann::json;

namespace {

// Folded text with apostrophes removed and every run of non-alphanumerics as one space, padded with
// spaces so that " xa ea kar " matches whole words only.
std::string words(std::string_view s) {
    std::string folded = text::fold(s), out = " ";
    for (char c : folded) {
        if (c == '\'') continue;
        bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    static_cast<unsigned char>(c) >= 0x80;
        if (word)
            out += c;
        else if (out.back() != ' ')
            out += ' ';
    }
    if (out.back() != ' ') out += ' ';
    return out;
}

// "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK" → "Ủy ban nhân dân tỉnh Đắk Lắk"; a commune's issuer likewise
// with its registry name; anything else as written.
std::string display_issuer(const directives::Metadata& meta, const content::Content& content,
                           bool& inferred) {
    inferred = false;
    std::string issuer = text::tidy(meta.issuer);
    if (issuer.empty()) {
        // Header cut off: a UBND symbol ("…/UBND-PVHCC", "…/KH-UBND") with the province or a
        // commune as the place names the issuer all the same (NĐ 30/2020: the place is the
        // issuer's locality).
        if (words(meta.symbol).find(" ubnd ") == std::string::npos) return "";
        std::string place = words(meta.place);
        if (place == words(content.config.province_name)) {
            inferred = true;
            return content.config.authority;
        }
        for (const auto& u : content.registry.new_units())
            if (place == words(u.name)) {
                inferred = true;
                return "Ủy ban nhân dân " + u.type + " " + u.name;
            }
        return "";
    }
    std::string w = words(issuer);
    for (const char* prefix : {" uy ban nhan dan ", " ubnd "}) {
        if (w.rfind(prefix, 0) != 0) continue;
        std::string rest = w.substr(std::string(prefix).size() - 1);  // " tinh dak lak "
        if (rest == words("tỉnh " + content.config.province_name)) return content.config.authority;
        for (const auto& u : content.registry.new_units())
            if (rest == words(u.type + " " + u.name))
                return "Ủy ban nhân dân " + u.type + " " + u.name;
    }
    return issuer;
}

std::string original_file_name(const std::filesystem::path& source) {
    std::string stem = text::slug(source.stem().string());
    if (stem.empty()) stem = "van-ban";  // a file name, not a path
    std::string ext = source.extension().string();
    ascii::lower_in_place(ext);
    return stem + ext;
}

std::string document_label(const directives::Metadata& m) {
    std::string label = m.type.empty() ? "Văn bản" : m.type;
    if (!m.symbol.empty())
        label += " số " + (m.number ? m.number_raw : std::string("…")) + "/" + m.symbol;
    return label;
}

}  // namespace

Addressees addressees(const directives::Metadata& meta, const units::Registry& registry) {
    Addressees a;
    std::vector<std::string> lines = meta.recipients;
    lines.insert(lines.end(), meta.distribution.begin(), meta.distribution.end());
    for (const auto& line : lines) {
        std::string w = words(line);
        // "UBND các xã, phường", "các xã, phường, thị trấn", "các phường, xã": communes in general.
        if (w.find(" cac xa ") != std::string::npos || w.find(" cac phuong ") != std::string::npos)
            a.all_communes = true;
    }
    lines.push_back(meta.issuer);
    lines.push_back(meta.issuer_parent);
    for (const auto& line : lines) {
        std::string w = words(line);
        for (const auto& u : registry.new_units()) {
            std::string needle = words(u.type + " " + u.name);  // " xa ea kar "
            for (std::size_t pos = w.find(needle); pos != std::string::npos;
                 pos = w.find(needle, pos + 1)) {
                // "thị xã Sông Cầu" names an old district, not the xã.
                bool after_thi = pos >= 4 && w.compare(pos - 4, 4, " thi") == 0;
                if (!after_thi) {
                    a.units.insert(u.code);
                    break;
                }
            }
        }
    }
    return a;
}

DocumentSet DocumentSet::build(const content::Content& content, const Catalog& catalog) {
    DocumentSet set;
    std::map<std::string, std::size_t> procedure_index;
    for (std::size_t i = 0; i < content.procedures.size(); ++i)
        procedure_index[content.procedures[i].code] = i;
    std::set<std::string> used_slugs;
    for (const auto& doc : content.documents) {
        const auto& m = doc.meta;
        PublishedDocument p;
        p.doc = &doc;
        p.date_iso = m.date.iso();
        p.year = m.date.year > 0 ? std::to_string(m.date.year) : "";
        p.type = m.type.empty() ? "Văn bản" : m.type;
        p.type_slug = text::slug(p.type);
        bool issuer_inferred = false;
        p.issuer = display_issuer(m, content, issuer_inferred);
        p.issuer_slug = text::slug(p.issuer.empty() ? "khong-ro" : p.issuer);
        std::string base = doc.slug;
        if (base.empty() && m.number) base = text::slug(*m.number + " " + m.symbol + " " + p.year);
        if (base.empty() && !m.symbol.empty())
            base = text::slug(p.type + " " + m.symbol + " " + p.date_iso);
        if (base.empty()) base = text::slug(doc.source.stem().string());
        if (base.empty()) base = "van-ban";  // a slug ("văn bản"), not the section folder
        std::string slug = base;
        for (int n = 2; used_slugs.count(slug); ++n)
            slug = base + "-" + std::to_string(n);
        if (slug != base)
            set.warnings.push_back(doc.source.string() + ": " + routes::document(base) +
                                   " is taken; published at " + routes::document(slug));
        used_slugs.insert(slug);
        p.slug = slug;
        p.original_name = original_file_name(doc.source);
        p.original = read_file(doc.source);

        if (!doc.units.empty()) {
            for (const auto& u : doc.units) {
                if (u == "all")
                    p.all_units = true;
                else
                    p.units.insert(u);
            }
        } else {
            Addressees a = addressees(m, content.registry);
            p.all_units = a.all_communes;
            p.units = std::move(a.units);
        }

        json recipients = m.recipients, distribution = m.distribution;
        json procs = json::array();
        for (const auto& code : m.procedure_codes) {
            std::string national = code.substr(0, 8);  // "1.001193" from "1.001193.000.00.00.H12"
            auto it = procedure_index.find(national);
            bool listed = it != procedure_index.end() && !catalog.field_slug_of[it->second].empty();
            procs.push_back(
                {{"code", code},
                 {"name",
                  it != procedure_index.end() ? json(content.procedures[it->second].name) : json()},
                 {"page_path", listed ? json(routes::procedure_path(national)) : json()},
                 {"portal_url", content.config.procedure_portal_url(national)}});
        }
        json footnotes = json::array();
        for (const auto& f : m.footnotes)
            footnotes.push_back({{"label", f.label}, {"text", f.text}});
        std::string ext = doc.source.extension().string();
        // A scan without its text: named by its file, never by a guessed number or subject.
        const std::string label = doc.image_only && m.subject.empty()
                                      ? "Văn bản dạng ảnh (" + p.original_name + ")"
                                      : document_label(m);
        p.view = {{"document",
                   {{"label", label},
                    {"image_only", doc.image_only},
                    {"type", p.type},
                    {"type_abbr", m.type_abbr},
                    {"number", m.number ? json(m.number_raw) : json()},
                    {"symbol", m.symbol},
                    {"date", p.date_iso},
                    {"date_vi", date_vi(p.date_iso)},
                    {"date_partial", m.date.year > 0 && m.date.day == 0},
                    {"place", m.place},
                    {"issuer", p.issuer},
                    {"issuer_inferred", issuer_inferred},
                    {"issuer_as_written", m.issuer},
                    {"issuer_parent", m.issuer_parent},
                    {"subject", m.subject},
                    {"recipients", recipients},
                    {"signer",
                     {{"name", m.signer.name},
                      {"position", m.signer.position},
                      {"authority", m.signer.authority},
                      {"authority_lines", m.signer.authority_lines}}},
                    {"distribution", distribution},
                    {"draft", m.draft},
                    {"urgency", m.urgency},
                    {"unsigned_copy", !m.number && !doc.image_only},
                    {"body_html", directives::body_html(m)},
                    {"has_body", !m.body.empty()},
                    {"procedures", procs},
                    {"original",
                     {{"href", p.original_name},
                      {"kind", ext == ".pdf" ? "PDF" : (ext == ".md" ? "Markdown" : "văn bản")},
                      {"size",
                       decimal_vi(static_cast<double>(p.original.size()) / 1024.0, 1) + " KB"}}}}}};
        p.row = {{"href", routes::document(p.slug)},
                 {"label", label},
                 {"subject", m.subject},
                 {"date_vi", date_vi(p.date_iso)},
                 {"issuer", p.issuer},
                 {"type", p.type},
                 {"draft", m.draft}};
        set.docs.push_back(std::move(p));
    }
    std::stable_sort(set.docs.begin(), set.docs.end(),
                     [](const PublishedDocument& a, const PublishedDocument& b) {
                         if (a.date_iso != b.date_iso) return a.date_iso > b.date_iso;
                         return a.slug < b.slug;
                     });
    return set;
}

std::vector<const PublishedDocument*> DocumentSet::for_unit(const std::string& code) const {
    std::vector<const PublishedDocument*> out;
    for (const auto& d : docs)
        if (d.all_units || d.units.count(code)) out.push_back(&d);
    return out;
}

std::vector<const PublishedDocument*> DocumentSet::all() const {
    std::vector<const PublishedDocument*> out;
    for (const auto& d : docs)
        out.push_back(&d);
    return out;
}

}  // namespace xasite::site
