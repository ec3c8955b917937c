// Incremental builds (issue 12): a build into an existing site renders and writes only what
// changed, and the result is byte for byte what a clean build of the same content makes — checked
// after random edits of pages, procedure records, templates and contacts, with the search index
// changed in place. A build interrupted halfway is repaired by the next one.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include <xapian.h>

#include "core/error.hpp"
#include "core/files.hpp"
#include "generator/site/build.hpp"
#include "generator/site/manifest.hpp"
#include "generator/site/output.hpp"
#include "search/index.hpp"
#include "search/searcher.hpp"
#include "test_support.hpp"
#include "tiny_content.hpp"

using namespace xasite;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// Every file of a tree (path → bytes). The site's marker names the site's own index generation
// ("index: site.xapian.g-…"), so it, and its line in the outputs list, differ from another
// site's by design; every other byte must be equal.
std::map<std::string, std::string> tree(const fs::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file())
            files[e.path().lexically_relative(root).generic_string()] = read_file(e.path());
    const std::string marker = site::kSiteMarker;
    EXPECT_NE(files[marker].find("index: " + root.filename().string() + ".xapian.g-"),
              std::string::npos);
    files.erase(marker);
    std::string& outputs = files[site::kOutputsFile];
    auto line = outputs.find("\t" + marker + "\n");
    if (line != std::string::npos) {
        auto start = outputs.rfind('\n', line);
        outputs.erase(start == std::string::npos ? 0 : start + 1,
                      line + marker.size() + 2 - (start == std::string::npos ? 0 : start + 1));
    }
    return files;
}

// Every file's modification time (path → ns).
std::map<std::string, long long> mtimes(const fs::path& root) {
    std::map<std::string, long long> out;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) {
            struct stat st {};
            ::stat(e.path().c_str(), &st);
            out[e.path().lexically_relative(root).generic_string()] =
                st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec;
        }
    return out;
}

// The index's documents: id → fingerprint (a hash of every field it was made from).
std::map<std::string, std::string> index_documents(const fs::path& dir) {
    std::map<std::string, std::string> docs;
    Xapian::Database db(dir.string());
    for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
        auto post = db.postlist_begin(*t);
        docs[(*t).substr(1)] = db.get_document(*post).get_value(9);
    }
    EXPECT_EQ(docs.size(), db.get_doccount()) << "every document has one id";
    return docs;
}

std::string first_difference(const std::map<std::string, std::string>& a,
                             const std::map<std::string, std::string>& b) {
    for (const auto& [path, bytes] : a) {
        auto it = b.find(path);
        if (it == b.end()) return "only in the incremental build: " + path;
        if (it->second != bytes) return "differs: " + path;
    }
    for (const auto& [path, bytes] : b)
        if (!a.count(path)) return "only in the clean build: " + path;
    return "";
}

// Three units of the minimal registry fixture (two built), three real procedure records, news,
// a schedule and a page.
class Incremental : public ::testing::Test {
  protected:
    void SetUp() override {
        content_ = dir_.path() / "content";
        xasite::testing::make_tiny_content(content_, {"1.001193", "1.000080", "1.000094"});
        write(content_ / "units/24169/hop-dan.md",
              "---\ntitle: Họp dân khu phố 3\nsection: tin-tuc\ndate: 2025-08-02\n---\nNội "
              "dung.\n");
        write(content_ / "units/24169/lich-tuan-32.md",
              "---\ntitle: Lịch công tác tuần 32\nsection: lich-cong-tac\ndate: 2025-08-04\n---\n"
              "Thứ Hai: giao ban.\n");
        write(content_ / "units/24352/nuoc-sach.md",
              "---\ntitle: Cấp nước sạch thôn 2\nsection: tin-tuc\ndate: 2025-08-01\n---\nĐã "
              "xong.\n");
    }
    site::BuildSummary build(const fs::path& out, bool incremental = true) {
        site::BuildOptions o;
        o.content_dir = content_;
        o.out_dir = out;
        o.units = {"24169", "24352"};
        o.quiet = true;
        o.background_cleanup = false;
        o.search_index = true;
        o.incremental = incremental;
        // nginx.conf names the output's absolute path: one path for the sites compared.
        o.nginx_root = "/srv/xasite/site";
        return site::build_site(o);
    }
    // A clean build of the content as it is now, compared with the incremental site.
    void expect_same_as_clean(const std::string& what) {
        const fs::path clean = dir_.path() / "clean";
        fs::remove_all(clean);
        fs::remove_all(search::index_path_for(clean));
        build(clean, false);
        EXPECT_EQ(first_difference(tree(site_), tree(clean)), "") << "after " << what;
        EXPECT_EQ(index_documents(search::index_path_for(site_)),
                  index_documents(search::index_path_for(clean)))
            << "search index after " << what;
    }
    xasite::testing::TempDir dir_;
    fs::path content_;
    fs::path site_ = dir_.path() / "site";
};

