// SPDX-License-Identifier: Apache-2.0
// Each tracer's conversation: the requests, their order, headers and payloads (pure).
#include "connectivity/tracer_conversation.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tracegate::connectivity {
namespace {

constexpr std::int64_t kStart = 1'760'000'000'000'000'000;

TracerProfile python_2_11() {
  TracerProfile profile;
  profile.language = "python";
  profile.package = "ddtrace";
  profile.version = "2.11.1";
  profile.trace_endpoint = "/v0.5/traces";
  profile.encoding = TraceEncoding::kV05;
  profile.fallback_endpoint = "/v0.4/traces";
  profile.fallback_encoding = TraceEncoding::kV04;
  profile.min_agent = "7.28.0";
  return profile;
}

TracerProfile named(std::string language, std::string version) {
  TracerProfile profile;
  profile.language = std::move(language);
  profile.package = "x";
  profile.version = std::move(version);
  return profile;
}

std::vector<std::string> lines(const Conversation& conversation) {
  std::vector<std::string> out;
  for (const auto& step : conversation.steps) {
    out.push_back(step.request.method + " " + step.request.path + (step.fallback ? " (fallback)" : ""));
  }
  return out;
}

std::string header(const ConversationStep& step, std::string_view name) {
  for (const auto& [key, value] : step.request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

TEST(TracerConversation, PythonReadsInfoPollsConfigAndFallsBack) {
  const auto conversation = conversation_for(python_2_11(), kStart);
  EXPECT_EQ(lines(conversation), (std::vector<std::string>{"GET /info", "POST /v0.7/config", "PUT /v0.5/traces",
                                                           "PUT /v0.4/traces (fallback)"}));
  const auto& steps = conversation.steps;
  EXPECT_FALSE(steps[0].breaks_tracing);
  EXPECT_FALSE(steps[1].breaks_tracing);
  EXPECT_TRUE(steps[1].if_advertised);
  EXPECT_NE(steps[1].degrades.find("remote configuration"), std::string::npos);
  EXPECT_TRUE(steps[2].breaks_tracing);
  EXPECT_TRUE(steps[3].breaks_tracing);

  // The trace request carries the headers real clients send and a payload for its endpoint.
  const auto& traces = steps[2];
  EXPECT_EQ(header(traces, "Content-Type"), "application/msgpack");
  EXPECT_EQ(header(traces, "Datadog-Meta-Lang"), "python");
  EXPECT_EQ(header(traces, "Datadog-Meta-Tracer-Version"), "2.11.1");
  EXPECT_EQ(header(traces, "Datadog-Meta-Lang-Interpreter"), "CPython");
  EXPECT_NE(header(traces, "Datadog-Meta-Lang-Version"), "<absent>");
  EXPECT_EQ(header(traces, "X-Datadog-Trace-Count"), "1");
  const auto v05 = decode_trace_payload(TraceEncoding::kV05, traces.request.body);
  ASSERT_TRUE(v05) << v05.error().message;
  EXPECT_EQ(v05->spans, 2U);
  const auto v04 = decode_trace_payload(TraceEncoding::kV04, steps[3].request.body);
  ASSERT_TRUE(v04) << v04.error().message;
  EXPECT_EQ(v04->spans, 2U);

  const auto config = nlohmann::json::parse(steps[1].request.body);
  EXPECT_EQ(config["client"]["client_tracer"]["language"], "python");
  EXPECT_EQ(config["client"]["client_tracer"]["tracer_version"], "2.11.1");
}

TEST(TracerConversation, PythonBefore24SendsV04WithoutFallback) {
  TracerProfile profile = named("python", "2.1.2");
  const auto conversation = conversation_for(profile, kStart);
  EXPECT_EQ(lines(conversation), (std::vector<std::string>{"GET /info", "POST /v0.7/config", "PUT /v0.4/traces"}));
}

TEST(TracerConversation, JavaReadsInfoFirst) {
  const auto conversation = conversation_for(named("java", "1.38.0"), kStart);
  EXPECT_EQ(lines(conversation), (std::vector<std::string>{"GET /info", "POST /v0.7/config", "PUT /v0.4/traces"}));
  EXPECT_FALSE(conversation.steps[0].breaks_tracing);  // Java falls back to probing when /info fails
  EXPECT_EQ(header(conversation.steps[2], "Datadog-Meta-Lang"), "java");
}

TEST(TracerConversation, NodeStartsWithTelemetryAndPollsConfigBlindly) {
  const auto conversation = conversation_for(named("nodejs", "5.132.0"), kStart);
  EXPECT_EQ(lines(conversation), (std::vector<std::string>{"POST /telemetry/proxy/api/v2/apmtelemetry",
                                                           "POST /v0.7/config", "PUT /v0.4/traces"}));
  const auto& telemetry = conversation.steps[0];
  EXPECT_FALSE(telemetry.breaks_tracing);
  EXPECT_EQ(header(telemetry, "DD-Client-Library-Language"), "nodejs");
  EXPECT_EQ(header(telemetry, "DD-Client-Library-Version"), "5.132.0");
  EXPECT_EQ(header(telemetry, "dd-telemetry-api-version"), "v2");
  EXPECT_EQ(header(telemetry, "dd-telemetry-request-type"), "app-started");
  EXPECT_EQ(nlohmann::json::parse(telemetry.request.body)["request_type"], "app-started");
  EXPECT_FALSE(conversation.steps[1].if_advertised);
  EXPECT_EQ(header(conversation.steps[2], "Datadog-Meta-Lang-Interpreter"), "v8");
}

TEST(TracerConversation, PhpSendsTracesThenTelemetry) {
  const auto conversation = conversation_for(named("php", "1.4.0"), kStart);
  EXPECT_EQ(lines(conversation),
            (std::vector<std::string>{"PUT /v0.4/traces", "POST /telemetry/proxy/api/v2/apmtelemetry"}));
}

TEST(TracerConversation, RemoteConfigurationCanBeLeftOut) {
  TracerProfile profile = python_2_11();
  profile.uses_remote_config = false;
  const auto conversation = conversation_for(profile, kStart);
  for (const auto& step : conversation.steps) EXPECT_NE(step.kind, StepKind::kRemoteConfig);
}

TEST(TracerConversation, EncodingNames) {
  TraceEncoding encoding = TraceEncoding::kV04;
  EXPECT_TRUE(parse_encoding_name("msgpack-v0.5", encoding));
  EXPECT_EQ(encoding, TraceEncoding::kV05);
  EXPECT_FALSE(parse_encoding_name("json", encoding));
  EXPECT_EQ(encoding_name(TraceEncoding::kV04), "msgpack-v0.4");
  EXPECT_EQ(encoding_for_endpoint("/v0.5/traces"), TraceEncoding::kV05);
  EXPECT_EQ(encoding_for_endpoint("/v0.4/traces"), TraceEncoding::kV04);
}

TEST(TracerConversation, IsPure) {
  const auto a = conversation_for(python_2_11(), kStart);
  const auto b = conversation_for(python_2_11(), kStart);
  ASSERT_EQ(a.steps.size(), b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) EXPECT_EQ(a.steps[i].request.body, b.steps[i].request.body);
}

}  // namespace
}  // namespace tracegate::connectivity
