// Structure recovered from the sources' running text (import_structure.cpp): steps and substeps
// from list markers, time units stated elsewhere in a record, notes and kinds in the dossier.
// The real-record tests use tests/fixtures/dvc; every step text of every real record is checked
// to lose nothing but markers and whitespace (step_markers.hpp says what a marker is).
#include <sstream>

#include "core/files.hpp"
#include "core/text.hpp"
#include "generator/procedures/import_formats.hpp"
#include "procedures_test_support.hpp"
#include "step_markers.hpp"

namespace xasite::procedures {
namespace {

using importers::split_steps;
using importers::structure_steps;
using testing::only_markers;
using testing::pieces_cover;
using testing::record;
using testing::whole_fixture_import;

std::vector<std::string> titles(const std::vector<Step>& steps) {
    std::vector<std::string> out;
    for (const auto& s : steps)
        out.push_back(s.title);
    return out;
}

std::vector<std::string> texts(const std::vector<Step>& steps) {
    std::vector<std::string> out;
    for (const auto& s : steps)
        out.push_back(s.text);
    return out;
}

// ---- the marker statement itself ------------------------------------------------------------

TEST(StepMarkers, OnlyMarkersAcceptsMarkersAndRejectsWords) {
    EXPECT_TRUE(only_markers(" - Bước 1: "));
    EXPECT_TRUE(only_markers("\n(ii) "));
    EXPECT_TRUE(only_markers("- Trình tự thực hiện:\n1. "));
    EXPECT_TRUE(only_markers(" đ) "));
    EXPECT_FALSE(only_markers(" Điều 5. "));
    EXPECT_FALSE(only_markers(" khoản "));
    EXPECT_FALSE(only_markers("x"));
}

// ---- split_steps on small texts -------------------------------------------------------------

TEST(SplitSteps, EmptyAndMarkerOnlyTextsGiveNoSteps) {
    EXPECT_TRUE(split_steps("").empty());
    EXPECT_TRUE(split_steps("   \n ").empty());
    EXPECT_TRUE(split_steps("- ").empty());
}

TEST(SplitSteps, TextWithoutMarkersIsOneStep) {
    auto steps = split_steps("Nộp hồ sơ tại bộ phận một cửa.");
    ASSERT_EQ(steps.size(), 1u);
    EXPECT_EQ(steps[0].title, "");
    EXPECT_EQ(steps[0].text, "Nộp hồ sơ tại bộ phận một cửa.");
    EXPECT_TRUE(steps[0].substeps.empty());
}

TEST(SplitSteps, BuocMarkersInAnyCaseWithColonDotOrDash) {
    auto steps = split_steps("Bước 1: Nộp hồ sơ. bước 2. Kiểm tra; BƯỚC 3 - Trả kết quả.");
    EXPECT_EQ(titles(steps), (std::vector<std::string>{"Bước 1", "Bước 2", "Bước 3"}));
    EXPECT_EQ(texts(steps), (std::vector<std::string>{"Nộp hồ sơ.", "Kiểm tra;", "Trả kết quả."}));
}

TEST(SplitSteps, LowerCaseBuocInsideASentenceIsAReference) {
    auto steps = split_steps("Bước 1: Nộp. Bước 2: Nếu thiếu thì quay lại bước 1. Hết.");
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[1].text, "Nếu thiếu thì quay lại bước 1. Hết.");
}

TEST(SplitSteps, TextBeforeTheFirstBuocIsALeadInAndTheHeadingRepeatIsDropped) {
    auto steps = split_steps("- Trình tự thực hiện:\nTại cửa khẩu: Bước 1: Khai báo.");
    EXPECT_EQ(titles(steps), (std::vector<std::string>{"", "Bước 1"}));
    EXPECT_EQ(texts(steps), (std::vector<std::string>{"Tại cửa khẩu:", "Khai báo."}));
}

TEST(SplitSteps, DashItemsAreStepsWithoutBuocAndSubstepsWithIt) {
    auto plain = split_steps("- Nộp hồ sơ. - Nhận kết quả.");
    EXPECT_EQ(texts(plain), (std::vector<std::string>{"Nộp hồ sơ.", "Nhận kết quả."}));
    auto with_buoc = split_steps("Bước 1: Nộp hồ sơ gồm: - Tờ khai; - Giấy tờ tùy thân.");
    ASSERT_EQ(with_buoc.size(), 1u);
    EXPECT_EQ(with_buoc[0].text, "Nộp hồ sơ gồm:");
    EXPECT_EQ(with_buoc[0].substeps, (std::vector<std::string>{"Tờ khai;", "Giấy tờ tùy thân."}));
}

TEST(SplitSteps, DashBeforeBuocBelongsToTheMarker) {
    auto steps = split_steps("- Bước 1: Nộp. - Bước 2: Nhận.");
    EXPECT_EQ(titles(steps), (std::vector<std::string>{"Bước 1", "Bước 2"}));
    EXPECT_EQ(texts(steps), (std::vector<std::string>{"Nộp.", "Nhận."}));
}

TEST(SplitSteps, HyphenInsideASentenceIsNotABullet) {
    auto steps = split_steps("- Công chức tư pháp - hộ tịch kiểm tra. - Trả kết quả.");
    EXPECT_EQ(texts(steps),
              (std::vector<std::string>{"Công chức tư pháp - hộ tịch kiểm tra.", "Trả kết quả."}));
}

TEST(SplitSteps, RomanAndLetterItemsAreSubsteps) {
    auto steps = split_steps("Kiểm tra hồ sơ. (i) Nếu đủ thì nhận; (ii) Nếu thiếu thì trả lại.");
    ASSERT_EQ(steps.size(), 1u);
    EXPECT_EQ(steps[0].text, "Kiểm tra hồ sơ.");
    EXPECT_EQ(steps[0].substeps,
              (std::vector<std::string>{"Nếu đủ thì nhận;", "Nếu thiếu thì trả lại."}));
    auto letters = split_steps("Cơ quan có trách nhiệm:\na) Thông báo;\nb) Đăng tải;\nc) Gửi.");
    ASSERT_EQ(letters.size(), 1u);
    EXPECT_EQ(letters[0].substeps, (std::vector<std::string>{"Thông báo;", "Đăng tải;", "Gửi."}));
}

TEST(SplitSteps, ReferencesAreNotListItems) {
    // "điểm a)", "bước (i)", "Điều 5.", "khoản 2." follow a word, not a sentence end.
    const std::string text =
        "Theo điểm a) khoản 2 Điều 5. Trong thời hạn 3 ngày thực hiện lại bước (i) hoặc (ii); "
        "quy định tại khoản 2. Hết.";
    auto steps = split_steps(text);
    ASSERT_EQ(steps.size(), 1u);
    EXPECT_EQ(steps[0].text, text);
    EXPECT_TRUE(steps[0].substeps.empty());
}

TEST(SplitSteps, ItemsMustCountFromTheFirst) {
    // "3." after a sentence end, with no "1." before it, is not an item; nor is "c)" alone.
    auto steps = split_steps("Nộp trong 3 ngày. 3. Sau đó. c) Hết.");
    ASSERT_EQ(steps.size(), 1u);
    auto numbered = split_steps("1. Nộp.\n2. Nhận.\n4. Không phải mục.");
    EXPECT_EQ(texts(numbered), (std::vector<std::string>{"Nộp.", "Nhận.\n4. Không phải mục."}));
}

TEST(SplitSteps, NumberedCaseHeadingsAmongBuocStepsAreSteps) {
    auto steps = split_steps(
        "1. Đối với trường hợp A: Bước 1. Nộp; Bước 2. Nhận. 2. Đối với trường hợp B: Bước 1. "
        "Báo cáo.");
    EXPECT_EQ(titles(steps), (std::vector<std::string>{"", "Bước 1", "Bước 2", "", "Bước 1"}));
    EXPECT_EQ(steps[3].text, "Đối với trường hợp B:");
}

TEST(SplitSteps, StarItemsAreHeadingsAndTheDashItemsAfterThemTheirSubsteps) {
    auto plain = split_steps("- Nộp. - Nhận. * Lưu ý: - Mang bản chính. - Ký tên.");
    EXPECT_EQ(texts(plain), (std::vector<std::string>{"Nộp.", "Nhận.", "Lưu ý:"}));
    EXPECT_EQ(plain[2].substeps, (std::vector<std::string>{"Mang bản chính.", "Ký tên."}));
    auto with_buoc = split_steps("Bước 1: Nộp. * Đối với tàu khách: Bước 1: Khai báo.");
    EXPECT_EQ(titles(with_buoc), (std::vector<std::string>{"Bước 1", "", "Bước 1"}));
    EXPECT_EQ(with_buoc[1].text, "Đối với tàu khách:");
}

TEST(StructureSteps, ATitledStepKeepsItsTitleAndItsItemsBecomeSubsteps) {
    auto steps = structure_steps(
        {Step{"* Trường hợp đăng ký qua mạng:", "Đăng nhập như sau: - Kê khai; - Ký số.", {}},
         Step{"Trả kết quả", "Nhận tại bộ phận một cửa.", {}}});
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].title, "Trường hợp đăng ký qua mạng:");  // without the "* " bullet
    EXPECT_EQ(steps[0].text, "Đăng nhập như sau:");
    EXPECT_EQ(steps[0].substeps, (std::vector<std::string>{"Kê khai;", "Ký số."}));
    EXPECT_EQ(steps[1].text, "Nhận tại bộ phận một cửa.");
}

