// SPDX-License-Identifier: Apache-2.0
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "scanner/readers.hpp"
#include "tests/support/fake_source_view.hpp"
#include "tests/support/read_result.hpp"

namespace tracegate::scanner {
namespace {

using testing::messages;

using core::ConstraintSyntax;
using core::Diagnostic;
using core::Requirement;
using core::Scope;
using core::SourceLocation;

constexpr std::string_view kPath = "svc/pyproject.toml";

ReadResult read_text(const std::string& text) {
  static const auto reader = make_pyproject_toml_reader();
  return reader->read(ManifestFile{kPath, text}, testing::FakeSourceView{});
}

ReadResult read_case(const std::string& name) {
  return read_text(testing::read_fixture("python/pyproject-toml/" + name + ".toml"));
}

/// `path:line:col`, compared as text so that a failure prints readably.
std::string at(int line, int column) { return core::to_string(SourceLocation{std::string(kPath), line, column}); }
std::string at(const SourceLocation& where) { return core::to_string(where); }

/// The requirement for `name` in `group`; fails the test when there is none.
const Requirement& find(const ReadResult& result, std::string_view name, std::string_view group = "") {
  for (const auto& requirement : result.requirements) {
    if (requirement.normalized_name == name && requirement.group == group) return requirement;
  }
  ADD_FAILURE() << "no requirement " << name << " in group '" << group << "'";
  static const Requirement kNone;
  return kNone;
}

// --- accepts() ---

TEST(PyprojectTomlReader, AcceptsOnlyFilesNamedPyprojectToml) {
  const auto reader = make_pyproject_toml_reader();
  const struct {
    std::string_view path;
    bool accepted;
  } cases[] = {
      {"pyproject.toml", true},    {"services/orders/pyproject.toml", true},
      {"pyproject.toml/x", false}, {"pyproject.toml.bak", false},
      {"mypyproject.toml", false}, {"Pyproject.toml", false},
      {"setup.cfg", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    EXPECT_EQ(reader->accepts(c.path), c.accepted);
  }
}

TEST(PyprojectTomlReader, IsPrimaryAndNamedAfterItsFormat) {
  const auto reader = make_pyproject_toml_reader();
  EXPECT_EQ(reader->name(), "python/pyproject-toml");
  EXPECT_TRUE(reader->is_primary("svc/pyproject.toml"));
}

// --- read(): PEP 621, PEP 735, uv ---

TEST(PyprojectTomlReader, EmptyFileYieldsNothing) {
  const auto result = read_case("empty");
  EXPECT_FALSE(result.project_name);
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_TRUE(result.runtime_hints.empty());
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(PyprojectTomlReader, ToolOnlyFileDeclaresNoProject) {
  const auto result = read_case("tool-only");
  EXPECT_FALSE(result.project_name);
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_TRUE(result.declares_no_project);
}

TEST(PyprojectTomlReader, ProjectPoetryOrGroupsTablesDeclareAProject) {
  for (const std::string text : {"[project]\nname = \"a\"\n", "[tool.poetry]\nname = \"a\"\n",
                                 "[dependency-groups]\ndev = [\"pytest\"]\n", "[project\n"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(read_text(text).declares_no_project);
  }
}

TEST(PyprojectTomlReader, IgnoresTomlOfOtherTools) {
  const auto result = read_case("not-pyproject");  // a Cargo.toml
  EXPECT_FALSE(result.project_name);
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(PyprojectTomlReader, ReadsOnePep621Dependency) {
  const auto result = read_case("one-package");
  EXPECT_EQ(result.project_name, "tiny");
  ASSERT_EQ(result.requirements.size(), 1u);
  const auto& ddtrace = result.requirements[0];
  EXPECT_EQ(ddtrace.name, "ddtrace");
  EXPECT_EQ(ddtrace.constraint, "==2.1.2");
  EXPECT_EQ(ddtrace.syntax, ConstraintSyntax::pep440);
  EXPECT_EQ(ddtrace.scope, Scope::main);
  EXPECT_EQ(at(ddtrace.origin), at(4, 17));
}

TEST(PyprojectTomlReader, ReadsPep621DependenciesEachAtItsOwnLine) {
  const auto result = read_case("pep621-uv-project");
  EXPECT_EQ(result.project_name, "inventory-worker");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));

  const auto& ddtrace = find(result, "ddtrace");
  EXPECT_EQ(ddtrace.constraint, ">=2.1,<3");
  EXPECT_EQ(ddtrace.scope, Scope::main);
  EXPECT_EQ(at(ddtrace.origin), at(7, 5));

  const auto& celery = find(result, "celery");
  EXPECT_EQ(celery.extras, std::vector<std::string>{"redis"});
  EXPECT_EQ(celery.constraint, ">=5.3");
  EXPECT_EQ(at(celery.origin), at(8, 5));

  const auto& orjson = find(result, "orjson");
  EXPECT_EQ(orjson.constraint, "");
  EXPECT_EQ(orjson.markers, "platform_python_implementation == 'CPython'");
  EXPECT_EQ(at(orjson.origin), at(10, 5));

  const auto& boto3 = find(result, "boto3", "s3");
  EXPECT_EQ(boto3.scope, Scope::optional);
  EXPECT_EQ(at(boto3.origin), at(15, 7));
}

TEST(PyprojectTomlReader, ReadsRequiresPythonAsDeclaredRange) {
  const auto result = read_case("pep621-uv-project");
  ASSERT_EQ(result.runtime_hints.size(), 1u);
  const auto& hint = result.runtime_hints[0];
  EXPECT_EQ(hint.language, core::Language::python);
  EXPECT_EQ(hint.version, ">=3.11,<3.13");
  EXPECT_TRUE(hint.is_range);
  EXPECT_EQ(hint.syntax, ConstraintSyntax::pep440);
  EXPECT_EQ(hint.source, core::RuntimeSource::declared_range);
  EXPECT_EQ(at(hint.origin), at(5, 19));
}

TEST(PyprojectTomlReader, ReadsDependencyGroupsAndUvDevDependencies) {
  const auto result = read_case("pep621-uv-project");
  const auto& pytest = find(result, "pytest", "dev");
  EXPECT_EQ(pytest.scope, Scope::dev);
  EXPECT_EQ(at(pytest.origin), at(18, 8));
  // `dev` includes `lint`: the included requirement keeps its line and takes the including group.
  EXPECT_EQ(at(find(result, "ruff", "dev").origin), at(19, 9));
  EXPECT_EQ(at(find(result, "ruff", "lint").origin), at(19, 9));
  const auto& debugpy = find(result, "debugpy", "dev");
  EXPECT_EQ(debugpy.scope, Scope::dev);
  EXPECT_EQ(at(debugpy.origin), at(22, 21));
  EXPECT_EQ(result.requirements.size(), 9u);
}

TEST(PyprojectTomlReader, ExpandsIncludeGroupsOnceEvenThroughDiamonds) {
  const auto result = read_case("dependency-groups");
  // `all` reaches `coverage` directly and through `test`; it gets it once.
  int coverage_in_all = 0;
  for (const auto& r : result.requirements) coverage_in_all += r.normalized_name == "coverage" && r.group == "all";
  EXPECT_EQ(coverage_in_all, 1);
  EXPECT_EQ(at(find(result, "pytest", "all").origin), at(2, 9));
  // include-group names are normalized: "Coverage" finds `coverage`.
  const auto& coverage = find(result, "coverage", "test");
  EXPECT_EQ(coverage.extras, std::vector<std::string>{"toml"});
  EXPECT_EQ(at(coverage.origin), at(3, 13));
}

TEST(PyprojectTomlReader, ReportsIncludeCyclesUnknownGroupsAndBadEntries) {
  const auto result = read_case("dependency-groups");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "svc/pyproject.toml:5:38: error: dependency group 'loop-a' includes 'loop-b', which includes it back",
                "svc/pyproject.toml:6:29: error: dependency group 'loop-b' includes 'loop-a', which includes it back",
                "svc/pyproject.toml:7:29: error: dependency group 'broken' includes unknown group 'missing'",
                "svc/pyproject.toml:7:42: error: 'dependency-groups.broken[1]' must be a PEP 508 string or "
                "{include-group = \"...\"}",
                "svc/pyproject.toml:7:69: error: invalid requirement 'not a requirement': column 5: expected a "
                "version operator (==, !=, <=, >=, ~=, <, >, ===)",
            }));
  // The cycle is cut, and what the groups do state is still read.
  EXPECT_EQ(at(find(result, "a-pkg", "loop-a").origin), at(5, 11));
  EXPECT_EQ(at(find(result, "a-pkg", "loop-b").origin), at(5, 11));
}

TEST(PyprojectTomlReader, StopsExpandingDependencyGroupsThatMultiply) {
  // g-i includes g-(i-1): 200 groups expand to 200 * 201 / 2 = 20100 requirements.
  std::string text = "[dependency-groups]\ng-0 = [\"p-0\"]\n";
  for (int i = 1; i < 200; ++i) {
    text += fmt::format("g-{} = [\"p-{}\", {{ include-group = \"g-{}\" }}]\n", i, i, i - 1);
  }
  const auto result = read_text(text);
  EXPECT_EQ(result.requirements.size(), 10000u);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].message,
            "dependency groups expand to more than 10000 requirements; the rest is not read");
}

