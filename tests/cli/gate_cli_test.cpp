// SPDX-License-Identifier: Apache-2.0
// `tracegate gate` end to end on real git repositories made with git: only what the pull
// request introduces fails the gate, matched by fingerprint (not line).

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/run_command.hpp"
#include "tests/support/temp_git_repo.hpp"

namespace tracegate::cli {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;

testing::CommandResult tracegate(const std::string& args) { return run_command(std::string(TRACEGATE_BINARY) + " " + args); }

/// A work tree driven with the git command line, as a developer's clone is.
class Clone {
 public:
  explicit Clone(const fs::path& dir) : dir_(dir) {
    fs::create_directories(dir_);
    git("init -q -b main");
    git("config user.email gate@tracegate.invalid");
    git("config user.name gate");
    git("config commit.gpgsign false");
  }
  const fs::path& path() const { return dir_; }
  std::string quoted() const { return shell_quote(dir_.string()); }

  void git(const std::string& args) const {
    const auto result = run_command("git -C " + quoted() + " " + args);
    ASSERT_EQ(result.exit_code, 0) << "git " << args << "\n" << result.err;
  }
  void write(const std::string& relative, const std::string& contents) const { testing::write_file(dir_, relative, contents); }
  void commit(const std::string& message) const {
    git("add -A");
    git("commit -q -m " + shell_quote(message));
  }

 private:
  fs::path dir_;
};

/// check file:line subject of each finding in a json report.
std::set<std::string> findings_of(const std::string& json) {
  std::set<std::string> rows;
  const auto report = nlohmann::json::parse(json);
  for (const auto& finding : report["findings"]) {
    rows.insert(finding["check"].get<std::string>() + " " + finding["location"]["file"].get<std::string>() + ":" +
                std::to_string(finding["location"]["line"].get<int>()) + " " + finding["subject"].get<std::string>());
  }
  return rows;
}

const std::string kRequirements = "flask==3.0.0\nddtrace==2.11.1\n";
const std::string kConflict = "flask==3.0.0\nddtrace==2.11.1\nenvier==0.4.0\n";

class Gate : public ::testing::Test {
 protected:
  void SetUp() override {
    clone_ = std::make_unique<Clone>(dir_.path() / "api");
    clone_->write("requirements.txt", kRequirements);
    clone_->write("app/main.py", "import flask\n");
    clone_->commit("base");
    clone_->git("checkout -q -b feature");
  }
  testing::CommandResult gate(const std::string& extra = "") const {
    return tracegate("gate --base main --head feature --format json " + extra + " " + clone_->quoted());
  }
  testing::TempDir dir_;
  std::unique_ptr<Clone> clone_;
};

TEST_F(Gate, AConflictingPinAddedByThePullRequestFails) {
  clone_->write("requirements.txt", kConflict);
  clone_->commit("pin envier");
  const auto run = gate();
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(findings_of(run.out), (std::set<std::string>{"tracer-requirement-conflict requirements.txt:3 envier"}));
  const auto text = tracegate("gate --base main --head feature " + clone_->quoted());
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.out.find("api/requirements.txt:3: error [tracer-requirement-conflict]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("1 of 1 service(s) affected, 1 new finding(s)"), std::string::npos) << text.out;
}

TEST_F(Gate, TheNewFindingIsAtTheRightLineInEveryFormat) {
  clone_->write("requirements.txt", kConflict);
  clone_->commit("pin envier");
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"text", {"api/requirements.txt:3: error [tracer-requirement-conflict]"}},
      {"json", {"\"file\": \"requirements.txt\"", "\"line\": 3"}},
      {"sarif", {"\"uri\": \"requirements.txt\"", "\"startLine\": 3", "\"ruleId\": \"tracer-requirement-conflict\""}},
      {"junit", {"<failure", "requirements.txt:3: error [tracer-requirement-conflict]"}},
      {"markdown", {"api/requirements.txt:3"}},
      {"github", {"::error file=", "requirements.txt,line=3,", "title=tracer-requirement-conflict"}},
      {"gitlab", {"\"path\": \"", "requirements.txt\"", "\"begin\": 3", "\"check_name\": \"tracer-requirement-conflict\""}},
  };
  for (const auto& [format, needles] : expected) {
    const auto run = tracegate("gate --base main --head feature --format " + format + " " + clone_->quoted());
    EXPECT_EQ(run.exit_code, 1) << format << "\n" << run.err;
    for (const auto& needle : needles) EXPECT_NE(run.out.find(needle), std::string::npos) << format << ": " << needle << "\n" << run.out;
  }
}

