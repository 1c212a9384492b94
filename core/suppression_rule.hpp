// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/finding.hpp"
#include "core/source_location.hpp"

namespace tracegate::core {

/// Checks about tracegate.toml itself. They are always reported: no severity override,
/// suppression or baseline applies to them.
inline constexpr std::string_view kSuppressionExpiredCheck = "suppression-expired";
inline constexpr std::string_view kSuppressionUnusedCheck = "suppression-unused";
inline bool is_configuration_check(std::string_view check_id) {
  return check_id == kSuppressionExpiredCheck || check_id == kSuppressionUnusedCheck;
}

/// `[severity] <check> = "error"|"warning"|"note"|"off"` in tracegate.toml.
struct SeverityOverride {
  std::optional<Severity> severity;  ///< nullopt: "off", the check's findings are dropped
  SourceLocation where;              ///< the key in tracegate.toml
};

/// One `[[suppress]]` entry of tracegate.toml. Every criterion that is set must match.
struct SuppressionRule {
  std::string check;                   ///< a check id, or "*" for every check
  std::optional<std::string> service;  ///< exact service name or fnmatch glob
  std::optional<std::string> path;     ///< fnmatch glob on the repository-relative file (or a parent directory)
  std::optional<std::string> rule;     ///< knowledge-base rule id or fnmatch glob
  std::string reason;                  ///< never empty
  std::optional<Date> expires;         ///< last day it applies; none: never expires
  SourceLocation where;                ///< the entry (`[[suppress]]` header) in tracegate.toml
  SourceLocation check_where;          ///< the `check` value, for errors about the id
};

}  // namespace tracegate::core
