// SPDX-License-Identifier: Apache-2.0
#include "core/repo_path.hpp"

#include <gtest/gtest.h>

namespace tracegate::core {
namespace {

TEST(JoinInside, ResolvesDotsAndRefusesToLeave) {
  EXPECT_EQ(join_inside("svc", "requirements/base.txt"), "svc/requirements/base.txt");
  EXPECT_EQ(join_inside("svc/requirements", "../common.txt"), "svc/common.txt");
  EXPECT_EQ(join_inside("", "./a//b/./c.txt"), "a/b/c.txt");
  EXPECT_EQ(join_inside("svc", "../../etc/passwd"), std::nullopt);
  EXPECT_EQ(join_inside("svc", "/etc/passwd"), std::nullopt);
  EXPECT_EQ(join_inside("svc", "C:\\x.txt"), std::nullopt);
  EXPECT_EQ(join_inside("svc", ".."), std::nullopt);
}

TEST(RepoPath, ParentBaseAndWithin) {
  EXPECT_EQ(parent_dir("a/b/c.txt"), "a/b");
  EXPECT_EQ(parent_dir("c.txt"), "");
  EXPECT_EQ(base_name("a/b/c.txt"), "c.txt");
  EXPECT_TRUE(is_within("a/b/c", "a/b"));
  EXPECT_TRUE(is_within("a/b", "a/b"));
  EXPECT_FALSE(is_within("a/bc", "a/b"));
  EXPECT_TRUE(is_within("anything", ""));
}

}  // namespace
}  // namespace tracegate::core
