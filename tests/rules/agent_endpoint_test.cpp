// SPDX-License-Identifier: Apache-2.0
// Agent endpoint resolution with each tracer's precedence from the knowledge base.

#include <gtest/gtest.h>

#include "rules/agent_endpoint.hpp"
#include "rules/knowledge_base.hpp"

namespace tracegate::rules {
namespace {

const Tracer& tracer(std::string_view package) {
  static const LoadedKnowledge loaded = load_knowledge(builtin_knowledge_files());
  return *loaded.base.find_tracer(package);
}

EnvSetting literal(std::string value, int line = 0) { return {std::move(value), false, {"deploy.yaml", line, 11}}; }

AgentEndpoint resolve(std::string_view package, std::string_view version, const EnvSettings& env, bool socket = false) {
  auto endpoint = resolve_agent_endpoint(tracer(package), version, env, socket);
  EXPECT_TRUE(endpoint.has_value());
  return endpoint ? *endpoint : AgentEndpoint{};
}

TEST(AgentEndpoint, TheIncidentNodeIpFromTheDownwardApi) {
  const auto endpoint = resolve("ddtrace", "2.11.1", {{"DD_AGENT_HOST", {"", true, {"deploy.yaml", 31, 13}}}}, true);
  EXPECT_EQ(endpoint.url(), "http://<node-ip>:8126");
  EXPECT_TRUE(endpoint.host_is_node_ip);
  EXPECT_EQ(endpoint.decided_by, "DD_AGENT_HOST");
  EXPECT_EQ(endpoint.where.line, 31);  // setting DD_AGENT_HOST turns the socket detection off
}

TEST(AgentEndpoint, DefaultsSocketWhenMountedElseLocalhost) {
  EXPECT_EQ(resolve("ddtrace", "2.11.1", {}, true).url(), "unix:///var/run/datadog/apm.socket");
  EXPECT_EQ(resolve("ddtrace", "2.11.1", {}, false).url(), "http://localhost:8126");
  EXPECT_EQ(resolve("ddtrace", "2.11.1", {{"DD_TRACE_AGENT_PORT", literal("9126")}}, true).url(), "http://localhost:9126");
}

TEST(AgentEndpoint, UrlWinsAndIsValidated) {
  EXPECT_EQ(resolve("ddtrace", "2.11.1", {{"DD_TRACE_AGENT_URL", literal("unix:///var/run/datadog/apm.socket")},
                                          {"DD_AGENT_HOST", literal("10.0.0.1")}})
                .url(),
            "unix:///var/run/datadog/apm.socket");
  EXPECT_EQ(resolve("ddtrace", "2.11.1", {{"DD_TRACE_AGENT_URL", literal("http://agent.monitoring:8126")}}).url(),
            "http://agent.monitoring:8126");
  const auto bad = resolve("ddtrace", "2.11.1", {{"DD_TRACE_AGENT_URL", literal("tcp://agent:8126", 7)}});
  EXPECT_EQ(bad.kind, AgentEndpoint::Kind::invalid);
  EXPECT_NE(bad.error.find("unknown scheme 'tcp'"), std::string::npos) << bad.error;
  EXPECT_EQ(bad.where.line, 7);
  EXPECT_EQ(resolve("ddtrace", "2.11.1", {{"DD_TRACE_AGENT_URL", literal("http://agent:80x")}}).kind, AgentEndpoint::Kind::invalid);
  EXPECT_EQ(resolve("ddtrace", "2.11.1", {{"DD_TRACE_AGENT_URL", literal("agent:8126")}}).kind, AgentEndpoint::Kind::invalid);
}

TEST(AgentEndpoint, PythonPrecedenceSwappedIn330) {
  const EnvSettings both = {{"DD_AGENT_HOST", literal("new-style")}, {"DD_TRACE_AGENT_HOSTNAME", literal("legacy")}};
  EXPECT_EQ(resolve("ddtrace", "3.2.3", both).host, "new-style");
  EXPECT_EQ(resolve("ddtrace", "3.3.0", both).host, "legacy");
}

TEST(AgentEndpoint, PhpSelectsHostPortOnlyByHost) {
  EXPECT_EQ(resolve("datadog/dd-trace", "1.0.0", {{"DD_TRACE_AGENT_PORT", literal("9000")}}, true).url(),
            "unix:///var/run/datadog/apm.socket");
  EXPECT_EQ(resolve("datadog/dd-trace", "1.0.0", {{"DD_AGENT_HOST", literal("unix:///tmp/agent.sock")}}).url(),
            "unix:///tmp/agent.sock");
  EXPECT_EQ(resolve("datadog/dd-trace", "1.0.0", {{"DD_AGENT_HOST", literal("10.1.2.3")}, {"DD_TRACE_AGENT_PORT", literal("9000")}}).url(),
            "http://10.1.2.3:9000");
}

TEST(AgentEndpoint, JavaExplicitSocket) {
  EXPECT_EQ(resolve("com.datadoghq:dd-java-agent", "1.40.0",
                    {{"DD_TRACE_AGENT_UNIX_DOMAIN_SOCKET", literal("unix:///run/dd.sock")}, {"DD_AGENT_HOST", literal("h")}})
                .url(),
            "unix:///run/dd.sock");
}

TEST(AgentEndpoint, UnknownVersionIsAnError) {
  EXPECT_FALSE(resolve_agent_endpoint(tracer("ddtrace"), "0.1.0", {}, false).has_value());
}

}  // namespace
}  // namespace tracegate::rules
