#include "generator/check/link_checker.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using xasite::check::check_site;
using xasite::check::Report;
using xasite::check::run_check;
using xasite::testing::TempDir;
using Strings = std::vector<std::string>;

namespace {

void write(const fs::path& file, const std::string& data) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << data;
    ASSERT_TRUE(out.good()) << file;
}

// A page with every basic in place around `body`.
std::string page(const std::string& body, const std::string& title = "Trang") {
    return "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" + title +
           "</title></head>\n<body>\n" + body + "\n</body></html>\n";
}

Strings lines(const Report& r) {
    Strings out;
    for (const auto& p : r.problems)
        out.push_back(p.page.generic_string() + ": " + p.kind + ": " + p.detail);
    return out;
}

// The good site: three pages, assets, a directory link, root-relative links, fragments within
// and across pages, a percent-encoded Vietnamese path, query strings and external links.
void write_good_site(const fs::path& root) {
    write(root / "index.html", page(R"html(
<link rel="stylesheet" href="assets/site.css">
<link rel="canonical" href="https://xa-a.daklak.gov.vn/">
<a href="#noi-dung">Bỏ qua</a>
<a href="lien-he/">Liên hệ</a>
<a href="/lien-he/index.html#dia-chi">Địa chỉ</a>
<a href="thu-tuc/%C4%91%E1%BA%A5t/index.html">Đất đai</a>
<main id="noi-dung">
<img src="assets/logo.png" srcset="assets/logo.png 1x, assets/logo@2x.png 2x" alt="">
<a href="https://dichvucong.gov.vn/">DVC</a> <a href="mailto:ubnd@xa-a.vn">Thư</a>
<a href="tel:+842623000000">Gọi</a> <a href="javascript:void(0)">JS</a>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""> <a>no href</a> <a href="">empty</a>
<script src="//cdn.example.com/x.js"></script>
</main>
<script src="assets/site.js?v=3"></script>)html",
                                    "Xã A"));
    write(root / "lien-he/index.html", page(R"(
<link rel="stylesheet" href="../assets/site.css">
<a href="../">Trang chủ</a>
<a href="/thu-tuc/%C4%91%E1%BA%A5t/">Đất đai</a>
<a href="../index.html#noi-dung">Nội dung</a>
<address id="dia-chi">Thôn 1</address>)"));
    write(root / "thu-tuc/đất/index.html", page(R"(
<a href="../../index.html">Trang chủ</a>
<a href="../../lien-he/?tab=2#dia-chi">Liên hệ</a>
<a href="#">Lên đầu</a>
<a href="#muc-1">Mục 1</a> <a name="muc-1"></a>
<video poster="/assets/logo.png"></video>)"));
    write(root / "assets/site.css", "body{}");
    write(root / "assets/site.js", "");
    write(root / "assets/logo.png", "png");
    write(root / "assets/logo@2x.png", "png");
    write(root / "robots.txt", "User-agent: *\n");
    write(root / "sitemap.xml", "<urlset/>");
}

constexpr std::size_t kGoodPages = 3;
constexpr std::size_t kGoodLinks = 9 + 4 + 5;

}  // namespace

TEST(CheckSite, GoodSiteHasNoProblems) {
    TempDir dir;
    write_good_site(dir.path());
    Report r = check_site(dir.path(), 2);
    EXPECT_EQ(r.pages, kGoodPages);
    EXPECT_EQ(r.links, kGoodLinks);
    EXPECT_EQ(lines(r), Strings{});
}