TEST_F(Gate, AnExpiredSuppressionFailsTheGate) {
  clone_->git("checkout -q main");
  clone_->write("requirements.txt", kConflict);
  clone_->write("tracegate.toml", "[[suppress]]\ncheck = \"tracer-requirement-conflict\"\npath = \"requirements.txt\"\n"
                                  "reason = \"envier 0.5 breaks our config loader; PLAT-412\"\nexpires = 2026-06-30\n");
  clone_->commit("suppressed conflict");
  clone_->git("checkout -q -B feature");
  clone_->write("app/main.py", "import flask\n\n\ndef handler():\n    return 'ok'\n");
  clone_->commit("touch the code");
  const auto before = gate("--today 2026-06-30");
  EXPECT_EQ(before.exit_code, 0) << before.out << before.err;
  const auto after = gate("--today 2026-07-01");
  ASSERT_EQ(after.exit_code, 1) << after.out << after.err;
  EXPECT_EQ(findings_of(after.out), (std::set<std::string>{"suppression-expired tracegate.toml:1 suppress check=tracer-requirement-conflict path=requirements.txt"}))
      << after.out;
}

TEST_F(Gate, ASuppressedNewFindingIsListedButDoesNotFail) {
  clone_->write("requirements.txt", kConflict);
  clone_->write("tracegate.toml", "[[suppress]]\ncheck = \"tracer-requirement-conflict\"\nservice = \"api\"\n"
                                  "reason = \"waiting for envier 0.5 in our config loader\"\nexpires = \"2027-01-31\"\n");
  clone_->commit("pin envier, suppressed");
  const auto run = gate("--today 2026-11-25");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  ASSERT_EQ(report["findings"].size(), 1u) << run.out;
  EXPECT_EQ(report["findings"][0]["suppressed"], true);
  EXPECT_EQ(report["findings"][0]["suppression"]["reason"], "waiting for envier 0.5 in our config loader");
}

TEST_F(Gate, TheBaselineKeepsRecordedFindingsFromFailing) {
  clone_->write("requirements.txt", kConflict);
  clone_->commit("pin envier");
  const auto baseline = (dir_.path() / "baseline.json").string();
  const auto written = tracegate("baseline write " + shell_quote(baseline) + " --ref feature " + clone_->quoted());
  ASSERT_EQ(written.exit_code, 0) << written.err;
  const auto run = gate("--baseline " + shell_quote(baseline));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto report = nlohmann::json::parse(run.out);
  ASSERT_EQ(report["findings"].size(), 1u) << run.out;
  EXPECT_EQ(report["findings"][0]["suppression"]["kind"], "baseline");
  EXPECT_EQ(tracegate("gate --format list").exit_code, 0);
}

TEST_F(Gate, AFindingAlreadyAtBaseDoesNotFail) {
  clone_->git("checkout -q main");
  clone_->write("requirements.txt", kConflict);
  clone_->commit("conflict on main");
  clone_->git("checkout -q -B feature");
  clone_->write("app/main.py", "import flask\n\n\ndef handler():\n    return 'ok'\n");
  clone_->commit("touch the code");
  const auto run = gate();
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(findings_of(run.out).empty()) << run.out;
}

TEST_F(Gate, MovingLinesDoesNotMakeAnOldFindingNew) {
  clone_->git("checkout -q main");
  clone_->write("requirements.txt", kConflict);
  clone_->commit("conflict on main");
  clone_->git("checkout -q -B feature");
  clone_->write("requirements.txt", "# pinned for the payment provider\ngunicorn==22.0.0\n" + kConflict);
  clone_->commit("more pins above");
  const auto run = gate();
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(findings_of(run.out).empty()) << run.out;
}

TEST_F(Gate, TheMergeBaseIsTheComparisonNotTheBaseBranchTip) {
  // main moves on and fixes nothing; the feature branch adds the conflict after branching.
  clone_->write("requirements.txt", kConflict);
  clone_->commit("pin envier");
  clone_->git("checkout -q main");
  clone_->write("README.md", "# api\n");
  clone_->commit("docs on main");
  const auto run = gate();
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
}