TEST(SplitSteps, MalformedAndTruncatedMarkersDoNotSplitOrCrash) {
    for (std::string text : {"Bước", "Bước ", "Bước 1", "Bước 12345: x", "(", "(i", "(iiii) x",
                             "a)", "1.", "99. x", "b", "- - - -", "\xC4", "Bư"}) {
        auto steps = split_steps(text);
        EXPECT_EQ(pieces_cover(text, steps), "") << text;
    }
    EXPECT_EQ(split_steps("Bước 12345: x").size(), 1u);
    EXPECT_EQ(split_steps("Bước 12345: x")[0].title, "");
}

// ---- every real step text -------------------------------------------------------------------

// Every step text of every real record: Word-export trình_tự_thực_hiện and portal API
// steps[].description. Returns (where, cleaned text) pairs.
std::vector<std::pair<std::string, std::string>> real_step_texts() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& entry : std::filesystem::directory_iterator(testing::word_dir())) {
        auto doc = nlohmann::json::parse(read_file(entry.path()));
        const auto& content = doc.at("content");
        if (content.contains("trình_tự_thực_hiện") && content["trình_tự_thực_hiện"].is_string())
            out.emplace_back(entry.path().filename().string(),
                             importers::clean(content["trình_tự_thực_hiện"].get<std::string>()));
    }
    std::istringstream lines(read_file(testing::api_file()));
    for (std::string line; std::getline(lines, line);) {
        if (text::trim(line).empty()) continue;
        auto doc = nlohmann::json::parse(line);
        for (const auto& step : doc.at("steps"))
            if (step.contains("description") && step["description"].is_string())
                out.emplace_back(doc.at("proc_id").get<std::string>(),
                                 importers::clean(step["description"].get<std::string>()));
    }
    return out;
}

