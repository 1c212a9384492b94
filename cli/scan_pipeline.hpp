// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/config.hpp"
#include "core/error.hpp"
#include "core/service.hpp"
#include "scanner/scan.hpp"
#include "scanner/snapshot.hpp"

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
  /// Optional: runs in the worker on each scanned repository while its snapshot is open (the
  /// audit reads service code here), with the configuration the scan used (--config, else the
  /// repository's own); the findings land in Inventory::findings, in repository order.
  std::function<std::vector<core::Finding>(const scanner::RepositorySnapshot&, const std::vector<core::Service>&,
                                           const Config&)>
      analyze;
};

/// The scanner's options from a configuration's [scan] table.
scanner::ScanOptions options_from(const Config& config);

/// The repository's own tracegate.toml, read from `snapshot` (so a ref sees the configuration of
/// that ref); a broken one becomes a diagnostic and the defaults are used.
Config repository_config(const scanner::RepositorySnapshot& snapshot, std::vector<core::Diagnostic>& diagnostics);

/// Scans every repository of `request` into one inventory. Errors are fatal ones (exit 2):
/// a missing path, not a repository, an unknown ref, nothing found to scan.
core::Result<core::Inventory> build_inventory(const ScanRequest& request);

/// Whether some input could not be read (an error diagnostic anywhere): exit code 3.
bool has_error_diagnostics(const core::Inventory& inventory);

}  // namespace tracegate::cli
