#include "core/qr.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/url.hpp"

using namespace xasite;

namespace {

using Grid = std::vector<std::vector<bool>>;

// The value of attribute `name` on the first element that has it ("" when none does).
std::string attribute(const std::string& svg, const std::string& name) {
    const std::string key = ' ' + name + "=\"";
    auto at = svg.find(key);
    if (at == std::string::npos) return "";
    at += key.size();
    return svg.substr(at, svg.find('"', at) - at);
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1))
        ++n;
    return n;
}

// Reads the text `s` at d[i] and moves past it; false (i unchanged) when it is not there.
bool literal(const std::string& d, std::size_t& i, std::string_view s) {
    if (d.compare(i, s.size(), s) != 0) return false;
    i += s.size();
    return true;
}

// Reads a decimal number at d[i] into `v` and moves past it; false when there is no digit.
bool number(const std::string& d, std::size_t& i, std::size_t& v) {
    const std::size_t start = i;
    for (v = 0; i < d.size() && d[i] >= '0' && d[i] <= '9'; ++i)
        v = v * 10 + static_cast<std::size_t>(d[i] - '0');
    return i > start;
}

// Draws the one <path> of `svg` back into a side × side grid (side from the viewBox), checking on
// the way that d is nothing but "Mx yhNv1h-Nz" runs, that no two runs overlap or touch, and that
// every run stays inside the viewBox.
Grid draw(const std::string& svg) {
    const std::string view_box = attribute(svg, "viewBox");
    std::size_t i = 0, side = 0, height = 0;
    if (!(literal(view_box, i, "0 0 ") && number(view_box, i, side) && literal(view_box, i, " ") &&
          number(view_box, i, height) && i == view_box.size() && side == height)) {
        ADD_FAILURE() << "viewBox=\"" << view_box << '"';
        return {};
    }
    Grid grid(side, std::vector<bool>(side));

    const std::string d = attribute(svg, "d");
    for (i = 0; i < d.size();) {
        const std::size_t at = i;
        std::size_t x = 0, y = 0, n = 0, back = 0;
        if (!(literal(d, i, "M") && number(d, i, x) && literal(d, i, " ") && number(d, i, y) &&
              literal(d, i, "h") && number(d, i, n) && literal(d, i, "v1h-") &&
              number(d, i, back) && literal(d, i, "z"))) {
            ADD_FAILURE() << "not a run at byte " << at << " of d: " << d.substr(at, 40);
            break;
        }
        const std::string run = d.substr(at, i - at);
        EXPECT_EQ(n, back) << "a run must return to its start: " << run;
        EXPECT_GT(n, 0u) << run;
        if (y >= side || x + n > side) {
            ADD_FAILURE() << "run outside the viewBox: " << run;
            continue;
        }
        // Merged runs: no run drawn so far touches this one on either side.
        EXPECT_TRUE(x == 0 || !grid[y][x - 1]) << "runs not merged at " << run;
        EXPECT_TRUE(x + n == side || !grid[y][x + n]) << "runs not merged at " << run;
        for (auto k = x; k < x + n; ++k) {
            EXPECT_FALSE(grid[y][k]) << "overlapping runs at " << run;
            grid[y][k] = true;
        }
    }
    return grid;
}

// The SVG of `text` draws exactly modules(text) inside a light quiet zone of `quiet` modules.
void expect_svg_matches_modules(const std::string& text, int quiet = 4) {
    SCOPED_TRACE(text);
    const Grid want = qr::modules(text);
    const std::string svg = qr::svg(text, {.module_px = 3, .quiet_zone = quiet, .label = ""});
    const Grid got = draw(svg);
    const std::size_t n = want.size();
    const std::size_t q = static_cast<std::size_t>(quiet);
    ASSERT_EQ(got.size(), n + 2 * q);
    for (std::size_t y = 0; y < got.size(); ++y) {
        for (std::size_t x = 0; x < got.size(); ++x) {
            const bool inside = y >= q && x >= q && y < q + n && x < q + n;
            const bool dark = inside && want[y - q][x - q];
            ASSERT_EQ(got[y][x], dark) << "module x=" << x << " y=" << y;
        }
    }
    EXPECT_EQ(attribute(svg, "width"), std::to_string((n + 2 * q) * 3));
    EXPECT_EQ(attribute(svg, "height"), std::to_string((n + 2 * q) * 3));
}

// A search URL with a Vietnamese query, percent-encoded as the site writes it, padded to 300 bytes.
std::string long_vietnamese_url() {
    std::string u =
        "https://daklak.gov.vn/xa-ea-kar/tra-cuu/?q=" +
        url::percent_encode("thủ tục đăng ký khai sinh cho trẻ em có yếu tố nước ngoài");
    u += "&linh-vuc=" + url::percent_encode("hộ tịch") + "&trang=";
    u.append(300 - u.size(), '1');
    return u;
}

std::size_t side(const std::string& text) {
    const Grid m = qr::modules(text);
    for (const auto& row : m)
        EXPECT_EQ(row.size(), m.size());
    return m.size();
}

}  // namespace

TEST(CoreQr, SvgDrawsTheModulesOfRealUrls) {
    const std::string urls[] = {
        "https://daklak.gov.vn/xa-ea-kar/thu-tuc/1.001193/",
        "https://daklak.gov.vn/xa-ea-kar/",
        "https://daklak.gov.vn/luu-tru/huyen-krong-pac/van-ban/123-qd-ubnd.html?tai=1#muc-2",
        long_vietnamese_url(),
    };
    ASSERT_EQ(urls[3].size(), 300u);
    for (const auto& u : urls)
        expect_svg_matches_modules(u);
    expect_svg_matches_modules(urls[0], 0);
    expect_svg_matches_modules(urls[0], 1);
}

