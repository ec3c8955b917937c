// Issue 13 in the server: /api/search gives "confidence", "clarify", "action", "context_used" and
// reads context= (repeatable); the tra-cuu page says plainly when no procedure matches (national
// portal, commune hotline, nothing shown as the answer), heads uncertain results "Có thể bạn
// cần", keeps the last questions in hidden fields, and handles an offset past the end.
#include <httplib.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <thread>

#include "core/files.hpp"
#include "search/search_fixture.hpp"
#include "serve/results_html.hpp"
#include "serve/server.hpp"
#include "server_fixture.hpp"
#include "test_support.hpp"

using namespace xasite;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Server = xasite::testing::ServerFixture;

std::size_t count_of(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1))
        ++n;
    return n;
}

// A response of one result (title `title`, at /x) answered "high".
search::SearchResponse one_result(const std::string& title) {
    search::SearchResponse r;
    r.total = 1;
    r.limit = 10;
    r.results.push_back({});
    r.results[0].title_html = title;
    r.results[0].url = "/x";
    r.confidence = "high";
    return r;
}

}  // namespace

TEST(SearchAnswerApi, ConfidenceActionAndClarifyAreInTheJson) {
    Server server;
    auto high = json::parse(server.get("/api/search?q=dang+ky+khai+sinh&unit=xa-ea-kar"));
    EXPECT_EQ(high["confidence"], "high");
    EXPECT_TRUE(high.contains("clarify"));
    EXPECT_TRUE(high["action"].is_null());
    EXPECT_TRUE(high["facets"].contains("event"));
    auto none = json::parse(server.get("/api/search?q=cach+nau+pho+bo"));
    EXPECT_EQ(none["confidence"], "none");
    auto again = json::parse(server.get("/api/search?q=lam+lai+giay+khai+sinh"));
    EXPECT_EQ(again["action"], "cấp lại");
    EXPECT_EQ(again["results"][0]["code"], "1.004884");
}

TEST(SearchAnswerApi, ContextIsRepeatableAndReadForAFollowUp) {
    Server server;
    auto r = json::parse(server.get(
        "/api/search?q=the+con+le+phi+bao+nhieu&context=dang+ky+khai+tu&context=dang+ky+ket+hon"));
    EXPECT_EQ(r["context_used"], "dang ky ket hon");
    EXPECT_EQ(r["results"][0]["code"], "1.000894");
    EXPECT_EQ(r["query"], "the con le phi bao nhieu");
    auto alone = json::parse(server.get("/api/search?q=the+con+le+phi+bao+nhieu"));
    EXPECT_TRUE(alone["context_used"].is_null());
    EXPECT_EQ(server.get("/api/search?q=nop&context=%FF"), "status 400");
}

TEST(SearchAnswerPage, NoneSaysSoAndShowsNothingAsTheAnswer) {
    Server server;
    auto page = server.get("/xa-ea-kar/tra-cuu/?q=cach+nau+pho+bo");
    EXPECT_NE(page.find("Không có thủ tục hành chính nào khớp"), std::string::npos) << page;
    EXPECT_NE(page.find("https://dichvucong.gov.vn"), std::string::npos);
    EXPECT_NE(page.find("../lien-he/"), std::string::npos);
    EXPECT_EQ(page.find("class=\"search-result\""), std::string::npos);
    EXPECT_EQ(page.find("Tìm thấy"), std::string::npos);
    // The province's search page (no unit) has no "Liên hệ" page beside it: no link that breaks.
    search::SearchRequest request;
    request.query = "cach nau pho bo";
    search::SearchResponse none;
    none.total = 3;
    none.confidence = "none";
    auto province = serve::render_results_html(request, none);
    EXPECT_NE(province.find("Không có thủ tục hành chính nào khớp"), std::string::npos) << province;
    EXPECT_EQ(province.find("../lien-he/"), std::string::npos) << province;
    EXPECT_NE(province.find("trang Liên hệ của trang xã, phường"), std::string::npos) << province;
    request.unit = "24373";
    EXPECT_NE(serve::render_results_html(request, none).find("../lien-he/"), std::string::npos);
}

