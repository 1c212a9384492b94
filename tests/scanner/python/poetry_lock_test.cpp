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

using core::LockedDependency;
using core::LockEntry;
using core::SourceLocation;

constexpr std::string_view kPath = "svc/poetry.lock";

ReadResult read_text(const std::string& text) {
  static const auto reader = make_poetry_lock_reader();
  return reader->read(ManifestFile{kPath, text}, testing::FakeSourceView{});
}

ReadResult read_case(const std::string& name) {
  return read_text(testing::read_fixture("python/poetry-lock/" + name + ".lock"));
}

/// `path:line:col`, compared as text so that a failure prints readably.
std::string at(int line, int column) { return core::to_string(SourceLocation{std::string(kPath), line, column}); }
std::string at(const SourceLocation& where) { return core::to_string(where); }

const LockEntry& find(const ReadResult& result, std::string_view name) {
  for (const auto& entry : result.lock_entries) {
    if (entry.normalized_name == name) return entry;
  }
  ADD_FAILURE() << "no lock entry " << name;
  static const LockEntry kNone;
  return kNone;
}

/// `name constraint ; markers` per dependency, to compare whole lists at once.
std::vector<std::string> edges(const LockEntry& entry) {
  std::vector<std::string> out;
  for (const auto& dep : entry.dependencies) {
    out.push_back(dep.normalized_name + " " + dep.constraint + (dep.markers.empty() ? "" : " ; " + dep.markers));
  }
  return out;
}

// --- accepts() ---

TEST(PoetryLockReader, AcceptsOnlyFilesNamedPoetryLock) {
  const auto reader = make_poetry_lock_reader();
  const struct {
    std::string_view path;
    bool accepted;
  } cases[] = {
      {"poetry.lock", true},      {"services/api/poetry.lock", true}, {"poetry.lock/x", false},
      {"poetry.lock.bak", false}, {"mypoetry.lock", false},           {"pyproject.toml", false},
      {"Poetry.lock", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    EXPECT_EQ(reader->accepts(c.path), c.accepted);
  }
}

TEST(PoetryLockReader, IsNotPrimaryAndNamedAfterItsFormat) {
  const auto reader = make_poetry_lock_reader();
  EXPECT_EQ(reader->name(), "python/poetry-lock");
  EXPECT_FALSE(reader->is_primary("poetry.lock"));
}

// --- read() ---

TEST(PoetryLockReader, EmptyFileYieldsNothing) {
  const auto result = read_case("empty");
  EXPECT_TRUE(result.lock_entries.empty());
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(PoetryLockReader, ReadsOnePackageAtItsNameLine) {
  const auto result = read_case("one-package");
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.lock_entries.size(), 1u);
  const auto& six = result.lock_entries[0];
  EXPECT_EQ(six.ecosystem, core::Ecosystem::pypi);
  EXPECT_EQ(six.name, "six");
  EXPECT_EQ(six.version, "1.16.0");
  EXPECT_TRUE(six.groups.empty());  // lock 2.0 (Poetry 1.5-1.8) records no groups
  EXPECT_TRUE(six.dependencies.empty());
  EXPECT_EQ(at(six.origin), at(4, 1));
  EXPECT_TRUE(result.runtime_hints.empty());  // [metadata] python-versions repeats pyproject.toml
}

TEST(PoetryLockReader, ReadsTheDdtracePinOfAFastapiService) {
  const auto result = read_case("fastapi-service");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  EXPECT_EQ(result.lock_entries.size(), 34u);
  const auto& ddtrace = find(result, "ddtrace");
  EXPECT_EQ(ddtrace.name, "ddtrace");
  EXPECT_EQ(ddtrace.version, "2.1.2");
  EXPECT_EQ(at(ddtrace.origin), at(116, 1));
  EXPECT_EQ(find(result, "uvicorn").version, "0.24.0.post1");
  EXPECT_EQ(at(find(result, "zipp").origin), at(476, 1));
}

TEST(PoetryLockReader, ReadsDependenciesWithConstraintsMarkersAndAlternatives) {
  const auto result = read_case("fastapi-service");
  EXPECT_EQ(edges(find(result, "ddtrace")), (std::vector<std::string>{
                                                "attrs >=20",
                                                "bytecode >=0.15.0 ; python_version >= \"3.12\"",
                                                "bytecode >=0.14.0,<0.15.0 ; python_version ~= \"3.11.0\"",
                                                "bytecode >=0.13.0,<0.14.0 ; python_version < \"3.11\"",
                                                "cattrs ",
                                                "ddsketch >=2.0.1",
                                                "envier ",
                                                "importlib-metadata <=6.5.0 ; python_version < \"3.8\"",
                                                "opentelemetry-api >=1",
                                                "opentracing >=2.0.0 ; extra == \"opentracing\"",
                                                "protobuf >=3",
                                                "setuptools  ; python_version >= \"3.12\"",
                                                "six >=1.12.0",
                                                "sqlparse >=0.2.2",
                                                "typing-extensions ",
                                                "xmltodict >=0.12",
                                            }));
  const auto& fastapi = find(result, "fastapi");
  ASSERT_EQ(fastapi.dependencies.size(), 4u);
  // Poetry's own constraint syntax is kept raw.
  EXPECT_EQ(fastapi.dependencies[1].constraint,
            ">=1.7.4,<1.8 || >1.8,<1.8.1 || >1.8.1,<2.0.0 || >2.0.0,<2.0.1 || >2.0.1,<2.1.0 || >2.1.0,<3.0.0");
  EXPECT_EQ(edges(find(result, "click")), std::vector<std::string>{"colorama  ; platform_system == \"Windows\""});
}

TEST(PoetryLockReader, ReadsLock11CategoriesAndOldMetadataFiles) {
  const auto result = read_case("lock-1.1-category");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  ASSERT_EQ(result.lock_entries.size(), 3u);
  EXPECT_EQ(find(result, "ddtrace").groups, std::vector<std::string>{"main"});
  EXPECT_EQ(find(result, "pytest").groups, std::vector<std::string>{"dev"});
  EXPECT_EQ(at(find(result, "pytest").origin), at(27, 1));
  // The old `python = "..."` key becomes a marker when it translates exactly, and is dropped otherwise.
  EXPECT_EQ(edges(find(result, "ddtrace")),
            (std::vector<std::string>{"attrs >=20", "bytecode  ; python_version >= \"3.8\"", "envier ",
                                      "typing-extensions "}));
}

TEST(PoetryLockReader, ReadsLock21Groups) {
  const auto result = read_case("lock-2.1-groups");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  EXPECT_EQ(find(result, "ddtrace").groups, std::vector<std::string>{"main"});
  EXPECT_EQ(find(result, "colorama").groups, (std::vector<std::string>{"main", "dev"}));
  const auto& sdk = find(result, "internal-sdk");  // a git package still pins a version
  EXPECT_EQ(sdk.version, "3.2.0");
  EXPECT_EQ(at(sdk.origin), at(35, 1));
}

TEST(PoetryLockReader, ReportsSyntaxErrorAtItsLineAndColumn) {
  const auto result = read_case("invalid-syntax");
  EXPECT_TRUE(result.lock_entries.empty());
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "svc/poetry.lock:4:11: error: Error while parsing table header: expected ']', saw '\\n'"}));
}

