// Hand-made HTML pages (gumbo): heading-based sections, fee blocks per channel.
#include "generator/procedures/import_formats.hpp"
#include "procedures_test_support.hpp"

namespace xasite::procedures {
namespace {

using namespace testing;

const Imported& html_import() {
    static const Imported imported = import_paths({html_dir()});
    return imported;
}

TEST(ImportHtml, Reads31PagesAndSkipsTheListPage) {
    const auto& [records, report] = html_import();
    EXPECT_EQ(report.files_read, 32u);  // 31 pages + index.html
    EXPECT_EQ(report.records_read, 31u);
    ASSERT_EQ(records.size(), 31u);
    EXPECT_EQ(report.full, 31u);
    EXPECT_TRUE(report.warnings.empty()) << report.warnings.front();
    for (const auto& p : records) {
        EXPECT_EQ(p.sources.at(0).kind, "html-summary");
        EXPECT_EQ(p.field, "Đất đai") << p.code << ": the list page says \"Lĩnh vực Đất đai\"";
        EXPECT_FALSE(p.steps.empty()) << p.code;
        EXPECT_FALSE(p.dossier.empty()) << p.code;
        EXPECT_FALSE(p.channels.empty()) << p.code;
    }
}

TEST(ImportHtml, Page1012818) {
    const Procedure& p = record(html_import().records, "1.012818");
    EXPECT_EQ(p.name,
              "Thu hồi Giấy chứng nhận đã cấp lần đầu không đúng quy định của pháp luật đất đai do "
              "người sử dụng đất, chủ sở hữu tài sản gắn liền với đất phát hiện và cấp lại Giấy "
              "chứng nhận sau khi thu hồi");
    EXPECT_EQ(p.code, "1.012818");
    EXPECT_EQ(p.sources[0].file, "1.012818.H19.html");
    EXPECT_NE(p.sources[0].note.find("suffix .H19"), std::string::npos);
    EXPECT_EQ(p.detail, Detail::full);

    ASSERT_EQ(p.channels.size(), 3u);
    const ChannelInfo* in_person = channel(p, Channel::in_person);
    const ChannelInfo* online = channel(p, Channel::online);
    const ChannelInfo* post = channel(p, Channel::post);
    ASSERT_TRUE(in_person && online && post);
    EXPECT_EQ(in_person->fee_text,
              "Đối tượng: Hộ gia đình, cá nhân\nPhí thẩm định:\nCấp GCN về QSDĐ: 880.000đ\n"
              "Cấp GCN về tài sản: 980.000đ\nCấp GCN cả đất và tài sản: 1.250.000đ\nLệ phí:\n"
              "Từ 15.000đ đến 120.000đ\n\nLưu ý chung: Phí cấp thêm GCN cho người đồng sử dụng là "
              "50.000 đồng/GCN.");
    EXPECT_EQ(post->fee_text, in_person->fee_text);  // one block "Nộp Trực Tiếp / Bưu Chính"
    EXPECT_EQ(online->fee_text,
              "Đối tượng: Hộ gia đình, cá nhân\nPhí thẩm định:\nCấp GCN về QSDĐ: 836.000đ\n"
              "Cấp GCN về tài sản: 931.000đ\nCấp GCN cả đất và tài sản: 1.187.500đ\nLệ phí:\n"
              "0đ (Miễn 100%)\n\nLưu ý chung: Phí cấp thêm GCN cho người đồng sử dụng là "
              "50.000 đồng/GCN.");
    for (const auto& c : p.channels) {
        EXPECT_EQ(c.time_text, "20 - 25 ngày làm việc.");
        EXPECT_FALSE(c.time_value.has_value());  // a range
    }
    EXPECT_EQ(p.online_level, OnlineLevel::partial);

    ASSERT_EQ(p.steps.size(), 3u);
    EXPECT_EQ(p.steps[0].title, "Nộp Hồ Sơ");
    EXPECT_EQ(p.steps[0].text, "Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công.");
    EXPECT_EQ(p.steps[2].title, "Kiểm Tra, Thu Hồi & Cấp Lại");

    ASSERT_EQ(p.dossier.size(), 1u);
    ASSERT_EQ(p.dossier[0].items.size(), 2u);
    EXPECT_EQ(p.dossier[0].items[0].name,
              "Văn bản kiến nghị việc cấp Giấy chứng nhận không đúng quy định (01 bản chính)");
    EXPECT_EQ(p.dossier[0].items[0].originals, 1);
    EXPECT_FALSE(p.dossier[0].items[0].copies.has_value());
    EXPECT_EQ(p.dossier[0].items[1].name, "Bản gốc Giấy chứng nhận đã cấp");

    EXPECT_EQ(p.subjects, (std::vector<std::string>{"Công dân Việt Nam",
                                                    "Tổ chức (không bao gồm doanh nghiệp, HTX)"}));
    EXPECT_EQ(p.competent_agency, "");  // "Không có thông tin."
    EXPECT_EQ(p.executing_agency, "VPĐKĐĐ, Chi nhánh VPĐKĐĐ, UBND cấp xã");
    EXPECT_EQ(p.coordinating_agency, "UBND cấp xã");
    EXPECT_EQ(
        p.receiving_address,
        "1. Trung tâm Phục vụ HCC tỉnh, phường, xã\n2. Dịch vụ bưu chính\n3. Cổng Dịch vụ công "
        "Quốc gia");
    ASSERT_EQ(p.requirements.size(), 1u);
    ASSERT_EQ(p.legal_basis.size(), 7u);
    EXPECT_EQ(p.legal_basis[0].number, "");
    EXPECT_EQ(p.legal_basis[0].title, "Luật Đất đai 2024");
    EXPECT_EQ(p.legal_basis[4].number, "101/2024/NĐ-CP");
    ASSERT_TRUE(p.decision.has_value());
    EXPECT_EQ(p.decision->number, "Quyết định số 2228/QĐ-UBND");
}

TEST(ImportHtml, FeeBlocksPerSubjectGroup1011441) {
    const Procedure& p = record(html_import().records, "1.011441");
    const ChannelInfo* in_person = channel(p, Channel::in_person);
    const ChannelInfo* online = channel(p, Channel::online);
    ASSERT_TRUE(in_person && online);
    EXPECT_NE(in_person->fee_text.find("Đối tượng: Tổ chức\nPhí thẩm định:"), std::string::npos);
    EXPECT_NE(in_person->fee_text.find("590.000đ"), std::string::npos);
    EXPECT_EQ(in_person->fee_text.find("560.500đ"), std::string::npos);
    EXPECT_NE(online->fee_text.find("560.500đ"), std::string::npos);
    EXPECT_EQ(online->fee_text.find("590.000đ"), std::string::npos);
    // "(Mẫu số 01a)" names a form
    ASSERT_FALSE(p.dossier.empty());
    ASSERT_EQ(p.dossier[0].items[0].forms.size(), 1u);
    EXPECT_EQ(p.dossier[0].items[0].forms[0].name, "Mẫu số 01a");
}

TEST(ImportHtml, OnlineBlockForBothGroupsKeepsItsQualifier1012786) {
    const Procedure& p = record(html_import().records, "1.012786");
    const ChannelInfo* online = channel(p, Channel::online);
    ASSERT_TRUE(online);
    EXPECT_EQ(online->description, "Cho cả 2 đối tượng");
    EXPECT_NE(online->fee_text.find("Phí thẩm định (Tổ chức):"), std::string::npos);
    EXPECT_EQ(channel(p, Channel::in_person)->description, "");
}

TEST(ImportHtml, NoFeeTableUsesThePlacesAndTheGeneralText1012812) {
    const Procedure& p = record(html_import().records, "1.012812");
    ASSERT_EQ(p.channels.size(), 1u);  // "Ủy ban nhân dân cấp xã nơi có đất tranh chấp."
    EXPECT_EQ(p.channels[0].channel, Channel::in_person);
    EXPECT_EQ(p.channels[0].fee_text,
              "Thủ tục này KHÔNG TỐN PHÍ, LỆ PHÍ theo quy định của Luật phí và lệ phí.");
    EXPECT_EQ(p.channels[0].time_value, 30.0);
    EXPECT_EQ(p.online_level, OnlineLevel::none);
}

TEST(ImportHtml, DossierCasesFromSubHeadings1013831) {
    const Procedure& p = record(html_import().records, "1.013831");
    ASSERT_EQ(p.dossier.size(), 2u);
    EXPECT_EQ(p.dossier[0].name, "Hồ sơ chung");  // without the final ':'
    EXPECT_EQ(p.dossier[0].items.size(), 2u);
    EXPECT_EQ(p.dossier[1].name, "Tùy trường hợp cụ thể, bổ sung");
    EXPECT_EQ(p.dossier[1].items.size(), 4u);
    EXPECT_NE(channel(p, Channel::post)->fee_text.find("II. Lệ Phí Cấp Giấy Chứng Nhận"),
              std::string::npos);
}

TEST(ImportHtml, DossierNoteOnTheGroup1012753) {
    const Procedure& p = record(html_import().records, "1.012753");
    ASSERT_EQ(p.dossier.size(), 1u);
    EXPECT_EQ(p.dossier[0].note, "*Lưu ý: Mỗi loại giấy tờ cần 1 bản chính và 1 bản sao.");
    EXPECT_EQ(p.subjects.size(), 4u);  // one per list item
}

TEST(ImportHtml, PagesThatCannotBeParsedAreReportedByFile) {
    auto [records, report] = import_paths({bad_dir() / "html-without-code"});
    EXPECT_TRUE(records.empty());
    EXPECT_EQ(report.files_read, 2u);
    EXPECT_TRUE(any_warning_contains(report, {"1.099999.H19.html", "no \"Mã TTHC"}));
    EXPECT_TRUE(any_warning_contains(report, {"no-title.html", "no <h1>"}));
}

TEST(ImportHtml, HeadingsInWrappersOwnTheContentAfterTheWrapper) {
    const std::string html = R"(<html><body>
<h1>Thủ tục thử</h1><p>(Mã TTHC: 1.000001)</p>
<section><div class="flex"><svg></svg><h2>Quy Trình 2 Bước</h2></div>
  <div><div><span>1</span><h4>Nộp</h4><p>Nộp hồ sơ.</p></div>
       <div><span>2</span><h4>Nhận</h4><p>Nhận kết quả.</p></div></div></section>
<section><div><h2>Hồ Sơ Cần Chuẩn Bị</h2></div><ul><li>Tờ khai (01 bản chính và 02 bản sao)</li></ul></section>
<div><div><h3>⏰ Thời gian giải quyết</h3><p><strong>3 ngày</strong> làm việc</p></div>
     <div><h3>📍 Nơi nộp hồ sơ</h3><p>Bộ phận Một cửa xã</p></div></div>
</body></html>)";
    importers::Warnings warnings;
    auto p = importers::parse_html_page(html, importers::Origin{"t.html", "t.html", ""}, warnings);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->code, "1.000001");
    ASSERT_EQ(p->steps.size(), 2u);
    EXPECT_EQ(p->steps[1].title, "Nhận");
    EXPECT_EQ(p->steps[1].text, "Nhận kết quả.");
    ASSERT_EQ(p->dossier.size(), 1u);
    EXPECT_EQ(p->dossier[0].items[0].originals, 1);
    EXPECT_EQ(p->dossier[0].items[0].copies, 2);
    ASSERT_EQ(p->channels.size(), 1u);
    EXPECT_EQ(p->channels[0].time_text, "3 ngày làm việc");
    EXPECT_EQ(p->channels[0].time_value, 3.0);
    EXPECT_EQ(p->field, "");  // not stated: import_sources takes it from the catalog or list page
    EXPECT_TRUE(std::any_of(warnings.begin(), warnings.end(), [](const std::string& w) {
        return w.find("differs from the file name") != std::string::npos;
    }));
}

}  // namespace
}  // namespace xasite::procedures
