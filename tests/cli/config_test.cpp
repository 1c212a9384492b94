// SPDX-License-Identifier: Apache-2.0
#include "cli/config.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace tracegate::cli {
namespace {

TEST(ParseConfig, ReadsScanTable) {
  auto config = parse_config("[scan]\nexclude = [\"tests/*\", \"examples\"]\nmax_file_size = 1024\njobs = 3\n", "tracegate.toml");
  ASSERT_TRUE(config) << core::to_string(config.error());
  EXPECT_EQ(config->scan.exclude, (std::vector<std::string>{"tests/*", "examples"}));
  EXPECT_EQ(config->scan.max_file_size, 1024u);
  EXPECT_EQ(config->scan.jobs, 3);
}

TEST(ParseConfig, EmptyFileIsDefaults) {
  auto config = parse_config("", "tracegate.toml");
  ASSERT_TRUE(config);
  EXPECT_TRUE(config->scan.exclude.empty());
  EXPECT_FALSE(config->scan.max_file_size);
}

TEST(ParseConfig, UnknownKeysAreErrorsWithLocation) {
  auto top = parse_config("\n\nsevrity = 1\n", "cfg/tracegate.toml");
  ASSERT_FALSE(top);
  EXPECT_EQ(core::to_string(top.error()),
            "cfg/tracegate.toml:3:1: unknown key 'sevrity' (known: fail_on, severity, suppress, baseline, scan, rules)");
  auto nested = parse_config("[scan]\nexclude = []\n  excludes = []\n", "tracegate.toml");
  ASSERT_FALSE(nested);
  EXPECT_EQ(core::to_string(nested.error()),
            "tracegate.toml:3:3: unknown key 'scan.excludes' (known: exclude, max_file_size, jobs)");
}

TEST(ParseConfig, WrongTypesAreErrorsWithLocation) {
  auto config = parse_config("[scan]\nexclude = \"tests\"\n", "tracegate.toml");
  ASSERT_FALSE(config);
  EXPECT_EQ(core::to_string(config.error()), "tracegate.toml:2:11: scan.exclude must be an array of strings");
  auto jobs = parse_config("[scan]\njobs = 0\n", "tracegate.toml");
  ASSERT_FALSE(jobs);
  EXPECT_EQ(core::to_string(jobs.error()), "tracegate.toml:2:8: scan.jobs must be an integer from 1 to 1024");
}

TEST(ParseConfig, SyntaxErrorNamesLineAndColumn) {
  auto config = parse_config("[scan\n", "tracegate.toml");
  ASSERT_FALSE(config);
  ASSERT_TRUE(config.error().where);
  EXPECT_EQ(config.error().where->path, "tracegate.toml");
  EXPECT_EQ(config.error().where->line, 1);
}

}  // namespace
}  // namespace tracegate::cli

namespace tracegate::cli {
namespace {

TEST(ParseConfig, RulePathsAreRelativeToTheFile) {
  auto config = parse_config("[rules]\npaths = [\"kb\", \"/abs/rules\", \"../shared/x\"]\n", "repo/ci/tracegate.toml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->rules.paths, (std::vector<std::string>{"repo/ci/kb", "/abs/rules", "repo/shared/x"}));
  auto bad = parse_config("[rules]\npath = []\n", "t.toml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(core::to_string(bad.error()), "t.toml:2:1: unknown key 'rules.path' (known: paths)");
  auto wrong = parse_config("[rules]\npaths = [1]\n", "t.toml");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(core::to_string(wrong.error()), "t.toml:2:10: rules.paths must be an array of directory names");
}

}  // namespace
}  // namespace tracegate::cli

namespace tracegate::cli {
namespace {

std::string error_of(std::string_view text, std::string_view path = "tracegate.toml") {
  auto config = parse_config(text, path);
  if (config) return "(parsed)";
  return core::to_string(config.error());
}

TEST(PolicyConfig, ReadsEverything) {
  auto config = parse_config(R"(fail_on = "warning"
baseline = "ci/tracegate-baseline.json"

[severity]
tracer-not-found = "off"
runtime-newer-than-tested = "error"

[[suppress]]
check = "breaking-change"
service = "billing-*"
path = "legacy/**"
rule = "ddtrace.removed-module.*"
reason = "legacy code is deleted in Q3"
expires = 2025-09-30

[[suppress]]
check = "*"
service = "search"
reason = "search is being retired"
expires = "2024-02-29"

[[suppress]]
check = "agent-too-old"
reason = "agent upgrade tracked in OPS-12"
)",
                             "repo/tracegate.toml");
  ASSERT_TRUE(config) << core::to_string(config.error());
  EXPECT_EQ(config->fail_on, core::Severity::warning);
  EXPECT_EQ(config->baseline, "repo/ci/tracegate-baseline.json");
  ASSERT_EQ(config->severity.size(), 2u);
  EXPECT_FALSE(config->severity.at("tracer-not-found").severity);  // off
  EXPECT_EQ(config->severity.at("tracer-not-found").where, (core::SourceLocation{"repo/tracegate.toml", 5, 1}));
  EXPECT_EQ(config->severity.at("runtime-newer-than-tested").severity, core::Severity::error);

