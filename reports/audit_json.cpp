// SPDX-License-Identifier: Apache-2.0
#include <nlohmann/json.hpp>

#include "core/redact.hpp"
#include "reports/audit_report.hpp"

namespace tracegate::reports {

namespace {

using json = nlohmann::ordered_json;

json repository_json(const core::RepositoryRef& source) {
  return {{"repository", core::redact_credentials(source.repository)}, {"ref", source.ref}, {"commit", source.commit}};
}

}  // namespace

void write_audit_json(const AuditReport& report, std::ostream& out) {
  json services = json::array();
  for (const auto& service : report.services) {
    json entry = {{"name", service.name}, {"path", service.path}, {"uses_tracer", service.uses_tracer}};
    entry.update(repository_json(service.source));
    if (service.uses_tracer) entry["tracer"] = {{"current", service.current}, {"target", service.target}};
    services.push_back(std::move(entry));
  }
  json findings = json::array();
  std::size_t counts[3] = {0, 0, 0};
  std::size_t suppressed = 0;
  for (const auto& finding : report.findings) {
    ++counts[static_cast<int>(finding.severity)];
    json location = repository_json(finding.source);
    location["file"] = finding.location.path;
    location["line"] = finding.location.line;
    location["column"] = finding.location.column;
    json causes = json::array();
    for (const auto& cause : finding.causes) causes.push_back(core::redact_credentials(cause));
    findings.push_back({{"check", finding.check_id},
                        {"rule", finding.rule_id},
                        {"severity", core::to_string(finding.severity)},
                        {"service", finding.service},
                        {"subject", core::redact_credentials(finding.subject)},
                        {"location", std::move(location)},
                        {"message", core::redact_credentials(finding.message)},
                        {"causes", std::move(causes)},
                        {"fix", core::redact_credentials(finding.fix.value_or(""))},
                        {"fingerprint", core::fingerprint(finding)},
                        {"suppressed", finding.suppression.has_value()}});
    if (finding.suppression) {
      const auto& suppression = *finding.suppression;
      findings.back()["suppression"] = {
          {"kind", suppression.kind == core::Suppression::Kind::baseline ? "baseline" : "config"},
          {"reason", core::redact_credentials(suppression.reason)},
          {"expires", suppression.expires},
          {"file", core::redact_credentials(suppression.where.path)},
          {"line", suppression.where.line}};
      ++suppressed;
    }
  }
  json diagnostics = json::array();
  for (const auto& diagnostic : report.diagnostics) {
    diagnostics.push_back({{"repository", core::redact_credentials(diagnostic.repository)},
                           {"file", diagnostic.where.path},
                           {"line", diagnostic.where.line},
                           {"column", diagnostic.where.column},
                           {"level", core::to_string(diagnostic.level)},
                           {"message", core::redact_credentials(diagnostic.message)}});
  }
  std::size_t audited = 0;
  for (const auto& service : report.services) audited += service.uses_tracer ? 1 : 0;
  const json document = {
      {"schema_version", 1},
      {"command", report.command},
      {"fail_on", core::to_string(report.fail_on)},
      {"upgrade", {{"package", report.package}, {"tracer", report.tracer}, {"version", report.target_version}}},
      {"summary",
       {{"services", report.services.size()}, {"audited", audited}, {"errors", counts[2]}, {"warnings", counts[1]},
        {"notes", counts[0]}, {"suppressed", suppressed}}},
      {"services", std::move(services)},
      {"findings", std::move(findings)},
      {"diagnostics", std::move(diagnostics)}};
  // Invalid UTF-8 from a repository is replaced, never a reason to fail the report.
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace tracegate::reports
