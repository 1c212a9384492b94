// SPDX-License-Identifier: Apache-2.0
// SARIF 2.1.0 (OASIS), as GitHub code scanning and other SARIF viewers read it: docs/formats.md.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/redact.hpp"
#include "reports/check_catalog.hpp"
#include "reports/report_common.hpp"
#include "reports/report_formats.hpp"

#ifndef TRACEGATE_VERSION
#define TRACEGATE_VERSION "0.0.0"
#endif

namespace tracegate::reports {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kInformationUri = "https://github.com/tracegate/tracegate";

/// Percent-encodes every byte but unreserved characters and '/', as a relative URI reference.
std::string uri_escape(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

/// The absolute URI a repository's paths are relative to, with a trailing '/'.
std::string repository_base_uri(const core::RepositoryRef& source) {
  std::string uri;
  if (source.repository.find("://") != std::string::npos) {
    uri = core::redact_credentials(source.repository);
  } else {
    std::error_code ec;
    auto absolute = std::filesystem::absolute(source.repository.empty() ? "." : source.repository, ec);
    std::string path = (ec ? std::filesystem::path(source.repository) : absolute.lexically_normal()).generic_string();
    while (path.size() > 1 && path.ends_with('/')) path.pop_back();
    if (!path.starts_with('/')) path.insert(path.begin(), '/');
    uri = "file://" + uri_escape(path);
  }
  if (!uri.ends_with('/')) uri += '/';
  return uri;
}

std::string_view level(core::Severity severity) {
  switch (severity) {
    case core::Severity::error: return "error";
    case core::Severity::warning: return "warning";
    case core::Severity::note: return "note";
  }
  return "warning";
}

/// The page's default severity: its first word when that is a level, else "warning".
std::string_view default_level(const CheckInfo* check) {
  if (check == nullptr) return "warning";
  for (std::string_view word : {"error", "warning", "note"}) {
    if (check->severity.starts_with(word)) return word;
  }
  return "warning";
}

/// SARIF's friendly rule name: "AgentTooOld" for agent-too-old (the catalog's title, for checks
/// without a page too; SARIF wants it to differ from the id).
std::string pascal_case(std::string_view id) {
  std::string name;
  bool upper = true;
  for (unsigned char c : id) {
    if (!std::isalnum(c)) {
      upper = true;
      continue;
    }
    name += static_cast<char>(upper ? std::toupper(c) : c);
    upper = false;
  }
  return name.empty() || name == id ? "Check" + name : name;
}

std::string first_sentence(std::string_view text) {
  // A sentence ends at ". " (or the end); markdown links and abbreviations are rare in summaries.
  const auto end = text.find(". ");
  return std::string(end == std::string_view::npos ? text : text.substr(0, end + 1));
}

json rule_json(const std::string& id, const WriteOptions& options) {
  const auto* check = find_check(id);
  const std::string summary = check && !check->summary.empty() ? check->summary : "tracegate check " + id;
  std::string help = summary;
  if (check && !check->fix.empty()) help += "\n\nFix: " + check->fix;
  const std::string help_uri = check_help_uri(id, options.docs_url);
  help += "\n\nDocumentation: " + help_uri;
  const std::string markdown = check ? check->markdown : "# " + id + "\n\n" + summary + "\n";
  return {{"id", id},
          {"name", check ? check->title : pascal_case(id)},
          {"shortDescription", {{"text", first_sentence(summary)}}},
          {"fullDescription", {{"text", summary}}},
          {"help", {{"text", help}, {"markdown", markdown}}},
          {"helpUri", help_uri},
          {"defaultConfiguration", {{"level", default_level(check)}}},
          {"properties", {{"tags", json::array({"tracegate", "tracer-upgrade"})}}}};
}

std::string result_text(const core::Finding& finding) {
  std::string text = finding.message.empty() ? finding.check_id : finding.message;
  for (const auto& cause : finding.causes) text += "\nbecause " + cause;
  if (finding.fix && !finding.fix->empty()) text += "\nfix: " + *finding.fix;
  if (!finding.service.empty()) text += "\nservice: " + finding.service;
  return core::redact_credentials(text);
}

}  // namespace

void write_sarif(const AuditReport& report, std::ostream& out, const WriteOptions& options) {
  // Rules: one per check id that occurs, sorted, so that ruleIndex is stable.
  std::vector<std::string> rule_ids;
  for (const auto& finding : report.findings) rule_ids.push_back(finding.check_id);
  std::ranges::sort(rule_ids);
  rule_ids.erase(std::unique(rule_ids.begin(), rule_ids.end()), rule_ids.end());
  json rules = json::array();
  for (const auto& id : rule_ids) rules.push_back(rule_json(id, options));

  // Base URIs: %SRCROOT% for one repository, REPO0, REPO1… for several.
  std::vector<core::RepositoryRef> located;
  for (const auto& finding : report.findings) {
    if (finding.location.path.empty()) continue;
    if (std::ranges::none_of(located, [&](const auto& s) { return s.repository == finding.source.repository; })) {
      located.push_back(finding.source);
    }
  }
  std::map<std::string, std::string> base_ids;  // repository -> uriBaseId
  json bases = json::object();
  json provenance = json::array();
  for (std::size_t i = 0; i < located.size(); ++i) {
    const std::string id = located.size() == 1 ? "%SRCROOT%" : fmt::format("REPO{}", i);
    base_ids[located[i].repository] = id;
    json base = {{"uri", repository_base_uri(located[i])}};
    base["description"] = {{"text", "repository " + detail::repository_label(located[i])}};
    bases[id] = std::move(base);
    if (!located[i].commit.empty()) {
      json details = {{"repositoryUri", repository_base_uri(located[i])}, {"revisionId", located[i].commit}};
      details["mappedTo"] = {{"uriBaseId", id}};
      provenance.push_back(std::move(details));
    }
  }

  json results = json::array();
  for (const auto& finding : report.findings) {
    const auto index = std::ranges::lower_bound(rule_ids, finding.check_id) - rule_ids.begin();
    json result = {{"ruleId", finding.check_id},
                   {"ruleIndex", index},
                   {"level", level(finding.severity)},
                   {"message", {{"text", result_text(finding)}}}};
    if (!finding.location.path.empty()) {
      json physical = {{"artifactLocation",
                        {{"uri", uri_escape(finding.location.path)}, {"uriBaseId", base_ids[finding.source.repository]}}}};
      if (finding.location.line > 0) {
        json region = {{"startLine", finding.location.line}};
        if (finding.location.column > 0) region["startColumn"] = finding.location.column;
        physical["region"] = std::move(region);
      }
      result["locations"] = json::array({{{"physicalLocation", std::move(physical)}}});
    }
    result["partialFingerprints"] = {{"tracegate/v1", core::fingerprint(finding)}};
    if (finding.suppression) {
      const auto& suppression = *finding.suppression;
      json entry = {{"kind", "external"}, {"status", "accepted"}};
      if (!suppression.reason.empty()) entry["justification"] = core::redact_credentials(suppression.reason);
      json properties = {
          {"source", suppression.kind == core::Suppression::Kind::baseline ? "baseline" : "config"}};
      if (!suppression.expires.empty()) properties["expires"] = suppression.expires;
      if (!suppression.where.path.empty()) properties["file"] = core::redact_credentials(suppression.where.path);
      if (suppression.where.line > 0) properties["line"] = suppression.where.line;
      entry["properties"] = std::move(properties);
      result["suppressions"] = json::array({std::move(entry)});
    }
    json properties = {{"service", finding.service},
                       {"subject", core::redact_credentials(finding.subject)},
                       {"repository", core::redact_credentials(finding.source.repository)}};
    if (!finding.rule_id.empty()) properties["rule"] = finding.rule_id;
    if (!finding.source.ref.empty()) properties["ref"] = finding.source.ref;
    if (!finding.source.commit.empty()) properties["commit"] = finding.source.commit;
    result["properties"] = std::move(properties);
    results.push_back(std::move(result));
  }

  json notifications = json::array();
  for (const auto& diagnostic : report.diagnostics) {
    json notification = {
        {"level", diagnostic.level == core::Diagnostic::Level::error ? "error" : "warning"},
        {"message", {{"text", core::redact_credentials(core::to_string(diagnostic))}}}};
    json properties = {{"repository", core::redact_credentials(diagnostic.repository)}};
    notification["properties"] = std::move(properties);
    notifications.push_back(std::move(notification));
  }
  json invocation = {{"executionSuccessful", true}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
  invocation["properties"] = {{"command", report.command}, {"failOn", core::to_string(report.fail_on)}};

  json driver = {{"name", "tracegate"},
                 {"version", TRACEGATE_VERSION},
                 {"semanticVersion", TRACEGATE_VERSION},
                 {"informationUri", kInformationUri},
                 {"rules", std::move(rules)}};
  json run = {{"tool", {{"driver", std::move(driver)}}}};
  run["invocations"] = json::array({std::move(invocation)});
  if (!bases.empty()) run["originalUriBaseIds"] = std::move(bases);
  if (!provenance.empty()) run["versionControlProvenance"] = std::move(provenance);
  run["results"] = std::move(results);
  if (!report.package.empty()) {
    run["properties"] = {{"upgrade", report.package + "@" + report.target_version}};
  }
  const json document = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}};
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace tracegate::reports
