// SPDX-License-Identifier: Apache-2.0
#include "core/pep508_syntax.hpp"

#include <gtest/gtest.h>

namespace tracegate::core {
namespace {

TEST(SplitPep508, NameExtrasSpecifierMarkers) {
  auto parts = split_pep508("ddtrace[opentracing, profiling] >= 2.1 , <3 ; python_version >= \"3.8\"");
  ASSERT_TRUE(parts) << parts.error().message;
  EXPECT_EQ(parts->name, "ddtrace");
  EXPECT_EQ(parts->extras, (std::vector<std::string>{"opentracing", "profiling"}));
  EXPECT_EQ(parts->specifier, ">=2.1,<3");
  EXPECT_EQ(parts->markers, "python_version >= \"3.8\"");
  EXPECT_TRUE(parts->url.empty());
}

TEST(SplitPep508, ParenthesisedSpecifierAndUrlForm) {
  auto old = split_pep508("six (>=1.12)");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->specifier, ">=1.12");
  auto url = split_pep508("lib @ git+https://github.com/acme/lib.git@v1 ; sys_platform == 'linux'");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->url, "git+https://github.com/acme/lib.git@v1");
  EXPECT_EQ(url->markers, "sys_platform == 'linux'");
  auto wildcard = split_pep508("bytecode==0.15.*");
  ASSERT_TRUE(wildcard);
  EXPECT_EQ(wildcard->specifier, "==0.15.*");
  auto arbitrary = split_pep508("foo===1.0-weird");
  ASSERT_TRUE(arbitrary);
  EXPECT_EQ(arbitrary->specifier, "===1.0-weird");
}

TEST(SplitPep508, ErrorsNameTheColumn) {
  auto missing_op = split_pep508("requests 2.0");
  ASSERT_FALSE(missing_op);
  EXPECT_EQ(missing_op.error().message,
            "column 10: expected a version operator (==, !=, <=, >=, ~=, <, >, ===)");
  auto bad_name = split_pep508("-requests");
  ASSERT_FALSE(bad_name);
  EXPECT_EQ(bad_name.error().message, "column 1: expected a package name");
  auto no_version = split_pep508("requests>=");
  ASSERT_FALSE(no_version);
  EXPECT_EQ(no_version.error().message, "column 11: expected a version after '>='");
  EXPECT_FALSE(split_pep508("a[b"));
  EXPECT_FALSE(split_pep508("a ;"));
  EXPECT_FALSE(split_pep508("a @ url trailing"));
}

}  // namespace
}  // namespace tracegate::core
