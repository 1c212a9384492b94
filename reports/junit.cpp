// SPDX-License-Identifier: Apache-2.0
// JUnit XML for CI test-report views (docs/formats.md): one <testsuite> per repository, one
// <testcase> per service. Unsuppressed findings at or above --fail-on are the <failure>; the
// others (below --fail-on, or suppressed) are listed in the testcase's <system-out>.
#include <algorithm>

#include <fmt/format.h>

#include "core/redact.hpp"
#include "reports/report_common.hpp"
#include "reports/report_formats.hpp"

namespace tracegate::reports {

namespace {

/// XML 1.0 text or attribute value: markup escaped; characters XML cannot carry at all (control
/// characters other than tab/newline/CR, U+FFFE/U+FFFF, invalid UTF-8) become U+FFFD.
std::string xml_escape(std::string_view raw, bool attribute) {
  const std::string text = detail::valid_utf8(raw);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += attribute ? "&quot;" : "\""; continue;
      case '\'': out += attribute ? "&apos;" : "'"; continue;
      case '\n': out += attribute ? "&#10;" : "\n"; continue;
      case '\r': out += "&#13;"; continue;
      case '\t': out += attribute ? "&#9;" : "\t"; continue;
      default: break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      out += "\xEF\xBF\xBD";
    } else if (byte == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
               (static_cast<unsigned char>(text[i + 2]) == 0xBE || static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
      out += "\xEF\xBF\xBD";  // U+FFFE, U+FFFF
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string attr(std::string_view text) { return xml_escape(text, true); }
std::string body(std::string_view text) { return xml_escape(text, false); }

/// `file:line: severity [check] message`, its causes and fix indented under it.
std::string finding_block(const core::Finding& finding) {
  std::string text = detail::finding_line(finding);
  if (finding.suppression) {
    text += fmt::format(" (suppressed by {}: {})",
                        finding.suppression->kind == core::Suppression::Kind::baseline ? "baseline" : "config",
                        finding.suppression->reason);
  }
  text += '\n';
  for (const auto& cause : finding.causes) text += "    because " + cause + '\n';
  if (finding.fix && !finding.fix->empty()) text += "    fix: " + *finding.fix + '\n';
  return core::redact_credentials(text);
}

struct Case {
  std::string service;
  std::vector<const core::Finding*> findings;
};

struct Suite {
  core::RepositoryRef source;
  std::vector<Case> cases;
};

Case& case_for(Suite& suite, const std::string& service) {
  const auto it = std::ranges::find(suite.cases, service, &Case::service);
  if (it != suite.cases.end()) return *it;
  return suite.cases.emplace_back(Case{service, {}});
}

}  // namespace

void write_junit(const AuditReport& report, std::ostream& out, const WriteOptions&) {
  std::vector<Suite> suites;
  const auto suite_for = [&](const core::RepositoryRef& source) -> Suite& {
    const auto it = std::ranges::find_if(suites, [&](const Suite& s) { return s.source.repository == source.repository; });
    if (it != suites.end()) return *it;
    return suites.emplace_back(Suite{source, {}});
  };
  for (const auto& service : report.services) case_for(suite_for(service.source), service.name);
  for (const auto& finding : report.findings) case_for(suite_for(finding.source), finding.service).findings.push_back(&finding);

  std::size_t total_tests = 0;
  std::size_t total_failures = 0;
  for (const auto& suite : suites) {
    total_tests += suite.cases.size();
    for (const auto& test : suite.cases) {
      total_failures += std::ranges::any_of(test.findings, [&](const auto* f) { return detail::fails(report, *f); }) ? 1 : 0;
    }
  }
  const std::string root_name =
      report.headline.empty() ? fmt::format("tracegate {} {}@{}", report.command, report.package, report.target_version)
                              : "tracegate " + report.headline;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
                     attr(core::redact_credentials(root_name)), total_tests, total_failures);
  for (const auto& suite : suites) {
    const std::string name = detail::repository_label(suite.source);
    std::size_t failures = 0;
    for (const auto& test : suite.cases) {
      failures += std::ranges::any_of(test.findings, [&](const auto* f) { return detail::fails(report, *f); }) ? 1 : 0;
    }
    out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n", attr(name),
                       suite.cases.size(), failures);
    out << "    <properties>\n";
    out << fmt::format("      <property name=\"repository\" value=\"{}\"/>\n",
                       attr(core::redact_credentials(suite.source.repository)));
    if (!suite.source.ref.empty()) out << fmt::format("      <property name=\"ref\" value=\"{}\"/>\n", attr(suite.source.ref));
    if (!suite.source.commit.empty()) {
      out << fmt::format("      <property name=\"commit\" value=\"{}\"/>\n", attr(suite.source.commit));
    }
    out << "    </properties>\n";
    for (const auto& test : suite.cases) {
      std::vector<const core::Finding*> failing;
      std::vector<const core::Finding*> others;
      for (const auto* finding : test.findings) (detail::fails(report, *finding) ? failing : others).push_back(finding);
      out << fmt::format("    <testcase classname=\"{}\" name=\"{}\"", attr(name), attr(test.service));
      if (failing.empty() && others.empty()) {
        out << "/>\n";
        continue;
      }
      out << ">\n";
      if (!failing.empty()) {
        std::string text;
        for (const auto* finding : failing) text += finding_block(*finding);
        out << fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                           attr(core::redact_credentials(failing.front()->message)), attr(failing.front()->check_id),
                           body(text));
      }
      if (!others.empty()) {
        std::string text;
        for (const auto* finding : others) text += finding_block(*finding);
        out << "      <system-out>" << body(text) << "</system-out>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace tracegate::reports
