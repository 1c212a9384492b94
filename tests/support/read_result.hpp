// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "scanner/manifest_reader.hpp"

namespace tracegate::testing {

/// Every diagnostic of `result` as `path:line:col: level: message`, so tests assert the
/// whole text, location included.
inline std::vector<std::string> messages(const scanner::ReadResult& result) {
  std::vector<std::string> out;
  for (const auto& diagnostic : result.diagnostics) out.push_back(core::to_string(diagnostic));
  return out;
}

}  // namespace tracegate::testing
