// HTML rewriting: every kind of link, scripts and handlers stripped, forms and postback links
// disabled, CSS inside the page, banner and charset.
#include <gtest/gtest.h>

#include "archive/view/html_rewrite.hpp"
#include "core/text.hpp"

namespace xasite::archive {
namespace {

RewriteOptions options() {
    RewriteOptions o;
    o.page_url = "http://eakar.daklak.gov.vn/tin-tuc/bai.aspx?id=1";
    o.map = [](const Url& u, RefKind kind) -> std::optional<MappedRef> {
        if (host_key(u) != "eakar.daklak.gov.vn") return std::nullopt;
        if (u.path.find("missing") != std::string::npos) return MappedRef{"NA", true};
        std::string k = canonical_key(u, true);
        if (u.has_fragment) k += "#" + u.fragment;
        return MappedRef{(kind == RefKind::image ? "IMG:" : "A:") + k, false};
    };
    o.head_html = "<link rel=\"stylesheet\" href=\"banner.css\">";
    o.banner_html = "<div data-archive-banner>BANNER</div>";
    o.form_note_html = "<p>FORM NOTE</p>";
    o.disabled_link_title = "disabled";
    return o;
}

bool has(const std::string& s, std::string_view needle) {
    return s.find(needle) != std::string::npos;
}

TEST(HtmlRewrite, EveryLinkKind) {
    std::string html =
        "<!DOCTYPE html><html><head><title> Tin  tức </title></head><body>"
        "<a href=\"http://eakar.daklak.gov.vn/Default.aspx?tabid=55&amp;ID=101\">abs</a>"
        "<a href=\"/gioi-thieu.aspx\">root</a>"
        "<a href=\"../Default.aspx?ID=7&amp;tabid=3#p2\">rel</a>"
        "<a href=\"https://WWW.EAKAR.daklak.gov.vn/X.aspx\">www</a>"
        "<a href=\"http://other.gov.vn/page\">external</a>"
        "<a href=\"/missing.aspx\">gone</a>"
        "<a href=\"mailto:ubnd@eakar.vn\">mail</a><a href=\"#top\">top</a>"
        "<img src=\"anh/1.jpg\" srcset=\"anh/1.jpg 1x, anh/2.jpg 2x\" alt=\"Ảnh\">"
        "<table background=\"/bg.gif\"><tr><td>x</td></tr></table>"
        "</body></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_TRUE(has(r.html, "href=\"A:eakar.daklak.gov.vn/default.aspx?id=101&amp;tabid=55\""))
        << r.html;
    EXPECT_TRUE(has(r.html, "href=\"A:eakar.daklak.gov.vn/gioi-thieu.aspx\""));
    EXPECT_TRUE(has(r.html, "href=\"A:eakar.daklak.gov.vn/default.aspx?id=7&amp;tabid=3#p2\""))
        << r.html;
    EXPECT_TRUE(has(r.html, "href=\"A:eakar.daklak.gov.vn/x.aspx\""));
    EXPECT_TRUE(has(r.html, "href=\"http://other.gov.vn/page\""));
    EXPECT_TRUE(
        has(r.html, "href=\"NA\" data-archive-missing=\"http://eakar.daklak.gov.vn/missing.aspx\""))
        << r.html;
    EXPECT_TRUE(has(r.html, "href=\"mailto:ubnd@eakar.vn\""));
    EXPECT_TRUE(has(r.html, "href=\"#top\""));
    EXPECT_TRUE(has(r.html, "src=\"IMG:eakar.daklak.gov.vn/tin-tuc/anh/1.jpg\""));
    EXPECT_TRUE(has(r.html, "IMG:eakar.daklak.gov.vn/tin-tuc/anh/2.jpg 2x"));
    EXPECT_TRUE(has(r.html, "background=\"IMG:eakar.daklak.gov.vn/bg.gif\""));
    EXPECT_FALSE(has(r.html, "\"/gioi-thieu.aspx\""));
    EXPECT_EQ(r.title, "Tin tức");
    EXPECT_TRUE(has(r.text, "abs")) << r.text;
    EXPECT_TRUE(has(r.text, "Ảnh"));
    EXPECT_EQ(r.links.size(), 6u);  // the http(s) links; mailto: and #top are not
}

