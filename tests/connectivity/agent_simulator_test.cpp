// SPDX-License-Identifier: Apache-2.0
// The simulated agent over loopback, with httplib's client.
#include "connectivity/agent_simulator.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "connectivity/sha256.hpp"
#include "tests/connectivity/payload_builder.hpp"

namespace tracegate::connectivity {
namespace {

using testing::v04_payload;
using testing::v05_payload;

/// A simulator on a free loopback port, collecting its log lines.
class Running {
 public:
  explicit Running(Fault fault = Fault::kNone, std::string_view version = kDefaultAgentVersion,
                   std::size_t max_request_bytes = kDefaultMaxRequestBytes) {
    SimulatorOptions options;
    options.version = *parse_agent_version(version);
    options.fault = fault;
    options.max_request_bytes = max_request_bytes;
    options.slow_delay = std::chrono::milliseconds(300);
    options.log = [this](std::string_view line) {
      const std::lock_guard lock(mutex_);
      lines_.push_back(nlohmann::json::parse(line));
    };
    simulator_ = std::make_unique<AgentSimulator>(std::move(options));
    const auto port = simulator_->start();
    EXPECT_TRUE(port) << port.error().message;
    port_ = port.value_or(0);
  }

  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(std::chrono::seconds(10));
    return client;
  }
  /// Stops the simulator first: a request's line is written after its answer, and stop()
  /// waits for every request in flight, so only then is the log complete. Each request comes
  /// on its own connection and server thread, so lines of quick successive requests may be
  /// written in either order: they are returned sorted by endpoint (stable otherwise).
  std::vector<nlohmann::json> lines() {
    simulator_->stop();
    const std::lock_guard lock(mutex_);
    auto sorted = lines_;
    std::ranges::stable_sort(sorted, {}, [](const nlohmann::json& line) { return line.value("endpoint", std::string()); });
    return sorted;
  }
  AgentSimulator& simulator() { return *simulator_; }
  int port() const { return port_; }

 private:
  std::mutex mutex_;
  std::vector<nlohmann::json> lines_;
  std::unique_ptr<AgentSimulator> simulator_;
  int port_ = 0;
};

const std::vector<std::vector<testing::SpanSpec>> kTrace = {{{"checkout", "web.request"}, {"checkout", "db.query"}}};

TEST(AgentSimulator, InfoHasTheAgentShape) {
  Running agent;
  auto client = agent.client();
  const auto response = client.Get("/info");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  const auto info = nlohmann::json::parse(response->body);
  EXPECT_EQ(info["version"], "7.81.1");
  for (const char* key : {"git_commit", "endpoints", "feature_flags", "client_drop_p0s", "span_meta_structs",
                          "long_running_spans", "config", "peer_tags", "obfuscation_version"}) {
    EXPECT_TRUE(info.contains(key)) << key;
  }
  EXPECT_EQ(info["config"]["receiver_port"], agent.port());
  EXPECT_EQ(info["config"]["max_request_bytes"], 26214400);
  EXPECT_EQ(response->get_header_value("Datadog-Agent-State"), sha256_hex(response->body));
  EXPECT_NE(std::find(info["endpoints"].begin(), info["endpoints"].end(), "/v0.7/config"), info["endpoints"].end());
}

TEST(AgentSimulator, InfoFollowsTheAgentVersion) {
  Running agent(Fault::kNone, "7.38.0");
  auto client = agent.client();
  const auto info = nlohmann::json::parse(client.Get("/info")->body);
  EXPECT_EQ(info["version"], "7.38.0");
  EXPECT_EQ(std::find(info["endpoints"].begin(), info["endpoints"].end(), "/v0.7/config"), info["endpoints"].end());
  // ...and an endpoint it does not advertise answers 404, as it would on that agent.
  EXPECT_EQ(client.Post("/v0.7/config", "{}", "application/json")->status, 404);
}

TEST(AgentSimulator, AcceptsTracesAndLogsThem) {
  Running agent;
  auto client = agent.client();
  const httplib::Headers headers = {{"Datadog-Meta-Lang", "nodejs"}, {"Datadog-Meta-Tracer-Version", "5.132.0"}};
  const auto v04 = client.Put("/v0.4/traces", headers, v04_payload(kTrace), "application/msgpack");
  ASSERT_TRUE(v04);
  EXPECT_EQ(v04->status, 200);
  EXPECT_EQ(nlohmann::json::parse(v04->body)["rate_by_service"]["service:,env:"], 1);
  const auto v05 = client.Post("/v0.5/traces", headers, v05_payload(kTrace), "application/msgpack");
  ASSERT_TRUE(v05);
  EXPECT_EQ(v05->status, 200);

  const auto lines = agent.lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["endpoint"], "/v0.4/traces");
  EXPECT_EQ(lines[0]["method"], "PUT");
  EXPECT_EQ(lines[0]["tracer_language"], "nodejs");
  EXPECT_EQ(lines[0]["tracer_version"], "5.132.0");
  EXPECT_EQ(lines[0]["spans"], 2);
  EXPECT_EQ(lines[0]["services"], nlohmann::json::array({"checkout"}));
  EXPECT_EQ(lines[0]["verdict"], "accepted");
  EXPECT_EQ(lines[1]["endpoint"], "/v0.5/traces");
  EXPECT_EQ(lines[1]["span_names"], nlohmann::json::array({"db.query", "web.request"}));
}

