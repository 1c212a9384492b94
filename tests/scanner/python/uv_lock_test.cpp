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

using core::LockEntry;
using core::SourceLocation;

constexpr std::string_view kPath = "svc/uv.lock";

ReadResult read_text(const std::string& text) {
  static const auto reader = make_uv_lock_reader();
  return reader->read(ManifestFile{kPath, text}, testing::FakeSourceView{});
}

ReadResult read_case(const std::string& name) {
  return read_text(testing::read_fixture("python/uv-lock/" + name + ".lock"));
}

/// `path:line:col`, compared as text so that a failure prints readably.
std::string at(int line, int column) { return core::to_string(SourceLocation{std::string(kPath), line, column}); }
std::string at(const SourceLocation& where) { return core::to_string(where); }

const LockEntry* find(const ReadResult& result, std::string_view name) {
  for (const auto& entry : result.lock_entries) {
    if (entry.normalized_name == name) return &entry;
  }
  return nullptr;
}

/// `name ; markers` per dependency (uv keeps no constraints), to compare whole lists at once.
std::vector<std::string> edges(const LockEntry& entry) {
  std::vector<std::string> out;
  for (const auto& dep : entry.dependencies) {
    EXPECT_EQ(dep.constraint, "") << dep.name;
    out.push_back(dep.normalized_name + (dep.markers.empty() ? "" : " ; " + dep.markers));
  }
  return out;
}

// --- accepts() ---

TEST(UvLockReader, AcceptsOnlyFilesNamedUvLock) {
  const auto reader = make_uv_lock_reader();
  const struct {
    std::string_view path;
    bool accepted;
  } cases[] = {
      {"uv.lock", true},    {"services/worker/uv.lock", true},
      {"uv.lock/x", false}, {"uv.lock.bak", false},
      {"myuv.lock", false}, {"poetry.lock", false},
      {"UV.lock", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    EXPECT_EQ(reader->accepts(c.path), c.accepted);
  }
}

TEST(UvLockReader, IsNotPrimaryAndNamedAfterItsFormat) {
  const auto reader = make_uv_lock_reader();
  EXPECT_EQ(reader->name(), "python/uv-lock");
  EXPECT_FALSE(reader->is_primary("uv.lock"));
}

// --- read() ---

TEST(UvLockReader, EmptyFileYieldsNothing) {
  const auto result = read_case("empty");
  EXPECT_TRUE(result.lock_entries.empty());
  EXPECT_TRUE(result.runtime_hints.empty());
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(UvLockReader, ReadsOnePackageAtItsNameLine) {
  const auto result = read_case("one-package");
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.lock_entries.size(), 1u);
  const auto& six = result.lock_entries[0];
  EXPECT_EQ(six.ecosystem, core::Ecosystem::pypi);
  EXPECT_EQ(six.name, "six");
  EXPECT_EQ(six.version, "1.16.0");
  EXPECT_TRUE(six.groups.empty());
  EXPECT_EQ(at(six.origin), at(5, 1));
}

TEST(UvLockReader, ReadsRequiresPythonAsDeclaredRange) {
  const auto result = read_case("inventory-worker");
  ASSERT_EQ(result.runtime_hints.size(), 1u);
  const auto& hint = result.runtime_hints[0];
  EXPECT_EQ(hint.version, ">=3.11, <3.13");
  EXPECT_TRUE(hint.is_range);
  EXPECT_EQ(hint.syntax, core::ConstraintSyntax::pep440);
  EXPECT_EQ(hint.source, core::RuntimeSource::declared_range);
  EXPECT_EQ(at(hint.origin), at(2, 19));
}

TEST(UvLockReader, ReadsTheDdtracePinOfAPep621Project) {
  const auto result = read_case("inventory-worker");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  EXPECT_EQ(result.lock_entries.size(), 48u);
  const auto* ddtrace = find(result, "ddtrace");
  ASSERT_NE(ddtrace, nullptr);
  EXPECT_EQ(ddtrace->version, "2.1.2");
  EXPECT_EQ(at(ddtrace->origin), at(180, 1));
  EXPECT_EQ(edges(*ddtrace), (std::vector<std::string>{
                                 "attrs",
                                 "bytecode ; python_full_version >= '3.12'",
                                 "cattrs",
                                 "ddsketch",
                                 "envier",
                                 "opentelemetry-api",
                                 "protobuf",
                                 "setuptools ; python_full_version >= '3.12'",
                                 "six",
                                 "sqlparse",
                                 "typing-extensions",
                                 "xmltodict",
                                 "opentracing ; extra == \"opentracing\"",
                             }));
}

TEST(UvLockReader, GuardsOptionalDependenciesWithTheirExtra) {
  const auto result = read_case("inventory-worker");
  const auto* celery = find(result, "celery");
  ASSERT_NE(celery, nullptr);
  ASSERT_FALSE(celery->dependencies.empty());
  EXPECT_EQ(edges(*celery).back(), "redis ; extra == \"redis\"");
  const auto* click = find(result, "click");
  ASSERT_NE(click, nullptr);
  EXPECT_EQ(edges(*click), std::vector<std::string>{"colorama ; platform_system == 'Windows'"});
}

TEST(UvLockReader, SkipsTheProjectItselfButKeepsGitPackages) {
  const auto result = read_case("inventory-worker");
  EXPECT_EQ(find(result, "inventory-worker"), nullptr);
  const auto* sdk = find(result, "internal-sdk");
  ASSERT_NE(sdk, nullptr);
  EXPECT_EQ(sdk->version, "3.2.0");
  EXPECT_EQ(at(sdk->origin), at(268, 1));
}

TEST(UvLockReader, WarnsAboutUnknownLockVersionsAndSkipsVirtualRoots) {
  const auto result = read_case("future-version");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"svc/uv.lock:1:11: warning: uv.lock version 2 is not known; read as version 1"}));
  ASSERT_EQ(result.lock_entries.size(), 2u);
  EXPECT_EQ(result.lock_entries[0].name, "six");
  // A workspace member elsewhere in the repository is installed like any other package.
  EXPECT_EQ(result.lock_entries[1].name, "lib-a");
}

