// SPDX-License-Identifier: Apache-2.0
// Which deploy files run a service: its workloads (and the container in each that runs it), the
// env blocks of its Helm values and the environment its image sets. Ties are made by location
// (a deploy file inside the service's directory) and by name (workload name,
// `tags.datadoghq.com/service`, DD_SERVICE), the latter also across repositories (a GitOps
// repository deploying a service whose code lives elsewhere).
#pragma once

#include <string>
#include <vector>

#include "core/deployment.hpp"
#include "core/repository_ref.hpp"
#include "core/service.hpp"

namespace tracegate::rules {

/// One repository's deploy files, read by scanner/deploy.
struct RepositoryDeploy {
  core::RepositoryRef source;
  core::DeployInventory inventory;
};

/// A place a service's process gets its environment from. Exactly one of `container` (a
/// workload's container) and `values` (an application Helm values env block, whose workload is
/// a Go template we do not read) is set.
struct DeployedProcess {
  const RepositoryDeploy* deploy = nullptr;
  const core::Workload* workload = nullptr;
  const core::Container* container = nullptr;
  const core::ValuesEnvBlock* values = nullptr;
  std::string tied_by;  ///< "location", "workload name", "tags.datadoghq.com/service", "DD_SERVICE"
};

struct ServiceDeployment {
  std::vector<DeployedProcess> processes;
  const core::ImageEnv* image_env = nullptr;  ///< the service's own Dockerfile
  const RepositoryDeploy* image_deploy = nullptr;
};

/// The deployment of `service`. `services` is every scanned service (for nesting: a deploy file
/// inside a nested service's directory belongs to that one), `fleet` every repository's deploy files.
ServiceDeployment find_service_deployment(const core::Service& service, const std::vector<core::Service>& services,
                                          const std::vector<RepositoryDeploy>& fleet);

/// Whether the container looks like a Datadog Agent (a sidecar agent in the application's pod).
bool is_agent_container(const core::Container& container);

}  // namespace tracegate::rules
