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
  static const auto instance = make_setup_py_reader();
  return *instance;
}

ReadResult read(std::string_view contents, std::string_view path = "setup.py") {
  return reader().read(ManifestFile{path, contents}, FakeSourceView{});
}

ReadResult read_fixture_file(const std::string& name) {
  const auto contents = read_fixture("python/setup-py/" + name);
  return read(contents);
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

std::string not_literal(std::string_view location, std::string_view label) {
  return fmt::format("{}: warning: {} is not a literal; not evaluated (setup.py is never executed)", location, label);
}

// --- accepts / is_primary ---

TEST(SetupPyReader, Name) { EXPECT_EQ(reader().name(), "python/setup-py"); }

TEST(SetupPyReader, AcceptsSetupPyOnly) {
  const std::pair<std::string_view, bool> cases[] = {
      {"setup.py", true},                 // root
      {"libs/acme-client/setup.py", true},  // nested
      {"setup.py/x", false},              // name as directory
      {"setup.py.bak", false},            // extra suffix
      {"setup.pyc", false},
      {"mysetup.py", false},              // substring
      {"setup_utils.py", false},
      {"setup.cfg", false},
      {"", false},
  };
  for (const auto& [path, expected] : cases) {
    EXPECT_EQ(reader().accepts(path), expected) << path;
    EXPECT_EQ(reader().is_primary(path), expected) << path;
  }
}

// --- read: fixtures ---

TEST(SetupPyReader, EmptyFileHasNoSetupCall) {
  const auto result = read_fixture_file("empty.py");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(messages(result), (std::vector<std::string>{"setup.py: warning: no setup() call found; nothing read"}));
}

TEST(SetupPyReader, OnePackage) {
  const auto result = read(read_fixture("python/setup-py/one-package.py"), "workers/orders/setup.py");
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.project_name, "orders-worker");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].normalized_name, "ddtrace");
  EXPECT_EQ(result.requirements[0].constraint, "==2.1.2");
  EXPECT_EQ(result.requirements[0].scope, Scope::main);
  EXPECT_EQ(where(result.requirements[0]), "workers/orders/setup.py:3:48");
}

TEST(SetupPyReader, ResolvesModuleLevelAssignment) {
  const auto result = read_fixture_file("typical.py");
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.project_name, "acme-billing");
  EXPECT_EQ(where(find(result, "flask")), "setup.py:10:6");
  EXPECT_EQ(find(result, "flask").constraint, ">=2.3,<4");
  EXPECT_EQ(where(find(result, "ddtrace")), "setup.py:11:6");  // single-quoted
  EXPECT_EQ(find(result, "requests").extras, (std::vector<std::string>{"security"}));
  EXPECT_EQ(find(result, "importlib-metadata").markers, "python_version < '3.10'");
  EXPECT_EQ(where(find(result, "importlib-metadata")), "setup.py:14:6");
  // The commented-out "sqlalchemy<2" is not read.
  EXPECT_EQ(std::ranges::count(result.requirements, "sqlalchemy", &Requirement::normalized_name), 0);
}

TEST(SetupPyReader, ExtrasAreOptionalGroupsAndTestsRequireIsDev) {
  const auto result = read_fixture_file("typical.py");
  EXPECT_EQ(names(result),
            (std::vector<std::string>{"flask", "ddtrace", "requests", "importlib-metadata", "psycopg2-binary", "redis",
                                      "pytest", "ruff", "backports-zoneinfo", "pytest"}));
  const auto& psycopg = find(result, "psycopg2-binary", Scope::optional);
  EXPECT_EQ(psycopg.group, "postgres");
  EXPECT_EQ(where(psycopg), "setup.py:25:23");
  EXPECT_EQ(find(result, "ruff", Scope::optional).group, "dev");
  EXPECT_EQ(where(find(result, "ruff", Scope::optional)), "setup.py:29:14");

  // A key with only a marker is a conditional install requirement.
  const auto& zoneinfo = find(result, "backports-zoneinfo");
  EXPECT_EQ(zoneinfo.group, "");
  EXPECT_EQ(zoneinfo.markers, "python_version < '3.9'");

  const auto& pytest = find(result, "pytest", Scope::dev);
  EXPECT_EQ(pytest.group, "test");
  EXPECT_EQ(where(pytest), "setup.py:33:21");
}

