// SPDX-License-Identifier: Apache-2.0
// The probe's libcurl client: agent URL parsing (malformed ones included), TCP to the simulated
// agent, a Unix socket to a test-owned server, and the transport failures it names.
#include "connectivity/http_client.hpp"

#include <stdlib.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include "connectivity/agent_simulator.hpp"
#include "tests/connectivity/unix_http_server.hpp"

namespace tracegate::connectivity {
namespace {

using Kind = HttpOutcome::Kind;

TEST(HttpClientAddress, ParsesHttpUrls) {
  auto address = parse_agent_address("http://127.0.0.1:8126");
  ASSERT_TRUE(address) << address.error().message;
  EXPECT_EQ(address->kind, AgentAddress::Kind::kHttp);
  EXPECT_EQ(address->host, "127.0.0.1");
  EXPECT_EQ(address->port, 8126);
  EXPECT_EQ(address->base_path, "");
  EXPECT_EQ(display_url(*address, "/info"), "http://127.0.0.1:8126/info");

  address = parse_agent_address("HTTP://datadog-agent.monitoring.svc.cluster.local:8126/");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->scheme, "http");
  EXPECT_EQ(address->host, "datadog-agent.monitoring.svc.cluster.local");

  address = parse_agent_address("http://[::1]:9000/prefix/");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->host, "[::1]");
  EXPECT_EQ(address->port, 9000);
  EXPECT_EQ(address->base_path, "/prefix");

  address = parse_agent_address("https://agent.example");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->port, 443);
  address = parse_agent_address("http://agent.example");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->port, 80);
}

TEST(HttpClientAddress, RedactsCredentials) {
  const auto address = parse_agent_address("http://user:s3cret@agent.example:8126");
  ASSERT_TRUE(address);
  EXPECT_EQ(address->userinfo, "user:s3cret");
  const std::string shown = display_url(*address, "/v0.4/traces");
  EXPECT_EQ(shown, "http://***@agent.example:8126/v0.4/traces");
  EXPECT_EQ(shown.find("s3cret"), std::string::npos);
}

TEST(HttpClientAddress, ParsesUnixSockets) {
  const auto address = parse_agent_address("unix:///var/run/datadog/apm.socket");
  ASSERT_TRUE(address) << address.error().message;
  EXPECT_EQ(address->kind, AgentAddress::Kind::kUnixSocket);
  EXPECT_EQ(address->socket_path, "/var/run/datadog/apm.socket");
  EXPECT_EQ(display_url(*address, "/info"), "unix:///var/run/datadog/apm.socket/info");
}

TEST(HttpClientAddress, RejectsMalformedUrls) {
  const char* bad[] = {
      "",
      "127.0.0.1:8126",
      "localhost",
      "ftp://agent:21",
      "file:///etc/passwd",
      "gopher://x",
      "http://",
      "http://:8126",
      "http://agent:",
      "http://agent:0",
      "http://agent:65536",
      "http://agent:99999999999999999999",
      "http://agent:12ab",
      "http://agent:-1",
      "http://::1:8126",
      "http://[::1",
      "http://[]:8126",
      "http://[zz]:8126",
      "http://[::1]x",
      "http://agent host:8126",
      "http://agent:8126/?x=1",
      "http://agent:8126#frag",
      "http://age nt",
      "http://agent\n:8126",
      "http://a!gent:8126",
      "unix://",
      "unix://relative/apm.socket",
      "unix:///var/run/datadog/",
      "unix:///this/path/is/far/too/long/for/a/unix/socket/address/because/sun_path/holds/only/one/hundred/and/eight/bytes.sock",
      "://agent",
  };
  for (const char* url : bad) {
    const auto address = parse_agent_address(url);
    EXPECT_FALSE(address) << "accepted: " << url;
    if (!address) {
      EXPECT_FALSE(address.error().message.empty());
    }
  }
  // The message says what is wanted.
  EXPECT_NE(parse_agent_address("ftp://agent:21").error().message.find("http://HOST:PORT"), std::string::npos);
}

