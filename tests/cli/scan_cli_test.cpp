// SPDX-License-Identifier: Apache-2.0
// End-to-end: the real binary on real git repositories built by the test.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/run_command.hpp"
#include "tests/support/temp_git_repo.hpp"

namespace tracegate {
namespace {

using nlohmann::json;
using testing::run_command;
using testing::shell_quote;
using testing::TempDir;
using testing::TempGitRepo;

testing::CommandResult tracegate(const std::string& args) {
  return run_command(std::string(TRACEGATE_BINARY) + " " + args);
}

const json* service_at(const json& inventory, const std::string& path) {
  for (const auto& s : inventory["services"]) {
    if (s["path"] == path) return &s;
  }
  return nullptr;
}

std::string poetry_project(const std::string& ddtrace) {
  return "[tool.poetry]\nname = \"billing\"\n\n[tool.poetry.dependencies]\npython = \"^3.10\"\nddtrace = \"" + ddtrace +
         "\"\n";
}

std::string poetry_lock(const std::string& version) {
  return "[[package]]\nname = \"ddtrace\"\nversion = \"" + version +
         "\"\ndescription = \"\"\noptional = false\npython-versions = \">=3.7\"\nfiles = []\n\n[metadata]\n"
         "lock-version = \"2.0\"\npython-versions = \"^3.10\"\ncontent-hash = \"x\"\n";
}

class MonorepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = std::make_unique<TempGitRepo>(dir_.path() / "monorepo");
    repo_->commit({{"services/api/requirements.txt", "fastapi==0.110.0\nddtrace==2.1.2\n"},
                   {"services/api/Dockerfile", "ARG PY=3.11\nFROM python:${PY}-slim\n"},
                   {"services/billing/pyproject.toml", poetry_project("^2.1")},
                   {"services/billing/poetry.lock", poetry_lock("2.1.2")},
                   {"services/legacy/setup.py", "from setuptools import setup\nsetup(name='legacy', install_requires=['six'])\n"}},
                  "ddtrace 2.1");
    repo_->commit({{"services/api/requirements.txt", "fastapi==0.110.0\nddtrace==2.11.1\n"},
                   {"services/billing/pyproject.toml", poetry_project("^2.11")},
                   {"services/billing/poetry.lock", poetry_lock("2.11.1")}},
                  "ddtrace 2.11");
    testing::write_file(repo_->path(), "services/api/requirements.txt", "ddtrace==3.0.0\n");  // uncommitted
  }
  json scan(const std::string& args, int expected_exit = 0) {
    auto result = tracegate("scan " + args + " --format json " + shell_quote(repo_->path().string()));
    EXPECT_EQ(result.exit_code, expected_exit) << result.err;
    return json::parse(result.out);
  }
  TempDir dir_;
  std::unique_ptr<TempGitRepo> repo_;
};

TEST_F(MonorepoTest, RefReadsTheVersionsAsTheyWereAtThatCommit) {
  const auto inventory = scan("--ref HEAD~1");
  EXPECT_EQ(inventory["schema_version"], 1);
  ASSERT_EQ(inventory["services"].size(), 3u);
  const auto* api = service_at(inventory, "services/api");
  ASSERT_NE(api, nullptr);
  EXPECT_EQ((*api)["tracer"]["package"], "ddtrace");
  EXPECT_EQ((*api)["tracer"]["locked_version"], "2.1.2");
  EXPECT_EQ((*api)["tracer"]["origin"], (json{{"file", "services/api/requirements.txt"}, {"line", 2}, {"column", 1}}));
  EXPECT_EQ((*api)["ref"], "HEAD~1");
  EXPECT_EQ((*api)["commit"].get<std::string>().size(), 40u);
  EXPECT_EQ((*api)["runtime"]["version"], "3.11");
  const auto* billing = service_at(inventory, "services/billing");
  ASSERT_NE(billing, nullptr);
  EXPECT_EQ((*billing)["name"], "billing");
  EXPECT_EQ((*billing)["tracer"]["constraint"], "^2.1");
  EXPECT_EQ((*billing)["tracer"]["syntax"], "poetry");
  EXPECT_EQ((*billing)["tracer"]["locked_version"], "2.1.2");
  const auto* legacy = service_at(inventory, "services/legacy");
  ASSERT_NE(legacy, nullptr);
  EXPECT_TRUE((*legacy)["tracer"].is_null());
}

