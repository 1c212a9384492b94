// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "rules/usage_matcher.hpp"

namespace tracegate::rules {
namespace {

UsageMatcher matcher() {
  auto compiled = UsageMatcher::compile({
      {R"((?m)^\s*(?:from|import)\s+ddtrace\.opentracer\b)", {FileKind::python}, false, 7},
      {R"(\bDD_TRACE_SAMPLE_RATE\b)", {FileKind::python, FileKind::yaml, FileKind::env}, true, 9},
  });
  EXPECT_TRUE(compiled.has_value()) << compiled.error().message;
  return std::move(*compiled);
}

TEST(UsageMatcher, FindsUsageWithLineAndColumn) {
  const auto hits = matcher().find(FileKind::python,
                                   "import os\nfrom ddtrace.opentracer import Tracer\nrate = os.environ[\"DD_TRACE_SAMPLE_RATE\"]\n");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].rule, 7u);
  EXPECT_EQ(hits[0].line, 2);
  EXPECT_EQ(hits[0].column, 1);
  EXPECT_EQ(hits[0].excerpt, "from ddtrace.opentracer import Tracer");
  EXPECT_EQ(hits[1].rule, 9u);
  EXPECT_EQ(hits[1].line, 3);
  EXPECT_EQ(hits[1].column, 20);
}

TEST(UsageMatcher, NearMissesDoNotFire) {
  const auto hits = matcher().find(FileKind::python,
                                   "# from ddtrace.opentracer import Tracer\n"
                                   "doc = 'import ddtrace.opentracer'\n"
                                   "import ddtrace.opentracerx\n"
                                   "x = os.environ['DD_TRACE_SAMPLE_RATE_X']\n");
  EXPECT_TRUE(hits.empty());
}

TEST(UsageMatcher, OneHitPerLineAndEveryLine) {
  const auto hits = matcher().find(FileKind::env, "DD_TRACE_SAMPLE_RATE=1 DD_TRACE_SAMPLE_RATE=2\n# DD_TRACE_SAMPLE_RATE=3\nDD_TRACE_SAMPLE_RATE=4");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].line, 1);
  EXPECT_EQ(hits[1].line, 3);
}

TEST(UsageMatcher, KindsWithoutPatternsFindNothing) {
  EXPECT_TRUE(matcher().find(FileKind::java, "DD_TRACE_SAMPLE_RATE").empty());
}

TEST(UsageMatcher, BadRegexIsAnError) {
  const auto compiled = UsageMatcher::compile({{"(unclosed", {FileKind::python}, false, 0}});
  ASSERT_FALSE(compiled.has_value());
  EXPECT_NE(compiled.error().message.find("pattern 0"), std::string::npos);
}

}  // namespace
}  // namespace tracegate::rules
