// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "core/source_location.hpp"

namespace tracegate::core {

/// Something a reader could not read or understand; the scan goes on without it.
struct Diagnostic {
  enum class Level { error, warning };
  SourceLocation where;
  std::string message;
  Level level = Level::error;
  /// The repository `where.path` is relative to; filled in by the scan, empty inside readers.
  std::string repository;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// `path:line:col: error: message`.
std::string to_string(const Diagnostic& diagnostic);
std::string_view to_string(Diagnostic::Level level);

}  // namespace tracegate::core
