// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include <git2.h>

#include "scanner/snapshot.hpp"
#include "tests/support/temp_git_repo.hpp"

namespace tracegate::scanner {
namespace {

using testing::TempDir;
using testing::TempGitRepo;

std::vector<std::string> paths(const RepositorySnapshot& snapshot) {
  std::vector<std::string> out;
  for (const auto& f : snapshot.files()) out.push_back(f.path);
  return out;
}

std::string read(const RepositorySnapshot& snapshot, const std::string& path) {
  auto bytes = snapshot.read(path, 1 << 20);
  return bytes ? *bytes : "ERROR: " + bytes.error().message;
}

class GitSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = std::make_unique<TempGitRepo>(dir_.path() / "repo");
    first_ = repo_->commit({{"svc/requirements.txt", "ddtrace==2.1.2\n"}}, "first");
    repo_->tag("v1");
    second_ = repo_->commit({{"svc/requirements.txt", "ddtrace==2.11.1\n"}}, "second");
    // The work tree differs from every ref: an uncommitted edit.
    testing::write_file(repo_->path(), "svc/requirements.txt", "ddtrace==3.0.0\n");
  }
  TempDir dir_;
  std::unique_ptr<TempGitRepo> repo_;
  std::string first_;
  std::string second_;
};

TEST_F(GitSnapshotTest, ReadsEveryKindOfRefFromTheObjectDatabase) {
  const std::string repo = repo_->path().string();
  for (const std::string ref : {std::string("HEAD~1"), std::string("v1"), first_, first_.substr(0, 7)}) {
    SCOPED_TRACE(ref);
    auto snapshot = open_git_ref(repo, ref);
    ASSERT_TRUE(snapshot) << snapshot.error().message;
    EXPECT_EQ(read(**snapshot, "svc/requirements.txt"), "ddtrace==2.1.2\n");
    EXPECT_EQ((*snapshot)->ref().commit, first_);
    EXPECT_EQ((*snapshot)->ref().ref, ref);
  }
  auto head = open_git_ref(repo, "HEAD");
  ASSERT_TRUE(head);
  EXPECT_EQ(read(**head, "svc/requirements.txt"), "ddtrace==2.11.1\n");
  EXPECT_EQ((*head)->ref().commit, second_);
}

TEST_F(GitSnapshotTest, DirectorySnapshotSeesTheWorkTree) {
  auto snapshot = open_directory(repo_->path().string());
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(read(**snapshot, "svc/requirements.txt"), "ddtrace==3.0.0\n");
  EXPECT_EQ(paths(**snapshot), std::vector<std::string>{"svc/requirements.txt"});  // .git is skipped
}

TEST_F(GitSnapshotTest, UnknownRefAndNonRepositoryAreErrors) {
  auto unknown = open_git_ref(repo_->path().string(), "no-such-branch");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, repo_->path().string() + ": unknown ref 'no-such-branch'");
  auto not_repo = open_git_ref((repo_->path() / "svc").string(), "HEAD");
  ASSERT_FALSE(not_repo);
  EXPECT_EQ(not_repo.error().message, (repo_->path() / "svc").string() + ": not a git repository");
  auto missing = open_directory((dir_.path() / "nope").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, (dir_.path() / "nope").string() + ": no such file or directory");
}

TEST(GitSnapshot, BareRepositoryWorks) {
  TempDir dir;
  TempGitRepo repo(dir.path() / "bare.git", /*bare=*/true);
  repo.commit({{"requirements.txt", "ddtrace==2.1.2\n"}}, "first");
  auto snapshot = open_git_ref(repo.path().string(), "HEAD");
  ASSERT_TRUE(snapshot) << snapshot.error().message;
  EXPECT_EQ(read(**snapshot, "requirements.txt"), "ddtrace==2.1.2\n");
}

TEST(GitSnapshot, SkipsVendoredAndVirtualenvDirectories) {
  TempDir dir;
  TempGitRepo repo(dir.path() / "r");
  repo.commit({{"app/requirements.txt", "x\n"},
               {".venv/lib/requirements.txt", "x\n"},
               {"node_modules/a/requirements.txt", "x\n"},
               {"env2/pyvenv.cfg", "home = /usr\n"},
               {"env2/lib/requirements.txt", "x\n"},
               {"vendor/requirements.txt", "x\n"},
               {"pkg/site-packages/requirements.txt", "x\n"},
               {".riot/requirements/a1.txt", "x\n"},
               {"{{cookiecutter.project_slug}}/requirements.txt", "x\n"}},
              "c");
  auto snapshot = open_git_ref(repo.path().string(), "HEAD");
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(paths(**snapshot), std::vector<std::string>{"app/requirements.txt"});
  auto on_disk = open_directory(repo.path().string());
  ASSERT_TRUE(on_disk);
  EXPECT_EQ(paths(**on_disk), std::vector<std::string>{"app/requirements.txt"});
}

TEST(GitSnapshot, SizeLimitIsCheckedBeforeReading) {
  TempDir dir;
  TempGitRepo repo(dir.path() / "r");
  repo.commit({{"requirements.txt", std::string(5000, 'a')}}, "c");
  auto snapshot = open_git_ref(repo.path().string(), "HEAD");
  ASSERT_TRUE(snapshot);
  auto bytes = (*snapshot)->read("requirements.txt", 100);
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().message, "requirements.txt: file is 5000 bytes, over the limit of 100 bytes; skipped");
}

TEST(GitSnapshot, CorruptObjectIsAnErrorNotACrash) {
  TempDir dir;
  TempGitRepo repo(dir.path() / "r");
  const std::string contents = "ddtrace==2.1.2\n";
  repo.commit({{"a/requirements.txt", contents}, {"b/requirements.txt", "flask\n"}}, "c");
  git_oid id;
  ASSERT_EQ(git_odb_hash(&id, contents.data(), contents.size(), GIT_OBJECT_BLOB), 0);
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &id);
  const auto object = repo.path() / ".git" / "objects" / std::string(hex, 2) / std::string(hex + 2);
  ASSERT_TRUE(std::filesystem::exists(object));
  std::filesystem::permissions(object, std::filesystem::perms::owner_all);
  std::ofstream(object, std::ios::binary | std::ios::trunc) << "this is not zlib data";

  auto snapshot = open_git_ref(repo.path().string(), "HEAD");
  ASSERT_TRUE(snapshot);
  auto bad = (*snapshot)->read("a/requirements.txt", 1 << 20);
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().message.starts_with(std::string("a/requirements.txt: cannot read object ") + hex))
      << bad.error().message;
  EXPECT_EQ(read(**snapshot, "b/requirements.txt"), "flask\n");
}

}  // namespace
}  // namespace tracegate::scanner
