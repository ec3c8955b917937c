// Kinds of administrative document (NĐ 30/2020 Điều 7) and their abbreviations (Phụ lục III).
#include <algorithm>

#include "core/text.hpp"
#include "generator/directives/internal.hpp"

namespace xasite::directives::detail {

const std::vector<TypeInfo>& types() {
    static const std::vector<TypeInfo> table = {
        {"Nghị quyết", "NQ"},   {"Quyết định", "QĐ"},       {"Chỉ thị", "CT"},
        {"Quy chế", "QC"},      {"Quy định", "QyĐ"},        {"Thông cáo", "TC"},
        {"Thông báo", "TB"},    {"Hướng dẫn", "HD"},        {"Chương trình", "CTr"},
        {"Kế hoạch", "KH"},     {"Phương án", "PA"},        {"Đề án", "ĐA"},
        {"Dự án", "DA"},        {"Báo cáo", "BC"},          {"Biên bản", "BB"},
        {"Tờ trình", "TTr"},    {"Hợp đồng", "HĐ"},         {"Công điện", "CĐ"},
        {"Bản ghi nhớ", "GNh"}, {"Bản thỏa thuận", "TTh"},  {"Giấy ủy quyền", "GUQ"},
        {"Giấy mời", "GM"},     {"Giấy giới thiệu", "GGT"}, {"Giấy nghỉ phép", "GNP"},
        {"Phiếu gửi", "PG"},    {"Phiếu chuyển", "PC"},     {"Phiếu báo", "PB"},
        {"Thư công", ""},       {"Công văn", ""},
    };
    return table;
}

namespace {

struct FoldedType {
    std::string folded;
    const TypeInfo* info;
};

const std::vector<FoldedType>& folded_types() {
    static const std::vector<FoldedType> table = [] {
        std::vector<FoldedType> t;
        for (const auto& ti : types())
            t.push_back({text::fold(ti.name), &ti});
        return t;
    }();
    return table;
}

}  // namespace

const TypeInfo* type_by_title(std::string_view folded) {
    // "QUYẾT ĐỊNH:" and "KẾ HOẠCH (DỰ THẢO)" are titles too.
    std::string f(folded);
    while (!f.empty() && (f.back() == ':' || f.back() == ' ' || f.back() == '.'))
        f.pop_back();
    for (std::string_view suffix : {" (du thao)", "(du thao)"}) {
        if (f.size() > suffix.size() &&
            f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0) {
            f.resize(f.size() - suffix.size());
            while (!f.empty() && f.back() == ' ')
                f.pop_back();
        }
    }
    for (const auto& t : folded_types())
        if (t.folded == f) return t.info;
    return nullptr;
}

const TypeInfo* type_by_abbr(std::string_view abbr) {
    if (abbr.empty()) return nullptr;
    for (const auto& t : types())
        if (*t.abbr && abbr == t.abbr) return &t;
    std::string up = text::upper(abbr);
    for (const auto& t : types())
        if (*t.abbr && up == text::upper(t.abbr)) return &t;
    return nullptr;
}

const TypeInfo* type_by_name(std::string_view name) {
    std::string f = text::fold(name);
    for (const auto& t : folded_types())
        if (t.folded == f) return t.info;
    return nullptr;
}

std::string symbol_abbr(std::string_view symbol) {
    std::size_t slash = symbol.rfind('/');
    if (slash != std::string_view::npos) symbol = symbol.substr(slash + 1);
    std::size_t dash = symbol.find('-');
    return std::string(dash == std::string_view::npos ? symbol : symbol.substr(0, dash));
}

}  // namespace xasite::directives::detail
