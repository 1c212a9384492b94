// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "core/service.hpp"
#include "rules/service_deployment.hpp"

namespace tracegate::cli {

/// Why a pull request touches a service: the first changed file that matters to it.
struct AffectedService {
  std::size_t index = 0;  ///< into the services given
  std::string changed_file;
  std::string why;  ///< "a manifest it reads", "its code", "its deployment", "the Datadog Agent configuration", …
};

/// The services a change touches: any file a service reads (its manifests and everything they
/// include or constrain, also outside its directory), anything in its directory (code,
/// Dockerfiles, deploy files) outside nested services, the deploy files tied to it elsewhere,
/// and — for every service — the Datadog Agent's configuration, ConfigMaps and tracegate.toml.
std::vector<AffectedService> affected_services(const std::vector<core::Service>& services,
                                               const std::vector<std::string>& changed_paths,
                                               const std::vector<rules::RepositoryDeploy>& fleet);

}  // namespace tracegate::cli
