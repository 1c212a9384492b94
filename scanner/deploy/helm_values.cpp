// SPDX-License-Identifier: Apache-2.0
// Helm values files: the Datadog chart's (APM, admission controller, agent image, host
// network, env and tags; value names as in ../shared/data/agent-connectivity.md:12-27) and an
// application's (its env blocks).
#include <array>

#include <fmt/format.h>

#include "scanner/deploy/reader_units.hpp"

namespace tracegate::scanner::deploy {
namespace {

/// Keys of the Datadog chart's `datadog:` section that an application's own `datadog:` block is unlikely to have.
constexpr std::array<std::string_view, 10> kDatadogSectionKeys{
    "apiKey", "apiKeyExistingSecret", "appKey", "site", "clusterName", "apm", "kubelet", "logs", "dogstatsd", "processAgent"};

bool is_datadog_section(YamlWalk& walk, const YAML::Node& section) {
  if (!section.IsMap()) return false;
  for (const auto key : kDatadogSectionKeys) {
    if (walk.child(section, key).IsDefined()) return true;
  }
  return false;
}

bool is_datadog_root(YamlWalk& walk, const YAML::Node& values) {
  return is_datadog_section(walk, walk.child(values, "datadog")) || walk.child(values, "agents").IsMap() ||
         walk.child(values, "clusterAgent").IsMap();
}

/// An umbrella chart depending on `datadog` nests the dependency's values under `datadog:`.
YAML::Node datadog_root(YamlWalk& walk, const YAML::Node& values) {
  const auto nested = walk.child(values, "datadog");
  if (nested.IsMap() && (is_datadog_section(walk, walk.child(nested, "datadog")) ||
                         walk.child(nested, "agents").IsMap() || walk.child(nested, "clusterAgent").IsMap())) {
    return nested;
  }
  return values;
}

constexpr std::array<std::string_view, 6> kEnvKeys{"env", "extraEnv", "extraEnvs", "extraEnvVars", "envVars",
                                                   "environment"};

bool is_env_key(std::string_view key) {
  for (const auto env : kEnvKeys) {
    if (key == env) return true;
  }
  return false;
}

/// `env: {NAME: value}`: the map form some charts use.
std::vector<core::EnvVar> read_env_map(YamlWalk& walk, const YAML::Node& map) {
  std::vector<core::EnvVar> out;
  for (const auto& entry : map) {
    if (!walk.visit(entry.second)) break;
    const auto name = walk.text(entry.first);
    if (!name) continue;
    core::EnvVar var;
    var.name = *name;
    var.value = walk.text(entry.second);
    var.where = walk.at(entry.first);
    out.push_back(std::move(var));
  }
  return out;
}

void find_env_blocks(YamlWalk& walk, const YAML::Node& map, const std::string& prefix, int depth,
                     core::DeployInventory& out) {
  if (depth > kMaxWalkDepth || !map.IsMap() || !walk.visit(map)) return;
  for (const auto& entry : map) {
    if (walk.exhausted()) return;
    const auto key = walk.text(entry.first);
    if (!key) continue;
    const auto path = prefix.empty() ? *key : prefix + "." + *key;
    const auto& value = entry.second;
    if (is_env_key(*key) && (value.IsSequence() || value.IsMap())) {
      auto env = value.IsSequence() ? read_env_list(walk, value) : read_env_map(walk, value);
      if (!env.empty()) {
        out.values_env.push_back({path, std::move(env), std::string(walk.path()), walk.at(entry.first)});
        continue;
      }
    }
    find_env_blocks(walk, value, path, depth + 1, out);
  }
}

}  // namespace

bool looks_like_datadog_values(YamlWalk& walk, const YAML::Node& values) {
  return values.IsMap() && is_datadog_root(walk, datadog_root(walk, values));
}

core::DatadogAgentSettings read_datadog_values(YamlWalk& walk, const YAML::Node& values,
                                               core::DatadogAgentSettings::Origin origin) {
  core::DatadogAgentSettings settings;
  settings.origin = origin;
  settings.file = std::string(walk.path());
  const auto root = datadog_root(walk, values);
  const auto datadog = walk.child(root, "datadog");
  const auto datadog_key = walk.key_of(root, "datadog");
  settings.where = walk.at(datadog_key.IsDefined() ? datadog_key : root);
  const auto apm = walk.child(datadog, "apm");
  settings.apm_port_enabled = walk.located_boolean(walk.child(apm, "portEnabled"), "datadog.apm.portEnabled");
  settings.apm_port = walk.located_integer(walk.child(apm, "port"), "datadog.apm.port");
  settings.apm_socket_enabled = walk.located_boolean(walk.child(apm, "socketEnabled"), "datadog.apm.socketEnabled");
  settings.host_socket_path = walk.located_text(walk.child(apm, "hostSocketPath"));
  settings.socket_path = walk.located_text(walk.child(apm, "socketPath"));
  settings.use_local_service =
      walk.located_boolean(walk.child(apm, "useLocalService"), "datadog.apm.useLocalService");
  settings.legacy_apm_enabled = walk.located_boolean(walk.child(apm, "enabled"), "datadog.apm.enabled");
  settings.legacy_use_socket_volume =
      walk.located_boolean(walk.child(apm, "useSocketVolume"), "datadog.apm.useSocketVolume");
  const auto agents = walk.child(root, "agents");
  settings.agent_image_tag = walk.located_text(walk.path_of(agents, {"image", "tag"}));
  settings.use_host_network = walk.located_boolean(walk.child(agents, "useHostNetwork"), "agents.useHostNetwork");
  const auto admission = walk.path_of(root, {"clusterAgent", "admissionController"});
  settings.admission_enabled =
      walk.located_boolean(walk.child(admission, "enabled"), "clusterAgent.admissionController.enabled");
  settings.admission_config_mode = walk.located_text(walk.child(admission, "configMode"));
  settings.admission_mutate_unlabelled = walk.located_boolean(walk.child(admission, "mutateUnlabelled"),
                                                              "clusterAgent.admissionController.mutateUnlabelled");
  settings.agent_env = read_env_list(walk, walk.child(datadog, "env"));
  const auto tags = walk.child(datadog, "tags");
  if (tags.IsSequence()) {
    for (const auto& tag : tags) {
      if (!walk.visit(tag)) break;
      if (auto value = walk.located_text(tag)) settings.tags.push_back(std::move(*value));
    }
  }
  return settings;
}

void read_application_values(YamlWalk& walk, const YAML::Node& values, core::DeployInventory& out) {
  find_env_blocks(walk, values, "", 0, out);
}

}  // namespace tracegate::scanner::deploy