TEST(SplitStepsOnRealRecords, EveryStepTextLosesOnlyMarkersAndWhitespace) {
    auto all = real_step_texts();
    ASSERT_GE(all.size(), 170u);  // 166 Word exports and the API records' steps
    std::size_t split = 0;
    for (const auto& [where, text] : all) {
        auto steps = split_steps(text);
        EXPECT_EQ(pieces_cover(text, steps), "") << where;
        if (steps.size() > 1 || (!steps.empty() && !steps[0].substeps.empty())) ++split;
    }
    EXPECT_GT(split, 120u);  // most real texts have markers
}

// ---- real records, through the whole import -------------------------------------------------

TEST(SplitStepsOnRealRecords, KhaiSinhStepsAreItsDashItemsWithRomanSubsteps) {
    const Procedure& p = record(whole_fixture_import().records, "1.001193");
    ASSERT_EQ(p.steps.size(), 6u);
    for (const auto& s : p.steps)
        EXPECT_EQ(s.title, "");
    EXPECT_EQ(p.steps[0].text.rfind("Nếu lựa chọn hình thức nộp hồ sơ trực tiếp, người yêu cầu", 0),
              0u);
    const Step& check = p.steps[2];
    EXPECT_EQ(check.text,
              "Cán bộ tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công có trách nhiệm kiểm "
              "tra tính chính xác, đầy đủ, thống nhất, hợp lệ của hồ sơ.");
    ASSERT_EQ(check.substeps.size(), 3u);
    EXPECT_EQ(check.substeps[0].rfind("Trường hợp hồ sơ đầy đủ, hợp lệ thì tiếp nhận hồ sơ", 0),
              0u);
    // "thực hiện lại bước (i);" is a reference inside (ii), not a new item.
    EXPECT_NE(check.substeps[1].find("thực hiện lại bước (i);"), std::string::npos);
    EXPECT_EQ(
        check.substeps[2].rfind("Trường hợp người yêu cầu đăng ký khai sinh không bổ sung", 0), 0u);
    // The "+ " items of the next step, with "bước (ii) hoặc (iii)" kept inside the first.
    ASSERT_EQ(p.steps[3].substeps.size(), 3u);
    EXPECT_NE(p.steps[3].substeps[0].find("thực hiện lại bước (ii) hoặc (iii);"),
              std::string::npos);
    // "* Lưu ý:" and the six "- " notes after it.
    EXPECT_EQ(p.steps[5].text, "Lưu ý:");
    ASSERT_EQ(p.steps[5].substeps.size(), 6u);
    EXPECT_EQ(p.steps[5].substeps[0].rfind("Trường hợp cha, mẹ trẻ đã đăng ký kết hôn", 0), 0u);
}