TEST(PoetryLockReader, ReportsWrongTypesAndMissingKeysAndReadsTheRest) {
  const auto result = read_case("wrong-types");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "svc/poetry.lock:3:11: error: 'package[0].version' must be a string, not an integer",
                "svc/poetry.lock:5:1: error: [[package]] has no 'name'",
                "svc/poetry.lock:11:10: error: 'package[2].groups' must be an array, not a string",
                "svc/poetry.lock:14:13: error: 'package[2].dependencies.packaging' must be a version string, a table "
                "or an array of tables, not an integer",
                "svc/poetry.lock:15:15: error: 'package[2].dependencies.setuptools[0]' must be a table, not a string",
                "svc/poetry.lock:18:1: error: package 'six' has no 'version'",
            }));
  ASSERT_EQ(result.lock_entries.size(), 1u);
  EXPECT_EQ(result.lock_entries[0].name, "gunicorn");
  EXPECT_EQ(result.lock_entries[0].version, "21.2.0");
}

TEST(PoetryLockReader, RefusesPackageThatIsNotAnArrayOfTables) {
  const auto result = read_text("package = \"six\"\n");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"svc/poetry.lock:1:11: error: 'package' must be an array, not a string"}));
}

TEST(PoetryLockReader, SurvivesDeepNesting) {
  const auto result = read_text("[[package]]\nname = \"x\"\nversion = " + std::string(1000, '['));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].where.line, 3);
  EXPECT_TRUE(result.lock_entries.empty());
}

TEST(PoetryLockReader, ReportsBinaryJunkAsOneError) {
  const auto result = read_text(std::string("\x1f\x8b\x08\0\0\0\0\0\xff\xfe", 10));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].where.path, kPath);
  EXPECT_TRUE(result.lock_entries.empty());
}

TEST(PoetryLockReader, ReadsALargeLock) {
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += "[[package]]\nname = \"pkg-" + std::to_string(i) + "\"\nversion = \"1." + std::to_string(i) +
            "\"\noptional = false\nfiles = [\n    {file = \"pkg.tar.gz\", hash = \"sha256:00\"},\n]\n\n"
            "[package.dependencies]\nsix = \">=1\"\n\n";
  }
  const auto result = read_text(text);
  ASSERT_EQ(result.lock_entries.size(), 3000u);
  const auto& last = result.lock_entries[2999];
  EXPECT_EQ(last.version, "1.2999");
  EXPECT_EQ(at(last.origin), at(2999 * 11 + 2, 1));
  EXPECT_EQ(edges(last), std::vector<std::string>{"six >=1"});
}

}  // namespace
}  // namespace tracegate::scanner
