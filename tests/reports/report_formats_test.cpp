// SPDX-License-Identifier: Apache-2.0
// The findings report formats (reports/report_formats.hpp, docs/formats.md): the registry, each
// writer's structure and escaping, redaction of credentials in every format, empty reports and
// suppressed findings. The SARIF files the ReportSamples test writes are also validated against
// the SARIF 2.1.0 schema and the SARIF multitool by the `sarif_schema` ctest.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/suppression_rule.hpp"
#include "reports/check_catalog.hpp"
#include "reports/report_formats.hpp"
#include "rules/audit.hpp"
#include "rules/connectivity_checks.hpp"

namespace tracegate::reports {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

core::Finding make_finding(std::string check, core::Severity severity, std::string service, std::string repository,
                           std::string path, int line, std::string message) {
  core::Finding finding;
  finding.check_id = std::move(check);
  finding.severity = severity;
  finding.service = std::move(service);
  finding.source.repository = repository;
  finding.source.name = fs::path(repository).filename().string();
  finding.source.ref = "HEAD";
  finding.source.commit = "0123456789abcdef0123456789abcdef01234567";
  finding.subject = "envier";
  finding.location = {std::move(path), line, 0};
  finding.message = std::move(message);
  finding.causes = {"ddtrace 2.11.1 requires envier~=0.5", "poetry.lock pins envier 0.4.0"};
  finding.fix = "pin envier~=0.5";
  return finding;
}

/// Two repositories, three services (one clean), each severity, a suppressed finding.
AuditReport sample_report() {
  AuditReport report;
  report.tracer = "ddtrace";
  report.package = "ddtrace";
  report.target_version = "2.11.1";
  report.services = {{"api", {"/src/fleet/api", "HEAD", "0123456789abcdef0123456789abcdef01234567", "api"}, ".", true, "2.1.2", "2.11.1"},
                     {"worker", {"/src/fleet/api", "HEAD", "", "api"}, "worker", true, "2.1.2", "2.11.1"},
                     {"mailer", {"/src/fleet/mailer", "HEAD", "", "mailer"}, ".", true, "2.1.2", "2.11.1"}};
  report.findings.push_back(make_finding("tracer-requirement-conflict", core::Severity::error, "api", "/src/fleet/api",
                                         "pyproject.toml", 8, "ddtrace 2.11.1 requires envier~=0.5"));
  report.findings.push_back(make_finding("runtime-partly-unsupported", core::Severity::warning, "api", "/src/fleet/api",
                                         "Dockerfile", 1, "python 3.7 is outside >=3.8"));
  report.findings.push_back(make_finding("tracer-not-found", core::Severity::note, "worker", "/src/fleet/api",
                                         "worker/requirements.txt", 0, "worker does not declare ddtrace"));
  auto suppressed = make_finding("dropped-implicit-dependency", core::Severity::error, "mailer", "/src/fleet/mailer",
                                 "app/main.py", 3, "app/main.py:3 imports six");
  suppressed.suppression = core::Suppression{core::Suppression::Kind::config, "six is vendored", "2099-01-01",
                                             {"tracegate.toml", 12, 1}};
  report.findings.push_back(suppressed);
  return report;
}

std::string render(std::string_view format, const AuditReport& report, WriteOptions options = {}) {
  std::ostringstream out;
  const auto written = write_report(format, report, out, options);
  EXPECT_TRUE(written.has_value()) << format;
  return out.str();
}

// --- the check catalog ------------------------------------------------------------------

TEST(CheckCatalog, EveryCheckTheCodeEmitsHasAPage) {
  const std::vector<std::string_view> ids = {
      rules::checks::kConflict,          rules::checks::kLockRefresh,       rules::checks::kDroppedDependency,
      rules::checks::kRuntimeUnsupported, rules::checks::kRuntimePartly,    rules::checks::kRuntimeNewer,
      rules::checks::kBreakingChange,    rules::checks::kTracerNotFound,    rules::checks::kDowngrade,
      rules::checks::kAgentUnreachable,  rules::checks::kAgentUrlInvalid,   rules::checks::kAgentTooOld,
      rules::checks::kUnifiedTaggingMissing, rules::checks::kConnectivityUnknown,
      core::kSuppressionExpiredCheck,    core::kSuppressionUnusedCheck,
      // connectivity/probe_findings.cpp (agent probe) names these two inline.
      "agent-endpoint-missing",          "agent-request-failed"};
  for (const auto id : ids) {
    const auto* check = find_check(id);
    ASSERT_NE(check, nullptr) << "no docs/checks/" << id << ".md";
    EXPECT_EQ(check->id, id);
    EXPECT_FALSE(check->severity.empty()) << id;
    EXPECT_FALSE(check->summary.empty()) << id;
    EXPECT_FALSE(check->fix.empty()) << id;
    EXPECT_EQ(check->doc_path, "docs/checks/" + std::string(id) + ".md");
  }
  EXPECT_EQ(find_check("README"), nullptr);
  EXPECT_EQ(find_check("no-such-check"), nullptr);
}

TEST(CheckCatalog, ParsesAPage) {
  const auto info = parse_check_page("docs/checks/made-up.md",
                                     "# made-up\n\n**Severity:** error for kind a;\nwarning for kind b.\n\n## What it means\n\n"
                                     "First line\nsecond line.\n\nMore.\n\n## Example\n\n    x\n\n## Fix\n\nDo this.\nThen that.\n");
  EXPECT_EQ(info.id, "made-up");
  EXPECT_EQ(info.title, "MadeUp");
  EXPECT_EQ(info.severity, "error for kind a; warning for kind b.");
  EXPECT_EQ(info.summary, "First line second line.");
  EXPECT_EQ(info.fix, "Do this. Then that.");
  EXPECT_EQ(info.doc_path, "docs/checks/made-up.md");
}

TEST(CheckCatalog, HelpUriFollowsTheEnvironment) {
  ::unsetenv("TRACEGATE_DOCS_URL");
  EXPECT_EQ(check_help_uri("agent-too-old"), "https://github.com/tracegate/tracegate/blob/main/docs/checks/agent-too-old.md");
  ::setenv("TRACEGATE_DOCS_URL", "https://docs.example.com/tracegate", 1);
  EXPECT_EQ(check_help_uri("agent-too-old"), "https://docs.example.com/tracegate/docs/checks/agent-too-old.md");
  ::unsetenv("TRACEGATE_DOCS_URL");
  EXPECT_EQ(check_help_uri("agent-too-old", "https://x.test/"), "https://x.test/docs/checks/agent-too-old.md");
}

// --- the registry -----------------------------------------------------------------------

TEST(ReportFormats, ListsEveryFormat) {
  std::vector<std::string> names;
  for (const auto& format : formats()) names.emplace_back(format.name);
  EXPECT_EQ(names, (std::vector<std::string>{"text", "json", "sarif", "junit", "markdown", "github", "gitlab"}));
  std::ostringstream list;
  write_format_list(list);
  for (const auto& name : names) EXPECT_NE(("\n" + list.str()).find("\n" + name + " "), std::string::npos) << list.str();
  std::ostringstream inventory;
  write_format_list(inventory, false);
  EXPECT_EQ(inventory.str().find("sarif"), std::string::npos);
  EXPECT_NE(inventory.str().find("json"), std::string::npos);
}

TEST(ReportFormats, UnknownFormatIsAnError) {
  std::ostringstream out;
  const auto written = write_report("html", sample_report(), out, {});
  ASSERT_FALSE(written.has_value());
  EXPECT_NE(written.error().message.find("unknown format 'html'"), std::string::npos);
  EXPECT_NE(written.error().message.find("sarif"), std::string::npos);
}

TEST(ReportFormats, EveryFormatWritesAnEmptyReport) {
  AuditReport empty;
  empty.package = empty.tracer = "ddtrace";
  empty.target_version = "2.11.1";
  for (const auto& format : formats()) {
    const auto text = render(format.name, empty);
    if (format.name != "github") {
      EXPECT_FALSE(text.empty()) << format.name;
    }
  }
  EXPECT_EQ(json::parse(render("gitlab", empty)), json::array());
  const auto sarif = json::parse(render("sarif", empty));
  EXPECT_EQ(sarif["runs"][0]["results"], json::array());
  EXPECT_EQ(sarif["runs"][0]["tool"]["driver"]["rules"], json::array());
  EXPECT_NE(render("junit", empty).find("<testsuites"), std::string::npos);
  EXPECT_EQ(render("github", empty), "");
}

TEST(ReportFormats, NoFormatLeaksCredentials) {
  auto report = sample_report();
  const std::string url = "https://user:secret@git.example.com/x.git";
  for (auto& service : report.services) service.source.repository = url, service.source.name = "";
  for (auto& finding : report.findings) {
    finding.source.repository = url;
    finding.source.name = "";
    finding.message += " (cloned from " + url + ")";
    finding.causes.push_back("fetched " + url);
    finding.fix = "see " + url;
    finding.subject = url;
  }
  report.findings[1].location.path = "";  // located by the repository alone
  report.findings.back().suppression->reason = "mirror of " + url;
  report.diagnostics.push_back({{"pyproject.toml", 2, 1}, "cannot read " + url, core::Diagnostic::Level::error, url});
  for (const auto& format : formats()) {
    const auto text = render(format.name, report);
    EXPECT_EQ(text.find("secret"), std::string::npos) << format.name << ":\n" << text;
    EXPECT_EQ(text.find("user:"), std::string::npos) << format.name;
  }
}

// --- json -------------------------------------------------------------------------------

TEST(JsonReport, MarksSuppressedFindings) {
  const auto document = json::parse(render("json", sample_report()));
  EXPECT_EQ(document["schema_version"], 1);
  EXPECT_EQ(document["command"], "audit");
  EXPECT_EQ(document["summary"]["suppressed"], 1);
  const auto& findings = document["findings"];
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_EQ(findings[0]["suppressed"], false);
  EXPECT_FALSE(findings[0].contains("suppression"));
  EXPECT_EQ(findings[3]["suppressed"], true);
  EXPECT_EQ(findings[3]["suppression"],
            (json{{"kind", "config"}, {"reason", "six is vendored"}, {"expires", "2099-01-01"}, {"file", "tracegate.toml"}, {"line", 12}}));
}

// --- text -------------------------------------------------------------------------------

TEST(TextReport, CompilerStyleLinesAndAnAlignedCheckTable) {
  const auto text = render("text", sample_report());
  EXPECT_NE(text.find("api/pyproject.toml:8: error [tracer-requirement-conflict] ddtrace 2.11.1 requires envier~=0.5  (api)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    because ddtrace 2.11.1 requires envier~=0.5\n"), std::string::npos);
  EXPECT_NE(text.find("    fix: pin envier~=0.5\n"), std::string::npos);
  EXPECT_NE(text.find("    suppressed by config (tracegate.toml:12:1): six is vendored; until 2099-01-01\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("  error   1  tracer-requirement-conflict\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  warning 1  runtime-partly-unsupported\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  error   0  dropped-implicit-dependency (+1 suppressed)\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("\x1b["), std::string::npos);
  WriteOptions color;
  color.color = true;
  EXPECT_NE(render("text", sample_report(), color).find("\x1b[31merror\x1b[0m"), std::string::npos);
}

// --- sarif ------------------------------------------------------------------------------

TEST(SarifReport, RulesResultsLocationsFingerprintsSuppressions) {
  WriteOptions options;
  options.docs_url = "https://docs.example.com/";
  const auto sarif = json::parse(render("sarif", sample_report(), options));
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_TRUE(sarif["$schema"].get<std::string>().ends_with("sarif-2.1.0.json"));
  ASSERT_EQ(sarif["runs"].size(), 1u);
  const auto& run = sarif["runs"][0];
  const auto& driver = run["tool"]["driver"];
  EXPECT_EQ(driver["name"], "tracegate");
  const auto& rules = driver["rules"];
  ASSERT_EQ(rules.size(), 4u);  // one per check that occurs, sorted
  EXPECT_EQ(rules[0]["id"], "dropped-implicit-dependency");
  EXPECT_EQ(rules[0]["name"], "DroppedImplicitDependency");
  EXPECT_EQ(rules[0]["helpUri"], "https://docs.example.com/docs/checks/dropped-implicit-dependency.md");
  EXPECT_EQ(rules[0]["defaultConfiguration"]["level"], "error");
  EXPECT_TRUE(rules[0]["help"]["markdown"].get<std::string>().starts_with("# dropped-implicit-dependency"));
  EXPECT_FALSE(rules[0]["shortDescription"]["text"].get<std::string>().empty());
  EXPECT_EQ(rules[1]["id"], "runtime-partly-unsupported");
  EXPECT_EQ(rules[1]["defaultConfiguration"]["level"], "warning");

  // Two repositories: one base id each.
  EXPECT_EQ(run["originalUriBaseIds"]["REPO0"]["uri"], "file:///src/fleet/api/");
  EXPECT_EQ(run["originalUriBaseIds"]["REPO1"]["uri"], "file:///src/fleet/mailer/");
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), 4u);
  const auto& first = results[0];
  EXPECT_EQ(first["ruleId"], "tracer-requirement-conflict");
  EXPECT_EQ(rules[first["ruleIndex"].get<int>()]["id"], "tracer-requirement-conflict");
  EXPECT_EQ(first["level"], "error");
  EXPECT_NE(first["message"]["text"].get<std::string>().find("fix: pin envier~=0.5"), std::string::npos);
  const auto& physical = first["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "pyproject.toml");
  EXPECT_EQ(physical["artifactLocation"]["uriBaseId"], "REPO0");
  EXPECT_EQ(physical["region"]["startLine"], 8);
  EXPECT_EQ(first["partialFingerprints"]["tracegate/v1"], core::fingerprint(sample_report().findings[0]));
  EXPECT_FALSE(first.contains("suppressions"));
  EXPECT_EQ(results[1]["level"], "warning");
  EXPECT_EQ(results[2]["level"], "note");
  EXPECT_FALSE(results[2]["locations"][0]["physicalLocation"].contains("region"));  // line 0: no region
  EXPECT_EQ(results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "REPO1");
  ASSERT_EQ(results[3]["suppressions"].size(), 1u);
  EXPECT_EQ(results[3]["suppressions"][0]["kind"], "external");
  EXPECT_EQ(results[3]["suppressions"][0]["justification"], "six is vendored");
}

TEST(SarifReport, OneRepositoryUsesSrcRootAndEscapesUris) {
  auto report = sample_report();
  report.findings.pop_back();
  report.findings[0].location.path = "src/my app/100%#?.py";
  const auto sarif = json::parse(render("sarif", report));
  const auto& run = sarif["runs"][0];
  EXPECT_TRUE(run["originalUriBaseIds"].contains("%SRCROOT%"));
  const auto& artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(artifact["uri"], "src/my%20app/100%25%23%3F.py");
  EXPECT_EQ(artifact["uriBaseId"], "%SRCROOT%");
}

/// SARIF and JSON files for the `sarif_schema` and `report_json_schema` ctests (which run this
/// test with TRACEGATE_REPORT_SAMPLES set): edge cases the bundled fleet does not produce.
TEST(ReportSamples, WritesEdgeCases) {
  const char* configured = std::getenv("TRACEGATE_REPORT_SAMPLES");
  const fs::path dir = configured ? fs::path(configured) : fs::temp_directory_path() / "tracegate-report-samples";
  fs::create_directories(dir);
  const auto write = [&](const std::string& name, const AuditReport& report) {
    for (std::string_view format : {"sarif", "json"}) {
      std::ofstream out(dir / (name + "." + std::string(format)), std::ios::binary);
      const auto written = write_report(format, report, out, {});
      ASSERT_TRUE(written.has_value());
    }
  };
  AuditReport empty;
  write("empty", empty);
  write("fleet", sample_report());

  auto odd = sample_report();
  odd.findings[0].message = "quotes \" backslash \\ tab \t newline \n control \x01 invalid \xff utf-8 ✓";
  odd.findings[0].location.path = "dir with space/ünï©ode.py";
  odd.findings[0].location.column = 5;
  odd.findings[1].location = {};  // no location at all
  odd.findings[2].check_id = "check-without-a-page";
  odd.findings[2].fix.reset();
  odd.findings[2].causes.clear();
  odd.findings.back().suppression->kind = core::Suppression::Kind::baseline;
  odd.findings.back().suppression->reason = "";
  odd.diagnostics.push_back({{"pyproject.toml", 3, 7}, "unterminated string", core::Diagnostic::Level::error, "/src/fleet/api"});
  odd.diagnostics.push_back({{"values.yaml", 0, 0}, "not YAML", core::Diagnostic::Level::warning, "/src/fleet/mailer"});
  write("odd", odd);

  auto probe = AuditReport{};
  probe.command = "agent probe";
  probe.headline = "probe ddtrace@2.11.1 at http://127.0.0.1:8126: failed";
  core::Finding unreachable;
  unreachable.check_id = "agent-unreachable";
  unreachable.service = "ddtrace";
  unreachable.source.repository = "http://user:secret@127.0.0.1:8126";
  unreachable.subject = "http://127.0.0.1:8126/v0.5/traces";
  unreachable.message = "connection refused";
  probe.findings.push_back(unreachable);
  write("probe", probe);

  auto url_repository = sample_report();
  for (auto& finding : url_repository.findings) finding.source.repository = "https://user:secret@git.example.com/x.git";
  write("url-repository", url_repository);
}

// --- junit ------------------------------------------------------------------------------

TEST(JunitReport, SuitesPerRepositoryCasesPerService) {
  const auto xml = render("junit", sample_report());
  EXPECT_TRUE(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ")) << xml;
  EXPECT_NE(xml.find("tests=\"3\" failures=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testsuite name=\"api\" tests=\"2\" failures=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testsuite name=\"mailer\" tests=\"1\" failures=\"0\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testcase classname=\"api\" name=\"api\">\n      <failure message=\"ddtrace 2.11.1 requires envier~=0.5\" "
                     "type=\"tracer-requirement-conflict\">pyproject.toml:8: error [tracer-requirement-conflict]"),
            std::string::npos)
      << xml;
  // The warning is below --fail-on (error): system-out, not a failure; same for the suppressed error.
  EXPECT_NE(xml.find("<system-out>Dockerfile:1: warning [runtime-partly-unsupported]"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<system-out>app/main.py:3: error [dropped-implicit-dependency] app/main.py:3 imports six (suppressed by config"),
            std::string::npos)
      << xml;
  auto strict = sample_report();
  strict.fail_on = core::Severity::note;
  const auto all = render("junit", strict);
  EXPECT_NE(all.find("tests=\"3\" failures=\"2\""), std::string::npos) << all;
}

TEST(JunitReport, EscapesMarkupAndControlCharacters) {
  auto report = sample_report();
  report.findings[0].message = "a <b> & \"c\" 'd' \x01\x1b end \xff";
  report.findings[0].service = "svc<&>";
  const auto xml = render("junit", report);
  EXPECT_NE(xml.find("message=\"a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; \xEF\xBF\xBD\xEF\xBF\xBD end \xEF\xBF\xBD\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("name=\"svc&lt;&amp;&gt;\""), std::string::npos);
  for (char c : xml) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\n') << static_cast<int>(c);
}

// --- markdown ---------------------------------------------------------------------------

TEST(MarkdownReport, CountsTableAndDetails) {
  const auto md = render("markdown", sample_report());
  EXPECT_TRUE(md.starts_with("### tracegate audit: ddtrace&#64;2.11.1\n")) << md;
  EXPECT_NE(md.find("| 1 | 1 | 1 | 1 | 0 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| severity | check | service | location | message |"), std::string::npos);
  EXPECT_NE(md.find("[tracer-requirement-conflict](https://github.com/tracegate/tracegate/blob/main/docs/checks/"
                    "tracer-requirement-conflict.md)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("<details><summary>"), std::string::npos);
  EXPECT_NE(md.find("1 suppressed finding(s) not shown"), std::string::npos);
  EXPECT_EQ(md.find("imports six"), std::string::npos);  // the suppressed finding
}

TEST(MarkdownReport, EscapesCells) {
  auto report = sample_report();
  report.findings[0].message = "a | b <script>alert(1)</script> @team\nnext";
  const auto md = render("markdown", report);
  EXPECT_NE(md.find("a \\| b &lt;script&gt;alert(1)&lt;/script&gt; &#64;team next"), std::string::npos) << md;
  EXPECT_EQ(md.find("<script>"), std::string::npos);
}

TEST(MarkdownReport, StaysUnderTheCommentLimitWithTwentyThousandFindings) {
  auto report = sample_report();
  const auto base = report.findings[0];
  report.findings.clear();
  for (int i = 0; i < 20000; ++i) {
    auto finding = base;
    finding.location.line = i + 1;
    finding.message += " number " + std::to_string(i) + std::string(100, 'x');
    report.findings.push_back(std::move(finding));
  }
  const auto md = render("markdown", report);
  EXPECT_LT(md.size(), 65000u);
  EXPECT_NE(md.find("of 20000 finding(s) left out of the table"), std::string::npos) << md.substr(md.size() - 600);
  EXPECT_NE(md.find("finding(s) without details"), std::string::npos);
  EXPECT_NE(md.find("| 20000 | 0 | 0 | 0 | 0 |"), std::string::npos);
}

// --- github -----------------------------------------------------------------------------

TEST(GithubReport, WorkflowCommands) {
  const auto text = render("github", sample_report());
  std::istringstream lines(text);
  std::vector<std::string> commands;
  for (std::string line; std::getline(lines, line);) commands.push_back(line);
  ASSERT_EQ(commands.size(), 3u) << text;  // the suppressed one is not emitted
  EXPECT_EQ(commands[0],
            "::error file=pyproject.toml,line=8,title=tracer-requirement-conflict (api)::ddtrace 2.11.1 requires "
            "envier~=0.5%0Afix: pin envier~=0.5");
  EXPECT_TRUE(commands[1].starts_with("::warning file=Dockerfile,line=1,title=")) << commands[1];
  EXPECT_TRUE(commands[2].starts_with("::notice file=worker/requirements.txt,title=")) << commands[2];
}

TEST(GithubReport, EscapesDataAndProperties) {
  auto report = sample_report();
  report.findings.resize(1);
  report.findings[0].location.path = "a,b:c%.py";
  report.findings[0].message = "50% done\r\nnext: a,b";
  report.findings[0].fix.reset();
  EXPECT_EQ(render("github", report),
            "::error file=a%2Cb%3Ac%25.py,line=8,title=tracer-requirement-conflict (api)::50%25 done%0D%0Anext: a,b\n");
}

TEST(GithubReport, PathsAreRelativeToTheWorkingDirectory) {
  auto report = sample_report();
  report.findings.resize(1);
  report.findings[0].source.repository = "fleet/api";
  EXPECT_TRUE(render("github", report).starts_with("::error file=fleet/api/pyproject.toml,line=8,")) << render("github", report);
  report.findings[0].source.repository = ".";
  EXPECT_TRUE(render("github", report).starts_with("::error file=pyproject.toml,line=8,"));
  report.findings[0].source.repository = (fs::current_path() / "fleet" / "api").string();
  EXPECT_TRUE(render("github", report).starts_with("::error file=fleet/api/pyproject.toml,line=8,"));
  report.findings[0].source.repository = "../elsewhere/api";
  EXPECT_TRUE(render("github", report).starts_with("::error file=pyproject.toml,line=8,"));
}

// --- gitlab -----------------------------------------------------------------------------

TEST(GitlabReport, CodeQualityIssues) {
  auto report = sample_report();
  report.findings.push_back(report.findings[0]);
  report.findings.back().location.line = 9;  // same fingerprint, another line
  const auto issues = json::parse(render("gitlab", report));
  ASSERT_EQ(issues.size(), 4u);  // suppressed left out
  EXPECT_EQ(issues[0]["check_name"], "tracer-requirement-conflict");
  EXPECT_EQ(issues[0]["severity"], "critical");
  EXPECT_EQ(issues[1]["severity"], "major");
  EXPECT_EQ(issues[2]["severity"], "info");
  EXPECT_EQ(issues[0]["location"], (json{{"path", "pyproject.toml"}, {"lines", {{"begin", 8}}}}));
  EXPECT_EQ(issues[2]["location"]["lines"]["begin"], 1);  // line unknown
  EXPECT_EQ(issues[0]["fingerprint"], core::fingerprint(report.findings[0]));
  std::set<std::string> fingerprints;
  for (const auto& issue : issues) {
    const auto fingerprint = issue["fingerprint"].get<std::string>();
    EXPECT_EQ(fingerprint.find_first_not_of("0123456789abcdef"), std::string::npos);
    fingerprints.insert(fingerprint);
    EXPECT_FALSE(issue["description"].get<std::string>().empty());
  }
  EXPECT_EQ(fingerprints.size(), 4u);
  EXPECT_EQ(json::parse(render("gitlab", report)), issues);  // stable
}

}  // namespace
}  // namespace tracegate::reports