TEST(SplitStepsOnRealRecords, WordExportBuocStepsKeepTheirTitles) {
    const Procedure& p = record(whole_fixture_import().records, "1.013125");
    EXPECT_EQ(titles(p.steps), (std::vector<std::string>{"Bước 1", "Bước 2", "Bước 3"}));
    EXPECT_EQ(p.steps[0].text.rfind("Các Tổng kho xăng dầu, Kho xăng dầu và Cảng xăng dầu", 0), 0u);
}

TEST(SplitStepsOnRealRecords, WordExportCaseHeadingsStartStepsBeforeTheirBuocSteps) {
    const Procedure& p = record(whole_fixture_import().records, "1.013615");
    ASSERT_GE(p.steps.size(), 5u);
    EXPECT_EQ(p.steps[0].title, "");
    EXPECT_EQ(p.steps[0].text,
              "Đối với trường hợp quy định tại các điểm a, b, c và d khoản 1 Điều 35 của Luật Khám "
              "bệnh, chữa bệnh:");
    EXPECT_EQ(p.steps[1].title, "Bước 1");
    EXPECT_EQ(p.steps[3].title, "Bước 3");
    EXPECT_EQ(p.steps[4].title, "");
    EXPECT_EQ(p.steps[4].text.rfind("Đối với trường hợp quy định tại điểm đ khoản 1 Điều 35", 0),
              0u);
    // "điểm a, b, c và d khoản 1" stays whole: no letter item there.
    for (const auto& s : p.steps)
        EXPECT_TRUE(s.substeps.empty()) << s.text;
}

