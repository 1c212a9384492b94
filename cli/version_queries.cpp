// SPDX-License-Identifier: Apache-2.0
#include "cli/version_queries.hpp"

#include <fmt/format.h>

namespace tracegate::cli {

namespace {
struct Row {
  std::string_view ecosystem;
  QueryAnswerer answer;
};
// One row per ecosystem.
constexpr Row kAnswerers[] = {
    {"pypi", &answer_pypi_query},
    {"packagist", &answer_packagist_query},
    {"maven", &answer_maven_query},
    {"gradle", &answer_gradle_query},
};
}  // namespace

core::Result<QueryAnswerer> find_query_answerer(std::string_view ecosystem) {
  std::string known;
  for (const auto& row : kAnswerers) {
    if (row.ecosystem == ecosystem) return row.answer;
    known += known.empty() ? std::string(row.ecosystem) : ", " + std::string(row.ecosystem);
  }
  return core::fail(fmt::format("unknown ecosystem '{}' for versions (known: {})", ecosystem, known));
}

}  // namespace tracegate::cli