TEST_F(MonorepoTest, HeadAndWorkTreeGiveTheirOwnVersions) {
  const auto head = scan("--ref HEAD");
  EXPECT_EQ((*service_at(head, "services/api"))["tracer"]["locked_version"], "2.11.1");
  EXPECT_EQ((*service_at(head, "services/billing"))["tracer"]["locked_version"], "2.11.1");
  const auto work_tree = scan("");
  EXPECT_EQ((*service_at(work_tree, "services/api"))["tracer"]["locked_version"], "3.0.0");
  EXPECT_TRUE((*service_at(work_tree, "services/api"))["ref"].is_null());
}

TEST_F(MonorepoTest, TextTableShowsOneServicePerRow) {
  auto result = tracegate("scan --ref HEAD~1 " + shell_quote(repo_->path().string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("SERVICE"), std::string::npos);
  EXPECT_NE(result.out.find("billing"), std::string::npos);
  EXPECT_NE(result.out.find("ddtrace ^2.1"), std::string::npos);
  EXPECT_NE(result.out.find("3 service(s) in 1 repository, 2 with a tracer, 0 diagnostic(s)"), std::string::npos)
      << result.out;
}

TEST_F(MonorepoTest, DiscoverFindsEveryRepositoryBelowADirectory) {
  TempGitRepo other(dir_.path() / "team" / "other");
  other.commit({{"requirements.txt", "ddtrace==2.5.0\n"}}, "c");
  auto result = tracegate("scan --ref HEAD --format json --discover " + shell_quote(dir_.path().string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto inventory = json::parse(result.out);
  EXPECT_EQ(inventory["summary"]["repositories"], 2);
  EXPECT_EQ(inventory["summary"]["services"], 4);
}

TEST(ScanCli, BareRepositoryWithoutRefIsReadAtHead) {
  TempDir dir;
  TempGitRepo bare(dir.path() / "mirror.git", /*bare=*/true);
  bare.commit({{"svc/requirements.txt", "ddtrace==2.11.1\n"}}, "c");
  auto result = tracegate("scan --format json " + shell_quote(bare.path().string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto inventory = json::parse(result.out);
  ASSERT_EQ(inventory["services"].size(), 1u);
  EXPECT_EQ(inventory["services"][0]["tracer"]["locked_version"], "2.11.1");
  EXPECT_EQ(inventory["services"][0]["ref"], "HEAD");
}

TEST(ScanCli, DiscoveredRepositoryWithoutTheRefIsADiagnosticNotTheEnd) {
  TempDir dir;
  TempGitRepo good(dir.path() / "good");
  good.commit({{"requirements.txt", "ddtrace==2.1.2\n"}}, "c");
  TempGitRepo empty(dir.path() / "empty");  // no commit: HEAD is unborn
  auto result = tracegate("scan --ref HEAD --format json --discover " + shell_quote(dir.path().string()));
  EXPECT_EQ(result.exit_code, 3) << result.err;
  const auto inventory = json::parse(result.out);
  EXPECT_EQ(inventory["summary"]["services"], 1);
  ASSERT_EQ(inventory["diagnostics"].size(), 1u);
  EXPECT_EQ(inventory["diagnostics"][0]["repository"], (dir.path() / "empty").string());
  EXPECT_EQ(inventory["diagnostics"][0]["message"], (dir.path() / "empty").string() + ": unknown ref 'HEAD'");
}

TEST(ScanCli, UsageErrorsExitTwoWithOneLine) {
  TempDir dir;
  auto missing = tracegate("scan " + shell_quote((dir.path() / "nope").string()));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "tracegate: error: " + (dir.path() / "nope").string() + ": no such file or directory\n");

  testing::write_file(dir.path(), "plain/requirements.txt", "x\n");
  auto not_repo = tracegate("scan --ref HEAD " + shell_quote((dir.path() / "plain").string()));
  EXPECT_EQ(not_repo.exit_code, 2);
  EXPECT_EQ(not_repo.err, "tracegate: error: " + (dir.path() / "plain").string() + ": not a git repository\n");

  TempGitRepo repo(dir.path() / "r");
  repo.commit({{"requirements.txt", "x\n"}}, "c");
  auto unknown = tracegate("scan --ref v9 " + shell_quote(repo.path().string()));
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "tracegate: error: " + repo.path().string() + ": unknown ref 'v9'\n");

  auto bad_format = tracegate("scan --format jsno " + shell_quote(repo.path().string()));
  EXPECT_EQ(bad_format.exit_code, 2);
  EXPECT_EQ(bad_format.err, "tracegate: error: unknown format 'jsno' for scan (formats: text, json); did you mean 'json'?\n");

  auto bad_flag = tracegate("scan --no-such-flag");
  EXPECT_EQ(bad_flag.exit_code, 2);
}

TEST(ScanCli, MalformedFileIsADiagnosticAndTheRestIsRead) {
  TempDir dir;
  TempGitRepo repo(dir.path() / "r");
  repo.commit({{"good/requirements.txt", "ddtrace==2.1.2\n"},
               {"bad/pyproject.toml", "[project]\nname = \"bad\"\ndependencies = [\"ddtrace>=2\",\n"}},
              "c");
  auto result = tracegate("scan --ref HEAD --format json " + shell_quote(repo.path().string()));
  EXPECT_EQ(result.exit_code, 3) << result.err;
  const auto inventory = json::parse(result.out);
  const auto* good = service_at(inventory, "good");
  ASSERT_NE(good, nullptr);
  EXPECT_EQ((*good)["tracer"]["locked_version"], "2.1.2");
  bool reported = false;
  for (const auto& d : inventory["diagnostics"]) reported |= d["file"] == "bad/pyproject.toml" && d["line"].get<int>() > 0;
  for (const auto& s : inventory["services"]) {
    for (const auto& d : s["diagnostics"]) reported |= d["file"] == "bad/pyproject.toml" && d["line"].get<int>() > 0;
  }
  EXPECT_TRUE(reported) << result.out;
}

TEST(ScanCli, CredentialsAreRedactedInEveryFormat) {
  TempDir dir;
  TempGitRepo repo(dir.path() / "r");
  repo.commit({{"requirements.txt",
                "--index-url https://deploy:s3cr3t-token@pypi.example.com/simple\n"
                "internal-lib @ git+https://oauth2:ghp_S3CRET@github.com/acme/internal-lib.git@v1\n"
                "ddtrace==2.1.2\n"}},
              "c");
  for (const std::string format : {"json", "text"}) {
    auto result = tracegate("scan --ref HEAD --format " + format + " " + shell_quote(repo.path().string()));
    EXPECT_EQ(result.out.find("s3cr3t"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("S3CRET"), std::string::npos) << result.out;
    EXPECT_EQ(result.err.find("S3CRET"), std::string::npos);
  }
  auto json_result = tracegate("scan --ref HEAD --format json " + shell_quote(repo.path().string()));
  EXPECT_NE(json_result.out.find("git+https://***@github.com/acme/internal-lib.git@v1"), std::string::npos);
}

TEST(ScanCli, RepositoryConfigExcludesPathsAndBadConfigIsReported) {
  TempDir dir;
  TempGitRepo repo(dir.path() / "r");
  repo.commit({{"tracegate.toml", "[scan]\nexclude = [\"examples/*\"]\n"},
               {"examples/demo/requirements.txt", "ddtrace==1.0.0\n"},
               {"svc/requirements.txt", "ddtrace==2.1.2\n"}},
              "c");
  auto result = tracegate("scan --ref HEAD --format json " + shell_quote(repo.path().string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out)["summary"]["services"], 1);

  testing::write_file(dir.path(), "bad.toml", "[scan]\nexlude = []\n");
  auto bad = tracegate("scan --config " + shell_quote((dir.path() / "bad.toml").string()) + " " +
                       shell_quote(repo.path().string()));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "tracegate: error: " + (dir.path() / "bad.toml").string() +
                         ":2:1: unknown key 'scan.exlude' (known: exclude, max_file_size, jobs)\n");
}

TEST(ScanCli, FormatListAndOutputFile) {
  auto list = tracegate("scan --format list");
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("json"), std::string::npos);
  TempDir dir;
  TempGitRepo repo(dir.path() / "r");
  repo.commit({{"requirements.txt", "ddtrace==2.1.2\n"}}, "c");
  const auto out_file = dir.path() / "inventory.json";
  auto result = tracegate("scan --ref HEAD --format json=" + shell_quote(out_file.string()) + " --format text " +
                          shell_quote(repo.path().string()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("SERVICE"), std::string::npos);
  std::ifstream in(out_file);
  EXPECT_EQ(json::parse(in)["summary"]["services"], 1);
}

TEST(ScanCli, OutputToADeviceLeavesTheDeviceInPlace) {
  TempDir dir;
  TempGitRepo repo(dir.path() / "r");
  repo.commit({{"requirements.txt", "ddtrace==2.1.2\n"}}, "c");
  // A FIFO stands in for /dev/null: renaming a file onto it would replace it.
  const auto fifo = dir.path() / "report.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto result = tracegate("scan --ref HEAD --format json --output " + shell_quote(fifo.string()) + " " +
                          shell_quote(repo.path().string()) + " & cat " + shell_quote(fifo.string()) + " >/dev/null; wait");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
}

}  // namespace
}  // namespace tracegate
