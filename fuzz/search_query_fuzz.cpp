// Fuzz target: a search query, as typed into /api/search or `xasite search`. Any input must give
// results or a SearchError (bad request), never a crash, hang, Xapian exception or sanitizer
// report. The same bytes also go through the text primitives, the snippet builder and the
// lexicon parser (as a synonyms file, and as each issue-13 file: events, actions, follow-up
// words, everyday words, example questions), which see user or staff input too; and it is an
// earlier question (context) of a follow-up.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "search/index.hpp"
#include "search/lexicon.hpp"
#include "search/searcher.hpp"
#include "search/snippet.hpp"
#include "search/vietnamese.hpp"

namespace {

namespace fs = std::filesystem;

// A small index, built once per process and removed at exit.
struct FuzzIndex {
    fs::path dir;
    std::unique_ptr<xasite::search::Searcher> searcher;
    FuzzIndex() {
        std::random_device rd;
        dir = fs::temp_directory_path() / ("xasite-fuzz-search-" + std::to_string(rd()));
        const char* titles[] = {"Thủ tục đăng ký khai sinh",
                                "Thủ tục đăng ký kết hôn",
                                "Cấp lại Giấy chứng nhận do bị mất",
                                "Tách hộ",
                                "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
                                "Đăng ký thường trú",
                                "Ủy ban nhân dân xã Ea Kar"};
        xasite::search::IndexWriter writer(dir / "idx");
        writer.set_units({{"24373", {"xa-ea-kar", "Xã Ea Kar"}}});
        int n = 0;
        for (const char* title : titles) {
            xasite::search::SearchDocument d;
            d.id = "procedure/1.00000" + std::to_string(n);
            d.type = "procedure";
            d.code = "1.00000" + std::to_string(n++);
            d.title = title;
            d.unit_path = "thu-tuc/" + d.code + ".html";
            d.field = n % 2 ? "Hộ tịch" : "Đất đai";
            d.body = std::string(title) + ". Hồ sơ gồm tờ khai, giấy tờ tùy thân; uỷ quyền.";
            writer.add(d);
        }
        writer.finish();
        searcher = std::make_unique<xasite::search::Searcher>(dir / "idx");
    }
    ~FuzzIndex() {
        searcher.reset();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static FuzzIndex index;
    std::string input(reinterpret_cast<const char*>(data), size);
    for (bool partial : {false, true}) {
        xasite::search::SearchRequest request;
        request.query = input;
        request.partial = partial;
        request.unit = size % 3 == 0 ? "24373" : "";
        request.offset = size % 7;
        request.limit = 1 + size % 11;
        try {
            auto response = index.searcher->search(request);
            (void)response;
        } catch (const xasite::search::SearchError&) {
        }
    }
    // The input as an earlier question, with a follow-up that is read together with it.
    try {
        xasite::search::SearchRequest request;
        request.query = "nộp ở đâu";
        request.context = {input};
        (void)index.searcher->search(request);
    } catch (const xasite::search::SearchError&) {
    }
    try {
        index.searcher->suggest(input, "xa-ea-kar");
    } catch (const xasite::search::SearchError&) {
    }
    // Text primitives on arbitrary bytes.
    const std::string clean = xasite::search::clean_text(input.substr(0, 4096));
    for (const auto& token : xasite::search::tokenize(clean, 256)) {
        (void)xasite::search::canonical_tone_placement(token.lower);
        (void)xasite::search::fold_token(token.lower, xasite::search::Lexicon::builtin());
        (void)xasite::search::keyboard_readings(token.lower);
        (void)xasite::search::code_key(token.lower);
    }
    std::set<std::string> words = {"dang", "ki", "khai"};
    xasite::search::MatchedWords matched{words, "ch", xasite::search::Lexicon::builtin()};
    (void)xasite::search::snippet_html(clean, matched, 20);
    try {
        xasite::search::Lexicon::parse({{"synonyms.txt", input}, {"filler.txt", input}}, "fuzz");
    } catch (const xasite::InputError&) {
    }
    // The issue-13 files: life events, actions, follow-up words, everyday words; what parses
    // survives the round trip through the index metadata.
    for (const char* name :
         {"events.txt", "actions.txt", "followup.txt", "words.txt", "questions.txt"}) {
        try {
            auto lex = xasite::search::Lexicon::parse({{name, input}}, "fuzz");
            auto back = xasite::search::Lexicon::deserialize(lex.serialize());
            if (back.events().size() != lex.events().size() ||
                back.actions().size() != lex.actions().size() ||
                back.examples().all().size() != lex.examples().all().size())
                __builtin_trap();
            // Example questions: the input, read as a question, against what was parsed.
            std::vector<std::string> folded;
            for (const auto& token : xasite::search::tokenize(input, 64))
                folded.push_back(token.lower);
            (void)back.examples().nearest(folded, 5, 0.0, true);
        } catch (const xasite::InputError&) {
        }
    }
    return 0;
}
