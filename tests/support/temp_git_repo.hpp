// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace tracegate::testing {

/// A throwaway directory, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Writes `contents` to `root/relative`, creating directories.
void write_file(const std::filesystem::path& root, const std::string& relative, const std::string& contents);

/// A real git repository built with libgit2: write files into the work tree, commit them all.
class TempGitRepo {
 public:
  /// `bare` makes a repository without a work tree (commits are still possible).
  explicit TempGitRepo(const std::filesystem::path& dir, bool bare = false);
  const std::filesystem::path& path() const { return path_; }
  /// Stages `files` (path -> contents; an empty optional-like "\x01DELETE" removes) and commits
  /// them on HEAD; returns the new commit's sha. Files not named keep their previous contents.
  std::string commit(const std::map<std::string, std::string>& files, const std::string& message);
  /// Creates a lightweight tag on HEAD.
  void tag(const std::string& name);

  static constexpr const char* kDelete = "\x01DELETE";

 private:
  std::filesystem::path path_;
  bool bare_;
  std::map<std::string, std::string> tree_;  // what HEAD holds, for bare commits
};

}  // namespace tracegate::testing
