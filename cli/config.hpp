// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/error.hpp"
#include "core/finding.hpp"
#include "core/suppression_rule.hpp"

namespace tracegate::cli {

using SeverityOverride = core::SeverityOverride;
using SuppressionRule = core::SuppressionRule;

/// tracegate.toml. Documented in docs/configuration.md; later issues add their tables.
struct Config {
  struct Scan {
    std::vector<std::string> exclude;            ///< fnmatch patterns on repository paths
    std::optional<std::uint64_t> max_file_size;  ///< bytes
    std::optional<int> jobs;
  } scan;
  struct Rules {
    std::vector<std::string> paths;  ///< extra knowledge directories, relative to the file
  } rules;

  /// `fail_on`: the lowest severity that fails the run (`--fail-on` wins).
  std::optional<core::Severity> fail_on;
  /// `[severity]`: check id -> new severity, or "off".
  std::map<std::string, SeverityOverride, std::less<>> severity;
  /// `[[suppress]]`, in file order (the first matching entry wins).
  std::vector<SuppressionRule> suppressions;
  /// `baseline`: resolved against the configuration file's directory (like rules.paths).
  std::optional<std::string> baseline;
};

/// Reads and parses a configuration file.
core::Result<Config> load_config_file(const std::string& path);

/// Parses `text` (read from `path`). Unknown keys, wrong types and syntax errors are errors
/// naming `path:line:col`.
core::Result<Config> parse_config(std::string_view text, std::string_view path);

/// Check ids named in `[severity]` and `[[suppress]].check` that `is_known` does not know (a
/// typo would otherwise silently override or suppress nothing): one error diagnostic each,
/// at the id in the file. `*` is always known. Kept apart from parse_config because the
/// catalog of check ids lives with the commands.
std::vector<core::Diagnostic> validate_check_ids(const Config& config,
                                                 const std::function<bool(std::string_view)>& is_known);

}  // namespace tracegate::cli
