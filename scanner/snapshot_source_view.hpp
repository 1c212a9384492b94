// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

#include "scanner/manifest_reader.hpp"
#include "scanner/snapshot.hpp"

namespace tracegate::scanner {

/// The SourceView readers get: files of one snapshot, within the size limit, never binary,
/// never outside the repository.
class SnapshotSourceView final : public SourceView {
 public:
  SnapshotSourceView(const RepositorySnapshot& snapshot, std::uint64_t max_bytes)
      : snapshot_(snapshot), max_bytes_(max_bytes) {}
  core::Result<std::string> read(std::string_view repo_path) const override;

 private:
  const RepositorySnapshot& snapshot_;
  std::uint64_t max_bytes_;
};

}  // namespace tracegate::scanner
