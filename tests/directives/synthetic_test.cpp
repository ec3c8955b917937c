// Synthetic documents for every case the three real ones do not show: each type and its
// abbreviation, each signing authority, drafts, secrecy and urgency marks, NFD text, commune and
// department headers, number formats, cut headers, recipient forms, layouts, footnotes and pages.
#include <gtest/gtest.h>

#include "core/text.hpp"
#include "directives_test_support.hpp"

namespace xasite::directives {
namespace {

using testing::count_blocks;
using testing::describe;
using testing::fixture;

// A small document assembled from its parts, in NĐ 30 order.
struct Doc {
    std::string before;  // lines above the header (a DỰ THẢO mark…)
    std::string issuer = "ỦY BAN NHÂN DÂN\nXÃ EA KAR";
    std::string number = "Số: 05/KH-UBND";
    std::string marks;  // lines under the number (MẬT, KHẨN…)
    std::string date = "Ea Kar, ngày 05 tháng 01 năm 2026";
    std::string title = "KẾ HOẠCH";
    std::string subject = "Tổ chức tiếp công dân định kỳ năm 2026";
    std::string kinh_gui;
    std::string body =
        "Ủy ban nhân dân xã ban hành kế hoạch tiếp công dân định kỳ năm 2026 như sau:\n"
        "1. Thời gian\n"
        "Ngày 15 hằng tháng, tại Trụ sở Ủy ban nhân dân xã./.";
    std::string closing =
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An";

    std::string text() const {
        std::string t = before;
        t += issuer + "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n";
        t += number + "\n" + marks + date + "\n";
        if (!title.empty()) t += title + "\n";
        t += subject + "\n\n" + kinh_gui + body + "\n" + closing + "\n";
        return t;
    }
};

bool has_warning(const Metadata& m, std::string_view part) {
    for (const auto& w : m.warnings)
        if (w.find(part) != std::string::npos) return true;
    return false;
}

// ---- types --------------------------------------------------------------------------------------

struct TypeCase {
    const char* name;
    const char* abbr;
};

// DOMAIN §3, Phụ lục III, written out here independently of the extractor's own table.
const TypeCase kTypes[] = {
    {"Nghị quyết", "NQ"},   {"Quyết định", "QĐ"},       {"Chỉ thị", "CT"},
    {"Quy chế", "QC"},      {"Quy định", "QyĐ"},        {"Thông cáo", "TC"},
    {"Thông báo", "TB"},    {"Hướng dẫn", "HD"},        {"Chương trình", "CTr"},
    {"Kế hoạch", "KH"},     {"Phương án", "PA"},        {"Đề án", "ĐA"},
    {"Dự án", "DA"},        {"Báo cáo", "BC"},          {"Biên bản", "BB"},
    {"Tờ trình", "TTr"},    {"Hợp đồng", "HĐ"},         {"Công điện", "CĐ"},
    {"Bản ghi nhớ", "GNh"}, {"Bản thỏa thuận", "TTh"},  {"Giấy ủy quyền", "GUQ"},
    {"Giấy mời", "GM"},     {"Giấy giới thiệu", "GGT"}, {"Giấy nghỉ phép", "GNP"},
    {"Phiếu gửi", "PG"},    {"Phiếu chuyển", "PC"},     {"Phiếu báo", "PB"},
};

TEST(DirectiveTypes, EveryTypeTitleGivesItsTypeAndAbbreviation) {
    for (const auto& tc : kTypes) {
        Doc d;
        d.title = text::upper(tc.name);
        d.number = std::string("Số: 05/") + tc.abbr + "-UBND";
        Metadata m = extract(d.text());
        EXPECT_EQ(m.type, tc.name) << d.title;
        EXPECT_EQ(m.type_abbr, tc.abbr) << d.title;
        EXPECT_EQ(m.symbol, std::string(tc.abbr) + "-UBND");
        EXPECT_EQ(m.subject, "Tổ chức tiếp công dân định kỳ năm 2026") << d.title;
        EXPECT_FALSE(has_warning(m, "type")) << d.title;
    }
}

TEST(DirectiveTypes, WithoutATypeLineTheSymbolGivesTheType) {
    for (const auto& tc : kTypes) {
        Doc d;
        d.title = "";
        d.subject = "";
        d.number = std::string("Số: 12/") + tc.abbr + "-UBND";
        Metadata m = extract(d.text());
        EXPECT_EQ(m.type, tc.name) << tc.abbr;
        EXPECT_EQ(m.type_abbr, tc.abbr);
        EXPECT_TRUE(has_warning(m, "read from the symbol")) << tc.abbr;
    }
}

TEST(DirectiveTypes, CongVanIsRecognisedByItsVvLine) {
    Doc d;
    d.title = "";
    d.number = "Số: 123/UBND-VP";
    d.subject = "V/v tổ chức tiếp công dân\nđịnh kỳ năm 2026";
    d.kinh_gui = "Kính gửi: Các thôn, buôn.\n";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.type, "Công văn");
    EXPECT_EQ(m.type_abbr, "");
    EXPECT_EQ(m.subject, "V/v tổ chức tiếp công dân định kỳ năm 2026");
    EXPECT_EQ(m.number, "123");
    EXPECT_EQ(m.symbol, "UBND-VP");
    EXPECT_TRUE(m.warnings.empty()) << m.warnings.front();
}

TEST(DirectiveTypes, CongVanWithVeViecWrittenOut) {
    Doc d;
    d.title = "";
    d.number = "Số: 124/UBND-VP";
    d.subject = "Về việc tổ chức tiếp công dân";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.type, "Công văn");
    EXPECT_EQ(m.subject, "Về việc tổ chức tiếp công dân");
    EXPECT_FALSE(has_warning(m, "type"));
}

