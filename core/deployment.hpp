// SPDX-License-Identifier: Apache-2.0
// What the deploy readers (scanner/deploy/) find in a repository: workloads and their pod
// specs, ConfigMaps, the Datadog agent's settings (Helm chart values or the Operator's
// DatadogAgent) and service catalog entries. Plain data; every fact carries its file:line.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_location.hpp"

namespace tracegate::core {

/// A value and where it was written (or, when `defaulted`, which default it came from).
template <class T>
struct Located {
  T value{};
  SourceLocation where;
  bool defaulted = false;  ///< not in the file: the chart's or the Operator's default

  friend bool operator==(const Located&, const Located&) = default;
};

/// `valueFrom` of a container env entry.
struct EnvValueFrom {
  enum class Kind { none, field_ref, config_map_key, secret_key, resource_field };
  Kind kind = Kind::none;
  std::string field_path;  ///< field_ref: `status.hostIP`; resource_field: `limits.cpu`
  std::string map_name;    ///< config_map_key / secret_key: the ConfigMap or Secret
  std::string key;         ///< config_map_key / secret_key: the key in it
};

struct EnvVar {
  std::string name;
  std::optional<std::string> value;  ///< absent when valueFrom is used (or nothing is given)
  EnvValueFrom value_from;
  SourceLocation where;  ///< the `- name:` line (compose: the entry's line)
};

/// `envFrom` of a container.
struct EnvFrom {
  enum class Kind { config_map, secret };
  Kind kind = Kind::config_map;
  std::string name;
  std::string prefix;
  SourceLocation where;
};

struct VolumeMount {
  std::string name;  ///< compose: the host path or named volume
  std::string mount_path;
  bool read_only = false;
  SourceLocation where;
};

struct ContainerPort {
  int container_port = 0;
  std::optional<int> host_port;
  std::string name;
  SourceLocation where;
};

struct Container {
  std::string name;
  std::string image;
  bool init = false;  ///< an initContainer
  std::vector<EnvVar> env;
  std::vector<EnvFrom> env_from;
  std::vector<VolumeMount> volume_mounts;
  std::vector<ContainerPort> ports;
  SourceLocation where;
};

struct Volume {
  std::string name;
  std::optional<std::string> host_path;
  std::optional<std::string> config_map;
  std::optional<std::string> csi_driver;  ///< `k8s.csi.datadoghq.com` for the Datadog CSI driver
  SourceLocation where;
};

struct Label {
  std::string key;
  std::string value;
  bool on_pod_template = false;  ///< pod template labels are what the admission controller sees
  SourceLocation where;
};

struct Workload {
  enum class Kind { deployment, stateful_set, daemon_set, job, cron_job, pod, replica_set, compose_service };
  Kind kind = Kind::deployment;
  std::string name;
  std::string namespace_;  ///< empty when not given
  std::vector<Label> labels;
  std::vector<Container> containers;
  std::vector<Volume> volumes;
  std::optional<Located<bool>> host_network;
  std::string file;
  SourceLocation where;  ///< the document's `kind:` line (compose: the service key)
};

struct ConfigMap {
  std::string name;
  std::string namespace_;
  std::map<std::string, Located<std::string>> data;
  std::string file;
  SourceLocation where;
};

/// The Datadog agent's APM and admission-controller settings, from the Datadog Helm chart's
/// values (a values file or a HelmRelease's `spec.values`) or the Operator's DatadogAgent.
/// Every field is set after defaults are applied; `defaulted` says which came from the chart.
struct DatadogAgentSettings {
  enum class Origin { helm_values, helm_release, operator_resource };
  Origin origin = Origin::helm_values;
  std::string file;
  SourceLocation where;  ///< the `datadog:` key, the HelmRelease or the DatadogAgent