// --- read(): Poetry ---

TEST(PyprojectTomlReader, ReadsPoetryCaretConstraintWithLocation) {
  const auto result = read_case("poetry-fastapi-service");
  EXPECT_EQ(result.project_name, "orders-api");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  const auto& ddtrace = find(result, "ddtrace");
  EXPECT_EQ(ddtrace.constraint, "^2.1");
  EXPECT_EQ(ddtrace.syntax, ConstraintSyntax::poetry);
  EXPECT_EQ(ddtrace.scope, Scope::main);
  EXPECT_TRUE(ddtrace.resolvable);
  EXPECT_EQ(at(ddtrace.origin), at(13, 1));
  EXPECT_EQ(find(result, "uvicorn").constraint, "^0.24.0");
  EXPECT_EQ(at(find(result, "uvicorn").origin), at(12, 1));
  EXPECT_EQ(find(result, "pydantic").constraint, ">=2.5,<3");
}

TEST(PyprojectTomlReader, ReadsPoetryPythonAsRuntimeHintNotAsPackage) {
  const auto result = read_case("poetry-fastapi-service");
  ASSERT_EQ(result.runtime_hints.size(), 1u);
  const auto& hint = result.runtime_hints[0];
  EXPECT_EQ(hint.version, "^3.11");
  EXPECT_TRUE(hint.is_range);
  EXPECT_EQ(hint.syntax, ConstraintSyntax::poetry);
  EXPECT_EQ(hint.source, core::RuntimeSource::declared_range);
  EXPECT_EQ(at(hint.origin), at(10, 10));
  for (const auto& r : result.requirements) EXPECT_NE(r.normalized_name, "python");
}

