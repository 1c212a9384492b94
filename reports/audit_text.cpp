// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <functional>

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

namespace {

/// One line per check that occurs, in aligned columns: severity, count, check id.
void write_check_table(const AuditReport& report, std::ostream& out, bool color) {
  struct Row {
    core::Severity severity;
    std::string check;
    std::size_t count = 0;
    std::size_t suppressed = 0;
  };
  std::vector<Row> rows;
  for (const auto& finding : report.findings) {
    auto it = std::ranges::find_if(rows, [&](const Row& r) { return r.check == finding.check_id && r.severity == finding.severity; });
    if (it == rows.end()) it = rows.insert(rows.end(), Row{finding.severity, finding.check_id});
    ++(finding.suppression ? it->suppressed : it->count);
  }
  std::ranges::stable_sort(rows, std::greater<>{}, &Row::severity);
  std::size_t width = 1;
  for (const auto& row : rows) width = std::max(width, fmt::formatted_size("{}", row.count));
  for (const auto& row : rows) {
    const auto severity = core::to_string(row.severity);
    out << "  " << (color ? colour(row.severity) : "") << fmt::format("{:<7}", severity) << (color ? "\x1b[0m" : "")
        << fmt::format(" {:>{}}  {}", row.count, width, row.check);
    if (row.suppressed > 0) out << fmt::format(" (+{} suppressed)", row.suppressed);
    out << '\n';
  }
}

}  // namespace

void write_audit_text(const AuditReport& report, std::ostream& out, bool color) {
  // `file:line: severity [check] message` stays one compiler-style line (editors and CI log
  // parsers read it); the per-check table after the findings is the aligned part.
  for (const auto& finding : report.findings) {
    const auto severity = core::to_string(finding.severity);
    out << place(finding) << ": " << (color ? colour(finding.severity) : "") << severity << (color ? "\x1b[0m" : "")
        << " [" << finding.check_id << "] " << core::redact_credentials(finding.message) << "  (" << finding.service << ")\n";
    for (const auto& cause : finding.causes) out << "    because " << core::redact_credentials(cause) << '\n';
    if (finding.fix) out << "    fix: " << core::redact_credentials(*finding.fix) << '\n';
    if (finding.suppression) {
      const auto& suppression = *finding.suppression;
      out << "    suppressed " << (suppression.kind == core::Suppression::Kind::baseline ? "by the baseline" : "by config");
      if (!suppression.where.path.empty()) out << " (" << core::redact_credentials(core::to_string(suppression.where)) << ")";
      if (!suppression.reason.empty()) out << ": " << core::redact_credentials(suppression.reason);
      if (!suppression.expires.empty()) out << "; until " << suppression.expires;
      out << '\n';
    }
  }
  if (report.findings.size() > 1) write_check_table(report, out, color);
  for (const auto& diagnostic : report.diagnostics) {
    out << core::redact_credentials(diagnostic.repository.empty() ? "" : diagnostic.repository + ": ")
        << core::redact_credentials(core::to_string(diagnostic)) << '\n';
  }
  if (!report.headline.empty()) {
    out << core::redact_credentials(report.headline) << "; " << severity_counts(report.findings);
    if (!report.diagnostics.empty()) out << fmt::format("; {} diagnostic(s)", report.diagnostics.size());
    out << '\n';
    return;
  }
  std::size_t audited = 0;
  for (const auto& service : report.services) audited += service.uses_tracer ? 1 : 0;
  out << fmt::format("audit {}@{}: {} service(s) scanned, {} use {}; {}; {} diagnostic(s)\n", report.package,
                     report.target_version, report.services.size(), audited, report.tracer,
                     severity_counts(report.findings), report.diagnostics.size());
}

}  // namespace tracegate::reports
