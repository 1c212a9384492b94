// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include "core/redact.hpp"
#include "reports/audit_report.hpp"

namespace tracegate::reports {

namespace {

std::string_view colour(core::Severity severity) {
  switch (severity) {
    case core::Severity::error: return "\x1b[31m";
    case core::Severity::warning: return "\x1b[33m";
    case core::Severity::note: return "\x1b[36m";
  }
  return "";
}

/// `repository/file:line` so a fleet report names the repository each finding is in.
std::string place(const core::Finding& finding) {
  std::string text = core::redact_credentials(finding.source.name.empty() ? finding.source.repository : finding.source.name);
  if (!finding.location.path.empty()) text += "/" + finding.location.path;
  if (finding.location.line > 0) text += fmt::format(":{}", finding.location.line);
  return text;
}

}  // namespace

std::string severity_counts(const std::vector<core::Finding>& findings) {
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& finding : findings) ++counts[static_cast<int>(finding.severity)];
  auto plural = [](std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); };
  return fmt::format("{}, {}, {}", plural(counts[2], "error"), plural(counts[1], "warning"), plural(counts[0], "note"));
}

void write_audit_text(const AuditReport& report, std::ostream& out, bool color) {
  for (const auto& finding : report.findings) {
    const auto severity = core::to_string(finding.severity);
    out << place(finding) << ": " << (color ? colour(finding.severity) : "") << severity << (color ? "\x1b[0m" : "")
        << " [" << finding.check_id << "] " << core::redact_credentials(finding.message) << "  (" << finding.service << ")\n";
    for (const auto& cause : finding.causes) out << "    because " << core::redact_credentials(cause) << '\n';
    if (finding.fix) out << "    fix: " << *finding.fix << '\n';
  }
  for (const auto& diagnostic : report.diagnostics) {
    out << core::redact_credentials(diagnostic.repository.empty() ? "" : diagnostic.repository + ": ")
        << core::redact_credentials(core::to_string(diagnostic)) << '\n';
  }
  std::size_t audited = 0;
  for (const auto& service : report.services) audited += service.uses_tracer ? 1 : 0;
  out << fmt::format("audit {}@{}: {} service(s) scanned, {} use {}; {}; {} diagnostic(s)\n", report.package,
                     report.target_version, report.services.size(), audited, report.tracer,
                     severity_counts(report.findings), report.diagnostics.size());
}

}  // namespace tracegate::reports