TEST(PyprojectTomlReader, ReadsPoetryGroupsAsDevEvenWhenOptional) {
  const auto result = read_case("poetry-fastapi-service");
  const auto& pytest = find(result, "pytest", "dev");
  EXPECT_EQ(pytest.scope, Scope::dev);
  EXPECT_EQ(at(pytest.origin), at(17, 1));
  const auto& ruff = find(result, "ruff", "lint");
  EXPECT_EQ(ruff.scope, Scope::dev);
  EXPECT_EQ(ruff.constraint, "0.1.6");
  EXPECT_EQ(at(ruff.origin), at(23, 1));
  EXPECT_EQ(result.requirements.size(), 6u);
}

TEST(PyprojectTomlReader, ReadsPoetryTableWithExtrasAndMarkers) {
  const auto result = read_case("poetry-dependency-forms");
  const auto& requests = find(result, "requests");
  EXPECT_EQ(requests.constraint, "^2.31");
  EXPECT_EQ(requests.syntax, ConstraintSyntax::poetry);
  EXPECT_EQ(requests.extras, (std::vector<std::string>{"socks", "security"}));
  EXPECT_EQ(requests.markers, "sys_platform == 'linux'");
  EXPECT_EQ(at(requests.origin), at(7, 1));
}

TEST(PyprojectTomlReader, TranslatesPoetryPythonRestrictionsIntoMarkers) {
  const auto result = read_case("poetry-dependency-forms");
  EXPECT_EQ(find(result, "tomli").markers, "python_version < \"3.11\"");
  EXPECT_EQ(find(result, "uvloop").markers,
            "python_version >= \"3.9\" and python_version < \"4.0\" and sys_platform == \"linux\"");
}

