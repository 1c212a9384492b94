// SPDX-License-Identifier: Apache-2.0
// The simulated trace agent. Facts it mimics: ../shared/data/agent-protocol.md ("The agent's
// side") and agent-connectivity.md §3 (endpoints, status codes).
#include "connectivity/agent_simulator.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <optional>
#include <utility>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "connectivity/request_log.hpp"
#include "connectivity/sha256.hpp"
#include "connectivity/trace_payload.hpp"

namespace tracegate::connectivity {

namespace {

constexpr std::string_view kRateByService = R"({"rate_by_service":{"service:,env:":1}})";

/// What a handler learnt about its request (decoded traces, verdict), handed to the logger.
/// httplib runs a request's handler and then its logger on the same pool thread, and the logger
/// also runs for answers httplib makes itself (413 over the size limit, 404 for unknown paths),
/// so a thread-local note is the one place both see; the logger consumes and clears it.
struct RequestNote {
  std::optional<TraceSummary> decoded;
  std::string verdict;
  std::string error;
};
thread_local RequestNote t_note;

std::string header(const httplib::Request& request, const char* name, const char* fallback) {
  std::string value = request.get_header_value(name);
  return value.empty() ? request.get_header_value(fallback) : value;
}

std::string verdict_for_status(int status) {
  switch (status) {
    case 200: return "accepted";
    case 404: return "unknown-endpoint";
    case 413: return "too-large";
    default: return "http-error";
  }
}

/// Fault::kReset: reads what the client sends, then closes with SO_LINGER 0, which makes the
/// kernel send RST instead of FIN — the client sees "connection reset", not a response.
/// httplib's per-connection hook is a private virtual; overriding it is allowed, calling the
/// base is not, so this server only ever resets.
class ResettingServer : public httplib::Server {
 public:
  explicit ResettingServer(std::function<void(std::string_view)> on_request) : on_request_(std::move(on_request)) {}

 private:
  bool process_and_close_socket(socket_t sock) override {
    std::array<char, 8192> buffer{};
    std::size_t received = 0;
    pollfd ready{sock, POLLIN, 0};
    if (::poll(&ready, 1, 1000) > 0) {
      const ssize_t n = ::recv(sock, buffer.data(), buffer.size(), 0);
      if (n > 0) received = static_cast<std::size_t>(n);
    }
    on_request_(std::string_view(buffer.data(), received));
    const linger abort_on_close{1, 0};
    ::setsockopt(sock, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
    ::close(sock);
    return true;
  }

  std::function<void(std::string_view)> on_request_;
};

/// Fault::kRefuse: a TCP socket bound to the address but never put in the listening state.
/// The kernel answers a SYN to it with RST (connection refused), and holding the binding keeps
/// the port from being taken by anyone else while the simulator runs.
core::Result<std::pair<int, int>> bind_without_listening(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr) {
    return core::fail("cannot resolve " + host);
  }
  const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);
  const int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
  if (fd < 0) return core::fail("cannot create a socket");
  if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0) {
    ::close(fd);
    return core::fail("cannot bind " + host + ":" + service);
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
  const int bound_port = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                                     : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  return std::pair{fd, bound_port};
}

}  // namespace

core::Result<Fault> parse_fault(std::string_view name) {
  for (const Fault fault : {Fault::kNone, Fault::kRefuse, Fault::kNotFound, Fault::kTooLarge, Fault::kRateLimited,
                            Fault::kServerError, Fault::kSlow, Fault::kReset}) {
    if (to_string(fault) == name) return fault;
  }
  return core::fail("unknown fault '" + std::string(name) + "' (want none, refuse, 404, 413, 429, 500, slow or reset)");
}

std::string_view to_string(Fault fault) {
  switch (fault) {
    case Fault::kNone: return "none";
    case Fault::kRefuse: return "refuse";
    case Fault::kNotFound: return "404";
    case Fault::kTooLarge: return "413";
    case Fault::kRateLimited: return "429";
    case Fault::kServerError: return "500";
    case Fault::kSlow: return "slow";
    case Fault::kReset: return "reset";
  }
  return "none";
}

