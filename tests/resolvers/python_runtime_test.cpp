// SPDX-License-Identifier: Apache-2.0
#include "resolvers/python_runtime.hpp"

#include <gtest/gtest.h>

namespace tracegate::resolvers {
namespace {

using core::ConstraintSyntax;

bool may(std::string_view version, std::string_view constraint, ConstraintSyntax syntax = ConstraintSyntax::pep440) {
  auto result = python_line_may_satisfy(version, constraint, syntax);
  EXPECT_TRUE(result) << version << " " << constraint << ": " << (result ? "" : result.error().message);
  return result && *result;
}

TEST(PythonLineMaySatisfy, RequiresPythonSpecifiers) {
  EXPECT_FALSE(may("3.8", ">=3.10"));
  EXPECT_TRUE(may("3.11", ">=3.10"));
  EXPECT_TRUE(may("3.8", ">=3.8.1,<4"));  // 3.8.2 qualifies
  EXPECT_FALSE(may("3.12", ">=3.8,<3.12"));
  EXPECT_TRUE(may("3.11.4", "~=3.11"));
  EXPECT_FALSE(may("3.7", "!=3.7.*"));
  EXPECT_TRUE(may("3.10", "==3.10.*"));
  EXPECT_TRUE(may("3.12", ""));
}

TEST(PythonLineMaySatisfy, PoetryConstraints) {
  EXPECT_TRUE(may("3.11", "^3.10", ConstraintSyntax::poetry));
  EXPECT_FALSE(may("3.9", "^3.10", ConstraintSyntax::poetry));
  EXPECT_FALSE(may("3.11", "~3.10", ConstraintSyntax::poetry));
  EXPECT_TRUE(may("3.9", ">=3.8,<3.10 || >=3.12", ConstraintSyntax::poetry));
  EXPECT_FALSE(may("3.10", ">=3.8,<3.10 || >=3.12", ConstraintSyntax::poetry));
  EXPECT_TRUE(may("3.11", ">= 3.8 < 4", ConstraintSyntax::poetry));
  EXPECT_TRUE(may("3.11", "3.11", ConstraintSyntax::poetry));
  EXPECT_TRUE(may("3.11", "*", ConstraintSyntax::poetry));
}

TEST(PythonLineMaySatisfy, PreReleaseBoundsFollowPep440) {
  EXPECT_TRUE(may("3.11", ">=3.8a1"));
  EXPECT_TRUE(may("3.8", ">=3.8.0rc1"));
  EXPECT_FALSE(may("3.7", ">=3.8a1"));
}

TEST(PythonLineMaySatisfy, WhatItCannotReadIsAnError) {
  EXPECT_FALSE(python_line_may_satisfy("3.13-dev", ">=3.8", ConstraintSyntax::pep440));
  EXPECT_FALSE(python_line_may_satisfy("3.11", "=>3.8", ConstraintSyntax::pep440));
  EXPECT_FALSE(python_line_may_satisfy("3.11", "~=3", ConstraintSyntax::pep440));
}

}  // namespace
}  // namespace tracegate::resolvers
