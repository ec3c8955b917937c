// The index: writer contract, the terms and values of a document, metadata, size, a rebuilt
// index picked up without a restart, concurrent searches.
#include "search/index.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "search/analyzer.hpp"
#include "search/index_layout.hpp"
#include "search/lexicon.hpp"
#include "search/searcher.hpp"
#include "search/snapshot.hpp"
#include "search_fixture.hpp"
#include "test_support.hpp"

using namespace xasite;
namespace fs = std::filesystem;

namespace {

bool has_term(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term;
}

}  // namespace

TEST(SearchIndex, IndexPathIsBesideTheSite) {
    EXPECT_EQ(search::index_path_for("site"), fs::path("site.xapian"));
    EXPECT_EQ(search::index_path_for("out/site/"), fs::path("out/site.xapian"));
}

TEST(SearchIndex, WriterRefusesAnExistingDirectoryAndCompactsOnFinish) {
    xasite::testing::TempDir dir;
    fs::create_directories(dir / "exists");
    EXPECT_THROW(search::IndexWriter(dir / "exists"), std::runtime_error);
    {
        search::IndexWriter writer(dir / "idx");
        writer.set_units({{"24373", {"xa-ea-kar", "Xã Ea Kar"}}});
        writer.add(xasite::testing::page("a", "Giới thiệu", "Xã Ea Kar."));
        writer.add(xasite::testing::page("a", "Giới thiệu mới", "Xã Ea Kar."));  // same id
        EXPECT_EQ(writer.count(), 2u);
        writer.finish();
        writer.finish();  // idempotent
        EXPECT_THROW(writer.add(xasite::testing::page("b", "B", "")), std::logic_error);
    }
    Xapian::Database db((dir / "idx").string());
    EXPECT_EQ(db.get_doccount(), 1u);  // replaced, not duplicated
    EXPECT_EQ(db.get_metadata(std::string(search::layout::kMetaFormat)), "1");
    EXPECT_NE(db.get_metadata(std::string(search::layout::kMetaUnits)).find("xa-ea-kar"),
              std::string::npos);
    // Nothing left beside it.
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(dir.path())) {
        (void)e;
        ++entries;
    }
    EXPECT_EQ(entries, 2u);  // "exists" and "idx"
    search::IndexWriter abandoned(dir / "abandoned");
    abandoned.add(xasite::testing::page("c", "C", ""));
}

TEST(SearchIndex, DocumentTermsValuesAndData) {
    search::SearchDocument d = xasite::testing::real_procedure_documents().front();
    for (const auto& p : xasite::testing::real_procedure_documents())
        if (p.code == "1.001193") d = p;
    ASSERT_EQ(d.code, "1.001193");
    d.units = {"24373"};
    d.levels = {"commune"};
    d.boundary_free = true;
    Xapian::Document doc = search::analyze(d, search::Lexicon::builtin());
    for (const char* term : {"dang", "ki", "khai", "sinh", "Sdang", "Ski", "Tdang_ki", "Tkhai_sinh",
                             "Bki_khai", "Eđăng", "Eký"})
        EXPECT_TRUE(has_term(doc, term)) << term;
    EXPECT_TRUE(has_term(doc, "Kho"));  // field "Hộ tịch"
    EXPECT_TRUE(has_term(doc, "XC1.001193"));
    EXPECT_TRUE(has_term(doc, "Qprocedure/1.001193"));
    EXPECT_TRUE(has_term(doc, "XTprocedure"));
    EXPECT_TRUE(has_term(doc, "XFho tich"));
    EXPECT_TRUE(has_term(doc, "XU24373"));
    EXPECT_FALSE(has_term(doc, "XU*"));
    EXPECT_TRUE(has_term(doc, "XLcommune"));
    EXPECT_TRUE(has_term(doc, "XB1"));
    EXPECT_EQ(doc.get_value(search::layout::kSlotField), "Hộ tịch");
    EXPECT_EQ(doc.get_value(search::layout::kSlotType), "procedure");
    EXPECT_EQ(doc.get_value(search::layout::kSlotFoldedTitle), "thu tuc dang ki khai sinh");
    // Positions: the title starts at 1, later fields after a gap.
    auto pos = doc.termlist_begin();
    pos.skip_to("dang");
    ASSERT_NE(pos.positionlist_begin(), pos.positionlist_end());
    EXPECT_EQ(*pos.positionlist_begin(), 3u);
    auto stored = search::decode_stored(doc.get_data());
    EXPECT_EQ(stored.title, "Thủ tục đăng ký khai sinh");
    EXPECT_EQ(stored.unit_path, "thu-tuc/1.001193.html");
    EXPECT_FALSE(stored.excerpt.empty());
    EXPECT_LE(stored.excerpt.size(), search::kExcerptBytes);
    // Empty units: every unit.
    d.units.clear();
    EXPECT_TRUE(has_term(search::analyze(d, search::Lexicon::builtin()), "XU*"));
}