TEST_F(Incremental, NoChangeRebuildLoadsAndWritesNothing) {
    auto cold = build(site_);
    EXPECT_EQ(cold.mode, "cold");
    EXPECT_EQ(cold.files_written, cold.files);
    EXPECT_TRUE(fs::exists(site_ / site::kManifestFile));
    EXPECT_TRUE(fs::exists(site_ / site::kOutputsFile));
    auto before = mtimes(site_);
    auto index_before = index_documents(search::index_path_for(site_));

    auto again = build(site_);
    EXPECT_EQ(again.mode, "unchanged");
    EXPECT_EQ(again.files_written, 0u);
    EXPECT_EQ(again.pages, 0u) << "nothing rendered";
    EXPECT_EQ(mtimes(site_), before) << "no file touched";
    EXPECT_EQ(index_documents(search::index_path_for(site_)), index_before);

    // Touching a file without changing it is not a change either (its hash is compared).
    fs::last_write_time(
        content_ / "units/24169/hop-dan.md",
        fs::last_write_time(content_ / "units/24169/hop-dan.md") + std::chrono::seconds(5));
    EXPECT_EQ(build(site_).mode, "unchanged");
    EXPECT_EQ(mtimes(site_), before);

    // The editor keeps content/ in git: its commits are no content change.
    write(content_ / ".git/objects/ab/cdef", "x");
    write(content_ / "units/24169/.git/HEAD", "ref: refs/heads/main\n");
    EXPECT_EQ(build(site_).mode, "unchanged");
}

TEST_F(Incremental, OneCommunePageRewritesOnlyWhatShowsIt) {
    build(site_);
    auto before = mtimes(site_);
    write(content_ / "units/24169/hop-dan.md",
          "---\ntitle: Họp dân khu phố 3 (dời lịch)\nsection: tin-tuc\ndate: "
          "2025-08-02\n---\nDời sang thứ Bảy.\n");
    auto s = build(site_);
    EXPECT_EQ(s.mode, "units");
    EXPECT_EQ(s.changed_units, std::vector<std::string>{"24169"});
    EXPECT_EQ(s.units, 1u) << "only that commune's site is rendered";
    EXPECT_GT(s.files_written, 0u);
    EXPECT_LT(s.files_written, 40u) << "the page, its lists, feeds and sitemaps — not the site";
    auto after = mtimes(site_);
    std::size_t touched = 0;
    for (const auto& [path, t] : after) {
        if (before.count(path) && before.at(path) == t) continue;
        ++touched;
        EXPECT_TRUE(path.rfind("xa-ea-kao/", 0) != 0) << "another commune's file changed: " << path;
    }
    EXPECT_EQ(touched, s.files_written + 2) << "the outputs list and the manifest besides";
    // A file removed by hand from a site that is rendered again is written again, though the
    // manifest says it holds those bytes.
    fs::remove(site_ / "phuong-ea-kao/lich-cong-tac/index.html");
    write(content_ / "units/24169/hop-dan.md",
          "---\ntitle: Họp dân khu phố 3 (dời lịch)\nsection: tin-tuc\ndate: "
          "2025-08-02\n---\nDời sang thứ Bảy, 8 giờ.\n");
    build(site_);
    EXPECT_TRUE(fs::exists(site_ / "phuong-ea-kao/lich-cong-tac/index.html"));
    expect_same_as_clean("a news item changed");
    // The index knows the new title (replaced in place, by its id).
    search::Searcher searcher(search::index_path_for(site_));
    search::SearchRequest r;
    r.query = "doi lich hop dan";
    auto res = searcher.search(r);
    ASSERT_FALSE(res.results.empty());
    EXPECT_NE(res.results[0].title.find("dời lịch"), std::string::npos) << res.results[0].title;
}

