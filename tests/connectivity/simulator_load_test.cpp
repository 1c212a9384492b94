// SPDX-License-Identifier: Apache-2.0
// A bounded load test: 20,000 requests from four loopback keep-alive clients, every tenth one
// malformed. Every answer must be the right one and the agent must still answer afterwards.
// The rate is printed for the record, never asserted (machines differ).
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "connectivity/agent_simulator.hpp"
#include "tests/connectivity/payload_builder.hpp"

namespace tracegate::connectivity {
namespace {

TEST(AgentSimulatorLoad, TwentyThousandRequestsTenPercentMalformed) {
  constexpr int kThreads = 4;
  constexpr int kRequests = 20000;
  std::atomic<std::size_t> logged{0};
  SimulatorOptions options;
  options.version = *parse_agent_version(kDefaultAgentVersion);
  options.log = [&logged](std::string_view) { logged.fetch_add(1, std::memory_order_relaxed); };
  AgentSimulator simulator(std::move(options));
  const auto port = simulator.start();
  ASSERT_TRUE(port) << port.error().message;

  const std::string valid = testing::v04_payload({{{"checkout", "web.request"}, {"checkout", "db.query"}}});
  const std::string malformed = valid.substr(0, valid.size() / 2);  // truncated
  std::atomic<int> wrong{0};
  std::atomic<int> failed{0};
  const auto begin = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", *port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(std::chrono::seconds(10));
      for (int i = t; i < kRequests; i += kThreads) {
        const bool bad = i % 10 == 0;
        const auto response = client.Put("/v0.4/traces", bad ? malformed : valid, "application/msgpack");
        if (!response) {
          failed.fetch_add(1);
        } else if (response->status != (bad ? 400 : 200)) {
          wrong.fetch_add(1);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  std::cout << "agent simulator load: " << kRequests << " requests in " << seconds << " s = "
            << static_cast<long>(kRequests / seconds) << " requests/s\n";

  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
  httplib::Client after("127.0.0.1", *port);
  const auto info = after.Get("/info");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->status, 200);
  simulator.stop();  // a line is written after its answer; stop() waits for the last one
  EXPECT_EQ(logged.load(), static_cast<std::size_t>(kRequests) + 1);
}

}  // namespace
}  // namespace tracegate::connectivity
