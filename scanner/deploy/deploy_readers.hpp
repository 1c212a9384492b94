// SPDX-License-Identifier: Apache-2.0
// Entry point of the deploy readers: which reader a file gets (by path, then by content), and
// the inventory they build together. See docs/readers/deploy.md.
#pragma once

#include <string_view>

#include "core/deployment.hpp"

namespace tracegate::scanner::deploy {

/// What one file yields: its part of the inventory (defaults applied as if it were alone).
using DeployReadResult = core::DeployInventory;

enum class DeployFileKind {
  none,             ///< not a deploy file (not YAML, not a Dockerfile)
  helm_template,    ///< under a Helm chart's templates/: Go templates, not read
  service_catalog,  ///< service.datadog.yaml, entity.datadog.yaml
  chart_yaml,       ///< Chart.yaml
  helmfile,         ///< helmfile.yaml, helmfile.d/*.yaml
  compose,          ///< docker-compose*.yml, compose*.yaml
  helm_values,      ///< values*.yaml, *-values.yaml, values/*.yaml
  kubernetes,       ///< any other YAML: Kubernetes documents (or Datadog chart values) by content
  dockerfile,       ///< Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile…: its ENV
};

/// By path only; cheap.
DeployFileKind classify_deploy_path(std::string_view path);

/// Reads one file. Never throws: malformed, hostile, binary or huge input gives a diagnostic
/// naming file:line and whatever was read before it.
DeployReadResult read_deploy_file(std::string_view path, std::string_view text);

/// Adds one file's result to the inventory.
void add_to_inventory(core::DeployInventory& inventory, DeployReadResult&& result);

/// Once every file is in: applies the chart defaults of the version each Datadog values file is pinned to.
void finish_inventory(core::DeployInventory& inventory);

}  // namespace tracegate::scanner::deploy