TEST(SetupPyReader, PythonRequiresIsDeclaredRuntimeRange) {
  const auto result = read_fixture_file("typical.py");
  ASSERT_EQ(result.runtime_hints.size(), 1u);
  const auto& hint = result.runtime_hints[0];
  EXPECT_EQ(hint.version, ">=3.8, <3.13");
  EXPECT_TRUE(hint.is_range);
  EXPECT_EQ(hint.language, core::Language::python);
  EXPECT_EQ(hint.syntax, core::ConstraintSyntax::pep440);
  EXPECT_EQ(hint.source, core::RuntimeSource::declared_range);
  EXPECT_EQ(core::to_string(hint.origin), "setup.py:22:22");
}

TEST(SetupPyReader, NonLiteralArgumentsAreWarnings) {
  const auto result = read_fixture_file("dynamic.py");
  EXPECT_EQ(messages(result), (std::vector<std::string>{not_literal("setup.py:13:10", "name"),
                                                        not_literal("setup.py:15:22", "install_requires"),
                                                        not_literal("setup.py:17:17", "extras_require['test']")}));
  EXPECT_FALSE(result.project_name);
  // The literal neighbours are still read.
  EXPECT_EQ(names(result), (std::vector<std::string>{"sphinx"}));
  EXPECT_EQ(find(result, "sphinx", Scope::optional).group, "docs");
  ASSERT_EQ(result.runtime_hints.size(), 1u);
  EXPECT_EQ(result.runtime_hints[0].version, ">=3.9");
}

TEST(SetupPyReader, StringsAndCommentsDoNotConfuseBrackets) {
  const auto result = read_fixture_file("tricky-strings.py");
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.project_name, "tricky");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace", "requests", "six", "attrs", "cattrs"}));
  EXPECT_EQ(where(find(result, "ddtrace")), "setup.py:14:10");
  EXPECT_EQ(where(find(result, "requests")), "setup.py:15:11");  // after the r prefix and quote
  EXPECT_EQ(find(result, "six").constraint, ">=1.16");         // implicit concatenation
  EXPECT_EQ(where(find(result, "six")), "setup.py:16:10");
}

TEST(SetupPyReader, TripleQuotedStringGivesOneRequirementPerLine) {
  const auto result = read_fixture_file("tricky-strings.py");
  EXPECT_EQ(where(find(result, "attrs")), "setup.py:18:9");
  EXPECT_EQ(find(result, "attrs").constraint, ">=22");
  EXPECT_EQ(where(find(result, "cattrs")), "setup.py:19:9");
}

TEST(SetupPyReader, InvalidRequirementStringsAndUnbalancedBrackets) {
  const auto result = read_fixture_file("invalid-syntax.py");
  EXPECT_EQ(result.project_name, "half-written");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace"}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "setup.py:6:17: error: invalid requirement 'flask>=': column 8: expected a version after '>='",
                "setup.py:8:17: error: invalid requirement 'django = 4.2': column 8: expected a version operator (==, "
                "!=, <=, >=, ~=, <, >, ===)",
                not_literal("setup.py:10:20", "extras_require"),
            }));
}

