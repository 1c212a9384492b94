// SPDX-License-Identifier: Apache-2.0
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scanner/readers.hpp"
#include "tests/support/fake_source_view.hpp"
#include "tests/support/read_result.hpp"

namespace tracegate::scanner {
namespace {

using testing::messages;

using core::ConstraintSyntax;
using core::Requirement;
using core::Scope;
using core::SourceLocation;

constexpr std::string_view kPath = "svc/Pipfile";

ReadResult read_text(const std::string& text) {
  static const auto reader = make_pipfile_reader();
  return reader->read(ManifestFile{kPath, text}, testing::FakeSourceView{});
}

ReadResult read_case(const std::string& name) {
  return read_text(testing::read_fixture("python/pipfile/" + name + ".toml"));
}

/// `path:line:col`, compared as text so that a failure prints readably.
std::string at(int line, int column) { return core::to_string(SourceLocation{std::string(kPath), line, column}); }
std::string at(const SourceLocation& where) { return core::to_string(where); }

const Requirement& find(const ReadResult& result, std::string_view name) {
  for (const auto& requirement : result.requirements) {
    if (requirement.normalized_name == name) return requirement;
  }
  ADD_FAILURE() << "no requirement " << name;
  static const Requirement kNone;
  return kNone;
}

// --- accepts() ---

TEST(PipfileReader, AcceptsOnlyFilesNamedPipfile) {
  const auto reader = make_pipfile_reader();
  const struct {
    std::string_view path;
    bool accepted;
  } cases[] = {
      {"Pipfile", true},    {"services/api/Pipfile", true}, {"Pipfile/x", false}, {"Pipfile.bak", false},
      {"MyPipfile", false}, {"Pipfile.lock", false},        {"pipfile", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    EXPECT_EQ(reader->accepts(c.path), c.accepted);
  }
}

TEST(PipfileReader, IsPrimaryAndNamedAfterItsFormat) {
  const auto reader = make_pipfile_reader();
  EXPECT_EQ(reader->name(), "python/pipfile");
  EXPECT_TRUE(reader->is_primary("Pipfile"));
}

// --- read() ---

TEST(PipfileReader, EmptyFileYieldsNothing) {
  const auto result = read_case("empty");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_TRUE(result.runtime_hints.empty());
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(PipfileReader, ReadsOnePackage) {
  const auto result = read_case("one-package");
  ASSERT_EQ(result.requirements.size(), 1u);
  const auto& ddtrace = result.requirements[0];
  EXPECT_EQ(ddtrace.name, "ddtrace");
  EXPECT_EQ(ddtrace.constraint, "==2.1.2");
  EXPECT_EQ(ddtrace.syntax, ConstraintSyntax::pep440);
  EXPECT_EQ(ddtrace.scope, Scope::main);
  EXPECT_EQ(ddtrace.group, "");
  EXPECT_EQ(at(ddtrace.origin), at(2, 1));
}

TEST(PipfileReader, ReadsVersionStringsInFileOrder) {
  const auto result = read_case("typical");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  ASSERT_EQ(result.requirements.size(), 11u);
  EXPECT_EQ(result.requirements[0].name, "flask");
  EXPECT_EQ(result.requirements[0].constraint, "==3.0.0");
  const auto& ddtrace = result.requirements[1];
  EXPECT_EQ(ddtrace.name, "ddtrace");
  EXPECT_EQ(ddtrace.constraint, ">=2.1,<3");
  EXPECT_EQ(at(ddtrace.origin), at(13, 1));
  EXPECT_EQ(find(result, "gunicorn").constraint, "");  // "*" = any version
}

TEST(PipfileReader, ReadsTablesWithExtrasMarkersAndPlatformKeys) {
  const auto result = read_case("typical");
  const auto& requests = find(result, "requests");
  EXPECT_EQ(requests.constraint, ">=2.31");
  EXPECT_EQ(requests.extras, std::vector<std::string>{"socks"});
  EXPECT_EQ(at(requests.origin), at(15, 1));
  EXPECT_EQ(find(result, "pywin32").markers, "sys_platform == 'win32'");
  EXPECT_EQ(find(result, "uvloop").markers, "python_version >= '3.8' and platform_system != 'Windows'");
  EXPECT_EQ(find(result, "private-pkg").constraint, "==1.0.4");
}

TEST(PipfileReader, MarksGitAndPathPackagesUnresolvable) {
  const auto result = read_case("typical");
  const auto& sdk = find(result, "internal-sdk");
  EXPECT_EQ(sdk.url, "https://github.com/acme/internal-sdk.git@v3.2.0");
  EXPECT_TRUE(sdk.editable);
  EXPECT_FALSE(sdk.resolvable);
  const auto& shared = find(result, "shared");
  EXPECT_EQ(shared.url, "./libs/shared");
  EXPECT_TRUE(shared.editable);
  EXPECT_FALSE(shared.resolvable);
  EXPECT_TRUE(find(result, "flask").resolvable);
}

TEST(PipfileReader, KeepsCredentialsInUrlsForTheReportsToRedact) {
  const auto result = read_text("[packages]\nsdk = {git = \"https://deploy:t0ken@git.example.com/sdk.git\"}\n");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].url, "https://deploy:t0ken@git.example.com/sdk.git");
}

TEST(PipfileReader, ReadsDevPackagesAndCustomCategoriesAsDev) {
  const auto result = read_case("typical");
  const auto& pytest = find(result, "pytest");
  EXPECT_EQ(pytest.scope, Scope::dev);
  EXPECT_EQ(pytest.group, "dev");
  EXPECT_EQ(at(pytest.origin), at(23, 1));
  const auto& mkdocs = find(result, "mkdocs");
  EXPECT_EQ(mkdocs.scope, Scope::dev);
  EXPECT_EQ(mkdocs.group, "docs");
  EXPECT_EQ(mkdocs.constraint, ">=1.5");
}

TEST(PipfileReader, ReadsADevOnlyPipfile) {
  const auto result = read_case("dev-only");
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.requirements.size(), 2u);
  for (const auto& r : result.requirements) EXPECT_EQ(r.scope, Scope::dev);
  const auto& ddtrace = find(result, "ddtrace");
  EXPECT_EQ(ddtrace.constraint, "~=2.1");
  EXPECT_EQ(ddtrace.extras, std::vector<std::string>{"opentracing"});
  EXPECT_EQ(ddtrace.group, "dev");
  EXPECT_EQ(at(ddtrace.origin), at(3, 1));
}

TEST(PipfileReader, ReadsRequiresAsExactRuntimeVersions) {
  const auto result = read_case("typical");
  ASSERT_EQ(result.runtime_hints.size(), 2u);
  const auto& minor = result.runtime_hints[0];
  EXPECT_EQ(minor.version, "3.11");
  EXPECT_FALSE(minor.is_range);
  EXPECT_EQ(minor.source, core::RuntimeSource::version_file);
  EXPECT_EQ(at(minor.origin), at(29, 18));
  EXPECT_EQ(result.runtime_hints[1].version, "3.11.6");
  EXPECT_EQ(at(result.runtime_hints[1].origin), at(30, 23));
}

TEST(PipfileReader, IgnoresSourcesScriptsAndPipenvSettings) {
  const auto result = read_case("typical");
  for (const auto& r : result.requirements) {
    EXPECT_NE(r.group, "source");
    EXPECT_NE(r.group, "scripts");
    EXPECT_NE(r.group, "pipenv");
  }
}

TEST(PipfileReader, ReportsSyntaxErrorAtItsLineAndColumn) {
  const auto result = read_case("invalid-syntax");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"svc/Pipfile:2:17: error: Error while parsing string: unescaped control "
                                      "characters other than TAB (U+0009) are explicitly prohibited"}));
}

