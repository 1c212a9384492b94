// SPDX-License-Identifier: Apache-2.0
#include "scanner/scan.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "tests/support/fake_snapshot.hpp"

namespace tracegate::scanner {
namespace {

using testing::FakeSnapshot;
using Files = std::map<std::string, std::string>;

const core::Service* find(const RepositoryScan& scan, std::string_view path) {
  auto it = std::ranges::find(scan.services, path, &core::Service::path);
  return it == scan.services.end() ? nullptr : &*it;
}

TEST(ScanSnapshot, EachDirectoryWithAPrimaryManifestIsAService) {
  FakeSnapshot snapshot({
      {"README.md", "# monorepo\n"},
      {"services/api/requirements.txt", "fastapi==0.110.0\nddtrace==2.1.2\n"},
      {"services/api/Dockerfile", "FROM python:3.11-slim\n"},
      {"services/worker/pyproject.toml", "[project]\nname = \"worker\"\ndependencies = [\"ddtrace>=2.1,<3\"]\n"},
      {"services/worker/uv.lock", "version = 1\n[[package]]\nname = \"ddtrace\"\nversion = \"2.1.4\"\nsource = { registry = \"https://pypi.org/simple\" }\n"},
      {"libs/util/setup.cfg", "[metadata]\nname = util\n[options]\ninstall_requires =\n    six\n"},
  });
  const auto scan = scan_snapshot(snapshot, {});
  ASSERT_EQ(scan.services.size(), 3u);

  const auto* api = find(scan, "services/api");
  ASSERT_NE(api, nullptr);
  EXPECT_EQ(api->name, "api");  // no project name: the directory names it
  ASSERT_TRUE(api->tracer);
  EXPECT_EQ(api->tracer->package, "ddtrace");
  EXPECT_EQ(api->tracer->constraint, "==2.1.2");
  EXPECT_EQ(api->tracer->locked_version, "2.1.2");
  EXPECT_EQ(api->tracer->origin, (core::SourceLocation{"services/api/requirements.txt", 2, 1}));
  ASSERT_TRUE(api->runtime);
  EXPECT_EQ(api->runtime->version, "3.11");
  EXPECT_EQ(api->runtime->source, core::RuntimeSource::dockerfile);
  EXPECT_EQ(api->files, (std::vector<std::string>{"services/api/Dockerfile", "services/api/requirements.txt"}));

  const auto* worker = find(scan, "services/worker");
  ASSERT_NE(worker, nullptr);
  EXPECT_EQ(worker->name, "worker");
  ASSERT_TRUE(worker->tracer);
  EXPECT_EQ(worker->tracer->constraint, ">=2.1,<3");
  EXPECT_EQ(worker->tracer->locked_version, "2.1.4");

  const auto* util = find(scan, "libs/util");
  ASSERT_NE(util, nullptr);
  EXPECT_EQ(util->name, "util");
  EXPECT_FALSE(util->tracer);
}

TEST(ScanSnapshot, NestedServiceFilesAreNotTheParents) {
  FakeSnapshot snapshot({
      {"requirements.txt", "flask\n"},
      {"poetry.lock", ""},
      {"sub/pyproject.toml", "[tool.poetry]\nname = \"sub\"\n[tool.poetry.dependencies]\npython = \"^3.10\"\nddtrace = \"^2.11\"\n"},
      {"sub/.python-version", "3.12.1\n"},
  });
  const auto scan = scan_snapshot(snapshot, {});
  ASSERT_EQ(scan.services.size(), 2u);
  const auto* root = find(scan, ".");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->name, "fake-repo");
  EXPECT_FALSE(root->tracer);
  EXPECT_EQ(root->files, (std::vector<std::string>{"poetry.lock", "requirements.txt"}));
  const auto* sub = find(scan, "sub");
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->files, (std::vector<std::string>{"sub/.python-version", "sub/pyproject.toml"}));
  ASSERT_TRUE(sub->runtime);
  EXPECT_EQ(sub->runtime->version, "3.12.1");
  EXPECT_EQ(sub->runtime->source, core::RuntimeSource::version_file);
  ASSERT_TRUE(sub->tracer);
  EXPECT_EQ(sub->tracer->syntax, core::ConstraintSyntax::poetry);
}