TEST(SetupPyReader, ShimWithoutArgumentsGivesNothing) {
  const auto result = read_fixture_file("shim.py");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(SetupPyReader, FileWithoutSetupCall) {
  const auto result = read_fixture_file("not-setup-py.py");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(messages(result), (std::vector<std::string>{"setup.py: warning: no setup() call found; nothing read"}));
}

// --- read: names and expressions ---

TEST(SetupPyReader, FollowsNameChains) {
  const auto result = read("BASE = ['flask>=3']\nREQUIRES = BASE\nsetup(install_requires=REQUIRES)\n");
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_EQ(where(result.requirements[0]), "setup.py:1:10");
}

TEST(SetupPyReader, LastAssignmentBeforeSetupWins) {
  const auto result = read("R = ['a']\nR = ['b']\nsetup(install_requires=R)\nR = ['c']\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"b"}));
}

TEST(SetupPyReader, AssignmentAfterSetupIsUsedWhenNoneBefore) {
  const auto result = read("def main():\n    setup(install_requires=REQUIRES)\n\nREQUIRES = ['ddtrace']\nmain()\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace"}));
}

TEST(SetupPyReader, IndentedAssignmentIsAStatement) {
  const auto result = read("if True:\n    R = ['ddtrace']\nsetup(install_requires=R)\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace"}));
  EXPECT_EQ(where(result.requirements[0]), "setup.py:2:11");
}

TEST(SetupPyReader, UnresolvedNamesAndExpressionsAreWarnings) {
  struct Case {
    std::string_view source;
    std::string message;
  };
  const Case cases[] = {
      {"from reqs import REQUIRES\nsetup(install_requires=REQUIRES)\n",
       not_literal("setup.py:2:24", "install_requires")},
      {"REQUIRES = read_requirements()\nsetup(install_requires=REQUIRES)\n",
       not_literal("setup.py:2:24", "install_requires")},
      {"BASE = ['a']\nsetup(install_requires=BASE + ['b'])\n", not_literal("setup.py:2:24", "install_requires")},
      {"setup(install_requires=[r for r in open('r.txt')])\n", not_literal("setup.py:1:25", "install_requires")},
      {"setup(python_requires=PY)\n", not_literal("setup.py:1:23", "python_requires")},
      {"A = [A]\nsetup(install_requires=A)\n", not_literal("setup.py:1:6", "install_requires")},
      {"setup(extras_require={**BASE_EXTRAS})\n", not_literal("setup.py:1:23", "extras_require")},
  };
  for (const auto& [source, message] : cases) {
    const auto result = read(source);
    EXPECT_TRUE(result.requirements.empty()) << source;
    EXPECT_EQ(messages(result), (std::vector<std::string>{message})) << source;
  }
}

TEST(SetupPyReader, NonLiteralListItemDoesNotHideTheOthers) {
  const auto result = read("setup(install_requires=[\n    'flask',\n    extra_requirement(),\n    'ddtrace',\n])\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "ddtrace"}));
  EXPECT_EQ(messages(result), (std::vector<std::string>{not_literal("setup.py:3:5", "install_requires")}));
}

TEST(SetupPyReader, NonStringLiteralIsWarning) {
  const auto result = read("setup(install_requires=[1], python_requires=3.8)\n");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"setup.py:1:25: warning: install_requires is not a list of strings; not read",
                                      "setup.py:1:45: warning: python_requires is not a string; not read"}));
}

TEST(SetupPyReader, StringAndTupleValues) {
  const auto result = read(
      "setuptools.setup(\n"
      "  install_requires='flask\\nddtrace>=2',\n"
      "  tests_require=('pytest',),\n"
      ")\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "ddtrace", "pytest"}));
  // Escapes make the string differ from its source: locations fall back to the string start.
  EXPECT_EQ(where(find(result, "ddtrace")), "setup.py:2:21");
  EXPECT_EQ(find(result, "pytest", Scope::dev).group, "test");
}

TEST(SetupPyReader, ExtraWithMarkerKey) {
  const auto result =
      read("setup(extras_require={'tls:sys_platform == \"win32\"': ['certifi; python_version < \"3.9\"']})\n");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].group, "tls");
  EXPECT_EQ(result.requirements[0].scope, Scope::optional);
  EXPECT_EQ(result.requirements[0].markers, "(python_version < \"3.9\") and (sys_platform == \"win32\")");
}

