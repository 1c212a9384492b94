// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/service.hpp"
#include "scanner/snapshot.hpp"

namespace tracegate::scanner {

struct ScanOptions {
  /// Larger files are skipped with a diagnostic.
  std::uint64_t max_file_bytes = 8u << 20;
  /// fnmatch patterns on repository-relative paths; a match (or a match of a parent directory)
  /// is not read.
  std::vector<std::string> exclude;
};

/// The services of one repository snapshot, plus what belongs to none of them.
struct RepositoryScan {
  std::vector<core::Service> services;
  std::vector<core::Diagnostic> diagnostics;
};

/// Finds the services of `snapshot` and reads their files. Never throws on bad input:
/// what cannot be read becomes a diagnostic and the rest is read.
RepositoryScan scan_snapshot(const RepositorySnapshot& snapshot, const ScanOptions& options);

/// Directory a file speaks for: its own, except that `requirements/*.txt` speaks for the parent.
std::string home_dir(std::string_view repo_path);

}  // namespace tracegate::scanner
