// SPDX-License-Identifier: Apache-2.0
// The environment a service's process runs with, as far as the repositories say: its image's
// ENV, then the pod's envFrom ConfigMaps and env entries, then what the Datadog admission
// controller injects into a pod that opts in; and whether the agent's socket directory is
// mounted into the container.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "core/deployment.hpp"
#include "rules/agent_endpoint.hpp"
#include "rules/service_deployment.hpp"

namespace tracegate::rules {

/// The default agent socket (DD_APM_RECEIVER_SOCKET on the agent, the tracers' default socket).
inline constexpr std::string_view kDefaultSocketPath = "/var/run/datadog/apm.socket";

/// What the admission controller does to a pod (../shared/data/agent-connectivity.md §2).
struct AdmissionInjection {
  std::string mode;       ///< hostip | socket | service | csi
  std::string mode_from;  ///< "pod label …", "clusterAgent.admissionController.configMode", "derived: …"
  core::SourceLocation opted_in;  ///< the `admission.datadoghq.com/enabled` label, or mutateUnlabelled
};

/// Whether the admission controller of `agent` mutates the workload's pods, and in which mode.
std::optional<AdmissionInjection> admission_injection(const core::Workload& workload,
                                                      const core::DatadogAgentSettings& agent);

/// A volume mount that puts a host directory at the socket's directory.
struct SocketMount {
  std::string mount_path;
  std::string host_path;  ///< empty for the Datadog CSI driver (it serves the agent's socket directory)
  core::SourceLocation where;
  bool injected = false;  ///< by the admission controller (socket mode)
};

struct ProcessEnvironment {
  EnvSettings env;                  ///< the effective value of each variable
  std::set<std::string> unknown;    ///< variables set from a Secret or a missing ConfigMap: value not known
  std::optional<SocketMount> socket_mount;  ///< a mount covering kDefaultSocketPath's directory
  std::string socket_mount_problem;         ///< a mount there that is not a host directory (emptyDir, …)
  std::optional<AdmissionInjection> admission;
  bool agent_sidecar = false;  ///< a Datadog Agent container runs in the same pod
  bool host_network = false;
  core::SourceLocation where;  ///< the container (or values env block) to add settings to
  const core::RepositoryRef* source = nullptr;  ///< the repository of `where`
  const core::Workload* workload = nullptr;     ///< null for a values env block
  const core::Container* container = nullptr;
};

/// Builds the environment of `process` against one agent configuration (`agent` may be null:
/// no admission controller known).
ProcessEnvironment process_environment(const DeployedProcess& process, const ServiceDeployment& deployment,
                                       const std::vector<RepositoryDeploy>& fleet, const core::DatadogAgentSettings* agent);

/// Whether `mount` is the mount of a host directory holding the socket at `socket_path`.
std::optional<SocketMount> mount_covering(const core::Workload& workload, const core::Container& container,
                                          std::string_view socket_path);

}  // namespace tracegate::rules
