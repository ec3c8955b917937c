#include "generator/site/format.hpp"

#include <gtest/gtest.h>

using namespace xasite::site;

TEST(Format, VietnameseDatesAndNumbers) {
    EXPECT_EQ(date_vi("2025-07-01"), "01/07/2025");
    EXPECT_EQ(date_vi("2025-07"), "07/2025");
    EXPECT_EQ(date_vi(""), "");
    EXPECT_EQ(integer_vi(3346853), "3.346.853");
    EXPECT_EQ(integer_vi(129), "129");
    EXPECT_EQ(decimal_vi(33.77), "33,77");
    EXPECT_EQ(decimal_vi(1118.35), "1.118,35");
    EXPECT_EQ(decimal_vi(60.7), "60,7");
    EXPECT_EQ(decimal_vi(100.0), "100");
    EXPECT_EQ(days_between("2025-07-01", "2025-12-30"), 182);
    EXPECT_FALSE(days_between("2025-07", "2025-12-30").has_value());
    EXPECT_EQ(rfc3339("2025-07-01"), "2025-07-01T00:00:00Z");
}
