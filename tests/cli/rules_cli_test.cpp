// SPDX-License-Identifier: Apache-2.0
// `tracegate rules` end to end: the built-in knowledge base, user rule directories from the
// command line and from tracegate.toml, and the errors a broken rule file gets.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/run_command.hpp"

namespace tracegate::cli {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;

testing::CommandResult tracegate(const std::string& args) { return run_command(std::string(TRACEGATE_BINARY) + " " + args); }

fs::path scratch(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("tracegate-rules-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

std::set<std::string> names(const nlohmann::json& changes) {
  std::set<std::string> out;
  for (const auto& change : changes) out.insert(change["name"].get<std::string>());
  return out;
}

TEST(RulesCli, BuiltinValidatesAndLists) {
  const auto validate = tracegate("rules validate");
  EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
  EXPECT_NE(validate.out.find(": 0 error(s)"), std::string::npos) << validate.out;
  const auto list = tracegate("rules list --format json");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto json = nlohmann::json::parse(list.out);
  std::set<std::string> ids;
  for (const auto& tracer : json["tracers"]) ids.insert(tracer["id"].get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{"ddtrace", "dd-trace-php", "dd-java-agent"}));
}

TEST(RulesCli, ShowSinceListsTheIncidentsRemovedDependencies) {
  const auto show = tracegate("rules show ddtrace@2.11.1 --since 2.1.2 --format json");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const auto json = nlohmann::json::parse(show.out);
  EXPECT_EQ(json["version"], "2.11.1");
  EXPECT_EQ(json["runtime"], ">=3.7");
  EXPECT_EQ(json["requires"].size(), 9u);
  const auto& requirements = json["since"]["requirements"];
  EXPECT_EQ(names(requirements["removed"]), (std::set<std::string>{"attrs", "cattrs", "ddsketch", "psutil", "setuptools", "six", "wrapt"}));
  EXPECT_EQ(names(requirements["changed"]), (std::set<std::string>{"bytecode", "envier", "importlib-metadata"}));
  EXPECT_TRUE(requirements["added"].empty());
  EXPECT_FALSE(json["since"]["breaking_changes"].empty());
}

TEST(RulesCli, ShowNamesTheProblemWithATarget) {
  const auto unknown_version = tracegate("rules show ddtrace@2.1.99");
  EXPECT_EQ(unknown_version.exit_code, 2);
  EXPECT_NE(unknown_version.err.find("ddtrace 2.1.99 is not a release the knowledge base knows (known: 1.20.0 .."), std::string::npos)
      << unknown_version.err;
  const auto unknown_package = tracegate("rules show flask@2.0");
  EXPECT_EQ(unknown_package.exit_code, 2);
  EXPECT_NE(unknown_package.err.find("'flask' is not a tracer package"), std::string::npos) << unknown_package.err;
  const auto no_version = tracegate("rules show ddtrace");
  EXPECT_EQ(no_version.exit_code, 2);
  EXPECT_NE(no_version.err.find("expected PACKAGE@VERSION"), std::string::npos) << no_version.err;
  const auto maven = tracegate("rules show com.datadoghq:dd-trace-ot@1.40.0 --format json");
  ASSERT_EQ(maven.exit_code, 0) << maven.err;
  EXPECT_NE(maven.out.find("io.opentracing:opentracing-api:0.32.0"), std::string::npos);
}

TEST(RulesCli, UserDirectoriesExtendTheBuiltinTracers) {
  const auto dir = scratch("user");
  write(dir / "kb" / "internal.toml",
        "schema = 1\ntracer = \"ddtrace\"\n\n[[breaking]]\nid = \"ddtrace.api-removed.acme-wrapper\"\nsince = \"2.5.0\"\n"
        "kind = \"api-removed\"\nidentifier = \"acme.tracing.legacy\"\nmessage = \"our wrapper's legacy module is gone\"\n"
        "fix = \"use acme.tracing\"\nsource = \"https://wiki.example/acme-tracing\"\n[[breaking.pattern]]\n"
        "regex = '\\bacme\\.tracing\\.legacy\\b'\nfiles = [\"python\"]\n");
  write(dir / "tracegate.toml", "[rules]\npaths = [\"kb\"]\n");
  const auto show = tracegate("rules --config " + shell_quote((dir / "tracegate.toml").string()) +
                              " show ddtrace@2.11.1 --since 2.1.2 --format json");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const auto json = nlohmann::json::parse(show.out);
  bool found = false;
  for (const auto& change : json["since"]["breaking_changes"]) found = found || change["id"] == "ddtrace.api-removed.acme-wrapper";
  EXPECT_TRUE(found) << show.out;
  const auto validate = tracegate("rules validate " + shell_quote((dir / "kb").string()));
  EXPECT_EQ(validate.exit_code, 0) << validate.out;
}

TEST(RulesCli, BrokenUserRulesAreReportedAtFileLineColumn) {
  const auto dir = scratch("broken");
  write(dir / "bad.toml", "schema = 1\ntracer = \"ddtrace\"\n[[release]]\nversions = { \"9.9.9\" = 2030-01-01 }\nruntime = \">=3.8\"\nsource = \"x\"\nrequirez = []\n");
  write(dir / "syntax.toml", "schema = 1\ntracer = [\n");
  const auto validate = tracegate("rules validate " + shell_quote(dir.string()));
  EXPECT_EQ(validate.exit_code, 1);
  EXPECT_NE(validate.out.find((dir / "bad.toml").string() + ":7:1: error: unknown key 'release.requirez'"), std::string::npos)
      << validate.out;
  EXPECT_NE(validate.out.find((dir / "syntax.toml").string() + ":2:"), std::string::npos) << validate.out;
  // Commands that need the knowledge base refuse a broken one.
  write(dir / "tracegate.toml", "[rules]\npaths = [\".\"]\n");
  const auto show = tracegate("rules --config " + shell_quote((dir / "tracegate.toml").string()) + " show ddtrace@2.11.1");
  EXPECT_EQ(show.exit_code, 2);
  EXPECT_NE(show.err.find("run `tracegate rules validate`"), std::string::npos) << show.err;
  const auto missing = tracegate("rules validate /nonexistent-tracegate-dir");
  EXPECT_EQ(missing.exit_code, 2);
}

}  // namespace
}  // namespace tracegate::cli