  std::optional<Located<bool>> apm_enabled;            ///< Operator features.apm.enabled (the chart always runs the trace agent)
  std::optional<Located<bool>> apm_port_enabled;       ///< datadog.apm.portEnabled / hostPortConfig.enabled
  std::optional<Located<int>> apm_port;                ///< datadog.apm.port / hostPortConfig.hostPort
  std::optional<Located<bool>> apm_socket_enabled;     ///< datadog.apm.socketEnabled / unixDomainSocketConfig.enabled
  std::optional<Located<std::string>> host_socket_path;  ///< datadog.apm.hostSocketPath
  std::optional<Located<std::string>> socket_path;     ///< datadog.apm.socketPath / unixDomainSocketConfig.path
  std::optional<Located<bool>> use_local_service;      ///< datadog.apm.useLocalService
  std::optional<Located<bool>> legacy_apm_enabled;     ///< datadog.apm.enabled (deprecated alias of portEnabled)
  std::optional<Located<bool>> legacy_use_socket_volume;  ///< datadog.apm.useSocketVolume (deprecated)
  std::optional<Located<std::string>> agent_image_tag;  ///< agents.image.tag / override.nodeAgent.image.tag
  std::optional<Located<bool>> use_host_network;       ///< agents.useHostNetwork / override.nodeAgent.hostNetwork
  std::optional<Located<bool>> admission_enabled;      ///< clusterAgent.admissionController.enabled
  std::optional<Located<std::string>> admission_config_mode;  ///< explicit configMode only
  std::optional<Located<bool>> admission_mutate_unlabelled;
  std::vector<EnvVar> agent_env;                        ///< datadog.env
  std::vector<Located<std::string>> tags;               ///< datadog.tags (`env:prod`)

  /// The chart version whose defaults were applied (empty for the Operator).
  std::string chart_version;
  SourceLocation chart_version_where;  ///< the pin; empty path when assumed
  bool chart_version_assumed = true;   ///< no pin found: the current chart's defaults
  std::vector<std::string> defaulted;  ///< names of the values taken from the defaults
  std::string defaults_note;           ///< "assumed chart 3.240.0 defaults (…): portEnabled false, …"
};

/// A pinned version of the Datadog Helm chart.
struct ChartPin {
  enum class Source { chart_dependency, helm_release, helmfile };
  Source source = Source::chart_dependency;
  std::string version;  ///< as written: `3.69.0`, `^3.0.0`, `3.x`
  std::vector<std::string> values_files;  ///< helmfile: the release's values files, repository-relative
  SourceLocation where;
};

/// Env entries found in an application's Helm values (`env:`, `extraEnv:`, `*.env:`), with no workload.
struct ValuesEnvBlock {
  std::string key_path;  ///< `api.env`
  std::vector<EnvVar> env;
  std::string file;
  SourceLocation where;
};

/// service.datadog.yaml (schema v2.x or v3).
struct ServiceCatalogEntry {
  std::string schema_version;
  Located<std::string> service;
  std::optional<Located<std::string>> team;
  std::optional<Located<std::string>> tier;
  std::vector<Located<std::string>> contacts;  ///< `type: contact` (email, slack, …)
  std::string file;
  SourceLocation where;
};

/// The environment a container image sets (Dockerfile `ENV` of the stage that is run, inherited
/// from the stages it builds on). Pod and compose env override it.
struct ImageEnv {
  std::string file;
  std::vector<EnvVar> env;  ///< in file order; a later entry of the same name wins
  SourceLocation where;     ///< the final stage's FROM line
};

struct DeployInventory {
  std::vector<Workload> workloads;
  std::vector<ConfigMap> config_maps;
  std::vector<DatadogAgentSettings> agent_settings;
  std::vector<ChartPin> chart_pins;
  std::vector<ValuesEnvBlock> values_env;
  std::vector<ServiceCatalogEntry> catalog_entries;
  std::vector<ImageEnv> image_env;
  std::vector<Diagnostic> diagnostics;
};

}  // namespace tracegate::core
