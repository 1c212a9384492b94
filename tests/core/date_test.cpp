// SPDX-License-Identifier: Apache-2.0
#include "core/date.hpp"

#include <gtest/gtest.h>

namespace tracegate::core {
namespace {

TEST(Date, ParsesStrictIsoDates) {
  EXPECT_EQ(parse_date("2025-06-30"), (Date{2025, 6, 30}));
  EXPECT_EQ(parse_date("0001-01-01"), (Date{1, 1, 1}));
  EXPECT_EQ(parse_date("9999-12-31"), (Date{9999, 12, 31}));
  for (const char* bad : {"", "2025-6-30", "2025-06-3", "25-06-30", "2025/06/30", "2025-06-30 ", " 2025-06-30",
                          "2025-06-30T00:00:00", "2025-13-01", "2025-00-10", "2025-01-00", "2025-04-31",
                          "0000-01-01", "２０２５-01-01", "2025-0a-01", "+025-01-01", "2025--1-01"}) {
    EXPECT_FALSE(parse_date(bad)) << bad;
  }
}

TEST(Date, LeapYears) {
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_TRUE(parse_date("2000-02-29"));  // divisible by 400
  EXPECT_FALSE(parse_date("1900-02-29"));  // divisible by 100, not 400
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2024-02-30"));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2100, 2), 28);
  EXPECT_EQ(days_in_month(2025, 13), 0);
}

TEST(Date, ComparesAndPrints) {
  EXPECT_LT(*parse_date("2025-06-30"), *parse_date("2025-07-01"));
  EXPECT_LT(*parse_date("2024-12-31"), *parse_date("2025-01-01"));
  EXPECT_EQ(*parse_date("2025-06-30"), *parse_date("2025-06-30"));
  EXPECT_EQ(to_string(Date{7, 3, 4}), "0007-03-04");
  EXPECT_EQ(to_string(*parse_date("2025-06-30")), "2025-06-30");
}

TEST(Date, ParseTodayNamesTheFlag) {
  ASSERT_TRUE(parse_today("2025-01-31"));
  EXPECT_EQ(*parse_today("2025-01-31"), (Date{2025, 1, 31}));
  auto bad = parse_today("2025-02-29");
  ASSERT_FALSE(bad);
  EXPECT_EQ(to_string(bad.error()), "--today must be a date YYYY-MM-DD that exists (got '2025-02-29')");
}

}  // namespace
}  // namespace tracegate::core
