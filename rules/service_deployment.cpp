// SPDX-License-Identifier: Apache-2.0
#include "rules/service_deployment.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/repo_path.hpp"

namespace tracegate::rules {

namespace {

std::string normalized(std::string_view name) {
  std::string out;
  for (const char c : name) out.push_back(c == '_' || c == '.' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

bool inside(std::string_view path, std::string_view directory) {
  return directory == "." || (path.size() > directory.size() && path.starts_with(directory) && path[directory.size()] == '/');
}

/// What a service is called: its name, its directory's (or root repository's) name, and the
/// `dd-service` of a service catalog file (service.datadog.yaml) in its directory.
std::set<std::string> names_of(const core::Service& service, const std::vector<RepositoryDeploy>& fleet) {
  std::set<std::string> names{normalized(service.name)};
  if (service.path != ".") names.insert(normalized(core::base_name(service.path)));
  else if (!service.source.name.empty()) names.insert(normalized(service.source.name));
  for (const auto& deploy : fleet) {
    if (deploy.source.repository != service.source.repository) continue;
    for (const auto& entry : deploy.inventory.catalog_entries) {
      const auto directory = entry.file.find('/') == std::string::npos ? std::string(".") : entry.file.substr(0, entry.file.rfind('/'));
      if (directory == service.path) names.insert(normalized(entry.service.value));
    }
  }
  names.erase("");
  return names;
}

/// What a workload calls itself, with how it says so.
std::vector<std::pair<std::string, std::string>> workload_names(const core::Workload& workload) {
  std::vector<std::pair<std::string, std::string>> names{{normalized(workload.name), "workload name"}};
  for (const auto& label : workload.labels) {
    if (label.key == "tags.datadoghq.com/service") names.emplace_back(normalized(label.value), label.key);
  }
  for (const auto& container : workload.containers) {
    for (const auto& var : container.env) {
      if (var.name == "DD_SERVICE" && var.value) names.emplace_back(normalized(*var.value), "DD_SERVICE");
    }
  }
  return names;
}

/// Directory names along a values file's path: `charts/payments-api/values.yaml` names payments-api.
std::vector<std::pair<std::string, std::string>> values_names(const core::ValuesEnvBlock& block) {
  std::vector<std::pair<std::string, std::string>> names;
  std::string_view path = block.file;
  for (auto slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/')) {
    names.emplace_back(normalized(path.substr(0, slash)), "directory name");
    path.remove_prefix(slash + 1);
  }
  return names;
}

bool same_repository(const core::Service& service, const RepositoryDeploy& deploy) {
  return service.source.repository == deploy.source.repository;
}

/// The service that owns a deploy file: one named like it (its own repository first), else the
/// deepest service whose directory holds the file.
struct Owner {
  const core::Service* service = nullptr;
  std::string tied_by;
};

Owner owner_of(const std::string& file, const std::vector<std::pair<std::string, std::string>>& names,
               const RepositoryDeploy& deploy, const std::vector<core::Service>& services,
               const std::vector<RepositoryDeploy>& fleet) {
  for (const bool own_repository : {true, false}) {
    for (const auto& service : services) {
      if (same_repository(service, deploy) != own_repository) continue;
      const auto service_names = names_of(service, fleet);
      for (const auto& [name, how] : names) {
        if (service_names.contains(name)) return {&service, how};
      }
    }
  }
  Owner owner;
  const auto depth = [](const core::Service& s) { return s.path == "." ? 0 : s.path.size() + 1; };
  for (const auto& service : services) {
    if (!same_repository(service, deploy) || !inside(file, service.path)) continue;
    if (!owner.service || depth(service) > depth(*owner.service)) owner = {&service, "location"};
  }
  return owner;
}

bool has_datadog_env(const core::Container& container) {
  return std::ranges::any_of(container.env, [](const core::EnvVar& var) { return var.name.starts_with("DD_"); });
}

/// The containers of a workload that run the service: the one named after it, else the only
/// application container, else those configured for Datadog, else the first.
std::vector<const core::Container*> service_containers(const core::Workload& workload, const std::set<std::string>& names) {
  std::vector<const core::Container*> candidates;
  for (const auto& container : workload.containers) {
    if (!container.init && !is_agent_container(container)) candidates.push_back(&container);
  }
  for (const auto* container : candidates) {
    const auto name = normalized(container->name);
    if (names.contains(name) || name == normalized(workload.name)) return {container};
  }
  if (candidates.size() <= 1) return candidates;
  std::vector<const core::Container*> configured;
  std::ranges::copy_if(candidates, std::back_inserter(configured), [](const auto* c) { return has_datadog_env(*c); });
  if (!configured.empty()) return configured;
  return {candidates.front()};
}

/// A workload in the service's directory that is not the service: a database or cache next to
/// it (compose `db: image: postgres`), recognisable by having no Datadog settings at all and an
/// image that is neither built from the directory nor named after the service.
bool looks_like_dependency(const core::Workload& workload, const std::set<std::string>& names) {
  const bool tagged = std::ranges::any_of(workload.labels, [](const core::Label& label) {
    return label.key.starts_with("tags.datadoghq.com/") || label.key.starts_with("com.datadoghq.tags.");
  });
  if (tagged) return false;
  for (const auto& container : workload.containers) {
    if (container.init) continue;
    if (has_datadog_env(container) || container.image.empty()) return false;  // compose `build:` only: the app itself
    std::string_view image = container.image;
    image = image.substr(0, image.find('@'));
    const auto slash = image.rfind('/');
    auto repository = image.substr(slash == std::string_view::npos ? 0 : slash + 1);
    repository = repository.substr(0, repository.find(':'));
    const auto name = normalized(repository);
    if (std::ranges::any_of(names, [&](const std::string& n) { return name.find(n) != std::string::npos; })) return false;
  }
  return true;
}

}  // namespace

bool is_agent_container(const core::Container& container) {
  const std::string_view image = container.image;
  const auto slash = image.rfind('/');
  const auto repository = image.substr(0, image.find(':', slash == std::string_view::npos ? 0 : slash));
  return repository.ends_with("datadog/agent") || repository.ends_with("datadoghq/agent") ||
         repository.ends_with("datadog/docker-dd-agent") || normalized(container.name) == "datadog-agent";
}

ServiceDeployment find_service_deployment(const core::Service& service, const std::vector<core::Service>& services,
                                          const std::vector<RepositoryDeploy>& fleet) {
  ServiceDeployment found;
  const auto names = names_of(service, fleet);
  for (const auto& deploy : fleet) {
    for (const auto& workload : deploy.inventory.workloads) {
      const auto owner = owner_of(workload.file, workload_names(workload), deploy, services, fleet);
      if (owner.service != &service) continue;
      if (owner.tied_by == "location" && looks_like_dependency(workload, names)) continue;
      for (const auto* container : service_containers(workload, names)) {
        found.processes.push_back({&deploy, &workload, container, nullptr, owner.tied_by});
      }
    }
    for (const auto& block : deploy.inventory.values_env) {
      const auto owner = owner_of(block.file, values_names(block), deploy, services, fleet);
      if (owner.service == &service) found.processes.push_back({&deploy, nullptr, nullptr, &block, owner.tied_by});
    }
    if (!same_repository(service, deploy)) continue;
    for (const auto& image : deploy.inventory.image_env) {
      const auto owner = owner_of(image.file, {}, deploy, services, fleet);
      if (owner.service != &service) continue;
      // `Dockerfile` itself over variants (Dockerfile.dev), the shallowest over nested ones.
      const auto rank = [](const core::ImageEnv& e) {
        return std::pair{core::base_name(e.file) != "Dockerfile", std::ranges::count(e.file, '/')};
      };
      if (!found.image_env || rank(image) < rank(*found.image_env)) {
        found.image_env = &image;
        found.image_deploy = &deploy;
      }
    }
  }
  // A workload named after the service beats the other workloads that merely sit in its
  // directory (a debug Pod, a CronJob tagged as another service in the same file).
  const auto by_name = [](const DeployedProcess& p) { return p.tied_by != "location"; };
  if (std::ranges::any_of(found.processes, by_name)) {
    std::erase_if(found.processes, [&](const DeployedProcess& p) { return !by_name(p); });
  }
  return found;
}

}  // namespace tracegate::rules