TEST_F(Incremental, RandomEditsGiveWhatACleanBuildGives) {
    build(site_);
    std::mt19937 rng(20251206);  // fixed: a failure is reproducible
    int news = 0;
    // A theme override of the section names that calls "Tin tức" `label`.
    auto rename_news = [](const fs::path& file, const std::string& label) {
        std::string s = read_file(xasite::testing::source_dir() / "templates/sections.json");
        const std::string name = "\"Tin tức\"";
        auto at = s.find(name);
        ASSERT_NE(at, std::string::npos);
        s.replace(at, name.size(), "\"" + label + "\"");
        write(file, s);
    };
    // Every kind of edit twice, in a shuffled order.
    std::vector<int> kinds;
    for (int k = 0; k < 14; ++k)
        kinds.push_back(k % 7);
    std::shuffle(kinds.begin(), kinds.end(), rng);
    for (int round = 0; round < static_cast<int>(kinds.size()); ++round) {
        std::string what;
        switch (kinds[static_cast<std::size_t>(round)]) {
            case 0: {  // add a news item
                ++news;
                std::string code = rng() % 2 ? "24169" : "24352";
                write(content_ / "units" / code / ("tin-" + std::to_string(news) + ".md"),
                      "---\ntitle: Tin số " + std::to_string(news) +
                          "\nsection: tin-tuc\ndate: 2025-08-0" + std::to_string(1 + news % 8) +
                          "\n---\nNội dung tin " + std::to_string(news) + ".\n");
                what = "a news item added to " + code;
                break;
            }
            case 1: {  // change a page's text
                write(content_ / "units/24169/lich-tuan-32.md",
                      "---\ntitle: Lịch công tác tuần 32\nsection: lich-cong-tac\ndate: "
                      "2025-08-04\n---\nThứ Hai: giao ban lần " +
                          std::to_string(round) + ".\n");
                what = "a schedule changed";
                break;
            }
            case 2: {  // delete a page (added again later by case 0 or 1)
                std::vector<fs::path> pages;
                for (const auto& e : fs::recursive_directory_iterator(content_ / "units"))
                    if (e.path().extension() == ".md") pages.push_back(e.path());
                if (pages.empty()) continue;
                fs::path victim = pages[rng() % pages.size()];
                fs::remove(victim);
                what = "page removed: " + victim.filename().string();
                break;
            }
            case 3: {  // change a procedure record
                fs::path p = content_ / "procedures/1.000080.json";
                std::string text = read_file(p);
                auto at = text.find("tại khu vực biên giới");
                if (at == std::string::npos) continue;
                text.insert(at, "(sửa " + std::to_string(round) + ") ");
                write(p, text);
                what = "a procedure record changed";
                break;
            }
            case 4:  // a template of the content tree (every site)
                rename_news(content_ / "templates/sections.json",
                            "Tin tức " + std::to_string(round));
                what = "the theme's section names";
                break;
            case 5:  // one commune's own template
                rename_news(content_ / "units/24352/templates/sections.json",
                            "Bản tin " + std::to_string(round));
                what = "one commune's section names";
                break;
            case 6: {  // remove a procedure record, or put it back
                fs::path p = content_ / "procedures/1.000094.json";
                if (fs::exists(p)) {
                    fs::remove(p);
                    what = "a procedure record removed";
                } else {
                    fs::copy_file(xasite::testing::content_dir() / "procedures/1.000094.json", p);
                    what = "a procedure record added";
                }
                break;
            }
        }
        auto s = build(site_);
        EXPECT_NE(s.mode, "cold") << what;
        EXPECT_NE(s.mode, "unchanged") << what;
        EXPECT_GT(s.files_written, 0u) << what;
        expect_same_as_clean(what);
        if (HasFailure()) break;
    }
}