TEST(AgentSimulator, GarbageIs400AndTheServerKeepsServing) {
  Running agent;
  auto client = agent.client();
  for (int i = 0; i < 3; ++i) {
    const auto response = client.Put("/v0.4/traces", "\xc1\xff garbage", "application/msgpack");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
  }
  EXPECT_EQ(client.Put("/v0.4/traces", v04_payload(kTrace), "application/msgpack")->status, 200);
  EXPECT_EQ(client.Get("/info")->status, 200);
  const auto lines = agent.lines();
  const auto rejected = std::ranges::find(lines, nlohmann::json("rejected"), [](const nlohmann::json& line) { return line["verdict"]; });
  ASSERT_NE(rejected, lines.end());
  EXPECT_TRUE(rejected->contains("error"));
  EXPECT_EQ(std::ranges::count(lines, nlohmann::json("rejected"), [](const nlohmann::json& line) { return line["verdict"]; }), 3);
}

TEST(AgentSimulator, OverMaxRequestBytesIs413) {
  Running agent(Fault::kNone, kDefaultAgentVersion, 1024);
  auto client = agent.client();
  const auto response = client.Put("/v0.4/traces", std::string(4096, '\x90'), "application/msgpack");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  auto again = agent.client();
  EXPECT_EQ(again.Put("/v0.4/traces", v04_payload(kTrace), "application/msgpack")->status, 200);
  // Two clients, two connections: their lines may come in either order.
  const auto lines = agent.lines();
  EXPECT_TRUE(std::ranges::any_of(lines, [](const nlohmann::json& line) { return line["verdict"] == "too-large"; }));
}

TEST(AgentSimulator, UnknownPathIs404AndSideEndpointsAreAccepted) {
  Running agent;
  auto client = agent.client();
  EXPECT_EQ(client.Get("/v0.9/nothing")->status, 404);
  EXPECT_EQ(client.Post("/v0.7/config", "{}", "application/json")->status, 200);
  EXPECT_EQ(client.Post("/telemetry/proxy/api/v2/apmtelemetry", "{}", "application/json")->status, 200);
  EXPECT_EQ(client.Post("/dogstatsd/v2/proxy", "a:1|c", "text/plain")->status, 200);
  EXPECT_EQ(client.Put("/v0.6/stats", "\x80", "application/msgpack")->status, 200);
  const auto lines = agent.lines();
  const auto unknown = std::ranges::find_if(lines, [](const nlohmann::json& line) { return line["endpoint"] == "/v0.9/nothing"; });
  ASSERT_NE(unknown, lines.end());
  EXPECT_EQ((*unknown)["verdict"], "unknown-endpoint");
}

TEST(AgentSimulator, StatusFaultsAnswerEveryRequest) {
  for (const auto& [fault, status] : {std::pair{Fault::kNotFound, 404}, std::pair{Fault::kTooLarge, 413},
                                      std::pair{Fault::kRateLimited, 429}, std::pair{Fault::kServerError, 500}}) {
    Running agent(fault);
    auto client = agent.client();
    const auto traces = client.Put("/v0.4/traces", v04_payload(kTrace), "application/msgpack");
    ASSERT_TRUE(traces);
    EXPECT_EQ(traces->status, status);
    EXPECT_EQ(client.Get("/info")->status, status);
    EXPECT_EQ(agent.lines().front()["verdict"], "fault:" + std::string(to_string(fault)));
  }
}

TEST(AgentSimulator, SlowDelaysTheAnswer) {
  Running agent(Fault::kSlow);
  auto client = agent.client();
  const auto before = std::chrono::steady_clock::now();
  const auto response = client.Put("/v0.4/traces", v04_payload(kTrace), "application/msgpack");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(250));
}

TEST(AgentSimulator, ResetClosesWithoutAnswer) {
  Running agent(Fault::kReset);
  auto client = agent.client();
  const auto response = client.Put("/v0.4/traces", v04_payload(kTrace), "application/msgpack");
  EXPECT_FALSE(response);
  const auto error = response.error();
  EXPECT_TRUE(error == httplib::Error::Read || error == httplib::Error::Write) << httplib::to_string(error);
  const auto lines = agent.lines();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front()["endpoint"], "/v0.4/traces");
  EXPECT_EQ(lines.front()["verdict"], "fault:reset");
}

TEST(AgentSimulator, RefuseRefusesConnections) {
  Running agent(Fault::kRefuse);
  ASSERT_GT(agent.port(), 0);
  auto client = agent.client();
  client.set_connection_timeout(std::chrono::seconds(2));
  const auto response = client.Get("/info");
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error(), httplib::Error::Connection);
}

TEST(AgentSimulator, StartsOnceStopsTwiceAndRestarts) {
  Running agent;
  EXPECT_FALSE(agent.simulator().start());
  agent.simulator().stop();
  agent.simulator().stop();
  const auto port = agent.simulator().start();
  ASSERT_TRUE(port) << port.error().message;
  httplib::Client client("127.0.0.1", *port);
  EXPECT_EQ(client.Get("/info")->status, 200);
}

TEST(AgentSimulator, StopCutsASlowRequestShort) {
  Running agent(Fault::kSlow);
  std::thread request([&] {
    auto client = agent.client();
    (void)client.Get("/info");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  agent.simulator().stop();
  request.join();
}

}  // namespace
}  // namespace tracegate::connectivity
