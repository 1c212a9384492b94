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

constexpr std::string_view kPath = "svc/Pipfile.lock";

ReadResult read_text(const std::string& text) {
  static const auto reader = make_pipfile_lock_reader();
  return reader->read(ManifestFile{kPath, text}, testing::FakeSourceView{});
}

ReadResult read_case(const std::string& name) {
  return read_text(testing::read_fixture("python/pipfile-lock/" + name + ".json"));
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

// --- accepts() ---

TEST(PipfileLockReader, AcceptsOnlyFilesNamedPipfileLock) {
  const auto reader = make_pipfile_lock_reader();
  const struct {
    std::string_view path;
    bool accepted;
  } cases[] = {
      {"Pipfile.lock", true},      {"services/api/Pipfile.lock", true}, {"Pipfile.lock/x", false},
      {"Pipfile.lock.bak", false}, {"MyPipfile.lock", false},           {"Pipfile", false},
      {"pipfile.lock", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    EXPECT_EQ(reader->accepts(c.path), c.accepted);
  }
}

TEST(PipfileLockReader, IsNotPrimaryAndNamedAfterItsFormat) {
  const auto reader = make_pipfile_lock_reader();
  EXPECT_EQ(reader->name(), "python/pipfile-lock");
  EXPECT_FALSE(reader->is_primary("Pipfile.lock"));
}

// --- read() ---

TEST(PipfileLockReader, ReadsOnePackageWithoutTheEqualsSigns) {
  const auto result = read_case("one-package");
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.lock_entries.size(), 1u);
  const auto& ddtrace = result.lock_entries[0];
  EXPECT_EQ(ddtrace.ecosystem, core::Ecosystem::pypi);
  EXPECT_EQ(ddtrace.name, "ddtrace");
  EXPECT_EQ(ddtrace.normalized_name, "ddtrace");
  EXPECT_EQ(ddtrace.version, "2.1.2");
  EXPECT_EQ(ddtrace.groups, std::vector<std::string>{"default"});
  EXPECT_EQ(at(ddtrace.origin), at(17, 9));
  EXPECT_TRUE(result.runtime_hints.empty());  // "requires": {}
}

TEST(PipfileLockReader, ReadsEverySectionInFileOrder) {
  const auto result = read_case("typical");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  ASSERT_EQ(result.lock_entries.size(), 32u);
  EXPECT_EQ(result.lock_entries.front().name, "attrs");
  EXPECT_EQ(result.lock_entries.back().name, "mkdocs");

  const auto& ddtrace = find(result, "ddtrace");
  EXPECT_EQ(ddtrace.version, "2.1.2");
  EXPECT_EQ(at(ddtrace.origin), at(97, 9));
  const auto& pytest = find(result, "pytest");
  EXPECT_EQ(pytest.version, "7.4.3");
  EXPECT_EQ(pytest.groups, std::vector<std::string>{"develop"});
  EXPECT_EQ(at(pytest.origin), at(281, 9));
  // Pipenv >= 2022.10 locks custom categories under their own key.
  EXPECT_EQ(find(result, "mkdocs").groups, std::vector<std::string>{"docs"});
}

TEST(PipfileLockReader, KeepsGitAndPathEntriesWithAnEmptyVersion) {
  const auto result = read_case("typical");
  const auto& sdk = find(result, "internal-sdk");
  EXPECT_EQ(sdk.version, "");
  EXPECT_EQ(at(sdk.origin), at(140, 9));
  EXPECT_EQ(find(result, "shared").version, "");
  EXPECT_EQ(find(result, "pywin32").version, "306");  // an entry with markers but no hashes
}

TEST(PipfileLockReader, ReadsRequiredPythonAsExactVersions) {
  const auto result = read_case("typical");
  ASSERT_EQ(result.runtime_hints.size(), 2u);
  const auto& full = result.runtime_hints[0];
  EXPECT_EQ(full.version, "3.11.6");
  EXPECT_FALSE(full.is_range);
  EXPECT_EQ(full.source, core::RuntimeSource::version_file);
  EXPECT_EQ(at(full.origin), at(8, 36));
  EXPECT_EQ(result.runtime_hints[1].version, "3.11");
  EXPECT_EQ(at(result.runtime_hints[1].origin), at(9, 31));
}

TEST(PipfileLockReader, WarnsAboutVersionsNotPinnedWithEquals) {
  const auto result = read_text(R"({"default": {"six": {"version": ">=1.16"}}})");
  EXPECT_EQ(
      messages(result),
      (std::vector<std::string>{"svc/Pipfile.lock:1:33: warning: version '>=1.16' of 'six' is not pinned with '=='"}));
  ASSERT_EQ(result.lock_entries.size(), 1u);
  EXPECT_EQ(result.lock_entries[0].version, ">=1.16");
}

TEST(PipfileLockReader, EmptyFileIsAnError) {
  const auto result = read_case("empty");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"svc/Pipfile.lock:1:1: error: syntax error while parsing value - unexpected "
                                      "end of input; expected '[', '{', or a literal"}));
}

