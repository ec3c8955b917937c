// Issue 13: the action a question asks for (actions.txt) decides the variant that ranks first;
// titles that begin with "Thủ tục" are not penalised; close variants are offered to choose.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "answer_helpers.hpp"
#include "search/query.hpp"
#include "search/snapshot.hpp"

using namespace xasite;
using xasite::testing::ask;
using xasite::testing::first_code;

namespace {

std::string action_of(const std::string& q) {
    auto snap = search::IndexSnapshot::open(xasite::testing::shared_index());
    auto in = search::interpret(q, *snap);
    return in.action < 0 ? "" : snap->lexicon().actions()[static_cast<std::size_t>(in.action)].name;
}

}  // namespace

TEST(SearchActions, ActionWordsAreRecognisedWithAndWithoutMarks) {
    EXPECT_EQ(action_of("làm lại giấy khai sinh"), "cấp lại");
    EXPECT_EQ(action_of("lam lai giay khai sinh"), "cấp lại");
    EXPECT_EQ(action_of("cap doi the can cuoc"), "cấp đổi");
    EXPECT_EQ(action_of("dong cua ho kinh doanh"), "chấm dứt");
    EXPECT_EQ(action_of("gia han giay phep xay dung"), "gia hạn");
    EXPECT_EQ(action_of("dang ky khai sinh"), "");
    // "mới mất" is a death, not a lost paper; "mất bao lâu" is a question of time.
    EXPECT_EQ(action_of("bo toi moi mat"), "");
    EXPECT_EQ(action_of("khai sinh mat bao lau"), "");
    // A life event's words that start with the first-time action keep it: "mở tiệm tạp hóa"
    // (an event's words) asks to open.
    EXPECT_EQ(action_of("muon mo tiem tap hoa nho truoc nha"), "cấp lần đầu");
    // Marks typed decide: "sổ hồng" is no damaged paper ("hỏng"), "mặt" no loss ("mất"); one
    // word that ends an action phrase is no follow-up ("thể" of "giải thể" typed as "the").
    EXPECT_EQ(action_of("sổ hồng bị mất"), "cấp lại");
    EXPECT_EQ(action_of("sổ hỏng rồi"), "cấp đổi");
    EXPECT_EQ(action_of("giải thể hợp tác xã"), "chấm dứt");
    EXPECT_EQ(action_of("giai the hop tac xa"), "chấm dứt");
    EXPECT_EQ(action_of("còn giải thể thì sao"), "chấm dứt");
    // A pronoun's unmarked spelling inside an action phrase is that phrase's word: "han" of
    // "het han" is "hạn", not "hắn" (kept as a word of the question, not dropped).
    EXPECT_EQ(action_of("het han roi thi sao"), "cấp đổi");
    auto snap = search::IndexSnapshot::open(xasite::testing::shared_index());
    const auto dropped = search::interpret("het han roi thi sao", *snap).dropped;
    EXPECT_EQ(std::find(dropped.begin(), dropped.end(), "han"), dropped.end());
}

TEST(SearchActions, TheVariantAskedForRanksFirst) {
    EXPECT_EQ(first_code(ask("lam lai giay khai sinh")), "1.004884");
    EXPECT_EQ(first_code(ask("dong cua ho kinh doanh")), "1.001266");
    EXPECT_EQ(first_code(ask("mo tiem tap hoa")), "1.001612");
    EXPECT_EQ(first_code(ask("cham dut giam ho")), "1.004845");
    // Without an action the plain procedure comes first, not a variant.
    EXPECT_EQ(first_code(ask("dang ky khai sinh")), "1.001193");
    EXPECT_EQ(first_code(ask("dang ky giam ho")), "1.004837");
    EXPECT_EQ(ask("lam lai giay khai sinh").action, "cấp lại");
}

TEST(SearchActions, ThuTucAtTheStartOfATitleIsNotPenalised) {
    // "Thủ tục đăng ký kết hôn": the query covers its whole name once "Thủ tục" is not counted.
    EXPECT_EQ(first_code(ask("dang ky ket hon")), "1.000894");
    EXPECT_EQ(first_code(ask("dang ky khai tu")), "1.000656");
}

TEST(SearchClarify, CloseVariantsOfOneProcedureAreOffered) {
    // "Đăng ký tạm trú" and its variants (gia hạn, xóa) score close: the page asks which one.
    auto r = ask("dang ky tam tru");
    ASSERT_GE(r.clarify.options.size(), 2u);
    EXPECT_EQ(r.clarify.options[0].label, "lần đầu");
    EXPECT_EQ(r.clarify.options[0].code, "1.004194");
    EXPECT_EQ(r.clarify.family, r.results[0].title);
    std::set<std::string> labels;
    for (const auto& o : r.clarify.options) {
        EXPECT_TRUE(labels.insert(o.label).second) << o.label;  // one link per variant
        EXPECT_FALSE(o.url.empty());
    }
    // When the action is said, nothing is asked.
    EXPECT_TRUE(ask("gia han tam tru").clarify.empty());
    EXPECT_TRUE(ask("lam lai giay khai sinh").clarify.empty());
}
