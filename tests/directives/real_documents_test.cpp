// The three real provincial directives of 2025 (tests/fixtures/directives/real, byte copies of
// ../shared/data/directives) with their full metadata written by hand from reading the documents.
#include <gtest/gtest.h>

#include "directives_test_support.hpp"

namespace xasite::directives {
namespace {

using testing::count_blocks;
using testing::describe;
using testing::fixture;
using testing::headings;

// 000: công văn of the provincial People's Committee, unsigned copy (number and day blank).
TEST(DirectiveRealDocuments, CongVan000HasItsFullMetadata) {
    Metadata m = extract(fixture("real/000_904af3f79e6c7a42.txt"));
    EXPECT_EQ(m.type, "Công văn");
    EXPECT_EQ(m.type_abbr, "");
    EXPECT_FALSE(m.number.has_value());
    EXPECT_EQ(m.number_raw, "");
    EXPECT_EQ(m.symbol, "UBND-NVKS");
    EXPECT_EQ(m.place, "Đắk Lắk");
    EXPECT_EQ(m.date.year, 2025);
    EXPECT_EQ(m.date.month, 6);
    EXPECT_EQ(m.date.day, 0);
    EXPECT_EQ(m.date.iso(), "2025-06");
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK");
    EXPECT_EQ(m.issuer_parent, "");
    EXPECT_EQ(
        m.subject,
        "V/v triển khai vận hành thử nghiệm mô hình và tổ chức hoạt động chính thức chính quyền "
        "địa phương cấp xã trên địa bàn tỉnh");
    EXPECT_EQ(m.recipients, (std::vector<std::string>{
                                "Các Sở, ngành: Văn phòng UBND tỉnh, Nội vụ, Thanh tra tỉnh Khoa "
                                "học và Công nghệ, Công an tỉnh",
                                "UBND các huyện, thị xã, thành phố", "Viễn Thông Đắk Lắk"}));
    EXPECT_EQ(m.signer.authority, "KT.");
    EXPECT_EQ(m.signer.authority_lines, std::vector<std::string>{"KT. CHỦ TỊCH"});
    EXPECT_EQ(m.signer.position, "PHÓ CHỦ TỊCH");
    EXPECT_EQ(m.signer.name, "Nguyễn Tuấn Hà");
    EXPECT_EQ(m.distribution,
              (std::vector<std::string>{
                  "TT Tỉnh ủy, TT HĐND tỉnh", "Ban Tổ chức Tỉnh ủy", "Đảng ủy UBND tỉnh",
                  "CT, các PCT UBND tỉnh", "UBMT TQVN tỉnh", "VP Đoàn ĐBQH&HĐND tỉnh",
                  "Tổ phản ứng nhanh của tỉnh (QĐ số 1279/QĐ-UBND)", "CVP, các PCVP UBND tỉnh",
                  "Các Huyện ủy, Thị ủy, Thành ủy", "Các phòng, ban, TT thuộc Văn phòng",
                  "Lưu: VT, NVKS ( Ph 03b)"}));
    EXPECT_FALSE(m.draft);
    EXPECT_EQ(m.secrecy, "");
    EXPECT_EQ(m.urgency, "");
    EXPECT_FALSE(must_not_publish(m));
    EXPECT_TRUE(m.footnotes.empty());
    EXPECT_TRUE(m.procedure_codes.empty());

    // Body: 21 blocks — 5 numbered section headings, 8 bullets, 8 paragraphs.
    ASSERT_EQ(m.body.size(), 21u);
    auto c = count_blocks(m);
    EXPECT_EQ(c.headings, 5u);
    EXPECT_EQ(c.bullets, 8u);
    EXPECT_EQ(c.paragraphs, 8u);
    EXPECT_EQ(headings(m), (std::vector<std::string>{
                               "H2 1. Sở Khoa học và Công nghệ:", "H2 2. Văn phòng UBND tỉnh:",
                               "H2 3. Thanh tra tỉnh:", "H2 4. Công an tỉnh:",
                               "H2 5. UBND các huyện, thị xã, thành phố:"}));
    EXPECT_EQ(describe(m.body[0]),
              "P Thực hiện Kế hoạch số 260-KH/TU ngày 14/6/2025 của Ban Thường vụ Tỉnh ủy về việc "
              "vận hành "
              "thử nghiệm mô hình và tổ chức hoạt động chính thức chính quyền địa phương cấp xã "
              "trên địa bàn "
              "tỉnh Đắk Lắk (có văn bản kèm theo);");
    // A bullet whose "(Lưu ý:" ends a visual line but not the paragraph.
    EXPECT_EQ(describe(m.body[14]),
              "B1 - Bố trí trụ sở và chuẩn bị cơ sở vật chất, trang thiết bị, phương tiện làm việc "
              "cho các cơ "
              "quan, đơn vị trên địa bàn xã, phường theo thẩm quyền (Lưu ý: Việc bố trí này sẽ "
              "được các cơ "
              "quan, đơn vị cấp xã mới tiếp quản và sử dụng).");
    EXPECT_EQ(describe(m.body.back()),
              "P Nhận được Công văn này, Thủ trưởng các cơ quan, đơn vị, địa phương khẩn trương "
              "triển khai "
              "thực hiện./.");
    EXPECT_FALSE(testing::has_page_number_block(m));
    // The blanks are reported, nothing else.
    EXPECT_EQ(m.warnings, (std::vector<std::string>{"the number is blank (an unsigned copy)",
                                                    "the day of the date is blank"}));
}

// 001: công văn whose header is cut off above the Tiêu ngữ, with four footnotes.
TEST(DirectiveRealDocuments, CongVan001HasItsFullMetadata) {
    Metadata m = extract(fixture("real/001_1eb639fe7a9b089c.txt"));
    EXPECT_EQ(m.type, "Công văn");
    EXPECT_FALSE(m.number.has_value());
    EXPECT_EQ(m.symbol, "UBND-PVHCC");
    EXPECT_EQ(m.place, "Đắk Lắk");
    EXPECT_EQ(m.date.iso(), "2025-07");
    EXPECT_EQ(m.issuer, "");  // cut off with the header
    EXPECT_EQ(m.issuer_parent, "");
    EXPECT_EQ(m.subject,
              "V/v tăng cường công tác lãnh đạo, chỉ đạo vận hành chính quyền địa phương 02 cấp "
              "trong giải "
              "quyết TTHC");
    EXPECT_EQ(m.recipients,
              (std::vector<std::string>{"Các sở, ban, ngành", "UBND các xã, phường"}));
    EXPECT_EQ(m.signer.authority, "KT.");
    EXPECT_EQ(m.signer.position, "PHÓ CHỦ TỊCH");
    EXPECT_EQ(m.signer.name, "Trương Công Thái");
    EXPECT_EQ(m.distribution,
              (std::vector<std::string>{
                  "Như trên", "CT, PCT UBND tỉnh", "CVP, PCVP UBND tỉnh (Đ/c Khánh)",
                  "Các Phòng, TT thuộc Văn phòng UBND tỉnh", "Lưu: VT, PVHCC (B_03b)"}));
    EXPECT_FALSE(m.draft);
    EXPECT_EQ(m.secrecy, "");

    ASSERT_EQ(m.footnotes.size(), 4u);
    EXPECT_EQ(m.footnotes[0].label, "1");
    EXPECT_EQ(
        m.footnotes[0].text,
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Kết luận số 126-KL/TW ngày "
        "14/02/2025; Kết luận số 127-KL/TW ngày 28/02/2025 của Bộ Chính trị, Ban Bí thư về triển "
        "khai "
        "nghiên cứu, đề xuất tiếp tục sắp xếp tổ chức bộ máy của hệ thống chính trị; Thông báo số "
        "01-TB/BCĐTW ngày 22/01/2025, số 04-TB/BCĐTW ngày 30/5/2025.");
    EXPECT_EQ(
        m.footnotes[1].text,
        "Nghị quyết số 202/2025/QH15 về việc sắp xếp đơn vị hành chính cấp tỉnh; 34 Nghị quyết của "
        "Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã của 34 tỉnh, thành phố.");
    EXPECT_EQ(m.footnotes[3].label, "4");
    EXPECT_EQ(m.footnotes[3].text.rfind("Đảm bảo bố trí đủ diện tích hợp lý các khu vực", 0), 0u);
    EXPECT_TRUE(m.footnotes[3].text.ends_with("một hoặc một số lĩnh vực khác nhau"))
        << m.footnotes[3].text;

    // Body: 18 blocks; the footnotes are out of it and the sentence they interrupted is whole
    // again ("(văn bản gửi" … " kèm), Chủ tịch"), "5-" + "BCHN" joined.
    ASSERT_EQ(m.body.size(), 18u);
    auto c = count_blocks(m);
    EXPECT_EQ(c.headings, 3u);
    EXPECT_EQ(c.bullets, 11u);
    EXPECT_EQ(c.paragraphs, 4u);
    EXPECT_EQ(headings(m), (std::vector<std::string>{"H2 1. Chủ tịch UBND các xã, phường",
                                                     "H2 2. Các sở, ban, ngành",
                                                     "H2 3. Sở Khoa học và Công nghệ chủ trì, phối "
                                                     "hợp các cơ quan liên quan và địa phương"}));
    const std::string& first = m.body[0].text;
    EXPECT_NE(
        first.find(
            "Tổng Bí thư Tô Lâm[^1], Nghị quyết của Quốc hội, Ủy ban Thường vụ Quốc hội[^2] và của "
            "Chính phủ, Thủ tướng Chính phủ[^3], UBND tỉnh"),
        std::string::npos)
        << first;
    const std::string& second = m.body[1].text;
    EXPECT_NE(second.find("Báo cáo số 5-BCHN/CQTTBCĐ ngày 10/7/2025"), std::string::npos);
    EXPECT_NE(second.find("(văn bản gửi kèm), Chủ tịch UBND tỉnh yêu cầu"), std::string::npos)
        << second;
    EXPECT_EQ(second.find("Nghị quyết số 57-NQ/TW"), std::string::npos);  // no footnote text inside
    EXPECT_NE(m.body[4].text.find("sửa chữa[^4], bố trí nhân lực"), std::string::npos)
        << m.body[4].text;
    EXPECT_NE(m.body[4].text.find("Công văn số 6886/UBND-NVKS ngày 24/6/2025"), std::string::npos);
    EXPECT_EQ(describe(m.body[16]),
              "P 4. Văn phòng UBND tỉnh phối hợp với Sở Nội vụ hướng dẫn các địa phương thực hiện "
              "các nhiệm vụ "
              "liên quan đến việc ban hành Quy chế tổ chức hoạt động của Trung tâm Phục vụ hành "
              "chính công của "
              "các xã, phường.");
    EXPECT_FALSE(testing::has_page_number_block(m));
    EXPECT_EQ(m.warnings,
              (std::vector<std::string>{"the number is blank (an unsigned copy)",
                                        "the day of the date is blank",
                                        "the issuing body was not found (header cut off?)"}));
}

// 004: kế hoạch, NFD in places, "Số:" and the place/date on one line, I./1./a) structure.
TEST(DirectiveRealDocuments, KeHoach004HasItsFullMetadata) {
    Metadata m = extract(fixture("real/004_721385dba39d987a.txt"));
    EXPECT_EQ(m.type, "Kế hoạch");
    EXPECT_EQ(m.type_abbr, "KH");
    EXPECT_FALSE(m.number.has_value());
    EXPECT_EQ(m.symbol, "KH-UBND");
    EXPECT_EQ(m.place, "Đắk Lắk");
    EXPECT_EQ(m.date.iso(), "2025-05");
    EXPECT_EQ(m.issuer, "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK");
    EXPECT_EQ(m.subject,
              "Đảm bảo hạ tầng, nền tảng số, hệ thống thông tin của cơ quan hành chính nhà nước "
              "trong quá "
              "trình triển khai Đề án sắp xếp, tổ chức lại đơn vị hành chính các cấp và xây dựng "
              "mô hình tổ "
              "chức chính quyền địa phương 02 cấp tỉnh Đắk Lắk");
    EXPECT_TRUE(m.recipients.empty());
    EXPECT_EQ(m.signer.authority, "KT.");
    EXPECT_EQ(m.signer.position, "PHÓ CHỦ TỊCH");
    EXPECT_EQ(m.signer.name, "Nguyễn Tuấn Hà");
    EXPECT_EQ(
        m.distribution,
        (std::vector<std::string>{
            "TT. Tỉnh ủy; TT. HĐND tỉnh tỉnh Đắk Lắk, Phú Yên (b/c)", "CT, các PCT UBND tỉnh",
            "Sở KHCN tỉnh Phú Yên", "Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố",
            "UBND các xã, phường, thị trấn", "CVP, các PCVP UBND tỉnh",
            "Các phòng, TT: NVKS, CN& Cổng TTĐT tỉnh (để thực hiện)", "Lưu: VT, KGVX(Nh-05b)"}));
    EXPECT_FALSE(m.draft);
    EXPECT_TRUE(m.footnotes.empty());

    // Body: 82 blocks — 3 Roman sections, 12 numbered headings, 7 "b) Phương án thực hiện:",
    // 36 bullets ("-" and "+"), 24 paragraphs (4 Căn cứ, the long "a)" and numbered ones…).
    ASSERT_EQ(m.body.size(), 82u);
    auto c = count_blocks(m);
    EXPECT_EQ(c.headings, 22u);
    EXPECT_EQ(c.bullets, 36u);
    EXPECT_EQ(c.paragraphs, 24u);
    std::vector<std::string> h = headings(m);
    ASSERT_EQ(h.size(), 22u);
    EXPECT_EQ(h[0], "H1 I. MỤC ĐÍCH, NGUYÊN TẮC");
    EXPECT_EQ(h[1], "H2 1. Mục đích");
    EXPECT_EQ(h[2], "H2 2. Nguyên tắc");
    EXPECT_EQ(h[3], "H1 II. GIẢI PHÁP TRIỂN KHAI");
    EXPECT_EQ(h[4], "H2 1. Trang thông tin điện tử");
    EXPECT_EQ(h[5], "H3 b) Phương án thực hiện:");
    int h1 = 0, h2 = 0, h3 = 0, plus = 0;
    for (const auto& b : m.body) {
        if (b.kind == Block::Kind::heading) (b.level == 1 ? h1 : b.level == 2 ? h2 : h3)++;
        if (b.kind == Block::Kind::bullet && b.level == 2) ++plus;
    }
    EXPECT_EQ(h1, 3);
    EXPECT_EQ(h2, 12);
    EXPECT_EQ(h3, 7);
    EXPECT_EQ(plus, 14);
    EXPECT_EQ(describe(m.body[0]),
              "P Căn cứ Nghị quyết số 60-NQ/TW, ngày 12/4/2025 của Ban Chấp hành Trung ương Đảng "
              "khóa XIII về "
              "hội nghị lần thứ 11, trong đó có nội dung sáp nhập đơn vị hành chính cấp tỉnh;");
    EXPECT_EQ(m.body[2].text.rfind("Căn cứ Công văn số 414 /BNV-VTLTNN ngày 19/3/2025", 0), 0u);
    // NFD in the source ("haạ" written with a combining dot) comes out NFC.
    EXPECT_NE(m.body[7].text.find("Đảm bảo hạ tầng"), std::string::npos) << m.body[7].text;
    EXPECT_EQ(describe(m.body.back()).rfind("P Trên đây là Kế hoạch đảm bảo hạ tầng", 0), 0u);
    EXPECT_TRUE(m.body.back().text.ends_with("giải quyết theo quy định./."));
    EXPECT_FALSE(testing::has_page_number_block(m));
}

// The JSON of `directive inspect --json` for a real document: DESIGN §3 keys with their types.
TEST(DirectiveRealDocuments, JsonHasTheDesignShape) {
    Metadata m = extract(fixture("real/000_904af3f79e6c7a42.txt"));
    nlohmann::json j = to_json(m, "000.txt");
    EXPECT_EQ(j["file"], "000.txt");
    EXPECT_EQ(j["type"], "Công văn");
    EXPECT_TRUE(j["number"].is_null());
    EXPECT_EQ(j["symbol"], "UBND-NVKS");
    EXPECT_EQ(j["date"], "2025-06");
    EXPECT_EQ(j["place"], "Đắk Lắk");
    EXPECT_EQ(j["issuer"], "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK");
    EXPECT_EQ(j["recipients"].size(), 3u);
    EXPECT_EQ(j["signer"]["name"], "Nguyễn Tuấn Hà");
    EXPECT_EQ(j["signer"]["position"], "PHÓ CHỦ TỊCH");
    EXPECT_EQ(j["signer"]["authority"], "KT.");
    EXPECT_EQ(j["distribution"].size(), 11u);
    EXPECT_EQ(j["draft"], false);
    EXPECT_TRUE(j["type_abbr"].is_null());
    EXPECT_TRUE(j["number_raw"].is_null());
    EXPECT_TRUE(j["issuer_parent"].is_null());
    EXPECT_TRUE(j["secrecy"].is_null());
    EXPECT_EQ(j["publishable"], true);
    EXPECT_EQ(j["footnotes"], nlohmann::json::array());
    EXPECT_EQ(j["warnings"].size(), 2u);
    EXPECT_EQ(j["body"]["blocks"], 21);

    nlohmann::json k = to_json(extract(fixture("real/001_1eb639fe7a9b089c.txt")), "001.txt");
    EXPECT_TRUE(k["issuer"].is_null());
    EXPECT_EQ(k["footnotes"][0]["label"], "1");
    EXPECT_EQ(k["footnotes"].size(), 4u);
}

// The fixture copies are byte copies of ../shared/data/directives when that folder is present.
TEST(DirectiveRealDocuments, FixturesAreByteCopiesOfTheSharedData) {
    XASITE_REQUIRE_SHARED();
    for (const char* name :
         {"000_904af3f79e6c7a42.txt", "001_1eb639fe7a9b089c.txt", "004_721385dba39d987a.txt"})
        EXPECT_EQ(fixture(std::string("real/") + name),
                  read_file(xasite::testing::shared_dir() / "data" / "directives" / name))
            << name;
}

}  // namespace
}  // namespace xasite::directives