TEST(PipfileReader, ReportsWrongTypesAtTheNodeAndReadsTheRest) {
  const auto result = read_case("wrong-types");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "svc/Pipfile:1:12: error: 'packages' must be a table, not a string",
                "svc/Pipfile:4:10: error: 'dev-packages.pytest' must be a version string or a table, not an integer",
                "svc/Pipfile:5:20: error: 'dev-packages.black.version' must be a string, not an integer",
                "svc/Pipfile:5:33: error: 'dev-packages.black.extras' must be an array, not a string",
                "svc/Pipfile:8:18: error: 'requires.python_version' must be a string, not a float",
            }));
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].name, "black");
  EXPECT_EQ(result.requirements[0].constraint, "");
  EXPECT_TRUE(result.runtime_hints.empty());
}

TEST(PipfileReader, SurvivesDeepNesting) {
  const auto result = read_text("[packages]\na = " + std::string(1000, '['));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(at(result.diagnostics[0].where), at(2, 261));
  EXPECT_TRUE(result.requirements.empty());
}

TEST(PipfileReader, ReportsBinaryJunkAsOneError) {
  const auto result = read_text(std::string("PK\x03\x04\0\0\x14\0\xff\xfe", 10));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].where.path, kPath);
  EXPECT_TRUE(result.requirements.empty());
}

TEST(PipfileReader, ReadsLargeFiles) {
  std::string text = "[packages]\n";
  for (int i = 0; i < 3000; ++i) text += "pkg-" + std::to_string(i) + " = \"==1." + std::to_string(i) + "\"\n";
  const auto result = read_text(text);
  ASSERT_EQ(result.requirements.size(), 3000u);
  // File order, although toml++ iterates keys by name (pkg-10 before pkg-2).
  EXPECT_EQ(result.requirements[2].name, "pkg-2");
  EXPECT_EQ(result.requirements[2999].constraint, "==1.2999");
  EXPECT_EQ(at(result.requirements[2999].origin), at(3001, 1));
}

}  // namespace
}  // namespace tracegate::scanner
