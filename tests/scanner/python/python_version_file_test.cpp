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

using Strings = std::vector<std::string>;

ReadResult read_version_file(std::string_view path, std::string_view contents) {
  const auto reader = make_python_version_file_reader();
  return reader->read(ManifestFile{path, contents}, tracegate::testing::FakeSourceView{});
}

/// `version@path:line:col` for each hint, so a failure shows everything at once.
std::vector<std::string> hints(const ReadResult& result) {
  std::vector<std::string> out;
  for (const auto& hint : result.runtime_hints) {
    out.push_back(fmt::format("{}@{}", hint.version, core::to_string(hint.origin)));
  }
  return out;
}

TEST(PythonVersionFileReader, NameAndRole) {
  const auto reader = make_python_version_file_reader();
  EXPECT_EQ(reader->name(), "python/version-file");
  EXPECT_FALSE(reader->is_primary(".python-version"));
  EXPECT_FALSE(reader->is_primary("runtime.txt"));
}

TEST(PythonVersionFileReader, AcceptsVersionFileNames) {
  struct Case {
    std::string_view path;
    bool accepted;
  };
  const Case cases[] = {
      {".python-version", true},
      {"services/api/.python-version", true},
      {"runtime.txt", true},
      {"services/api/runtime.txt", true},
      {".tool-versions", true},
      {"services/api/.tool-versions", true},
      {".python-version/x", false},  // name as directory
      {"runtime.txt/requirements.txt", false},
      {"runtime.txt.bak", false},  // extra suffix
      {".tool-versions.orig", false},
      {".python-versions", false},
      {"my.python-version", false},  // substring
      {"python-version", false},
      {"myruntime.txt", false},
      {"docs/runtime.txt.md", false},
      {"requirements.txt", false},
      {"", false},
  };
  const auto reader = make_python_version_file_reader();
  for (const auto& c : cases) {
    EXPECT_EQ(reader->accepts(c.path), c.accepted) << c.path;
  }
}

struct FixtureCase {
  std::string fixture;
  std::string path;  ///< the name the reader sees
  Strings hints;
  Strings messages;
};

void expect_fixture(const FixtureCase& c) {
  SCOPED_TRACE(c.fixture);
  const auto result = read_version_file(c.path, tracegate::testing::read_fixture(c.fixture));
  EXPECT_EQ(hints(result), c.hints);
  EXPECT_EQ(messages(result), c.messages);
}

TEST(PythonVersionFileReader, ReadsPythonVersionFile) {
  const std::string path = "services/api/.python-version";
  const FixtureCase cases[] = {
      {"python/python-version/one-version.python-version", path, {"3.11.4@services/api/.python-version:1:1"}, {}},
      {"python/python-version/two-versions.python-version", path, {"3.12.1@services/api/.python-version:1:1"}, {}},
      {"python/python-version/comments-and-blank-lines.python-version",
       path,
       {"3.10.13@services/api/.python-version:3:3"},
       {}},
      {"python/python-version/dev-branch.python-version", path, {"3.12@services/api/.python-version:1:1"}, {}},
      {"python/python-version/pypy.python-version", path, {"3.10@services/api/.python-version:1:1"}, {}},
      {"python/python-version/empty.python-version", path, {}, {}},
      {"python/python-version/system.python-version",
       path,
       {},
       {"services/api/.python-version:1:1: warning: 'system' is not a Python version; runtime unknown"}},
      {"python/python-version/conda.python-version",
       path,
       {},
       {"services/api/.python-version:1:1: warning: 'miniconda3-latest' is not a Python version; runtime unknown"}},
  };
  for (const auto& c : cases) expect_fixture(c);
}

TEST(PythonVersionFileReader, ReadsHerokuRuntimeTxt) {
  const std::string path = "runtime.txt";
  const FixtureCase cases[] = {
      {"python/runtime-txt/one-version.txt", path, {"3.11.4@runtime.txt:1:8"}, {}},
      {"python/runtime-txt/major-minor.txt", path, {"3.12@runtime.txt:1:8"}, {}},
      {"python/runtime-txt/empty.txt", path, {}, {}},
      {"python/runtime-txt/invalid-syntax.txt",
       path,
       {},
       {"runtime.txt:1:1: warning: '3.11.4' is not a Heroku Python runtime (expected python-<version>, e.g. "
        "python-3.11.4); runtime unknown"}},
      {"python/runtime-txt/not-python.txt",
       path,
       {},
       {"runtime.txt:1:1: warning: 'r-2023-06-01' is not a Heroku Python runtime (expected python-<version>, e.g. "
        "python-3.11.4); runtime unknown"}},
  };
  for (const auto& c : cases) expect_fixture(c);
}

TEST(PythonVersionFileReader, ReadsAsdfToolVersions) {
  const std::string path = "app/.tool-versions";
  const FixtureCase cases[] = {
      {"python/tool-versions/one-python.tool-versions", path, {"3.11.4@app/.tool-versions:2:8"}, {}},
      {"python/tool-versions/two-versions.tool-versions", path, {"3.11.4@app/.tool-versions:1:8"}, {}},
      {"python/tool-versions/comments.tool-versions", path, {"3.12.2@app/.tool-versions:4:9"}, {}},
      {"python/tool-versions/not-python.tool-versions", path, {}, {}},
      {"python/tool-versions/empty.tool-versions", path, {}, {}},
      {"python/tool-versions/system.tool-versions",
       path,
       {},
       {"app/.tool-versions:1:8: warning: 'system' is not a Python version; runtime unknown"}},
      {"python/tool-versions/invalid-syntax.tool-versions",
       path,
       {},
       {"app/.tool-versions:2:1: warning: 'python' names no version; runtime unknown"}},
  };
  for (const auto& c : cases) expect_fixture(c);
}