TEST(SetupPyReader, DefinitionNamedSetupIsNotTheCall) {
  const auto result = read("def setup(app):\n    app.connect('x')\n");
  EXPECT_EQ(messages(result), (std::vector<std::string>{"setup.py: warning: no setup() call found; nothing read"}));
}

TEST(SetupPyReader, KeywordArgumentsSpreadAreIgnored) {
  const auto result = read("import setuptools\nconfig = dict(name='x')\nsetuptools.setup(**config)\n");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_TRUE(result.diagnostics.empty());
}

// --- hostile input ---

TEST(SetupPyReader, UnterminatedString) {
  const auto result = read("setup(name='x', install_requires=['flask', 'ddtrace==2.1.2)\n");
  EXPECT_EQ(result.project_name, "x");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(messages(result), (std::vector<std::string>{"setup.py:1:44: error: unterminated string literal",
                                                        not_literal("setup.py:1:34", "install_requires")}));
}

TEST(SetupPyReader, HundredThousandOpenBrackets) {
  const auto brackets = std::string(100'000, '[');
  EXPECT_EQ(read(brackets).requirements.size(), 0u);
  const auto result = read("setup(install_requires=" + brackets);
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(messages(result), (std::vector<std::string>{not_literal("setup.py:1:24", "install_requires")}));
}

TEST(SetupPyReader, DeepButBalancedNestingIsLimited) {
  const auto source = "setup(install_requires=" + std::string(100, '[') + "'flask'" + std::string(100, ']') + ")";
  const auto result = read(source);
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(result.diagnostics.size(), 1u);
}

TEST(SetupPyReader, EscapedQuotesInsideString) {
  const auto result = read("setup(install_requires=['ddtrace>=2 ; python_version >= \\'3.8\\''])\n");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].markers, "python_version >= '3.8'");
  EXPECT_EQ(where(result.requirements[0]), "setup.py:1:26");
}

TEST(SetupPyReader, CrlfAndByteOrderMark) {
  const auto result = read(
      "\xEF\xBB\xBFsetup(\r\n"
      "    name='legacy',\r\n"
      "    install_requires=['ddtrace==1.20.0'],\r\n"
      ")\r\n");
  EXPECT_EQ(result.project_name, "legacy");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace"}));
  EXPECT_EQ(where(result.requirements[0]), "setup.py:3:24");
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(SetupPyReader, LargeFile) {
  std::string source = "REQUIRES = [\n";
  for (int i = 0; i < 5000; ++i) source += fmt::format("    'package-{}>={}.0',  # {}\n", i, i, i);
  source += "]\nsetup(install_requires=REQUIRES)\n";
  const auto result = read(source);
  ASSERT_EQ(result.requirements.size(), 5000u);
  EXPECT_EQ(where(result.requirements.back()), "setup.py:5001:6");
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(SetupPyReader, RepeatedNamesDoNotMultiplyTheOutput) {
  std::string source = "A = ['flask', 'six']\nsetup(install_requires=[";
  for (int i = 0; i < 20'000; ++i) source += "A, ";
  source += "])\n";
  const auto result = read(source);
  EXPECT_EQ(result.requirements.size(), 2u * 256u);
  EXPECT_EQ(result.diagnostics.size(), 20'000u - 256u);
}

TEST(SetupPyReader, RandomBytesDoNotCrash) {
  using namespace std::string_literals;
  auto bytes = "setup(install_requires=['a\0b', \xff\xfe"s;
  std::uint32_t state = 99;
  for (int i = 0; i < 200'000; ++i) {
    state = state * 1103515245u + 12345u;
    bytes.push_back(static_cast<char>(state >> 16));
  }
  const auto result = read(bytes);
  EXPECT_FALSE(result.diagnostics.empty());
}

}  // namespace
}  // namespace tracegate::scanner
