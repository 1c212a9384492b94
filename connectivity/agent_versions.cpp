// SPDX-License-Identifier: Apache-2.0
// Which endpoints an agent version advertises. The source is ../shared/data/agent-connectivity.md §3
// (datadog-agent pkg/trace/api/endpoints.go at its newest version, compared with the older commit
// 677711e9, plus the agent versions tracers and docs name for single endpoints). Thresholds that no
// source confirms are marked UNVERIFIED: change them here when a source is found.
#include "connectivity/agent_versions.hpp"

#include <charconv>

namespace tracegate::connectivity {

namespace {

struct Endpoint {
  std::string_view path;
  AgentVersion since;  ///< first agent version that serves it
};

// Order as in endpoints.go. {6,0,0} means "as old as anything modelled here".
constexpr Endpoint kEndpoints[] = {
    {"/v0.3/traces", {6, 0, 0}},
    {"/v0.3/services", {6, 0, 0}},
    {"/v0.4/traces", {6, 0, 0}},
    {"/v0.4/services", {6, 0, 0}},
    {"/v0.5/traces", {6, 0, 0}},         // introduction version UNVERIFIED
    {"/v0.7/traces", {6, 0, 0}},         // introduction version UNVERIFIED
    {"/profiling/v1/input", {6, 0, 0}},  // introduction version UNVERIFIED
    {"/telemetry/proxy/", {6, 0, 0}},    // only when telemetry is enabled (default); version UNVERIFIED
    {"/v0.6/stats", {6, 0, 0}},          // introduction version UNVERIFIED
    // Data Streams Monitoring: "Agent >= 7.34.0" (docs.datadoghq.com/data_streams/setup/technologies/bullmq).
    {"/v0.1/pipeline_stats", {7, 34, 0}},
    // Missing from commit 677711e9, present at the newest read: among the most recent additions.
    // The release that brought them is UNVERIFIED; 7.65.0 is a stand-in, below the chart default 7.81.1.
    {"/openlineage/api/v1/lineage", {7, 65, 0}},
    {"/evp_proxy/v1/", {6, 0, 0}},  // version UNVERIFIED
    {"/evp_proxy/v2/", {6, 0, 0}},  // version UNVERIFIED
    {"/evp_proxy/v3/", {6, 0, 0}},  // version UNVERIFIED
    {"/evp_proxy/v4/", {7, 65, 0}},  // recent addition, see above (UNVERIFIED threshold)
    // Dynamic Instrumentation docs: Agent 7.45.0.
    {"/debugger/v1/input", {7, 45, 0}},
    // ddtrace-py ddtrace/debugging/_uploader.py L141: "upgrade to 7.49.0".
    {"/debugger/v1/diagnostics", {7, 49, 0}},
    {"/debugger/v2/input", {7, 65, 0}},  // recent addition, see above (UNVERIFIED threshold)
    {"/symdb/v1/input", {6, 0, 0}},      // version UNVERIFIED
    {"/dogstatsd/v1/proxy", {6, 0, 0}},  // deprecated; version UNVERIFIED
    {"/dogstatsd/v2/proxy", {6, 0, 0}},  // version UNVERIFIED
    {"/tracer_flare/v1", {7, 65, 0}},    // recent addition, see above (UNVERIFIED threshold)
    // Attached at run time when remote configuration is on (its default). ddtrace-py
    // remoteconfig/worker.py L69: "Agent running on 7.39.1 or above".
    {"/v0.7/config", {7, 39, 1}},
    // /v1.0/traces is left out: only listed when cfg.EnableV1TraceEndpoint is set.
};

bool parse_int(std::string_view text, int& out) {
  if (text.empty() || text.size() > 6) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

core::Result<AgentVersion> parse_agent_version(std::string_view text) {
  std::string_view rest = text;
  if (rest.starts_with('v')) rest.remove_prefix(1);
  if (const auto dash = rest.find('-'); dash != std::string_view::npos) rest = rest.substr(0, dash);
  AgentVersion version;
  const auto first = rest.find('.');
  const auto second = first == std::string_view::npos ? first : rest.find('.', first + 1);
  if (second == std::string_view::npos || !parse_int(rest.substr(0, first), version.major) ||
      !parse_int(rest.substr(first + 1, second - first - 1), version.minor) ||
      !parse_int(rest.substr(second + 1), version.patch)) {
    return core::fail("not an agent version (want MAJOR.MINOR.PATCH): '" + std::string(text) + "'");
  }
  return version;
}

std::string to_string(const AgentVersion& version) {
  return std::to_string(version.major) + '.' + std::to_string(version.minor) + '.' + std::to_string(version.patch);
}

std::vector<std::string> advertised_endpoints(const AgentVersion& version) {
  std::vector<std::string> endpoints;
  for (const auto& endpoint : kEndpoints) {
    if (version >= endpoint.since) endpoints.emplace_back(endpoint.path);
  }
  return endpoints;
}

bool serves_path(const std::vector<std::string>& endpoints, std::string_view path) {
  for (const auto& endpoint : endpoints) {
    if (endpoint.ends_with('/') ? path.starts_with(endpoint) : path == endpoint) return true;
  }
  return false;
}

}  // namespace tracegate::connectivity