TEST(ScanSnapshot, RequirementsDirectorySpeaksForItsParent) {
  FakeSnapshot snapshot({
      {"app/requirements/base.txt", "ddtrace==2.11.1\n"},
      {"app/requirements/dev.txt", "-r base.txt\npytest\n"},
  });
  const auto scan = scan_snapshot(snapshot, {});
  ASSERT_EQ(scan.services.size(), 1u);
  EXPECT_EQ(scan.services[0].path, "app");
  // base.txt is read directly and through dev.txt's -r; its lines count once.
  EXPECT_EQ(std::ranges::count(scan.services[0].requirements, "ddtrace", &core::Requirement::normalized_name), 1);
  ASSERT_TRUE(scan.services[0].tracer);
  EXPECT_EQ(scan.services[0].tracer->locked_version, "2.11.1");
}

TEST(ScanSnapshot, IncludedFileOutsideTheServiceBelongsToTheIncludingService) {
  FakeSnapshot snapshot({
      {"common/requirements-shared.txt", "ddtrace==2.1.2\n"},
      {"svc/requirements.txt", "-r ../common/requirements-shared.txt\n"},
  });
  const auto scan = scan_snapshot(snapshot, {});
  const auto* svc = find(scan, "svc");
  ASSERT_NE(svc, nullptr);
  ASSERT_TRUE(svc->tracer);
  EXPECT_EQ(svc->tracer->origin.path, "common/requirements-shared.txt");
  EXPECT_NE(std::ranges::find(svc->files, "common/requirements-shared.txt"), svc->files.end());
}

TEST(ScanSnapshot, ToolOnlyPyprojectIsNotAService) {
  FakeSnapshot snapshot({
      {"pyproject.toml", "[tool.black]\nline-length = 100\n"},
      {"svc/requirements.txt", "requests\n"},
      {"empty/pyproject.toml", ""},
  });
  const auto scan = scan_snapshot(snapshot, {});
  ASSERT_EQ(scan.services.size(), 1u);
  EXPECT_EQ(scan.services[0].path, "svc");
}

TEST(ScanSnapshot, MalformedPrimaryFileStillMakesAServiceThatReportsIt) {
  FakeSnapshot snapshot(Files{{"svc/pyproject.toml", "[project\nname = 1\n"}});
  const auto scan = scan_snapshot(snapshot, {});
  ASSERT_EQ(scan.services.size(), 1u);
  EXPECT_EQ(scan.services[0].name, "svc");
  ASSERT_FALSE(scan.services[0].diagnostics.empty());
  EXPECT_EQ(scan.services[0].diagnostics[0].where.path, "svc/pyproject.toml");
  EXPECT_EQ(scan.services[0].diagnostics[0].where.line, 1);
  EXPECT_EQ(scan.services[0].diagnostics[0].repository, "fake-repo");
}

TEST(ScanSnapshot, OversizedAndBinaryFilesAreSkippedWithADiagnostic) {
  std::string binary = "ddtrace==2.1.2\n";
  binary.push_back('\0');
  FakeSnapshot snapshot({
      {"a/requirements.txt", std::string(2000, '#') + "\n"},
      {"b/requirements.txt", binary},
      {"c/requirements.txt", "ddtrace\n"},
  });
  ScanOptions options;
  options.max_file_bytes = 1000;
  const auto scan = scan_snapshot(snapshot, options);
  const auto* a = find(scan, "a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->diagnostics.size(), 1u);
  EXPECT_EQ(core::to_string(a->diagnostics[0]),
            "a/requirements.txt: error: a/requirements.txt: file is 2001 bytes, over the limit of 1000 bytes; skipped");
  const auto* b = find(scan, "b");
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->diagnostics.size(), 1u);
  EXPECT_EQ(b->diagnostics[0].message, "b/requirements.txt: binary file; skipped");
  EXPECT_FALSE(b->tracer);
  const auto* c = find(scan, "c");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->tracer);
}

