// The editable language data (content/search): parsing, one-way and two-way synonyms, fillers that
// respect marks, errors naming file and line, and the round trip through the index metadata.
#include "search/lexicon.hpp"

#include <gtest/gtest.h>

#include <unordered_set>

#include "core/error.hpp"
#include "core/files.hpp"
#include "search/vietnamese.hpp"
#include "test_support.hpp"

using namespace xasite::search;

namespace {

std::vector<std::string> folded(const Lexicon& lex, std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : tokenize(text))
        out.push_back(fold_token(t.lower, lex));
    return out;
}

std::vector<std::string> exact_of(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& t : tokenize(text))
        out.push_back(has_marks(t.lower) ? canonical_tone_placement(t.lower) : "");
    return out;
}

bool filler(const Lexicon& lex, std::string_view text) {
    auto w = folded(lex, text);
    return lex.is_filler(w, exact_of(text), 0, w.size());
}

std::vector<std::string> expansions(const Lexicon& lex, std::string_view text) {
    auto w = folded(lex, text);
    std::vector<std::string> out;
    if (auto* e = lex.expansions(w, 0, w.size()))
        for (const auto& alt : *e) {
            std::string s;
            for (const auto& x : alt)
                s += (s.empty() ? "" : " ") + x;
            out.push_back(s);
        }
    return out;
}

}  // namespace

TEST(SearchLexicon, BuiltInDataLoads) {
    const Lexicon& lex = Lexicon::builtin();
    EXPECT_GE(lex.variant_count(), 5u);
    EXPECT_GE(lex.filler_count(), 50u);
    EXPECT_GE(lex.synonym_key_count(), 50u);
    EXPECT_EQ(lex.unify_variant("ky"), "ki");
    EXPECT_EQ(lex.unify_variant("dang"), "dang");
}

TEST(SearchLexicon, AbbreviationsWorkBothWaysAndOneWaySynonymsOnlyOneWay) {
    const Lexicon& lex = Lexicon::builtin();
    auto ubnd = expansions(lex, "UBND");
    EXPECT_NE(std::find(ubnd.begin(), ubnd.end(), "uy ban nhan dan"), ubnd.end());
    auto full = expansions(lex, "Uỷ ban nhân dân");
    EXPECT_NE(std::find(full.begin(), full.end(), "ubnd"), full.end());
    auto so_do = expansions(lex, "sổ đỏ");
    EXPECT_NE(std::find(so_do.begin(), so_do.end(), "giay chung nhan quyen su dung dat"),
              so_do.end());
    // "=>" is one way: the official words do not expand to the popular ones.
    auto official = expansions(lex, "giấy chứng nhận quyền sử dụng đất");
    EXPECT_EQ(std::find(official.begin(), official.end(), "so do"), official.end());
    auto ho_khau = expansions(lex, "hộ khẩu");
    EXPECT_NE(std::find(ho_khau.begin(), ho_khau.end(), "cu tru"), ho_khau.end());
    auto cu_tru = expansions(lex, "cư trú");
    EXPECT_NE(std::find(cu_tru.begin(), cu_tru.end(), "ho khau"), cu_tru.end());
    auto cccd = expansions(lex, "CCCD");
    EXPECT_NE(std::find(cccd.begin(), cccd.end(), "can cuoc cong dan"), cccd.end());
    auto giay_khai_sinh = expansions(lex, "giấy khai sinh");
    EXPECT_NE(std::find(giay_khai_sinh.begin(), giay_khai_sinh.end(), "khai sinh"),
              giay_khai_sinh.end());
}

TEST(SearchLexicon, FillerRespectsMarksWhenTyped) {
    const Lexicon& lex = Lexicon::builtin();
    EXPECT_TRUE(filler(lex, "cho hỏi"));
    EXPECT_TRUE(filler(lex, "cho hoi"));
    EXPECT_TRUE(filler(lex, "vậy"));
    EXPECT_TRUE(filler(lex, "ạ"));
    EXPECT_TRUE(filler(lex, "ad"));
    EXPECT_TRUE(filler(lex, "thì"));
    EXPECT_TRUE(filler(lex, "cần"));
    EXPECT_TRUE(filler(lex, "can"));   // without marks it may be "cần"…
    EXPECT_FALSE(filler(lex, "căn"));  // …with them it is "căn" (căn cước), not filler
    EXPECT_FALSE(filler(lex, "khai"));
    EXPECT_FALSE(filler(lex, "sinh"));
}

