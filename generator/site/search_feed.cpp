#include "generator/site/search_feed.hpp"

#include <algorithm>
#include <string_view>

#include "generator/content/markdown.hpp"
#include "generator/site/documents.hpp"
#include "generator/site/format.hpp"
#include "generator/site/routes.hpp"
#include "generator/site/views.hpp"

namespace xasite::site {

namespace {

void add_line(std::string& out, std::string_view text) {
    if (text.empty()) return;
    if (!out.empty()) out += '\n';
    out += text;
}

std::vector<std::string> successor_codes(const std::vector<units::Successor>& successors) {
    std::vector<std::string> codes;
    for (const auto& s : successors)
        codes.push_back(s.unit->code);
    return codes;
}

std::string successor_names(const std::vector<units::Successor>& successors) {
    std::string out;
    for (const auto& s : successors) {
        if (!out.empty()) out += ", ";
        out += s.unit->full_name;
        if (s.partial) out += " (một phần)";
    }
    return out;
}

}  // namespace

search::SearchDocument procedure_search_document(const procedures::Procedure& p,
                                                 const content::SiteConfig& config) {
    search::SearchDocument d;
    d.id = "procedure/" + p.code;
    d.type = "procedure";
    d.code = p.code;
    d.title = p.name;
    d.unit_path = routes::procedure_path(p.code);
    d.fallback_url = p.portal_url.empty() ? config.procedure_portal_url(p.code) : p.portal_url;
    d.field = p.field;
    for (auto level : p.levels)
        d.levels.push_back(procedures::to_string(level));
    d.online = procedures::to_string(p.online_level);
    d.boundary_free = p.boundary_free.value_or(false);
    d.date = !p.updated.empty() ? p.updated : (p.decision ? p.decision->date : "");
    add_line(d.keywords, p.field);
    add_line(d.keywords, p.procedure_type);
    for (const auto* agency :
         {&p.executing_agency, &p.competent_agency, &p.authorised_agency, &p.coordinating_agency})
        add_line(d.keywords, *agency);
    for (const auto& s : p.subjects)
        add_line(d.keywords, s);
    add_line(d.keywords, p.keywords);
    add_line(d.body, p.description);
    for (const auto& step : p.steps) {
        add_line(d.body, step.title);
        add_line(d.body, step.text);
        for (const auto& sub : step.substeps)
            add_line(d.body, sub);
    }
    for (const auto& group : p.dossier) {
        add_line(d.body, group.name);
        for (const auto& item : group.items) {
            add_line(d.body, item.name);
            add_line(d.body, item.note);
        }
        add_line(d.body, group.note);
        for (const auto& n : group.notes)
            add_line(d.body, n);
    }
    for (const auto& r : p.requirements)
        add_line(d.body, r);
    add_line(d.body, p.result);
    for (const auto& c : p.channels) {
        add_line(d.body, c.time_text);
        add_line(d.body, c.fee_text);
        add_line(d.body, c.description);
    }
    add_line(d.body, p.receiving_address);
    for (const auto& l : p.legal_basis) {
        add_line(d.body, l.number);
        add_line(d.body, l.title);
    }
    return d;
}

search::SearchDocument document_search_document(const PublishedDocument& d,
                                                const std::string& province_code) {
    const auto& m = d.doc->meta;
    const std::string label = d.row["label"].get<std::string>();
    search::SearchDocument s;
    s.id = "directive/" + d.slug;
    s.type = "directive";
    if (m.number && !m.symbol.empty())
        s.code = *m.number + "/" + m.symbol;
    else
        s.code = m.symbol;  // an unsigned copy has no number yet
    s.title = m.subject.empty() ? label : label + ": " + m.subject;
    const std::string path = routes::document(d.slug);
    if (d.all_units) {
        s.unit_path = path;
        s.fallback_url = path;
    } else if (!d.units.empty()) {
        s.unit_path = path;
        s.fallback_url = path;
        s.units.assign(d.units.begin(), d.units.end());
    } else {
        s.url = path;
        s.units = {province_code};
    }
    s.field = d.type;
    s.date = d.date_iso;
    s.issuer = d.issuer;
    add_line(s.keywords, d.type);
    add_line(s.keywords, d.issuer);
    for (const auto& r : m.recipients)
        add_line(s.keywords, r);
    add_line(s.keywords, m.signer.name);
    // The cleaned body (page numbers removed, split words joined) and its footnotes; the raw text
    // when nothing could be structured.
    for (const auto& b : m.body)
        add_line(s.body, b.marker.empty() ? b.text : b.marker + " " + b.text);
    for (const auto& f : m.footnotes)
        add_line(s.body, f.text);
    if (s.body.empty()) s.body = d.doc->text;
    return s;
}

search::SearchDocument page_search_document(const content::Page& p, const std::string& url,
                                            const std::string& unit_code) {
    search::SearchDocument s;
    s.id = "page/" + url;
    s.type = "page";
    s.title = p.title;
    s.url = url;
    s.units = {unit_code};
    s.date = !p.updated.empty() ? p.updated : p.date;
    add_line(s.keywords, p.description);
    for (const auto& tag : p.tags)
        add_line(s.keywords, tag);
    s.body = content::markdown_to_text(p.body_markdown);
    return s;
}

std::vector<search::SearchDocument> registry_search_documents(const BuildContext& ctx) {
    const auto& registry = ctx.content.registry;
    const std::string effective = date_vi(ctx.content.config.effective_date);
    std::vector<search::SearchDocument> out;
    for (const auto& u : registry.new_units()) {
        if (!ctx.built.count(u.code)) continue;
        const std::string dir = routes::unit_dir(u) + "/";
        search::SearchDocument intro;
        intro.id = "page/" + dir + routes::dir(routes::kIntro);
        intro.type = "page";
        intro.title = "Giới thiệu " + u.full_name;
        intro.url = dir + routes::dir(routes::kIntro);
        intro.units = {u.code};
        intro.keywords = u.full_name + "\n" + ctx.content.config.resolution;
        std::string body = u.full_name + " được thành lập từ ngày " + effective +
                           " trên cơ sở sắp xếp " + u.predecessors_raw + ".";
        if (!u.seat.empty()) body += " Trụ sở: " + u.seat + ".";
        if (u.area_km2) body += " Diện tích tự nhiên " + decimal_vi(*u.area_km2) + " km².";
        if (u.population) body += " Quy mô dân số " + integer_vi(*u.population) + " người.";
        for (const auto& p : u.predecessors)
            if (const auto* old = registry.find_old_commune(p.old_code)) {
                body += "\n" + old->full_name;
                if (const auto* d = registry.find_old_district(old->district_code))
                    body += " (" + d->full_name + ")";
                if (p.partial) body += " (một phần)";
            }
        intro.body = body;
        out.push_back(std::move(intro));

        search::SearchDocument contact;
        contact.id = "page/" + dir + routes::dir(routes::kContact);
        contact.type = "page";
        contact.title = "Liên hệ " + u.full_name;
        contact.url = dir + routes::dir(routes::kContact);
        contact.units = {u.code};
        contact.keywords =
            "Ủy ban nhân dân " + u.full_name + "\nTrung tâm Phục vụ hành chính công " + u.full_name;
        contact.body = "Địa chỉ, điện thoại, thư điện tử của Ủy ban nhân dân " + u.full_name +
                       " và Trung tâm Phục vụ hành chính công" +
                       (u.seat.empty() ? std::string() : ". Trụ sở: " + u.seat) + ".";
        out.push_back(std::move(contact));
    }
    // The old→new lookup: each old commune and district, filed under its successors so that a
    // commune's search finds the units it was formed from.
    for (const auto& c : registry.old_communes()) {
        auto successors = registry.successors_of_commune(c.code);
        if (successors.empty()) continue;
        const auto* district = registry.find_old_district(c.district_code);
        search::SearchDocument s;
        s.id = "unit/" + c.code;
        s.type = "page";
        s.code = c.code;
        s.title = c.full_name + (district ? " (" + district->full_name + ")" : "") + " nay thuộc " +
                  successor_names(successors);
        s.url = routes::old_commune(c.code);
        s.units = successor_codes(successors);
        s.keywords = "Tra cứu đơn vị hành chính cũ – mới; sáp nhập; đơn vị hành chính mới";
        s.body = c.full_name + " trước ngày " + effective + " thuộc " +
                 (district ? district->full_name + ", tỉnh " + district->province_name
                           : std::string("tỉnh cũ")) +
                 "; từ ngày " + effective + " thuộc " + successor_names(successors) + ".";
        out.push_back(std::move(s));
    }
    for (const auto& d : registry.old_districts()) {
        auto successors = registry.successors_of_district(d.code);
        if (successors.empty()) continue;
        search::SearchDocument s;
        s.id = "unit/" + d.code;
        s.type = "page";
        s.code = d.code;
        s.title = d.full_name + " (" + d.province_name + ") đã kết thúc hoạt động từ " + effective;
        s.url = routes::old_district(d.code);
        s.units = successor_codes(successors);
        s.keywords = "Tra cứu đơn vị hành chính cũ – mới; cấp huyện; lưu trữ trang thông tin";
        s.body = d.full_name + " (tỉnh " + d.province_name + ") kết thúc hoạt động từ ngày " +
                 effective + ". Địa bàn nay thuộc: " + successor_names(successors) + ".";
        out.push_back(std::move(s));
    }
    return out;
}

search::SearchDocument archive_search_document(const archive::ArchivedItem& item,
                                               const ArchiveSet::Entry& entry) {
    search::SearchDocument s;
    s.id = "archive/" + entry.unit_code + "/" + item.url;
    s.type = "archive";
    s.title = item.title.empty() ? item.original_url : item.title;
    s.url = item.url;
    for (const auto& [successor, site] : entry.successors)
        s.units.push_back(successor.code);
    if (s.units.empty()) s.units = {entry.unit_code};
    s.old_unit = entry.unit_code;
    s.field = entry.package.unit.name;  // "Huyện Ea Kar": the archive, as a facet
    s.date = item.date;
    add_line(s.keywords, entry.package.unit.name);
    add_line(s.keywords, item.original_url);
    s.body = item.text;
    return s;
}

void SearchPageCollector::add(search::SearchDocument doc) {
    std::lock_guard<std::mutex> lock(mutex_);
    docs_.push_back(std::move(doc));
}

std::vector<search::SearchDocument> SearchPageCollector::take_sorted() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<search::SearchDocument> out = std::move(docs_);
    docs_.clear();
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

void feed_search_index(const BuildContext& ctx, search::IndexWriter& index) {
    for (std::size_t i : ctx.catalog.listed)
        index.add(procedure_search_document(ctx.content.procedures[i], ctx.content.config));
    for (const auto& d : ctx.documents.docs)
        index.add(document_search_document(d, ctx.content.registry.province().code));
    for (const auto& d : registry_search_documents(ctx))
        index.add(d);
}

}  // namespace xasite::site
