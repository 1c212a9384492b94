// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace tracegate::connectivity {

/// A Datadog Agent release, as in an image tag (`7.81.1`, `7.81.1-jmx`).
struct AgentVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;
  auto operator<=>(const AgentVersion&) const = default;
};

/// The Datadog Helm chart's default `agents.image.tag` (chart 3.240.0; ../shared/data/agent-connectivity.md §1).
inline constexpr std::string_view kDefaultAgentVersion = "7.81.1";

/// Parses `MAJOR.MINOR.PATCH`, a leading `v` and a `-suffix` (image variants, release candidates) allowed.
core::Result<AgentVersion> parse_agent_version(std::string_view text);

std::string to_string(const AgentVersion& version);

/// The endpoints the trace agent of `version` lists in `/info`, in the agent's order.
std::vector<std::string> advertised_endpoints(const AgentVersion& version);

/// Whether a request to `path` reaches a handler on that agent: an advertised endpoint, or one
/// below an advertised prefix (`/telemetry/proxy/`, `/evp_proxy/v2/`).
bool serves_path(const std::vector<std::string>& endpoints, std::string_view path);

}  // namespace tracegate::connectivity