  ASSERT_EQ(config->suppressions.size(), 3u);
  const auto& first = config->suppressions[0];
  EXPECT_EQ(first.check, "breaking-change");
  EXPECT_EQ(first.service, "billing-*");
  EXPECT_EQ(first.path, "legacy/**");
  EXPECT_EQ(first.rule, "ddtrace.removed-module.*");
  EXPECT_EQ(first.reason, "legacy code is deleted in Q3");
  EXPECT_EQ(first.expires, (core::Date{2025, 9, 30}));
  EXPECT_EQ(first.where, (core::SourceLocation{"repo/tracegate.toml", 8, 0}));
  EXPECT_EQ(first.check_where, (core::SourceLocation{"repo/tracegate.toml", 9, 9}));
  const auto& second = config->suppressions[1];
  EXPECT_EQ(second.check, "*");
  EXPECT_EQ(second.expires, (core::Date{2024, 2, 29}));  // a leap day, as a string
  EXPECT_EQ(second.where.line, 16);
  const auto& third = config->suppressions[2];
  EXPECT_FALSE(third.expires);
  EXPECT_FALSE(third.service);
  EXPECT_EQ(third.where.line, 22);
}

TEST(PolicyConfig, InlineTablesAndEmptyConfig) {
  auto config = parse_config("suppress = [\n  { check = \"agent-too-old\", reason = \"r\" },\n  { check = \"x\", reason = \"s\" },\n]\n",
                             "t.toml");
  ASSERT_TRUE(config) << core::to_string(config.error());
  ASSERT_EQ(config->suppressions.size(), 2u);
  EXPECT_EQ(config->suppressions[1].where.line, 3);
  auto empty = parse_config("", "t.toml");
  ASSERT_TRUE(empty);
  EXPECT_FALSE(empty->fail_on);
  EXPECT_FALSE(empty->baseline);
  EXPECT_TRUE(empty->severity.empty());
  EXPECT_TRUE(empty->suppressions.empty());
}

TEST(PolicyConfig, BaselineIsRelativeToTheFile) {
  EXPECT_EQ(parse_config("baseline = \"b.json\"\n", "tracegate.toml")->baseline, "b.json");
  EXPECT_EQ(parse_config("baseline = \"../b.json\"\n", "/etc/tg/ci/tracegate.toml")->baseline, "/etc/tg/b.json");
  EXPECT_EQ(parse_config("baseline = \"/abs/b.json\"\n", "ci/tracegate.toml")->baseline, "/abs/b.json");
  EXPECT_EQ(parse_config("baseline = \"./x/../b.json\"\n", "ci/tracegate.toml")->baseline, "ci/b.json");
  EXPECT_EQ(error_of("baseline = \"\"\n"),
            "tracegate.toml:1:12: baseline must be the path of a baseline file (tracegate baseline write FILE)");
  EXPECT_EQ(error_of("\nbaseline = 3\n"),
            "tracegate.toml:2:12: baseline must be the path of a baseline file (tracegate baseline write FILE)");
}

TEST(PolicyConfig, FailOnAndSeverityErrors) {
  EXPECT_EQ(error_of("fail_on = \"critical\"\n"), "tracegate.toml:1:11: fail_on must be \"error\", \"warning\" or \"note\"");
  EXPECT_EQ(error_of("fail_on = \"off\"\n"), "tracegate.toml:1:11: fail_on must be \"error\", \"warning\" or \"note\"");
  EXPECT_EQ(error_of("severity = \"warning\"\n"),
            "tracegate.toml:1:12: 'severity' must be a table: [severity] <check id> = \"warning\"");
  EXPECT_EQ(error_of("[severity]\ntracer-downgrade = \"fatal\"\n"),
            "tracegate.toml:2:20: severity.tracer-downgrade must be \"error\", \"warning\", \"note\" or \"off\"");
  EXPECT_EQ(error_of("[severity]\n\ntracer-downgrade = 1\n"),
            "tracegate.toml:3:20: severity.tracer-downgrade must be \"error\", \"warning\", \"note\" or \"off\"");
  EXPECT_EQ(error_of("[severity]\nsuppression-expired = \"note\"\n"),
            "tracegate.toml:2:1: severity.suppression-expired: findings about tracegate.toml itself are always "
            "reported; their severity cannot be changed");
}

TEST(PolicyConfig, SuppressionErrorsNameTheLine) {
  EXPECT_EQ(error_of("[[suppress]]\ncheck = \"x\"\nreason = \"r\"\nservce = \"a\"\n"),
            "tracegate.toml:4:1: unknown key 'suppress.servce' (known: check, service, path, rule, reason, expires)");
  EXPECT_EQ(error_of("\n[[suppress]]\nreason = \"r\"\n"),
            "tracegate.toml:2: [[suppress]] needs check = \"<check id>\" (or \"*\")");
  EXPECT_EQ(error_of("[[suppress]]\ncheck = \"x\"\nreason = \"r\"\n[[suppress]]\ncheck = \"y\"\n"),
            "tracegate.toml:4: [[suppress]] needs a reason = \"...\" saying why");
  EXPECT_EQ(error_of("[[suppress]]\ncheck = \"x\"\nreason = \"  \"\n"),
            "tracegate.toml:3:10: suppress.reason must say why (a non-empty string)");
  EXPECT_EQ(error_of("[[suppress]]\ncheck = 7\nreason = \"r\"\n"),
            "tracegate.toml:2:9: suppress.check must be a check id or \"*\"");
  EXPECT_EQ(error_of("[[suppress]]\ncheck = \"suppression-expired\"\nreason = \"r\"\n"),
            "tracegate.toml:2:9: suppress.check: findings about tracegate.toml itself (suppression-expired) are "
            "always reported and cannot be suppressed");
  EXPECT_EQ(error_of("[[suppress]]\ncheck = \"*\"\nreason = \"everything\"\n"),
            "tracegate.toml:1: [[suppress]] with check = \"*\" needs a service, path or rule: it would suppress "
            "everything");
  EXPECT_EQ(error_of("[[suppress]]\ncheck = \"x\"\nreason = \"r\"\nservice = \"\"\n"),
            "tracegate.toml:4:11: suppress.service must be a non-empty string");
  EXPECT_EQ(error_of("[[suppress]]\ncheck = \"x\"\nreason = \"r\"\npath = [\"a\"]\n"),
            "tracegate.toml:4:8: suppress.path must be a non-empty string");
  EXPECT_EQ(error_of("[[suppress]]\ncheck = \"x\"\nreason = \"r\"\nrule = 1\n"),
            "tracegate.toml:4:8: suppress.rule must be a non-empty string");
  EXPECT_EQ(error_of("suppress = 1\n"), "tracegate.toml:1:12: 'suppress' must be an array of tables ([[suppress]])");
  EXPECT_EQ(error_of("suppress = [1]\n"), "tracegate.toml:1:13: 'suppress' must be an array of tables ([[suppress]])");
  EXPECT_EQ(error_of("[suppress]\ncheck = \"x\"\n"),
            "tracegate.toml:1:1: 'suppress' must be an array of tables ([[suppress]])");
}

TEST(PolicyConfig, ExpiryDates) {
  const auto expires = [](std::string_view value) {
    auto config = parse_config(fmt::format("[[suppress]]\ncheck = \"x\"\nreason = \"r\"\nexpires = {}\n", value), "t.toml");
    return config ? core::to_string(*config->suppressions.at(0).expires) : core::to_string(config.error());
  };
  EXPECT_EQ(expires("2028-02-29"), "2028-02-29");
  EXPECT_EQ(expires("\"2028-02-29\""), "2028-02-29");
  EXPECT_EQ(expires("\"2100-02-29\""), "t.toml:4:11: suppress.expires: '2100-02-29' is not a date YYYY-MM-DD that exists");
  EXPECT_EQ(expires("\"2025-02-29\""), "t.toml:4:11: suppress.expires: '2025-02-29' is not a date YYYY-MM-DD that exists");
  EXPECT_EQ(expires("\"2025-6-30\""), "t.toml:4:11: suppress.expires: '2025-6-30' is not a date YYYY-MM-DD that exists");
  EXPECT_EQ(expires("\"next year\""), "t.toml:4:11: suppress.expires: 'next year' is not a date YYYY-MM-DD that exists");
  EXPECT_EQ(expires("2025-06-30T10:00:00Z"),
            "t.toml:4:11: suppress.expires must be a date: expires = 2025-06-30 or \"2025-06-30\"");
  EXPECT_EQ(expires("20250630"), "t.toml:4:11: suppress.expires must be a date: expires = 2025-06-30 or \"2025-06-30\"");
  // A TOML date that does not exist is a TOML syntax error, still with its line.
  auto bad = parse_config("[[suppress]]\ncheck = \"x\"\nreason = \"r\"\nexpires = 2025-02-30\n", "t.toml");
  ASSERT_FALSE(bad);
  ASSERT_TRUE(bad.error().where);
  EXPECT_EQ(bad.error().where->line, 4);
}

TEST(PolicyConfig, ValidateCheckIds) {
  auto config = parse_config(R"([severity]
tracer-downgrade = "note"
tracer-dowgrade = "off"

[[suppress]]
check = "agent-too-olde"
reason = "r"

[[suppress]]
check = "*"
service = "a"
reason = "r"

[[suppress]]
check = "agent-too-old"
reason = "r"
)",
                             "tracegate.toml");
  ASSERT_TRUE(config) << core::to_string(config.error());
  const auto known = [](std::string_view id) { return id == "tracer-downgrade" || id == "agent-too-old"; };
  const auto errors = validate_check_ids(*config, known);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(core::to_string(errors[0]), "tracegate.toml:3:1: error: severity.tracer-dowgrade: unknown check id");
  EXPECT_EQ(core::to_string(errors[1]), "tracegate.toml:6:9: error: suppress.check: unknown check id 'agent-too-olde'");
  EXPECT_TRUE(validate_check_ids(*config, [](std::string_view) { return true; }).empty());
}

}  // namespace
}  // namespace tracegate::cli