TEST_F(Incremental, AnInterruptedBuildIsRepairedByTheNext) {
    build(site_);
    write(content_ / "procedures/1.000080.json", [&] {
        std::string t = read_file(content_ / "procedures/1.000080.json");
        t.replace(t.find("tại khu vực biên giới"), 5, "TẠI");
        return t;
    }());
    // The build stops after a few files were replaced (a crash, a full disk).
    static int writes = 0;
    writes = 0;
    site::OutputDir::fault_hook = [](const char* step) {
        if (std::string(step) == "replaced" && ++writes == 5)
            throw std::runtime_error("injected fault");
    };
    EXPECT_THROW(build(site_), std::runtime_error);
    site::OutputDir::fault_hook = nullptr;
    EXPECT_TRUE(fs::exists(site_ / site::kIncompleteFile)) << "the site says it is half-changed";
    // A stray file a killed build could have left (its manifest never listed it).
    write(site_ / "xa-ea-kao/tin-tuc/khong-con/index.html", "<p>cũ</p>");

    auto s = build(site_);
    EXPECT_EQ(s.mode, "everything");
    EXPECT_NE(s.reason.find("interrupted"), std::string::npos) << s.reason;
    EXPECT_FALSE(fs::exists(site_ / site::kIncompleteFile));
    EXPECT_FALSE(fs::exists(site_ / "xa-ea-kao/tin-tuc/khong-con/index.html"));
    expect_same_as_clean("an interrupted build");
    EXPECT_EQ(build(site_).mode, "unchanged");
}

// A cold build writes its index as a new generation and the new site's marker names it, so the
// exchange of the site is the one step that changes both: killed before it, the old site with the
// old index; killed right after it, the new site with the new index. The next build sweeps the
// generation nobody names and points "<out>.xapian" at the right one.
TEST_F(Incremental, ASiteAndItsIndexChangeInOneStep) {
    build(site_, false);
    const fs::path link = search::legacy_index_path_for(site_);
    ASSERT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(fs::canonical(link), fs::canonical(search::index_path_for(site_)));
    const std::string news = "phuong-ea-kao/tin-tuc/hop-dan/index.html";
    auto top_title = [&](const std::string& q) {
        search::Searcher searcher([&] { return search::index_path_for(site_); });
        search::SearchRequest r;
        r.query = q;
        auto res = searcher.search(r);
        return res.results.empty() ? std::string() : res.results[0].title;
    };
    auto generations = [&] {
        std::size_t n = 0;
        for (const auto& e : fs::directory_iterator(dir_.path()))
            n += e.path().filename().string().rfind("site.xapian.g-", 0) == 0;
        return n;
    };
    write(content_ / "units/24169/hop-dan.md",
          "---\ntitle: Họp dân về nước sạch\nsection: tin-tuc\ndate: 2025-08-02\n---\nx\n");
    for (const char* step : {"swapping", "exchanged"}) {
        static std::string fault;
        fault = step;
        site::OutputDir::fault_hook = [](const char* s) {
            if (fault == s) throw std::runtime_error("injected fault");
        };
        EXPECT_THROW(build(site_, false), std::runtime_error) << step;
        site::OutputDir::fault_hook = nullptr;
        const bool swapped = fault == "exchanged";
        EXPECT_EQ(read_file(site_ / news).find("nước sạch") != std::string::npos, swapped) << step;
        EXPECT_EQ(top_title("nuoc sach hop dan").find("nước sạch") != std::string::npos, swapped)
            << step << ": the index the site names is " << (swapped ? "new" : "old");
        EXPECT_TRUE(fs::is_directory(search::index_path_for(site_))) << step;
    }
    EXPECT_GE(generations(), 2u);
    EXPECT_EQ(build(site_).mode, "unchanged");
    EXPECT_EQ(generations(), 1u) << "the sweep keeps only the index the site names";
    EXPECT_EQ(fs::canonical(link), fs::canonical(search::index_path_for(site_)));
}

