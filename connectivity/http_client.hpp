// SPDX-License-Identifier: Apache-2.0
// A tiny HTTP/1.1 client over libcurl for `tracegate agent probe`: TCP or a Unix socket
// (cpp-httplib 0.11, Debian 12's, has no Unix-socket client). Errors are values.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace tracegate::connectivity {

/// Where the agent listens: `http://[user:password@]host[:port][/base]` (https too), or
/// `unix:///absolute/path.sock`, as in DD_TRACE_AGENT_URL.
struct AgentAddress {
  enum class Kind { kHttp, kUnixSocket };
  Kind kind = Kind::kHttp;
  std::string scheme;       ///< http or https; empty for a socket
  std::string userinfo;     ///< `user:password`, sent as given, never printed
  std::string host;         ///< IPv6 literals keep their brackets
  int port = 0;             ///< the scheme's default (80, 443) when the URL names none
  std::string base_path;    ///< a path prefix without trailing `/`, usually empty
  std::string socket_path;  ///< Kind::kUnixSocket
};

/// Parses an agent URL; a malformed one, another scheme or a relative socket path is an Error
/// whose message says what was expected.
core::Result<AgentAddress> parse_agent_address(std::string_view url);

/// The URL of `path` on the agent for display: credentials redacted, sockets as `unix://…`.
std::string display_url(const AgentAddress& address, std::string_view path = {});

struct HttpRequest {
  std::string method;  ///< GET, POST or PUT
  std::string path;    ///< below the address's base path, starting with `/`
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

/// What became of one request. Anything other than kOk means no HTTP answer arrived.
struct HttpOutcome {
  enum class Kind {
    kOk,              ///< an answer arrived (any status)
    kRefused,         ///< nothing listens there (ECONNREFUSED)
    kTimeout,         ///< no connection or no complete answer within the timeout
    kReset,           ///< the connection was reset or closed without an answer
    kNoSocket,        ///< the Unix socket file does not exist
    kDns,             ///< the host name does not resolve
    kOtherTransport,  ///< anything else below HTTP (permission denied, unreachable network, TLS)
  };
  Kind kind = Kind::kOtherTransport;
  long status = 0;
  std::string body;   ///< at most kMaxResponseBody bytes are kept
  std::string error;  ///< the transport error as curl and the OS tell it; empty for kOk
};

std::string_view to_string(HttpOutcome::Kind kind);

inline constexpr std::size_t kMaxResponseBody = 1 << 20;

struct ClientTimeouts {
  std::chrono::milliseconds connect{3000};
  std::chrono::milliseconds total{3000};  ///< the whole request, connect included
};

/// One keep-alive connection (re-opened as needed) to one agent, like a tracer's. Proxies are
/// never used (http_proxy and friends are ignored), redirects are not followed, and only
/// http/https are spoken. Not thread-safe; movable.
class HttpClient {
 public:
  static core::Result<HttpClient> create(AgentAddress address, ClientTimeouts timeouts);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  HttpOutcome send(const HttpRequest& request);
  const AgentAddress& address() const { return address_; }

 private:
  struct Handle;
  HttpClient(AgentAddress address, ClientTimeouts timeouts, std::unique_ptr<Handle> handle);

  AgentAddress address_;
  ClientTimeouts timeouts_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace tracegate::connectivity
