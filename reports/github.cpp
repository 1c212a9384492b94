// SPDX-License-Identifier: Apache-2.0
// GitHub Actions workflow commands (docs/formats.md): `::error file=…,line=…,title=…::message`,
// one per unsuppressed finding, its file relative to the working directory (the workspace),
// escaped as the runner expects
// (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts).
#include <fmt/format.h>

#include "core/redact.hpp"
#include "reports/report_common.hpp"
#include "reports/report_formats.hpp"

namespace tracegate::reports {

namespace {

std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view command(core::Severity severity) {
  switch (severity) {
    case core::Severity::error: return "error";
    case core::Severity::warning: return "warning";
    case core::Severity::note: return "notice";
  }
  return "warning";
}

}  // namespace

void write_github(const AuditReport& report, std::ostream& out, const WriteOptions&) {
  for (const auto& finding : report.findings) {
    if (finding.suppression) continue;
    std::string properties;
    const auto add = [&](std::string_view key, std::string_view value) {
      properties += fmt::format("{}{}={}", properties.empty() ? "" : ",", key, escape_property(value));
    };
    if (!finding.location.path.empty()) {
      add("file", detail::valid_utf8(detail::workspace_path(finding)));
      if (finding.location.line > 0) add("line", std::to_string(finding.location.line));
      if (finding.location.line > 0 && finding.location.column > 0) add("col", std::to_string(finding.location.column));
    }
    add("title", fmt::format("{} ({})", finding.check_id, detail::valid_utf8(finding.service)));
    std::string message = detail::message_with_fix(finding);
    if (finding.location.path.empty()) message = detail::repository_label(finding.source) + ": " + message;
    out << "::" << command(finding.severity) << (properties.empty() ? "" : " ") << properties
        << "::" << escape_data(detail::valid_utf8(message)) << '\n';
  }
}

}  // namespace tracegate::reports