TEST(SplitStepsOnRealRecords, WordExportStarHeadingIsAStepBeforeItsBuocSteps) {
    const Procedure& p = record(whole_fixture_import().records, "1.013588");
    ASSERT_GE(p.steps.size(), 2u);
    EXPECT_EQ(p.steps[0].title, "");
    EXPECT_EQ(p.steps[0].text, "Đối với tàu chở khách du lịch quốc tế:");
    EXPECT_TRUE(p.steps[0].substeps.empty());
    EXPECT_EQ(p.steps[1].title, "Bước 1");
}

TEST(SplitStepsOnRealRecords, WordExportNumberedItemsWithoutBuocAreSteps) {
    const Procedure& p = record(whole_fixture_import().records, "1.013626");
    ASSERT_EQ(p.steps.size(), 3u);
    EXPECT_EQ(p.steps[0].text.rfind("Trường hợp quyết định đình chỉ không bắt buộc", 0), 0u);
    EXPECT_EQ(p.steps[2].text.rfind("Trong thời hạn 05 ngày làm việc", 0), 0u);
}

TEST(SplitStepsOnRealRecords, WordExportLetterItemsAreSubstepsOfTheirLeadIn) {
    const Procedure& p = record(whole_fixture_import().records, "1.013526");
    auto it = std::find_if(p.steps.begin(), p.steps.end(), [](const Step& s) {
        return s.text.find("nơi tiếp công dân các cấp như sau:") != std::string::npos;
    });
    ASSERT_NE(it, p.steps.end());
    ASSERT_GE(it->substeps.size(), 4u);
    EXPECT_EQ(it->substeps[0].rfind("Trường hợp khiếu nại được thực hiện bằng đơn", 0), 0u);
    EXPECT_EQ(it->substeps[1].rfind("Trường hợp người khiếu nại đến khiếu nại trực tiếp", 0), 0u);
}

TEST(SplitStepsOnRealRecords, HtmlSummaryTitledStepsAreUnchanged) {
    const Procedure& p = record(whole_fixture_import().records, "1.011441");
    EXPECT_EQ(titles(p.steps),
              (std::vector<std::string>{"Nộp Hồ Sơ", "Xác nhận nội dung thế chấp", "Trả kết quả"}));
    EXPECT_EQ(p.steps[0].text, "Người yêu cầu nộp hồ sơ tại các điểm tiếp nhận theo quy định.");
    for (const auto& s : p.steps)
        EXPECT_TRUE(s.substeps.empty());
}

// ---- time units -----------------------------------------------------------------------------

TEST(TimeUnits, ABareNumberTakesTheOneUnitTheRecordStatesForIt) {
    std::vector<ChannelInfo> channels(3);
    for (auto& c : channels) {
        c.time_text = "1";
        c.time_value = 1.0;
    }
    channels[1].time_text = "2";
    channels[1].time_value = 2.0;
    channels[2].time_text = "5";
    channels[2].time_value = 5.0;
    importers::fill_bare_time_units(
        channels, {importers::parse_duration("1"), importers::parse_duration("1 ngày làm việc"),
                   importers::parse_duration("2 ngày"), importers::parse_duration("2 giờ")});
    EXPECT_EQ(channels[0].time_unit, "ngày làm việc");
    EXPECT_EQ(channels[0].time_text, "1");  // as published
    EXPECT_EQ(channels[1].time_unit, "");   // two units for 2: no guess
    EXPECT_EQ(channels[2].time_unit, "");   // nothing states 5
}

TEST(TimeUnits, KhaiSinhChannelsSayOneWorkingDay) {
    const Procedure& p = record(whole_fixture_import().records, "1.001193");
    ASSERT_EQ(p.channels.size(), 3u);
    for (const auto& c : p.channels) {
        EXPECT_EQ(c.time_text, "1");
        EXPECT_EQ(c.time_value, 1.0);
        EXPECT_EQ(c.time_unit, "ngày làm việc");
    }
}

