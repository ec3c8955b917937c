// Issue 10 ("Archives an archivist can trust"): active content is neutralised in the view's
// HTML and SVG themselves, so nothing of the old sites runs under any static server, with or
// without the archive's CSP; a page nested thousands deep costs no more than its text.
#include <gtest/gtest.h>

#include <chrono>

#include "archive/package/url.hpp"
#include "archive/view/html_rewrite.hpp"
#include "core/html_parse.hpp"
#include "core/text.hpp"

namespace xasite::archive {
namespace {

RewriteOptions options() {
    RewriteOptions o;
    o.page_url = "http://eakar.daklak.gov.vn/tin-tuc/bai.aspx?id=1";
    o.map = [](const Url& u, RefKind) -> std::optional<MappedRef> {
        if (host_key(u) != "eakar.daklak.gov.vn") return std::nullopt;
        return MappedRef{"A:" + canonical_key(u, true), false};
    };
    o.banner_html = "<div data-archive-banner>BANNER</div>";
    return o;
}

bool has(const std::string& s, std::string_view needle) {
    return s.find(needle) != std::string::npos;
}

TEST(Hostile, InlineDocumentsInFramesAndPluginsDropped) {
    std::string html =
        "<html><body>"
        "<iframe src=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>"
        "<iframe src=' DATA:text/html;base64,PHNjcmlwdD5hbGVydCgyKTwvc2NyaXB0Pg=='></iframe>"
        "<object data=\"data:image/svg+xml,&lt;svg onload=alert(3)&gt;\"></object>"
        "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNCk+\">"
        "<object><param name=movie value=\"javascript:alert(5)\"></object>"
        "<iframe src=\"/tin-tuc/khac.aspx\"></iframe>"
        "</body></html>";
    RewriteResult r = rewrite_html(html, options());
    std::string low = text::lower(r.html);
    EXPECT_FALSE(has(low, "data:")) << r.html;
    EXPECT_FALSE(has(low, "javascript:")) << r.html;
    EXPECT_TRUE(has(r.html, "<iframe src=\"A:eakar.daklak.gov.vn/tin-tuc/khac.aspx\">")) << r.html;
}

TEST(Hostile, InlineSvgScriptsHandlersAndAnimationsRemoved) {
    std::string html =
        "<html><body><svg onload=\"alert(1)\" xmlns:x=\"http://www.w3.org/2000/svg\">"
        "<x:script>alert(2)</x:script><script href=\"data:,alert(3)\"/>"
        "<a xlink:href=\"javascript:alert(4)\"><set attributeName=\"href\" "
        "to=\"javascript:alert(5)\"/><animate attributename=\"xlink:href\" "
        "values=\"x;javascript:alert(6)\"/><circle r=\"1\" x:onclick=\"alert(7)\"/></a>"
        "<handler type=\"application/ecmascript\">alert(8)</handler>"
        "</svg><p>Nội dung</p></body></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_FALSE(has(r.html, "alert")) << r.html;
    EXPECT_TRUE(has(r.html, "<p>Nội dung</p>"));
    EXPECT_TRUE(has(r.html, "<circle r=\"1\"/>")) << r.html;
}

TEST(Hostile, RefreshToAnotherHostRemovedSameSiteRewritten) {
    RewriteResult away = rewrite_html(
        "<html><head><meta http-equiv=\"refresh\" content=\"0; URL='https://lua-dao.example/'\">"
        "</head><body>x</body></html>",
        options());
    EXPECT_FALSE(has(away.html, "lua-dao")) << away.html;
    EXPECT_FALSE(has(away.html, "content=")) << away.html;
    RewriteResult same = rewrite_html(
        "<html><head><meta http-equiv=\"Refresh\" "
        "content=\"5;url=/Default.aspx?tabid=55&amp;ID=101\">"
        "</head><body>x</body></html>",
        options());
    EXPECT_TRUE(has(same.html,
                    "content=\"5;url=A:eakar.daklak.gov.vn/default.aspx?id=101&amp;"
                    "tabid=55\""))
        << same.html;
    RewriteResult reload = rewrite_html(
        "<html><head><meta http-equiv=\"refresh\" content=\"600\"></head><body>x</body></html>",
        options());
    EXPECT_TRUE(has(reload.html, "content=\"600\"")) << reload.html;
}

TEST(Hostile, LinksResolvedAgainstTheRemovedBase) {
    std::string html =
        "<html><head><base href=\"http://cdn.other.example/thu-muc/\"></head><body>"
        "<a href=\"trang.html\">rel</a><img src=\"../anh/a.png\">"
        "<a href=\"http://eakar.daklak.gov.vn/x.aspx\">own</a>"
        "<a href=\"mailto:ubnd@eakar.vn\">mail</a></body></html>";
    RewriteResult r = rewrite_html(html, options());
    EXPECT_FALSE(has(r.html, "<base href")) << r.html;
    EXPECT_TRUE(has(r.html, "href=\"http://cdn.other.example/thu-muc/trang.html\"")) << r.html;
    EXPECT_TRUE(has(r.html, "src=\"http://cdn.other.example/anh/a.png\"")) << r.html;
    EXPECT_TRUE(has(r.html, "href=\"A:eakar.daklak.gov.vn/x.aspx\"")) << r.html;
    EXPECT_TRUE(has(r.html, "href=\"mailto:ubnd@eakar.vn\"")) << r.html;
}

TEST(Hostile, SvgFilesSanitised) {
    std::string svg =
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
        "xmlns:s=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\" width=\"10\">"
        "<script type=\"text/javascript\"><![CDATA[alert(2)]]></script>"
        "<s:script>alert(3)</s:script><rect s:onmouseover=\"alert(4)\" width=\"5\"/>"
        "<a href=\"javascript:alert(5)\"><text>T</text></a><title>Logo</title>"
        "<style>circle { fill: red }</style></svg>\n";
    auto out = sanitise_svg(svg);
    ASSERT_TRUE(out);
    EXPECT_FALSE(has(*out, "alert")) << *out;
    EXPECT_FALSE(has(*out, "data:")) << *out;
    EXPECT_TRUE(has(*out, "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
    EXPECT_TRUE(has(*out, "<rect width=\"5\"/>")) << *out;
    // What an edit cannot make safe: XML entities that expand into markup, XSLT, UTF-16.
    EXPECT_FALSE(
        sanitise_svg("<!DOCTYPE svg [<!ENTITY x \"&#60;script&#62;alert(1)&#60;/script"
                     "&#62;\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>"));
    EXPECT_FALSE(sanitise_svg("<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><svg/>"));
    EXPECT_FALSE(sanitise_svg(std::string("\xFF\xFE<\0s\0v\0g\0>\0", 10)));
    // HTML elements would make the HTML parser read text where an XML reader sees markup.
    EXPECT_FALSE(
        sanitise_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><p/><textarea>"
                     "<script>alert(1)</script></textarea></svg>"));
    EXPECT_FALSE(
        sanitise_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><iframe "
                     "src=\"data:text/html,x\"></iframe></foreignObject></svg>"));
    EXPECT_FALSE(
        sanitise_svg("<title><svg xmlns=\"http://www.w3.org/2000/svg\"><script>"
                     "alert(1)</script></svg></title>"));
    // A harmless file is left byte for byte.
    std::string plain = "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>";
    EXPECT_EQ(sanitise_svg(plain), plain);
}

TEST(Hostile, DeepNestingFallsBackToTextQuickly) {
    // About 2.2 MB nested 100,000 deep: before the cap this took the parser minutes.
    std::string html = "<html><head><title>Trang sâu</title></head><body><p>Đầu trang</p>";
    for (int i = 0; i < 100000; ++i)
        html += "<div class=\"khung-noi-dung\"><font face=\"Arial\">";
    html += "Cuối trang<script>alert(1)</script>";
    ASSERT_GT(html.size(), 2000000u);
    auto t0 = std::chrono::steady_clock::now();
    RewriteResult r = rewrite_html(html, options());
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(seconds, 20.0);  // Debug build on a shared machine; about 1 s
    EXPECT_TRUE(r.too_deep);
    EXPECT_TRUE(r.text_only);
    EXPECT_EQ(r.title, "Trang sâu");
    EXPECT_TRUE(has(r.text, "Đầu trang"));
    EXPECT_TRUE(has(r.text, "Cuối trang"));
    EXPECT_FALSE(has(r.html, "<script")) << r.html.substr(0, 300);
    EXPECT_TRUE(has(r.html, "BANNER"));
    // A page nested as deep as real pages are is rewritten as usual.
    std::string ok = "<html><body>";
    for (int i = 0; i < 200; ++i)
        ok += "<div>";
    ok += "x</body></html>";
    RewriteResult normal = rewrite_html(ok, options());
    EXPECT_FALSE(normal.too_deep);
    EXPECT_FALSE(normal.text_only);
}

}  // namespace
}  // namespace xasite::archive
