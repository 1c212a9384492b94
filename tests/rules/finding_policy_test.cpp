// SPDX-License-Identifier: Apache-2.0
#include "rules/finding_policy.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace tracegate::rules {
namespace {

using core::Severity;

// Never the clock: every test passes its own today.
constexpr core::Date kToday{2025, 6, 30};

core::Finding finding(std::string check, std::string service, std::string file, int line = 1,
                      Severity severity = Severity::error, std::string rule_id = "") {
  core::Finding out;
  out.check_id = std::move(check);
  out.rule_id = std::move(rule_id);
  out.severity = severity;
  out.service = std::move(service);
  out.subject = "ddtrace";
  out.location = {std::move(file), line, 0};
  out.message = "something breaks";
  return out;
}

core::SuppressionRule suppress(std::string check, int line, std::optional<core::Date> expires = std::nullopt) {
  core::SuppressionRule rule;
  rule.check = std::move(check);
  rule.reason = "tracked in OPS-1";
  rule.expires = expires;
  rule.where = {"tracegate.toml", line, 0};
  rule.check_where = {"tracegate.toml", line + 1, 9};
  return rule;
}

TEST(FindingPolicy, NoPolicyChangesNothing) {
  auto result = apply_policy({finding("a", "s", "f.py"), finding("b", "s", "g.py")}, {}, kToday);
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_FALSE(result.findings[0].suppression);
  EXPECT_TRUE(result.findings[0].causes.empty());
  EXPECT_TRUE(fails(result, Severity::error));
}

TEST(FindingPolicy, SeverityOverridesAreVisible) {
  Policy policy;
  policy.severity["tracer-downgrade"] = {Severity::error, {"tracegate.toml", 7, 1}};
  policy.severity["tracer-not-found"] = {std::nullopt, {"tracegate.toml", 8, 1}};
  policy.severity["agent-too-old"] = {Severity::error, {"tracegate.toml", 9, 1}};
  auto result = apply_policy({finding("tracer-downgrade", "s", "requirements.txt", 4, Severity::warning),
                              finding("tracer-not-found", "s", "requirements.txt", 0, Severity::note),
                              finding("tracer-not-found", "t", "pyproject.toml", 0, Severity::note),
                              finding("agent-too-old", "s", "k8s.yaml", 3, Severity::error)},
                             policy, kToday);
  ASSERT_EQ(result.findings.size(), 2u);  // tracer-not-found is off
  EXPECT_EQ(result.counts.turned_off, 2u);
  EXPECT_EQ(result.counts.turned_off_by_check.at("tracer-not-found"), 2u);
  EXPECT_EQ(result.findings[0].severity, Severity::error);
  EXPECT_EQ(result.findings[0].causes,
            (std::vector<std::string>{"severity error (was warning) set by tracegate.toml:7:1 [severity] tracer-downgrade"}));
  EXPECT_TRUE(result.findings[1].causes.empty());  // already error: nothing to record
  EXPECT_EQ(result.counts.severity_overridden, 1u);
}

TEST(FindingPolicy, FirstMatchingSuppressionWins) {
  Policy policy;
  auto narrow = suppress("breaking-change", 3);
  narrow.service = "billing";
  narrow.reason = "billing first";
  auto broad = suppress("*", 10);
  broad.path = "legacy";
  broad.reason = "legacy goes away";
  policy.suppressions = {narrow, broad};
  auto result = apply_policy({finding("breaking-change", "billing", "legacy/a.py"),
                              finding("breaking-change", "search", "legacy/old/b.py"),
                              finding("breaking-change", "search", "src/c.py")},
                             policy, kToday);
  ASSERT_EQ(result.findings.size(), 3u);
  ASSERT_TRUE(result.findings[0].suppression);
  EXPECT_EQ(result.findings[0].suppression->kind, core::Suppression::Kind::config);
  EXPECT_EQ(result.findings[0].suppression->reason, "billing first");
  EXPECT_EQ(result.findings[0].suppression->where, (core::SourceLocation{"tracegate.toml", 3, 0}));
  ASSERT_TRUE(result.findings[1].suppression);
  EXPECT_EQ(result.findings[1].suppression->reason, "legacy goes away");
  EXPECT_FALSE(result.findings[2].suppression);
  EXPECT_EQ(result.suppression_matches, (std::vector<std::size_t>{1, 1}));
  EXPECT_EQ(result.counts.suppressed_by_config, 2u);
}

TEST(FindingPolicy, GlobsOnServicePathAndRule) {
  auto rule = suppress("breaking-change", 1);
  rule.service = "billing-*";
  EXPECT_TRUE(suppression_matches(rule, finding("breaking-change", "billing-api", "a.py")));
  EXPECT_FALSE(suppression_matches(rule, finding("breaking-change", "search", "a.py")));
  EXPECT_FALSE(suppression_matches(rule, finding("tracer-downgrade", "billing-api", "a.py")));

  rule = suppress("breaking-change", 1);
  rule.path = "services/*/legacy/*.py";
  EXPECT_TRUE(suppression_matches(rule, finding("breaking-change", "x", "services/a/legacy/old.py")));
  EXPECT_FALSE(suppression_matches(rule, finding("breaking-change", "x", "services/a/new/old.py")));
  rule.path = "tests";  // a directory covers what is below it
  EXPECT_TRUE(suppression_matches(rule, finding("breaking-change", "x", "tests/unit/test_a.py")));
  EXPECT_FALSE(suppression_matches(rule, finding("breaking-change", "x", "tests_data/a.py")));
  EXPECT_FALSE(suppression_matches(rule, finding("breaking-change", "x", "")));  // no file: no path match
  rule.path = "Dockerfile";
  EXPECT_TRUE(suppression_matches(rule, finding("breaking-change", "x", "Dockerfile")));

  rule = suppress("*", 1);
  rule.rule = "ddtrace.removed-module.*";
  EXPECT_TRUE(suppression_matches(rule, finding("breaking-change", "x", "a.py", 1, Severity::error,
                                                 "ddtrace.removed-module.opentracer")));
  EXPECT_FALSE(suppression_matches(rule, finding("breaking-change", "x", "a.py", 1, Severity::error,
                                                  "ddtrace.removed-config.DD_X")));
  EXPECT_FALSE(suppression_matches(rule, finding("breaking-change", "x", "a.py")));  // no rule id

  // An exact name with glob characters still matches itself.
  rule = suppress("a", 1);
  rule.service = "svc[1]";
  EXPECT_TRUE(suppression_matches(rule, finding("a", "svc[1]", "f")));
}

TEST(FindingPolicy, ExpiresTodayStillHoldsTomorrowItIsAFinding) {
  Policy policy;
  auto rule = suppress("breaking-change", 12, core::Date{2025, 6, 30});
  rule.service = "billing";
  rule.path = "legacy/*";
  rule.reason = "legacy is deleted in Q2";
  policy.suppressions = {rule};
  const std::vector<core::Finding> input = {finding("breaking-change", "billing", "legacy/a.py")};

  auto on_the_day = apply_policy(input, policy, core::Date{2025, 6, 30});
  ASSERT_EQ(on_the_day.findings.size(), 1u);
  ASSERT_TRUE(on_the_day.findings[0].suppression);
  EXPECT_EQ(on_the_day.findings[0].suppression->expires, "2025-06-30");
  EXPECT_FALSE(fails(on_the_day, Severity::note));

  auto day_after = apply_policy(input, policy, core::Date{2025, 7, 1});
  ASSERT_EQ(day_after.findings.size(), 2u);
  EXPECT_FALSE(day_after.findings[0].suppression);  // an expired entry suppresses nothing
  const auto& expired = day_after.findings[1];
  EXPECT_EQ(expired.check_id, "suppression-expired");
  EXPECT_EQ(expired.severity, Severity::error);
  EXPECT_EQ(expired.location, (core::SourceLocation{"tracegate.toml", 12, 0}));
  EXPECT_EQ(expired.message,
            "the suppression of breaking-change for service billing, path legacy/* expired on 2025-06-30 "
            "(reason: \"legacy is deleted in Q2\"); it matches 1 finding, which it no longer suppresses");
  EXPECT_EQ(expired.causes, (std::vector<std::string>{
                                "tracegate.toml:12 suppresses breaking-change for service billing, path legacy/* until 2025-06-30",
                                "today is 2025-07-01"}));
  ASSERT_TRUE(expired.fix);
  EXPECT_FALSE(expired.suppression);
  EXPECT_EQ(day_after.counts.expired_suppressions, 1u);
  EXPECT_TRUE(fails(day_after, Severity::error));
}

TEST(FindingPolicy, ExpiredSuppressionIsReportedEvenWhenItMatchesNothingAndLetsTheNextOneMatch) {
  Policy policy;
  policy.config_source = {"/src/api", "", "", "api"};
  policy.suppressions = {suppress("a", 2, core::Date{2024, 2, 29}), suppress("a", 6)};
  auto result = apply_policy({finding("a", "s", "f.py")}, policy, kToday);
  ASSERT_EQ(result.findings.size(), 2u);
  ASSERT_TRUE(result.findings[0].suppression);
  EXPECT_EQ(result.findings[0].suppression->where.line, 6);
  EXPECT_EQ(result.findings[1].check_id, "suppression-expired");
  EXPECT_EQ(result.findings[1].location.line, 2);
  EXPECT_EQ(result.findings[1].source.name, "api");
  EXPECT_EQ(result.suppression_matches, (std::vector<std::size_t>{1, 1}));

  auto none = apply_policy({}, policy, kToday);
  ASSERT_EQ(none.findings.size(), 1u);
  EXPECT_EQ(none.findings[0].check_id, "suppression-expired");
}

TEST(FindingPolicy, FindingsAboutTheConfigurationCannotBeSuppressed) {
  Policy policy;
  auto everything = suppress("*", 1);
  everything.path = "*";
  policy.suppressions = {suppress("a", 5, core::Date{2025, 1, 1}), everything};
  policy.baseline = Baseline{"b.json", {}};
  // Even a finding carried in from elsewhere (merged results) is left alone.
  auto carried = finding("suppression-expired", "", "tracegate.toml", 9);
  policy.baseline->fingerprints.insert(core::fingerprint(carried));
  auto result = apply_policy({carried}, policy, kToday);
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_FALSE(result.findings[0].suppression);
  EXPECT_EQ(result.findings[1].check_id, "suppression-expired");
  EXPECT_FALSE(result.findings[1].suppression);
}

TEST(FindingPolicy, UnusedSuppressionsOnlyWhenAsked) {
  Policy policy;
  policy.suppressions = {suppress("a", 1), suppress("b", 5), suppress("a", 9)};  // the third is shadowed
  const std::vector<core::Finding> input = {finding("a", "s", "f.py")};
  EXPECT_EQ(apply_policy(input, policy, kToday).findings.size(), 1u);
  policy.report_unused = true;
  auto result = apply_policy(input, policy, kToday);
  ASSERT_EQ(result.findings.size(), 3u);
  EXPECT_EQ(result.findings[1].check_id, "suppression-unused");
  EXPECT_EQ(result.findings[1].severity, Severity::note);
  EXPECT_EQ(result.findings[1].location.line, 5);
  EXPECT_EQ(result.findings[2].location.line, 9);
  EXPECT_EQ(result.counts.unused_suppressions, 2u);
  EXPECT_FALSE(fails(result, Severity::warning));
  EXPECT_TRUE(fails(result, Severity::note));
}

TEST(FindingPolicy, FailsIgnoresSuppressedFindings) {
  auto suppressed = finding("a", "s", "f.py", 1, Severity::error);
  suppressed.suppression = core::Suppression{core::Suppression::Kind::config, "r", "", {}};
  const std::vector<core::Finding> findings = {suppressed, finding("b", "s", "f.py", 2, Severity::warning)};
  EXPECT_FALSE(fails(findings, Severity::error));
  EXPECT_TRUE(fails(findings, Severity::warning));
  EXPECT_TRUE(fails(findings, Severity::note));
  EXPECT_FALSE(fails(std::vector<core::Finding>{suppressed}, Severity::note));
}

std::string baseline_text(const std::vector<core::Finding>& findings) {
  std::ostringstream out;
  write_baseline(findings, out);
  return out.str();
}

TEST(Baseline, WriteIsSortedStableAndOneEntryPerLine) {
  auto configured = finding("c", "s", "a.py");
  configured.suppression = core::Suppression{core::Suppression::Kind::config, "r", "", {}};
  auto baselined = finding("d", "s", "a.py");
  baselined.suppression = core::Suppression{core::Suppression::Kind::baseline, "in the baseline b.json", "", {"b.json"}};
  const std::vector<core::Finding> findings = {
      finding("b", "s", "z.py", 3), finding("a", "s", "z.py", 1), finding("a", "s", "z.py", 9) /* same fingerprint */,
      configured, baselined, finding("suppression-expired", "", "tracegate.toml", 4)};
  const auto text = baseline_text(findings);
  const auto fa = core::fingerprint(findings[1]);
  const auto fb = core::fingerprint(findings[0]);
  const auto fd = core::fingerprint(baselined);
  EXPECT_EQ(text, "{\n  \"schema_version\": 1,\n  \"generated_by\": \"tracegate\",\n  \"findings\": [\n"
                  "    {\"fingerprint\":\"" + fd + "\",\"check\":\"d\",\"service\":\"s\",\"subject\":\"ddtrace\",\"file\":\"a.py\"},\n"
                  "    {\"fingerprint\":\"" + fa + "\",\"check\":\"a\",\"service\":\"s\",\"subject\":\"ddtrace\",\"file\":\"z.py\"},\n"
                  "    {\"fingerprint\":\"" + fb + "\",\"check\":\"b\",\"service\":\"s\",\"subject\":\"ddtrace\",\"file\":\"z.py\"}\n"
                  "  ]\n}\n");
  // The order of the input does not matter.
  std::vector<core::Finding> reversed(findings.rbegin(), findings.rend());
  EXPECT_EQ(baseline_text(reversed), text);
  EXPECT_TRUE(nlohmann::json::accept(text));
  EXPECT_EQ(baseline_text({}), "{\n  \"schema_version\": 1,\n  \"generated_by\": \"tracegate\",\n  \"findings\": []\n}\n");
}

TEST(Baseline, RoundTripSurvivesALineChange) {
  const std::vector<core::Finding> before = {finding("breaking-change", "billing", "app/main.py", 10),
                                             finding("lock-refresh-required", "billing", "poetry.lock", 200)};
  auto baseline = parse_baseline(baseline_text(before), "ci/baseline.json");
  ASSERT_TRUE(baseline) << core::to_string(baseline.error());
  EXPECT_EQ(baseline->path, "ci/baseline.json");
  EXPECT_EQ(baseline->fingerprints.size(), 2u);

  Policy policy;
  policy.baseline = *baseline;
  // Lines moved, and a new finding appeared.
  auto result = apply_policy({finding("breaking-change", "billing", "app/main.py", 14),
                              finding("lock-refresh-required", "billing", "poetry.lock", 230),
                              finding("breaking-change", "billing", "app/other.py", 3)},
                             policy, kToday);
  ASSERT_EQ(result.findings.size(), 3u);
  ASSERT_TRUE(result.findings[0].suppression);
  EXPECT_EQ(result.findings[0].suppression->kind, core::Suppression::Kind::baseline);
  EXPECT_EQ(result.findings[0].suppression->reason, "in the baseline ci/baseline.json");
  EXPECT_EQ(result.findings[0].suppression->where, (core::SourceLocation{"ci/baseline.json"}));
  EXPECT_TRUE(result.findings[1].suppression);
  EXPECT_FALSE(result.findings[2].suppression);
  EXPECT_EQ(result.counts.suppressed_by_baseline, 2u);
  EXPECT_TRUE(fails(result, Severity::error));
  result.findings.pop_back();
  EXPECT_FALSE(fails(result, Severity::note));
}

TEST(Baseline, ConfigSuppressionWinsOverTheBaseline) {
  const auto f = finding("a", "s", "f.py");
  Policy policy;
  policy.baseline = Baseline{"b.json", {core::fingerprint(f)}};
  policy.suppressions = {suppress("a", 3)};
  auto result = apply_policy({f}, policy, kToday);
  ASSERT_TRUE(result.findings[0].suppression);
  EXPECT_EQ(result.findings[0].suppression->kind, core::Suppression::Kind::config);
  EXPECT_EQ(result.counts.suppressed_by_baseline, 0u);
}

TEST(Baseline, MalformedFilesAreErrorsWithLocation) {
  const auto error = [](std::string_view text) {
    auto baseline = parse_baseline(text, "b.json");
    return baseline ? std::string("(parsed)") : core::to_string(baseline.error());
  };
  EXPECT_EQ(error("{\n  \"schema_version\": 1,\n  \"findings\": [\n    {\"fingerprint\": \"x\"},,\n  ]\n}\n"),
            "b.json:4:26: syntax error while parsing value - unexpected ','; expected '[', '{', or a literal");
  EXPECT_EQ(error("").substr(0, 9), "b.json:1:");
  EXPECT_EQ(error("[]"), "b.json: a baseline must be a JSON object (tracegate baseline write FILE)");
  EXPECT_EQ(error("{\"findings\": []}"), "b.json: schema_version is missing; not a tracegate baseline");
  EXPECT_EQ(error("{\"schema_version\": 2, \"findings\": []}"),
            "b.json: schema_version 2 is not supported (this tracegate reads 1)");
  EXPECT_EQ(error("{\"schema_version\": 1}"), "b.json: findings must be an array");
  EXPECT_EQ(error("{\"schema_version\": 1, \"findings\": [{\"fingerprint\": \"a\"}, 3]}"),
            "b.json: findings[1] must be an object");
  EXPECT_EQ(error("{\"schema_version\": 1, \"findings\": [{\"check\": \"a\"}]}"),
            "b.json: findings[0]: fingerprint must be a non-empty string");
  EXPECT_EQ(error(std::string(100, '[')), "b.json: JSON nested deeper than 64 levels; not a baseline");
  EXPECT_EQ(error("{\"schema_version\": 1, \"findings\": [], \"note\": \"extra keys are ignored\"}"), "(parsed)");
}

TEST(Baseline, ReadBaselineFromDisk) {
  auto missing = read_baseline("/nonexistent/tracegate-baseline.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(core::to_string(missing.error()), "/nonexistent/tracegate-baseline.json: cannot read baseline file");
  const auto path = ::testing::TempDir() + "tracegate-policy-baseline.json";
  {
    std::ofstream out(path);
    write_baseline({finding("a", "s", "f.py")}, out);
  }
  auto baseline = read_baseline(path);
  ASSERT_TRUE(baseline) << core::to_string(baseline.error());
  EXPECT_TRUE(baseline->fingerprints.contains(core::fingerprint(finding("a", "s", "f.py", 99))));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace tracegate::rules