TEST(PipfileLockReader, EmptyObjectYieldsNothing) {
  const auto result = read_text("{}\n");
  EXPECT_TRUE(result.lock_entries.empty());
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(PipfileLockReader, ReportsSyntaxErrorAtItsLineAndColumn) {
  const auto result = read_case("invalid-syntax");
  EXPECT_TRUE(result.lock_entries.empty());
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"svc/Pipfile.lock:4:5: error: syntax error while parsing object key - "
                                      "unexpected '}'; expected string literal"}));
}

TEST(PipfileLockReader, ReportsWrongTypesAtTheValueAndReadsTheRest) {
  const auto result = read_case("wrong-types");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "svc/Pipfile.lock:4:31: error: '_meta.requires.python_version' must be a string, not a number",
                "svc/Pipfile.lock:9:24: error: 'default.flask.version' must be a string, not a number",
                "svc/Pipfile.lock:11:21: error: 'default.gunicorn' must be an object, not a string",
                "svc/Pipfile.lock:16:16: error: 'develop' must be an object, not an array",
            }));
  ASSERT_EQ(result.lock_entries.size(), 1u);
  EXPECT_EQ(result.lock_entries[0].name, "requests");
  EXPECT_EQ(at(result.lock_entries[0].origin), at(12, 9));
}

TEST(PipfileLockReader, RefusesATopLevelThatIsNotAnObject) {
  const auto result = read_text("[1, 2]");
  EXPECT_EQ(
      messages(result),
      (std::vector<std::string>{"svc/Pipfile.lock:1:1: error: Pipfile.lock must be a JSON object, not an array"}));
}

TEST(PipfileLockReader, RefusesOtherJsonWithOneDiagnostic) {
  const auto result = read_case("not-pipfile-lock");
  EXPECT_TRUE(result.lock_entries.empty());
  EXPECT_EQ(messages(result), (std::vector<std::string>{"svc/Pipfile.lock:1:1: error: not a Pipfile.lock: none of "
                                                        "'_meta', 'default', 'develop' is present"}));
}

TEST(PipfileLockReader, RefusesDeepNestingBeforeParsing) {
  const auto result = read_text(R"({"default": {}, "x": )" + std::string(1000, '['));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"svc/Pipfile.lock:1:1: error: JSON nested deeper than 128 levels; not read"}));
}

TEST(PipfileLockReader, ReportsBinaryJunkWithoutRawBytesInTheMessage) {
  const auto result =
      read_text(std::string("\x7f"
                            "ELF\x02\x01\x01\0\0\xff\xfe",
                            11));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "svc/Pipfile.lock:1:1: error: syntax error while parsing value - invalid literal; last read: '?'"}));
}

TEST(PipfileLockReader, FindsKeysByStructureNotBySearchingTheText) {
  // "develop" appears first as a value and as a package name inside "default".
  const std::string text =
      "{\n"
      "  \"_meta\": {\"sources\": [{\"name\": \"develop\"}]},\n"
      "  \"default\": {\"develop\": {\"version\": \"==1.0\"}},\n"
      "  \"develop\": {\"tool\": {\"version\": \"==2.0\"}}\n"
      "}\n";
  const auto result = read_text(text);
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  ASSERT_EQ(result.lock_entries.size(), 2u);
  EXPECT_EQ(at(result.lock_entries[0].origin), at(3, 15));
  EXPECT_EQ(result.lock_entries[1].name, "tool");
  EXPECT_EQ(at(result.lock_entries[1].origin), at(4, 15));
}

TEST(PipfileLockReader, SkipsAByteOrderMark) {
  const auto result = read_text("\xEF\xBB\xBF{\"default\": {\"six\": {\"version\": \"==1.16.0\"}}}");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  ASSERT_EQ(result.lock_entries.size(), 1u);
  EXPECT_EQ(at(result.lock_entries[0].origin), at(1, 14));
}

TEST(PipfileLockReader, ReadsALargeLock) {
  std::string text = "{\n    \"default\": {\n";
  for (int i = 0; i < 3000; ++i) {
    text += "        \"pkg-" + std::to_string(i) + "\": {\n            \"hashes\": [\"sha256:00\"],\n";
    text += "            \"version\": \"==1." + std::to_string(i) + "\"\n        }" + (i + 1 < 3000 ? ",\n" : "\n");
  }
  text += "    }\n}\n";
  const auto result = read_text(text);
  ASSERT_EQ(result.lock_entries.size(), 3000u);
  EXPECT_EQ(result.lock_entries[2999].version, "1.2999");
  EXPECT_EQ(at(result.lock_entries[2999].origin), at(3 + 2999 * 4, 9));
}

}  // namespace
}  // namespace tracegate::scanner
