// Word-export records of the national TTHC database, as extracted by nhdandz/ThuTucHanhChinh
// (data/extracted_fixed/<code>.json, one file per procedure, from ChiTietTTHC_<code>.doc).
//
//   metadata.mã_thủ_tục, tên_thủ_tục, lĩnh_vực, loại_thủ_tục → code, name, field, procedure_type
//   metadata.số_quyết_định → decision.number (verbatim); cấp_thực_hiện → levels
//   content.trình_tự_thực_hiện → steps and substeps, split on "Bước N:", "- ", "1.", "(i)", "a)"
//                              markers (split_steps in import_structure.cpp)
//   content.đối_tượng_thực_hiện → subjects (commas outside parentheses)
//   tables.hinh_thuc_nop → channels (time text verbatim + parsed helper, fee text verbatim)
//   tables.thanh_phan_ho_so → one unnamed dossier case ("Bản chính: 1\nBản sao: 0" → counts;
//                              so_luong holds form file names)
//   tables.can_cu_phap_ly → legal_basis (a bare so_ky_hieu such as "12" is completed from
//                              trich_yeu: "12/2021/QĐ-TTg"; ngay_ban_hanh "24-03-2021" → ISO)
#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "generator/procedures/import_formats.hpp"

namespace xasite::procedures::importers {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "Bản chính: 1\nBản sao: 0" → originals 1, copies 0; other lines are kept as a note.
void read_copy_counts(const std::string& note_text, DossierItem& item) {
    std::string rest;
    for (auto line : text::split(note_text, '\n')) {
        std::string l = clean(line);
        if (l.empty()) continue;
        std::string folded = text::fold(l);
        auto colon = l.find(':');
        std::string value = colon == std::string::npos ? "" : clean(l.substr(colon + 1));
        if (folded.rfind("ban chinh:", 0) == 0 && all_digits(value) && value.size() < 7) {
            item.originals = std::stoi(value);
        } else if (folded.rfind("ban sao:", 0) == 0 && all_digits(value) && value.size() < 7) {
            item.copies = std::stoi(value);
        } else {
            if (!rest.empty()) rest += "\n";
            rest += l;
        }
    }
    item.note = rest;
}

}  // namespace