TEST(PythonVersionFileReader, HintIsAnExactPep440VersionFromAVersionFile) {
  const auto result = read_version_file(".python-version", "3.11.4\n");
  ASSERT_EQ(result.runtime_hints.size(), 1U);
  const auto& hint = result.runtime_hints.front();
  EXPECT_EQ(hint.language, core::Language::python);
  EXPECT_EQ(hint.version, "3.11.4");
  EXPECT_FALSE(hint.is_range);
  EXPECT_EQ(hint.syntax, core::ConstraintSyntax::pep440);
  EXPECT_EQ(hint.source, core::RuntimeSource::version_file);
  EXPECT_EQ(hint.origin, (core::SourceLocation{".python-version", 1, 1}));
}

TEST(PythonVersionFileReader, MapsPyenvNamesToLanguageVersions) {
  struct Case {
    std::string_view name;
    std::string_view version;
  };
  const Case cases[] = {
      {"3", "3"},
      {"3.11", "3.11"},
      {"3.11.4", "3.11.4"},
      {"2.7.18", "2.7.18"},
      {"3.12-dev", "3.12"},
      {"3.13t", "3.13"},
      {"3.13.1t", "3.13.1"},
      {"3.13.0rc1", "3.13.0rc1"},
      {"3.14.0a3", "3.14.0a3"},
      {"pypy3.10-7.3.12", "3.10"},
      {"pypy3.9-v7.3.11", "3.9"},
      {"pypy2.7-7.3.12-src", "2.7"},
  };
  for (const auto& c : cases) {
    const auto result = read_version_file(".python-version", fmt::format("{}\n", c.name));
    EXPECT_EQ(hints(result), Strings{fmt::format("{}@.python-version:1:1", c.version)}) << c.name;
    EXPECT_EQ(messages(result), Strings{}) << c.name;
  }
}

TEST(PythonVersionFileReader, WarnsOnNamesThatAreNotPythonVersions) {
  for (const std::string_view name : {"system", "miniconda3-latest", "anaconda3-2024.02-1", "my-project-venv",
                                      "pypy-5.7.1", "graalpy-23.1.0", "stackless-3.7.5", "3.x", "latest"}) {
    const auto result = read_version_file(".python-version", fmt::format("{}\n", name));
    EXPECT_EQ(hints(result), Strings{}) << name;
    EXPECT_EQ(messages(result), Strings{fmt::format(
                                    ".python-version:1:1: warning: '{}' is not a Python version; runtime unknown",
                                    name)})
        << name;
  }
}

TEST(PythonVersionFileReader, PyenvUsesFirstWordOfFirstLine) {
  EXPECT_EQ(hints(read_version_file(".python-version", "3.11.4 3.10.13\n")), Strings{"3.11.4@.python-version:1:1"});
  // The first entry decides even when a later one would be usable.
  EXPECT_EQ(hints(read_version_file(".python-version", "system\n3.11\n")), Strings{});
}

TEST(PythonVersionFileReader, PyenvSkipsPathLikeEntries) {
  EXPECT_EQ(hints(read_version_file(".python-version", "..\n../venv\n3.11\n")), Strings{"3.11@.python-version:3:1"});
}

TEST(PythonVersionFileReader, HandlesCrlfAndByteOrderMark) {
  EXPECT_EQ(hints(read_version_file(".python-version", "\xEF\xBB\xBF" "3.11.4\r\n")),
            Strings{"3.11.4@.python-version:1:1"});
  EXPECT_EQ(hints(read_version_file("runtime.txt", "python-3.12.1\r\n")), Strings{"3.12.1@runtime.txt:1:8"});
}

TEST(PythonVersionFileReader, RuntimeTxtIgnoresSurroundingBlankLines) {
  EXPECT_EQ(hints(read_version_file("runtime.txt", "\n  python-3.11.4  \n\n")), Strings{"3.11.4@runtime.txt:2:10"});
}

TEST(PythonVersionFileReader, ToolVersionsReadsOnlyThePythonTool) {
  const auto result = read_version_file(".tool-versions", "# python 3.8.0\npythonista 1.0\npython\t3.11.4\n");
  EXPECT_EQ(hints(result), Strings{"3.11.4@.tool-versions:3:8"});
  EXPECT_EQ(messages(result), Strings{});
}

TEST(PythonVersionFileReader, BinaryFileIsAnError) {
  const auto result = read_version_file(".python-version", std::string("3.11\0\0", 6));
  EXPECT_EQ(hints(result), Strings{});
  EXPECT_EQ(messages(result), Strings{".python-version: error: binary file, not a Python version file"});
}

TEST(PythonVersionFileReader, QuotesLongValuesShortly) {
  const auto result = read_version_file("runtime.txt", std::string(1 << 20, 'x'));
  EXPECT_EQ(messages(result),
            Strings{fmt::format("runtime.txt:1:1: warning: '{}...' is not a Heroku Python runtime (expected "
                                "python-<version>, e.g. python-3.11.4); runtime unknown",
                                std::string(60, 'x'))});
}

TEST(PythonVersionFileReader, SurvivesHundredThousandLines) {
  std::string contents;
  for (int i = 0; i < 100'000; ++i) contents += "# comment\n";
  contents += "3.12\n";
  EXPECT_EQ(hints(read_version_file(".python-version", contents)), Strings{"3.12@.python-version:100001:1"});

  std::string tools;
  for (int i = 0; i < 100'000; ++i) tools += "nodejs 20.11.0\n";
  tools += "python 3.12.2\n";
  EXPECT_EQ(hints(read_version_file(".tool-versions", tools)), Strings{"3.12.2@.tool-versions:100001:8"});
}

}  // namespace
}  // namespace tracegate::scanner