TEST(SearchLexicon, KeysRespectMarksWhenTyped) {
    auto lex =
        Lexicon::parse({{"synonyms.txt", "sổ hồng => giấy chứng nhận\ngks = giấy khai sinh\n"},
                        {"events.txt", "Qua đời: cụ mất, ma chay => khai tử\n"},
                        {"actions.txt", "cấp đổi: hỏng, bị hỏng\n"},
                        {"outside.txt", "Giá nông sản: giá cà phê\n"},
                        {"followup.txt", "thế\n"}},
                       "x");
    auto key = [&](std::string_view text) {
        auto w = folded(lex, text);
        return lex.expansions(w, exact_of(text), 0, w.size()) != nullptr;
    };
    // Typed without marks a key may be any of its spellings; with marks, only the one listed.
    EXPECT_TRUE(key("sổ hồng"));
    EXPECT_TRUE(key("so hong"));
    EXPECT_TRUE(key("sổ hong"));  // a word typed without marks matches either way
    EXPECT_FALSE(key("sổ hỏng"));
    EXPECT_TRUE(key("cụ mất"));
    EXPECT_TRUE(key("cu mat"));
    EXPECT_FALSE(key("cũ mất"));  // "giấy … cũ mất" is an old paper lost, not a death
    EXPECT_TRUE(key("ma chay"));
    EXPECT_FALSE(key("mà chạy"));
    // Tone placement, i/y and đ as typed do not count.
    EXPECT_TRUE(key("GKS"));
    EXPECT_TRUE(key("CỤ MẤT"));
    EXPECT_TRUE(key("cụ mất"));
    EXPECT_TRUE(key("giấy khai sinh"));
    // Actions, outside phrases and follow-up words too.
    EXPECT_FALSE(lex.action_word_as_typed(0, {"hong"}, exact_of("sổ hồng"), 1));
    EXPECT_TRUE(lex.action_word_as_typed(0, {"hong"}, exact_of("sổ hỏng"), 1));
    EXPECT_TRUE(lex.action_word_as_typed(0, {"hong"}, exact_of("so hong"), 1));
    EXPECT_EQ(
        lex.outside_phrases(folded(lex, "giá cà phê hôm nay"), {}, exact_of("giá cà phê hôm nay"))
            .size(),
        1u);
    EXPECT_TRUE(lex.outside_phrases(folded(lex, "gia ca phe"), {}, exact_of("gia ca phe")).size() ==
                1u);
    EXPECT_TRUE(lex.outside_phrases(folded(lex, "gia cà phê"), {}, exact_of("gia cà phê")).size() ==
                1u);
    EXPECT_TRUE(lex.outside_phrases(folded(lex, "già cà phê"), {}, exact_of("già cà phê")).empty());
    EXPECT_TRUE(lex.is_followup(folded(lex, "thế"), exact_of("thế"), 0, 1));
    EXPECT_FALSE(lex.is_followup(folded(lex, "thể"), exact_of("thể"), 0, 1));
    EXPECT_TRUE(lex.is_followup(folded(lex, "the"), exact_of("the"), 0, 1));
    // Kept through the index.
    auto back = Lexicon::deserialize(lex.serialize());
    auto b = folded(back, "cũ mất");
    EXPECT_EQ(back.expansions(b, exact_of("cũ mất"), 0, b.size()), nullptr);
    EXPECT_NE(back.expansions(b, exact_of("cụ mất"), 0, b.size()), nullptr);
}

