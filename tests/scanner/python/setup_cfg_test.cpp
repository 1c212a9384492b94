// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/diagnostic.hpp"
#include "core/source_location.hpp"
#include "scanner/readers.hpp"
#include "tests/support/fake_source_view.hpp"
#include "tests/support/read_result.hpp"

namespace tracegate::scanner {
namespace {

using testing::messages;

using core::Requirement;
using core::Scope;
using testing::FakeSourceView;
using testing::read_fixture;

const ManifestReader& reader() {
  static const auto instance = make_setup_cfg_reader();
  return *instance;
}

ReadResult read(std::string_view path, std::string_view contents) {
  return reader().read(ManifestFile{path, contents}, FakeSourceView{});
}

ReadResult read_fixture_file(const std::string& name, std::string_view as_path = "setup.cfg") {
  const auto contents = read_fixture("python/setup-cfg/" + name);
  return read(as_path, contents);
}

std::vector<std::string> names(const ReadResult& result) {
  std::vector<std::string> out;
  for (const auto& requirement : result.requirements) out.push_back(requirement.normalized_name);
  return out;
}

std::string where(const Requirement& requirement) { return core::to_string(requirement.origin); }

const Requirement& find(const ReadResult& result, std::string_view normalized_name, Scope scope = Scope::main) {
  const auto it = std::ranges::find_if(result.requirements, [&](const Requirement& requirement) {
    return requirement.normalized_name == normalized_name && requirement.scope == scope;
  });
  if (it == result.requirements.end()) throw std::runtime_error(fmt::format("no requirement {}", normalized_name));
  return *it;
}

// --- accepts / is_primary ---

TEST(SetupCfgReader, Name) { EXPECT_EQ(reader().name(), "python/setup-cfg"); }

TEST(SetupCfgReader, AcceptsSetupCfgOnly) {
  const std::pair<std::string_view, bool> cases[] = {
      {"setup.cfg", true},                 // root
      {"services/billing/setup.cfg", true},  // nested
      {"setup.cfg/x", false},              // name as directory
      {"setup.cfg.bak", false},            // extra suffix
      {"mysetup.cfg", false},              // substring
      {"setup.cfg.in", false},
      {"Setup.cfg", false},
      {"setup.py", false},
      {"tox.ini", false},
      {"", false},
  };
  for (const auto& [path, expected] : cases) {
    EXPECT_EQ(reader().accepts(path), expected) << path;
    EXPECT_EQ(reader().is_primary(path), expected) << path;
  }
}

// --- read ---

TEST(SetupCfgReader, EmptyFileGivesNothing) {
  const auto result = read_fixture_file("empty.cfg");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_TRUE(result.runtime_hints.empty());
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_FALSE(result.project_name);
}

TEST(SetupCfgReader, OnePackageOnTheKeyLine) {
  const auto result = read_fixture_file("one-package.cfg", "services/worker/setup.cfg");
  EXPECT_EQ(result.project_name, "orders-worker");
  ASSERT_EQ(result.requirements.size(), 1u);
  const auto& ddtrace = result.requirements[0];
  EXPECT_EQ(ddtrace.normalized_name, "ddtrace");
  EXPECT_EQ(ddtrace.constraint, "==2.1.2");
  EXPECT_EQ(ddtrace.scope, Scope::main);
  EXPECT_EQ(where(ddtrace), "services/worker/setup.cfg:5:20");
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(SetupCfgReader, ReadsInstallRequiresOneLinePerRequirement) {
  const auto result = read_fixture_file("typical.cfg");
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.project_name, "acme-billing");
  EXPECT_EQ(where(find(result, "flask")), "setup.cfg:15:5");
  EXPECT_EQ(find(result, "flask").constraint, ">=2.3,<4");
  EXPECT_EQ(find(result, "ddtrace").constraint, "==2.1.2");  // inline comment dropped
  EXPECT_EQ(where(find(result, "ddtrace")), "setup.cfg:16:5");
  EXPECT_EQ(find(result, "requests").extras, (std::vector<std::string>{"security"}));
  EXPECT_EQ(where(find(result, "sqlalchemy")), "setup.cfg:19:5");  // the comment line is skipped
  EXPECT_EQ(find(result, "importlib-metadata").markers, "python_version < \"3.10\"");
  EXPECT_EQ(find(result, "importlib-metadata").constraint, ">=4.6");
}

TEST(SetupCfgReader, ExtrasAreOptionalGroupsAndTestsRequireIsDev) {
  const auto result = read_fixture_file("typical.cfg");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "ddtrace", "requests", "sqlalchemy",
                                                     "importlib-metadata", "pytest", "psycopg2-binary", "redis",
                                                     "pytest", "ruff"}));
  const auto& test_pytest = find(result, "pytest", Scope::dev);
  EXPECT_EQ(test_pytest.group, "test");
  EXPECT_EQ(where(test_pytest), "setup.cfg:22:5");

  const auto& psycopg = find(result, "psycopg2-binary", Scope::optional);
  EXPECT_EQ(psycopg.group, "postgres");
  EXPECT_EQ(where(psycopg), "setup.cfg:28:5");
  const auto& redis = find(result, "redis", Scope::optional);
  EXPECT_EQ(redis.group, "redis");
  EXPECT_EQ(where(redis), "setup.cfg:29:9");
  EXPECT_EQ(find(result, "ruff", Scope::optional).group, "dev");
  // setup_requires is build-time only.
  EXPECT_EQ(std::ranges::count(result.requirements, "setuptools-scm", &Requirement::normalized_name), 0);
}