TEST_F(Gate, ATracerUpgradeInThePullRequestIsJudgedAsAnUpgrade) {
  clone_->git("checkout -q main");
  clone_->write("requirements.txt", "flask==3.0.0\nddtrace==2.1.2\n");
  clone_->write("app/main.py", "import flask\nimport six\n");
  clone_->commit("on 2.1.2, six comes with ddtrace");
  clone_->git("checkout -q -B feature");
  clone_->write("requirements.txt", "flask==3.0.0\nddtrace==2.11.1\n");
  clone_->commit("upgrade ddtrace");
  const auto run = gate();
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(findings_of(run.out), (std::set<std::string>{"dropped-implicit-dependency app/main.py:2 six"}));
}

TEST_F(Gate, WithUpgradeBothSidesAreAuditedAgainstTheTarget) {
  // On main the service already imports six undeclared (a finding for 2.11.1 at both sides);
  // the pull request adds an import of attr, which is new.
  clone_->git("checkout -q main");
  clone_->write("requirements.txt", "flask==3.0.0\nddtrace==2.1.2\n");
  clone_->write("app/main.py", "import flask\nimport six\n");
  clone_->commit("base on 2.1.2");
  clone_->git("checkout -q -B feature");
  clone_->write("app/main.py", "import flask\nimport six\nimport attr\n");
  clone_->commit("use attr");
  const auto run = gate("--upgrade ddtrace@2.11.1");
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_EQ(findings_of(run.out), (std::set<std::string>{"dropped-implicit-dependency app/main.py:3 attrs"}));
}

TEST_F(Gate, OnlyAffectedServicesAreAnalysed) {
  clone_->write("docs/notes.md", "unrelated\n");
  clone_->commit("docs");
  // docs/ is inside the root service's directory, so the service is affected but nothing is new.
  const auto run = gate();
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  Clone mono(dir_.path() / "mono");
  mono.write("services/a/requirements.txt", kConflict);
  mono.write("services/b/requirements.txt", kRequirements);
  mono.commit("two services; a has a conflict");
  mono.git("checkout -q -b feature");
  mono.write("services/b/app.py", "import flask\n");
  mono.commit("change b only");
  const auto text = tracegate("gate --base main --head feature " + mono.quoted());
  EXPECT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_NE(text.out.find("1 of 2 service(s) affected"), std::string::npos) << text.out;
}

TEST_F(Gate, OnlyUnreadableFilesThePullRequestTouchesCount) {
  clone_->git("checkout -q main");
  clone_->write("deploy/values.yaml", "datadog:\n  apm: {portEnabled: true\n");  // broken long ago
  clone_->commit("broken values on main");
  clone_->git("checkout -q -B feature");
  clone_->write("app/main.py", "import flask\n\n\ndef handler():\n    return 'ok'\n");
  clone_->commit("touch the code");
  const auto untouched = gate();
  EXPECT_EQ(untouched.exit_code, 0) << untouched.out << untouched.err;
  clone_->write("requirements.txt", "flask==3.0.0\nddtrace==2.11.1\n-r missing.txt\n");
  clone_->commit("include a file that does not exist");
  const auto touched = tracegate("gate --base main --head feature " + clone_->quoted());
  EXPECT_EQ(touched.exit_code, 3) << touched.out << touched.err;
  EXPECT_NE(touched.out.find("requirements.txt:3"), std::string::npos) << touched.out;
}

TEST_F(Gate, UnknownRefsAndShallowClonesAreUsageErrors) {
  const auto unknown = tracegate("gate --base no-such-branch --head feature " + clone_->quoted());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown ref 'no-such-branch'"), std::string::npos) << unknown.err;

  clone_->write("requirements.txt", kConflict);
  clone_->commit("pin envier");
  const auto shallow_dir = dir_.path() / "shallow";
  const auto cloned = run_command("git clone -q --depth 1 --branch feature file://" + clone_->path().string() + " " +
                                  shell_quote(shallow_dir.string()));
  ASSERT_EQ(cloned.exit_code, 0) << cloned.err;
  const auto shallow = tracegate("gate --base " + std::string(40, '0').replace(0, 7, "1234567") + " --head HEAD " +
                                 shell_quote(shallow_dir.string()));
  EXPECT_EQ(shallow.exit_code, 2);
  EXPECT_NE(shallow.err.find("fetch-depth: 0"), std::string::npos) << shallow.err;
}

}  // namespace
}  // namespace tracegate::cli