/// A simulated agent on a free loopback port.
class Simulator {
 public:
  explicit Simulator(Fault fault = Fault::kNone) {
    SimulatorOptions options;
    options.version = *parse_agent_version(kDefaultAgentVersion);
    options.fault = fault;
    simulator_ = std::make_unique<AgentSimulator>(std::move(options));
    port_ = simulator_->start().value_or(0);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::unique_ptr<AgentSimulator> simulator_;
  int port_ = 0;
};

HttpOutcome send(const std::string& url, HttpRequest request, ClientTimeouts timeouts = {}) {
  auto address = parse_agent_address(url);
  EXPECT_TRUE(address) << url;
  auto client = HttpClient::create(*address, timeouts);
  EXPECT_TRUE(client);
  return client->send(request);
}

TEST(HttpClient, GetsInfoOverTcpIgnoringProxySettings) {
  const Simulator agent;
  // A proxy that does not exist: were it used, the request would fail.
  ::setenv("http_proxy", "http://127.0.0.1:9", 1);
  ::setenv("HTTP_PROXY", "http://127.0.0.1:9", 1);
  ::setenv("ALL_PROXY", "http://127.0.0.1:9", 1);
  const auto outcome = send(agent.url(), {"GET", "/info", {}, {}});
  ::unsetenv("http_proxy");
  ::unsetenv("HTTP_PROXY");
  ::unsetenv("ALL_PROXY");
  ASSERT_EQ(outcome.kind, Kind::kOk) << outcome.error;
  EXPECT_EQ(outcome.status, 200);
  EXPECT_NE(outcome.body.find("\"endpoints\""), std::string::npos);
}

TEST(HttpClient, KeepsOneConnectionForSeveralRequests) {
  const Simulator agent;
  auto client = HttpClient::create(*parse_agent_address(agent.url()), {});
  ASSERT_TRUE(client);
  for (int i = 0; i < 3; ++i) {
    const auto outcome = client->send({"POST", "/v0.7/config", {{"Content-Type", "application/json"}}, "{}"});
    ASSERT_EQ(outcome.kind, Kind::kOk) << outcome.error;
    EXPECT_EQ(outcome.status, 200);
  }
  const auto missing = client->send({"PUT", "/nowhere", {}, "x"});
  ASSERT_EQ(missing.kind, Kind::kOk);
  EXPECT_EQ(missing.status, 404);
}

TEST(HttpClient, NamesTransportFailures) {
  {
    const Simulator refusing(Fault::kRefuse);
    EXPECT_EQ(send(refusing.url(), {"GET", "/info", {}, {}}).kind, Kind::kRefused);
  }
  {
    const Simulator resetting(Fault::kReset);
    EXPECT_EQ(send(resetting.url(), {"PUT", "/v0.4/traces", {}, "\x90"}).kind, Kind::kReset);
  }
  // No DNS test: resolving a name would leave loopback.
}

TEST(HttpClient, TalksOverAUnixSocket) {
  const testing::TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::string path = dir.path() + "/apm.socket";
  const testing::UnixHttpServer server(path);
  ASSERT_TRUE(server.bound());
  const auto outcome = send("unix://" + path, {"PUT", "/v0.4/traces", {{"Content-Type", "application/msgpack"}}, "\x90"});
  ASSERT_EQ(outcome.kind, Kind::kOk) << outcome.error;
  EXPECT_EQ(outcome.status, 200);
  EXPECT_EQ(outcome.body, R"({"rate_by_service":{}})");
  EXPECT_EQ(server.requests(), std::vector<std::string>{"PUT /v0.4/traces"});
}

TEST(HttpClient, MissingAndStaleSockets) {
  const testing::TempDir dir;
  const auto missing = send("unix://" + dir.path() + "/apm.socket", {"GET", "/info", {}, {}});
  EXPECT_EQ(missing.kind, Kind::kNoSocket);
  EXPECT_NE(missing.error.find("apm.socket"), std::string::npos);

  const std::string stale = dir.path() + "/stale.socket";
  const testing::UnixHttpServer bound_only(stale, /*listen_too=*/false);
  ASSERT_TRUE(bound_only.bound());
  EXPECT_EQ(send("unix://" + stale, {"GET", "/info", {}, {}}).kind, Kind::kRefused);

  const auto directory = send("unix://" + dir.path(), {"GET", "/info", {}, {}});
  EXPECT_EQ(directory.kind, Kind::kOtherTransport);
}

}  // namespace
}  // namespace tracegate::connectivity
