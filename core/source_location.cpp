// SPDX-License-Identifier: Apache-2.0
#include "core/source_location.hpp"

#include <fmt/format.h>

namespace tracegate::core {

std::string to_string(const SourceLocation& where) {
  if (where.line <= 0) return where.path;
  if (where.column <= 0) return fmt::format("{}:{}", where.path, where.line);
  return fmt::format("{}:{}:{}", where.path, where.line, where.column);
}

}  // namespace tracegate::core