TEST(HtmlRewrite, BaseHrefChangesResolution) {
    std::string html =
        "<html><head><base href=\"http://eakar.daklak.gov.vn/goc/\"></head>"
        "<body><a href=\"trang.html\">x</a></body></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_TRUE(has(r.html, "A:eakar.daklak.gov.vn/goc/trang.html")) << r.html;
    EXPECT_FALSE(has(r.html, "<base href")) << r.html;
}

TEST(HtmlRewrite, ScriptsAndHandlersStripped) {
    std::string html =
        "<html><head><script src=\"/a.js\"></script><script>alert('</p>')</script></head>"
        "<body onload=\"init()\"><p onclick=\"x()\" OnMouseOver='y()'>Nội dung</p>"
        "<a href=\"javascript:void(0)\">js</a>"
        "<a href=\" JavaScript:__doPostBack('ctl00$pager','Page$2')\">2</a>"
        "<iframe src=\"javascript:alert(1)\"></iframe>"
        "<svg><script>alert(2)</script></svg>"
        "<noscript><p>Không có JS</p></noscript></body></html>";
    RewriteResult r = rewrite_html(html, options());
    std::string low = text::lower(r.html);
    EXPECT_FALSE(has(low, "<script")) << r.html;
    EXPECT_FALSE(has(low, "alert")) << r.html;
    EXPECT_FALSE(has(low, "onload")) << r.html;
    EXPECT_FALSE(has(low, "onclick"));
    EXPECT_FALSE(has(low, "onmouseover"));
    EXPECT_FALSE(has(low, "javascript:")) << r.html;
    EXPECT_TRUE(has(r.html, "data-archive-disabled=\"postback\""));
    EXPECT_TRUE(has(r.html, "data-archive-disabled=\"script\""));
    EXPECT_TRUE(has(r.html, "aria-disabled=\"true\""));
    EXPECT_TRUE(has(r.html, "<p>Không có JS</p>")) << r.html;
    EXPECT_FALSE(has(low, "<noscript"));
    EXPECT_GE(r.scripts, 3u);
    EXPECT_EQ(r.handlers, 3u);
    EXPECT_EQ(r.disabled_links, 2u);
    EXPECT_TRUE(has(r.text, "Nội dung"));
}

TEST(HtmlRewrite, FormsDisabledAndLabelled) {
    std::string html =
        "<html><body><form method=\"post\" action=\"/Default.aspx?tabid=9\" id=\"f\">"
        "<input type=\"text\" name=\"q\"><select name=\"s\"><option>1</option></select>"
        "<textarea></textarea><button type=\"submit\">Gửi</button>"
        "<input type=\"submit\" disabled></form></body></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_FALSE(has(r.html, "action=")) << r.html;
    EXPECT_FALSE(has(r.html, "method=")) << r.html;
    EXPECT_TRUE(has(r.html, "data-archive-disabled=\"form\""));
    EXPECT_TRUE(has(r.html, "<p>FORM NOTE</p>"));
    // A control without any name gets a title saying what it is (axe "label", WCAG 4.1.2).
    const std::string title = " title=\"Ô nhập của trang gốc (đã tắt trong bản lưu trữ)\"";
    EXPECT_TRUE(has(r.html, "<input type=\"text\" name=\"q\" disabled" + title + ">")) << r.html;
    EXPECT_TRUE(has(r.html, "<select name=\"s\" disabled" + title + ">"));
    EXPECT_TRUE(has(r.html, "<textarea disabled" + title + ">"));
    EXPECT_TRUE(has(r.html, "<button type=\"submit\" disabled>"));
    EXPECT_TRUE(has(r.html, "<input type=\"submit\" disabled>"));
    EXPECT_EQ(r.forms, 1u);
    // A control that has a name keeps it untouched.
    RewriteResult named = rewrite_html(
        "<html><body><form><label>Từ khóa <input name=\"k\"></label><input id=\"a\" name=\"a\">"
        "<input name=\"p\" placeholder=\"Tìm\"></form></body></html>",
        options());
    EXPECT_FALSE(has(named.html, "title=")) << named.html;
}

