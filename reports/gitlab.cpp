// SPDX-License-Identifier: Apache-2.0
// GitLab Code Quality (docs/formats.md): a JSON array of issues, the subset of the Code Climate
// spec GitLab reads (https://docs.gitlab.com/ee/ci/testing/code_quality.html#code-quality-report-format).
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/redact.hpp"
#include "reports/report_common.hpp"
#include "reports/report_formats.hpp"

namespace tracegate::reports {

namespace {

using json = nlohmann::ordered_json;

std::string_view gitlab_severity(core::Severity severity) {
  switch (severity) {
    case core::Severity::error: return "critical";
    case core::Severity::warning: return "major";
    case core::Severity::note: return "info";
  }
  return "minor";
}

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

void write_gitlab(const AuditReport& report, std::ostream& out, const WriteOptions&) {
  json issues = json::array();
  // GitLab keys issues by fingerprint: findings that share the stable fingerprint (same check,
  // service, subject and file, another line) get the occurrence number mixed in.
  std::map<std::string, int> seen;
  for (const auto& finding : report.findings) {
    if (finding.suppression) continue;
    std::string fingerprint = core::fingerprint(finding);
    const int occurrence = seen[fingerprint]++;
    if (occurrence > 0) fingerprint = fmt::format("{:016x}", fnv1a(fingerprint + '\0' + std::to_string(occurrence)));
    const std::string path = finding.location.path.empty() ? detail::repository_label(finding.source)
                                                           : detail::workspace_path(finding);
    json issue = {{"type", "issue"},
                  {"description", core::redact_credentials(fmt::format("[{}] {}", finding.check_id, finding.message))},
                  {"check_name", finding.check_id},
                  {"fingerprint", fingerprint},
                  {"severity", gitlab_severity(finding.severity)},
                  {"categories", json::array({"Bug Risk"})}};
    if (finding.fix && !finding.fix->empty()) issue["content"] = {{"body", core::redact_credentials(*finding.fix)}};
    issue["location"] = {{"path", path.empty() ? "." : path},
                         {"lines", {{"begin", finding.location.line > 0 ? finding.location.line : 1}}}};
    issues.push_back(std::move(issue));
  }
  out << issues.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace tracegate::reports
