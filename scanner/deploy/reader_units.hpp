// SPDX-License-Identifier: Apache-2.0
// The deploy reader units, one per format; the dispatcher (deploy_readers.cpp) picks them.
// Each reads one parsed document (or file) into the inventory of that file.
#pragma once

#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/deployment.hpp"
#include "scanner/deploy/yaml_walk.hpp"

namespace tracegate::scanner::deploy {

/// Container env list (`- name: X / value | valueFrom`), shared by pod specs, Helm values and the agent's datadog.env.
std::vector<core::EnvVar> read_env_list(YamlWalk& walk, const YAML::Node& list);

/// A pod spec (containers, initContainers, volumes, hostNetwork) into `workload`.
void read_pod_spec(YamlWalk& walk, const YAML::Node& spec, core::Workload& workload);

/// A Kubernetes document with `kind:`; false when the kind is none of ours.
bool read_kubernetes_document(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out);

/// The Datadog Operator's DatadogAgent resource.
void read_datadog_agent_resource(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out);

/// Is this mapping the values of the Datadog chart (`datadog:`/`agents:`/`clusterAgent:` at the top)?
bool looks_like_datadog_values(YamlWalk& walk, const YAML::Node& values);
/// Datadog chart values (no defaults applied yet; see chart_defaults.hpp).
core::DatadogAgentSettings read_datadog_values(YamlWalk& walk, const YAML::Node& values,
                                               core::DatadogAgentSettings::Origin origin);
/// An application's values: env blocks under `env:`, `extraEnv:`, `*.env:`.
void read_application_values(YamlWalk& walk, const YAML::Node& values, core::DeployInventory& out);

/// Chart.yaml `dependencies:` naming `datadog`.
void read_chart_yaml(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out);
/// Flux HelmRelease of the `datadog` chart: its version and inline values.
void read_helm_release(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out);
/// helmfile.yaml `releases:` of the `datadog` chart.
void read_helmfile(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out);

/// docker-compose `services:`.
void read_compose_document(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out);

/// A Dockerfile or Containerfile: the ENV of the stage that runs (the last FROM) and of the
/// earlier stages it builds on, as one ImageEnv when the file has a FROM. Never throws.
void read_dockerfile_env(std::string_view path, std::string_view text, core::DeployInventory& out);

/// service.datadog.yaml, schema v2.x or v3.
void read_service_catalog_document(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out);

}  // namespace tracegate::scanner::deploy
