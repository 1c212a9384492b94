// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/error.hpp"
#include "core/service.hpp"

namespace tracegate::scanner {

/// A regular file of a snapshot, repository-relative with '/' separators.
struct FileEntry {
  std::string path;
};

/// The files of one repository at one moment: a git tree at a ref, or a directory on disk.
/// Readers never see libgit2 or the filesystem, only this.
class RepositorySnapshot {
 public:
  virtual ~RepositorySnapshot() = default;
  /// Which repository, ref and commit this is.
  virtual const core::RepositoryRef& ref() const = 0;
  /// Every regular file, outside the directories a scan never enters (walk_filter.hpp), sorted.
  virtual const std::vector<FileEntry>& files() const = 0;
  /// Problems met while listing (unreadable trees, corrupt objects); the listing has the rest.
  virtual const std::vector<core::Diagnostic>& listing_diagnostics() const = 0;
  /// Bytes of `path`; an error when it is absent, unreadable or larger than `max_bytes`.
  virtual core::Result<std::string> read(const std::string& path, std::uint64_t max_bytes) const = 0;
};

/// Opens `path` as it is on disk (work tree included, uncommitted changes and all).
core::Result<std::unique_ptr<RepositorySnapshot>> open_directory(const std::string& path);

/// Opens the git repository at `path` (bare or not) at `ref` (branch, tag, sha, `HEAD~n`),
/// reading the object database only. Errors: not a repository, unknown ref.
core::Result<std::unique_ptr<RepositorySnapshot>> open_git_ref(const std::string& path, const std::string& ref);

/// The directory name of the repository at `path` ("." resolved, a trailing ".git" dropped).
std::string repository_name(const std::string& path);

/// True for a bare git repository (HEAD, objects/ and refs/, no work tree): it has nothing on
/// disk to scan, so callers read it at HEAD.
bool is_bare_repository(const std::string& path);

/// Every git repository at or below `dir` (work trees and bare), sorted; skipped directories
/// are not entered, nor the inside of a repository found.
core::Result<std::vector<std::string>> discover_repositories(const std::string& dir);

}  // namespace tracegate::scanner
