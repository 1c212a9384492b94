// SPDX-License-Identifier: Apache-2.0
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace tracegate::core {
namespace {

TEST(Text, LineColumnAt) {
  const std::string_view text = "ab\ncd\n\nef";
  EXPECT_EQ(line_column_at(text, 0).line, 1);
  EXPECT_EQ(line_column_at(text, 4).line, 2);
  EXPECT_EQ(line_column_at(text, 4).column, 2);
  EXPECT_EQ(line_column_at(text, 8).line, 4);
  EXPECT_EQ(line_column_at(text, 999).line, 4);
}

TEST(Text, SplitLinesDropsCarriageReturns) {
  EXPECT_EQ(split_lines("a\r\nb\n\nc"), (std::vector<std::string_view>{"a", "b", "", "c"}));
  EXPECT_TRUE(split_lines("").empty());
}

TEST(Text, BinaryAndDepth) {
  EXPECT_TRUE(looks_binary(std::string_view("a\0b", 3)));
  EXPECT_FALSE(looks_binary("plain text"));
  EXPECT_EQ(bracket_depth("{\"a\": [1, {\"b\": \"[[[\"}]}", 100), 3);
  EXPECT_EQ(bracket_depth(std::string(100000, '['), 64), 64);
}

TEST(Text, TrimAndCase) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_TRUE(starts_with_icase("FROM python", "from"));
  EXPECT_EQ(to_lower("AbC"), "abc");
}

}  // namespace
}  // namespace tracegate::core