TEST(DirectiveTypes, ATypeLineAgainstTheSymbolIsReported) {
    Doc d;
    d.number = "Số: 05/QĐ-UBND";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.type, "Kế hoạch");
    EXPECT_TRUE(has_warning(m, "Quyết định")) << ::testing::PrintToString(m.warnings);
}

TEST(DirectiveTypes, ThuCongHasNoAbbreviation) {
    Doc d;
    d.title = "THƯ CÔNG";
    d.number = "Số: 05/UBND-VP";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.type, "Thư công");
    EXPECT_EQ(m.type_abbr, "");
}

// ---- signing authorities ----------------------------------------------------------------------

struct SignerCase {
    const char* closing;
    const char* authority;
    std::vector<std::string> lines;
    const char* position;
};

TEST(DirectiveSigner, EachSigningAuthority) {
    const SignerCase cases[] = {
        {"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT.", {"KT. CHỦ TỊCH"}, "PHÓ CHỦ TỊCH"},
        {"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
         "KT.",
         {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"},
         "PHÓ CHỦ TỊCH"},
        {"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TM.", {"TM. ỦY BAN NHÂN DÂN"}, "CHỦ TỊCH"},
        {"TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", "TL.", {"TL. CHỦ TỊCH"}, "CHÁNH VĂN PHÒNG"},
        {"TUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ NỘI VỤ", "TUQ.", {"TUQ. CHỦ TỊCH"}, "GIÁM ĐỐC SỞ NỘI VỤ"},
        {"Q. CHỦ TỊCH", "Q.", {"Q. CHỦ TỊCH"}, "CHỦ TỊCH"},
        {"CHỦ TỊCH", "", {}, "CHỦ TỊCH"},
        {"K/T CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT.", {"K/T CHỦ TỊCH"}, "PHÓ CHỦ TỊCH"},
        {"T/M ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TM.", {"T/M ỦY BAN NHÂN DÂN"}, "CHỦ TỊCH"},
    };
    for (const auto& c : cases) {
        Doc d;
        d.closing =
            std::string("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n") + c.closing + "\n\n\n\nH'Hen Niê";
        Metadata m = extract(d.text());
        EXPECT_EQ(m.signer.authority, c.authority) << c.closing;
        EXPECT_EQ(m.signer.authority_lines, c.lines) << c.closing;
        EXPECT_EQ(m.signer.position, c.position) << c.closing;
        EXPECT_EQ(m.signer.name, "H'Hen Niê") << c.closing;
        EXPECT_EQ(m.distribution, (std::vector<std::string>{"Như trên", "Lưu: VT"})) << c.closing;
        nlohmann::json j = to_json(m, "x.txt");
        if (*c.authority)
            EXPECT_EQ(j["signer"]["authority"], c.authority);
        else
            EXPECT_TRUE(j["signer"]["authority"].is_null());
    }
}

TEST(DirectiveSigner, SignatureBeforeTheDistributionList) {
    Doc d;
    d.closing =
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nLê Thị Hoa\nNơi nhận:\n- Như trên;\n- Sở Nội vụ "
        "(b/c);\n- Lưu: VT.";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.signer.authority, "KT.");
    EXPECT_EQ(m.signer.position, "PHÓ CHỦ TỊCH");
    EXPECT_EQ(m.signer.name, "Lê Thị Hoa");
    EXPECT_EQ(m.distribution, (std::vector<std::string>{"Như trên", "Sở Nội vụ (b/c)", "Lưu: VT"}));
}

TEST(DirectiveSigner, AcademicTitlesAreNotPartOfTheName) {
    Doc d;
    d.closing = "Nơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\n\nTS. Phạm Văn Quang";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.signer.name, "Phạm Văn Quang");
    EXPECT_EQ(m.signer.position, "GIÁM ĐỐC");
    EXPECT_TRUE(has_warning(m, "academic title"));
}

TEST(DirectiveSigner, NoSignatureBlockLeavesTheSignerEmpty) {
    Doc d;
    d.closing = "Nơi nhận:\n- Lưu: VT.";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.signer.name, "");
    EXPECT_EQ(m.signer.authority, "");
    EXPECT_TRUE(has_warning(m, "signer's name was not found"));
}

