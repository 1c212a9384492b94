// SPDX-License-Identifier: Apache-2.0
#include "rules/agent_endpoint.hpp"

#include <fmt/format.h>

#include <charconv>

#include "rules/release_diff.hpp"

namespace tracegate::rules {

namespace {

const EnvSetting* first_set(const EnvSettings& env, const std::vector<std::string>& names, std::string* which = nullptr) {
  for (const auto& name : names) {
    const auto it = env.find(name);
    if (it != env.end() && (it->second.from_host_ip || !it->second.value.empty())) {
      if (which) *which = name;
      return &it->second;
    }
  }
  return nullptr;
}

std::optional<int> parse_port(std::string_view text) {
  int port = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port <= 0 || port > 65535) return std::nullopt;
  return port;
}

/// DD_TRACE_AGENT_URL: http(s)://host[:port][/path] or unix:///path.
AgentEndpoint from_url(const EnvSetting& setting, std::string_view name) {
  AgentEndpoint endpoint;
  endpoint.decided_by = std::string(name);
  endpoint.where = setting.where;
  std::string_view url = setting.value;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    endpoint.kind = AgentEndpoint::Kind::invalid;
    endpoint.error = fmt::format("{}='{}' is not a URL (expected http://host:port or unix:///path)", name, setting.value);
    return endpoint;
  }
  const auto scheme = url.substr(0, scheme_end);
  auto rest = url.substr(scheme_end + 3);
  if (scheme == "unix") {
    endpoint.kind = AgentEndpoint::Kind::unix_socket;
    endpoint.socket_path = std::string(rest);
    if (rest.empty() || rest.front() != '/') {
      endpoint.kind = AgentEndpoint::Kind::invalid;
      endpoint.error = fmt::format("{}='{}': a unix socket URL needs an absolute path (unix:///var/run/datadog/apm.socket)",
                                   name, setting.value);
    }
    return endpoint;
  }
  if (scheme != "http" && scheme != "https") {
    endpoint.kind = AgentEndpoint::Kind::invalid;
    endpoint.error = fmt::format("{}='{}': unknown scheme '{}' (expected http, https or unix)", name, setting.value, scheme);
    return endpoint;
  }
  rest = rest.substr(0, rest.find('/'));
  const auto colon = rest.rfind(':');
  const bool bracketed = rest.starts_with('[');  // [::1]:8126
  const bool has_port = colon != std::string_view::npos && (!bracketed || colon > rest.find(']'));
  endpoint.host = std::string(has_port ? rest.substr(0, colon) : rest);
  endpoint.port = scheme == "https" ? 443 : 80;
  if (has_port) {
    const auto port = parse_port(rest.substr(colon + 1));
    if (!port) {
      endpoint.kind = AgentEndpoint::Kind::invalid;
      endpoint.error = fmt::format("{}='{}': '{}' is not a port", name, setting.value, rest.substr(colon + 1));
      return endpoint;
    }
    endpoint.port = *port;
  }
  if (endpoint.host.empty()) {
    endpoint.kind = AgentEndpoint::Kind::invalid;
    endpoint.error = fmt::format("{}='{}' has no host", name, setting.value);
  }
  return endpoint;
}

}  // namespace

std::string AgentEndpoint::url() const {
  switch (kind) {
    case Kind::http: return fmt::format("http://{}:{}", host_is_node_ip ? "<node-ip>" : host, port);
    case Kind::unix_socket: return "unix://" + socket_path;
    case Kind::invalid: return "<invalid>";
  }
  return "";
}

core::Result<AgentEndpoint> resolve_agent_endpoint(const Tracer& tracer, std::string_view version, const EnvSettings& env,
                                                   bool socket_exists) {
  const AgentUrlRule* rule = nullptr;
  for (const auto& candidate : tracer.agent_urls) {
    if (version_in(tracer, candidate.versions, version)) rule = &candidate;
  }
  if (!rule) return core::fail(fmt::format("the knowledge base has no agent URL order for {} {}", tracer.id, version));
  for (const auto& step : rule->order) {
    std::string name;
    if (step.from == "env") {
      if (const auto* setting = first_set(env, step.variables, &name)) {
        if (setting->from_host_ip) {  // a bare IP where a URL belongs
          AgentEndpoint endpoint{AgentEndpoint::Kind::invalid, {}, 0, {}, true, name, setting->where,
                                 fmt::format("{} is set to the node's IP, not a URL", name)};
          return endpoint;
        }
        return from_url(*setting, name);
      }
    } else if (step.from == "env-socket") {
      if (const auto* setting = first_set(env, step.variables, &name)) {
        std::string path = setting->value;
        if (path.starts_with("unix://")) path = path.substr(7);
        return AgentEndpoint{AgentEndpoint::Kind::unix_socket, {}, 0, path, false, name, setting->where, {}};
      }
    } else if (step.from == "host-port") {
      const auto& selectors = step.selected_by.empty() ? [&] {
        auto all = step.host;
        all.insert(all.end(), step.port.begin(), step.port.end());
        return all;
      }() : step.selected_by;
      if (!first_set(env, selectors)) continue;
      AgentEndpoint endpoint;
      endpoint.host = step.default_host;
      endpoint.port = step.default_port;
      endpoint.decided_by = "defaults";
      std::string host_name, port_name;
      if (const auto* host = first_set(env, step.host, &host_name)) {
        endpoint.decided_by = host_name;
        endpoint.where = host->where;
        endpoint.host_is_node_ip = host->from_host_ip;
        endpoint.host = host->from_host_ip ? "<node-ip>" : host->value;
        // dd-trace-php takes a DD_AGENT_HOST that starts with unix:// as the whole URL.
        if (tracer.language == core::Language::php && !host->from_host_ip && host->value.starts_with("unix://")) {
          return from_url(*host, host_name);
        }
      }
      if (const auto* port = first_set(env, step.port, &port_name)) {
        const auto parsed = parse_port(port->value);
        if (!parsed) {
          return AgentEndpoint{AgentEndpoint::Kind::invalid, endpoint.host, 0, {}, endpoint.host_is_node_ip, port_name,
                               port->where, fmt::format("{}='{}' is not a port", port_name, port->value)};
        }
        endpoint.port = *parsed;
        if (endpoint.where.path.empty()) {
          endpoint.where = port->where;
          endpoint.decided_by = port_name;
        }
      }
      return endpoint;
    } else if (step.from == "socket") {
      if (step.condition != "exists" || socket_exists) {
        return AgentEndpoint{AgentEndpoint::Kind::unix_socket, {}, 0, step.path, false, "default socket", {}, {}};
      }
    } else if (step.from == "default") {
      AgentEndpoint endpoint = from_url({step.url, false, {}}, "default");
      endpoint.decided_by = "default";
      return endpoint;
    }
  }
  return core::fail(fmt::format("the agent URL order of {} {} ends without a default", tracer.id, version));
}

}  // namespace tracegate::rules