TEST(CheckSite, EachProblemKind) {
    TempDir dir;
    const fs::path& root = dir.path();
    const std::string escape_to_self = "../" + root.filename().string() + "/index.html";
    write(root / "index.html", page(R"(
<a href="missing.html">relative</a>
<a href="/nowhere/">root-relative</a>
<a href="../../../../../../../../etc/passwd">escapes to a file that exists</a>
<a href=")" + escape_to_self + R"(">escapes, though the same file on disk</a>
<a href="other.html#khong-co">missing anchor</a>
<a href="other.html#co">fine</a>
<a href="other.html?x=1#co">query ignored</a>
<img src="assets/a.png?v=1" srcset="assets/a.png 1x, assets/missing.png 2x" alt="">
<a href="assets/">a directory without index.html</a>
<a href="missing.html">the same broken link again</a>
<a href="https://example.com/missing.html">external</a>
<a href="//example.com/missing.html">protocol-relative</a>)"));
    write(root / "other.html", page("<h2 id=\"co\">Có</h2>"));
    write(root / "no-lang.html",
          "<!doctype html><html><head><meta charset=utf-8><title>T</title></head></html>");
    write(root / "no-charset.html", "<!doctype html><html lang=vi><head><title>T</title></html>");
    write(root / "empty-title.html",
          "<!doctype html><html lang=vi><head><meta charset=utf-8><title>  </title></html>");
    write(root / "assets/a.png", "png");

    Report r = check_site(root);
    EXPECT_EQ(r.pages, 5u);
    EXPECT_EQ(r.links, 12u);
    EXPECT_EQ(lines(r), (Strings{
                            "empty-title.html: missing-title: <title> is empty",
                            "index.html: broken-anchor: other.html#khong-co",
                            "index.html: broken-link: ../../../../../../../../etc/passwd",
                            "index.html: broken-link: " + escape_to_self,
                            "index.html: broken-link: /nowhere/",
                            "index.html: broken-link: assets/",
                            "index.html: broken-link: assets/missing.png",
                            "index.html: broken-link: missing.html",
                            "no-charset.html: missing-charset: no <meta charset=\"utf-8\">",
                            "no-lang.html: missing-lang: <html> has no lang attribute",
                        }));
}

TEST(CheckSite, WrongCharsetEmptyLangAndNoTitle) {
    TempDir dir;
    write(dir / "a.html",
          "<html lang=''><head><meta http-equiv='Content-Type' "
          "content='text/html; charset=windows-1258'></head></html>");
    write(dir / "b.html",
          "<html lang=vi><meta http-equiv=content-type content='text/html; "
          "charset=UTF-8'><title>B</title>");
    Report r = check_site(dir.path());
    EXPECT_EQ(lines(r), (Strings{
                            "a.html: missing-charset: charset is \"windows-1258\", not utf-8",
                            "a.html: missing-lang: <html lang> is empty",
                            "a.html: missing-title: no <title>",
                        }));
}

TEST(CheckSite, AnchorsResolveAgainstTheTargetPageOnly) {
    TempDir dir;
    // Both pages offer "chung"; only b.html offers "rieng". Ids percent-encoded in the link match.
    write(dir / "a.html", page(R"(<p id="chung"></p>
<a href="b.html#rieng">ok</a> <a href="#rieng">not here</a> <a href="#chung">ok</a>
<a href="b.html#M%E1%BB%A5c">encoded ok</a> <a href="b.html#top">top always exists</a>
<a href="sub/#x">directory target</a> <a href="sub/#y">missing in sub/index.html</a>
<a href="doc.pdf#page=2">not HTML: fragment not checked</a>)"));
    write(dir / "b.html", page(R"(<p id="chung"></p><p id="rieng"></p><h2 id="Mục"></h2>)"));
    write(dir / "sub/index.html", page(R"(<p id="x"></p>)"));
    write(dir / "doc.pdf", "%PDF");
    Report r = check_site(dir.path());
    EXPECT_EQ(r.links, 8u);
    EXPECT_EQ(lines(r), (Strings{
                            "a.html: broken-anchor: #rieng",
                            "a.html: broken-anchor: sub/#y",
                        }));
}

TEST(CheckSite, MalformedPagesAreReportedNotFatal) {
    TempDir dir;
    write(dir / "unclosed.html",
          "<html lang=vi><head><meta charset=utf-8><title>T</title><body><div><p>"
          "<a href='ok.html'>unclosed <div><table><tr><td><a href='gone.html'>x");
    write(dir / "ok.html", page("fine"));
    write(dir / "empty.html", "");
    std::string garbage;
    for (int i = 0; i < 4096; ++i)
        garbage += static_cast<char>((i * 37 + 11) & 0xFF);
    write(dir / "garbage.html", garbage);
    write(dir / "bad-utf8.html", page("Xã\nbad \xFF byte"));
    std::string deep = "<html lang=vi><meta charset=utf-8><title>Deep</title>";
    for (int i = 0; i < 2000; ++i)
        deep += "<div>";
    write(dir / "deep.html", deep + "<a href='nowhere.html'>x</a>");

    Report r = check_site(dir.path());
    EXPECT_EQ(r.pages, 6u);
    EXPECT_EQ(r.links, 3u);
    EXPECT_EQ(lines(r), (Strings{
                            "bad-utf8.html: invalid-utf8: invalid UTF-8 at line 5, column 5",
                            "deep.html: broken-link: nowhere.html",
                            "empty.html: missing-charset: no <meta charset=\"utf-8\">",
                            "empty.html: missing-lang: <html> has no lang attribute",
                            "empty.html: missing-title: no <title>",
                            "garbage.html: invalid-utf8: invalid UTF-8 at line 1, column 5",
                            "garbage.html: missing-charset: no <meta charset=\"utf-8\">",
                            "garbage.html: missing-lang: <html> has no lang attribute",
                            "garbage.html: missing-title: no <title>",
                            "unclosed.html: broken-link: gone.html",
                        }));
}

TEST(CheckSite, UnreadablePageIsAProblem) {
    if (geteuid() == 0) GTEST_SKIP() << "root can read a mode-000 file";
    TempDir dir;
    write(dir / "secret.html", page("x"));
    fs::permissions(dir / "secret.html", fs::perms::none);
    Report r = check_site(dir.path());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].kind, "unreadable");
    fs::permissions(dir / "secret.html", fs::perms::owner_all);
}