TEST(HtmlRewrite, CssInStyleAttributesAndElements) {
    std::string html =
        "<html><head><style>body{background:url(/nen.png)} @import '/in.css';</style></head>"
        "<body><div style=\"background-image: url('anh/x.gif')\">x</div></body></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_TRUE(has(r.html, "IMG:eakar.daklak.gov.vn/nen.png")) << r.html;
    EXPECT_TRUE(has(r.html, "IMG:eakar.daklak.gov.vn/in.css")) << r.html;
    EXPECT_TRUE(has(r.html, "IMG:eakar.daklak.gov.vn/tin-tuc/anh/x.gif")) << r.html;
}

TEST(HtmlRewrite, BannerCharsetAndRefresh) {
    std::string html =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">"
        "<meta http-equiv=\"refresh\" content=\"5; URL=/moi.aspx\"></head>"
        "<body class=\"x\"><p>a</p></body></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_TRUE(has(r.html, "content=\"text/html; charset=utf-8\"")) << r.html;
    EXPECT_TRUE(has(r.html, "content=\"5;url=A:eakar.daklak.gov.vn/moi.aspx\"")) << r.html;
    EXPECT_TRUE(has(r.html, "<body class=\"x\"><div data-archive-banner>BANNER</div><p>a</p>"))
        << r.html;
    EXPECT_TRUE(has(r.html, "<head><link rel=\"stylesheet\" href=\"banner.css\">")) << r.html;
    EXPECT_FALSE(has(r.text, "BANNER"));
}

TEST(HtmlRewrite, NoHeadOrBodyTags) {
    RewriteResult r = rewrite_html("<p>Chỉ có đoạn văn <a href=\"/a.aspx\">a</a></p>", options());
    EXPECT_TRUE(has(r.html, "<meta charset=\"utf-8\">")) << r.html;
    EXPECT_TRUE(has(r.html, "BANNER"));
    EXPECT_LT(r.html.find("BANNER"), r.html.find("Chỉ có"));
    EXPECT_TRUE(has(r.html, "A:eakar.daklak.gov.vn/a.aspx"));
}

TEST(HtmlRewrite, FramesetGetsNoBannerAndFramesMapped) {
    std::string html =
        "<html><frameset cols=\"20%,80%\"><frame src=\"menu.aspx\">"
        "<frame src=\"http://other.vn/x\"></frameset></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_TRUE(r.frameset);
    EXPECT_FALSE(has(r.html, "BANNER"));
    EXPECT_TRUE(has(r.html, "A:eakar.daklak.gov.vn/tin-tuc/menu.aspx")) << r.html;
}

TEST(HtmlRewrite, UntouchedBytesStayAsCaptured) {
    std::string html =
        "<html><body><!-- ghi chú --><P CLASS=a>Xin   chào</P>&nbsp;&copy;</body></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_TRUE(has(r.html, "<!-- ghi chú --><P CLASS=a>Xin   chào</P>&nbsp;&copy;</body></html>"))
        << r.html;
}

TEST(HtmlRewrite, MalformedInputNeverCrashes) {
    std::vector<std::string> inputs = {
        "",
        "<",
        "<a href=",
        "<a href=\"/x",
        "<html><head><script>never closed",
        "<form><form><input></form></form>",
        "<table><a href=\"/x\">misnested</table></a>",
        "<p " + std::string(200000, 'a') + "=\"" + std::string(100000, 'b') + "\">",
        "<a href=\"" + std::string(100000, '/') + "\">x</a>",
        "\xC3\x28<a href=\"\xFF\">\xFE</a>",
        std::string(3000, '<') + std::string(3000, '>'),
        "<b><i><u>" + std::string(5000, 'x'),
        "<html><body><noscript><a href=/n>n</a></noscript><template><script>x</script></template>",
        "<svg><a xlink:href=\"/s\"><script>bad()</script></a></svg><math><mi>x</mi></math>",
    };
    for (const auto& in : inputs) {
        RewriteResult r;
        ASSERT_NO_THROW(r = rewrite_html(in, options())) << in.substr(0, 60);
        EXPECT_FALSE(has(text::lower(r.html), "<script")) << in.substr(0, 60);
    }
}

}  // namespace
}  // namespace xasite::archive