// ---- marks --------------------------------------------------------------------------------------

TEST(DirectiveMarks, Draft) {
    Doc d;
    d.before = "DỰ THẢO\n";
    Metadata m = extract(d.text());
    EXPECT_TRUE(m.draft);
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN XÃ EA KAR");  // the mark is not part of the issuer
    EXPECT_TRUE(to_json(m, "x")["draft"].get<bool>());

    Doc t;
    t.title = "KẾ HOẠCH (DỰ THẢO)";
    Metadata mt = extract(t.text());
    EXPECT_TRUE(mt.draft);
    EXPECT_EQ(mt.type, "Kế hoạch");

    Doc prose;
    prose.body =
        "Đề nghị các thôn góp ý dự thảo Nghị quyết về giá dịch vụ trước ngày 10/01/2026./.";
    EXPECT_FALSE(extract(prose.text()).draft);
    EXPECT_FALSE(extract(Doc{}.text()).draft);
}

TEST(DirectiveMarks, SecretDocumentsMustNotBePublished) {
    for (std::string mark : {"MẬT", "TỐI MẬT", "TUYỆT MẬT"}) {
        for (const std::string& written : {mark, "(" + mark + ")", "        " + mark + "   "}) {
            Doc d;
            d.marks = written + "\n";
            Metadata m = extract(d.text());
            EXPECT_EQ(m.secrecy, mark) << written;
            EXPECT_TRUE(must_not_publish(m)) << written;
            EXPECT_FALSE(to_json(m, "x")["publishable"].get<bool>());
            EXPECT_EQ(to_json(m, "x")["secrecy"], mark);
        }
        // Side by side with the number (physical layout).
        Doc side;
        side.number = "Số: 05/KH-UBND             " + mark;
        Metadata m = extract(side.text());
        EXPECT_EQ(m.secrecy, mark);
        EXPECT_EQ(m.symbol, "KH-UBND");
    }
}

TEST(DirectiveMarks, TheWordMatInProseIsNotASecrecyMark) {
    Doc d;
    d.subject = "Bảo mật thông tin và đổi mật khẩu tài khoản";
    d.body =
        "Đề nghị các cán bộ đổi mật khẩu tài khoản thư điện tử công vụ, giữ bí mật thông tin\n"
        "và báo cáo kết quả bảo mật về Văn phòng./.";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.secrecy, "");
    EXPECT_FALSE(must_not_publish(m));

    // A "MẬT" line deep in the body (a quoted stamp, a table cell) is not the document's mark.
    Doc deep;
    deep.body = "Ủy ban nhân dân xã báo cáo như sau:\n";
    for (int i = 0; i < 45; ++i)
        deep.body += "- Nội dung số " + std::to_string(i + 1) + ";\n";
    deep.body += "MẬT\nHết./.";
    EXPECT_EQ(extract(deep.text()).secrecy, "");
}

TEST(DirectiveMarks, Urgency) {
    for (std::string mark : {"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"}) {
        Doc d;
        d.marks = mark + "\n";
        Metadata m = extract(d.text());
        EXPECT_EQ(m.urgency, mark);
        EXPECT_FALSE(must_not_publish(m));
    }
    Doc prose;
    prose.body = "Đề nghị các thôn khẩn trương triển khai thực hiện./.";
    EXPECT_EQ(extract(prose.text()).urgency, "");
}

// ---- Unicode ------------------------------------------------------------------------------------

TEST(DirectiveUnicode, NfdTextGivesTheSameResultAsNfc) {
    for (const char* rel :
         {"real/000_904af3f79e6c7a42.txt", "real/001_1eb639fe7a9b089c.txt",
          "real/004_721385dba39d987a.txt", "synthetic/commune-cong-van.txt",
          "synthetic/department-thong-bao.txt", "synthetic/vbqppl-quyet-dinh.txt",
          "synthetic/physical-layout-ke-hoach.txt", "synthetic/footnotes-pages.txt"}) {
        std::string nfc = text::nfc(fixture(rel));
        std::string decomposed = testing::nfd(nfc);
        ASSERT_NE(decomposed, nfc) << rel;  // the test really feeds NFD
        Metadata a = extract(nfc), b = extract(decomposed);
        EXPECT_EQ(to_json(a, rel), to_json(b, rel)) << rel;
        EXPECT_EQ(body_html(a), body_html(b)) << rel;
        EXPECT_TRUE(text::is_nfc(to_json(b, rel).dump())) << rel;
    }
}

// ---- headers ------------------------------------------------------------------------------------