TEST(TimeUnits, NoUnitWhenTheRecordStatesTwoOrNone) {
    const auto& records = whole_fixture_import().records;
    for (const char* code : {"1.000894", "1.001022"})  // "1 ngày làm việc" and "1 ngày"; only "3"
        for (const auto& c : record(records, code).channels)
            EXPECT_EQ(c.time_unit, "") << code;
    for (const auto& c : record(records, "1.000656").channels)  // "1 ngày" is the only 1
        EXPECT_EQ(c.time_unit, "ngày");
}

TEST(SplitStepsOnRealRecords, TheFiguresInProcedureRecordMdHold) {
    std::size_t steps = 0, substeps = 0, buoc = 0, notes = 0, items = 0, submit = 0, present = 0;
    for (const auto& p : whole_fixture_import().records) {
        steps += p.steps.size();
        for (const auto& s : p.steps) {
            substeps += s.substeps.size();
            buoc += s.title.rfind("Bước ", 0) == 0;
        }
        for (const auto& c : p.dossier) {
            notes += c.notes.size();
            items += c.items.size();
            submit += c.kind == DossierKind::submit;
            present += c.kind == DossierKind::present;
        }
    }
    EXPECT_EQ(steps, 803u);
    EXPECT_EQ(substeps, 269u);
    EXPECT_EQ(buoc, 540u);
    EXPECT_EQ(notes, 81u);
    EXPECT_EQ(items, 805u);
    EXPECT_EQ(submit, 4u);
    EXPECT_EQ(present, 5u);
}

TEST(TimeUnits, SixChannelsKeepABareNumberAfterTheImport) {
    std::size_t bare = 0;
    for (const auto& p : whole_fixture_import().records)
        for (const auto& c : p.channels)
            if (c.time_value && c.time_unit.empty()) ++bare;
    EXPECT_EQ(bare, 6u);  // 12 before this change
}

// ---- dossier --------------------------------------------------------------------------------

TEST(Dossier, BulletsAndColonsLeaveNamesAndKindsComeFromCaseNames) {
    std::vector<DossierCase> dossier(3);
    dossier[0].name = "* Giấy tờ phải nộp:";
    dossier[0].items = {DossierItem{"- Tờ khai", 1, 0, "", {}},
                        DossierItem{"+ Giấy chứng sinh", 1, std::nullopt, "", {}}};
    dossier[1].name = "* Giấy tờ phải xuất trình:";
    dossier[2].name = "Hồ sơ chung:";
    importers::structure_dossier(dossier);
    EXPECT_EQ(dossier[0].name, "Giấy tờ phải nộp");
    EXPECT_EQ(dossier[0].kind, DossierKind::submit);
    EXPECT_EQ(dossier[0].items[0].name, "Tờ khai");
    EXPECT_EQ(dossier[0].items[1].name, "Giấy chứng sinh");
    EXPECT_EQ(dossier[1].name, "Giấy tờ phải xuất trình");
    EXPECT_EQ(dossier[1].kind, DossierKind::present);
    EXPECT_EQ(dossier[2].name, "Hồ sơ chung");
    EXPECT_EQ(dossier[2].kind, DossierKind::unspecified);
}

