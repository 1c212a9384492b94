// SPDX-License-Identifier: Apache-2.0
#include "rules/process_environment.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tracegate::rules {

namespace {

constexpr std::string_view kAdmissionLabel = "admission.datadoghq.com/enabled";
constexpr std::string_view kConfigModeLabel = "admission.datadoghq.com/config.mode";
constexpr std::string_view kCsiDriver = "k8s.csi.datadoghq.com";

std::string_view without_trailing_slash(std::string_view path) {
  while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  return path;
}

const core::Label* pod_label(const core::Workload& workload, std::string_view key) {
  const core::Label* found = nullptr;
  for (const auto& label : workload.labels) {
    // The pod template's labels are what the admission controller sees; a bare Pod has only metadata.
    if (label.key == key && (label.on_pod_template || !found)) found = &label;
  }
  return found;
}

bool value_or(const std::optional<core::Located<bool>>& value, bool fallback) { return value ? value->value : fallback; }

const core::ConfigMap* find_config_map(const std::vector<RepositoryDeploy>& fleet, const RepositoryDeploy& own,
                                       const std::string& name, const std::string& namespace_,
                                       const RepositoryDeploy** where) {
  // The workload's own repository first; a ConfigMap of the same name in another namespace is not it.
  for (const bool own_repository : {true, false}) {
    for (const auto& deploy : fleet) {
      if ((&deploy == &own) != own_repository) continue;
      for (const auto& map : deploy.inventory.config_maps) {
        if (map.name == name && (map.namespace_.empty() || namespace_.empty() || map.namespace_ == namespace_)) {
          *where = &deploy;
          return &map;
        }
      }
    }
  }
  return nullptr;
}

/// `metadata.labels['tags.datadoghq.com/env']` → the label's value.
std::optional<std::string> label_field(const core::Workload& workload, std::string_view field_path) {
  constexpr std::string_view prefix = "metadata.labels['";
  if (!field_path.starts_with(prefix) || !field_path.ends_with("']")) return std::nullopt;
  const auto key = field_path.substr(prefix.size(), field_path.size() - prefix.size() - 2);
  if (const auto* label = pod_label(workload, key)) return label->value;
  return std::nullopt;
}

class EnvironmentBuilder {
 public:
  EnvironmentBuilder(ProcessEnvironment& out, const std::vector<RepositoryDeploy>& fleet) : out_(out), fleet_(fleet) {}

  void set(const std::string& name, std::string value, const core::SourceLocation& where, const core::RepositoryRef* source) {
    out_.env[name] = EnvSetting{std::move(value), false, where, source};
    out_.unknown.erase(name);
  }

  void set_unknown(const std::string& name, std::string placeholder, const core::SourceLocation& where,
                   const core::RepositoryRef* source) {
    set(name, std::move(placeholder), where, source);
    out_.unknown.insert(name);
  }

  void add_image_env(const core::ImageEnv& image, const RepositoryDeploy& deploy) {
    for (const auto& var : image.env) set(var.name, var.value.value_or(""), var.where, &deploy.source);
  }

  void add_env_from(const core::Workload& workload, const core::Container& container, const RepositoryDeploy& deploy) {
    for (const auto& from : container.env_from) {
      if (from.kind != core::EnvFrom::Kind::config_map) continue;  // a Secret's keys are not known
      const RepositoryDeploy* map_deploy = nullptr;
      const auto* map = find_config_map(fleet_, deploy, from.name, workload.namespace_, &map_deploy);
      if (!map) continue;
      for (const auto& [key, value] : map->data) set(from.prefix + key, value.value, value.where, &map_deploy->source);
    }
  }

  void add_env(const core::Workload* workload, const std::vector<core::EnvVar>& env, const RepositoryDeploy& deploy) {
    for (const auto& var : env) add_var(workload, var, deploy);
  }

  void inject(const std::string& name, std::string value, const core::SourceLocation& where, const core::RepositoryRef* source,
              bool from_host_ip = false) {
    if (out_.env.contains(name)) return;  // the webhook never overwrites what the pod sets
    out_.env[name] = EnvSetting{std::move(value), from_host_ip, where, source};
  }

