// SPDX-License-Identifier: Apache-2.0
#include "connectivity/http_client.hpp"

#include <curl/curl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <mutex>
#include <optional>

namespace tracegate::connectivity {

namespace {

struct EasyCleanup {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
using CurlEasy = std::unique_ptr<CURL, EasyCleanup>;

struct SlistCleanup {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistCleanup>;

/// Appends one `Name: value` line; false when curl is out of memory (the list is unchanged).
bool append(HeaderList& list, const std::string& line) {
  curl_slist* head = curl_slist_append(list.get(), line.c_str());
  if (head == nullptr) return false;
  (void)list.release();  // `head` is the same list, or a new one when it was empty
  list.reset(head);
  return true;
}

CURLcode global_init() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
}

bool ipv6_char(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.'; }

constexpr std::string_view kExpected = "want http://HOST:PORT or unix:///PATH/TO/apm.socket";
/// sockaddr_un::sun_path holds 108 bytes, the terminating NUL included.
constexpr std::size_t kMaxSocketPath = 107;

core::Result<AgentAddress> parse_unix(std::string_view url, std::string_view rest) {
  if (!rest.starts_with('/')) {
    return core::fail("'" + std::string(url) +
                      "': a unix:// URL needs an absolute path, e.g. unix:///var/run/datadog/apm.socket");
  }
  if (rest.size() > kMaxSocketPath) {
    return core::fail("'" + std::string(url) + "': the socket path is longer than " + std::to_string(kMaxSocketPath) +
                      " bytes, the most a Unix socket address holds");
  }
  if (rest.ends_with('/')) return core::fail("'" + std::string(url) + "': the socket path names a directory");
  AgentAddress address;
  address.kind = AgentAddress::Kind::kUnixSocket;
  address.socket_path = std::string(rest);
  return address;
}

core::Result<AgentAddress> parse_http(std::string_view url, std::string scheme, std::string_view rest) {
  const auto bad = [&](std::string_view why) { return core::fail("'" + std::string(url) + "': " + std::string(why)); };
  if (rest.find_first_of("?#") != std::string_view::npos) return bad("an agent URL has no query or fragment");
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);

  AgentAddress address;
  address.scheme = std::move(scheme);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    address.userinfo = std::string(authority.substr(0, at));
    authority.remove_prefix(at + 1);
  }
  std::string_view port_text;
  bool has_port = false;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1 ||
        !std::ranges::all_of(authority.substr(1, close - 1), ipv6_char)) {
      return bad("malformed IPv6 address (want [::1]:8126)");
    }
    address.host = std::string(authority.substr(0, close + 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(':')) return bad("unexpected text after the IPv6 address");
      has_port = true;
      port_text = after.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    address.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      has_port = true;
      port_text = authority.substr(colon + 1);
      if (port_text.find(':') != std::string_view::npos) return bad("an IPv6 address needs brackets ([::1]:8126)");
    }
    if (address.host.empty()) return bad("no host");
    if (!std::ranges::all_of(address.host, host_char)) return bad("the host has characters a host name cannot have");
  }
  if (has_port) {
    int port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
        port > 65535) {
      return bad("the port must be a number from 1 to 65535");
    }
    address.port = port;
  } else {
    address.port = address.scheme == "https" ? 443 : 80;
  }
  while (path.ends_with('/')) path.remove_suffix(1);
  address.base_path = std::string(path);
  return address;
}

HttpOutcome transport_failure(HttpOutcome::Kind kind, std::string error) {
  HttpOutcome outcome;
  outcome.kind = kind;
  outcome.error = std::move(error);
  return outcome;
}

/// Before curl: a missing socket file is its own verdict (the hostPath is not mounted).
std::optional<HttpOutcome> check_socket(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) {
      return transport_failure(HttpOutcome::Kind::kNoSocket, "no such socket: " + path);
    }
    return transport_failure(HttpOutcome::Kind::kOtherTransport, path + ": " + std::strerror(error));
  }
  if (!S_ISSOCK(info.st_mode)) {
    return transport_failure(HttpOutcome::Kind::kOtherTransport, path + " exists but is not a socket");
  }
  return std::nullopt;
}

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  const std::size_t room = kMaxResponseBody - std::min(kMaxResponseBody, body->size());
  body->append(data, std::min(bytes, room));
  return bytes;  // the rest is read and dropped: a huge answer must not end the request
}

HttpOutcome::Kind classify(CURLcode code, long os_errno, bool unix_socket) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      if (unix_socket && (os_errno == ENOENT || os_errno == ENOTDIR)) return HttpOutcome::Kind::kNoSocket;
      if (os_errno == 0 || os_errno == ECONNREFUSED) return HttpOutcome::Kind::kRefused;
      if (os_errno == ETIMEDOUT) return HttpOutcome::Kind::kTimeout;
      return HttpOutcome::Kind::kOtherTransport;
    case CURLE_OPERATION_TIMEDOUT: return HttpOutcome::Kind::kTimeout;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE: return HttpOutcome::Kind::kReset;
    case CURLE_COULDNT_RESOLVE_HOST: return HttpOutcome::Kind::kDns;
    default: return HttpOutcome::Kind::kOtherTransport;
  }
}

}  // namespace

