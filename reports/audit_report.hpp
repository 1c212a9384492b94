// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/finding.hpp"
#include "core/repository_ref.hpp"

namespace tracegate::reports {

/// One scanned service and, when it uses the audited tracer, the release it runs and the target.
struct AuditedService {
  std::string name;
  core::RepositoryRef source;
  std::string path;
  bool uses_tracer = false;
  std::string current;  ///< empty when unknown
  std::string target;
};

/// What `tracegate audit` reports: the upgrade, the services, the findings and the diagnostics.
struct AuditReport {
  std::string tracer;   ///< knowledge-base id ("ddtrace")
  std::string package;  ///< as the user wrote it
  std::string target_version;
  std::vector<AuditedService> services;
  std::vector<core::Finding> findings;  ///< in report order (repository, service, file, line)
  std::vector<core::Diagnostic> diagnostics;
  /// When set (`agent probe`), the text summary line starts with this instead of
  /// "audit PKG@VERSION: N service(s) scanned, M use TRACER", and diagnostics are counted only if any.
  std::string headline;
  /// The command that made the report ("audit", "gate", "agent probe"): named by the
  /// markdown title, the JUnit root and the SARIF invocation.
  std::string command = "audit";
  /// `--fail-on`: unsuppressed findings at or above it fail the run; JUnit turns only those into
  /// <failure>s, the markdown summary counts them.
  core::Severity fail_on = core::Severity::error;
};

/// `path:line: error [check] message`, the causes and fix indented under it, then a summary
/// line. `color` adds ANSI severity colours.
void write_audit_text(const AuditReport& report, std::ostream& out, bool color);

/// JSON, `schema_version` 1 (docs/audit.md, docs/report.schema.json). Credentials in repository URLs
/// are redacted. Suppressed findings are listed with `suppressed: true` and their `suppression`.
void write_audit_json(const AuditReport& report, std::ostream& out);

/// "2 errors, 1 warning, 0 notes": counts by severity.
std::string severity_counts(const std::vector<core::Finding>& findings);

}  // namespace tracegate::reports
