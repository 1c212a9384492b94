// SPDX-License-Identifier: Apache-2.0
// Masking keeps offsets and lines and removes exactly comments (and string contents on request).

#include <gtest/gtest.h>

#include "rules/source_masking.hpp"

namespace tracegate::rules {
namespace {

TEST(SourceMasking, PythonCommentsAndStrings) {
  const std::string text = "import ddtrace  # ddtrace.opentracer\nx = \"ddtrace.opentracer\"\ny = '''a\nb'''\n";
  const auto masked = mask_source(text, FileKind::python, false);
  ASSERT_EQ(masked.size(), text.size());
  EXPECT_EQ(masked, "import ddtrace                      \nx = \"                  \"\ny = ''' \n '''\n");
  const auto kept = mask_source(text, FileKind::python, true);
  EXPECT_NE(kept.find("\"ddtrace.opentracer\""), std::string::npos);
  EXPECT_EQ(kept.find("# ddtrace"), std::string::npos);
}

TEST(SourceMasking, PythonEscapesAndPrefixes) {
  const auto masked = mask_source("a = r'x\\'y' + b\"q\" # c\nz", FileKind::python, false);
  EXPECT_EQ(masked, "a = r'    ' + b\" \"    \nz");
}

TEST(SourceMasking, UnterminatedPythonStringStopsAtNewline) {
  const auto masked = mask_source("a = 'open\nimport ddtrace.opentracer\n", FileKind::python, false);
  EXPECT_NE(masked.find("import ddtrace.opentracer"), std::string::npos);
}

TEST(SourceMasking, PhpCommentsButNotAttributes) {
  const auto masked = mask_source("<?php\n#[Attr]\n# dd_trace_push_span_id()\n// x\n/* y\n z */ f('s');", FileKind::php, false);
  EXPECT_EQ(masked, "<?php\n#[Attr]\n                         \n    \n    \n      f(' ');");
}

TEST(SourceMasking, JavaTextBlocks) {
  const std::string text = "String s = \"\"\"\nio.opentracing\n\"\"\"; // c";
  const auto masked = mask_source(text, FileKind::java, false);
  EXPECT_EQ(masked.find("io.opentracing"), std::string::npos);
  EXPECT_EQ(masked.size(), text.size());
  EXPECT_EQ(masked.substr(masked.size() - 6), ";     ");
}

TEST(SourceMasking, ConfigurationKeepsValuesAndDropsComments) {
  const std::string yaml = "env:\n  - name: DD_TRACE_SAMPLE_RATE # DD_X\n    value: \"a#b\"\n# DD_Y: 1\n";
  const auto masked = mask_source(yaml, FileKind::yaml, false);
  EXPECT_NE(masked.find("DD_TRACE_SAMPLE_RATE"), std::string::npos);
  EXPECT_EQ(masked.find("DD_X"), std::string::npos);
  EXPECT_EQ(masked.find("DD_Y"), std::string::npos);
  EXPECT_NE(masked.find("\"a#b\""), std::string::npos);
}

TEST(SourceMasking, FileKindsByName) {
  EXPECT_EQ(file_kind_for_path("app/main.py"), FileKind::python);
  EXPECT_EQ(file_kind_for_path("deploy/Dockerfile.prod"), FileKind::dockerfile);
  EXPECT_EQ(file_kind_for_path("Dockerfile"), FileKind::dockerfile);
  EXPECT_EQ(file_kind_for_path(".env.local"), FileKind::env);
  EXPECT_EQ(file_kind_for_path("chart/values.yaml"), FileKind::yaml);
  EXPECT_EQ(file_kind_for_path("src/Main.java"), FileKind::java);
  EXPECT_EQ(file_kind_for_path("bin/run.sh"), FileKind::shell);
  EXPECT_EQ(file_kind_for_path("README.md"), std::nullopt);
  EXPECT_EQ(parse_file_kind("yaml"), FileKind::yaml);
  EXPECT_EQ(parse_file_kind("toml"), std::nullopt);
}

}  // namespace
}  // namespace tracegate::rules