TEST(Dossier, UncountedNoteTextsMoveToNotesInOrderAndCountedPapersStay) {
    std::vector<DossierCase> dossier(2);
    dossier[0].items = {
        DossierItem{"Trường hợp đã nộp bản điện tử thì không phải nộp bản giấy.", 0, 0, "", {}},
        DossierItem{"- Trường hợp trẻ bị bỏ rơi thì phải có biên bản.", 1, 0, "", {}},
        DossierItem{"Tờ trình", 0, 0, "", {}},
        DossierItem{"Lưu ý: mang bản chính.", std::nullopt, std::nullopt, "", {}},
        DossierItem{"Trường hợp 1: hồ sơ gồm", 0, 0, "", {Form{"Mẫu 01", ""}}}};
    dossier[1].name = "* Lưu ý :";
    dossier[1].items = {DossierItem{"- Cá nhân có quyền lựa chọn.", 0, 0, "", {}},
                        DossierItem{"+ Bản chụp phải rõ nét.", std::nullopt, 0, "", {}}};
    importers::structure_dossier(dossier);
    ASSERT_EQ(dossier[0].items.size(), 3u);
    EXPECT_EQ(dossier[0].items[0].name, "Trường hợp trẻ bị bỏ rơi thì phải có biên bản.");
    EXPECT_EQ(dossier[0].items[1].name, "Tờ trình");  // a paper with 0 and 0 stays as published
    EXPECT_EQ(dossier[0].items[1].originals, 0);
    EXPECT_EQ(dossier[0].items[2].forms.size(), 1u);  // it has a form: a paper
    EXPECT_EQ(dossier[0].notes, (std::vector<std::string>{
                                    "Trường hợp đã nộp bản điện tử thì không phải nộp bản giấy.",
                                    "Lưu ý: mang bản chính."}));
    EXPECT_EQ(dossier[1].name, "Lưu ý");
    EXPECT_TRUE(dossier[1].items.empty());
    EXPECT_EQ(dossier[1].notes,
              (std::vector<std::string>{"Cá nhân có quyền lựa chọn.", "Bản chụp phải rõ nét."}));
}

TEST(Dossier, KhaiSinhCasesHaveKindsNotesAndNoBullets) {
    const Procedure& p = record(whole_fixture_import().records, "1.001193");
    ASSERT_EQ(p.dossier.size(), 4u);
    EXPECT_EQ(p.dossier[0].name, "Giấy tờ phải nộp");
    EXPECT_EQ(p.dossier[0].kind, DossierKind::submit);
    EXPECT_EQ(p.dossier[0].items.size(), 4u);
    ASSERT_EQ(p.dossier[0].notes.size(), 1u);
    EXPECT_EQ(p.dossier[0].notes[0].rfind("Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng "
                                          "sinh",
                                          0),
              0u);
    EXPECT_EQ(p.dossier[1].name, "Giấy tờ phải xuất trình");
    EXPECT_EQ(p.dossier[1].kind, DossierKind::present);
    EXPECT_EQ(p.dossier[1].items.size(), 2u);
    EXPECT_EQ(p.dossier[1].notes.size(), 4u);
    EXPECT_EQ(p.dossier[2].name, "Lưu ý");
    EXPECT_TRUE(p.dossier[2].items.empty());
    EXPECT_EQ(p.dossier[2].notes.size(), 19u);
    EXPECT_EQ(p.dossier[2].notes[0].rfind("Cá nhân có quyền lựa chọn", 0), 0u);
    for (const auto& c : p.dossier)
        for (const auto& item : c.items) {
            EXPECT_NE(item.name.rfind("- ", 0), 0u) << item.name;
            EXPECT_NE(item.name.rfind("+ ", 0), 0u) << item.name;
            // No paper left with neither originals nor copies except as published in a
            // counted case (none in this record).
            EXPECT_TRUE(item.originals.value_or(0) > 0 || item.copies.value_or(0) > 0 ||
                        !item.forms.empty() || c.name.empty())
                << item.name;
        }
}

TEST(Dossier, WordExportPapersWithZeroCountsStayPapers) {
    const Procedure& p = record(whole_fixture_import().records, "1.013645");
    ASSERT_EQ(p.dossier.size(), 1u);
    EXPECT_TRUE(p.dossier[0].notes.empty());
    auto it = std::find_if(p.dossier[0].items.begin(), p.dossier[0].items.end(),
                           [](const DossierItem& i) { return i.name.rfind("Tờ trình", 0) == 0; });
    ASSERT_NE(it, p.dossier[0].items.end());  // "+ Tờ trình …" without its bullet
    EXPECT_EQ(it->originals, 0);
    EXPECT_EQ(it->copies, 0);
}

}  // namespace
}  // namespace xasite::procedures
