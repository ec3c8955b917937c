// render_view on a real package: the fixture portal crawled by wget and ingested by
// `xasite archive ingest` (tests/archive/package/portal_crawl_test.cpp leaves it in
// <build>/tests/archive/package/portal-crawl/). The expected text of each page is the one listed in
// tests/fixtures/archive/portal/README.md. Skipped when the crawl test has not run.
#include <gtest/gtest.h>

#include <map>

#include "archive/package/io.hpp"
#include "archive/package/package.hpp"
#include "archive/view/archive_view.hpp"
#include "archive/view/pdf_text.hpp"
#include "core/text.hpp"

namespace xasite::archive {
namespace {

namespace fs = std::filesystem;

TEST(PortalView, CrawledPackageRendersAsDocumented) {
    fs::path content = fs::path(ARCHIVE_PORTAL_CRAWL) / "content";
    if (!fs::exists(content / "archives" / "651"))
        GTEST_SKIP() << "run archive_portal_crawl_test first (no package in " << content << ")";
    auto packages = find_packages(content);
    ASSERT_EQ(packages.size(), 1u);
    const PackageInfo& p = packages[0];
    EXPECT_EQ(p.fixity, "valid");
    ViewOptions o;
    o.prefix = o.landing_href = "luu-tru/huyen-ea-kar/";
    o.search_href = "tra-cuu/";
    std::map<std::string, std::string> files;
    std::map<std::string, ArchivedItem> by_path;  // old path?query → item
    ViewSummary s = render_view(
        p, o, [&](std::string_view f, std::string_view b) { files[std::string(f)] = b; },
        [&](const ArchivedItem& item) {
            auto slash = item.original_url.find('/', item.original_url.find("//") + 2);
            by_path[item.original_url.substr(slash)] = item;
        });
    EXPECT_EQ(s.pages, p.pages);
    auto text_of = [&](const std::string& path) -> std::string {
        auto it = by_path.find(path);
        // The same page captured under both parameter orders is one page, under either URL.
        if (it == by_path.end() && path == "/Default.aspx?tabid=55&ID=102")
            it = by_path.find("/Default.aspx?ID=102&tabid=55");
        if (it == by_path.end()) {
            ADD_FAILURE() << "not indexed: " << path;
            return {};
        }
        EXPECT_TRUE(text::is_nfc(it->second.text)) << path;
        return it->second.title + " | " + it->second.text;
    };
    auto expect_text = [&](const std::string& path, std::initializer_list<const char*> phrases) {
        std::string t = text_of(path);
        for (const char* ph : phrases)
            EXPECT_NE(t.find(ph), std::string::npos) << path << ": " << ph << "\n" << t;
    };
    expect_text("/", {"Ủy ban nhân dân huyện Ea Kar"});
    expect_text("/Default.aspx?tabid=55&ID=101", {"Hội nghị tổng kết năm 2024"});
    expect_text("/Default.aspx?tabid=55&ID=102",
                {"Thông báo số 45/TB-UBND", "về lịch tiếp công dân"});
    expect_text("/tcvn3.htm", {"Uỷ ban nhân dân huyện Ea Kar", "Báo cáo tình hình kinh tế"});
    expect_text("/vni.htm", {"Ủy ban nhân dân huyện Ea Kar", "Kế hoạch năm 2024"});
    expect_text("/nfd.html", {"Ủy ban nhân dân huyện"});
    expect_text("/gzip.html", {"Nội dung được nén gzip."});
    expect_text("/chunked.html", {"Nội dung gửi từng phần."});
    expect_text("/tin-tuc/", {"Tin tức"});
    expect_text("/docs/quyet-dinh-123.pdf",
                {"Số: 123/QĐ-UBND", "QUYẾT ĐỊNH",
                 "Về việc ban hành kế hoạch cải cách hành chính năm 2024"});
    {  // the captured attachment's text straight from poppler; a cut PDF gives a note, no text
        PackageData data = load_package_data(p.dir);
        std::string pdf;
        for (const auto& r : data.records)
            if (!r.payload.empty() && r.url.size() > 24 &&
                r.url.substr(r.url.size() - 24) == "/docs/quyet-dinh-123.pdf")
                pdf = read_small_file(p.dir / r.payload, 16u << 20);
        ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
        PdfText t = extract_pdf_text(pdf);
        EXPECT_EQ(t.pages, 1u);
        EXPECT_NE(t.text.find("QUYẾT ĐỊNH"), std::string::npos) << t.text << t.note;
        EXPECT_NE(t.text.find("Số: 123/QĐ-UBND"), std::string::npos) << t.text;
        PdfText bad = extract_pdf_text(pdf.substr(0, 200));
        EXPECT_TRUE(bad.text.empty());
        EXPECT_FALSE(bad.note.empty());
    }
    // No page of the view runs anything or points at the dead host.
    for (const auto& [name, body] : files) {
        if (name.size() < 5 || name.substr(name.size() - 5) != ".html") continue;
        std::string low = text::lower(body);
        EXPECT_EQ(low.find("<script"), std::string::npos) << name;
        EXPECT_EQ(low.find("javascript:"), std::string::npos) << name;
        EXPECT_EQ(low.find("href=\"http://127.0.0.1"), std::string::npos) << name;
        EXPECT_EQ(low.find("href=\"/"), std::string::npos) << name;
    }
}

}  // namespace
}  // namespace xasite::archive
