#include "core/date.hpp"

#include <gtest/gtest.h>

using namespace xasite;

TEST(Date, AcceptsRealDays) {
    EXPECT_TRUE(date::is_iso_date("2025-07-01"));
    EXPECT_TRUE(date::is_iso_date("2024-02-29"));  // leap year
    EXPECT_TRUE(date::is_iso_date("2000-02-29"));  // divisible by 400
    EXPECT_TRUE(date::is_iso_date("2025-12-31"));
    auto d = date::parse_iso("2025-06-14");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->year, 2025);
    EXPECT_EQ(d->month, 6);
    EXPECT_EQ(d->day, 14);
}

TEST(Date, RejectsImpossibleDays) {
    EXPECT_FALSE(date::is_iso_date("2025-13-45"));
    EXPECT_FALSE(date::is_iso_date("2025-02-29"));  // not a leap year
    EXPECT_FALSE(date::is_iso_date("1900-02-29"));  // divisible by 100, not by 400
    EXPECT_FALSE(date::is_iso_date("2025-04-31"));
    EXPECT_FALSE(date::is_iso_date("2025-00-10"));
    EXPECT_FALSE(date::is_iso_date("2025-01-00"));
    EXPECT_FALSE(date::is_iso_date("0000-01-01"));
}

TEST(Date, RejectsOtherShapes) {
    EXPECT_FALSE(date::is_iso_date(""));
    EXPECT_FALSE(date::is_iso_date("2025-7-1"));
    EXPECT_FALSE(date::is_iso_date("01-07-2025"));
    EXPECT_FALSE(date::is_iso_date("2025/07/01"));
    EXPECT_FALSE(date::is_iso_date("2025-07-01 "));
    EXPECT_FALSE(date::is_iso_date("2025-07-0x"));
    EXPECT_FALSE(date::is_iso_date("２０２５-07-01"));
}

TEST(Date, DaysInMonth) {
    EXPECT_EQ(date::days_in_month(2024, 2), 29);
    EXPECT_EQ(date::days_in_month(2025, 2), 28);
    EXPECT_EQ(date::days_in_month(2025, 9), 30);
    EXPECT_EQ(date::days_in_month(2025, 13), 0);
    static_assert(date::is_iso_date("2024-02-29"));
}
