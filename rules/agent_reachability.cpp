// SPDX-License-Identifier: Apache-2.0
#include "rules/agent_reachability.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/repo_path.hpp"

namespace tracegate::rules {

namespace {

using Kind = Reachability::Kind;
using Origin = core::DatadogAgentSettings::Origin;

std::string_view without_trailing_slash(std::string_view path) {
  while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  return path;
}

bool flag(const std::optional<core::Located<bool>>& value, bool fallback = false) { return value ? value->value : fallback; }

std::string where_text(const core::RepositoryRef& source, const core::SourceLocation& where) {
  const auto file = fmt::format("{}:{}", where.path, where.line);
  return source.name.empty() ? file : fmt::format("{}/{}", source.name, file);
}

std::string agent_file(const core::DatadogAgentSettings& agent, const core::RepositoryRef& source) {
  return source.name.empty() ? agent.file : fmt::format("{}/{}", source.name, agent.file);
}

bool is_loopback(std::string_view host) {
  return host == "localhost" || host.starts_with("127.") || host == "::1" || host == "[::1]" || host == "<pod-ip>" ||
         host == "0.0.0.0";
}

bool is_cluster_service(std::string_view host) {
  return host.ends_with(".svc.cluster.local") || host.ends_with(".svc") || host.find(".svc.") != std::string_view::npos;
}

/// "the chart's default" when nothing pins a chart version: say which defaults were assumed.
std::string chart_note(const core::DatadogAgentSettings& agent) {
  if (agent.origin == Origin::operator_resource) return "the Datadog Operator's default";
  return agent.chart_version_assumed
             ? fmt::format("the default of chart {} (assumed: no chart version is pinned in the repositories)", agent.chart_version)
             : fmt::format("the default of chart {}", agent.chart_version);
}

std::string socket_fix(const core::DatadogAgentSettings& agent) {
  const auto host = agent.host_socket_path ? agent.host_socket_path->value : "/var/run/datadog";
  return fmt::format(
      "use the agent's socket: mount the hostPath {} at /var/run/datadog (read-only) and set "
      "DD_TRACE_AGENT_URL=unix://{}, or label the pod template admission.datadoghq.com/enabled: \"true\" so the admission "
      "controller does it",
      host, kDefaultSocketPath);
}

Reachability judge_socket(const AgentEndpoint& endpoint, const ProcessEnvironment& process,
                          const core::DatadogAgentSettings& agent, const core::RepositoryRef& agent_source) {
  Reachability verdict;
  const auto& path = endpoint.socket_path;
  std::optional<SocketMount> mount;
  if (process.workload && process.container) mount = mount_covering(*process.workload, *process.container, path);
  if (!mount && process.socket_mount && process.socket_mount->injected &&
      std::string_view(path).starts_with(process.socket_mount->mount_path + "/")) {
    mount = process.socket_mount;
  }
  const auto directory = std::string(path.substr(0, path.rfind('/')));
  if (!process.workload) {
    verdict.kind = Kind::unknown;  // a Helm values env block: the chart's templates decide the mounts
    return verdict;
  }
  if (!mount) {
    verdict.kind = Kind::unreachable;
    verdict.message = fmt::format("the tracer sends to the socket {}, but nothing is mounted at {}: the socket does not exist in the container",
                                  path, directory);
    if (process.admission) {
      verdict.causes.push_back(fmt::format("the admission controller mutates this pod in '{}' mode ({}), which mounts no socket",
                                           process.admission->mode, process.admission->mode_from));
    } else {
      verdict.causes.push_back("the admission controller does not mutate this pod (no admission.datadoghq.com/enabled: \"true\" label on the pod template, or the controller is off)");
    }
    if (!process.socket_mount_problem.empty()) verdict.causes.push_back(process.socket_mount_problem);
    if (process.admission) {
      verdict.fix = fmt::format(
          "mount the hostPath {} at {} (read-only), or have the admission controller mount it: label the pod template "
          "admission.datadoghq.com/config.mode: socket (or set clusterAgent.admissionController.configMode: socket)",
          agent.host_socket_path ? agent.host_socket_path->value : "/var/run/datadog", directory);
    } else {
      verdict.fix = socket_fix(agent);
    }
    return verdict;
  }
  if (!flag(agent.apm_socket_enabled, true)) {
    verdict.kind = Kind::unreachable;
    verdict.message = fmt::format("the tracer sends to the socket {}, but the agent's socket is off", path);
    verdict.causes.push_back(describe_setting(agent, agent_source, agent.apm_socket_enabled, "datadog.apm.socketEnabled",
                                              "features.apm.unixDomainSocketConfig.enabled"));
    verdict.fix = fmt::format("set datadog.apm.socketEnabled: true in {} (or send to the host port with portEnabled: true)",
                              agent_file(agent, agent_source));
    return verdict;
  }
  if (!agent_socket_visible(*mount, agent, path)) {
    verdict.kind = Kind::unreachable;
    const auto host = agent.host_socket_path ? agent.host_socket_path->value : "/var/run/datadog";
    const auto socket = agent.socket_path ? agent.socket_path->value : std::string(kDefaultSocketPath);
    verdict.message = fmt::format("the container mounts host directory {} at {}, but the agent creates its socket as {}/{} on the host",
                                  mount->host_path, mount->mount_path, without_trailing_slash(host), core::base_name(socket));
    verdict.causes.push_back(fmt::format("{} mounts {}", where_text(*process.source, mount->where), mount->host_path));
    verdict.fix = fmt::format("mount the hostPath {} at {}", host, directory);
    return verdict;
  }
  verdict.kind = Kind::reachable;
  return verdict;
}

Reachability judge_http(const AgentEndpoint& endpoint, const ProcessEnvironment& process,
                        const core::DatadogAgentSettings& agent, const core::RepositoryRef& agent_source) {
  Reachability verdict;
  const int agent_port = agent.apm_port ? agent.apm_port->value : 8126;
  if (endpoint.host_is_node_ip) {
    const bool host_port = flag(agent.apm_port_enabled) || flag(agent.legacy_apm_enabled);
    const bool host_network = flag(agent.use_host_network);
    if (host_port || host_network) {
      if (endpoint.port == agent_port) {
        verdict.kind = Kind::reachable;
        return verdict;
      }
      verdict.kind = Kind::unreachable;
      verdict.message = fmt::format("the tracer sends to port {} on the node's IP, but the agent listens on {}", endpoint.port, agent_port);
      verdict.fix = fmt::format("set DD_TRACE_AGENT_PORT to {} (or remove it: 8126 is the default)", agent_port);
      return verdict;
    }
    verdict.kind = Kind::unreachable;
    verdict.message = fmt::format(
        "{} is the node's IP (status.hostIP), but the Datadog Agent opens no host port: traces to {}/v0.4/traces are refused "
        "(ConnectionRefusedError: failed to send traces to Datadog Agent)",
        endpoint.decided_by, endpoint.url());
    verdict.causes.push_back(describe_setting(agent, agent_source, agent.apm_port_enabled, "datadog.apm.portEnabled",
                                              "features.apm.hostPortConfig.enabled"));
    verdict.causes.push_back(describe_setting(agent, agent_source, agent.use_host_network, "agents.useHostNetwork",
                                              "override.nodeAgent.hostNetwork"));
    if (flag(agent.apm_socket_enabled, true)) {
      verdict.causes.push_back(fmt::format(
          "the agent's socket is on, but with {} set the tracer does not look for /var/run/datadog/apm.socket", endpoint.decided_by));
      verdict.fix = socket_fix(agent) + fmt::format("; or set datadog.apm.portEnabled: true in {}", agent_file(agent, agent_source));
    } else {
      verdict.fix = fmt::format("set datadog.apm.portEnabled: true in {}", agent_file(agent, agent_source));
    }
    return verdict;
  }
  if (is_loopback(endpoint.host)) {
    if (process.agent_sidecar || (process.host_network && flag(agent.use_host_network))) {
      verdict.kind = Kind::reachable;
      return verdict;
    }
    verdict.kind = Kind::unreachable;
    if (endpoint.decided_by == "default" || endpoint.decided_by == "defaults") {
      verdict.message = fmt::format(
          "no agent address is set and the agent's socket is not mounted, so the tracer sends to {}: that is the pod "
          "itself, and the agent runs in its own pod",
          endpoint.url());
    } else {
      verdict.message = fmt::format("{} sends the traces to {}: that is the pod itself, and the agent runs in its own pod",
                                    endpoint.decided_by, endpoint.url());
    }
    verdict.causes.push_back(fmt::format("the agent is deployed by {} as a DaemonSet, not as a container of this pod",
                                         agent_file(agent, agent_source)));
    verdict.fix = socket_fix(agent);
    return verdict;
  }
  // The chart's local Service (internalTrafficPolicy: Local) serves port 8126 of the node's agent.
  verdict.kind = is_cluster_service(endpoint.host) ? Kind::reachable : Kind::unknown;
  return verdict;
}

/// The agent container's value of an environment variable.
std::optional<std::string> agent_env(const core::Workload& agent, std::string_view name) {
  for (const auto& container : agent.containers) {
    for (const auto& var : container.env) {
      if (var.name == name && var.value) return var.value;
    }
  }
  return std::nullopt;
}

int compose_agent_port(const core::Workload& agent) {
  const auto port = agent_env(agent, "DD_APM_RECEIVER_PORT");
  if (!port) return 8126;
  int value = 0;
  const auto [end, error] = std::from_chars(port->data(), port->data() + port->size(), value);
  return error == std::errc() && end == port->data() + port->size() ? value : 8126;
}

bool publishes_to_host(const core::Workload& agent, int port) {
  for (const auto& container : agent.containers) {
    for (const auto& published : container.ports) {
      if (published.container_port == port && published.host_port) return true;
    }
  }
  return false;
}

}  // namespace

bool compose_socket_shared(const ProcessEnvironment& process, const core::Workload& agent, std::string_view socket_path) {
  if (!process.workload || !process.container) return false;
  const auto mount = mount_covering(*process.workload, *process.container, socket_path);
  if (!mount) return false;
  const auto agent_socket = agent_env(agent, "DD_APM_RECEIVER_SOCKET").value_or(std::string(kDefaultSocketPath));
  for (const auto& container : agent.containers) {
    const auto agent_mount = mount_covering(agent, container, agent_socket);
    if (agent_mount && agent_mount->host_path == mount->host_path) {
      // Same source on both sides: the file names must line up below it too.
      const auto app_relative = socket_path.substr(std::min(socket_path.size(), mount->mount_path.size()));
      const auto agent_relative = std::string_view(agent_socket).substr(std::min(agent_socket.size(), agent_mount->mount_path.size()));
      return app_relative == agent_relative;
    }
  }
  return false;
}

Reachability judge_compose_reachability(const AgentEndpoint& endpoint, const ProcessEnvironment& process,
                                        const core::Workload& agent) {
  Reachability verdict;
  verdict.subject = endpoint.where.path.empty() ? "agent URL" : endpoint.decided_by;
  verdict.where = endpoint.where.path.empty() ? process.where : endpoint.where;
  verdict.source = process.source;
  const auto agent_names = [&] {
    std::vector<std::string> names{agent.name};
    for (const auto& container : agent.containers) names.push_back(container.name);
    return names;
  }();
  const int port = compose_agent_port(agent);
  switch (endpoint.kind) {
    case AgentEndpoint::Kind::invalid:
      verdict.kind = Kind::invalid;
      return verdict;
    case AgentEndpoint::Kind::unix_socket:
      if (compose_socket_shared(process, agent, endpoint.socket_path)) {
        verdict.kind = Kind::reachable;
        return verdict;
      }
      verdict.kind = Kind::unreachable;
      verdict.message = fmt::format("the tracer sends to the socket {}, but the compose service '{}' shares no volume with the "
                                    "agent service '{}' there",
                                    endpoint.socket_path, process.workload ? process.workload->name : "", agent.name);
      verdict.fix = fmt::format("mount the same host directory (e.g. /var/run/datadog) into both services, or set "
                                "DD_AGENT_HOST={} instead",
                                agent.name);
      return verdict;
    case AgentEndpoint::Kind::http:
      break;
  }
  if (std::ranges::find(agent_names, endpoint.host) != agent_names.end()) {
    verdict.kind = endpoint.port == port ? Kind::reachable : Kind::unreachable;
    verdict.message = fmt::format("the tracer sends to port {} of '{}', but the agent receives traces on {}", endpoint.port,
                                  endpoint.host, port);
    verdict.fix = fmt::format("send to port {} (DD_TRACE_AGENT_PORT)", port);
    return verdict;
  }
  if (is_loopback(endpoint.host)) {
    const bool app_on_host = process.host_network;
    const bool agent_on_host = agent.host_network && agent.host_network->value;
    if (app_on_host && (agent_on_host || publishes_to_host(agent, port))) {
      verdict.kind = Kind::reachable;
      return verdict;
    }
    verdict.kind = Kind::unreachable;
    verdict.message = fmt::format(
        "the tracer sends to {}: inside the compose service '{}' that is its own container, and the agent is the compose "
        "service '{}'",
        endpoint.url(), process.workload ? process.workload->name : "", agent.name);
    if (endpoint.where.path.empty()) verdict.causes.push_back("no DD_AGENT_HOST or DD_TRACE_AGENT_URL is set: the tracer's default");
    verdict.fix = fmt::format("set DD_AGENT_HOST={} in the service's environment", agent.name);
    return verdict;
  }
  verdict.kind = Kind::unknown;  // host.docker.internal, an IP: outside the compose file
  return verdict;
}

std::string describe_setting(const core::DatadogAgentSettings& agent, const core::RepositoryRef& agent_source,
                             const std::optional<core::Located<bool>>& value, std::string_view chart_name,
                             std::string_view operator_name) {
  const auto name = agent.origin == Origin::operator_resource ? operator_name : chart_name;
  if (!value) return fmt::format("{} is not set in {}", name, agent_file(agent, agent_source));
  if (value->defaulted) return fmt::format("{} is {}: {}", name, value->value, chart_note(agent));
  return fmt::format("{} sets {}: {}", where_text(agent_source, value->where), name, value->value);
}

bool agent_socket_visible(const SocketMount& mount, const core::DatadogAgentSettings& agent, std::string_view socket_path) {
  if (mount.host_path.empty()) return true;  // the CSI driver serves the agent's own socket directory
  const auto agent_socket = agent.socket_path ? std::string_view(agent.socket_path->value) : kDefaultSocketPath;
  const auto agent_host = without_trailing_slash(agent.host_socket_path ? std::string_view(agent.host_socket_path->value)
                                                                        : std::string_view("/var/run/datadog"));
  // The agent's socket on the host, and the host file the container's path maps to.
  const auto host_file = fmt::format("{}/{}", agent_host, core::base_name(agent_socket));
  const auto relative = socket_path.substr(std::min(socket_path.size(), mount.mount_path.size()));
  const auto seen = fmt::format("{}{}", without_trailing_slash(mount.host_path), relative);
  return seen == host_file;
}

Reachability judge_reachability(const AgentEndpoint& endpoint, const ProcessEnvironment& process,
                                const core::DatadogAgentSettings& agent, const core::RepositoryRef& agent_source) {
  Reachability verdict;
  switch (endpoint.kind) {
    case AgentEndpoint::Kind::invalid:
      verdict.kind = Kind::invalid;
      verdict.message = endpoint.error;
      verdict.fix = "set DD_TRACE_AGENT_URL to http://HOST:PORT or unix:///var/run/datadog/apm.socket";
      break;
    case AgentEndpoint::Kind::unix_socket:
      verdict = judge_socket(endpoint, process, agent, agent_source);
      break;
    case AgentEndpoint::Kind::http:
      verdict = judge_http(endpoint, process, agent, agent_source);
      break;
  }
  verdict.subject = endpoint.where.path.empty() ? "agent URL" : endpoint.decided_by;
  if (const auto setting = process.env.find(endpoint.decided_by); setting != process.env.end() && !endpoint.where.path.empty()) {
    verdict.where = endpoint.where;
    verdict.source = setting->second.source;
  } else {
    verdict.where = process.where;
    verdict.source = process.source;
  }
  return verdict;
}

}  // namespace tracegate::rules