TEST(SetupCfgReader, PythonRequiresIsDeclaredRuntimeRange) {
  const auto result = read_fixture_file("typical.cfg");
  ASSERT_EQ(result.runtime_hints.size(), 1u);
  const auto& hint = result.runtime_hints[0];
  EXPECT_EQ(hint.language, core::Language::python);
  EXPECT_EQ(hint.version, ">=3.8, <3.13");
  EXPECT_TRUE(hint.is_range);
  EXPECT_EQ(hint.syntax, core::ConstraintSyntax::pep440);
  EXPECT_EQ(hint.source, core::RuntimeSource::declared_range);
  EXPECT_EQ(core::to_string(hint.origin), "setup.cfg:13:19");
}

TEST(SetupCfgReader, FileDirectiveIsNotFollowed) {
  const auto result = read_fixture_file("file-directive.cfg");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(result.runtime_hints.size(), 1u);
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "setup.cfg:5:20: warning: install_requires: 'file: requirements.txt' is not followed",
                "setup.cfg:9:8: warning: extras_require['test']: 'file: requirements-test.txt' is not followed",
            }));
}

TEST(SetupCfgReader, OneLineValueIsSplitAtSemicolons) {
  const auto result = read("setup.cfg",
                           "[options]\n"
                           "install_requires = requests>=2.31; ddtrace==2.1.2\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"requests", "ddtrace"}));
  EXPECT_EQ(where(find(result, "requests")), "setup.cfg:2:20");
  EXPECT_EQ(where(find(result, "ddtrace")), "setup.cfg:2:36");
}

TEST(SetupCfgReader, InlineMarkerOnOneLineIsSplitLikeSetuptools) {
  // setuptools splits here too, so the marker turns into a broken requirement.
  const auto result = read("setup.cfg",
                           "[options]\n"
                           "install_requires = importlib-metadata; python_version<\"3.8\"\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"importlib-metadata"}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"setup.cfg:2:55: error: invalid requirement 'python_version<\"3.8\"': column "
                                      "16: expected a version after '<'"}));
}

TEST(SetupCfgReader, KeysAreCaseAndDashInsensitive) {
  const auto result = read("setup.cfg",
                           "[options]\n"
                           "Install-Requires =\n"
                           "  ddtrace>=2\n"
                           "python-requires: >=3.10\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace"}));
  ASSERT_EQ(result.runtime_hints.size(), 1u);
  EXPECT_EQ(result.runtime_hints[0].version, ">=3.10");
  EXPECT_EQ(core::to_string(result.runtime_hints[0].origin), "setup.cfg:4:18");
}

TEST(SetupCfgReader, BlankLinesAndCommentsInsideValue) {
  const auto result = read("setup.cfg",
                           "[options]\n"
                           "install_requires =\n"
                           "    flask\n"
                           "\n"
                           "; a configparser comment\n"
                           "    ddtrace\n"
                           "zip_safe = False\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "ddtrace"}));
  EXPECT_EQ(where(find(result, "ddtrace")), "setup.cfg:6:5");
}

TEST(SetupCfgReader, InvalidLinesAreDiagnosedAndTheRestIsRead) {
  const auto result = read_fixture_file("invalid-syntax.cfg");
  EXPECT_EQ(result.project_name, "broken-service");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace"}));
  EXPECT_EQ(where(find(result, "ddtrace")), "setup.cfg:11:5");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "setup.cfg:4:1: error: section header is missing ']'",
                "setup.cfg:7:1: error: expected 'key = value', '[section]' or a comment",
                "setup.cfg:10:15: error: invalid requirement 'requests>=': column 11: expected a version after '>='",
                "setup.cfg:12:12: error: invalid requirement 'django = 4.2': column 8: expected a version operator "
                "(==, !=, <=, >=, ~=, <, >, ===)",
            }));
}

TEST(SetupCfgReader, KeyBeforeAnySectionIsDiagnosed) {
  const auto result = read("setup.cfg", "install_requires = flask\n[options]\ninstall_requires = ddtrace\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace"}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"setup.cfg:1:1: error: 'key = value' outside any [section]; ignored"}));
}

TEST(SetupCfgReader, OtherToolsSectionsAreIgnored) {
  const auto result = read_fixture_file("not-setup-cfg.cfg");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(SetupCfgReader, CrlfAndByteOrderMark) {
  const auto result = read("setup.cfg",
                           "\xEF\xBB\xBF[metadata]\r\n"
                           "name = legacy-api\r\n"
                           "[options]\r\n"
                           "install_requires =\r\n"
                           "    ddtrace==1.20.0\r\n");
  EXPECT_EQ(result.project_name, "legacy-api");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace"}));
  EXPECT_EQ(find(result, "ddtrace").constraint, "==1.20.0");
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(SetupCfgReader, LargeFile) {
  std::string contents = "[options]\ninstall_requires =\n";
  for (int i = 0; i < 5000; ++i) contents += fmt::format("    package-{}>={}.0\n", i, i);
  const auto result = read("setup.cfg", contents);
  ASSERT_EQ(result.requirements.size(), 5000u);
  EXPECT_EQ(where(result.requirements.back()), "setup.cfg:5002:5");
}

TEST(SetupCfgReader, BinaryJunkDoesNotCrash) {
  using namespace std::string_literals;
  auto bytes = "[options]\ninstall_requires =\n    fl\0ask\n    \xff\xfe\n"s;
  std::uint32_t state = 7;
  for (int i = 0; i < 100'000; ++i) {
    state = state * 1103515245u + 12345u;
    bytes.push_back(static_cast<char>(state >> 16));
  }
  const auto result = read("setup.cfg", bytes);
  EXPECT_FALSE(result.diagnostics.empty());
}

}  // namespace
}  // namespace tracegate::scanner
