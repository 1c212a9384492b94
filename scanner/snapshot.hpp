// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/service.hpp"

namespace tracegate::scanner {

/// A file of a snapshot, repository-relative with '/' separators.
struct FileEntry {
  std::string path;
  std::uint64_t size = 0;
};

/// The files of one repository at one moment: a git tree at a ref, or a directory on disk.
/// Readers never see libgit2 or the filesystem, only this.
class RepositorySnapshot {
 public:
  virtual ~RepositorySnapshot() = default;
  /// Which repository, ref and commit this is.
  virtual const core::RepositoryRef& ref() const = 0;
  /// Every regular file, skipping the directories a scan never enters (see walk_filter.hpp).
  virtual const std::vector<FileEntry>& files() const = 0;
  /// Bytes of `path`; an error when it is absent or cannot be read.
  virtual core::Result<std::string> read(const std::string& path) const = 0;
};

}  // namespace tracegate::scanner
