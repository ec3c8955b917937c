#include "generator/site/routes.hpp"

#include "core/ascii.hpp"
#include "core/text.hpp"
#include "generator/units/registry.hpp"

namespace xasite::site::routes {

std::string dir(std::string_view folder) {
    std::string out(folder);
    out += '/';
    return out;
}

std::string unit_dir(const units::NewUnit& unit) {
    return unit.slug;
}

std::string procedure_file(const std::string& code) {
    std::string out;
    for (char c : code) {
        bool ok = ascii::is_alnum(c) || c == '.' || c == '-' || c == '_';
        out.push_back(ok ? c : '-');
    }
    if (out.empty() || out.front() == '.') out.insert(out.begin(), 'p');
    return out;
}

std::string procedure_path(const std::string& code) {
    return dir(kProcedures) + procedure_file(code) + ".html";
}

std::string procedure_notice(const std::string& code) {
    return dir(kProcedures) + "ban-in/" + procedure_file(code) + ".html";
}

std::string procedure_field(const std::string& slug) {
    return dir(kProcedures) + "linh-vuc/" + slug + "/";
}

std::string procedure_facet(const std::string& slug) {
    return dir(kProcedures) + slug + "/";
}

std::string retired_procedures() {
    return dir(kProcedures) + "da-bai-bo/";
}

std::string procedures_export(std::string_view extension) {
    return dir(kExports) + std::string(kProcedures) + "." + std::string(extension);
}

std::string document(const std::string& slug) {
    return dir(kDocuments) + slug + "/";
}

std::string document_facet(const std::string& group, const std::string& slug) {
    return dir(kDocuments) + group + "/" + slug + "/";
}

std::string list_page(const std::string& first, std::size_t n) {
    return n == 1 ? first : first + "trang-" + std::to_string(n) + "/";
}

std::string archive(const std::string& slug) {
    return dir(kArchives) + slug + "/";
}

std::string old_commune_slug(const units::OldCommune& commune) {
    return text::slug(commune.full_name) + "-" + commune.code;
}

std::string old_commune(const std::string& code) {
    return dir(kUnitLookup) + "#xa-" + code;
}

std::string old_district(const std::string& code) {
    return dir(kUnitLookup) + "#huyen-" + code;
}

const std::vector<std::string_view>& unit_reserved_extra() {
    static const std::vector<std::string_view> names = {kArchives};
    return names;
}

const std::vector<std::string_view>& province_reserved_extra() {
    static const std::vector<std::string_view> names = {kApi};
    return names;
}

}  // namespace xasite::site::routes