core::Result<AgentAddress> parse_agent_address(std::string_view url) {
  if (url.empty()) return core::fail(std::string("empty agent URL: ") + std::string(kExpected));
  if (std::ranges::any_of(url, [](unsigned char c) { return c <= 0x20 || c == 0x7f; })) {
    return core::fail("the agent URL contains spaces or control characters");
  }
  const auto separator = url.find("://");
  if (separator == std::string_view::npos) {
    return core::fail("'" + std::string(url) + "' is not an agent URL: " + std::string(kExpected));
  }
  std::string scheme = lower(url.substr(0, separator));
  const std::string_view rest = url.substr(separator + 3);
  if (scheme == "unix") return parse_unix(url, rest);
  if (scheme == "http" || scheme == "https") return parse_http(url, std::move(scheme), rest);
  return core::fail("'" + std::string(url) + "': unknown scheme '" + scheme + "', " + std::string(kExpected));
}

std::string display_url(const AgentAddress& address, std::string_view path) {
  if (address.kind == AgentAddress::Kind::kUnixSocket) return "unix://" + address.socket_path + std::string(path);
  return address.scheme + "://" + (address.userinfo.empty() ? "" : "***@") + address.host + ":" +
         std::to_string(address.port) + address.base_path + std::string(path);
}

std::string_view to_string(HttpOutcome::Kind kind) {
  switch (kind) {
    case HttpOutcome::Kind::kOk: return "ok";
    case HttpOutcome::Kind::kRefused: return "refused";
    case HttpOutcome::Kind::kTimeout: return "timeout";
    case HttpOutcome::Kind::kReset: return "reset";
    case HttpOutcome::Kind::kNoSocket: return "no-socket";
    case HttpOutcome::Kind::kDns: return "dns";
    case HttpOutcome::Kind::kOtherTransport: return "transport-error";
  }
  return "transport-error";
}

struct HttpClient::Handle {
  CurlEasy easy;
  char error[CURL_ERROR_SIZE] = {};
};

HttpClient::HttpClient(AgentAddress address, ClientTimeouts timeouts, std::unique_ptr<Handle> handle)
    : address_(std::move(address)), timeouts_(timeouts), handle_(std::move(handle)) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

core::Result<HttpClient> HttpClient::create(AgentAddress address, ClientTimeouts timeouts) {
  if (const CURLcode code = global_init(); code != CURLE_OK) {
    return core::fail(std::string("libcurl did not initialise: ") + curl_easy_strerror(code));
  }
  auto handle = std::make_unique<Handle>();
  handle->easy.reset(curl_easy_init());
  if (!handle->easy) return core::fail("libcurl could not create a handle");
  return HttpClient(std::move(address), timeouts, std::move(handle));
}

HttpOutcome HttpClient::send(const HttpRequest& request) {
  const bool unix_socket = address_.kind == AgentAddress::Kind::kUnixSocket;
  if (unix_socket) {
    if (auto missing = check_socket(address_.socket_path)) return std::move(*missing);
  }
  CURL* easy = handle_->easy.get();
  curl_easy_reset(easy);  // options only: the connection (keep-alive) stays
  handle_->error[0] = '\0';

  HeaderList headers;
  bool headers_ok = append(headers, "Expect:");  // no 100-continue round trip, as the tracers
  for (const auto& [name, value] : request.headers) headers_ok = headers_ok && append(headers, name + ": " + value);
  if (!headers_ok) return transport_failure(HttpOutcome::Kind::kOtherTransport, "out of memory building headers");

  const std::string url = unix_socket ? "http://localhost" + request.path
                                      : address_.scheme + "://" + (address_.userinfo.empty() ? "" : address_.userinfo + "@") +
                                            address_.host + ":" + std::to_string(address_.port) + address_.base_path +
                                            request.path;
  HttpOutcome outcome;
  CURLcode set = CURLE_OK;
  const auto option = [&](CURLoption name, auto value) {
    if (set == CURLE_OK) set = curl_easy_setopt(easy, name, value);
  };
  option(CURLOPT_ERRORBUFFER, handle_->error);
  option(CURLOPT_NOSIGNAL, 1L);
  option(CURLOPT_URL, url.c_str());
  option(CURLOPT_PROTOCOLS_STR, "http,https");
  option(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  option(CURLOPT_FOLLOWLOCATION, 0L);
  option(CURLOPT_PROXY, "");  // never a proxy, whatever http_proxy says
  option(CURLOPT_NOPROXY, "*");
  option(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
  option(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts_.connect.count()));
  option(CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts_.total.count()));
  option(CURLOPT_HTTPHEADER, headers.get());
  option(CURLOPT_WRITEFUNCTION, &collect_body);
  option(CURLOPT_WRITEDATA, static_cast<void*>(&outcome.body));
  if (unix_socket) option(CURLOPT_UNIX_SOCKET_PATH, address_.socket_path.c_str());
  if (request.method == "GET") {
    option(CURLOPT_HTTPGET, 1L);
  } else {
    option(CURLOPT_POST, 1L);
    option(CURLOPT_POSTFIELDS, request.body.data());
    option(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    if (request.method != "POST") option(CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (set != CURLE_OK) {
    return transport_failure(HttpOutcome::Kind::kOtherTransport, std::string("libcurl: ") + curl_easy_strerror(set));
  }

  const CURLcode code = curl_easy_perform(easy);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);  // the list dies with this scope
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    outcome.kind = HttpOutcome::Kind::kOk;
    outcome.status = status;
    return outcome;
  }
  long os_errno = 0;
  curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &os_errno);
  std::string error = curl_easy_strerror(code);
  if (handle_->error[0] != '\0') error += std::string(": ") + handle_->error;
  return transport_failure(classify(code, os_errno, unix_socket), std::move(error));
}

}  // namespace tracegate::connectivity
