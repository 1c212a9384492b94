// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <string>
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

using TwoFieldAnswer = void (*)(std::string_view, std::string_view, std::string&);
using OneFieldAnswer = void (*)(std::string_view, std::string&);

/// The verbs every ecosystem answers: `cmp A B`, `in VERSION CONSTRAINT`, `norm VERSION`;
/// anything else (another verb, a wrong field count) answers `error`.
inline void answer_common_query(std::string_view line, std::string& out, TwoFieldAnswer cmp, TwoFieldAnswer in,
                                OneFieldAnswer norm) {
  std::array<std::string_view, 4> f;
  const auto n = split_fields(line, f);
  if (f[0] == "cmp" && n == 3) return cmp(f[1], f[2], out);
  if (f[0] == "in" && n == 3) return in(f[1], f[2], out);
  if (f[0] == "norm" && n == 2) return norm(f[1], out);
  out.append("error");
}

}  // namespace tracegate::cli