TEST(PyprojectTomlReader, WarnsWhenPoetryPythonRestrictionHasNoExactMarker) {
  const auto result = read_case("poetry-dependency-forms");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].level, Diagnostic::Level::warning);
  EXPECT_EQ(core::to_string(result.diagnostics[0]),
            "svc/pyproject.toml:10:47: warning: python restriction '3.9.* || 3.10.*' of 'exceptiongroup' has no "
            "exact PEP 508 marker; it is left out of the markers");
  const auto& exceptiongroup = find(result, "exceptiongroup");
  EXPECT_EQ(exceptiongroup.constraint, "^1.2");
  EXPECT_EQ(exceptiongroup.markers, "");
}

TEST(PyprojectTomlReader, ReadsEachAlternativeOfAMultipleConstraintDependency) {
  const auto result = read_case("poetry-dependency-forms");
  std::vector<const Requirement*> numpy;
  for (const auto& r : result.requirements) {
    if (r.normalized_name == "numpy") numpy.push_back(&r);
  }
  ASSERT_EQ(numpy.size(), 2u);
  EXPECT_EQ(numpy[0]->constraint, "1.24.4");
  EXPECT_EQ(numpy[0]->markers, "python_version < \"3.9\"");
  EXPECT_EQ(at(numpy[0]->origin), at(12, 5));
  EXPECT_EQ(numpy[1]->constraint, "^1.26");
  EXPECT_EQ(numpy[1]->markers, "python_version >= \"3.9\"");
  EXPECT_EQ(at(numpy[1]->origin), at(13, 5));
}

TEST(PyprojectTomlReader, MarksGitPathAndUrlDependenciesUnresolvable) {
  const auto result = read_case("poetry-dependency-forms");
  const auto& sdk = find(result, "internal-sdk");
  EXPECT_EQ(sdk.url, "https://github.com/acme/internal-sdk.git@v3.2.0");
  EXPECT_FALSE(sdk.resolvable);
  EXPECT_FALSE(sdk.editable);
  const auto& shared = find(result, "shared-utils");
  EXPECT_EQ(shared.url, "../shared-utils");
  EXPECT_FALSE(shared.resolvable);
  EXPECT_TRUE(shared.editable);
  const auto& wheel = find(result, "legacy-wheel");
  EXPECT_EQ(wheel.url, "https://files.example.com/legacy_wheel-1.0-py3-none-any.whl");
  EXPECT_FALSE(wheel.resolvable);
  EXPECT_EQ(at(wheel.origin), at(17, 1));
}

TEST(PyprojectTomlReader, ReadsPoetryOptionalDependenciesUnderTheirExtra) {
  const auto result = read_case("poetry-dependency-forms");
  const auto& psycopg = find(result, "psycopg", "postgres");
  EXPECT_EQ(psycopg.scope, Scope::optional);
  EXPECT_EQ(psycopg.constraint, "^3.1");
  const auto& redis = find(result, "redis");  // optional, but no extra lists it
  EXPECT_EQ(redis.scope, Scope::optional);
  const auto& mypy = find(result, "mypy", "dev");  // legacy [tool.poetry.dev-dependencies]
  EXPECT_EQ(mypy.scope, Scope::dev);
  EXPECT_EQ(at(mypy.origin), at(25, 1));
}

