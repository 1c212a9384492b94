// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace tracegate::cli {

/// One `--format NAME[=FILE]`; an empty file means stdout (or `--output`).
struct OutputTarget {
  std::string format;
  std::string file;
};

/// Splits the `--format` values; `--output` applies to the one format given without `=FILE`.
core::Result<std::vector<OutputTarget>> parse_output_targets(const std::vector<std::string>& formats,
                                                             const std::string& output, const std::string& fallback);

/// Runs `write` on stdout or on `target.file` (written whole, then renamed into place).
core::Result<void> write_output(const OutputTarget& target,
                                const std::function<core::Result<void>(std::ostream&)>& write);

}  // namespace tracegate::cli
