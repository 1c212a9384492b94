// SPDX-License-Identifier: Apache-2.0
// The probe's verdicts: the in-process simulated agent with each fault, a Unix-socket server,
// a port nothing listens on, and judge_probe on hand-made runs (the v0.5 → v0.4 fallback).
#include "connectivity/agent_probe.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <mutex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "connectivity/agent_simulator.hpp"
#include "tests/connectivity/unix_http_server.hpp"

namespace tracegate::connectivity {
namespace {

constexpr std::int64_t kStart = 1'760'000'000'000'000'000;

TracerProfile ddtrace_2_11() {
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

TracerProfile node_5() {
  TracerProfile profile;
  profile.language = "nodejs";
  profile.package = "dd-trace";
  profile.version = "5.132.0";
  return profile;
}

/// The simulated agent on a free loopback port, its log lines collected.
class Agent {
 public:
  explicit Agent(Fault fault = Fault::kNone, std::string_view version = kDefaultAgentVersion,
                 std::chrono::milliseconds slow_delay = std::chrono::milliseconds(1500)) {
    SimulatorOptions options;
    options.version = *parse_agent_version(version);
    options.fault = fault;
    options.slow_delay = slow_delay;
    options.log = [this](std::string_view line) {
      const std::lock_guard lock(mutex_);
      lines_.push_back(nlohmann::json::parse(line));
    };
    simulator_ = std::make_unique<AgentSimulator>(std::move(options));
    const auto port = simulator_->start();
    EXPECT_TRUE(port) << port.error().message;
    port_ = port.value_or(0);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<nlohmann::json> lines() {
    simulator_->stop();
    const std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  std::mutex mutex_;
  std::vector<nlohmann::json> lines_;
  std::unique_ptr<AgentSimulator> simulator_;
  int port_ = 0;
};

struct Probed {
  Conversation conversation;  // the run's steps point into it
  ProbeReport report;
};

std::unique_ptr<Probed> probe(const std::string& url, const TracerProfile& profile = ddtrace_2_11(),
                              std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
  auto probed = std::make_unique<Probed>();
  probed->conversation = conversation_for(profile, kStart);
  const auto address = parse_agent_address(url);
  EXPECT_TRUE(address) << url;
  auto report = probe_agent(*address, probed->conversation, {timeout, timeout});
  EXPECT_TRUE(report);
  if (report) probed->report = std::move(*report);
  return probed;
}

const core::Finding* find(const std::vector<core::Finding>& findings, std::string_view check, std::string_view subject_end) {
  const auto it = std::ranges::find_if(findings, [&](const core::Finding& f) {
    return f.check_id == check && f.subject.ends_with(subject_end);
  });
  return it == findings.end() ? nullptr : &*it;
}

std::string dump(const std::vector<core::Finding>& findings) {
  std::string text;
  for (const auto& f : findings) {
    text += std::string(core::to_string(f.severity)) + " [" + f.check_id + "] " + f.subject + ": " + f.message + "\n";
  }
  return text;
}

TEST(AgentProbe, HealthyAgentHasNoFindings) {
  Agent agent;
  const auto probed = probe(agent.url());
  EXPECT_TRUE(probed->report.findings.empty()) << dump(probed->report.findings);
  const auto& steps = probed->report.run.steps;
  ASSERT_EQ(steps.size(), 3U);  // the fallback is not needed
  for (const auto& step : steps) {
    EXPECT_TRUE(step.sent);
    EXPECT_EQ(step.outcome.status, 200) << step.step->request.path;
  }
  ASSERT_TRUE(probed->report.run.info);
  EXPECT_EQ(probed->report.run.info->version, kDefaultAgentVersion);

  // The agent decoded the payload and saw the tracer's headers.
  const auto lines = agent.lines();
  const auto traces = std::ranges::find_if(lines, [](const auto& line) { return line["endpoint"] == "/v0.5/traces"; });
  ASSERT_NE(traces, lines.end());
  EXPECT_EQ((*traces)["verdict"], "accepted");
  EXPECT_EQ((*traces)["method"], "PUT");
  EXPECT_EQ((*traces)["spans"], 2);
  EXPECT_EQ((*traces)["tracer_language"], "python");
  EXPECT_EQ((*traces)["tracer_version"], "2.11.1");
  EXPECT_EQ((*traces)["services"], nlohmann::json::array({"tracegate-probe"}));
}

TEST(AgentProbe, NodeConversationAgainstAHealthyAgent) {
  Agent agent;
  const auto probed = probe(agent.url(), node_5());
  EXPECT_TRUE(probed->report.findings.empty()) << dump(probed->report.findings);
  const auto lines = agent.lines();
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0]["tracer_language"], "nodejs");  // from DD-Client-Library-Language
  EXPECT_EQ(lines[2]["endpoint"], "/v0.4/traces");
  EXPECT_EQ(lines[2]["verdict"], "accepted");
}

TEST(AgentProbe, RefusedConnectionIsUnreachable) {
  Agent agent(Fault::kRefuse);
  const auto probed = probe(agent.url());
  const auto& findings = probed->report.findings;
  ASSERT_EQ(findings.size(), 1U) << dump(findings);
  EXPECT_EQ(findings[0].check_id, "agent-unreachable");
  EXPECT_EQ(findings[0].severity, core::Severity::error);
  EXPECT_TRUE(findings[0].subject.ends_with("/v0.5/traces"));
  EXPECT_NE(findings[0].message.find("Connection refused"), std::string::npos);
  EXPECT_NE(findings[0].message.find("failed to send traces to Datadog Agent at"), std::string::npos);
  ASSERT_TRUE(findings[0].fix);
  EXPECT_NE(findings[0].fix->find("datadog.apm.portEnabled"), std::string::npos);
  // Nothing more is sent once the connection is refused.
  const auto& steps = probed->report.run.steps;
  EXPECT_TRUE(steps[0].sent);
  EXPECT_FALSE(steps.back().sent);
}

TEST(AgentProbe, PortWithNothingListeningIsRefused) {
  int port = 0;
  {
    const testing::Fd socket(::socket(AF_INET, SOCK_STREAM, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(socket.get(), reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    socklen_t size = sizeof(address);
    ASSERT_EQ(::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&address), &size), 0);
    port = ntohs(address.sin_port);
  }  // closed: nothing listens there now
  const auto probed = probe("http://127.0.0.1:" + std::to_string(port));
  const auto& findings = probed->report.findings;
  ASSERT_EQ(findings.size(), 1U) << dump(findings);
  EXPECT_EQ(findings[0].check_id, "agent-unreachable");
  EXPECT_EQ(probed->report.run.steps[0].outcome.kind, HttpOutcome::Kind::kRefused);
}

TEST(AgentProbe, NotFoundEverywhereIsAMissingEndpoint) {
  Agent agent(Fault::kNotFound);
  const auto probed = probe(agent.url());
  const auto& findings = probed->report.findings;
  const auto* traces = find(findings, "agent-endpoint-missing", "/v0.5/traces");
  ASSERT_NE(traces, nullptr) << dump(findings);
  EXPECT_EQ(traces->severity, core::Severity::error);
  EXPECT_NE(traces->message.find("/v0.4/traces"), std::string::npos);  // the fallback failed too
  EXPECT_NE(traces->message.find("too old"), std::string::npos);
  EXPECT_EQ(find(findings, "agent-endpoint-missing", "/v0.4/traces"), nullptr);  // one finding for both
  const auto* config = find(findings, "agent-endpoint-missing", "/v0.7/config");
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->severity, core::Severity::warning);
  const auto* info = find(findings, "agent-endpoint-missing", "/info");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->severity, core::Severity::warning);
  // Both trace endpoints were tried.
  EXPECT_EQ(probed->report.run.steps.size(), 4U);
}

TEST(AgentProbe, TooLargeNamesMaxRequestBytes) {
  Agent agent(Fault::kTooLarge);
  const auto probed = probe(agent.url());
  const auto* traces = find(probed->report.findings, "agent-request-failed", "/v0.5/traces");
  ASSERT_NE(traces, nullptr) << dump(probed->report.findings);
  EXPECT_EQ(traces->severity, core::Severity::error);
  EXPECT_NE(traces->message.find("413"), std::string::npos);
  EXPECT_NE(traces->message.find("max_request_bytes"), std::string::npos);
  const auto* config = find(probed->report.findings, "agent-request-failed", "/v0.7/config");
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->severity, core::Severity::warning);
}

TEST(AgentProbe, RateLimitedIsOverload) {
  Agent agent(Fault::kRateLimited);
  const auto probed = probe(agent.url());
  const auto* traces = find(probed->report.findings, "agent-request-failed", "/v0.5/traces");
  ASSERT_NE(traces, nullptr) << dump(probed->report.findings);
  EXPECT_EQ(traces->severity, core::Severity::error);
  EXPECT_NE(traces->message.find("429"), std::string::npos);
  EXPECT_NE(traces->message.find("overloaded"), std::string::npos);
}

TEST(AgentProbe, ServerErrorIsAnAgentError) {
  Agent agent(Fault::kServerError);
  const auto probed = probe(agent.url());
  const auto* traces = find(probed->report.findings, "agent-request-failed", "/v0.5/traces");
  ASSERT_NE(traces, nullptr) << dump(probed->report.findings);
  EXPECT_EQ(traces->severity, core::Severity::error);
  EXPECT_NE(traces->message.find("500"), std::string::npos);
  EXPECT_FALSE(traces->causes.empty());
}

TEST(AgentProbe, ResetIsUnreachable) {
  Agent agent(Fault::kReset);
  const auto probed = probe(agent.url());
  const auto& findings = probed->report.findings;
  ASSERT_EQ(findings.size(), 1U) << dump(findings);
  EXPECT_EQ(findings[0].check_id, "agent-unreachable");
  EXPECT_EQ(findings[0].severity, core::Severity::error);
  EXPECT_NE(findings[0].message.find("reset"), std::string::npos);
}

TEST(AgentProbe, SlowAgentTimesOut) {
  Agent agent(Fault::kSlow, kDefaultAgentVersion, std::chrono::milliseconds(1500));
  const auto probed = probe(agent.url(), ddtrace_2_11(), std::chrono::milliseconds(200));
  const auto& findings = probed->report.findings;
  ASSERT_EQ(findings.size(), 1U) << dump(findings);
  EXPECT_EQ(findings[0].check_id, "agent-unreachable");
  EXPECT_EQ(findings[0].severity, core::Severity::error);
  EXPECT_NE(findings[0].message.find("within 200 ms"), std::string::npos);
  for (const auto& step : probed->report.run.steps) EXPECT_EQ(step.outcome.kind, HttpOutcome::Kind::kTimeout);
}

TEST(AgentProbe, OldAgentWithoutRemoteConfigurationIsAWarning) {
  Agent agent(Fault::kNone, "7.30.0");
  const auto probed = probe(agent.url());
  const auto& findings = probed->report.findings;
  ASSERT_EQ(findings.size(), 1U) << dump(findings);
  EXPECT_EQ(findings[0].check_id, "agent-endpoint-missing");
  EXPECT_EQ(findings[0].severity, core::Severity::warning);
  EXPECT_TRUE(findings[0].subject.ends_with("/v0.7/config"));
  EXPECT_NE(findings[0].message.find("remote configuration"), std::string::npos);
  ASSERT_TRUE(findings[0].fix);
  EXPECT_NE(findings[0].fix->find("7.39.1"), std::string::npos);
  // ddtrace checks /info first, so it never polls.
  EXPECT_FALSE(probed->report.run.steps[1].sent);

  // dd-trace for Node polls blindly and gets a 404.
  Agent old_again(Fault::kNone, "7.30.0");
  const auto node = probe(old_again.url(), node_5());
  const auto* config = find(node->report.findings, "agent-endpoint-missing", "/v0.7/config");
  ASSERT_NE(config, nullptr) << dump(node->report.findings);
  EXPECT_EQ(config->severity, core::Severity::warning);
  EXPECT_EQ(node->report.findings.size(), 1U) << dump(node->report.findings);
}

TEST(AgentProbe, UnixSocketAgent) {
  const testing::TempDir dir;
  const std::string path = dir.path() + "/apm.socket";
  const testing::UnixHttpServer server(path);
  ASSERT_TRUE(server.bound());
  const auto probed = probe("unix://" + path);
  EXPECT_TRUE(probed->report.findings.empty()) << dump(probed->report.findings);
  EXPECT_EQ(server.requests(), (std::vector<std::string>{"GET /info", "POST /v0.7/config", "PUT /v0.5/traces"}));
}

TEST(AgentProbe, MissingSocketIsUnreachable) {
  const testing::TempDir dir;
  const auto probed = probe("unix://" + dir.path() + "/apm.socket");
  const auto& findings = probed->report.findings;
  ASSERT_EQ(findings.size(), 1U) << dump(findings);
  EXPECT_EQ(findings[0].check_id, "agent-unreachable");
  EXPECT_EQ(findings[0].severity, core::Severity::error);
  EXPECT_NE(findings[0].message.find("No Unix socket"), std::string::npos);
  ASSERT_TRUE(findings[0].fix);
  EXPECT_NE(findings[0].fix->find("/var/run/datadog"), std::string::npos);
}

// judge_probe on hand-made runs: answers the simulator cannot give (one endpoint 404, the next fine).
struct HandRun {
  Conversation conversation = conversation_for(ddtrace_2_11(), kStart);
  ProbeRun run;

