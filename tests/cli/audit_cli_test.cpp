// SPDX-License-Identifier: Apache-2.0
// `tracegate audit` end to end on real git repositories: the bundled audit fleet must give
// exactly the findings fixtures/audit-fleet/EXPECTED.md lists, for both upgrades; repositories
// built here in other layouts must give the same verdicts.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/support/run_command.hpp"
#include "tests/support/temp_git_repo.hpp"

namespace tracegate::cli {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;

testing::CommandResult tracegate(const std::string& args) { return run_command(std::string(TRACEGATE_BINARY) + " " + args); }

/// repository | service dir | check | severity | file:line | subject
using Row = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" `");
  const auto last = text.find_last_not_of(" `");
  return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

/// The table rows of EXPECTED.md under the heading that names `upgrade`.
std::set<Row> expected_rows(const std::string& upgrade) {
  std::ifstream in(fs::path(TRACEGATE_FIXTURES_DIR) / "audit-fleet" / "EXPECTED.md");
  std::set<Row> rows;
  std::string line;
  bool in_section = false;
  while (std::getline(in, line)) {
    if (line.starts_with("## ")) in_section = line.find("--upgrade ddtrace@" + upgrade + "`") != std::string::npos;
    if (!in_section || line.starts_with("repository") || line.starts_with("---")) continue;
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, '|');) cells.push_back(trim(cell));
    if (cells.size() != 6) continue;
    rows.insert({cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]});
  }
  return rows;
}

std::set<Row> actual_rows(const nlohmann::json& report) {
  std::map<std::string, std::string> service_dirs;
  for (const auto& service : report["services"]) {
    service_dirs[service["repository"].get<std::string>() + "\n" + service["name"].get<std::string>()] = service["path"];
  }
  std::set<Row> rows;
  for (const auto& finding : report["findings"]) {
    const auto& location = finding["location"];
    const auto repository_path = location["repository"].get<std::string>();
    const auto repository = fs::path(repository_path).filename().string();
    rows.insert({repository, service_dirs[repository_path + "\n" + finding["service"].get<std::string>()],
                 finding["check"], finding["severity"],
                 location["file"].get<std::string>() + ":" + std::to_string(location["line"].get<int>()), finding["subject"]});
  }
  return rows;
}

std::string show(const std::set<Row>& rows) {
  std::string text;
  for (const auto& [a, b, c, d, e, f] : rows) text += a + " | " + b + " | " + c + " | " + d + " | " + e + " | " + f + "\n";
  return text;
}

class AuditFleet : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fleet_ = new testing::TempDir();
    const auto made = run_command(shell_quote(std::string(TRACEGATE_SOURCE_DIR) + "/scripts/make_fixture_fleet.sh") + " " +
                                  shell_quote(std::string(TRACEGATE_FIXTURES_DIR) + "/audit-fleet") + " " +
                                  shell_quote((fleet_->path() / "fleet").string()));
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  static void TearDownTestSuite() { delete fleet_; }
  static std::string dir() { return shell_quote((fleet_->path() / "fleet").string()); }
  static testing::TempDir* fleet_;
};
testing::TempDir* AuditFleet::fleet_ = nullptr;

void expect_fleet_findings(const std::string& upgrade, const std::string& fleet) {
  const auto run = tracegate("audit --upgrade ddtrace@" + upgrade + " --ref HEAD --discover " + fleet + " --format json");
  ASSERT_EQ(run.exit_code, 1) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  const auto expected = expected_rows(upgrade);
  ASSERT_FALSE(expected.empty());
  const auto actual = actual_rows(report);
  std::set<Row> missing, unexpected;
  std::ranges::set_difference(expected, actual, std::inserter(missing, missing.end()));
  std::ranges::set_difference(actual, expected, std::inserter(unexpected, unexpected.end()));
  EXPECT_TRUE(missing.empty()) << "missing:\n" << show(missing);
  EXPECT_TRUE(unexpected.empty()) << "unexpected:\n" << show(unexpected);
}

TEST_F(AuditFleet, TheIncidentUpgradeFindsExactlyWhatIsExpected) { expect_fleet_findings("2.11.1", dir()); }

TEST_F(AuditFleet, TheThreeZeroUpgradeFindsExactlyWhatIsExpected) { expect_fleet_findings("3.0.0", dir()); }

TEST_F(AuditFleet, TextReportNamesFileLineAndSummary) {
  const auto run = tracegate("audit --upgrade ddtrace@2.11.1 --ref HEAD --discover " + dir());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("payments-api/app/main.py:3: error [dropped-implicit-dependency] app/main.py:3 imports six; ddtrace 2.1.2 installed it, ddtrace 2.11.1 does not; declare six"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("audit ddtrace@2.11.1: "), std::string::npos);
}