TEST(CheckSite, PagesSortLikePathsAndOnlyHtmlCounts) {
    TempDir dir;
    // "a-b" sorts after "a/…" as a path (component "a" < "a-b"), before it as a plain string.
    write(dir / "a-b.html", "<html lang=vi><meta charset=utf-8><title></title>");
    write(dir / "a/z.html", "<html lang=vi><meta charset=utf-8><title></title>");
    write(dir / "a/notes.htm", "<p>not checked");
    write(dir / "a/style.css", "<p>not checked");
    Report r = check_site(dir.path());
    EXPECT_EQ(r.pages, 2u);
    EXPECT_EQ(lines(r), (Strings{
                            "a/z.html: missing-title: <title> is empty",
                            "a-b.html: missing-title: <title> is empty",
                        }));
}

TEST(CheckSite, SameResultWithOneThreadOrMany) {
    TempDir dir;
    // 300 pages in 30 sections, each linking to its neighbours with anchors, some broken.
    for (int s = 0; s < 30; ++s) {
        for (int p = 0; p < 10; ++p) {
            int next = (s * 10 + p + 1) % 300;
            std::string body = "<h2 id=\"p" + std::to_string(p) + "\"></h2>";
            body += "<a href=\"/s" + std::to_string(next / 10) + "/p" + std::to_string(next % 10) +
                    "/#p" + std::to_string(next % 10) + "\">next</a>";
            if (p == 3)
                body += "<a href=\"../p" + std::to_string(p) + "/#nope\">self, missing anchor</a>";
            if (p == 7) body += "<a href=\"../p99/\">missing page</a>";
            write(dir / ("s" + std::to_string(s)) / ("p" + std::to_string(p)) / "index.html",
                  page(body));
        }
    }
    Report one = check_site(dir.path(), 1);
    Report many = check_site(dir.path(), 8);
    EXPECT_EQ(one.pages, 300u);
    EXPECT_EQ(one.links, 300u + 30u + 30u);
    EXPECT_EQ(one.problems.size(), 60u);
    EXPECT_EQ(lines(one), lines(many));
    EXPECT_EQ(one.links, many.links);
    EXPECT_EQ(lines(one).front(), "s0/p3/index.html: broken-anchor: ../p3/#nope");
}

TEST(CheckSite, MissingDirectoryThrows) {
    TempDir dir;
    EXPECT_THROW(check_site(dir / "nope"), xasite::InputError);
    write(dir / "file.html", page("x"));
    EXPECT_THROW(check_site(dir / "file.html"), xasite::InputError);
}

TEST(RunCheck, PrintsProblemsAndSummaryAndReturnsOne) {
    TempDir dir;
    write(dir / "index.html", page("<a href=\"gone/\">x</a><a href=\"#a\">y</a><p id=a>"));
    write(dir / "b/index.html", "<html><title>B</title><meta charset=utf-8>");
    std::ostringstream out;
    EXPECT_EQ(run_check(dir.path(), 0, out), 1);
    EXPECT_EQ(out.str(),
              "b/index.html: missing-lang: <html> has no lang attribute\n"
              "index.html: broken-link: gone/\n"
              "checked 2 pages, 2 links: 2 problems\n");
}

TEST(RunCheck, GoodSiteReturnsZero) {
    TempDir dir;
    write_good_site(dir.path());
    std::ostringstream out;
    EXPECT_EQ(run_check(dir.path(), 1, out), 0);
    EXPECT_EQ(out.str(), "checked 3 pages, 18 links: 0 problems\n");
}

TEST(RunCheck, EmptySiteHasNothingToReport) {
    TempDir dir;
    std::ostringstream out;
    EXPECT_EQ(run_check(dir.path(), 0, out), 0);
    EXPECT_EQ(out.str(), "checked 0 pages, 0 links: 0 problems\n");
}