TEST(SearchLexicon, MalformedLinesNameFileAndLine) {
    auto error_of = [](const std::map<std::string, std::string>& files) {
        try {
            Lexicon::parse(files, "content/search");
        } catch (const xasite::InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(error_of({{"variants.txt", "# ok\nky = ki\nky ki\n"}}),
              "content/search/variants.txt:3: expected two syllables joined by \"=\", got \"ky "
              "ki\"");
    EXPECT_NE(error_of({{"synonyms.txt", "\nsổ đỏ\n"}}).find("content/search/synonyms.txt:2:"),
              std::string::npos);
    EXPECT_NE(error_of({{"synonyms.txt", "a => b => c\n"}}).find("synonyms.txt:1:"),
              std::string::npos);
    EXPECT_NE(error_of({{"abbreviations.txt", "ubnd = \n"}}).find("abbreviations.txt:1:"),
              std::string::npos);
    EXPECT_NE(error_of({{"filler.txt", "ạ\n...\n"}}).find("filler.txt:2:"), std::string::npos);
    EXPECT_NE(error_of({{"filler.txt", "\xFF\n"}}).find("invalid UTF-8"), std::string::npos);
}

TEST(SearchLexicon, ContentTreeOverridesFileByFile) {
    xasite::testing::TempDir dir;
    xasite::write_file_atomic(dir / "synonyms.txt", "mèo = con mèo\n");
    Lexicon lex = Lexicon::load_directory(dir.path());
    EXPECT_FALSE(expansions(lex, "con mèo").empty());
    EXPECT_TRUE(expansions(lex, "sổ đỏ").empty());  // synonyms.txt replaced
    EXPECT_FALSE(expansions(lex, "ubnd").empty());  // abbreviations.txt still built in
}

TEST(SearchLexicon, SurvivesTheRoundTripThroughTheIndex) {
    const Lexicon& lex = Lexicon::builtin();
    Lexicon back = Lexicon::deserialize(lex.serialize());
    EXPECT_EQ(back.serialize(), lex.serialize());
    EXPECT_EQ(back.unify_variant("ky"), "ki");
    EXPECT_TRUE(filler(back, "cho hỏi"));
    EXPECT_FALSE(filler(back, "căn"));
    EXPECT_THROW(Lexicon::deserialize("{"), std::runtime_error);
    EXPECT_THROW(Lexicon::deserialize("{\"version\": 9}"), std::runtime_error);
}

TEST(SearchLexicon, MattersOutsideTheCatalogueAreReadAsPhrases) {
    const Lexicon& lex = Lexicon::builtin();
    ASSERT_FALSE(lex.outside().empty());
    auto found = lex.outside_phrases({"lam", "ho", "chieu", "o", "xa"});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].first, (Lexicon::Phrase{"lam", "ho", "chieu"}));
    EXPECT_TRUE(lex.outside_phrases({"mat", "ho", "chieu"}).empty());  // the commune takes that
    // A match the reader says is part of a longer name is passed over, and the rest still read.
    auto starts_at_one = [](std::size_t begin, std::size_t) { return begin == 1; };
    EXPECT_TRUE(lex.outside_phrases({"dau", "gia", "dat"}, starts_at_one).empty());
    EXPECT_EQ(lex.outside_phrases({"gia", "dat"}, starts_at_one).size(), 1u);
    Lexicon back = Lexicon::deserialize(lex.serialize());
    EXPECT_EQ(back.outside_phrases({"gia", "vang", "hom", "nay"}).size(), 1u);
    Lexicon own = Lexicon::parse({{"outside.txt", "# c\nThời tiết: thời tiết, dự báo\n"}}, "x");
    ASSERT_EQ(own.outside().size(), 1u);
    EXPECT_EQ(own.outside()[0].name, "Thời tiết");
    EXPECT_EQ(own.outside_phrases({"du", "bao", "mua"}).size(), 1u);
    try {
        Lexicon::parse({{"outside.txt", "\nthời tiết\n"}}, "content/search");
        ADD_FAILURE() << "a line without ':' was accepted";
    } catch (const xasite::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("outside.txt:2:"), std::string::npos) << e.what();
    }
}

TEST(SearchLexicon, ExampleQuestionsAreReadWithTheirCodesOrAsOutside) {
    const Lexicon lex = Lexicon::parse({{"actions.txt", "cấp lại: làm lại, bị mất\n"},
                                        {"questions.txt",
                                         "# câu hỏi mẫu\n"
                                         "Bố tôi mới mất, làm giấy gì? => 1.000656, 2.002913\n"
                                         "làm lại sổ đỏ bị mất => 1.012786\n"
                                         "giá cà phê hôm nay => ngoài danh mục\n"}},
                                       "content/search");
    const auto& all = lex.examples().all();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].words, "bo toi moi mat lam giay gi");  // folded
    EXPECT_EQ(all[0].codes, (std::vector<std::string>{"1.000656", "2.002913"}));
    EXPECT_EQ(all[0].action, -1);  // "mất" is no action word in these actions.txt
    EXPECT_EQ(all[1].action, 0);
    EXPECT_TRUE(all[2].codes.empty());
    // The closest first; an unrelated question finds none; leave-one-out skips the same words.
    auto near = lex.examples().nearest({"lam", "lai", "so", "do"}, 3, 0.1);
    ASSERT_FALSE(near.empty());
    EXPECT_EQ(near[0].example, 1u);
    EXPECT_GT(near[0].similarity, 0.5);
    EXPECT_TRUE(lex.examples().nearest({"thoi", "tiet"}, 3, 0.1).empty());
    EXPECT_FALSE(lex.examples().nearest({"gia", "ca", "phe", "hom", "nay"}, 3, 0.1).empty());
    EXPECT_TRUE(lex.examples().nearest({"gia", "ca", "phe", "hom", "nay"}, 3, 0.1, true).empty());
    // Kept in the index's copy.
    const Lexicon back = Lexicon::deserialize(lex.serialize());
    ASSERT_EQ(back.examples().all().size(), 3u);
    EXPECT_EQ(back.examples().all()[1].action, 0);
    EXPECT_EQ(back.examples().all()[0].codes, all[0].codes);
}

