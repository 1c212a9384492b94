// SPDX-License-Identifier: Apache-2.0
#include "reports/report_formats.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tracegate::reports {

const std::vector<ReportFormat>& formats() {
  static const std::vector<ReportFormat> all{
      {"text", "aligned lines, file:line: severity [check] message; colours on a terminal (NO_COLOR)", false},
      {"json", "every field, schema_version 1 (docs/report.schema.json)", false},
      {"sarif", "SARIF 2.1.0 for code scanning: one rule per check, partialFingerprints, suppressions", true},
      {"junit", "JUnit XML: a testsuite per repository, a testcase per service, findings as failures", true},
      {"markdown", "a pull-request comment: counts, a table, collapsible details (< 65,000 characters)", true},
      {"github", "GitHub Actions workflow commands (::error file=…,line=…::), one per finding", true},
      {"gitlab", "GitLab Code Quality JSON (codequality report artifact)", true},
  };
  return all;
}

const ReportFormat* find_format(std::string_view name) {
  const auto& all = formats();
  const auto it = std::ranges::find(all, name, &ReportFormat::name);
  return it == all.end() ? nullptr : &*it;
}

std::string format_names() {
  std::string names;
  for (const auto& format : formats()) names += (names.empty() ? "" : ", ") + std::string(format.name);
  return names;
}

void write_format_list(std::ostream& out, bool findings) {
  for (const auto& format : formats()) {
    if (!findings && format.findings_only) continue;
    out << fmt::format("{:<9} {}\n", format.name, format.description);
  }
}

core::Result<void> write_report(std::string_view format, const AuditReport& report, std::ostream& out,
                                const WriteOptions& options) {
  if (format == "text") {
    write_audit_text(report, out, options.color);
  } else if (format == "json") {
    write_audit_json(report, out);
  } else if (format == "sarif") {
    write_sarif(report, out, options);
  } else if (format == "junit") {
    write_junit(report, out, options);
  } else if (format == "markdown") {
    write_markdown(report, out, options);
  } else if (format == "github") {
    write_github(report, out, options);
  } else if (format == "gitlab") {
    write_gitlab(report, out, options);
  } else {
    return core::fail(fmt::format("unknown format '{}' (known: {}; see --format list)", format, format_names()));
  }
  if (!out) return core::fail(fmt::format("writing the {} report failed", format));
  return {};
}

}  // namespace tracegate::reports
