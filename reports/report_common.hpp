// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "reports/audit_report.hpp"

// Helpers the report writers share (reports/*.cpp); not part of the reports interface.
namespace tracegate::reports::detail {

/// Not suppressed and at or above the report's --fail-on.
bool fails(const AuditReport& report, const core::Finding& finding);

/// How a report names a repository: its directory name, else its path or URL; redacted.
std::string repository_label(const core::RepositoryRef& source);

/// The finding's file as CI annotations want it: relative to the working directory (the CI
/// workspace). A repository given as a relative path (or an absolute one under the working
/// directory) is prefixed ("fleet/api/pyproject.toml"); otherwise the repository-relative path.
std::string workspace_path(const core::Finding& finding);

/// `text` as valid UTF-8: invalid bytes become U+FFFD.
std::string valid_utf8(std::string_view text);

/// `file:line: severity [check] message`, the compiler-style line (redacted).
std::string finding_line(const core::Finding& finding);

/// The message, then "fix: …" when there is one (redacted).
std::string message_with_fix(const core::Finding& finding);

/// Counts of unsuppressed findings by severity (index: core::Severity) and of suppressed ones.
struct Counts {
  std::size_t by_severity[3] = {0, 0, 0};
  std::size_t suppressed = 0;
  std::size_t failing = 0;
};
Counts count(const AuditReport& report);

/// The repositories of the report's services and findings, in first-seen order (services first).
std::vector<core::RepositoryRef> repositories(const AuditReport& report);

}  // namespace tracegate::reports::detail