TEST_F(AuditFleet, ACleanServiceExitsZero) {
  const auto run = tracegate("audit --upgrade ddtrace@2.11.1 --ref HEAD " +
                             shell_quote((fleet_->path() / "fleet" / "inventory-service").string()));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST(AuditCli, UsageErrorsExitTwo) {
  EXPECT_EQ(tracegate("audit --upgrade ddtrace@9.9.9 .").exit_code, 2);
  EXPECT_EQ(tracegate("audit --upgrade flask@2.0 .").exit_code, 2);
  EXPECT_EQ(tracegate("audit --upgrade ddtrace .").exit_code, 2);
  EXPECT_EQ(tracegate("audit --upgrade ddtrace@2.11.1 --fail-on fatal .").exit_code, 2);
  EXPECT_EQ(tracegate("audit --upgrade ddtrace@2.11.1 /nonexistent-tracegate-path").exit_code, 2);
}

TEST(AuditCli, TheRepositorysSuppressionsApplyAndExpire) {
  testing::TempDir dir;
  testing::TempGitRepo repo(dir.path() / "svc");
  repo.commit({{"requirements.txt", "ddtrace==2.1.2\n"},
               {"svc/app.py", "import six\n"},
               {"tracegate.toml", "[[suppress]]\ncheck = \"dropped-implicit-dependency\"\npath = \"svc\"\n"
                                  "reason = \"six is vendored in the base image; PLAT-77\"\nexpires = 2026-12-31\n"}},
              "suppressed");
  const auto audit = [&](const std::string& today) {
    return tracegate("audit --upgrade ddtrace@2.11.1 --ref HEAD --format json --today " + today + " " + shell_quote(repo.path().string()));
  };
  const auto before = audit("2026-12-31");
  ASSERT_EQ(before.exit_code, 0) << before.out << before.err;
  auto report = nlohmann::json::parse(before.out);
  bool suppressed = false;
  for (const auto& finding : report["findings"]) {
    if (finding["check"] == "dropped-implicit-dependency") suppressed = finding["suppressed"].get<bool>();
  }
  EXPECT_TRUE(suppressed) << before.out;
  const auto after = audit("2027-01-01");
  ASSERT_EQ(after.exit_code, 1) << after.out << after.err;
  report = nlohmann::json::parse(after.out);
  std::set<std::string> checks;
  for (const auto& finding : report["findings"]) {
    if (!finding["suppressed"].get<bool>()) checks.insert(finding["check"].get<std::string>());
  }
  EXPECT_TRUE(checks.contains("suppression-expired")) << after.out;
  EXPECT_TRUE(checks.contains("dropped-implicit-dependency")) << after.out;
  EXPECT_EQ(tracegate("audit --upgrade ddtrace@2.11.1 --today 2026-02-30 .").exit_code, 2);
}

/// The incident in layouts the fixtures do not have: one repository with a requirements/
/// folder, an `import six.moves` inside a function, and a pip-compiled file; another with a
/// Poetry lock whose other package still requires six (so six is not dropped there).
TEST(AuditCli, OtherLayoutsGiveTheSameVerdicts) {
  testing::TempDir dir;
  testing::TempGitRepo split(dir.path() / "split-reqs");
  split.commit({{"requirements/base.txt", "fastapi==0.110.0\n-r tracing.txt\n"},
                {"requirements/tracing.txt", "ddtrace==2.1.2\n"},
                {"runtime.txt", "python-3.11.6\n"},
                {"svc/api.py", "import os\n\n\ndef handler():\n    import six.moves\n    return six.moves\n"}},
               "split");
  testing::TempGitRepo poetry(dir.path() / "poetry-keeps-six");
  poetry.commit({{"pyproject.toml", "[tool.poetry]\nname = \"keeps\"\nversion = \"1.0\"\n\n[tool.poetry.dependencies]\n"
                                    "python = \"~3.11\"\nddtrace = \"2.1.2\"\nlegacy-lib = \"1.0\"\n"},
                 {"poetry.lock", "[[package]]\nname = \"ddtrace\"\nversion = \"2.1.2\"\noptional = false\npython-versions = \">=3.7\"\n"
                                 "files = []\n\n[package.dependencies]\nsix = \">=1.12.0\"\n\n"
                                 "[[package]]\nname = \"legacy-lib\"\nversion = \"1.0\"\noptional = false\npython-versions = \"*\"\n"
                                 "files = []\n\n[package.dependencies]\nsix = \"*\"\n\n"
                                 "[[package]]\nname = \"six\"\nversion = \"1.16.0\"\noptional = false\npython-versions = \"*\"\nfiles = []\n\n"
                                 "[metadata]\nlock-version = \"2.0\"\npython-versions = \"~3.11\"\ncontent-hash = \"0\"\n"},
                 {"keeps/__init__.py", "import six\n"}},
                "poetry");
  const auto run = tracegate("audit --upgrade ddtrace@2.11.1 --ref HEAD --format json " + shell_quote(split.path().string()) +
                             " " + shell_quote(poetry.path().string()));
  ASSERT_EQ(run.exit_code, 1) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  std::set<std::string> dropped;
  for (const auto& finding : report["findings"]) {
    if (finding["check"] != "dropped-implicit-dependency") continue;
    dropped.insert(fs::path(finding["location"]["repository"].get<std::string>()).filename().string() + " " +
                   finding["location"]["file"].get<std::string>() + ":" + std::to_string(finding["location"]["line"].get<int>()) +
                   " " + finding["subject"].get<std::string>());
  }
  EXPECT_EQ(dropped, (std::set<std::string>{"split-reqs svc/api.py:5 six"}));
}

}  // namespace
}  // namespace tracegate::cli
