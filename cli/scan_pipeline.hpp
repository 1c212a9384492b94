// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/config.hpp"
#include "core/error.hpp"
#include "core/service.hpp"

namespace tracegate::cli {

/// What to scan: explicit paths (each must open, else the run fails) and discovered
/// repositories (one that fails to open becomes a diagnostic).
struct ScanRequest {
  std::vector<std::string> paths;
  std::vector<std::string> discover_dirs;
  std::optional<std::string> ref;     ///< read from the object database at this ref
  std::optional<Config> config;       ///< --config; else each repository's own tracegate.toml
  int jobs = 1;
  /// Called (from any worker, one call at a time) after each repository, for a progress line.
  std::function<void(std::size_t done, std::size_t total)> on_progress;
};

/// Scans every repository of `request` into one inventory. Errors are fatal ones (exit 2):
/// a missing path, not a repository, an unknown ref, nothing found to scan.
core::Result<core::Inventory> build_inventory(const ScanRequest& request);

}  // namespace tracegate::cli