// Issue 13, ninth round: a follow-up is written after its earlier question ("earlier ||
// follow-up"): its words are both, as a question asked after another is compared; a set of
// examples can be left out by their words (Lexicon::example_key, leave-set-out evaluation); and
// words no example holds count in a question's length, so a story about something else is not
// close to an example that shares one common word.
TEST(SearchLexicon, AFollowUpExampleHoldsItsEarlierQuestion) {
    const Lexicon lex = Lexicon::parse({{"questions.txt",
                                         "đăng ký hộ kinh doanh || mất bao lâu => 1.001612\n"
                                         "đăng ký kết hôn => 1.000894\n"
                                         "làm lại sổ đỏ bị mất => 1.012786\n"}},
                                       "content/search");
    const auto& all = lex.examples().all();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].words, "dang ky ho kinh doanh mat bao lau");
    EXPECT_EQ(lex.example_key("Đăng ký hộ kinh doanh || mất bao lâu?"), all[0].words);
    const std::vector<std::string> asked = {"dang",  "ky",  "ho",  "kinh",
                                            "doanh", "mat", "bao", "lau"};
    ASSERT_FALSE(lex.examples().nearest(asked, 3, 0.1).empty());
    EXPECT_EQ(lex.examples().nearest(asked, 3, 0.1)[0].example, 0u);
    const std::unordered_set<std::string> left_out = {all[0].words};
    for (const auto& n : lex.examples().nearest(asked, 3, 0.0, false, &left_out))
        EXPECT_NE(n.example, 0u);
    // "đăng ký" alone is close to "đăng ký kết hôn"; with many words no example holds, much less.
    const auto few = lex.examples().nearest({"ket", "hon"}, 1, 0.0);
    const auto story = lex.examples().nearest(
        {"ket", "hon", "xong", "muon", "mua", "may", "cay", "ca", "phe", "giong"}, 1, 0.0);
    ASSERT_FALSE(few.empty());
    ASSERT_FALSE(story.empty());
    EXPECT_LT(story[0].similarity, 0.5 * few[0].similarity);
}

TEST(SearchLexicon, AMalformedExampleQuestionNamesItsLine) {
    auto error_of = [](const std::string& text) {
        try {
            Lexicon::parse({{"questions.txt", text}}, "content/search");
        } catch (const xasite::InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(
        error_of("ok => 1.000656\nno arrow here\n").rfind("content/search/questions.txt:2:", 0),
        0u);
    EXPECT_NE(error_of("làm khai sinh => khai sinh\n")
                  .find("questions.txt:1: \"khai\" is no procedure code"),
              std::string::npos);
    EXPECT_NE(error_of("\n\n => 1.000656\n").find("questions.txt:3: a line without a question"),
              std::string::npos);
    EXPECT_NE(error_of("khai sinh =>   \n").find("questions.txt:1: no procedure code"),
              std::string::npos);
    EXPECT_EQ(error_of("khai sinh => 1.001193 # a comment\n"), "");
}

TEST(SearchLexicon, TheBuiltInExampleQuestionsNameCataloguedProceduresOnly) {
    // content/search/questions.txt: every code is a procedure of content/procedures.
    const auto dir = xasite::testing::source_dir() / "content" / "procedures";
    const Lexicon& lex = Lexicon::builtin();
    ASSERT_GE(lex.examples().all().size(), 900u);
    std::size_t outside = 0;
    for (const auto& e : lex.examples().all()) {
        outside += e.codes.empty();
        for (const auto& code : e.codes)
            EXPECT_TRUE(std::filesystem::exists(dir / (code + ".json"))) << e.words << " " << code;
    }
    EXPECT_GE(outside, 100u);
}