std::optional<Procedure> parse_word_export(const nlohmann::json& document, const Origin& origin,
                                           Warnings& warnings) {
    SourceRecord root(document, origin.display);
    SourceRecord meta = root.object("metadata");
    SourceRecord content = root.object("content");
    SourceRecord tables = root.object("tables");

    Procedure p;
    p.code = meta.text("mã_thủ_tục");
    std::string file_code = root.text("thu_tuc_id");
    if (p.code.empty()) p.code = file_code;
    if (!file_code.empty() && file_code != p.code)
        warnings.push_back(origin.display + ": thu_tuc_id \"" + file_code +
                           "\" differs from mã_thủ_tục \"" + p.code + "\"; mã_thủ_tục kept");
    p.name = meta.text("tên_thủ_tục");
    if (p.code.empty() || p.name.empty()) {
        warnings.push_back(origin.display + ": no " +
                           std::string(p.code.empty() ? "mã_thủ_tục" : "tên_thủ_tục") +
                           "; skipped");
        return std::nullopt;
    }
    p.field = meta.text("lĩnh_vực");
    p.procedure_type = meta.text("loại_thủ_tục");
    if (auto number = meta.text("số_quyết_định"); !number.empty())
        p.decision = Decision{number, "", ""};
    const std::string levels_text = meta.text("cấp_thực_hiện");
    for (auto part : text::split(levels_text, ',')) {
        std::string name = clean(part);
        if (name.empty()) continue;
        if (auto level = level_of(name))
            p.levels.push_back(*level);
        else
            warnings.push_back(origin.display + ": unknown cấp_thực_hiện \"" + name +
                               "\"; ignored");
    }
    normalise_levels(p.levels);

    p.steps = split_steps(content.text("trình_tự_thực_hiện"));
    if (auto how = content.text("cách_thức_thực_hiện"); !how.empty())
        warnings.push_back(origin.display +
                           ": cách_thức_thực_hiện is not empty and is not imported (channels "
                           "come from tables.hinh_thuc_nop)");
    p.subjects = split_subjects(content.text("đối_tượng_thực_hiện"));
    p.executing_agency = content.text("cơ_quan_thực_hiện");
    p.competent_agency = content.text("cơ_quan_có_thẩm_quyền");
    p.authorised_agency = content.text("cơ_quan_được_ủy_quyền");
    p.coordinating_agency = content.text("cơ_quan_phối_hợp");
    p.receiving_address = content.text("địa_chỉ_tiếp_nhận_hs");
    p.result = content.text("kết_quả_thực_hiện");
    if (auto req = content.text("yêu_cầu_điều_kiện_thực_hiện"); !req.empty())
        p.requirements.push_back(req);
    p.keywords = content.text("từ_khóa");
    p.description = content.text("mô_tả");

    if (const auto* rows = tables.array("hinh_thuc_nop")) {
        for (std::size_t i = 0; i < rows->size(); ++i) {
            auto row = tables.element("hinh_thuc_nop", (*rows)[i], i);
            std::string how = row.text("hinh_thuc");
            auto channel = channel_of(how);
            if (!channel) {
                warnings.push_back(origin.display + ": unknown hinh_thuc \"" + how +
                                   "\"; row ignored");
                continue;
            }
            ChannelInfo info;
            info.channel = *channel;
            info.time_text = row.text("thoi_han_giai_quyet");
            auto duration = parse_duration(info.time_text);
            info.time_value = duration.value;
            info.time_unit = duration.unit;
            info.fee_text = row.text("phi_le_phi");
            info.description = row.text("mo_ta");
            p.channels.push_back(std::move(info));
        }
    }
    sort_channels(p.channels);
    p.online_level = online_level_of(p.channels);

    if (const auto* rows = tables.array("thanh_phan_ho_so")) {
        DossierCase dossier_case;
        for (std::size_t i = 0; i < rows->size(); ++i) {
            auto row = tables.element("thanh_phan_ho_so", (*rows)[i], i);
            DossierItem item;
            item.name = row.text("ten_giay_to");
            read_copy_counts(row.text("ghi_chu"), item);
            const std::string quantity = row.text("so_luong");
            for (auto line : text::split(quantity, '\n')) {
                std::string value = clean(line);
                if (value.empty()) continue;
                if (all_digits(value)) {
                    if (!item.note.empty()) item.note += '\n';
                    item.note.append("Số lượng: ").append(value);
                } else {
                    item.forms.push_back(Form{value, ""});
                }
            }
            if (item.name.empty()) {
                warnings.push_back(origin.display + ": thanh_phan_ho_so row " +
                                   std::to_string(i + 1) + " has no ten_giay_to; skipped");
                continue;
            }
            dossier_case.items.push_back(std::move(item));
        }
        if (!dossier_case.items.empty()) p.dossier.push_back(std::move(dossier_case));
    }
    structure_dossier(p.dossier);

    if (const auto* rows = tables.array("can_cu_phap_ly")) {
        for (std::size_t i = 0; i < rows->size(); ++i) {
            auto row = tables.element("can_cu_phap_ly", (*rows)[i], i);
            LegalDoc doc;
            doc.number = row.text("so_ky_hieu");
            doc.title = row.text("trich_yeu");
            doc.issuer = row.text("co_quan_ban_hanh");
            std::string issued = row.text("ngay_ban_hanh");
            doc.date = any_date_to_iso(issued);
            if (!issued.empty() && doc.date.empty())
                warnings.push_back(origin.display + ": can_cu_phap_ly row " +
                                   std::to_string(i + 1) + ": ngay_ban_hanh \"" + issued +
                                   "\" is not a date");
            if (all_digits(doc.number)) {
                // The export sometimes keeps only the leading digits of the number.
                std::string full = find_document_number(doc.title, doc.number);
                if (!full.empty())
                    doc.number = full;
                else
                    warnings.push_back(origin.display + ": can_cu_phap_ly row " +
                                       std::to_string(i + 1) + ": so_ky_hieu \"" + doc.number +
                                       "\" is incomplete and trich_yeu does not complete it");
            }
            if (doc.number.empty() && doc.title.empty()) continue;
            p.legal_basis.push_back(std::move(doc));
        }
    }

    p.detail = (!p.steps.empty() || !p.channels.empty() || !p.dossier.empty()) ? Detail::full
                                                                               : Detail::catalog;
    std::string note = origin.note;
    if (auto doc = root.text("source_file"); !doc.empty())
        note += (note.empty() ? "" : "; ") + std::string("from ") + doc;
    p.sources.push_back(Source{kKindWordExport, origin.file, note});
    return p;
}

}  // namespace xasite::procedures::importers