InfoDocument make_info(const SimulatorOptions& options, int bound_port) {
  // Key order and values as a default containerised agent answers (pkg/trace/api/info.go).
  nlohmann::ordered_json info;
  info["version"] = to_string(options.version);
  info["git_commit"] = "tracegate-simulated";
  info["endpoints"] = advertised_endpoints(options.version);
  info["feature_flags"] = nlohmann::json::array();
  info["client_drop_p0s"] = true;
  info["span_meta_structs"] = true;
  info["long_running_spans"] = true;
  info["span_events"] = true;
  info["evp_proxy_allowed_headers"] = {"Content-Type", "Accept-Encoding", "Content-Encoding", "User-Agent",
                                       "DD-CI-PROVIDER-NAME"};
  info["config"] = {
      {"default_env", "none"},
      {"target_tps", 10},
      {"max_eps", 200},
      {"receiver_port", bound_port},
      {"receiver_socket", ""},
      {"connection_limit", 0},
      {"receiver_timeout", 0},
      {"max_request_bytes", options.max_request_bytes},
      {"statsd_port", 8125},
      {"max_memory", 0},
      {"max_cpu", 0},
      {"analyzed_spans_by_service", nlohmann::json::object()},
      {"obfuscation", {{"elastic_search", true}, {"mongo", true}, {"sql_exec_plan", false}, {"redis", true}}},
  };
  info["peer_tags"] = nlohmann::json::array();
  info["span_kinds_stats_computed"] = {"server", "consumer", "client", "producer"};
  info["obfuscation_version"] = 1;
  InfoDocument document;
  document.body = info.dump(2);
  document.state = sha256_hex(document.body);
  return document;
}

AgentSimulator::AgentSimulator(SimulatorOptions options) : options_(std::move(options)) {
  options_.slow_delay = std::min(options_.slow_delay, kMaxSlowDelay);
  endpoints_ = advertised_endpoints(options_.version);
}

AgentSimulator::~AgentSimulator() { stop(); }

int AgentSimulator::port() const {
  const std::lock_guard lock(lifecycle_);
  return port_;
}

void AgentSimulator::write_log(std::string_view line) {
  if (!options_.log) return;
  const std::lock_guard lock(log_mutex_);
  options_.log(line);
}

void AgentSimulator::wait_slow() {
  std::unique_lock lock(slow_mutex_);
  slow_wakeup_.wait_for(lock, options_.slow_delay, [this] { return stopping_; });
}

void AgentSimulator::install_routes(httplib::Server& server) {
  // Applied inside each handler, after httplib has read the body, so a keep-alive connection
  // stays in step. Returns true when the fault wrote the answer.
  auto faulted = [this](httplib::Response& response) {
    const auto answer = [&](int status, const char* body) {
      response.status = status;
      response.set_content(body, "text/plain");
      t_note.verdict = "fault:" + std::string(to_string(options_.fault));
      return true;
    };
    switch (options_.fault) {
      case Fault::kNotFound: return answer(404, "404 page not found\n");
      case Fault::kTooLarge: return answer(413, "payload-too-large\n");
      case Fault::kRateLimited: return answer(429, "too many requests\n");
      case Fault::kServerError: return answer(500, "internal server error\n");
      case Fault::kSlow: wait_slow(); return false;
      default: return false;
    }
  };
  // An endpoint this agent version does not serve answers as an unknown path does.
  auto served = [this](const httplib::Request& request, httplib::Response& response) {
    if (serves_path(endpoints_, request.path)) return true;
    response.status = 404;
    response.set_content("404 page not found\n", "text/plain");
    return false;
  };

  server.Get("/info", [this, faulted](const httplib::Request&, httplib::Response& response) {
    if (faulted(response)) return;
    response.set_header("Datadog-Agent-State", info_.state);
    response.set_content(info_.body, "application/json");
  });

  auto traces = [this, faulted](TraceEncoding encoding) {
    return [this, faulted, encoding](const httplib::Request& request, httplib::Response& response) {
      if (faulted(response)) return;
      if (request.body.size() > options_.max_request_bytes) {  // chunked bodies escape httplib's check
        response.status = 413;
        response.set_content("payload-too-large\n", "text/plain");
        return;
      }
      auto summary = decode_trace_payload(encoding, request.body);
      if (!summary) {
        response.status = 400;
        response.set_content("decoding error: " + summary.error().message + "\n", "text/plain");
        t_note.verdict = "rejected";
        t_note.error = summary.error().message;
        return;
      }
      t_note.decoded = std::move(*summary);
      response.set_content(std::string(kRateByService), "application/json");
    };
  };
  for (const auto& [path, encoding] : {std::pair{"/v0.4/traces", TraceEncoding::kV04},
                                       std::pair{"/v0.5/traces", TraceEncoding::kV05}}) {
    server.Put(path, traces(encoding));
    server.Post(path, traces(encoding));
  }

  // Accepted and discarded: what a tracer sends besides traces (agent-protocol.md, request sequence).
  auto accept = [faulted, served](const char* body) {
    return [faulted, served, body](const httplib::Request& request, httplib::Response& response) {
      if (!served(request, response) || faulted(response)) return;
      response.set_content(body, "application/json");
    };
  };
  server.Post("/v0.7/config", accept("{}"));
  server.Post(R"(/telemetry/proxy/.*)", accept("{}"));
  server.Post("/dogstatsd/v2/proxy", accept("{}"));
  server.Put("/v0.6/stats", accept("{}"));
  server.Post("/v0.6/stats", accept("{}"));

  server.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
    RequestRecord record;
    record.method = request.method;
    record.endpoint = request.path;
    record.status = response.status;
    record.tracer_language = header(request, "Datadog-Meta-Lang", "DD-Client-Library-Language");
    record.tracer_version = header(request, "Datadog-Meta-Tracer-Version", "DD-Client-Library-Version");
    record.bytes = request.body.size();
    record.decoded = std::move(t_note.decoded);
    record.verdict = t_note.verdict.empty() ? verdict_for_status(response.status) : std::move(t_note.verdict);
    record.error = std::move(t_note.error);
    t_note = RequestNote{};
    write_log(to_json_line(record));
  });
}

