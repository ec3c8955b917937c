// content/site.json: province-wide settings (names, URLs, the reorganisation resolution, portal
// links, contact defaults, the boundary-free filing policy, the build date).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace xasite::content {

struct BoundaryFreePolicy {
    // From this date every procedure of the province is receivable at any commune centre
    // (Đắk Lắk: 100% from 30/12/2025). Empty = no province-wide policy; records decide alone.
    std::string all_from;  // "YYYY-MM-DD"
    std::string source;    // the plan or decision that says so
};

// An act of the 2025 reform, cited on the pages where it applies (site.json
// "reorganisation.acts"). `role` says where: "province_merge" (the province home: which provinces
// became this one), "district_end" (the end of the district level: province home, district
// archives). A citation with `checked_in` is verified by the build against that content document
// (the quote must appear in its text); one without is reported as not checked locally.
struct LegalAct {
    std::string role;       // "province_merge" | "district_end"
    std::string number;     // "Nghị quyết số 202/2025/QH15"
    std::string issuer;     // "Quốc hội"
    std::string date;       // "YYYY-MM-DD"
    std::string effective;  // "YYYY-MM-DD" or ""
    std::string title;  // "về việc sắp xếp đơn vị hành chính cấp tỉnh năm 2025"
    std::string statement;         // what the page says it did, one sentence without a final stop
    std::string checked_document;  // content-relative path of a document quoting it, or ""
    std::string checked_quote;     // the words that must appear there
};

struct SiteConfig {
    std::string province_code;  // "66"
    std::string province_name;  // "Đắk Lắk"
    std::string authority;      // "Ủy ban nhân dân tỉnh Đắk Lắk"
    std::string base_url;       // "https://daklak.gov.vn/" (ends with '/')
    std::string unit_url;       // pattern with {base_url} and {slug}: "{base_url}{slug}/"
    std::string language = "vi";
    // The unit registry, relative to the content tree ("units/daklak-units.json"): another
    // province is another content tree, not a code change.
    std::string registry;
    std::string resolution;       // "Nghị quyết số 1660/NQ-UBTVQH15"
    std::string resolution_date;  // "2025-06-16"
    std::string resolution_title;  // "về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Đắk Lắk
                                   // năm 2025"
    std::string effective_date;         // "2025-07-01": new units operate, districts dissolved
    std::vector<LegalAct> reform_acts;  // NQ 202/2025/QH15, NQ 203/2025/QH15, … (see LegalAct)
    std::string portal_name;            // "Cổng Dịch vụ công quốc gia"
    std::string portal_url;             // "https://dichvucong.gov.vn/"
    std::string procedure_url;          // pattern with {code}
    std::string petition_url;           // national petition portal (PAKN)
    std::string office_name;            // pattern: "Văn phòng HĐND và UBND {unit}"
    std::string centre_name;       // pattern: "Trung tâm Phục vụ hành chính công {unit}"
    std::string province_contact;  // line shown on the province site's footer
    int stale_days_full = 90;      // staleness warnings for procedure records
    int stale_days_catalog = 365;
    BoundaryFreePolicy boundary_free;
    std::string build_date;  // "YYYY-MM-DD"; empty = SOURCE_DATE_EPOCH or newest content date
    // Commune organisation (NĐ 150/2025/NĐ-CP, NĐ 118/2025/NĐ-CP): departments of a xã and of a
    // phường.
    std::vector<std::string> departments_commune, departments_ward;
    std::string organisation_source;
    std::string
        functions_text;  // chức năng, nhiệm vụ, quyền hạn: a short statement and its legal basis
    // Danh mục thông tin phải công khai (Luật Tiếp cận thông tin 2016 Điều 17, 19): what a commune
    // publishes and where on its site (a section folder of the commune sites: van-ban, thu-tuc,
    // gioi-thieu, tin-tuc, …; checked by the site build against its section table).
    struct DisclosureItem {
        std::string title, basis, section;
    };
    std::vector<DisclosureItem> disclosure;
    std::string disclosure_form, disclosure_deadline;
    // A province-wide note shown on procedures that can be filed online (e.g. fee exemption).
    std::string online_fee_note;

    std::filesystem::path source;  // the site.json read (for messages)

    // Reads and validates site.json; errors name the file and the key.
    static SiteConfig load(const std::filesystem::path& path);

    std::string unit_base_url(const std::string& slug) const;
    std::string procedure_portal_url(const std::string& code) const;
};

// Replaces {key} placeholders in a pattern.
std::string fill_pattern(std::string pattern, const std::string& key, const std::string& value);

}  // namespace xasite::content
