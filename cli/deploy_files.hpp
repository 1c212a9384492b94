// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "core/diagnostic.hpp"
#include "rules/service_deployment.hpp"
#include "scanner/snapshot.hpp"

namespace tracegate::cli {

/// Every deploy file of the repository (Kubernetes manifests, Helm values and chart pins, the
/// Datadog agent's configuration, compose files, Dockerfiles, the service catalog) read by
/// scanner/deploy, with the chart defaults applied. Unreadable or malformed files become
/// diagnostics naming file:line; the rest is read.
rules::RepositoryDeploy read_repository_deploy(const scanner::RepositorySnapshot& snapshot,
                                               std::vector<core::Diagnostic>& diagnostics);

}  // namespace tracegate::cli