core::Result<int> AgentSimulator::start() {
  const std::lock_guard lock(lifecycle_);
  if (server_ || refused_socket_ >= 0) return core::fail("the simulated agent is already running");
  {
    const std::lock_guard slow(slow_mutex_);
    stopping_ = false;
  }
  if (options_.fault == Fault::kRefuse) {
    auto bound = bind_without_listening(options_.host, options_.port);
    if (!bound) return std::unexpected(bound.error());
    std::tie(refused_socket_, port_) = *bound;
    return port_;
  }

  std::unique_ptr<httplib::Server> server;
  if (options_.fault == Fault::kReset) {
    server = std::make_unique<ResettingServer>([this](std::string_view received) {
      // Only the request line is needed for the log: "METHOD PATH HTTP/1.1".
      RequestRecord record;
      const std::string_view line = received.substr(0, received.find('\r'));
      const auto space = line.find(' ');
      record.method = std::string(line.substr(0, space));
      if (space != std::string_view::npos) {
        const std::string_view rest = line.substr(space + 1);
        record.endpoint = std::string(rest.substr(0, rest.find(' ')));
      }
      record.verdict = "fault:reset";
      write_log(to_json_line(record));
    });
  } else {
    server = std::make_unique<httplib::Server>();
  }
  // Enough workers for a handful of keep-alive clients plus `slow` requests in flight.
  server->new_task_queue = [] { return new httplib::ThreadPool(16); };
  server->set_payload_max_length(options_.max_request_bytes);
  server->set_keep_alive_max_count(100000);
  server->set_tcp_nodelay(true);  // headers and body go out in separate writes: no Nagle delay between them
  install_routes(*server);

  const int port = options_.port == 0 ? server->bind_to_any_port(options_.host)
                                      : (server->bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port <= 0) return core::fail("cannot bind " + options_.host + ":" + std::to_string(options_.port));
  info_ = make_info(options_, port);  // before the serving thread: handlers only read it

  httplib::Server* raw = server.get();
  serving_ = std::thread([raw] { raw->listen_after_bind(); });
  // httplib's stop() is a no-op until the accept loop runs; wait for it so stop() always works.
  for (int i = 0; i < 5000 && !raw->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server_ = std::move(server);
  port_ = port;
  return port_;
}

void AgentSimulator::stop() {
  const std::lock_guard lock(lifecycle_);
  {
    const std::lock_guard slow(slow_mutex_);
    stopping_ = true;
  }
  slow_wakeup_.notify_all();
  if (server_) {
    server_->stop();
    if (serving_.joinable()) serving_.join();
    server_.reset();
  }
  if (refused_socket_ >= 0) {
    ::close(refused_socket_);
    refused_socket_ = -1;
  }
}

}  // namespace tracegate::connectivity
