// Registry::lookup, lookup_json and run_units_lookup on the real data.
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "generator/units/lookup_command.hpp"
#include "units_test_support.hpp"

namespace xasite::units {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::real_registry;

// "commune:24169>24169" / "district:653>24448*,…" (* = partial)
std::vector<std::string> describe(const std::vector<LookupMatch>& matches) {
    std::vector<std::string> out;
    for (const LookupMatch& m : matches) {
        EXPECT_NE(m.commune == nullptr, m.district == nullptr);
        std::string s = m.commune ? "commune:" + m.commune->code : "district:" + m.district->code;
        std::string sep = ">";
        for (const Successor& succ : m.successors) {
            s += sep + succ.unit->code + (succ.partial ? "*" : "");
            sep = ",";
        }
        out.push_back(s);
    }
    return out;
}

std::vector<std::string> lookup(std::string_view q) {
    return describe(real_registry().lookup(q));
}

TEST(UnitsLookup, CommuneWithTypeWord) {
    EXPECT_THAT(lookup("xa ea kao"), ElementsAre("commune:24169>24169"));
    EXPECT_THAT(lookup("Xã Ea Kao"), ElementsAre("commune:24169>24169"));
    EXPECT_THAT(lookup("x. eakao"), ElementsAre("commune:24169>24169"));
}

TEST(UnitsLookup, CommuneAndDistrictOfTheSameName) {
    // Huyện Ea H'leo (645) and Xã Ea H'leo (24184): district first (by code), with its successors.
    std::vector<std::string> expected = {
        "district:645>24181*,24184*,24187*,24193*,24208*",
        "commune:24184>24184",
    };
    EXPECT_EQ(lookup("ea hleo"), expected);
    EXPECT_EQ(lookup("EA H’LEO"), expected);
    EXPECT_EQ(lookup("Ea H'Leo"), expected);
}

TEST(UnitsLookup, RenamedCommune) {
    EXPECT_THAT(lookup("krong na"), ElementsAre("commune:24235>24235"));
    EXPECT_THAT(lookup("Krông Na"), ElementsAre("commune:24235>24235"));
}

TEST(UnitsLookup, DistrictWithTypeWord) {
    EXPECT_THAT(lookup("huyen krong bong"),
                ElementsAre("district:653>24448*,24454*,24472*,24478*,24484*"));
    EXPECT_THAT(lookup("tp buon ma thuot"),
                ElementsAre("district:643>24121*,24133*,24154*,24163*,24169*,24175*"));
    EXPECT_THAT(lookup("TP. Buôn Ma Thuột"), ElementsAre(lookup("tp buon ma thuot")[0]));
    EXPECT_THAT(lookup("thi xa buon ho"), ElementsAre("district:644>24305*,24328*,24340*"));
}

TEST(UnitsLookup, NamesakesAcrossProvinces) {
    // Hòa Thắng in Phú Hòa (22324 → Xã Phú Hòa 1) and in Buôn Ma Thuột (24166 → Phường Tân Lập).
    EXPECT_THAT(lookup("Hoa Thang"), ElementsAre("commune:22324>22319", "commune:24166>24121"));
}

TEST(UnitsLookup, ExactSpellingComesFirst) {
    EXPECT_THAT(lookup("Hòa Đông"), ElementsAre("commune:24517>24505", "commune:22276>22276"));
    EXPECT_THAT(lookup("Hòa Đồng"), ElementsAre("commune:22276>22276", "commune:24517>24505"));
    EXPECT_THAT(lookup("hoa dong"), ElementsAre("commune:22276>22276", "commune:24517>24505"));
}

TEST(UnitsLookup, TypeWordChoosesBetweenNamesakes) {
    EXPECT_THAT(lookup("xa ea tam"), ElementsAre("commune:24352>24352"));
    EXPECT_THAT(lookup("phuong ea tam"), ElementsAre("commune:24151>24169"));
    EXPECT_THAT(lookup("ea tam"), ElementsAre("commune:24151>24169", "commune:24352>24352"));
    // A type word of the wrong kind still finds the commune (a thị trấn may have become a phường).
    EXPECT_THAT(lookup("thi tran ea kao"), ElementsAre("commune:24169>24169"));
    EXPECT_THAT(lookup("tt. Ea Kar"), ElementsAre("commune:24373>24373"));
}

TEST(UnitsLookup, DistrictTypeWordExcludesCommunes) {
    EXPECT_THAT(lookup("huyen buon don"), ElementsAre("district:647>24235*,24241*,24250*"));
    EXPECT_EQ(lookup("buon don"), lookup("huyen buon don"));
    // No old commune is called Buôn Đôn: "xã Buôn Đôn" falls back to the district.
    EXPECT_EQ(lookup("xa buon don"), lookup("huyen buon don"));
    // Krông Búk is a commune (of Krông Pắc) and a district.
    EXPECT_THAT(lookup("krong buk"),
                ElementsAre("district:649>24310*,24313*,24316*", "commune:24493>24496"));
    EXPECT_THAT(lookup("xa krong buk"), ElementsAre("commune:24493>24496"));
    EXPECT_THAT(lookup("huyen krong buk"), ElementsAre("district:649>24310*,24313*,24316*"));
}

TEST(UnitsLookup, SplitCommuneShowsEverySuccessorAsPartial) {
    EXPECT_THAT(lookup("phường 9"), ElementsAre("commune:22024>22015*,22045*"));
    EXPECT_THAT(lookup("Ea Bhốk"), ElementsAre("commune:24550>24544*,24561*"));
}

TEST(UnitsLookup, NearSpellingOnlyWhenNothingElseMatches) {
    EXPECT_THAT(lookup("Ea Hding"), ElementsAre("commune:24274>24280"));  // Ea H'đinh
    EXPECT_THAT(lookup("Hoa Thinhh"), ElementsAre("commune:22294>22276"));
    EXPECT_THAT(lookup("Phuong 8"), IsEmpty());      // short keys are never guessed
    EXPECT_THAT(lookup("Xuan Quang 4"), IsEmpty());  // numbers are never changed
    EXPECT_THAT(lookup("Ea Kaoo Kaoo"), IsEmpty());  // distance 2+
}

TEST(UnitsLookup, NothingMatches) {
    EXPECT_THAT(lookup("qwertyuiop"), IsEmpty());
    EXPECT_THAT(lookup(""), IsEmpty());
    EXPECT_THAT(lookup("   "), IsEmpty());
    EXPECT_THAT(lookup("xã"), IsEmpty());
    EXPECT_THAT(lookup("\xff\xfe"), IsEmpty());
    EXPECT_THAT(lookup("Hà Nội"), IsEmpty());
}

TEST(UnitsLookupJson, ExactShapeForACommune) {
    nlohmann::json expected = nlohmann::json::parse(R"({
        "query": "xa ea kao",
        "matches": [{
            "old": {"code": "24169", "name": "Xã Ea Kao", "type": "Xã",
                    "district": "Thành phố Buôn Ma Thuột"},
            "new": [{"code": "24169", "name": "Phường Ea Kao", "type": "phường", "partial": false}]
        }]
    })");
    EXPECT_EQ(lookup_json(real_registry(), "xa ea kao"), expected);
}