TEST(DirectiveHeader, CommuneCongVan) {
    Metadata m = extract(fixture("synthetic/commune-cong-van.txt"));
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN XÃ EA KAR");
    EXPECT_EQ(m.issuer_parent, "");
    EXPECT_EQ(m.place, "Ea Kar");
    EXPECT_EQ(m.date.iso(), "2026-01-05");
    EXPECT_EQ(m.type, "Công văn");
    // 4-digit zero-padded number: kept as written, normalised.
    EXPECT_EQ(m.number_raw, "0156");
    EXPECT_EQ(m.number, "156");
    EXPECT_EQ(to_json(m, "x")["number"], "156");
    EXPECT_EQ(to_json(m, "x")["number_raw"], "0156");
    EXPECT_EQ(m.symbol, "UBND-VP");
    EXPECT_EQ(m.subject, "V/v niêm yết công khai thủ tục hành chính lĩnh vực hộ tịch");
    EXPECT_EQ(m.recipients,
              std::vector<std::string>{"Các thôn, buôn trên địa bàn xã"});  // one line
    EXPECT_EQ(m.signer.authority_lines,
              (std::vector<std::string>{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"}));
    EXPECT_EQ(m.signer.name, "Y Bhin Niê");
    EXPECT_EQ(m.distribution,
              (std::vector<std::string>{"Như trên", "Chủ tịch, các PCT UBND xã", "Lưu: VT, VP"}));
    EXPECT_EQ(m.procedure_codes,
              (std::vector<std::string>{"1.001193.000.00.00.H12", "1.000894", "1.000656"}));
    ASSERT_EQ(m.body.size(), 5u);
    EXPECT_EQ(describe(m.body[1]), "B1 - Thủ tục đăng ký khai sinh (mã 1.001193.000.00.00.H12);");
    EXPECT_TRUE(m.warnings.empty()) << ::testing::PrintToString(m.warnings);
}

TEST(DirectiveHeader, DepartmentWithItsParentLine) {
    Metadata m = extract(fixture("synthetic/department-thong-bao.txt"));
    EXPECT_EQ(m.issuer, "PHÒNG VĂN HÓA - XÃ HỘI");
    EXPECT_EQ(m.issuer_parent, "UBND XÃ EA KAR");
    EXPECT_EQ(m.type, "Thông báo");
    EXPECT_EQ(m.number, "7");
    EXPECT_EQ(m.number_raw, "07");
    EXPECT_EQ(m.symbol, "TB-VHXH");
    EXPECT_EQ(m.place, "Ea Kar");
    // "ngày 31 tháng 02": an impossible day is dropped, year and month kept.
    EXPECT_EQ(m.date.iso(), "2026-02");
    EXPECT_TRUE(has_warning(m, "day 31 is not in month 2"));
    EXPECT_EQ(m.subject,
              "Lịch tiếp nhận hồ sơ đề nghị hỗ trợ người có công với cách mạng tháng 3 năm 2026");
    EXPECT_EQ(m.signer.authority, "");
    EXPECT_EQ(m.signer.position, "TRƯỞNG PHÒNG");
    EXPECT_EQ(m.signer.name, "Ksor H'Ngân");
    EXPECT_EQ(to_json(m, "x")["issuer_parent"], "UBND XÃ EA KAR");
    std::vector<std::string> expected = {
        "P Phòng Văn hóa - Xã hội xã Ea Kar thông báo lịch tiếp nhận hồ sơ như sau:",
        "H2 1. Thời gian tiếp nhận",
        "P Từ ngày 02/3/2026 đến ngày 13/3/2026, trong giờ hành chính.",
        "H2 2. Địa điểm",
        "P Trung tâm Phục vụ hành chính công xã Ea Kar.",
        "H2 3. Hồ sơ gồm",
        "H3 a) Thành phần",
        "B1 - Đơn đề nghị (mẫu số 01);",
        "B1 - Bản sao giấy tờ tùy thân.",
        "P b) Số lượng: 01 bộ.",
        "P Mọi thắc mắc liên hệ số điện thoại 0262 3625 111./."};
    std::vector<std::string> got;
    for (const auto& b : m.body)
        got.push_back(describe(b));
    EXPECT_EQ(got, expected);
}

TEST(DirectiveHeader, LegalDocumentNumberKeepsItsYear) {
    Metadata m = extract(fixture("synthetic/vbqppl-quyet-dinh.txt"));
    EXPECT_EQ(m.type, "Quyết định");
    EXPECT_EQ(m.type_abbr, "QĐ");
    EXPECT_EQ(m.number, "34");
    EXPECT_EQ(m.symbol, "2024/QĐ-UBND");
    EXPECT_EQ(m.date.iso(), "2024-09-12");
    EXPECT_EQ(m.subject,
              "Ban hành Quy chế phối hợp giải quyết thủ tục hành chính không phụ thuộc vào địa "
              "giới hành chính "
              "trên địa bàn tỉnh");
    EXPECT_EQ(m.signer.authority, "TM.");
    EXPECT_EQ(m.signer.position, "CHỦ TỊCH");
    EXPECT_EQ(m.signer.name, "Nguyễn Đình Trung");
    ASSERT_EQ(m.body.size(), 8u);
    EXPECT_EQ(describe(m.body[0]),
              "P ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK");  // the enacting body, not the subject
    EXPECT_EQ(describe(m.body[4]), "P QUYẾT ĐỊNH:");
    EXPECT_EQ(m.distribution,
              (std::vector<std::string>{"Như Điều 3", "Bộ Tư pháp (Cục KTVB)", "Lưu: VT, NC"}));
}

TEST(DirectiveHeader, NumberFormats) {
    struct Case {
        const char* line;
        std::optional<std::string> number;
        const char* raw;
        const char* symbol;
    };
    const Case cases[] = {
        {"Số: 45/KH-UBND", "45", "45", "KH-UBND"},
        {"Số:      /KH-UBND", std::nullopt, "", "KH-UBND"},
        {"Số: ……/KH-UBND", std::nullopt, "", "KH-UBND"},
        {"Số: 0156/KH-UBND", "156", "0156", "KH-UBND"},
        {"Số: 05/KH-UBND", "5", "05", "KH-UBND"},
        {"Số: 414 /KH-UBND", "414", "414", "KH-UBND"},
        {"Số: 414 / KH-UBND", "414", "414", "KH-UBND"},
        {"Số: 34/2024/KH-UBND", "34", "34", "2024/KH-UBND"},
        {"SỐ: 9/KH-UBND", "9", "9", "KH-UBND"},
    };
    for (const auto& c : cases) {
        Doc d;
        d.number = c.line;
        Metadata m = extract(d.text());
        EXPECT_EQ(m.number, c.number) << c.line;
        EXPECT_EQ(m.number_raw, c.raw) << c.line;
        EXPECT_EQ(m.symbol, c.symbol) << c.line;
        EXPECT_EQ(m.type, "Kế hoạch") << c.line;
    }
}

TEST(DirectiveHeader, Dates) {
    struct Case {
        const char* line;
        const char* iso;
        const char* place;
    };
    const Case cases[] = {
        {"Ea Kar, ngày 05 tháng 01 năm 2026", "2026-01-05", "Ea Kar"},
        {"Ea Kar, ngày 5 tháng 1 năm 2026", "2026-01-05", "Ea Kar"},
        {"Ea Kar, ngày      tháng 6 năm 2025", "2025-06", "Ea Kar"},
        {"Ea Kar, ngày … tháng … năm 2025", "2025", "Ea Kar"},
        {"Ea Kar, ngày .... tháng .... năm 20...", "", "Ea Kar"},
        {"Ea Kar, ngày 29 tháng 02 năm 2024", "2024-02-29", "Ea Kar"},
        {"Ea Kar, ngày 29 tháng 02 năm 2025", "2025-02", "Ea Kar"},
        {"Ea Kar, ngày 12 tháng 13 năm 2025", "2025", "Ea Kar"},
        {"Ea Kar, ngày 05/01/2026", "2026-01-05", "Ea Kar"},
        {"Buôn Ma Thuột, ngày 30 tháng 4 năm 2026", "2026-04-30", "Buôn Ma Thuột"},
        {"Ea H'Leo, ngày 01 tháng 7 năm 2025", "2025-07-01", "Ea H'Leo"},
        {"Ngày 01 tháng 7 năm 2025", "2025-07-01", ""},
    };
    for (const auto& c : cases) {
        Doc d;
        d.date = c.line;
        Metadata m = extract(d.text());
        EXPECT_EQ(m.date.iso(), c.iso) << c.line;
        EXPECT_EQ(m.place, c.place) << c.line;
        nlohmann::json j = to_json(m, "x");
        if (*c.iso)
            EXPECT_EQ(j["date"], c.iso);
        else
            EXPECT_TRUE(j["date"].is_null());
    }
}

TEST(DirectiveHeader, PlaceAndDateOnTheIssuerLine) {
    // The issuing body's second line and the place/date share one extracted line.
    std::string t =
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "XÃ EA KAR Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/UBND-VP\n"
        "XÃ EA KAR Ea Kar, ngày 02 tháng 3 năm 2026\n"
        "V/v báo cáo số liệu\n"
        "Kính gửi: Phòng Kinh tế.\n"
        "Đề nghị báo cáo trước ngày 10/3/2026./.\n";
    Metadata m = extract(t);
    EXPECT_EQ(m.place, "Ea Kar");
    EXPECT_EQ(m.date.iso(), "2026-03-02");
    EXPECT_EQ(m.subject, "V/v báo cáo số liệu");
    EXPECT_EQ(m.recipients, std::vector<std::string>{"Phòng Kinh tế"});
}

TEST(DirectiveHeader, NarrowColumnsAndLinesAboveTheHeader) {
    std::string t =
        "Mẫu số 01 - Ban hành kèm theo Quyết định số 12/QĐ-UBND\n"
        "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nXÃ EA KAR\nVIỆT NAM\nĐộc lập - Tự do -\nHạnh "
        "phúc\n"
        "Số: 09/TB-UBND\nEa Kar, ngày 09 tháng 9 năm 2025\nTHÔNG BÁO\nLịch cắt điện\n\n"
        "Điện lực thông báo lịch cắt điện ngày 12/9/2025./.\n";
    Metadata m = extract(t);
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN XÃ EA KAR");
    EXPECT_EQ(m.number, "9");
    EXPECT_EQ(m.type, "Thông báo");
    EXPECT_EQ(m.subject, "Lịch cắt điện");
    EXPECT_EQ(m.date.iso(), "2025-09-09");
    ASSERT_EQ(m.body.size(), 1u);
}

TEST(DirectiveHeader, PhysicalLayoutColumnsSideBySide) {
    Metadata m = extract(fixture("synthetic/physical-layout-ke-hoach.txt"));
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN XÃ EA KAR");
    EXPECT_EQ(m.number, "12");
    EXPECT_EQ(m.symbol, "KH-UBND");
    EXPECT_EQ(m.place, "Ea Kar");
    EXPECT_EQ(m.date.iso(), "2026-03-20");
    EXPECT_EQ(m.urgency, "HỎA TỐC");
    EXPECT_EQ(m.type, "Kế hoạch");
    EXPECT_EQ(m.subject, "Tổ chức ngày hội chuyển đổi số xã Ea Kar năm 2026");
    EXPECT_EQ(m.signer.authority_lines,
              (std::vector<std::string>{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"}));
    EXPECT_EQ(m.signer.position, "PHÓ CHỦ TỊCH");
    EXPECT_EQ(m.signer.name, "Nguyễn Thị Mai");
    EXPECT_EQ(m.distribution,
              (std::vector<std::string>{"UBND tỉnh (b/c)", "Các thôn, buôn", "Lưu: VT, VHXH"}));
    std::vector<std::string> got;
    for (const auto& b : m.body)
        got.push_back(describe(b));
    EXPECT_EQ(got, (std::vector<std::string>{
                       "P Thực hiện Kế hoạch số 45/KH-UBND ngày 14/02/2026 của UBND tỉnh, UBND xã "
                       "ban hành Kế hoạch "
                       "tổ chức ngày hội chuyển đổi số như sau:",
                       "H1 I. MỤC ĐÍCH, YÊU CẦU",
                       "P Nâng cao nhận thức của người dân về dịch vụ công trực tuyến.",
                       "H1 II. NỘI DUNG", "H2 1. Thời gian, địa điểm",
                       "P Ngày 28/3/2026, tại Nhà văn hóa thôn 1.", "H2 2. Hoạt động",
                       "B1 - Hướng dẫn cài đặt ứng dụng VNeID;", "B2 + Tài khoản định danh mức 2;",
                       "B2 + Ví giấy tờ;", "B1 - Hướng dẫn nộp hồ sơ trực tuyến./."}));
}

TEST(DirectiveHeader, ColumnsJoinedOnOneLine) {
    Metadata m = extract(fixture("synthetic/interleaved-one-line.txt"));
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK");
    EXPECT_EQ(m.number, "45");
    EXPECT_EQ(m.symbol, "KH-UBND");
    EXPECT_EQ(m.place, "Đắk Lắk");
    EXPECT_EQ(m.date.iso(), "2025-06-14");
    EXPECT_EQ(m.subject, "Tuyên truyền về sắp xếp đơn vị hành chính cấp xã");
    // "Nơi nhận: KT. CHỦ TỊCH" and "- Sở …; PHÓ CHỦ TỊCH": the signature column shows through.
    EXPECT_EQ(m.signer.authority, "KT.");
    EXPECT_EQ(m.signer.position, "PHÓ CHỦ TỊCH");
    EXPECT_EQ(m.signer.name, "Nguyễn Thiên Văn");
    EXPECT_EQ(m.distribution, (std::vector<std::string>{"Sở Văn hóa, Thể thao và Du lịch",
                                                        "UBND các xã, phường", "Lưu: VT, KGVX"}));
    ASSERT_EQ(m.body.size(), 5u);
    EXPECT_EQ(describe(m.body[1]), "H2 1. Nội dung tuyên truyền");
}

TEST(DirectiveHeader, HeaderCutOff) {
    Metadata m = extract(fixture("synthetic/header-cut.txt"));
    EXPECT_EQ(m.issuer, "");
    EXPECT_TRUE(has_warning(m, "issuing body was not found"));
    EXPECT_EQ(m.number, "15");
    EXPECT_EQ(m.symbol, "UBND-KT");
    EXPECT_EQ(m.type, "Công văn");
    EXPECT_EQ(m.place, "Ea Kar");
    EXPECT_EQ(m.date.iso(), "2025-11-03");
    EXPECT_EQ(m.subject, "V/v kiểm tra hiện trạng đường giao thông nông thôn");
    EXPECT_EQ(m.recipients,
              (std::vector<std::string>{"Các thôn, buôn", "Hợp tác xã nông nghiệp Ea Kar"}));
    EXPECT_EQ(m.signer.position, "CHỦ TỊCH");
    EXPECT_EQ(m.signer.name, "Trần Văn Bình");
}

TEST(DirectiveHeader, RecipientForms) {
    struct Case {
        const char* kinh_gui;
        std::vector<std::string> expected;
    };
    const Case cases[] = {
        {"Kính gửi: Phòng Kinh tế.\n", {"Phòng Kinh tế"}},
        {"Kính gửi: Phòng Kinh tế; Phòng Văn hóa - Xã hội.\n",
         {"Phòng Kinh tế", "Phòng Văn hóa - Xã hội"}},
        {"Kính gửi:\nỦy ban nhân dân các xã, phường.\n", {"Ủy ban nhân dân các xã, phường"}},
        {"Kính gửi:\n- Phòng Kinh tế;\n- Phòng Văn hóa - Xã hội;\n- Các thôn, buôn.\n",
         {"Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Các thôn, buôn"}},
        {"Kính gửi:\n-Phòng Kinh tế;\n-Các thôn, buôn.\n", {"Phòng Kinh tế", "Các thôn, buôn"}},
        {"Kính gửi:\n- Các Sở, ngành: Nội vụ, Tài chính,\nKhoa học và Công nghệ;\n- Các thôn, "
         "buôn.\n",
         {"Các Sở, ngành: Nội vụ, Tài chính, Khoa học và Công nghệ", "Các thôn, buôn"}},
        {"Kính gửi: Phòng Kinh tế\n", {"Phòng Kinh tế"}},
    };
    for (const auto& c : cases) {
        Doc d;
        d.title = "";
        d.number = "Số: 12/UBND-VP";
        d.subject = "V/v báo cáo số liệu";
        d.kinh_gui = c.kinh_gui;
        d.body = "Thực hiện chỉ đạo của UBND tỉnh, UBND xã đề nghị các đơn vị báo cáo./.";
        Metadata m = extract(d.text());
        EXPECT_EQ(m.recipients, c.expected) << c.kinh_gui;
        ASSERT_EQ(m.body.size(), 1u) << c.kinh_gui;
        EXPECT_EQ(m.body[0].text,
                  "Thực hiện chỉ đạo của UBND tỉnh, UBND xã đề nghị các đơn vị báo cáo./.");
    }
}

TEST(DirectiveHeader, DistributionContinuationLines) {
    Doc d;
    d.closing =
        "Nơi nhận:\n- TT. Tỉnh ủy; TT. HĐND tỉnh Đắk Lắk, Phú\nYên (b/c);\n- Các phòng: NVKS, "
        "KGVX\n(để thực "
        "hiện);\n- Lưu: VT, NVKS ( Ph 03b).\nCHỦ TỊCH\n\nNguyễn Văn An";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.distribution,
              (std::vector<std::string>{"TT. Tỉnh ủy; TT. HĐND tỉnh Đắk Lắk, Phú Yên (b/c)",
                                        "Các phòng: NVKS, KGVX (để thực hiện)",
                                        "Lưu: VT, NVKS ( Ph 03b)"}));
    EXPECT_EQ(m.signer.name, "Nguyễn Văn An");
}

// ---- body ---------------------------------------------------------------------------------------

TEST(DirectiveBody, FootnotesAndPageBreaks) {
    Metadata m = extract(fixture("synthetic/footnotes-pages.txt"));
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN XÃ HÒA PHÚ");
    EXPECT_EQ(m.type, "Báo cáo");
    ASSERT_EQ(m.footnotes.size(), 3u);
    EXPECT_EQ(m.footnotes[0].text,
              "Công văn số 66/SNV-CCHC&VTLT ngày 10/7/2025 của Sở Nội vụ về việc báo cáo kết quả "
              "vận hành.");
    EXPECT_EQ(m.footnotes[1].text, "Tính cả hồ sơ nộp qua Cổng Dịch vụ công quốc gia.");
    // Under no rule, after the end of the body, on the last body page.
    EXPECT_EQ(m.footnotes[2].label, "3");
    EXPECT_EQ(m.footnotes[2].text, "Số liệu thống kê đến 17 giờ ngày 10/7/2025.");
    std::vector<std::string> got;
    for (const auto& b : m.body)
        got.push_back(describe(b));
    EXPECT_EQ(got,
              (std::vector<std::string>{
                  "P Thực hiện Công văn số 66/SNV-CCHC&VTLT của Sở Nội vụ[^1], UBND xã báo cáo kết "
                  "quả vận "
                  "hành Trung tâm Phục vụ hành chính công xã từ ngày 01/7/2025 đến ngày 10/7/2025 "
                  "như sau:",
                  "H1 I. KẾT QUẢ ĐẠT ĐƯỢC", "H2 1. Tiếp nhận hồ sơ",
                  "P Trung tâm đã tiếp nhận 412 hồ sơ, trong đó 305 hồ sơ trực tuyến[^2]; đã giải "
                  "quyết đúng "
                  "hạn 398 hồ sơ.",
                  "H2 2. Khó khăn, vướng mắc",
                  "P Đường truyền mạng tại một số thôn còn chập chờn, ảnh hưởng đến việc số hóa hồ "
                  "sơ[^3].",
                  "H1 II. ĐỀ XUẤT",
                  "P Đề nghị Sở Khoa học và Công nghệ hỗ trợ nâng cấp đường truyền cho xã./."}));
    EXPECT_FALSE(testing::has_page_number_block(m));
    EXPECT_EQ(m.signer.name, "Lê Văn Thành");
    EXPECT_EQ(m.distribution, (std::vector<std::string>{"Đảng ủy xã", "Lưu: VT"}));
}

TEST(DirectiveBody, PageNumbersAreRemovedAndTheParagraphJoined) {
    Doc d;
    d.body =
        "Ủy ban nhân dân xã đề nghị các thôn, buôn rà soát danh sách hộ nghèo, hộ cận nghèo và\n"
        "2\n"
        "gửi về Văn phòng trước ngày 20/01/2026 để tổng hợp báo cáo cấp trên theo quy định.\n"
        "- 3 -\n"
        "Trang 4\n"
        "4/5\n"
        "Các thôn, buôn thực hiện nghiêm túc nội dung trên./.";
    Metadata m = extract(d.text());
    ASSERT_EQ(m.body.size(), 2u);
    EXPECT_EQ(m.body[0].text,
              "Ủy ban nhân dân xã đề nghị các thôn, buôn rà soát danh sách hộ nghèo, hộ cận nghèo "
              "và gửi về Văn "
              "phòng trước ngày 20/01/2026 để tổng hợp báo cáo cấp trên theo quy định.");
    EXPECT_FALSE(testing::has_page_number_block(m));
}

TEST(DirectiveBody, WordsSplitAtAHyphenAreJoined) {
    Doc d;
    d.body =
        "Thực hiện Báo cáo số 5-\n\nBCHN/CQTTBCĐ và Công văn số 6886/UBND-\nNVKS ngày 24/6/2025, "
        "UBND xã đề nghị\n"
        "các thôn thực hiện./.";
    Metadata m = extract(d.text());
    ASSERT_EQ(m.body.size(), 1u);
    EXPECT_EQ(m.body[0].text,
              "Thực hiện Báo cáo số 5-BCHN/CQTTBCĐ và Công văn số 6886/UBND-NVKS ngày 24/6/2025, "
              "UBND xã đề nghị "
              "các thôn thực hiện./.");
}

TEST(DirectiveBody, NumberedItemsAreHeadingsOnlyWhenTheyTitleText) {
    Doc d;
    d.body =
        "Ủy ban nhân dân xã giao nhiệm vụ như sau:\n"
        "1. Văn phòng\n"
        "a) Tổng hợp\n"
        "Tổng hợp báo cáo hằng tháng.\n"
        "b) Lưu trữ hồ sơ theo quy định.\n"
        "2. Các thôn\n"
        "Các thôn thực hiện:\n"
        "1. Rà soát\n"
        "2. Báo cáo\n"
        "Hết./.";
    Metadata m = extract(d.text());
    std::vector<std::string> got;
    for (const auto& b : m.body)
        got.push_back(describe(b));
    EXPECT_EQ(got, (std::vector<std::string>{
                       "P Ủy ban nhân dân xã giao nhiệm vụ như sau:", "H2 1. Văn phòng",
                       "H3 a) Tổng hợp", "P Tổng hợp báo cáo hằng tháng.",
                       "P b) Lưu trữ hồ sơ theo quy định.", "H2 2. Các thôn",
                       "P Các thôn thực hiện:", "P 1. Rà soát", "P 2. Báo cáo", "P Hết./."}));
}

TEST(DirectiveBody, OneLinePerParagraphExports) {
    // A Word export: each paragraph is one long line; none of them is joined to the next.
    Doc d;
    d.body = "Thứ nhất, " + std::string(220, 'a') + " cuối câu\nthứ hai " + std::string(230, 'b') +
             " tiếp\nThứ ba " + std::string(240, 'c') + "./.";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.body.size(), 3u);
}

TEST(DirectiveBody, ProcedureCodes) {
    Doc d;
    d.body =
        "Thủ tục 1.001193 và thủ tục 1.001193.000.00.00.H12, thủ tục 2.000908; không phải mã: "
        "11.001193, "
        "1.0011934, 1.00119, 2.000.000 đồng, ngày 1.123456.7./.";
    Metadata m = extract(d.text());
    EXPECT_EQ(m.procedure_codes,
              (std::vector<std::string>{"1.001193", "1.001193.000.00.00.H12", "2.000908"}));
}

}  // namespace
}  // namespace xasite::directives
