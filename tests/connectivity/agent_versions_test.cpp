// SPDX-License-Identifier: Apache-2.0
#include "connectivity/agent_versions.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "connectivity/sha256.hpp"

namespace tracegate::connectivity {
namespace {

bool has(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST(AgentVersions, ParsesImageTags) {
  EXPECT_EQ(*parse_agent_version("7.81.1"), (AgentVersion{7, 81, 1}));
  EXPECT_EQ(*parse_agent_version("v7.39.1-jmx"), (AgentVersion{7, 39, 1}));
  EXPECT_FALSE(parse_agent_version("7.81"));
  EXPECT_FALSE(parse_agent_version("latest"));
  EXPECT_FALSE(parse_agent_version("7.x.1"));
  EXPECT_EQ(to_string(*parse_agent_version(kDefaultAgentVersion)), "7.81.1");
}

TEST(AgentVersions, DefaultAdvertisesTheNewestEndpoints) {
  const auto endpoints = advertised_endpoints(*parse_agent_version(kDefaultAgentVersion));
  for (const char* path : {"/v0.4/traces", "/v0.5/traces", "/v0.6/stats", "/v0.7/config", "/telemetry/proxy/",
                           "/dogstatsd/v2/proxy", "/debugger/v2/input", "/evp_proxy/v4/", "/tracer_flare/v1"}) {
    EXPECT_TRUE(has(endpoints, path)) << path;
  }
  EXPECT_FALSE(has(endpoints, "/v1.0/traces"));  // only with EnableV1TraceEndpoint
}

TEST(AgentVersions, OlderAgentsLackLaterEndpoints) {
  const auto v7_38 = advertised_endpoints({7, 38, 0});
  EXPECT_FALSE(has(v7_38, "/v0.7/config"));
  EXPECT_TRUE(has(v7_38, "/v0.1/pipeline_stats"));
  EXPECT_TRUE(has(advertised_endpoints({7, 39, 1}), "/v0.7/config"));
  EXPECT_FALSE(has(advertised_endpoints({7, 48, 0}), "/debugger/v1/diagnostics"));
  EXPECT_TRUE(has(advertised_endpoints({7, 49, 0}), "/debugger/v1/diagnostics"));
  EXPECT_FALSE(has(advertised_endpoints({7, 33, 0}), "/v0.1/pipeline_stats"));
  EXPECT_FALSE(has(advertised_endpoints({7, 49, 0}), "/debugger/v2/input"));
}

TEST(AgentVersions, ServesPrefixEndpoints) {
  const auto endpoints = advertised_endpoints({7, 81, 1});
  EXPECT_TRUE(serves_path(endpoints, "/telemetry/proxy/api/v2/apmtelemetry"));
  EXPECT_TRUE(serves_path(endpoints, "/v0.4/traces"));
  EXPECT_FALSE(serves_path(endpoints, "/v0.4/traces/extra"));
  EXPECT_FALSE(serves_path(endpoints, "/nope"));
}

TEST(Sha256, MatchesTheStandardVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace tracegate::connectivity