TEST(SearchIndex, QualifiersInParenthesesAreNotPartOfTheName) {
    // "Gia hạn giấy phép xây dựng … cấp III, cấp IV (công trình không theo tuyến/…)": the
    // parenthesis qualifies the name. It is searchable, but the folded title (coverage, actions,
    // families) and the title's brevity are the name's own.
    const auto& lexicon = search::Lexicon::builtin();
    EXPECT_EQ(search::fold_title("Đính chính Giấy chứng nhận đã cấp (cấp xã)", lexicon),
              "dinh chinh giay chung nhan da cap");
    EXPECT_EQ(search::fold_title("Hỗ trợ (trâu, bò) và (ngựa)", lexicon), "ho tro va");
    EXPECT_EQ(search::fold_title("Cấp (lại) giấy phép (x", lexicon), "cap giay phep");
    // Nothing outside parentheses: the whole title.
    EXPECT_EQ(search::fold_title("(Cấp xã)", lexicon), "cap xa");
    EXPECT_EQ(search::fold_title("a) b) c", lexicon), "a b c");
    search::SearchDocument short_name = xasite::testing::page("a", "Cấp lại giấy phép", "");
    search::SearchDocument qualified = xasite::testing::page(
        "b", "Cấp lại giấy phép (công trình không theo tuyến, theo tuyến trong đô thị, tín ngưỡng)",
        "");
    Xapian::Document a = search::analyze(short_name, lexicon);
    Xapian::Document b = search::analyze(qualified, lexicon);
    EXPECT_EQ(b.get_value(search::layout::kSlotFoldedTitle), "cap lai giay phep");
    EXPECT_TRUE(has_term(b, "Stuyen"));  // still found by its qualifier
    auto wdf = [](const Xapian::Document& doc, const std::string& term) {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0u;
    };
    EXPECT_EQ(wdf(a, "Sphep"), wdf(b, "Sphep"));
    EXPECT_GT(wdf(b, "Sphep"), 0u);
}

TEST(SearchIndex, CompactedSizePerDocumentIsSmall) {
    std::uintmax_t bytes = 0;
    for (const auto& e : fs::directory_iterator(xasite::testing::shared_index()))
        if (e.is_regular_file()) bytes += e.file_size();
    Xapian::Database db(xasite::testing::shared_index().string());
    // The word lists and example questions (Lexicon::serialize) are stored once per index, not
    // per document: counted apart, with their own bound.
    const std::size_t lexicon = db.get_metadata(std::string(search::layout::kMetaLexicon)).size();
    const double per_doc =
        static_cast<double>(bytes - std::min<std::uintmax_t>(bytes, lexicon)) / db.get_doccount();
    std::cout << "index: " << db.get_doccount() << " documents, " << bytes << " bytes, of which "
              << lexicon << " the lexicon; " << per_doc / 1024.0 << " KB/document besides\n";
    EXPECT_LT(per_doc, 4 * 1024.0);
    EXPECT_LT(lexicon, 3u * 1024 * 1024);  // 2.4 MiB in the twelfth round of issue 13
    EXPECT_TRUE(db.has_positions());
}

