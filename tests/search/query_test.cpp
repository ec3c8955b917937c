// How queries are read (filler, synonyms, repairs, partial words, codes) and what the searcher
// returns (looser readings, units and URLs, pagination, hostile input).
#include "search/query.hpp"

#include <gtest/gtest.h>

#include "search/searcher.hpp"
#include "search/snapshot.hpp"
#include "search_fixture.hpp"
#include "test_support.hpp"

using namespace xasite;
using search::SearchError;
using search::SearchRequest;

namespace {

std::shared_ptr<const search::IndexSnapshot> snapshot() {
    static auto snap = search::IndexSnapshot::open(xasite::testing::shared_index());
    return snap;
}

std::string concepts(const std::string& query, bool partial = false) {
    auto in = search::interpret(query, *snapshot(), {partial});
    std::string s;
    for (const auto& c : in.concepts) {
        s += s.empty() ? "[" : " [";
        for (std::size_t k = 0; k < c.alternatives.size(); ++k) {
            if (k) s += "|";
            for (std::size_t i = 0; i < c.alternatives[k].syllables.size(); ++i)
                s += (i ? " " : "") + c.alternatives[k].syllables[i];
            if (partial && c.prefix) break;  // only the first completion
        }
        s += "]";
    }
    return s;
}

search::SearchResponse find(SearchRequest r) {
    return xasite::testing::default_searcher().search(r);
}

search::SearchResponse find(const std::string& q, const std::string& unit = "") {
    SearchRequest r;
    r.query = q;
    r.unit = unit;
    return find(r);
}

std::string first_code_of(const std::string& q) {
    auto r = find(q);
    return r.results.empty() ? "" : r.results.front().code;
}

}  // namespace

TEST(SearchQuery, ColloquialFillerIsDroppedWithoutDroppingMeaning) {
    EXPECT_EQ(concepts("cho em hỏi tách hộ khẩu ở đâu vậy ạ"), "[tach ho khau|tach ho]");
    EXPECT_EQ(concepts("ad ơi làm sao đăng ký kết hôn ạ"),
              "[dang ki ket hon|giay ket hon|giay chung nhan ket hon]");
    EXPECT_EQ(concepts("mình muốn hỏi về hộ khẩu"), "[ve] [ho khau|cu tru]");
    auto sentence =
        search::interpret("khai tu cho ong noi thi bao lau co ket qua vay", *snapshot());
    std::set<std::string> kept;
    for (const auto& c : sentence.concepts)
        for (const auto& s : c.alternatives[0].syllables)
            kept.insert(s);
    EXPECT_TRUE(kept.count("khai") && kept.count("tu"));
    for (const char* gone : {"ong", "noi", "thi", "bao", "lau", "vay"})
        EXPECT_FALSE(kept.count(gone)) << gone;
    // Kept when they make a title word with a neighbour: "có yếu tố", "cho thuê", "không thuộc".
    EXPECT_NE(concepts("khai sinh có yếu tố nước ngoài").find("[co]"), std::string::npos);
    EXPECT_NE(concepts("cho thuê nhà ở").find("[cho]"), std::string::npos);
    // Typed with marks, "căn" is not the filler "cần".
    EXPECT_NE(concepts("căn cước").find("can"), std::string::npos);
    // A query made only of filler is searched as typed.
    EXPECT_EQ(concepts("là gì"), "[la] [gi]");
}

TEST(SearchQuery, SynonymsAndAbbreviationsExpandAsOneConcept) {
    EXPECT_EQ(concepts("ubnd"), "[ubnd|uy ban nhan dan]");
    EXPECT_EQ(concepts("lam so do"), "[lam so do|cap giay chung nhan quyen su dung dat lan dau]");
    EXPECT_EQ(concepts("so do nha toi"), "[so do|giay chung nhan quyen su dung dat] [nha]");
    // The longest key wins: "sổ đỏ bị mất" is listed whole (synonyms.txt).
    EXPECT_NE(concepts("so do bi mat").find("|cap lai giay chung nhan do bi mat]"),
              std::string::npos);
    EXPECT_NE(concepts("nhap ho khau").find("dang ki thuong tru"), std::string::npos);
}

