// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "scanner/snapshot.hpp"
#include "tests/support/temp_git_repo.hpp"

namespace tracegate::scanner {
namespace {

using testing::TempDir;
using testing::TempGitRepo;

TEST(DiscoverRepositories, FindsWorkTreesAndBareRepositoriesButNotInsideThem) {
  TempDir dir;
  TempGitRepo a(dir.path() / "team-a" / "api");
  a.commit({{"requirements.txt", "x\n"}}, "c");
  TempGitRepo nested(dir.path() / "team-a" / "api" / "vendored-sub");  // inside a: not listed
  TempGitRepo bare(dir.path() / "mirrors" / "b.git", true);
  TempGitRepo skipped(dir.path() / "node_modules" / "c");
  testing::write_file(dir.path(), "plain/requirements.txt", "x\n");
  auto found = discover_repositories(dir.path().string());
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(*found, (std::vector<std::string>{(dir.path() / "mirrors" / "b.git").string(),
                                              (dir.path() / "team-a" / "api").string()}));
}

TEST(DiscoverRepositories, TheDirectoryItselfMayBeARepository) {
  TempDir dir;
  TempGitRepo a(dir.path() / "r");
  auto found = discover_repositories((dir.path() / "r").string());
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, std::vector<std::string>{(dir.path() / "r").string()});
}

TEST(DiscoverRepositories, MissingDirectoryIsAnError) {
  auto found = discover_repositories("/nonexistent/tracegate");
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().message, "/nonexistent/tracegate: not a directory");
}

}  // namespace
}  // namespace tracegate::scanner