TEST(SearchIndex, RebuiltIndexIsPickedUpWithoutRestart) {
    xasite::testing::TempDir dir;
    const fs::path live = dir / "site.xapian";
    xasite::testing::build_small_index(live, {xasite::testing::page("a", "Lịch tiếp dân", "")});
    search::Searcher searcher(live, std::chrono::milliseconds(0));
    search::SearchRequest r;
    r.query = "lich tiep dan";
    EXPECT_EQ(searcher.search(r).total, 1u);
    r.query = "kế hoạch";
    EXPECT_EQ(searcher.search(r).total, 0u);
    // The build writes a new index and swaps it in.
    xasite::testing::build_small_index(dir / "new.xapian",
                                       {xasite::testing::page("b", "Kế hoạch năm 2026", "")});
    fs::rename(live, dir / "old.xapian");
    fs::rename(dir / "new.xapian", live);
    fs::remove_all(dir / "old.xapian");
    EXPECT_EQ(searcher.search(r).total, 1u);
    // A missing index while swapping: the last one keeps serving.
    fs::rename(live, dir / "away.xapian");
    EXPECT_EQ(searcher.search(r).total, 1u);
    fs::rename(dir / "away.xapian", live);
    // No index at all: unavailable, not a crash.
    search::Searcher none(dir / "none.xapian");
    EXPECT_THROW(none.search(r), search::SearchError);
}

TEST(SearchIndex, ConcurrentSearchesWhileTheIndexIsSwapped) {
    xasite::testing::TempDir dir;
    const fs::path live = dir / "site.xapian";
    xasite::testing::build_small_index(live, {xasite::testing::page("a", "Lịch tiếp dân", "")});
    search::Searcher searcher(live, std::chrono::milliseconds(0));
    {
        // Open before the swaps start, as serve does at start-up: a searcher that has never
        // opened an index has nothing to fall back on while the (two-rename) swap is half done.
        search::SearchRequest first;
        first.query = "lich tiep dan";
        ASSERT_EQ(searcher.search(first).total, 1u);
    }
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0}, done{0};
    std::mutex first_mutex;
    std::string first_failure;
    auto record = [&](const std::string& what) {
        ++failures;
        std::lock_guard<std::mutex> lock(first_mutex);
        if (first_failure.empty()) first_failure = what;
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t)
        threads.emplace_back([&] {
            search::SearchRequest r;
            r.query = "lich tiep dan";
            while (!stop) {
                try {
                    const auto total = searcher.search(r).total;
                    if (total != 1) record("total " + std::to_string(total));
                } catch (const std::exception& e) {
                    record(e.what());
                }
                ++done;
            }
        });
    for (int round = 0; round < 3; ++round) {
        xasite::testing::build_small_index(
            dir / "new.xapian",
            {xasite::testing::page("a", "Lịch tiếp dân " + std::to_string(round), "")});
        fs::rename(live, dir / "old.xapian");
        fs::rename(dir / "new.xapian", live);
        fs::remove_all(dir / "old.xapian");
    }
    while (done < 200)
        std::this_thread::yield();
    stop = true;
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(failures, 0) << first_failure;
}

TEST(SearchIndex, WriterAcceptsDocumentsFromSeveralThreads) {
    xasite::testing::TempDir dir;
    search::IndexWriter writer(dir / "idx");
    const auto& docs = xasite::testing::real_procedure_documents();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (std::size_t k = static_cast<std::size_t>(t); k < 200; k += 4)
                writer.add(docs[k]);
        });
    for (auto& t : threads)
        t.join();
    writer.finish();
    EXPECT_EQ(Xapian::Database((dir / "idx").string()).get_doccount(), 200u);
}