 private:
  void add_var(const core::Workload* workload, const core::EnvVar& var, const RepositoryDeploy& deploy) {
    using Kind = core::EnvValueFrom::Kind;
    const auto& from = var.value_from;
    switch (from.kind) {
      case Kind::none:
        set(var.name, var.value.value_or(""), var.where, &deploy.source);
        return;
      case Kind::field_ref:
        if (from.field_path == "status.hostIP") {
          out_.env[var.name] = EnvSetting{"", true, var.where, &deploy.source};
          out_.unknown.erase(var.name);
        } else if (from.field_path == "status.podIP") {
          set(var.name, "<pod-ip>", var.where, &deploy.source);
        } else if (const auto label = workload ? label_field(*workload, from.field_path) : std::nullopt) {
          set(var.name, *label, var.where, &deploy.source);
        } else {
          set_unknown(var.name, fmt::format("<{}>", from.field_path), var.where, &deploy.source);
        }
        return;
      case Kind::config_map_key: {
        const RepositoryDeploy* map_deploy = nullptr;
        const auto* map = find_config_map(fleet_, deploy, from.map_name, workload ? workload->namespace_ : "", &map_deploy);
        const auto value = map ? map->data.find(from.key) : decltype(map->data.end()){};
        if (map && value != map->data.end()) {
          // The value's own line is where it would be fixed.
          set(var.name, value->second.value, value->second.where, &map_deploy->source);
        } else {
          set_unknown(var.name, fmt::format("<ConfigMap {} key {}>", from.map_name, from.key), var.where, &deploy.source);
        }
        return;
      }
      case Kind::secret_key:
        set_unknown(var.name, fmt::format("<Secret {} key {}>", from.map_name, from.key), var.where, &deploy.source);
        return;
      case Kind::resource_field:
        set_unknown(var.name, fmt::format("<{}>", from.field_path), var.where, &deploy.source);
        return;
    }
  }

  ProcessEnvironment& out_;
  const std::vector<RepositoryDeploy>& fleet_;
};

void apply_admission(EnvironmentBuilder& builder, ProcessEnvironment& out, const core::Workload& workload,
                     const core::DatadogAgentSettings& agent, const RepositoryDeploy& deploy) {
  const auto& injection = *out.admission;
  const auto* where = &injection.opted_in;
  if (injection.mode == "hostip") {
    builder.inject("DD_AGENT_HOST", "", *where, &deploy.source, true);
  } else if (injection.mode == "service") {
    builder.inject("DD_AGENT_HOST", "<agent local service>.svc.cluster.local", *where, &deploy.source);
  } else if (injection.mode == "socket" || injection.mode == "csi") {
    builder.inject("DD_TRACE_AGENT_URL", fmt::format("unix://{}", kDefaultSocketPath), *where, &deploy.source);
    if (!out.socket_mount) {
      const auto host = injection.mode == "csi" ? std::string()
                                                : std::string(agent.host_socket_path ? agent.host_socket_path->value
                                                                                     : "/var/run/datadog");
      out.socket_mount = SocketMount{"/var/run/datadog", host, *where, true};
      out.socket_mount_problem.clear();
    }
  }
  // Unified service tags come from the pod's tags.datadoghq.com/* labels.
  for (const auto& [tag, name] : {std::pair{"env", "DD_ENV"}, {"service", "DD_SERVICE"}, {"version", "DD_VERSION"}}) {
    if (const auto* label = pod_label(workload, fmt::format("tags.datadoghq.com/{}", tag))) {
      builder.inject(name, label->value, label->where, &deploy.source);
    }
  }
}

}  // namespace

