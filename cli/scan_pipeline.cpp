// SPDX-License-Identifier: Apache-2.0
#include "cli/scan_pipeline.hpp"

#include <mutex>

#include <fmt/format.h>

#include "core/parallel.hpp"
#include "rules/runtime_consistency.hpp"
#include "scanner/scan.hpp"

namespace tracegate::cli {

namespace {

constexpr std::string_view kConfigName = "tracegate.toml";

struct Target {
  std::string path;
  bool explicit_path;
};

struct TargetResult {
  core::Result<scanner::RepositoryScan> scan = core::fail("not scanned");
  core::RepositoryRef ref;
  std::vector<core::Finding> findings;
};

core::Result<std::unique_ptr<scanner::RepositorySnapshot>> open(const Target& target, const ScanRequest& request) {
  if (request.ref) return scanner::open_git_ref(target.path, *request.ref);
  // A bare repository has no work tree to read as it is on disk; what it holds is HEAD.
  if (scanner::is_bare_repository(target.path)) return scanner::open_git_ref(target.path, "HEAD");
  return scanner::open_directory(target.path);
}

TargetResult scan_target(const Target& target, const ScanRequest& request) {
  TargetResult result;
  result.ref = {target.path, request.ref.value_or(""), ""};
  auto snapshot = open(target, request);
  if (!snapshot) {
    result.scan = std::unexpected(snapshot.error());
    return result;
  }
  result.ref = (*snapshot)->ref();
  std::vector<core::Diagnostic> config_diagnostics;
  const auto config = request.config ? *request.config : repository_config(**snapshot, config_diagnostics);
  auto scan = scanner::scan_snapshot(**snapshot, options_from(config));
  for (auto& d : config_diagnostics) {
    d.repository = result.ref.repository;
    scan.diagnostics.push_back(std::move(d));
  }
  for (auto& service : scan.services) rules::check_runtime_consistency(service);
  if (request.analyze) result.findings = request.analyze(**snapshot, scan.services, config);
  result.scan = std::move(scan);
  return result;
}

}  // namespace

scanner::ScanOptions options_from(const Config& config) {
  scanner::ScanOptions options;
  options.exclude = config.scan.exclude;
  if (config.scan.max_file_size) options.max_file_bytes = *config.scan.max_file_size;
  return options;
}

/// The repository's own tracegate.toml, read from the same snapshot (so `--ref` sees the
/// configuration of that ref). A broken one is reported and the defaults are used.
Config repository_config(const scanner::RepositorySnapshot& snapshot, std::vector<core::Diagnostic>& diagnostics) {
  const auto& files = snapshot.files();
  if (std::ranges::find(files, std::string(kConfigName), &scanner::FileEntry::path) == files.end()) return {};
  auto text = snapshot.read(std::string(kConfigName), 1u << 20);
  if (!text) {
    diagnostics.push_back({{std::string(kConfigName), 0, 0}, text.error().message});
    return {};
  }
  auto config = parse_config(*text, kConfigName);
  if (!config) {
    diagnostics.push_back({config.error().where.value_or(core::SourceLocation{std::string(kConfigName)}),
                           config.error().message + "; using defaults"});
    return {};
  }
  return *config;
}

core::Result<core::Inventory> build_inventory(const ScanRequest& request) {
  std::vector<Target> targets;
  for (const auto& path : request.paths) targets.push_back({path, true});
  for (const auto& dir : request.discover_dirs) {
    auto found = scanner::discover_repositories(dir);
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return core::fail(fmt::format("{}: no git repository found below it", dir));
    for (auto& path : *found) targets.push_back({std::move(path), false});
  }
  if (targets.empty()) return core::fail("nothing to scan: give a PATH or --discover DIR");

  std::vector<TargetResult> results(targets.size());
  std::mutex progress_mutex;
  std::size_t done = 0;
  core::parallel_for(targets.size(), request.jobs, [&](std::size_t i) {
    // An exception must not leave a worker thread (that ends the process): it costs one repository.
    try {
      results[i] = scan_target(targets[i], request);
    } catch (const std::exception& error) {
      results[i].ref = {targets[i].path, request.ref.value_or(""), ""};
      results[i].scan = core::fail(fmt::format("{}: internal error: {}", targets[i].path, error.what()));
    }
    if (!request.on_progress) return;
    const std::lock_guard lock(progress_mutex);
    request.on_progress(++done, targets.size());
  });

  core::Inventory inventory;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    auto& result = results[i];
    if (!result.scan) {
      if (targets[i].explicit_path) return std::unexpected(result.scan.error());
      inventory.diagnostics.push_back({{".", 0, 0}, result.scan.error().message, core::Diagnostic::Level::error,
                                       targets[i].path});
      continue;
    }
    inventory.repositories.push_back(result.ref);
    for (auto& service : result.scan->services) inventory.services.push_back(std::move(service));
    std::ranges::move(result.findings, std::back_inserter(inventory.findings));
    std::ranges::move(result.scan->diagnostics, std::back_inserter(inventory.diagnostics));
  }
  return inventory;
}

bool has_error_diagnostics(const core::Inventory& inventory) {
  auto is_error = [](const core::Diagnostic& d) { return d.level == core::Diagnostic::Level::error; };
  if (std::ranges::any_of(inventory.diagnostics, is_error)) return true;
  return std::ranges::any_of(inventory.services, [&](const core::Service& s) { return std::ranges::any_of(s.diagnostics, is_error); });
}

}  // namespace tracegate::cli
