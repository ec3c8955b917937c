#include "procedure_documents.hpp"

#include "generator/content/procedure_scope.hpp"
#include "generator/content/site_config.hpp"
#include "generator/site/search_feed.hpp"
#include "generator/units/registry.hpp"

namespace xasite::search_data {

std::string portal_url(const std::string& code) {
    return "https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/" + code;
}

search::SearchDocument procedure_document(const procedures::Procedure& p) {
    // The build's own conversion, with the portal address of the default content.
    static const content::SiteConfig config =
        content::SiteConfig::load(std::filesystem::path(XASITE_SOURCE_DIR) / "content/site.json");
    return site::procedure_search_document(p, config);
}

std::vector<search::SearchDocument> procedure_documents(const std::filesystem::path& dir) {
    // Other provinces' copies are published nowhere, so the site's index never has them
    // (procedure-scope.json beside the procedures, as the build reads it).
    const auto scope_file = dir.parent_path() / "procedure-scope.json";
    const content::ProcedureScope scope = std::filesystem::exists(scope_file)
                                              ? content::ProcedureScope::load(scope_file)
                                              : content::ProcedureScope{};
    std::vector<search::SearchDocument> out;
    for (const auto& p : procedures::load_directory(dir))
        if (scope.other_province_of(p.name).empty()) out.push_back(procedure_document(p));
    return out;
}

std::map<std::string, std::pair<std::string, std::string>> unit_map(
    const std::filesystem::path& units_json) {
    std::map<std::string, std::pair<std::string, std::string>> out;
    auto registry = units::Registry::load(units_json);
    for (const auto& u : registry.new_units())
        out[u.code] = {u.slug, u.full_name};
    return out;
}

std::vector<search::SearchDocument> unit_pages(const std::filesystem::path& units_json) {
    std::vector<search::SearchDocument> out;
    auto registry = units::Registry::load(units_json);
    for (const auto& u : registry.new_units()) {
        search::SearchDocument intro;
        intro.id = "page/" + u.slug + "/gioi-thieu";
        intro.type = "page";
        intro.title = "Giới thiệu " + u.full_name;
        intro.url = u.slug + "/gioi-thieu/";
        intro.units = {u.code};
        intro.body = u.full_name +
                     " được thành lập theo Nghị quyết số 1660/NQ-UBTVQH15 trên cơ "
                     "sở sắp xếp " +
                     u.predecessors_raw + ". Trụ sở: " + u.seat + ".";
        out.push_back(intro);
        search::SearchDocument contact;
        contact.id = "page/" + u.slug + "/lien-he";
        contact.type = "page";
        contact.title = "Liên hệ";
        contact.url = u.slug + "/lien-he/";
        contact.units = {u.code};
        contact.keywords = "Ủy ban nhân dân " + u.full_name + "; Trung tâm Phục vụ hành chính công";
        contact.body = "Văn phòng HĐND và UBND " + u.full_name +
                       ", Trung tâm Phục vụ hành chính "
                       "công " +
                       u.full_name +
                       ": tiếp nhận hồ sơ thủ tục hành chính từ thứ Hai "
                       "đến thứ Sáu.";
        out.push_back(contact);
    }
    return out;
}

}  // namespace xasite::search_data
