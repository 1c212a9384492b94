// SPDX-License-Identifier: Apache-2.0
#include "cli/affected_services.hpp"

#include <algorithm>
#include <set>

namespace tracegate::cli {

namespace {

bool inside(std::string_view path, std::string_view directory) {
  return directory == "." || (path.size() > directory.size() && path.starts_with(directory) && path[directory.size()] == '/');
}

/// Files whose change can alter every service's verdicts.
std::set<std::string> shared_files(const std::vector<rules::RepositoryDeploy>& fleet) {
  std::set<std::string> files{"tracegate.toml"};
  for (const auto& deploy : fleet) {
    for (const auto& agent : deploy.inventory.agent_settings) files.insert(agent.file);
    for (const auto& pin : deploy.inventory.chart_pins) {
      files.insert(pin.where.path);
      files.insert(pin.values_files.begin(), pin.values_files.end());
    }
    for (const auto& map : deploy.inventory.config_maps) files.insert(map.file);
  }
  return files;
}

/// The deploy files tied to a service (its workloads, Helm values env blocks, Dockerfile).
std::set<std::string> deploy_files_of(const core::Service& service, const std::vector<core::Service>& services,
                                      const std::vector<rules::RepositoryDeploy>& fleet) {
  std::set<std::string> files;
  const auto deployment = rules::find_service_deployment(service, services, fleet);
  for (const auto& process : deployment.processes) {
    if (process.workload) files.insert(process.workload->file);
    if (process.values) files.insert(process.values->file);
  }
  if (deployment.image_env) files.insert(deployment.image_env->file);
  return files;
}

bool in_own_directory(const std::string& path, const core::Service& service, const std::vector<core::Service>& services) {
  if (!inside(path, service.path)) return false;
  return std::ranges::none_of(services, [&](const core::Service& other) {
    return &other != &service && other.path != "." && inside(other.path, service.path) && other.path != service.path &&
           inside(path, other.path);
  });
}

}  // namespace

std::vector<AffectedService> affected_services(const std::vector<core::Service>& services,
                                               const std::vector<std::string>& changed_paths,
                                               const std::vector<rules::RepositoryDeploy>& fleet) {
  const auto shared = shared_files(fleet);
  std::vector<AffectedService> affected;
  for (std::size_t i = 0; i < services.size(); ++i) {
    const auto& service = services[i];
    const auto deploy_files = deploy_files_of(service, services, fleet);
    for (const auto& path : changed_paths) {
      std::string why;
      if (std::ranges::find(service.files, path) != service.files.end()) {
        why = "a manifest it reads";
      } else if (deploy_files.contains(path)) {
        why = "its deployment";
      } else if (in_own_directory(path, service, services)) {
        why = "a file in its directory";
      } else if (shared.contains(path)) {
        why = path == "tracegate.toml" ? "the tracegate configuration" : "the Datadog Agent or shared deploy configuration";
      }
      if (why.empty()) continue;
      affected.push_back({i, path, why});
      break;
    }
  }
  return affected;
}

}  // namespace tracegate::cli