  void answer(std::size_t step, long status) {
    StepResult result;
    result.step = &conversation.steps.at(step);
    result.sent = true;
    result.outcome.kind = HttpOutcome::Kind::kOk;
    result.outcome.status = status;
    run.steps.push_back(std::move(result));
  }
  std::vector<core::Finding> judge() const {
    return judge_probe(*parse_agent_address("http://127.0.0.1:8126"), conversation, run, {});
  }
};

TEST(AgentProbeJudge, FallbackThatWorksIsANote) {
  HandRun hand;
  hand.answer(0, 200);
  hand.answer(1, 200);
  hand.answer(2, 404);
  hand.answer(3, 200);
  const auto findings = hand.judge();
  ASSERT_EQ(findings.size(), 1U) << dump(findings);
  EXPECT_EQ(findings[0].check_id, "agent-endpoint-missing");
  EXPECT_EQ(findings[0].severity, core::Severity::note);
  EXPECT_NE(findings[0].message.find("falls back to /v0.4/traces"), std::string::npos);
}

TEST(AgentProbeJudge, UnsupportedMediaTypeFallsBackToo) {
  HandRun hand;
  hand.answer(0, 200);
  hand.answer(1, 200);
  hand.answer(2, 415);
  hand.answer(3, 200);
  const auto findings = hand.judge();
  ASSERT_EQ(findings.size(), 1U) << dump(findings);
  EXPECT_EQ(findings[0].severity, core::Severity::note);
}

TEST(AgentProbeJudge, FallbackThatFailsOtherwiseIsItsOwnError) {
  HandRun hand;
  hand.answer(0, 200);
  hand.answer(1, 200);
  hand.answer(2, 404);
  hand.answer(3, 503);
  const auto findings = hand.judge();
  ASSERT_EQ(findings.size(), 1U) << dump(findings);
  EXPECT_EQ(findings[0].check_id, "agent-request-failed");
  EXPECT_EQ(findings[0].severity, core::Severity::error);
  EXPECT_TRUE(findings[0].subject.ends_with("/v0.4/traces"));
}

TEST(AgentProbeJudge, OtherStatusesAndTheirMeaning) {
  for (const auto& [status, word] : std::vector<std::pair<long, std::string>>{
           {400, "could not decode"}, {408, "receiver_timeout"}, {502, "failed"}, {302, "not a success"}}) {
    HandRun hand;
    hand.answer(0, 200);
    hand.answer(1, 200);
    hand.answer(2, status);
    const auto findings = hand.judge();
    ASSERT_EQ(findings.size(), 1U) << status << "\n" << dump(findings);
    EXPECT_EQ(findings[0].check_id, "agent-request-failed");
    EXPECT_NE(findings[0].message.find(word), std::string::npos) << findings[0].message;
  }
}

TEST(AgentProbeJudge, CredentialsNeverReachFindings) {
  Conversation conversation = conversation_for(ddtrace_2_11(), kStart);
  ProbeRun run;
  StepResult result;
  result.step = &conversation.steps[0];
  result.sent = true;
  result.outcome.kind = HttpOutcome::Kind::kRefused;
  result.outcome.error = "Couldn't connect to server";
  run.steps.push_back(result);
  const auto findings = judge_probe(*parse_agent_address("http://user:s3cret@10.0.0.1:8126"), conversation, run, {});
  ASSERT_EQ(findings.size(), 1U);
  for (const auto& text : {findings[0].subject, findings[0].message, findings[0].source.repository}) {
    EXPECT_EQ(text.find("s3cret"), std::string::npos) << text;
  }
}

TEST(AgentProbeInfo, ParsesTheAgentsInfo) {
  const auto info = parse_agent_info(R"({"version":"7.81.1","endpoints":["/v0.4/traces"],"config":{"max_request_bytes":1024}})");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->version, "7.81.1");
  EXPECT_EQ(info->endpoints, std::vector<std::string>{"/v0.4/traces"});
  EXPECT_EQ(info->max_request_bytes, 1024);
  EXPECT_FALSE(parse_agent_info("not json"));
  EXPECT_FALSE(parse_agent_info("{}"));
  EXPECT_FALSE(parse_agent_info("[1,2]"));
}

}  // namespace
}  // namespace tracegate::connectivity