TEST(SearchAnswerPage, HighAndLowAreShownDifferently) {
    search::SearchRequest request;
    request.query = "giay to";
    search::SearchResponse r = one_result("Giấy");
    r.confidence = "low";
    auto low = serve::render_results_html(request, r);
    EXPECT_NE(low.find("Có thể bạn cần"), std::string::npos);
    EXPECT_EQ(low.find("Tìm thấy"), std::string::npos);
    r.confidence = "high";
    auto high = serve::render_results_html(request, r);
    EXPECT_EQ(high.find("Có thể bạn cần"), std::string::npos);
    EXPECT_NE(high.find("Tìm thấy 1 kết quả"), std::string::npos);
    r.clarify.family = "Đăng ký khai sinh";
    r.clarify.options = {{"lần đầu", "Đăng ký khai sinh", "1", "/a"},
                         {"cấp lại", "Đăng ký lại khai sinh", "2", "/b"}};
    auto ask = serve::render_results_html(request, r);
    EXPECT_NE(ask.find("Bạn cần: <a href=\"/a\""), std::string::npos) << ask;
    EXPECT_NE(ask.find(">cấp lại</a>?"), std::string::npos) << ask;
}

TEST(SearchAnswerPage, ALongQuestionIsEchoedShortened) {
    // A pasted official name (up to 1,200 characters) is echoed cut between words with " …", so
    // the first result stays near the top of a phone's screen; a short question whole.
    search::SearchRequest request;
    for (int k = 0; k < 40; ++k)
        request.query += "Đăng ký biến động quyền sử dụng đất ";
    request.query += "<cuối>";
    search::SearchResponse r = one_result("Đăng ký biến động");
    r.context_used = request.query;
    const auto page = serve::render_results_html(request, r);
    const auto from = page.find("kết quả cho «");
    ASSERT_NE(from, std::string::npos) << page.substr(0, 500);
    const auto to = page.find("»", from);
    ASSERT_NE(to, std::string::npos);
    const std::string echoed = page.substr(from, to - from);
    EXPECT_LT(echoed.size(), 220u) << echoed;
    EXPECT_NE(echoed.find("quyền sử dụng"), std::string::npos) << echoed;
    EXPECT_EQ(echoed.substr(echoed.size() - 4), " …") << echoed;  // " …" is 4 bytes
    EXPECT_EQ(page.find("cuối"), std::string::npos);              // the context line too
    request.query = "giay to";
    r.context_used.clear();
    EXPECT_NE(serve::render_results_html(request, r).find("kết quả cho «giay to»"),
              std::string::npos);
}

TEST(SearchAnswerPage, AnOffsetPastTheEndSaysSo) {
    Server server;
    auto page = server.get("/xa-ea-kar/tra-cuu/?q=dang+ky+khai+sinh&offset=5000");
    EXPECT_EQ(page.find("(từ 5001"), std::string::npos);
    EXPECT_NE(page.find("trang này không còn kết quả"), std::string::npos) << page;
    EXPECT_NE(page.find("Về trang đầu"), std::string::npos);
}

TEST(SearchAnswerPage, TheLastQuestionsAreKeptInHiddenFields) {
    Server server;
    auto page = server.get(
        "/xa-ea-kar/tra-cuu/?q=nop+o+dau&context=a+1&context=dang+ky+ket+hon&context=le+phi");
    // The last three questions: two earlier ones and this one, oldest first, inside the form.
    const auto form_end = page.find("</form>");
    ASSERT_NE(form_end, std::string::npos);
    EXPECT_EQ(count_of(page.substr(0, form_end), "type=\"hidden\" name=\"context\""), 3u);
    EXPECT_EQ(page.find("value=\"a 1\""), std::string::npos);
    const auto a = page.find("name=\"context\" value=\"dang ky ket hon\"");
    const auto b = page.find("name=\"context\" value=\"le phi\"");
    const auto c = page.find("name=\"context\" value=\"nop o dau\"");
    ASSERT_NE(a, std::string::npos);
    ASSERT_NE(b, std::string::npos);
    ASSERT_NE(c, std::string::npos);
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_NE(page.find("1.000894"), std::string::npos);  // read with "đăng ký kết hôn"
    // Escaped like everything else.
    auto xss = server.get("/xa-ea-kar/tra-cuu/?q=nop&context=%22%3E%3Cscript%3E");
    EXPECT_EQ(xss.find("\"><script>"), std::string::npos);
}