TEST(SearchQuery, RepairsUnknownWordsOnly) {
    auto telex = search::interpret("dangw kys", *snapshot());
    EXPECT_EQ(telex.suggestion, "đăng ký");
    auto split = search::interpret("dangky tam tru", *snapshot());
    EXPECT_EQ(split.concepts.size(), 4u);
    EXPECT_EQ(split.suggestion, "đăng ký tam tru");
    auto known = search::interpret("dang ky", *snapshot());
    EXPECT_EQ(known.suggestion, "");
    // Several syllables typed without spaces, as on a phone.
    EXPECT_EQ(concepts("xacnhantinhtranghonnhan"), "[xac nhan tinh trang hon nhan|xnthn]");
    EXPECT_EQ(search::interpret("dangkykhaisinh", *snapshot()).suggestion, "đăng ký khai sinh");
    EXPECT_EQ(first_code_of("xacnhantinhtranghonnhan"), "1.004873");
    // Not every unknown word is a run of syllables.
    EXPECT_EQ(search::interpret("xyzzyqwv", *snapshot()).suggestion, "");
}

TEST(SearchQuery, PartialLastWordCompletesFromTheVocabulary) {
    EXPECT_EQ(concepts("dang ky kh", true), "[dang] [ki] [khai]");
    EXPECT_EQ(concepts("dang ky khai s", true), "[dang] [ki] [khai] [sinh]");
    auto r = SearchRequest{};
    r.query = "dang ky khai s";
    r.partial = true;
    auto response = find(r);
    ASSERT_FALSE(response.results.empty());
    EXPECT_EQ(response.results[0].code, "1.001193");
    search::Searcher& searcher = xasite::testing::default_searcher();
    auto suggestions = searcher.suggest("chung thuc b", "");
    ASSERT_FALSE(suggestions.empty());
    EXPECT_EQ(suggestions[0].code, "2.000815");
    EXPECT_TRUE(searcher.suggest("   ", "").empty());
}

TEST(SearchQuery, CodesFindTheirProcedure) {
    EXPECT_EQ(find("1.001193").results.at(0).code, "1.001193");
    EXPECT_EQ(find("1.004873.000.00.00.H12").results.at(0).code, "1.004873");
    EXPECT_EQ(find("156/KH-UBND").results.at(0).id, "directive/156-kh-ubnd-2025");
    SearchRequest r;
    r.query = "1.00119";
    r.partial = true;
    EXPECT_EQ(find(r).results.at(0).code.rfind("1.00119", 0), 0u);
}

// A date ("2/9", "30/4/1975", "7/2025") is no document number, and its numbers pair with no word
// around it: "lễ 2/9 năm nay" once found "Cấp Bằng Tổ quốc ghi công …" through the code "2/9" and
// the title pair "9 năm", and said "high".
TEST(SearchQuery, ADateIsNoCodeAndPairsWithNoWordAround) {
    for (const char* date : {"2/9", "30/4/1975", "7/2025", "01/07/25"}) {
        const auto in = search::interpret(std::string("lễ ") + date + " năm nay", *snapshot(), {});
        EXPECT_TRUE(in.codes.empty()) << date;
        ASSERT_FALSE(in.concepts.empty()) << date;
        for (const auto& c : in.concepts) {
            if (c.alternatives.front().syllables.front() == "nam") {
                EXPECT_FALSE(c.adjacent_to_previous) << date;
            }
        }
    }
    // Numbers inside one date still pair ("30 4", "4 1975"), as an official name has them.
    const auto in = search::interpret("sau ngày 30/4/1975 đã thôi việc", *snapshot(), {});
    int paired = 0;
    for (const auto& c : in.concepts)
        if (c.alternatives.front().syllables.front() == "4" ||
            c.alternatives.front().syllables.front() == "1975")
            paired += c.adjacent_to_previous ? 1 : 0;
    EXPECT_EQ(paired, 2);
    // Not dates: a document number, a day past 31, a month past 12.
    for (const char* code : {"156/KH-UBND", "124/2026", "5/13"})
        EXPECT_EQ(search::interpret(code, *snapshot(), {}).codes.size(), 1u) << code;
    SearchRequest r;
    r.query = "le 2/9 nam nay duoc nghi may ngay";
    EXPECT_EQ(find(r).confidence, "none");
}

TEST(SearchQuery, LooserReadingRatherThanNothing) {
    auto r = find("dang ky khai sinh zzqqxx");
    ASSERT_FALSE(r.results.empty());
    EXPECT_EQ(r.results[0].code, "1.001193");
    EXPECT_EQ(find("zzqqxx").total, 0u);
}

