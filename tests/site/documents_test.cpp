#include "generator/site/documents.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace xasite;
using namespace xasite::site;

namespace {

const units::Registry& registry() {
    static const units::Registry r =
        units::Registry::load(xasite::testing::content_dir() / "units/daklak-units.json");
    return r;
}

directives::Metadata meta_with(std::vector<std::string> recipients,
                               std::vector<std::string> distribution = {},
                               std::string issuer = "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK") {
    directives::Metadata m;
    m.recipients = std::move(recipients);
    m.distribution = std::move(distribution);
    m.issuer = std::move(issuer);
    return m;
}

}  // namespace

TEST(Addressees, CommunesInGeneral) {
    EXPECT_TRUE(addressees(meta_with({"Các sở, ban, ngành", "UBND các xã, phường"}), registry())
                    .all_communes);
    EXPECT_TRUE(
        addressees(meta_with({}, {"- UBND các xã, phường, thị trấn;"}), registry()).all_communes);
    EXPECT_TRUE(addressees(meta_with({"Ủy ban nhân dân các phường, xã"}), registry()).all_communes);
    // Districts, towns and cities are not communes.
    auto a = addressees(meta_with({"UBND các huyện, thị xã, thành phố", "Viễn Thông Đắk Lắk"}),
                        registry());
    EXPECT_FALSE(a.all_communes);
    EXPECT_TRUE(a.units.empty());
}

TEST(Addressees, NamedCommunesWithOrWithoutDiacritics) {
    auto a = addressees(
        meta_with({"UBND xã Ea Kar", "Ủy ban nhân dân phường Tân An", "UBND xa Ea H'Leo"}),
        registry());
    EXPECT_FALSE(a.all_communes);
    EXPECT_EQ(a.units, (std::set<std::string>{"24373", "24163", "24184"}));
}

TEST(Addressees, ANamedOldTownIsNotTheNewWard) {
    // "thị xã Sông Cầu" is the dissolved town; phường Sông Cầu is named "phường Sông Cầu".
    auto a = addressees(meta_with({"UBND thị xã Sông Cầu"}), registry());
    EXPECT_TRUE(a.units.empty());
    // "xã Phú Hòa 1" must not also match xã Phú Hòa 2, nor "xã Ea Kar" match "xã Ea Kar 2"-like
    // names.
    auto b = addressees(meta_with({"UBND xã Phú Hòa 1"}), registry());
    EXPECT_EQ(b.units, (std::set<std::string>{"22319"}));
}

TEST(Addressees, TheIssuingCommunePublishesItsOwnDocument) {
    auto a =
        addressees(meta_with({"Các thôn, buôn"}, {}, "ỦY BAN NHÂN DÂN XÃ EA KNỐP"), registry());
    EXPECT_EQ(a.units, (std::set<std::string>{"24376"}));
}