std::optional<AdmissionInjection> admission_injection(const core::Workload& workload, const core::DatadogAgentSettings& agent) {
  if (workload.kind == core::Workload::Kind::compose_service) return std::nullopt;
  if (!value_or(agent.admission_enabled, false)) return std::nullopt;
  AdmissionInjection injection;
  const auto* label = pod_label(workload, kAdmissionLabel);
  if (label && label->value == "true") {
    injection.opted_in = label->where;
  } else if (value_or(agent.admission_mutate_unlabelled, false) && !(label && label->value == "false")) {
    injection.opted_in = agent.admission_mutate_unlabelled->where;
  } else {
    return std::nullopt;
  }
  if (const auto* mode = pod_label(workload, kConfigModeLabel)) {
    injection.mode = mode->value;
    injection.mode_from = fmt::format("pod label {}", kConfigModeLabel);
  } else if (agent.admission_config_mode) {
    injection.mode = agent.admission_config_mode->value;
    injection.mode_from = agent.admission_config_mode->defaulted ? "the chart's default configMode"
                                                                 : "clusterAgent.admissionController.configMode";
  } else {
    // The Operator: socket when the agent's socket is on, else the host IP.
    injection.mode = value_or(agent.apm_socket_enabled, true) ? "socket" : "hostip";
    injection.mode_from = "derived from the agent's socket setting";
  }
  return injection;
}

std::optional<SocketMount> mount_covering(const core::Workload& workload, const core::Container& container,
                                          std::string_view socket_path) {
  const auto directory = socket_path.substr(0, socket_path.rfind('/'));
  for (const auto& mount : container.volume_mounts) {
    const auto mount_path = without_trailing_slash(mount.mount_path);
    const bool covers = mount_path == socket_path || mount_path == directory ||
                        (directory.starts_with(mount_path) && directory[mount_path.size()] == '/');
    if (!covers) continue;
    if (workload.kind == core::Workload::Kind::compose_service) {
      return SocketMount{std::string(mount_path), std::string(without_trailing_slash(mount.name)), mount.where, false};
    }
    const auto volume = std::ranges::find(workload.volumes, mount.name, &core::Volume::name);
    if (volume == workload.volumes.end()) continue;
    if (volume->host_path) {
      return SocketMount{std::string(mount_path), std::string(without_trailing_slash(*volume->host_path)), mount.where, false};
    }
    if (volume->csi_driver && *volume->csi_driver == kCsiDriver) return SocketMount{std::string(mount_path), "", mount.where, false};
  }
  return std::nullopt;
}

ProcessEnvironment process_environment(const DeployedProcess& process, const ServiceDeployment& deployment,
                                       const std::vector<RepositoryDeploy>& fleet, const core::DatadogAgentSettings* agent) {
  ProcessEnvironment out;
  EnvironmentBuilder builder(out, fleet);
  const auto& deploy = *process.deploy;
  out.source = &deploy.source;
  if (deployment.image_env) builder.add_image_env(*deployment.image_env, *deployment.image_deploy);
  if (process.values) {
    out.where = process.values->where;
    builder.add_env(nullptr, process.values->env, deploy);
    return out;
  }
  const auto& workload = *process.workload;
  const auto& container = *process.container;
  out.where = container.where;
  out.workload = &workload;
  out.container = &container;
  out.host_network = workload.host_network && workload.host_network->value;
  out.agent_sidecar = std::ranges::any_of(workload.containers, [](const core::Container& c) { return is_agent_container(c); });
  builder.add_env_from(workload, container, deploy);
  builder.add_env(&workload, container.env, deploy);
  out.socket_mount = mount_covering(workload, container, kDefaultSocketPath);
  if (!out.socket_mount) {
    for (const auto& mount : container.volume_mounts) {
      if (without_trailing_slash(mount.mount_path) == "/var/run/datadog") {
        out.socket_mount_problem = fmt::format("{} is mounted from volume '{}', which is not a host directory", mount.mount_path,
                                               mount.name);
      }
    }
  }
  if (agent) {
    out.admission = admission_injection(workload, *agent);
    if (out.admission) apply_admission(builder, out, workload, *agent, deploy);
  }
  return out;
}

}  // namespace tracegate::rules
