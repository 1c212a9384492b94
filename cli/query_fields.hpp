// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace tracegate::cli {

/// Splits a `tracegate versions` query line on tabs into at most 4 fields; returns the field
/// count (4 means "too many"). Shared by every ecosystem's answerer.
inline std::size_t split_fields(std::string_view line, std::array<std::string_view, 4>& fields) {
  std::size_t count = 0;
  std::size_t start = 0;
  while (count < fields.size()) {
    const auto tab = line.find('\t', start);
    fields[count++] = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (tab == std::string_view::npos) return count;
    start = tab + 1;
  }
  return count + 1;
}

}  // namespace tracegate::cli
