// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace tracegate::core {

/// A place in a repository file. `line` and `column` are 1-based; 0 means unknown.
struct SourceLocation {
  std::string path;
  int line = 0;
  int column = 0;

  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

/// `path:line:col` (parts that are unknown are left out), as compilers print it.
std::string to_string(const SourceLocation& where);

}  // namespace tracegate::core
