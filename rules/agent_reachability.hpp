// SPDX-License-Identifier: Apache-2.0
// The reachability model: does the endpoint a tracer resolved reach the Datadog Agent as its
// Helm values or DatadogAgent deploy it? On Kubernetes that is decided by the pod and host
// networking (host port, host network, the hostPath socket, the local Service), not by the
// agent's DD_APM_NON_LOCAL_TRAFFIC, which the chart always sets (agent-connectivity.md §1-2).
#pragma once

#include <string>
#include <vector>

#include "core/deployment.hpp"
#include "rules/agent_endpoint.hpp"
#include "rules/process_environment.hpp"

namespace tracegate::rules {

struct Reachability {
  enum class Kind { reachable, unreachable, invalid, unknown };
  Kind kind = Kind::unknown;
  std::string message;
  std::vector<std::string> causes;
  std::string fix;
  std::string subject;  ///< the variable that decided (DD_AGENT_HOST), or "default agent URL"
  core::SourceLocation where;
  const core::RepositoryRef* source = nullptr;
};

/// `url` is how the endpoint reads in messages; `agent_source` the repository of `agent`.
Reachability judge_reachability(const AgentEndpoint& endpoint, const ProcessEnvironment& process,
                                const core::DatadogAgentSettings& agent, const core::RepositoryRef& agent_source);

/// The same for a compose service, against the Datadog Agent service of its compose file.
Reachability judge_compose_reachability(const AgentEndpoint& endpoint, const ProcessEnvironment& process,
                                        const core::Workload& agent);

/// Whether the compose agent shares the host directory or named volume the app mounts at `socket_path`.
bool compose_socket_shared(const ProcessEnvironment& process, const core::Workload& agent, std::string_view socket_path);

/// "values.yaml:7 sets datadog.apm.portEnabled: false" or "datadog.apm.portEnabled is false by default in chart 3.240.0 (…)".
std::string describe_setting(const core::DatadogAgentSettings& agent, const core::RepositoryRef& agent_source,
                             const std::optional<core::Located<bool>>& value, std::string_view chart_name,
                             std::string_view operator_name);

/// Whether the socket the agent creates is what a container with `mount` sees at `socket_path`.
bool agent_socket_visible(const SocketMount& mount, const core::DatadogAgentSettings& agent, std::string_view socket_path);

}  // namespace tracegate::rules
