// SPDX-License-Identifier: Apache-2.0
// The upgrade audit on services built in memory: each check's trigger and its near miss,
// against the built-in knowledge base (ddtrace 2.1.2 -> 2.11.1 unless said otherwise).

#include <gtest/gtest.h>

#include <algorithm>

#include "rules/audit.hpp"
#include "rules/release_diff.hpp"

namespace tracegate::rules {
namespace {

const KnowledgeBase& base() {
  static const LoadedKnowledge loaded = load_knowledge(builtin_knowledge_files());
  return loaded.base;
}

UpgradeAudit audit_to(std::string_view version) {
  const auto* tracer = base().find_tracer("ddtrace");
  auto audit = UpgradeAudit::prepare(base(), {tracer, find_release(*tracer, version), "ddtrace"});
  EXPECT_TRUE(audit.has_value());
  return std::move(*audit);
}

core::Requirement requirement(std::string name, std::string constraint, std::string file, int line,
                              core::ConstraintSyntax syntax = core::ConstraintSyntax::pep440) {
  core::Requirement r;
  r.name = name;
  r.normalized_name = name;
  r.constraint = std::move(constraint);
  r.syntax = syntax;
  r.origin = {std::move(file), line, 1};
  return r;
}

core::Service service_on(std::string python, bool range = false) {
  core::Service s;
  s.name = "svc";
  s.path = ".";
  s.files = {"requirements.txt"};
  s.requirements.push_back(requirement("ddtrace", "==2.1.2", "requirements.txt", 1));
  s.tracer = core::TracerUse{"ddtrace", "==2.1.2", core::ConstraintSyntax::pep440, std::nullopt, {"requirements.txt", 1, 1}, {}};
  if (!python.empty()) s.runtime = core::Runtime{core::Language::python, std::move(python), range, core::RuntimeSource::declared_range, {"pyproject.toml", 3, 1}};
  return s;
}

std::vector<std::string> checks_of(const std::vector<core::Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.check_id + " " + f.subject + " " + f.location.path + ":" + std::to_string(f.location.line));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Audit, LockOutsideTheNewRangeMustBeRefreshedWhenDeclarationsAllow) {
  auto s = service_on("3.11");
  s.requirements.push_back(requirement("envier", ">=0.4", "requirements.in", 2));
  core::LockEntry lock;
  lock.name = lock.normalized_name = "envier";
  lock.version = "0.4.0";
  lock.origin = {"poetry.lock", 40, 1};
  s.lock_entries.push_back(lock);
  EXPECT_EQ(checks_of(audit_to("2.11.1").audit(s, {})), std::vector<std::string>{"lock-refresh-required envier poetry.lock:40"});
  // Near miss: a lock inside the new range.
  s.lock_entries[0].version = "0.5.2";
  EXPECT_TRUE(audit_to("2.11.1").audit(s, {}).empty());
}

TEST(Audit, AnotherLockedPackageThatRejectsTheNewRangeConflicts) {
  auto s = service_on("3.11");
  core::LockEntry other;
  other.name = other.normalized_name = "legacy-config";
  other.version = "1.0";
  other.origin = {"poetry.lock", 12, 1};
  other.dependencies.push_back({"envier", "envier", "<0.5", ""});
  s.lock_entries.push_back(other);
  const auto findings = audit_to("2.11.1").audit(s, {});
  ASSERT_EQ(checks_of(findings), std::vector<std::string>{"tracer-requirement-conflict envier poetry.lock:12"});
  EXPECT_NE(findings[0].message.find("legacy-config 1.0 requires envier<0.5"), std::string::npos) << findings[0].message;
  s.lock_entries[0].dependencies[0].constraint = ">=0.4";
  EXPECT_TRUE(audit_to("2.11.1").audit(s, {}).empty());
}

TEST(Audit, PoetryDeclarationsConflictAsWritten) {
  auto s = service_on("3.11");
  s.requirements.push_back(requirement("envier", "0.4.0", "pyproject.toml", 9, core::ConstraintSyntax::poetry));
  const auto findings = audit_to("2.11.1").audit(s, {});
  ASSERT_EQ(checks_of(findings), std::vector<std::string>{"tracer-requirement-conflict envier pyproject.toml:9"});
  EXPECT_EQ(findings[0].message, "ddtrace 2.11.1 requires envier~=0.5 · pyproject.toml:9 declares envier = \"0.4.0\"");
  s.requirements.back().constraint = "^0.5";
  EXPECT_TRUE(audit_to("2.11.1").audit(s, {}).empty());
}

TEST(Audit, RuntimeRangesPartlyOutsideAndNewerThanTested) {
  // 3.0.0 requires >=3.8; a range from 3.7 is partly outside, and 3.13+ is newer than its classifiers.
  const auto findings = audit_to("3.0.0").audit(service_on(">=3.7", true), {});
  const auto got = checks_of(findings);
  EXPECT_NE(std::find(got.begin(), got.end(), "runtime-partly-unsupported python >=3.7 pyproject.toml:3"), got.end()) << ::testing::PrintToString(got);
  EXPECT_NE(std::find(got.begin(), got.end(), "runtime-newer-than-tested python >=3.7 pyproject.toml:3"), got.end()) << ::testing::PrintToString(got);
  // Exactly 3.13 on 2.11.1 (classifiers stop at 3.12): a warning, not an error.
  const auto newer = audit_to("2.11.1").audit(service_on("3.13.1"), {});
  EXPECT_EQ(checks_of(newer), std::vector<std::string>{"runtime-newer-than-tested python 3.13.1 pyproject.toml:3"});
  // A range entirely outside: an error.
  const auto outside = audit_to("3.0.0").audit(service_on("<3.8", true), {});
  EXPECT_EQ(checks_of(outside), std::vector<std::string>{"runtime-unsupported python <3.8 pyproject.toml:3"});
}

TEST(Audit, MarkersDecideWhatIsDroppedPerPython) {
  // 2.1.2 installs setuptools only on Python >= 3.12; 2.11.1 does not.
  const std::vector<ServiceFile> files = {{"app.py", FileKind::python, "import pkg_resources\n"}};
  const auto on_312 = checks_of(audit_to("2.11.1").audit(service_on("3.12"), files));
  EXPECT_NE(std::find(on_312.begin(), on_312.end(), "dropped-implicit-dependency setuptools app.py:1"), on_312.end())
      << ::testing::PrintToString(on_312);
  EXPECT_TRUE(audit_to("2.11.1").audit(service_on("3.11"), files).empty());
}

TEST(Audit, StandardLibraryFirstPartyRelativeAndDeclaredImportsAreNotFindings) {
  auto s = service_on("3.11");
  s.requirements.push_back(requirement("attrs", ">=22", "requirements.txt", 2));
  const std::vector<ServiceFile> files = {
      {"svc/__init__.py", FileKind::python, "import json, asyncio\nfrom . import six\nimport svc.six\nimport attr\n"},
      {"six.py", FileKind::python, "x = 1\n"},
  };
  EXPECT_TRUE(audit_to("2.11.1").audit(s, files).empty()) << ::testing::PrintToString(checks_of(audit_to("2.11.1").audit(s, files)));
}

TEST(Audit, DowngradeSameVersionAndOtherLanguages) {
  auto s = service_on("3.11");
  EXPECT_TRUE(audit_to("2.1.2").audit(s, {}).empty());
  EXPECT_EQ(checks_of(audit_to("2.0.0").audit(s, {})), std::vector<std::string>{"tracer-downgrade ddtrace requirements.txt:1"});
  core::Service untraced;
  untraced.name = "web";
  untraced.path = "web";
  untraced.files = {"web/Dockerfile", "web/requirements.txt"};
  EXPECT_EQ(checks_of(audit_to("2.11.1").audit(untraced, {})), std::vector<std::string>{"tracer-not-found ddtrace web/requirements.txt:0"});
  untraced.language = core::Language::php;
  EXPECT_TRUE(audit_to("2.11.1").audit(untraced, {}).empty());
}

TEST(Audit, BreakingChangesOnlyBetweenCurrentAndTarget) {
  const std::vector<ServiceFile> files = {{".env", FileKind::env, "DD_TRACE_SAMPLE_RATE=0.5\n"}};
  // Removed in 3.0.0: reported for 2.21.0 -> 3.0.0, not for 2.1.2 -> 2.11.1.
  EXPECT_TRUE(audit_to("2.11.1").audit(service_on("3.11"), files).empty());
  const auto findings = audit_to("3.0.0").audit(service_on("3.11"), files);
  ASSERT_EQ(checks_of(findings), std::vector<std::string>{"breaking-change ddtrace.env-var-removed.dd-trace-sample-rate .env:1"});
  EXPECT_EQ(findings[0].severity, core::Severity::warning);
  EXPECT_EQ(findings[0].rule_id, "ddtrace.env-var-removed.dd-trace-sample-rate");
}

TEST(Audit, AnUnknownCurrentReleaseChecksOnlyWhatTheTargetDemands) {
  auto s = service_on("3.7");
  s.tracer->locked_version = "2.99.0";  // no such release
  const std::vector<ServiceFile> files = {{"app.py", FileKind::python, "import six\n"}};
  EXPECT_EQ(checks_of(audit_to("3.0.0").audit(s, files)),
            (std::vector<std::string>{"runtime-unsupported python 3.7 pyproject.toml:3", "tracer-not-found ddtrace requirements.txt:1"}));
}

}  // namespace
}  // namespace tracegate::rules