TEST(CoreQr, ModulesHaveTheFinderPatterns) {
    const Grid m = qr::modules("https://daklak.gov.vn/xa-ea-kar/thu-tuc/1.001193/");
    const std::size_t n = m.size();
    // A finder is a dark 7×7 ring around a light ring around a dark 3×3 centre.
    auto finder_at = [&](std::size_t left, std::size_t top) {
        for (std::size_t y = 0; y < 7; ++y) {
            for (std::size_t x = 0; x < 7; ++x) {
                const std::size_t ring = std::max(x > 3 ? x - 3 : 3 - x, y > 3 ? y - 3 : 3 - y);
                EXPECT_EQ(m[top + y][left + x], ring != 2) << left << ',' << top;
            }
        }
    };
    finder_at(0, 0);
    finder_at(n - 7, 0);
    finder_at(0, n - 7);
}

// The side grows by 4 modules a version. The capacities pin 8-bit mode and level M: 15 digits
// would fit version 1 in numeric mode (34), and a version 1 symbol holds 17 bytes at L, 14 at M,
// 11 at Q; version 40 holds 2,953 bytes at L and 2,331 at M.
TEST(CoreQr, SizeFollowsTheVersion) {
    EXPECT_EQ(side("h"), 21u);
    EXPECT_EQ(side(std::string(14, '7')), 21u);
    EXPECT_EQ(side(std::string(15, '7')), 25u);
    EXPECT_EQ(side(std::string(26, 'x')), 25u);
    EXPECT_EQ(side(std::string(27, 'x')), 29u);
    // 49 bytes: version 4 (43 to 62); 300 bytes: version 13 (288 to 331).
    EXPECT_EQ(side("https://daklak.gov.vn/xa-ea-kar/thu-tuc/1.001193/"), 33u);
    EXPECT_EQ(side(long_vietnamese_url()), 69u);
    EXPECT_EQ(side(std::string(2331, 'x')), 177u);
}

TEST(CoreQr, SvgElementAndAttributes) {
    const std::string svg = qr::svg("https://daklak.gov.vn/xa-ea-kar/",
                                    {.module_px = 5, .quiet_zone = 2, .label = "Mã QR của trang"});
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" ", 0), 0u) << svg;
    EXPECT_TRUE(svg.ends_with("</svg>"));
    EXPECT_EQ(attribute(svg, "role"), "img");
    EXPECT_EQ(attribute(svg, "aria-label"), "Mã QR của trang");
    EXPECT_NE(svg.find("<title>Mã QR của trang</title>"), std::string::npos);
    EXPECT_EQ(attribute(svg, "shape-rendering"), "crispEdges");
    EXPECT_EQ(attribute(svg, "viewBox"), "0 0 33 33");  // version 3 (29) + 2 × 2
    EXPECT_EQ(attribute(svg, "width"), "165");
    EXPECT_EQ(attribute(svg, "height"), "165");
    EXPECT_NE(svg.find(R"(<rect width="33" height="33" fill="#fff"/>)"), std::string::npos);
    EXPECT_EQ(count(svg, "<path"), 1u);
    EXPECT_EQ(count(svg, "<rect"), 1u);
    EXPECT_EQ(qr::svg("https://daklak.gov.vn/xa-ea-kar/"),
              qr::svg("https://daklak.gov.vn/xa-ea-kar/"));
}

TEST(CoreQr, LabelIsEscaped) {
    const std::string svg =
        qr::svg("https://daklak.gov.vn/", {.label = "<script>alert('x')</script> \"Xã\" & <b>"});
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("<b>"), std::string::npos);
    EXPECT_EQ(attribute(svg, "aria-label"),
              "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;Xã&quot; &amp; &lt;b&gt;");
    EXPECT_NE(
        svg.find("<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;Xã&quot; &amp; "
                 "&lt;b&gt;</title>"),
        std::string::npos);
}

TEST(CoreQr, WithoutALabelTheTextNamesIt) {
    const std::string svg = qr::svg("https://daklak.gov.vn/tra-cuu/?q=a&b=<c>");
    EXPECT_EQ(attribute(svg, "aria-label"), "https://daklak.gov.vn/tra-cuu/?q=a&amp;b=&lt;c&gt;");
    EXPECT_NE(svg.find("<title>https://daklak.gov.vn/tra-cuu/?q=a&amp;b=&lt;c&gt;</title>"),
              std::string::npos);
}

TEST(CoreQr, BadInputThrows) {
    EXPECT_THROW(qr::modules(""), InputError);
    EXPECT_THROW(qr::svg(""), InputError);
    EXPECT_THROW(qr::modules(std::string(5000, 'x')), InputError);
    EXPECT_THROW(qr::svg(std::string(5000, 'x')), InputError);
    EXPECT_THROW(qr::modules(std::string(2332, 'x')), InputError);
    EXPECT_THROW(qr::modules("https://daklak.gov.vn/\xC4"), InputError);  // cut UTF-8
    try {
        qr::svg(std::string(5000, 'x'));
        ADD_FAILURE() << "no exception";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(),
                     "QR code: the text is 5000 bytes; a QR code holds at most 2331 (8-bit mode, "
                     "error correction level M)");
    }
    try {
        qr::svg("");
        ADD_FAILURE() << "no exception";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "QR code: the text to encode is empty");
    }
    EXPECT_THROW(qr::svg("x", {.module_px = 0, .quiet_zone = 4, .label = ""}),
                 std::invalid_argument);
    EXPECT_THROW(qr::svg("x", {.module_px = 4, .quiet_zone = -1, .label = ""}),
                 std::invalid_argument);
}