TEST(UvLockReader, KeepsLocalPackagesWithoutAVersion) {
  const auto result =
      read_text("version = 1\n\n[[package]]\nname = \"local-lib\"\nsource = { directory = \"libs/x\" }\n");
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.lock_entries.size(), 1u);
  EXPECT_EQ(result.lock_entries[0].version, "");
}

TEST(UvLockReader, ReportsSyntaxErrorAtItsLineAndColumn) {
  const auto result = read_case("invalid-syntax");
  EXPECT_TRUE(result.lock_entries.empty());
  EXPECT_TRUE(result.runtime_hints.empty());
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"svc/uv.lock:7:48: error: Error while parsing inline table: expected key or "
                                      "closing '}', saw '\\n'"}));
}

TEST(UvLockReader, ReportsWrongTypesAndMissingKeysAndReadsTheRest) {
  const auto result = read_case("wrong-types");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "svc/uv.lock:1:11: error: 'version' must be an integer, not a string",
                "svc/uv.lock:2:19: error: 'requires-python' must be a string, not a float",
                "svc/uv.lock:6:11: error: 'package[0].version' must be a string, not a float",
                "svc/uv.lock:14:5: error: 'package[1].dependencies[0]' must be a table, not a string",
                "svc/uv.lock:15:5: error: 'package[1].dependencies[1]' has no 'name'",
                "svc/uv.lock:16:14: error: 'package[1].dependencies[2].name' must be a string, not an integer",
                "svc/uv.lock:19:1: error: [[package]] has no 'name'",
            }));
  ASSERT_EQ(result.lock_entries.size(), 1u);
  EXPECT_EQ(result.lock_entries[0].name, "attrs");
  EXPECT_TRUE(result.lock_entries[0].dependencies.empty());
}

TEST(UvLockReader, SurvivesDeepNesting) {
  const auto result = read_text("version = 1\nrequires-python = " + std::string(1000, '['));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].where.line, 2);
  EXPECT_TRUE(result.runtime_hints.empty());
}

TEST(UvLockReader, ReportsBinaryJunkAsOneError) {
  const auto result = read_text(std::string("\0\0\0\x01version = 1", 15));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(at(result.diagnostics[0].where), at(1, 1));
}

TEST(UvLockReader, ReadsALargeLock) {
  std::string text = "version = 1\nrequires-python = \">=3.12\"\n\n";
  for (int i = 0; i < 3000; ++i) {
    text += "[[package]]\nname = \"pkg-" + std::to_string(i) + "\"\nversion = \"1." + std::to_string(i) +
            "\"\nsource = { registry = \"https://pypi.org/simple\" }\ndependencies = [\n    { name = \"six\" },\n]\n\n";
  }
  const auto result = read_text(text);
  ASSERT_EQ(result.lock_entries.size(), 3000u);
  const auto& last = result.lock_entries[2999];
  EXPECT_EQ(last.version, "1.2999");
  EXPECT_EQ(at(last.origin), at(3 + 2999 * 8 + 2, 1));
  EXPECT_EQ(edges(last), std::vector<std::string>{"six"});
}

}  // namespace
}  // namespace tracegate::scanner