TEST(PyprojectTomlReader, ReadsBothProjectAndPoetryTablesOfAPoetry2Project) {
  const auto result = read_case("poetry2-project");
  EXPECT_EQ(result.project_name, "billing");
  std::vector<std::pair<ConstraintSyntax, std::string>> ddtrace;
  for (const auto& r : result.requirements) {
    if (r.normalized_name == "ddtrace") ddtrace.emplace_back(r.syntax, r.constraint);
  }
  EXPECT_EQ(ddtrace, (std::vector<std::pair<ConstraintSyntax, std::string>>{{ConstraintSyntax::pep440, ">=2.8"},
                                                                            {ConstraintSyntax::poetry, ""}}));
  EXPECT_EQ(find(result, "pytest", "test").scope, Scope::dev);
  ASSERT_EQ(result.runtime_hints.size(), 1u);
  EXPECT_EQ(result.runtime_hints[0].version, ">=3.10");
}

// --- read(): PDM ---

TEST(PyprojectTomlReader, ReadsPdmDevDependenciesAndSkipsEditables) {
  const auto result = read_case("pdm");
  const auto& pytest = find(result, "pytest", "test");
  EXPECT_EQ(pytest.scope, Scope::dev);
  EXPECT_EQ(pytest.constraint, ">=7");
  EXPECT_EQ(at(pytest.origin), at(7, 9));
  EXPECT_EQ(messages(result), (std::vector<std::string>{"svc/pyproject.toml:8:10: warning: editable requirement "
                                                        "'-e file:///${PROJECT_ROOT}/libs/common#egg=common' in "
                                                        "'tool.pdm.dev-dependencies.local' is not read"}));
}

// --- read(): broken files ---

TEST(PyprojectTomlReader, ReportsSyntaxErrorAtItsLineAndColumn) {
  const auto result = read_case("invalid-syntax");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_FALSE(result.project_name);
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "svc/pyproject.toml:5:5: error: Error while parsing array: expected comma or closing ']', saw '\"'"}));
}

TEST(PyprojectTomlReader, ReportsWrongTypesAtTheNodeAndReadsTheRest) {
  const auto result = read_case("wrong-types");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "svc/pyproject.toml:2:8: error: 'project.name' must be a string, not an integer",
                "svc/pyproject.toml:3:19: error: 'project.requires-python' must be a string, not a float",
                "svc/pyproject.toml:4:16: error: 'project.dependencies' must be an array, not a string",
                "svc/pyproject.toml:7:19: error: 'project.optional-dependencies.docs[1]' must be a string, not an "
                "integer",
                "svc/pyproject.toml:7:27: error: invalid requirement 'bad requirement!': column 5: expected a "
                "version operator (==, !=, <=, >=, ~=, <, >, ===)",
                "svc/pyproject.toml:11:11: error: 'tool.poetry.dependencies.ddtrace' must be a version string, a "
                "table or an array of tables, not an integer",
                "svc/pyproject.toml:12:21: error: 'tool.poetry.dependencies.flask.version' must be a string, not "
                "an integer",
                "svc/pyproject.toml:13:11: error: 'tool.poetry.dependencies.celery[0]' must be a table, not a string",
            }));
  EXPECT_FALSE(result.project_name);
  EXPECT_EQ(at(find(result, "sphinx", "docs").origin), at(7, 9));
  EXPECT_EQ(find(result, "flask").constraint, "");
  ASSERT_EQ(result.runtime_hints.size(), 1u);
  EXPECT_EQ(result.runtime_hints[0].version, "^3.9");
}

TEST(PyprojectTomlReader, SurvivesDeepNesting) {
  const auto result = read_text("a = " + std::string(1000, '['));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].where.line, 1);
  EXPECT_EQ(result.diagnostics[0].message,
            "Error while parsing value: exceeded maximum nested value depth of 256 (TOML_MAX_NESTED_VALUES)");
}

