// Communes on hosts of their own (site.json "unit_url": "https://{slug}.daklak.gov.vn/"): a build
// of the tiny content tree makes every link from one site to another absolute, keeps links within
// a site relative, and `xasite check` (which maps those hosts onto the output) finds nothing
// broken; a broken link to another host is reported.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "generator/check/link_checker.hpp"
#include "generator/site/build.hpp"
#include "tiny_content.hpp"

namespace xasite {
namespace {

namespace fs = std::filesystem;
using testing::contains;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(SplitDomains, EveryLinkAcrossHostsIsAbsoluteAndTheCheckFindsNothingBroken) {
    testing::TempDir tmp;
    const fs::path content = tmp / "content";
    testing::make_tiny_content(content);
    std::string config = slurp(content / "site.json");
    const std::string from = "\"unit_url\": \"{base_url}{slug}/\"";
    ASSERT_NE(config.find(from), std::string::npos);
    config.replace(config.find(from), from.size(),
                   "\"unit_url\": \"https://{slug}.daklak.gov.vn/\"");
    testing::write_text(content / "site.json", config);

    site::BuildOptions o;
    o.content_dir = content;
    o.out_dir = tmp / "site";
    o.quiet = true;
    o.background_cleanup = false;
    o.search_index = false;
    o.jobs = 1;
    site::build_site(o);
    const fs::path site = tmp / "site";

    // A commune site: its own pages and assets relative, the province's pages absolute.
    fs::path commune;
    for (const auto& e : fs::directory_iterator(site))
        if (e.is_directory() && fs::exists(e.path() / "gioi-thieu/index.html")) commune = e.path();
    ASSERT_FALSE(commune.empty());
    const std::string slug = commune.filename().string();
    const std::string intro = slurp(commune / "gioi-thieu/index.html");
    EXPECT_TRUE(contains(intro, "href=\"../assets/style.css\"")) << intro.substr(0, 2000);
    EXPECT_TRUE(contains(intro, "href=\"https://daklak.gov.vn/tra-cuu-don-vi/\"")) << intro;
    EXPECT_FALSE(contains(intro, "href=\"../../tra-cuu-don-vi/")) << intro;
    EXPECT_TRUE(contains(
        intro, "<link rel=\"canonical\" href=\"https://" + slug + ".daklak.gov.vn/gioi-thieu/\""))
        << intro.substr(0, 2000);
    // Nothing on a commune's page loads from another host (the CSP allows 'self' only).
    std::smatch m;
    EXPECT_FALSE(std::regex_search(intro, m, std::regex("src=\"https?://")))
        << m.str() << " in " << slug;
    // Its 404 page, served at any address of its host: the province by its absolute URL.
    const std::string not_found = slurp(commune / "404.html");
    EXPECT_TRUE(contains(not_found, "href=\"https://daklak.gov.vn/")) << not_found;
    EXPECT_TRUE(contains(not_found, "href=\"/assets/style.css\"")) << not_found;
    // The province site links to the commune on its host; the sitemap lists its host.
    const std::string lookup = slurp(site / "tra-cuu-don-vi/index.html");
    EXPECT_TRUE(contains(lookup, "href=\"https://" + slug + ".daklak.gov.vn/")) << slug;
    EXPECT_FALSE(contains(lookup, "href=\"../" + slug + "/"));
    const std::string sitemap = slurp(commune / "sitemap.xml");
    EXPECT_TRUE(contains(sitemap, "<loc>https://" + slug + ".daklak.gov.vn/")) << sitemap;
    // nginx: one server per commune host.
    const std::string conf = slurp(site / "nginx.conf");
    EXPECT_TRUE(contains(conf, "server_name " + slug + ".daklak.gov.vn;"));

    auto report = check::check_site(site, 1);
    EXPECT_GT(report.links, 100u);
    std::string problems;
    for (const auto& p : report.problems)
        problems += p.page.string() + ": " + p.kind + ": " + p.detail + "\n";
    EXPECT_TRUE(report.problems.empty()) << problems;

    // A broken link to the province host from a commune page is reported.
    std::string page = slurp(commune / "lien-he/index.html");
    page.replace(page.find("</main>"), 0,
                 "<a href=\"https://daklak.gov.vn/khong-co-trang-nay/\">x</a>");
    testing::write_text(commune / "lien-he/index.html", page);
    report = check::check_site(site, 1);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0].kind, "broken-link");
    EXPECT_EQ(report.problems[0].detail, "https://daklak.gov.vn/khong-co-trang-nay/");
}

}  // namespace
}  // namespace xasite
