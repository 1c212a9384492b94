// SPDX-License-Identifier: Apache-2.0
// The imports of a Python file: every statement form, nothing from strings, comments or dynamic
// imports, and linear, crash-free behaviour on hostile input.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "rules/python_imports.hpp"

namespace tracegate::rules {
namespace {

using Row = std::tuple<std::string, int, int, bool>;  // module, line, column, relative

std::vector<Row> rows(const std::vector<PythonImport>& imports) {
  std::vector<Row> out;
  for (const auto& import : imports) out.emplace_back(import.module, import.line, import.column, import.relative);
  return out;
}

std::vector<Row> rows_of(std::string_view source) { return rows(find_python_imports(source)); }

std::string read_fixture(const std::string& relative) {
  std::ifstream in(std::string(TRACEGATE_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(PythonImports, FixtureHasEveryFormAndNoNearMiss) {
  const auto text = read_fixture("python/imports/app.py");
  ASSERT_FALSE(text.empty());
  // The same list as Python's own `ast` gives for the file (ast.Import / ast.ImportFrom, lineno,
  // col_offset + 1, level > 0), `from __future__` left out.
  const std::vector<Row> expected{
      {"os", 9, 1, false},
      {"google.protobuf.message", 10, 1, false},
      {"yaml.loader", 11, 1, false},
      {"requests", 11, 1, false},
      {"six.moves", 12, 1, false},
      {"grpc", 13, 1, false},
      {"simplejson", 17, 1, false},
      {"attr", 17, 1, false},
      {"sibling", 19, 1, true},
      {"parent.pkg", 20, 1, true},
      {"", 21, 1, true},
      {"deep", 22, 1, true},
      {"a_one", 23, 1, false},
      {"a_two", 23, 15, false},
      {"a_three", 23, 36, false},
      {"continued.module", 24, 1, false},
      {"spaced.dotted.name", 26, 1, false},
      {"tight", 27, 1, true},
      {"", 28, 1, true},
      {"ujson", 31, 5, false},
      {"json", 33, 5, false},
      {"inline_after_colon", 35, 10, false},
      {"typing_extensions", 39, 5, false},
      {"lazy_loaded", 43, 5, false},
      {"lazy.pkg", 44, 5, false},
      {"class_body", 49, 5, false},
  };
  EXPECT_EQ(rows_of(text), expected);
}

TEST(PythonImports, TopLevel) {
  EXPECT_EQ(top_level("google.protobuf.message"), "google");
  EXPECT_EQ(top_level("six"), "six");
  EXPECT_EQ(top_level(""), "");
}

TEST(PythonImports, NearMissesAreNotImports) {
  EXPECT_TRUE(rows_of("reimport(x)\nx.import_module('six')\nimportlib.import_module(\"six\")\n").empty());
  EXPECT_TRUE(rows_of("__import__('six')\nm = __import__\nimport_x = 1\nfrom_y = 2\n").empty());
  EXPECT_TRUE(rows_of("# import six\ns = 'import six'\nd = \"\"\"\nfrom six import moves\n\"\"\"\n").empty());
  EXPECT_TRUE(rows_of("def g():\n    yield from h()\n    x = (yield\n         from h())\n").empty());
  EXPECT_TRUE(rows_of("raise E from err\nraise E \\\n    from err\n").empty());
  EXPECT_TRUE(rows_of("from __future__ import annotations, division\n").empty());
  // Not valid imports: keywords as module names, nothing after `from`, `importx`.
  EXPECT_TRUE(rows_of("import import\nimport\nfrom import x\nfrom\nimportx\nfromx import y\nimport 3d\n").empty());
}

TEST(PythonImports, StatementsOnOneLineAndAfterColons) {
  EXPECT_EQ(rows_of("x = 1; import a;import b\nelse:import c\nclass K: from d import e\n"),
            (std::vector<Row>{{"a", 1, 8, false}, {"b", 1, 17, false}, {"c", 2, 6, false}, {"d", 3, 10, false}}));
}

TEST(PythonImports, ContinuationsAndParentheses) {
  EXPECT_EQ(rows_of("import a, \\\n  b as c, \\\r\n  d.e\nfrom f import (g,\n  h)\nimport i\n"),
            (std::vector<Row>{{"a", 1, 1, false}, {"b", 1, 1, false}, {"d.e", 1, 1, false}, {"f", 4, 1, false},
                              {"i", 6, 1, false}}));
  EXPECT_EQ(rows_of("from a import(b)\nfrom c import*\n"), (std::vector<Row>{{"a", 1, 1, false}, {"c", 2, 1, false}}));
}

TEST(PythonImports, RelativeForms) {
  EXPECT_EQ(rows_of("from . import a\nfrom .. import b\nfrom ...c.d import e\nfrom . import import_x\n"),
            (std::vector<Row>{{"", 1, 1, true}, {"", 2, 1, true}, {"c.d", 3, 1, true}, {"", 4, 1, true}}));
}

TEST(PythonImports, LineEndingsBomTabsAndUnicode) {
  EXPECT_EQ(rows_of("\xEF\xBB\xBFimport a\r\n\timport b\r\nimport caf\xC3\xA9.x\n"),
            (std::vector<Row>{{"a", 1, 4, false}, {"b", 2, 2, false}, {"caf\xC3\xA9.x", 3, 1, false}}));
}

TEST(PythonImports, ImportAfterUnterminatedStringLine) {
  // A single-quoted string ends at the newline when unterminated; the next line is code again.
  EXPECT_EQ(rows_of("x = 'open\nimport six\n"), (std::vector<Row>{{"six", 2, 1, false}}));
}

TEST(PythonImports, EmptyAndTruncatedInput) {
  EXPECT_TRUE(rows_of("").empty());
  EXPECT_TRUE(rows_of("import").empty());
  EXPECT_TRUE(rows_of("from a").empty());
  EXPECT_TRUE(rows_of("from a import").size() == 1);
  EXPECT_TRUE(rows_of("import a,").size() == 1);
  EXPECT_TRUE(rows_of("import a \\").size() == 1);
  EXPECT_TRUE(rows_of(std::string_view("import a\0import b", 17)).size() == 1);
}

/// About 8 MB of hostile text: a million unbalanced parentheses, a million `import` tokens in
/// forms that each fail or succeed, long dotted names without `import`, long continuation runs,
/// and random bytes. It must finish (linear time) and find exactly the valid imports.
TEST(PythonImports, HostileInputIsLinearAndSafe) {
  std::string text;
  text.reserve(9u << 20);
  text.append(1u << 20, '(');
  text += "\n";
  for (int i = 0; i < 250000; ++i) text += "import ";  // one line: `import import …` is no import
  text += "\n";
  for (int i = 0; i < 250000; ++i) text += "import\n";  // each a statement, none valid
  for (int i = 0; i < 250000; ++i) text += ";import";
  text += "\nfrom ";
  for (int i = 0; i < 200000; ++i) text += "a.";  // a dotted name that never reaches `import`
  text += "\nimport a";
  for (int i = 0; i < 100000; ++i) text += ", b";  // 100001 valid imports in one statement
  text += "\n";
  for (int i = 0; i < 200000; ++i) text += " \\\n";  // continuations before a valid import
  text += "import z\n";
  for (int i = 0; i < 250000; ++i) text += "from";
  text += "\n";
  std::mt19937 random(42);
  for (int i = 0; i < (1 << 20); ++i) text.push_back(static_cast<char>(random() & 0xFF));

  const auto start = std::chrono::steady_clock::now();
  const auto imports = find_python_imports(text);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("bytes", static_cast<int>(text.size()));
  RecordProperty("milliseconds", static_cast<int>(seconds * 1000));
  ASSERT_GE(imports.size(), 100002u);  // the random tail may, rarely, spell an import too
  EXPECT_EQ(imports[0].module, "a");
  EXPECT_EQ(imports[100000].module, "b");
  EXPECT_EQ(imports[100001].module, "z");
  EXPECT_EQ(imports[100001].line, imports[100000].line + 200001);
  EXPECT_LT(seconds, 60.0);
}

}  // namespace
}  // namespace tracegate::rules
