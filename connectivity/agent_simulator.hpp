// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "connectivity/agent_versions.hpp"
#include "core/error.hpp"

namespace httplib {
class Server;
}

namespace tracegate::connectivity {

/// A way for the simulated agent to misbehave, one per run (docs/agent-simulator.md).
enum class Fault {
  kNone,
  kRefuse,       ///< the port is bound but never listened on: every connect gets ECONNREFUSED
  kNotFound,     ///< every request answers 404 (no agent there, or one too old for the path)
  kTooLarge,     ///< every request answers 413
  kRateLimited,  ///< every request answers 429 (the agent's overload answer with Datadog-Send-Real-Http-Status)
  kServerError,  ///< every request answers 500
  kSlow,         ///< every answer is delayed by SimulatorOptions::slow_delay
  kReset,        ///< the request is read, then the connection is reset without a response
};

core::Result<Fault> parse_fault(std::string_view name);
std::string_view to_string(Fault fault);

/// The agent's default `apm_config.max_request_bytes` (agent-protocol.md, "The agent's side").
inline constexpr std::size_t kDefaultMaxRequestBytes = 26214400;
/// The longest `slow` delay: a rehearsal must end, and stop() must not wait longer than this.
inline constexpr std::chrono::milliseconds kMaxSlowDelay{30000};

struct SimulatorOptions {
  std::string host = "127.0.0.1";  ///< loopback unless told otherwise
  int port = 0;                    ///< 0 picks a free port
  AgentVersion version;            ///< set from kDefaultAgentVersion by the caller
  Fault fault = Fault::kNone;
  std::size_t max_request_bytes = kDefaultMaxRequestBytes;
  std::chrono::milliseconds slow_delay{2000};  ///< capped at kMaxSlowDelay
  /// Receives one JSON object per request, without newline. Calls are serialized by the
  /// simulator, so the sink needs no lock of its own; it must not throw.
  std::function<void(std::string_view)> log;
};

/// The `/info` body and its `Datadog-Agent-State` hash for an agent of `options.version`.
struct InfoDocument {
  std::string body;
  std::string state;
};
InfoDocument make_info(const SimulatorOptions& options, int bound_port);

/// A Datadog trace agent on a local port, serving on background threads until stop() or destruction.
/// start() and stop() may be called from any thread; stop() is idempotent.
class AgentSimulator {
 public:
  explicit AgentSimulator(SimulatorOptions options);
  ~AgentSimulator();
  AgentSimulator(const AgentSimulator&) = delete;
  AgentSimulator& operator=(const AgentSimulator&) = delete;

  /// Binds and starts serving; returns the bound port. Fails when already started or the bind fails.
  core::Result<int> start();
  /// Stops accepting, cuts `slow` waits short and returns once every request in flight has been
  /// answered and logged.
  void stop();
  int port() const;

 private:
  void install_routes(httplib::Server& server);
  void write_log(std::string_view line);
  /// Holds the calling request thread for the `slow` delay; stop() cuts it short.
  void wait_slow();

  SimulatorOptions options_;
  InfoDocument info_;
  std::vector<std::string> endpoints_;

  mutable std::mutex lifecycle_;
  std::unique_ptr<httplib::Server> server_;
  std::thread serving_;
  int refused_socket_ = -1;  ///< Fault::kRefuse: bound, never listened on
  int port_ = 0;

  std::mutex log_mutex_;
  std::mutex slow_mutex_;
  std::condition_variable slow_wakeup_;
  bool stopping_ = false;  ///< guarded by slow_mutex_
};

}  // namespace tracegate::connectivity
