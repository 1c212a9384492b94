// SPDX-License-Identifier: Apache-2.0
#include "core/diagnostic.hpp"

#include <fmt/format.h>

namespace tracegate::core {

std::string_view to_string(Diagnostic::Level level) {
  return level == Diagnostic::Level::error ? "error" : "warning";
}

std::string to_string(const Diagnostic& diagnostic) {
  return fmt::format("{}: {}: {}", to_string(diagnostic.where), to_string(diagnostic.level),
                     diagnostic.message);
}

}  // namespace tracegate::core
