// SPDX-License-Identifier: Apache-2.0
// Each tracer's start-up conversation, from ../shared/data/agent-protocol.md (dd-trace for Node,
// observed on loopback) and ../shared/data/agent-connectivity.md §3-4 (Java reads /info first and
// uses /v0.7/config when advertised; ddtrace-py polls /v0.7/config after checking /info, per its
// remoteconfig/worker.py, and falls back from v0.5 to v0.4 on 404/415). The runtime versions in the
// Datadog-Meta-Lang-* headers are representative values: the agent only records them.
#include "connectivity/tracer_conversation.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "connectivity/trace_encoder.hpp"

namespace tracegate::connectivity {

namespace {

struct Runtime {
  std::string_view version;
  std::string_view interpreter;
};

Runtime runtime_of(std::string_view language) {
  if (language == "python") return {"3.12.4", "CPython"};
  if (language == "java") return {"17.0.12", "OpenJDK 64-Bit Server VM"};
  if (language == "php") return {"8.2.20", "fpm-fcgi"};
  return {"20.11.1", "v8"};  // nodejs
}

/// A runtime id in the UUID shape tracers use, derived from the start time (pure, but distinct per run).
std::string runtime_id(std::int64_t start_ns) {
  const auto seed = static_cast<std::uint64_t>(start_ns) * 0x9e3779b97f4a7c15ULL;
  return fmt::format("{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}", seed >> 32, (seed >> 16) & 0xffff, seed & 0xfff,
                     (seed >> 20) & 0xfff, (seed ^ 0x5bd1e995ULL) & 0xffffffffffffULL);
}

ConversationStep info_step() {
  ConversationStep step;
  step.kind = StepKind::kInfo;
  step.purpose = "feature discovery";
  step.degrades = "feature discovery (the tracer falls back to its defaults)";
  step.request = {"GET", "/info", {}, {}};
  return step;
}

ConversationStep remote_config_step(const TracerProfile& profile, const std::string& id) {
  const nlohmann::json body = {
      {"client",
       {{"state", {{"root_version", 1}, {"targets_version", 0}, {"config_states", nlohmann::json::array()},
                   {"has_error", false}}},
        {"id", id},
        {"products", {"APM_TRACING"}},
        {"is_tracer", true},
        {"client_tracer", {{"runtime_id", id}, {"language", profile.language}, {"tracer_version", profile.version},
                           {"service", "tracegate-probe"}, {"env", "tracegate-probe"}, {"app_version", ""}}},
        {"capabilities", "AA=="}}},
      {"cached_target_files", nlohmann::json::array()}};
  ConversationStep step;
  step.kind = StepKind::kRemoteConfig;
  step.purpose = "remote configuration poll";
  step.degrades = "remote configuration (settings changed in the Datadog UI never reach the service)";
  step.request = {"POST", "/v0.7/config", {{"Content-Type", "application/json"}}, body.dump()};
  return step;
}

ConversationStep telemetry_step(const TracerProfile& profile, const std::string& id, std::int64_t start_ns) {
  const Runtime runtime = runtime_of(profile.language);
  const nlohmann::json body = {
      {"api_version", "v2"},
      {"request_type", "app-started"},
      {"tracer_time", start_ns / 1'000'000'000},
      {"runtime_id", id},
      {"seq_id", 1},
      {"debug", false},
      {"application", {{"service_name", "tracegate-probe"}, {"env", "tracegate-probe"}, {"service_version", ""},
                       {"tracer_version", profile.version}, {"language_name", profile.language},
                       {"language_version", runtime.version}, {"runtime_name", runtime.interpreter},
                       {"runtime_version", runtime.version}}},
      {"host", {{"hostname", "tracegate-probe"}, {"os", "Linux"}}},
      {"payload", {{"configuration", nlohmann::json::array()}, {"products", nlohmann::json::object()}}}};
  ConversationStep step;
  step.kind = StepKind::kTelemetry;
  step.purpose = "telemetry app-started";
  step.degrades = "instrumentation telemetry";
  step.request = {"POST",
                  "/telemetry/proxy/api/v2/apmtelemetry",
                  {{"Content-Type", "application/json"},
                   {"DD-Client-Library-Language", profile.language},
                   {"DD-Client-Library-Version", profile.version},
                   {"dd-telemetry-api-version", "v2"},
                   {"dd-telemetry-request-type", "app-started"},
                   {"dd-session-id", id}},
                  body.dump()};
  return step;
}

ConversationStep traces_step(const TracerProfile& profile, const std::string& endpoint, TraceEncoding encoding,
                             std::int64_t start_ns) {
  const Runtime runtime = runtime_of(profile.language);
  const std::vector<Trace> traces = {probe_trace(start_ns)};
  ConversationStep step;
  step.kind = StepKind::kTraces;
  step.purpose = fmt::format("traces ({})", encoding_name(encoding));
  step.breaks_tracing = true;
  step.degrades = "tracing (every span is dropped)";
  step.traces = traces.size();
  step.spans = traces.front().size();
  step.request = {"PUT",
                  endpoint,
                  {{"Content-Type", "application/msgpack"},
                   {"Datadog-Meta-Lang", profile.language},
                   {"Datadog-Meta-Lang-Version", std::string(runtime.version)},
                   {"Datadog-Meta-Lang-Interpreter", std::string(runtime.interpreter)},
                   {"Datadog-Meta-Tracer-Version", profile.version},
                   {"X-Datadog-Trace-Count", std::to_string(traces.size())}},
                  encode_traces(encoding, traces)};
  return step;
}

void add_traces(Conversation& conversation, std::int64_t start_ns) {
  const TracerProfile& profile = conversation.profile;
  conversation.steps.push_back(traces_step(profile, profile.trace_endpoint, profile.encoding, start_ns));
  if (!profile.fallback_endpoint.empty() && profile.fallback_endpoint != profile.trace_endpoint) {
    auto fallback = traces_step(profile, profile.fallback_endpoint, profile.fallback_encoding, start_ns);
    fallback.fallback = true;
    fallback.purpose += ", fallback";
    conversation.steps.push_back(std::move(fallback));
  }
}

}  // namespace

std::string_view encoding_name(TraceEncoding encoding) {
  return encoding == TraceEncoding::kV05 ? "msgpack-v0.5" : "msgpack-v0.4";
}

bool parse_encoding_name(std::string_view name, TraceEncoding& out) {
  if (name == "msgpack-v0.4") {
    out = TraceEncoding::kV04;
    return true;
  }
  if (name == "msgpack-v0.5") {
    out = TraceEncoding::kV05;
    return true;
  }
  return false;
}

TraceEncoding encoding_for_endpoint(std::string_view endpoint) {
  return endpoint == "/v0.5/traces" ? TraceEncoding::kV05 : TraceEncoding::kV04;
}

Conversation conversation_for(const TracerProfile& profile, std::int64_t start_ns) {
  Conversation conversation;
  conversation.profile = profile;
  const std::string id = runtime_id(start_ns);
  auto remote_config = [&](bool if_advertised) {
    if (!profile.uses_remote_config) return;
    auto step = remote_config_step(profile, id);
    step.if_advertised = if_advertised;
    conversation.steps.push_back(std::move(step));
  };
  if (profile.language == "python" || profile.language == "java") {
    conversation.steps.push_back(info_step());
    remote_config(true);
    add_traces(conversation, start_ns);
  } else if (profile.language == "php") {
    add_traces(conversation, start_ns);
    conversation.steps.push_back(telemetry_step(profile, id, start_ns));
  } else {  // nodejs: no /info at start-up; polls /v0.7/config blindly
    conversation.steps.push_back(telemetry_step(profile, id, start_ns));
    remote_config(false);
    add_traces(conversation, start_ns);
  }
  return conversation;
}

}  // namespace tracegate::connectivity