namespace xasite::archive {
namespace {

TEST(HtmlRewrite, LangAndTitleAddedWhenMissing) {
    RewriteOptions o = options();
    o.lang = "vi";
    o.fallback_title = "bai.aspx";
    RewriteResult r = rewrite_html("<!DOCTYPE html><HTML><head></head><body>x</body></HTML>", o);
    EXPECT_TRUE(has(r.html, "<HTML lang=\"vi\">")) << r.html;
    EXPECT_TRUE(has(r.html, "<title>bai.aspx</title>")) << r.html;
    r = rewrite_html("<html lang=\"en\"><title>T</title><body>x</body></html>", o);
    EXPECT_TRUE(has(r.html, "<html lang=\"en\">")) << r.html;
    EXPECT_FALSE(has(r.html, "bai.aspx")) << r.html;
    r = rewrite_html("<!DOCTYPE html><p>x</p>", o);
    EXPECT_TRUE(has(r.html, "<!DOCTYPE html><html lang=\"vi\">")) << r.html;
}

}  // namespace
}  // namespace xasite::archive

namespace xasite::archive {
namespace {

TEST(HtmlRewrite, OtherScriptCarriersRemoved) {
    std::string html =
        "<html><head><meta http-equiv=\"refresh\" content=\"0; url=javascript:alert(1)\"></head>"
        "<body><iframe srcdoc=\"<script>alert(2)</script>\"></iframe>"
        "<svg><a xlink:href=\"javascript:alert(3)\"><text>x</text></a></svg>"
        "<table background=\"javascript:alert(4)\"><tr><td>y</td></tr></table></body></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_FALSE(has(text::lower(r.html), "alert")) << r.html;
    EXPECT_FALSE(has(text::lower(r.html), "javascript")) << r.html;
}

}  // namespace
}  // namespace xasite::archive

namespace xasite::archive {
namespace {

// The parser merges the attributes of a second <body> (or <html>) tag into the first element:
// their handlers must go too (found by the fuzzer).
TEST(HtmlRewrite, HandlersOfMergedBodyAndHtmlTags) {
    std::string html =
        "<html><body><p>a</p></body><html onclick=\"h()\"><body onload=\"x()\" "
        "class=\"k\"><p>b</p></body></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_FALSE(has(r.html, "onload")) << r.html;
    EXPECT_FALSE(has(r.html, "onclick")) << r.html;
    EXPECT_TRUE(has(r.html, "class=\"k\"")) << r.html;
    EXPECT_EQ(rewrite_html(r.html, options()).handlers, 0u);
}

}  // namespace
}  // namespace xasite::archive

namespace xasite::archive {
namespace {

// An SVG <script> holds markup, not raw text; unclosed, it swallows the rest (found by the fuzzer).
TEST(HtmlRewrite, SvgScriptWithMarkupInside) {
    std::string html = "<svg><script>y</scrigt><a>x</a><svg><script>z</script></svg>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_FALSE(has(text::lower(r.html), "<script")) << r.html;
    EXPECT_EQ(rewrite_html(r.html, options()).scripts, 0u);
}

}  // namespace
}  // namespace xasite::archive

namespace xasite::archive {
namespace {

// Misnested formatting elements make the parser clone them; the clone's children are real
// source nodes and are rewritten too (found by the fuzzer).
TEST(HtmlRewrite, ChildrenOfReopenedFormattingElements) {
    std::string html =
        "<p><a href=\"/1\">x<p>y<svg><script>z()</script></svg><img src=\"/i.gif\" "
        "onerror=\"w()\"></a>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_FALSE(has(text::lower(r.html), "<script")) << r.html;
    EXPECT_FALSE(has(r.html, "onerror")) << r.html;
    EXPECT_TRUE(has(r.html, "IMG:eakar.daklak.gov.vn/i.gif")) << r.html;
}

}  // namespace
}  // namespace xasite::archive

namespace xasite::archive {
namespace {

// The parser drops the attributes of a second <body> when the first has them; once the first
// one's handler is removed, the second's would apply: the result is stripped again (fuzzer).
TEST(HtmlRewrite, DroppedAttributesOfASecondBody) {
    std::string html = "<html><body onload=\"a()\"><p>x</p><body onload=\"b()\"><p>y</p></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_FALSE(has(r.html, "onload")) << r.html;
    EXPECT_TRUE(has(r.html, "BANNER"));
    EXPECT_EQ(r.handlers, 2u);
    EXPECT_EQ(rewrite_html(r.html, options()).handlers, 0u);
}

}  // namespace
}  // namespace xasite::archive
