// Fuzz target: a captured page through the view's pipeline (charset detection and decoding,
// gumbo-based rewriting, CSS rewriting). Any input must give a result, never a crash, hang or
// sanitizer report; the rewritten page must be valid UTF-8 and contain no <script> start tag,
// and the input sanitised as an SVG file (sanitise_svg) none either.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "archive/package/url.hpp"
#include "archive/view/charset.hpp"
#include "archive/view/css_rewrite.hpp"
#include "archive/view/html_rewrite.hpp"
#include "core/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace xasite::archive;
    std::string_view in(reinterpret_cast<const char*>(data), size);
    // The first byte picks the HTTP charset, as a server would have declared it.
    static const char* const labels[] = {"",      "utf-8", "windows-1258", "iso-8859-1",
                                         "tcvn3", "vni",   "bogus"};
    std::string_view label = labels[in.empty() ? 0 : static_cast<unsigned char>(in[0]) % 7];
    DecodedText d = decode_html(in, label);
    if (!xasite::text::is_valid_utf8(d.text)) std::abort();

    RewriteOptions o;
    o.page_url = "http://eakar.daklak.gov.vn/tin/Default.aspx?tabid=5&ID=7";
    o.map = [](const Url& u, RefKind) -> std::optional<MappedRef> {
        if (host_key(u) != "eakar.daklak.gov.vn") return std::nullopt;
        std::string file = key_to_file(canonical_key(u, true), "text/html");
        return MappedRef{relative_href("trang/eakar.daklak.gov.vn/tin/x.html", "trang/" + file),
                         u.path.size() % 2 == 0};
    };
    o.head_html = "<link rel=\"stylesheet\" href=\"a.css\">";
    o.banner_html = "<div data-archive-banner>B</div>";
    o.form_note_html = "<p>F</p>";
    o.disabled_link_title = "T";
    RewriteResult r = rewrite_html(d.text, o);
    if (!xasite::text::is_valid_utf8(r.html)) std::abort();
    // No script element may survive: gumbo parsing the output must not find one.
    RewriteResult again = rewrite_html(r.html, o);
    if (again.scripts != 0 || again.handlers != 0) std::abort();
    // The same input as an SVG file: once sanitised nothing that runs is left either.
    if (auto svg = sanitise_svg(d.text)) {
        RewriteResult s = rewrite_html(*svg, o);
        if (s.scripts != 0 || s.handlers != 0) std::abort();
    }

    std::string css = rewrite_css(d.text, [](std::string_view ref) -> std::optional<std::string> {
        if (ref.size() % 3 == 0) return std::nullopt;
        return std::string("x/") + std::string(ref.substr(0, 8));
    });
    (void)css;
    return 0;
}