TEST(SearchQuery, UnitSearchBuildsUnitUrlsAndKeepsOtherUnitsOut) {
    auto in_unit = find("dang ky khai sinh", xasite::testing::kUnitEaKar);
    ASSERT_FALSE(in_unit.results.empty());
    EXPECT_EQ(in_unit.results[0].url, "/xa-ea-kar/thu-tuc/1.001193.html");
    EXPECT_EQ(in_unit.results[0].unit, xasite::testing::kUnitEaKar);
    auto by_slug = find("dang ky khai sinh", "xa-ea-kar");
    EXPECT_EQ(by_slug.results.at(0).url, "/xa-ea-kar/thu-tuc/1.001193.html");
    auto province = find("dang ky khai sinh");
    EXPECT_EQ(province.results.at(0).url,
              "https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/1.001193");
    // Pages of Ea Kar are not found from another unit.
    const std::string other = xasite::testing::real_units().begin()->first;
    ASSERT_NE(other, xasite::testing::kUnitEaKar);
    EXPECT_EQ(find("Giới thiệu xã Ea Kar", xasite::testing::kUnitEaKar).results.at(0).id,
              "page/xa-ea-kar/gioi-thieu");
    for (const auto& hit : find("Giới thiệu xã Ea Kar", other).results)
        EXPECT_NE(hit.id, "page/xa-ea-kar/gioi-thieu");
    auto page = find("Giới thiệu xã Ea Kar", xasite::testing::kUnitEaKar).results.at(0);
    EXPECT_EQ(page.url, "/xa-ea-kar/gioi-thieu/");
    EXPECT_THROW(find("dang ky", "khong-co-xa-nay"), SearchError);
}

TEST(SearchQuery, PaginationIsConsistent) {
    SearchRequest r;
    r.query = "dat dai";
    r.limit = 30;
    auto all = find(r);
    ASSERT_GE(all.total, 30u);
    std::vector<std::string> ids;
    for (std::size_t offset = 0; offset < 30; offset += 10) {
        r.offset = offset;
        r.limit = 10;
        auto page = find(r);
        EXPECT_EQ(page.total, all.total);
        for (const auto& hit : page.results)
            ids.push_back(hit.id);
    }
    ASSERT_EQ(ids.size(), 30u);
    for (std::size_t k = 0; k < 30; ++k)
        EXPECT_EQ(ids[k], all.results[k].id) << k;
    r.offset = all.total + 5;
    EXPECT_TRUE(find(r).results.empty());
}

TEST(SearchQuery, FilterOnlyBrowsingAndTypeFilter) {
    SearchRequest r;
    r.type = "directive";
    auto directives = find(r);
    EXPECT_EQ(directives.total, 1u);
    r.type = "page";
    r.unit = xasite::testing::kUnitEaKar;
    EXPECT_EQ(find(r).total, 4u);
    r = {};
    r.query = "đăng ký";
    r.type = "page,directive";
    for (const auto& hit : find(r).results)
        EXPECT_NE(hit.type, "procedure");
}

TEST(SearchQuery, HostileQueriesAreRefusedOrReadAsText) {
    auto status = [](const std::string& q) {
        try {
            find(q);
            return 200;
        } catch (const SearchError& e) {
            return e.kind() == SearchError::Kind::bad_request ? 400 : 503;
        }
    };
    EXPECT_EQ(status("\xFF\xFE"), 400);
    EXPECT_EQ(status(std::string(10000, 'a')), 400);
    EXPECT_EQ(status(std::string("dang\0ky", 7)), 400);
    EXPECT_EQ(status("(((("), 400);
    EXPECT_EQ(status("*"), 400);
    EXPECT_EQ(status(""), 400);
    EXPECT_EQ(status("\"dang ky"), 200);
    EXPECT_EQ(status("NEAR/3 dat"), 200);
    EXPECT_EQ(status("dat NEAR/3 dai AND OR NOT -x +y title:z"), 200);
    EXPECT_EQ(status(std::string(499, 'x')), 400);  // one 499-letter "word": nothing to search
    EXPECT_THROW(find(std::string(499, 'x')), search::NothingToSearchFor);
    EXPECT_THROW(find("*"), search::NothingToSearchFor);
    EXPECT_EQ(status(std::string(490, 'x') + " dang ky"), 200);  // 498 characters (limit 500)
    std::string many;
    for (int i = 0; i < 200; ++i)
        many += "dang ky ";
    EXPECT_EQ(status(many.substr(0, 499)), 200);
}

TEST(SearchQuery, SnippetsKeepDiacriticsAndEscape) {
    auto r = find("khai tu lưu động");
    ASSERT_FALSE(r.results.empty());
    const auto& hit = r.results[0];
    EXPECT_EQ(hit.code, "1.000419");
    EXPECT_NE(hit.snippet.find("<mark>"), std::string::npos) << hit.snippet;
    EXPECT_EQ(hit.snippet.find("<script"), std::string::npos);
    EXPECT_NE(hit.title_html.find("<mark>khai tử lưu động</mark>"), std::string::npos)
        << hit.title_html;
}
