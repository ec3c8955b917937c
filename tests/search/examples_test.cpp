// Issue 13, eighth round: example questions (content/search/questions.txt). A question asked the
// way citizens ask it is compared with them; the procedures of the closest ones move up, and the
// closest ones that no procedure answers make the answer "none". The questions below are in no
// question set and not in questions.txt: they are answered through their neighbours.
#include <gtest/gtest.h>

#include <algorithm>

#include "answer_helpers.hpp"
#include "search/searcher.hpp"

using namespace xasite;
using xasite::testing::first_code;

namespace {

search::SearchResponse ask_with(search::Searcher& searcher, const std::string& query) {
    search::SearchRequest r;
    r.query = query;
    r.unit = xasite::testing::kUnitEaKar;
    r.limit = 10;
    return searcher.search(r);
}

}  // namespace

TEST(SearchExamples, TheProcedureQuestionsLikeItNameComesFirst) {
    const std::pair<const char*, const char*> cases[] = {
        // the monthly social allowance, not the provincial support for people of 70 to 75
        {"ông bà cụ trên 80 tuổi được nhận tiền gì không", "1.014027"},
        // a household's health insurance card, not the medical treatment covered by it
        {"muốn mua thẻ bảo hiểm y tế cho cả gia đình", "1.001939"},
        // land given to the State for a road
        {"nhà hiến đất làm đường bê tông liên thôn", "1.115543"},
        // the first military service registration
        {"con trai tôi đủ 18 tuổi phải đi khám nghĩa vụ", "1.013133"},
        // a birth with a foreign parent
        {"có con với chồng người nước ngoài làm khai sinh", "2.000528"},
    };
    for (const auto& [question, code] : cases) {
        const auto with = ask_with(xasite::testing::shared_searcher(), question);
        EXPECT_EQ(first_code(with), code) << question;
        EXPECT_NE(with.confidence, "none") << question;
        EXPECT_NE(first_code(ask_with(xasite::testing::words_only_searcher(), question)), code)
            << question;
    }
}

TEST(SearchExamples, QuestionsLikeOnesNoProcedureAnswersAreNone) {
    for (const char* question : {"số điện thoại bệnh viện tỉnh", "số điện thoại trạm y tế xã"}) {
        EXPECT_EQ(ask_with(xasite::testing::shared_searcher(), question).confidence, "none")
            << question;
        EXPECT_NE(ask_with(xasite::testing::words_only_searcher(), question).confidence, "none")
            << question;
    }
}

TEST(SearchExamples, AQuestionNamedWholeByATitleKeepsItsAnswer) {
    // Examples that ask for another variant of the family do not push the one asked down.
    for (const auto& [question, code] :
         {std::pair{"xóa đăng ký thường trú", "1.003197"}, std::pair{"đăng ký tạm trú", "1.004194"},
          std::pair{"đăng ký thành lập hộ kinh doanh", "1.001612"}}) {
        EXPECT_EQ(first_code(ask_with(xasite::testing::shared_searcher(), question)), code)
            << question;
    }
}

TEST(SearchExamples, TheCountAndTheFacetsHoldTheResultsTheyAdd) {
    // A procedure the examples add from below the cut-off is a result like the others: the page
    // says "Tìm thấy N kết quả" and lists the facets from the same N.
    for (const char* question :
         {"nhặt được đứa bé bị bỏ rơi muốn nhận nuôi",
          "mở tiệm net cho học sinh chơi game cần giấy gì", "hội nuôi ong muốn giải thể",
          "giấy phép xây nhà hết hạn mà chưa xây xong"}) {
        search::SearchRequest r;
        r.query = question;
        r.unit = xasite::testing::kUnitEaKar;
        r.limit = 100;
        const auto response = xasite::testing::shared_searcher().search(r);
        EXPECT_EQ(response.results.size(), std::min<std::size_t>(response.total, 100)) << question;
        std::size_t by_type = 0;
        for (const auto& f : response.facets.at("type"))
            by_type += f.count;
        EXPECT_EQ(by_type, response.total) << question;
    }
}

// Issue 13, ninth round: a first result that close example questions name (votes of at least
// QueryWeights::example_high) is the answer ("high"), not "Có thể bạn cần" ("low").
TEST(SearchExamples, AnAnswerCloseExamplesNameIsHigh) {
    const char* question = "muốn cắt khẩu cho con gái lấy chồng xa";
    const auto r = ask_with(xasite::testing::shared_searcher(), question);
    EXPECT_EQ(first_code(r), "1.003197");  // Xóa đăng ký thường trú
    EXPECT_EQ(r.confidence, "high");
    search::Searcher cautious(xasite::testing::shared_index());
    cautious.weights().example_high = 1e9;
    const auto without = ask_with(cautious, question);
    EXPECT_EQ(first_code(without), "1.003197");
    EXPECT_EQ(without.confidence, "low");
}
