// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace tracegate::core {

/// A calendar date (proleptic Gregorian), as suppression expiry dates and `--today` use it.
struct Date {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..days_in_month

  friend auto operator<=>(const Date&, const Date&) = default;
  friend bool operator==(const Date&, const Date&) = default;
};

bool is_leap_year(int year);
/// 0 when `month` is not 1..12.
int days_in_month(int year, int month);

/// A date from its parts; nullopt unless year 1..9999, month 1..12 and the day exists in
/// that month (2024-02-29 yes, 2023-02-29 no).
std::optional<Date> make_date(int year, int month, int day);

/// Strictly `YYYY-MM-DD`: four digits, two, two, ASCII hyphens, nothing around it, a day that
/// exists. "2025-1-05", "2025-01-05T00:00", " 2025-01-05" and "2025-02-30" are not dates.
std::optional<Date> parse_date(std::string_view text);

/// `YYYY-MM-DD`.
std::string to_string(const Date& date);

/// For `--today YYYY-MM-DD`: the date, or an error naming the flag and what it got.
Result<Date> parse_today(std::string_view text);

/// Today's date in UTC from the system clock; only for when `--today` is not given (tests
/// always pass a date).
Date today_utc();

}  // namespace tracegate::core