TEST(ScanSnapshot, ExcludePatternsSkipFilesAndDirectories) {
  FakeSnapshot snapshot({
      {"tests/fixtures/requirements.txt", "ddtrace==0.1\n"},
      {"svc/requirements.txt", "ddtrace==2.1.2\n"},
  });
  ScanOptions options;
  options.exclude = {"tests/*"};
  const auto scan = scan_snapshot(snapshot, options);
  ASSERT_EQ(scan.services.size(), 1u);
  EXPECT_EQ(scan.services[0].path, "svc");
}

TEST(ScanSnapshot, LockfileWithoutAServiceIsNotRead) {
  FakeSnapshot snapshot(Files{{"poetry.lock", "this is not toml ["}});
  const auto scan = scan_snapshot(snapshot, {});
  EXPECT_TRUE(scan.services.empty());
  EXPECT_TRUE(scan.diagnostics.empty());
}

TEST(ScanSnapshot, ConstraintOnlyTracerPinIsNotATracerUse) {
  FakeSnapshot snapshot({
      {"constraints.txt", "ddtrace==2.1.2\n"},
      {"a/requirements.txt", "-c ../constraints.txt\nflask\n"},
      {"b/requirements.txt", "-c ../constraints.txt\nddtrace\n"},
  });
  const auto scan = scan_snapshot(snapshot, {});
  const auto* a = find(scan, "a");
  ASSERT_NE(a, nullptr);
  EXPECT_FALSE(a->tracer);
  const auto* b = find(scan, "b");
  ASSERT_NE(b, nullptr);
  ASSERT_TRUE(b->tracer);
  EXPECT_EQ(b->tracer->constraint, "");
  EXPECT_EQ(b->tracer->locked_version, "2.1.2");  // the constraint pins what installs
  EXPECT_EQ(b->tracer->lock_origin, (core::SourceLocation{"constraints.txt", 1, 1}));
}

TEST(ScanSnapshot, RuntimeFromTheServiceDirectoryBeatsOneFromASubdirectory) {
  FakeSnapshot snapshot({
      {"pyproject.toml", "[project]\nname = \"svc\"\nrequires-python = \">=3.9\"\n"},
      {".python-version", "3.11.9\n"},
      {"benchmarks/Dockerfile", "FROM python:3.8\n"},
      {"other/pyproject.toml", "[project]\nname = \"other\"\nrequires-python = \">=3.9\"\n"},
      {"other/docker/Dockerfile", "FROM python:3.12-slim\n"},
  });
  const auto scan = scan_snapshot(snapshot, {});
  const auto* root = find(scan, ".");
  ASSERT_NE(root, nullptr);
  ASSERT_TRUE(root->runtime);
  EXPECT_EQ(root->runtime->version, "3.11.9");
  const auto* other = find(scan, "other");
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(other->runtime);
  EXPECT_EQ(other->runtime->version, "3.12");  // an exact version anywhere beats a range
  EXPECT_EQ(other->runtime->origin.path, "other/docker/Dockerfile");
}

TEST(HomeDir, RequirementsFolderMapsToParent) {
  EXPECT_EQ(home_dir("requirements.txt"), "");
  EXPECT_EQ(home_dir("requirements/base.txt"), "");
  EXPECT_EQ(home_dir("svc/requirements/base.txt"), "svc");
  EXPECT_EQ(home_dir("svc/pyproject.toml"), "svc");
}

}  // namespace
}  // namespace tracegate::scanner