TEST_F(Incremental, ABadEditStopsBeforeAnythingIsWritten) {
    build(site_);
    auto before = mtimes(site_);
    write(content_ / "units/24169/hong.md", "---\ntitle: Hỏng\nsection: khong-co\n---\nx\n");
    EXPECT_THROW(build(site_), InputError);
    EXPECT_EQ(mtimes(site_), before);
    EXPECT_FALSE(fs::exists(site_ / site::kIncompleteFile));
    fs::remove(content_ / "units/24169/hong.md");
    EXPECT_EQ(build(site_).mode, "unchanged");
}

// `xasite preview` builds drafts (BuildOptions::drafts); a published build never does, and going
// from one to the other is a change of options (everything rendered again).
TEST_F(Incremental, DraftsAreBuiltOnlyForThePreview) {
    write(content_ / "units/24169/nhap.md",
          "---\ntitle: Bản nháp thông báo\nsection: tin-tuc\ndate: 2025-08-03\ndraft: "
          "true\n---\nChưa đăng.\n");
    const std::string page = "phuong-ea-kao/tin-tuc/nhap/index.html";
    build(site_);
    EXPECT_FALSE(fs::exists(site_ / page));
    site::BuildOptions o;
    o.content_dir = content_;
    o.out_dir = site_;
    o.units = {"24169", "24352"};
    o.quiet = true;
    o.drafts = true;
    auto s = site::build_site(o);
    EXPECT_EQ(s.mode, "everything") << "the options changed";
    EXPECT_TRUE(fs::exists(site_ / page));
    EXPECT_EQ(build(site_).mode, "everything");
    EXPECT_FALSE(fs::exists(site_ / page)) << "a published build drops the draft again";
}

TEST(BuildManifest, PlanNamesWhatChangedAndItsScope) {
    site::BuildManifest a;
    a.tool = "x";
    a.inputs["units/24169/a.md"] = {1, 1, 1, "aa"};
    a.inputs["units/24169/unit.json"] = {1, 1, 1, "bb"};
    a.inputs["procedures/1.json"] = {1, 1, 1, "cc"};
    site::BuildManifest b = a;
    EXPECT_EQ(site::plan_changes(a, b).scope, site::ChangePlan::Scope::nothing);
    b.inputs["units/24169/a.md"].sha256 = "zz";
    b.inputs["units/24352/new.md"] = {1, 1, 1, "dd"};
    auto p = site::plan_changes(a, b);
    EXPECT_EQ(p.scope, site::ChangePlan::Scope::units);
    EXPECT_EQ(p.units, (std::set<std::string>{"24169", "24352"}));
    EXPECT_EQ(p.changed.size(), 2u);
    b.inputs["units/24169/unit.json"].sha256 = "yy";  // contacts: listed by every commune
    EXPECT_EQ(site::plan_changes(a, b).scope, site::ChangePlan::Scope::everything);
    site::BuildManifest c = a;
    c.inputs.erase("procedures/1.json");
    p = site::plan_changes(a, c);
    EXPECT_EQ(p.scope, site::ChangePlan::Scope::everything);
    EXPECT_NE(p.reason.find("procedures/1.json"), std::string::npos);
    site::BuildManifest d = a;
    d.tool = "y";
    EXPECT_EQ(site::plan_changes(a, d).scope, site::ChangePlan::Scope::everything);
    // Same bytes, new time: not a change.
    site::BuildManifest e = a;
    e.inputs["procedures/1.json"].mtime_ns = 99;
    EXPECT_EQ(site::plan_changes(a, e).scope, site::ChangePlan::Scope::nothing);
}

TEST(BuildManifest, DamagedManifestMeansAColdBuild) {
    xasite::testing::TempDir dir;
    write(dir.path() / site::kManifestFile, "{\"format\": 1, \"tool\": ");
    EXPECT_FALSE(site::read_manifest(dir.path()).has_value());
    write(dir.path() / site::kOutputsFile, "zz\tnot a number\tx\n");
    EXPECT_TRUE(site::read_outputs(dir.path()).empty());
    site::OutputStamps o{{"a/b.html", {0x1234abcdULL, 7}}, {"c.txt", {1, 0}}};
    write(dir.path() / site::kOutputsFile, site::outputs_text(o));
    EXPECT_EQ(site::read_outputs(dir.path()), o);
}

}  // namespace
