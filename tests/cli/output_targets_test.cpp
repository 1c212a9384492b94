// SPDX-License-Identifier: Apache-2.0
#include "cli/output_targets.hpp"

#include <gtest/gtest.h>

namespace tracegate::cli {
namespace {

TEST(ParseOutputTargets, DefaultFormatGoesToOutput) {
  auto targets = parse_output_targets({}, "out.txt", "text");
  ASSERT_TRUE(targets);
  ASSERT_EQ(targets->size(), 1u);
  EXPECT_EQ((*targets)[0].format, "text");
  EXPECT_EQ((*targets)[0].file, "out.txt");
}

TEST(ParseOutputTargets, SeveralFormatsWithFiles) {
  auto targets = parse_output_targets({"json=a.json", "text"}, "", "text");
  ASSERT_TRUE(targets);
  ASSERT_EQ(targets->size(), 2u);
  EXPECT_EQ((*targets)[0].format, "json");
  EXPECT_EQ((*targets)[0].file, "a.json");
  EXPECT_EQ((*targets)[1].file, "");
}

TEST(ParseOutputTargets, TwoFormatsOnOneStreamIsAnError) {
  auto targets = parse_output_targets({"json", "text"}, "", "text");
  ASSERT_FALSE(targets);
  EXPECT_EQ(targets.error().message,
            "several --format values without =FILE would share one output; use --format NAME=FILE");
  EXPECT_FALSE(parse_output_targets({"json="}, "", "text"));
}

}  // namespace
}  // namespace tracegate::cli
