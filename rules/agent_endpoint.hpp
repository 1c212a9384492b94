// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/repository_ref.hpp"
#include "core/source_location.hpp"
#include "rules/knowledge_base.hpp"

namespace tracegate::rules {

/// One environment variable as a deployment sets it: a literal value, or a value the
/// platform fills in (the downward API's `status.hostIP` is the node's IP).
struct EnvSetting {
  std::string value;          ///< literal value; empty when `from_host_ip`
  bool from_host_ip = false;  ///< valueFrom.fieldRef.fieldPath: status.hostIP
  core::SourceLocation where;
  const core::RepositoryRef* source = nullptr;  ///< the repository of `where`; null when not known
};
using EnvSettings = std::map<std::string, EnvSetting, std::less<>>;

/// Where a tracer release sends traces, given the environment of its process.
struct AgentEndpoint {
  enum class Kind { http, unix_socket, invalid };
  Kind kind = Kind::http;
  std::string host;         ///< http: the host as set ("localhost", "10.0.0.7"); "<node-ip>" when from the host IP
  int port = 0;             ///< http
  std::string socket_path;  ///< unix_socket
  bool host_is_node_ip = false;
  std::string decided_by;   ///< "DD_TRACE_AGENT_URL", "DD_AGENT_HOST", "default socket", "default"
  core::SourceLocation where;  ///< the env entry that decided it; empty for defaults
  std::string error;        ///< invalid: what is wrong ("unknown scheme 'tcp'")

  /// "http://<node-ip>:8126", "unix:///var/run/datadog/apm.socket".
  std::string url() const;
};

/// Resolves the agent endpoint with the tracer's precedence for `version` (the knowledge
/// base's agent_url order for that range). `socket_exists` says whether the default socket
/// path is present in the container (a mounted /var/run/datadog). Error when the knowledge
/// base has no order for that version.
core::Result<AgentEndpoint> resolve_agent_endpoint(const Tracer& tracer, std::string_view version, const EnvSettings& env,
                                                   bool socket_exists);

}  // namespace tracegate::rules
