// SPDX-License-Identifier: Apache-2.0
#include "cli/config.hpp"

#include <gtest/gtest.h>

namespace tracegate::cli {
namespace {

TEST(ParseConfig, ReadsScanTable) {
  auto config = parse_config("[scan]\nexclude = [\"tests/*\", \"examples\"]\nmax_file_size = 1024\njobs = 3\n", "tracegate.toml");
  ASSERT_TRUE(config) << core::to_string(config.error());
  EXPECT_EQ(config->scan.exclude, (std::vector<std::string>{"tests/*", "examples"}));
  EXPECT_EQ(config->scan.max_file_size, 1024u);
  EXPECT_EQ(config->scan.jobs, 3);
}

TEST(ParseConfig, EmptyFileIsDefaults) {
  auto config = parse_config("", "tracegate.toml");
  ASSERT_TRUE(config);
  EXPECT_TRUE(config->scan.exclude.empty());
  EXPECT_FALSE(config->scan.max_file_size);
}

TEST(ParseConfig, UnknownKeysAreErrorsWithLocation) {
  auto top = parse_config("\n\nsevrity = 1\n", "cfg/tracegate.toml");
  ASSERT_FALSE(top);
  EXPECT_EQ(core::to_string(top.error()), "cfg/tracegate.toml:3:1: unknown key 'sevrity' (known: scan, rules)");
  auto nested = parse_config("[scan]\nexclude = []\n  excludes = []\n", "tracegate.toml");
  ASSERT_FALSE(nested);
  EXPECT_EQ(core::to_string(nested.error()),
            "tracegate.toml:3:3: unknown key 'scan.excludes' (known: exclude, max_file_size, jobs)");
}

TEST(ParseConfig, WrongTypesAreErrorsWithLocation) {
  auto config = parse_config("[scan]\nexclude = \"tests\"\n", "tracegate.toml");
  ASSERT_FALSE(config);
  EXPECT_EQ(core::to_string(config.error()), "tracegate.toml:2:11: scan.exclude must be an array of strings");
  auto jobs = parse_config("[scan]\njobs = 0\n", "tracegate.toml");
  ASSERT_FALSE(jobs);
  EXPECT_EQ(core::to_string(jobs.error()), "tracegate.toml:2:8: scan.jobs must be an integer from 1 to 1024");
}

TEST(ParseConfig, SyntaxErrorNamesLineAndColumn) {
  auto config = parse_config("[scan\n", "tracegate.toml");
  ASSERT_FALSE(config);
  ASSERT_TRUE(config.error().where);
  EXPECT_EQ(config.error().where->path, "tracegate.toml");
  EXPECT_EQ(config.error().where->line, 1);
}

}  // namespace
}  // namespace tracegate::cli

namespace tracegate::cli {
namespace {

TEST(ParseConfig, RulePathsAreRelativeToTheFile) {
  auto config = parse_config("[rules]\npaths = [\"kb\", \"/abs/rules\", \"../shared/x\"]\n", "repo/ci/tracegate.toml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->rules.paths, (std::vector<std::string>{"repo/ci/kb", "/abs/rules", "repo/shared/x"}));
  auto bad = parse_config("[rules]\npath = []\n", "t.toml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(core::to_string(bad.error()), "t.toml:2:1: unknown key 'rules.path' (known: paths)");
  auto wrong = parse_config("[rules]\npaths = [1]\n", "t.toml");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(core::to_string(wrong.error()), "t.toml:2:10: rules.paths must be an array of directory names");
}

}  // namespace
}  // namespace tracegate::cli