TEST(RunCheck, MissingOrNonDirectorySiteNamesIt) {
    TempDir dir;
    std::ostringstream missing;
    EXPECT_EQ(run_check(dir / "no-such-site", 0, missing), 1);
    EXPECT_EQ(missing.str(),
              "xasite check: " + (dir / "no-such-site").string() + ": no such directory\n");

    write(dir / "plain.txt", "x");
    std::ostringstream file;
    EXPECT_EQ(run_check(dir / "plain.txt", 0, file), 1);
    EXPECT_EQ(file.str(), "xasite check: " + (dir / "plain.txt").string() + ": not a directory\n");
}

TEST(RunCheck, ControlCharactersInFileNamesAreEscapedInOutput) {
    TempDir dir;
    // gumbo already turns control characters in attribute values into U+FFFD; file names keep them.
    write(dir / "a\nb.html", page("<a href=\"a\x01z.html\">x</a>"));
    std::ostringstream out;
    EXPECT_EQ(run_check(dir.path(), 0, out), 1);
    EXPECT_EQ(out.str(),
              "a\\x0Ab.html: broken-link: a\uFFFDz.html\n"
              "checked 1 pages, 1 links: 1 problems\n");
}

namespace {

// Communes on hosts of their own (.xasite-sites.json, as `xasite build` writes it): absolute links
// to those hosts are links into the output, checked like any other; other hosts stay external.
TEST(CheckSite, AbsoluteLinksToTheOutputsOwnHostsAreChecked) {
    TempDir dir;
    const fs::path root = dir.path();
    write(root / ".xasite-sites.json",
          R"({"sites": [{"url": "https://daklak.gov.vn/", "dir": ""},
                        {"url": "https://xa-a.daklak.gov.vn/", "dir": "xa-a/"}]})");
    write(root / "index.html",
          page("<a href=\"https://xa-a.daklak.gov.vn/\">a</a>"
               "<a href=\"https://xa-a.daklak.gov.vn\">a, no slash</a>"
               "<a href=\"https://xa-a.daklak.gov.vn/lien-he/#dia-chi\">contact</a>"
               "<a href=\"https://xa-a.daklak.gov.vn/khong-co/\">missing</a>"
               "<a href=\"https://xa-a.daklak.gov.vn/lien-he/#khong-co\">bad anchor</a>"
               "<a href=\"https://example.org/khong-co/\">another site</a>"));
    write(root / "xa-a/index.html",
          page("<a href=\"https://daklak.gov.vn/\">province</a>"
               "<a href=\"https://daklak.gov.vn/tra-cuu-don-vi/\">missing on the province</a>"));
    write(root / "xa-a/lien-he/index.html", page("<p id=\"dia-chi\">x</p>"));
    Report r = check_site(root, 1);
    EXPECT_EQ(r.links, 7u);
    EXPECT_EQ(lines(r),
              (Strings{"index.html: broken-anchor: https://xa-a.daklak.gov.vn/lien-he/#khong-co",
                       "index.html: broken-link: https://xa-a.daklak.gov.vn/khong-co/",
                       "xa-a/index.html: broken-link: https://daklak.gov.vn/tra-cuu-don-vi/"}));

    // Without the list, absolute links are external (not checked).
    fs::remove(root / ".xasite-sites.json");
    EXPECT_TRUE(check_site(root, 1).problems.empty());
    write(root / ".xasite-sites.json", "{\"sites\": 3}");
    EXPECT_THROW(check_site(root, 1), xasite::InputError);
}

}  // namespace

namespace {

// On a commune's own host, "/lien-he/" is that commune's page (its 404 page links so).
TEST(CheckSite, RootAbsoluteLinksAreOnThePagesOwnHost) {
    TempDir dir;
    const fs::path root = dir.path();
    write(root / ".xasite-sites.json",
          R"({"sites": [{"url": "https://daklak.gov.vn/", "dir": ""},
                        {"url": "https://xa-a.daklak.gov.vn/", "dir": "xa-a/"},
                        {"url": "https://daklak.gov.vn/xa-b/", "dir": "xa-b/"}]})");
    write(root / "xa-a/404.html", page("<a href=\"/lien-he/\">a</a><a href=\"/tra-cuu/\">b</a>"));
    write(root / "xa-a/lien-he/index.html", page("x"));
    write(root / "xa-b/404.html",
          page("<a href=\"/xa-b/lien-he/\">a</a><a href=\"/lien-he/\">b</a>"));
    write(root / "xa-b/lien-he/index.html", page("x"));
    write(root / "404.html", page("<a href=\"/xa-b/\">b</a>"));
    write(root / "xa-b/index.html", page("x"));
    EXPECT_EQ(lines(check_site(root, 1)), (Strings{"xa-a/404.html: broken-link: /tra-cuu/",
                                                   "xa-b/404.html: broken-link: /lien-he/"}));
}

}  // namespace