TEST(PyprojectTomlReader, ReportsBinaryJunkAsOneError) {
  const auto result =
      read_text(std::string("\x7f"
                            "ELF\x02\x01\x01\0\0\0\xff\xfe",
                            12));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].level, Diagnostic::Level::error);
  EXPECT_EQ(result.diagnostics[0].where.path, kPath);
  EXPECT_TRUE(result.requirements.empty());
}

TEST(PyprojectTomlReader, ReadsCrlfAndAByteOrderMark) {
  const auto result = read_text("\xEF\xBB\xBF[project]\r\nname = \"x\"\r\ndependencies = [\"six\"]\r\n");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  EXPECT_EQ(result.project_name, "x");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(at(result.requirements[0].origin), at(3, 17));
}

TEST(PyprojectTomlReader, ReadsLargeDependencyListsInFileOrder) {
  std::string text = "[project]\nname = \"big\"\ndependencies = [\n";
  for (int i = 0; i < 3000; ++i) text += "  \"pkg-" + std::to_string(i) + ">=1.0\",\n";
  text += "]\n";
  const auto result = read_text(text);
  ASSERT_EQ(result.requirements.size(), 3000u);
  EXPECT_EQ(result.requirements[2999].name, "pkg-2999");
  EXPECT_EQ(at(result.requirements[2999].origin), at(3003, 3));
}

// --- read(): Poetry python restrictions become markers only when exact ---

/// The markers a Poetry dependency gets for `python = "<constraint>"`, or nullopt when it warned instead.
std::optional<std::string> python_marker(std::string_view constraint, std::string_view markers = "") {
  auto text = fmt::format("[tool.poetry.dependencies]\nfoo = {{ version = \"1\", python = \"{}\"", constraint);
  if (!markers.empty()) text += fmt::format(", markers = '{}'", markers);
  const auto result = read_text(text + " }\n");
  if (!result.diagnostics.empty() || result.requirements.size() != 1) return std::nullopt;
  return result.requirements[0].markers;
}

TEST(PyprojectTomlReader, TranslatesPoetryPythonBoundsCaretsAndTildes) {
  const struct {
    std::string_view constraint;
    std::string_view marker;
  } cases[] = {
      {">=3.8", "python_version >= \"3.8\""},
      {"<3.10", "python_version < \"3.10\""},
      {">=3.8,<3.11", "python_version >= \"3.8\" and python_version < \"3.11\""},
      {">=3.8 <3.11", "python_version >= \"3.8\" and python_version < \"3.11\""},
      {">= 3.8.1", "python_full_version >= \"3.8.1\""},
      {"^3.9", "python_version >= \"3.9\" and python_version < \"4.0\""},
      {"^0.9", "python_version >= \"0.9\" and python_version < \"0.10\""},
      {"~3.9", "python_version >= \"3.9\" and python_version < \"3.10\""},
      {"~3.9.1", "python_full_version >= \"3.9.1\" and python_version < \"3.10\""},
      {"~=3.9", "python_version >= \"3.9\" and python_version < \"4.0\""},
      {"*", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.constraint);
    EXPECT_EQ(python_marker(c.constraint), std::string(c.marker));
  }
}

TEST(PyprojectTomlReader, LeavesOutPythonRestrictionsNoMarkerStatesExactly) {
  for (std::string_view constraint : {"3.9.* || 3.10.*", "^3.8 || ^4", "==3.8", "3.8", ">3.8", "<=3.11", "!=3.9", "~=3",
                                      "^", ">=3.8a1", ">=99999999999999999999"}) {
    SCOPED_TRACE(constraint);
    EXPECT_EQ(python_marker(constraint), std::nullopt);
  }
}

TEST(PyprojectTomlReader, ParenthesizesMarkersWithOrBeforeAddingThePythonRestriction) {
  EXPECT_EQ(python_marker(">=3.9", "sys_platform == \"linux\" or sys_platform == \"darwin\""),
            "(sys_platform == \"linux\" or sys_platform == \"darwin\") and python_version >= \"3.9\"");
}

}  // namespace
}  // namespace tracegate::scanner
