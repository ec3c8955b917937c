// The procedure catalogue as the sites publish it, on the real records of content/procedures and
// the province's content/procedure-scope.json.
#include "generator/site/catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/text.hpp"
#include "test_support.hpp"

using namespace xasite;
using namespace xasite::site;

namespace {

struct Real {
    content::Content content = content::Content::load(xasite::testing::content_dir());
    Catalog cat = Catalog::build(content, "2026-12-01");
    std::size_t index(const std::string& code) const {
        for (std::size_t i = 0; i < content.procedures.size(); ++i)
            if (content.procedures[i].code == code) return i;
        return content.procedures.size();
    }
    bool listed(std::size_t i) const {
        return std::find(cat.listed.begin(), cat.listed.end(), i) != cat.listed.end();
    }
};

const Real& real() {
    static const Real r;
    return r;
}

}  // namespace

TEST(Catalog, CommuneSitesListNoCustomsTaxBorderOrOtherProvinces) {
    const auto& r = real();
    for (std::size_t i : r.cat.listed) {
        const auto& p = r.content.procedures[i];
        EXPECT_NE(p.field, "Hải quan") << p.code;
        EXPECT_NE(p.field, "Thuế") << p.code;
        EXPECT_NE(p.field, "Quản lý biên giới") << p.code;
        EXPECT_FALSE(text::starts_with_ci_folded(p.name, "lao cai -")) << p.code;
        EXPECT_FALSE(text::starts_with_ci_folded(p.name, "(ha noi)")) << p.code;
        EXPECT_TRUE(is_national_code(p.code)) << p.code;
    }
    // Customs and tax stay on the province site, saying who receives them.
    std::size_t customs = r.index("1.000005");
    ASSERT_LT(customs, r.content.procedures.size());
    if (r.content.procedures[customs].field == "Hải quan") {
        EXPECT_EQ(r.cat.elsewhere_of[customs].rule, "hai-quan");
        EXPECT_NE(
            r.cat.views[customs]["procedure"]["elsewhere"]["receiver"].get<std::string>().find(
                "Hải quan"),
            std::string::npos);
    }
    std::size_t hai_quan = 0, thue = 0;
    for (const auto& [rule, n] : r.cat.report.excluded_by_rule) {
        if (rule == "hai-quan") hai_quan = n;
        if (rule == "thue") thue = n;
    }
    EXPECT_EQ(hai_quan, 104u);
    EXPECT_EQ(thue, 95u);
    // 74 named at the start ("Lào Cai - …", "(Hà Nội) …"), 56 at the end ("(cấp xã - tỉnh Phú
    // Thọ)", "(TPCT)", "… tỉnh Lào Cai", "… tại Thành phố Hồ Chí Minh") or as "trên địa bàn tỉnh
    // …".
    EXPECT_EQ(r.cat.report.other_province.size(), 130u);
}

TEST(Catalog, MalformedCodesAreReportedAndNotPublished) {
    const auto& r = real();
    EXPECT_FALSE(is_national_code("1.0133611"));
    EXPECT_FALSE(is_national_code("1.01336"));
    EXPECT_FALSE(is_national_code("a.001193"));
    EXPECT_TRUE(is_national_code("1.001193"));
    std::size_t bad = r.index("1.0133611");
    ASSERT_LT(bad, r.content.procedures.size());
    EXPECT_FALSE(r.listed(bad));
    EXPECT_EQ(std::count(r.cat.not_listed.begin(), r.cat.not_listed.end(), bad), 0);
    EXPECT_EQ(std::count(r.cat.retired.begin(), r.cat.retired.end(), bad), 0);
    EXPECT_EQ(r.cat.report.malformed, std::vector<std::size_t>{bad});
}

TEST(Catalog, SameNameRecordsAreFlaggedOnTheirPages) {
    const auto& r = real();
    EXPECT_EQ(r.cat.report.same_name.size(), 62u);
    for (const auto& group : r.cat.report.same_name) {
        ASSERT_GE(group.size(), 2u);
        for (std::size_t i : group)
            EXPECT_EQ(r.cat.views[i]["procedure"]["same_name"].size(), group.size() - 1)
                << r.content.procedures[i].code;
    }
}

TEST(Catalog, BoundaryFreeNeverOverridesARecordThatNamesThePlace) {
    const auto& r = real();
    ASSERT_FALSE(r.cat.report.place_restricted.empty());
    for (std::size_t i : r.cat.report.place_restricted) {
        EXPECT_FALSE(r.cat.boundary_free_of[i]) << r.content.procedures[i].code;
        EXPECT_FALSE(r.cat.views[i]["procedure"]["place_restriction"].is_null());
    }
    // Khai sinh (1.001193) names no restricting place and is filed anywhere under the plan.
    std::size_t ks = r.index("1.001193");
    EXPECT_TRUE(r.listed(ks));
    EXPECT_TRUE(r.cat.boundary_free_of[ks]);
}

TEST(Catalog, SummaryGivesPapersFeeTimeAndTheOnlineLevel) {
    const auto& r = real();
    const auto& v = r.cat.views[r.index("1.001193")]["procedure"];
    const auto& summary = v["summary"];
    ASSERT_FALSE(summary["papers"]["items"].empty());
    EXPECT_LE(summary["papers"]["items"].size(), 3u);
    for (const auto& item : summary["papers"]["items"])
        EXPECT_LE(item["name"].get<std::string>().size(), 90u) << item["name"];
    EXPECT_FALSE(summary["times"].empty());
    EXPECT_EQ(v["online"], "partial");
    EXPECT_EQ(v["online_label"], "Dịch vụ công trực tuyến một phần");
    // Dates are the record's, never the build's.
    EXPECT_EQ(v["updated_iso"], "2026-04-15");
    EXPECT_EQ(v["published_iso"], "2019-07-31");
}

TEST(Catalog, FullOnlineLevelIsShownWhereARecordSaysSo) {
    // No record of content/procedures is "full" today; a record that is gets the toàn trình label
    // and facet.
    content::Content c = content::Content::load(xasite::testing::content_dir());
    std::size_t ks = 0;
    for (; ks < c.procedures.size(); ++ks)
        if (c.procedures[ks].code == "1.001193") break;
    c.procedures[ks].online_level = procedures::OnlineLevel::full;
    Catalog cat = Catalog::build(c, "2026-12-01");
    EXPECT_EQ(cat.views[ks]["procedure"]["online_label"], "Dịch vụ công trực tuyến toàn trình");
    EXPECT_TRUE(cat.views[ks]["procedure"]["online_full"].get<bool>());
    auto facet = std::find_if(cat.facets.begin(), cat.facets.end(),
                              [](const Facet& f) { return f.slug == "truc-tuyen-toan-trinh"; });
    ASSERT_NE(facet, cat.facets.end());
    EXPECT_NE(std::find(facet->listed.begin(), facet->listed.end(), ks), facet->listed.end());
}