TEST(UnitsLookupJson, ExactShapeForADistrictAndASplitCommune) {
    nlohmann::json district = lookup_json(real_registry(), "huyện Lắk");
    nlohmann::json expected = nlohmann::json::parse(R"({
        "query": "huyện Lắk",
        "matches": [{
            "old": {"code": "656", "name": "Huyện Lắk", "type": "Huyện", "district": null},
            "new": [
                {"code": "24580", "name": "Xã Liên Sơn Lắk", "type": "xã", "partial": true},
                {"code": "24595", "name": "Xã Đắk Liêng", "type": "xã", "partial": true},
                {"code": "24598", "name": "Xã Đắk Phơi", "type": "xã", "partial": true},
                {"code": "24604", "name": "Xã Krông Nô", "type": "xã", "partial": true},
                {"code": "24607", "name": "Xã Nam Ka", "type": "xã", "partial": true}
            ]
        }]
    })");
    EXPECT_EQ(district, expected);

    nlohmann::json p9 = lookup_json(real_registry(), "Phường 9");
    ASSERT_EQ(p9["matches"].size(), 1u);
    EXPECT_EQ(p9["matches"][0]["old"]["district"], "Thành phố Tuy Hoà");
    EXPECT_EQ(p9["matches"][0]["new"][0]["name"], "Phường Tuy Hòa");
    EXPECT_EQ(p9["matches"][0]["new"][0]["partial"], true);
    EXPECT_EQ(p9["matches"][0]["new"][1]["name"], "Phường Bình Kiến");
}

TEST(UnitsLookupJson, NoMatchesAndInvalidUtf8Query) {
    EXPECT_EQ(lookup_json(real_registry(), "qwerty"),
              nlohmann::json::parse(R"({"query": "qwerty", "matches": []})"));
    nlohmann::json bad = lookup_json(real_registry(), "ea\xff");
    EXPECT_EQ(bad["query"], "ea\xef\xbf\xbd");
    EXPECT_NO_THROW((void)bad.dump());
}

TEST(UnitsLookupCommand, HumanText) {
    std::ostringstream out;
    int status = run_units_lookup(real_registry(), {"xa ea kao", "phường 9"}, false, out);
    EXPECT_EQ(status, 0);
    EXPECT_EQ(out.str(),
              "xa ea kao:\n"
              "  Xã Ea Kao (Thành phố Buôn Ma Thuột, tỉnh Đắk Lắk, mã 24169) → Phường Ea Kao "
              "(24169)\n"
              "\n"
              "phường 9:\n"
              "  Phường 9 (Thành phố Tuy Hoà, tỉnh Phú Yên, mã 22024) → Phường Tuy Hòa (22015) "
              "(một phần), Phường Bình Kiến (22045) (một phần)\n");
}

TEST(UnitsLookupCommand, NotFoundSetsStatusOne) {
    std::ostringstream out;
    EXPECT_EQ(run_units_lookup(real_registry(), {"krong na", "qwerty"}, false, out), 1);
    EXPECT_EQ(out.str(),
              "krong na:\n"
              "  Xã Krông Na (Huyện Buôn Đôn, tỉnh Đắk Lắk, mã 24235) → Xã Buôn Đôn (24235)\n"
              "\n"
              "qwerty:\n"
              "  không tìm thấy\n");
}

TEST(UnitsLookupCommand, JsonOneDocumentPerLine) {
    std::ostringstream out;
    EXPECT_EQ(run_units_lookup(real_registry(), {"xa ea kao", "qwerty"}, true, out), 1);
    std::istringstream lines(out.str());
    std::string line;
    std::vector<nlohmann::json> docs;
    while (std::getline(lines, line))
        docs.push_back(nlohmann::json::parse(line));
    ASSERT_EQ(docs.size(), 2u);
    EXPECT_EQ(docs[0], lookup_json(real_registry(), "xa ea kao"));
    EXPECT_EQ(docs[1]["matches"], nlohmann::json::array());

    std::ostringstream all_found;
    EXPECT_EQ(run_units_lookup(real_registry(), {"ea hleo"}, true, all_found), 0);
}

}  // namespace
}  // namespace xasite::units
