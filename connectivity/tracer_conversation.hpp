// SPDX-License-Identifier: Apache-2.0
// What a tracer says to its agent at start-up and when it flushes its first traces, as the
// facts files describe it (../shared/data/agent-protocol.md "Request sequence",
// ../shared/data/agent-connectivity.md §3-4). Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "connectivity/http_client.hpp"
#include "connectivity/trace_payload.hpp"

namespace tracegate::connectivity {

/// The tracer to impersonate. The CLI fills it from the knowledge base (connectivity/ does not
/// depend on rules/).
struct TracerProfile {
  std::string language;  ///< python, java, php or nodejs (the Datadog-Meta-Lang value)
  std::string package;   ///< as named to the user: ddtrace, com.datadoghq:dd-java-agent, dd-trace
  std::string version;   ///< the tracer release
  std::string trace_endpoint = "/v0.4/traces";
  TraceEncoding encoding = TraceEncoding::kV04;
  /// Where the tracer sends traces when `trace_endpoint` answers 404 or 415 (ddtrace ≥2.4:
  /// /v0.5 → /v0.4); empty when it has no fallback.
  std::string fallback_endpoint;
  TraceEncoding fallback_encoding = TraceEncoding::kV04;
  bool uses_remote_config = true;
  std::string min_agent;  ///< the release's documented minimum agent version; empty when unknown
};

enum class StepKind { kInfo, kRemoteConfig, kTelemetry, kTraces };

struct ConversationStep {
  StepKind kind = StepKind::kTraces;
  std::string purpose;  ///< "feature discovery", "remote configuration poll", …
  HttpRequest request;
  /// A failure loses traces (the trace intake). Otherwise only `degrades` stops working.
  bool breaks_tracing = false;
  std::string degrades;
  /// Sent only when the trace step before it answered 404 or 415.
  bool fallback = false;
  /// Sent only when /info answered and lists the path (or did not answer): the tracer checks first.
  bool if_advertised = false;
  /// kTraces: what the payload holds, for the report.
  std::size_t traces = 0;
  std::size_t spans = 0;
};

struct Conversation {
  TracerProfile profile;
  std::vector<ConversationStep> steps;
};

/// The requests `profile`'s tracer makes, in order, with the headers real clients send and a
/// small valid trace payload (trace_encoder.hpp) whose spans start at `start_ns`.
///   python: GET /info, POST /v0.7/config (if advertised), PUT traces [+ fallback]
///   java:   GET /info, POST /v0.7/config (if advertised), PUT traces
///   nodejs: POST telemetry app-started, POST /v0.7/config, PUT /v0.4/traces
///   php:    PUT traces, POST telemetry app-started
Conversation conversation_for(const TracerProfile& profile, std::int64_t start_ns);

/// `msgpack-v0.4` / `msgpack-v0.5` (the knowledge base's names) and back.
std::string_view encoding_name(TraceEncoding encoding);
bool parse_encoding_name(std::string_view name, TraceEncoding& out);
/// The encoding a trace endpoint takes: /v0.5/traces → v0.5, anything else v0.4.
TraceEncoding encoding_for_endpoint(std::string_view endpoint);

}  // namespace tracegate::connectivity
