// SPDX-License-Identifier: Apache-2.0
// docker-compose / compose files: each service is a workload with one container; environment
// as a list (`- KEY=value`) or a map, volumes (short `host:container[:ro]` or long syntax),
// ports, labels, `network_mode: host`.
#include <charconv>

#include "scanner/deploy/reader_units.hpp"

namespace tracegate::scanner::deploy {
namespace {

/// `- KEY=value` or `- KEY` (taken from the shell running compose).
core::EnvVar env_from_entry(std::string_view entry, core::SourceLocation where) {
  core::EnvVar var;
  const auto equals = entry.find('=');
  var.name = std::string(entry.substr(0, equals));
  if (equals != std::string_view::npos) var.value = std::string(entry.substr(equals + 1));
  var.where = std::move(where);
  return var;
}

void read_environment(YamlWalk& walk, const YAML::Node& environment, core::Container& container) {
  if (environment.IsSequence()) {
    for (const auto& item : environment) {
      if (!walk.visit(item)) break;
      if (const auto entry = walk.text(item)) container.env.push_back(env_from_entry(*entry, walk.at(item)));
    }
  } else if (environment.IsMap()) {
    for (const auto& entry : environment) {
      if (!walk.visit(entry.second)) break;
      const auto name = walk.text(entry.first);
      if (!name) continue;
      core::EnvVar var;
      var.name = *name;
      var.value = walk.text(entry.second);  // `KEY:` with no value: from the shell
      var.where = walk.at(entry.first);
      container.env.push_back(std::move(var));
    }
  }
}

bool is_host_path(std::string_view source) {
  return source.starts_with('/') || source.starts_with('.') || source.starts_with('~');
}

void read_volumes(YamlWalk& walk, const YAML::Node& volumes, core::Workload& workload, core::Container& container) {
  if (!volumes.IsSequence()) return;
  for (const auto& item : volumes) {
    if (!walk.visit(item)) break;
    std::string source, target;
    bool read_only = false;
    if (const auto text = walk.text(item)) {
      const std::string_view spec = *text;
      const auto first = spec.find(':');
      if (first == std::string_view::npos) {
        target = spec;  // anonymous volume
      } else {
        source = spec.substr(0, first);
        const auto rest = spec.substr(first + 1);
        const auto second = rest.find(':');
        target = rest.substr(0, second);
        if (second != std::string_view::npos) read_only = rest.substr(second + 1).find("ro") != std::string_view::npos;
      }
    } else if (item.IsMap()) {
      source = walk.text(walk.child(item, "source")).value_or("");
      target = walk.text(walk.child(item, "target")).value_or("");
      read_only = walk.boolean(walk.child(item, "read_only"), "read_only").value_or(false);
    } else {
      continue;
    }
    core::Volume volume;
    volume.name = source;
    if (is_host_path(source)) volume.host_path = source;
    volume.where = walk.at(item);
    if (!source.empty()) workload.volumes.push_back(volume);
    container.volume_mounts.push_back({source, target, read_only, walk.at(item)});
  }
}

void read_labels(YamlWalk& walk, const YAML::Node& labels, core::Workload& workload) {
  if (labels.IsMap()) {
    for (const auto& entry : labels) {
      if (!walk.visit(entry.second)) break;
      if (const auto key = walk.text(entry.first)) {
        workload.labels.push_back({*key, walk.text(entry.second).value_or(""), true, walk.at(entry.first)});
      }
    }
  } else if (labels.IsSequence()) {
    for (const auto& item : labels) {
      if (!walk.visit(item)) break;
      if (const auto entry = walk.text(item)) {
        const auto equals = entry->find('=');
        workload.labels.push_back({entry->substr(0, equals),
                                   equals == std::string::npos ? std::string() : entry->substr(equals + 1), true,
                                   walk.at(item)});
      }
    }
  }
}

/// `"8126:8126"`, `"127.0.0.1:8126:8126/tcp"`, `8126`, or `{target, published}`.
void read_ports(YamlWalk& walk, const YAML::Node& ports, core::Container& container) {
  if (!ports.IsSequence()) return;
  for (const auto& item : ports) {
    if (!walk.visit(item)) break;
    core::ContainerPort port;
    port.where = walk.at(item);
    if (const auto text = walk.text(item)) {
      std::string_view spec = *text;
      spec = spec.substr(0, spec.find('/'));
      const auto last = spec.rfind(':');
      const auto to_int = [](std::string_view digits) -> std::optional<int> {
        int value = 0;
        const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
        return value;
      };
      port.container_port = to_int(spec.substr(last == std::string_view::npos ? 0 : last + 1)).value_or(0);
      if (last != std::string_view::npos) {
        auto host = spec.substr(0, last);
        if (const auto colon = host.rfind(':'); colon != std::string_view::npos) host = host.substr(colon + 1);
        port.host_port = to_int(host);
      }
    } else if (item.IsMap()) {
      port.container_port = walk.integer(walk.child(item, "target"), "target").value_or(0);
      port.host_port = walk.integer(walk.child(item, "published"), "published");
    } else {
      continue;
    }
    container.ports.push_back(std::move(port));
  }
}

}  // namespace

void read_compose_document(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out) {
  const auto services = walk.child(document, "services");
  if (!services.IsMap()) return;
  for (const auto& entry : services) {
    if (!walk.visit(entry.second)) break;
    const auto name = walk.text(entry.first);
    const auto& service = entry.second;
    if (!name || !service.IsMap()) continue;
    core::Workload workload;
    workload.kind = core::Workload::Kind::compose_service;
    workload.name = *name;
    workload.file = std::string(walk.path());
    workload.where = walk.at(entry.first);
    core::Container container;
    container.name = walk.text(walk.child(service, "container_name")).value_or(*name);
    container.image = walk.text(walk.child(service, "image")).value_or("");
    container.where = walk.at(entry.first);
    read_environment(walk, walk.child(service, "environment"), container);
    read_volumes(walk, walk.child(service, "volumes"), workload, container);
    read_ports(walk, walk.child(service, "ports"), container);
    read_labels(walk, walk.child(service, "labels"), workload);
    const auto network_mode = walk.child(service, "network_mode");
    if (const auto mode = walk.text(network_mode)) {
      workload.host_network = core::Located<bool>{*mode == "host", walk.at(network_mode)};
    }
    workload.containers.push_back(std::move(container));
    out.workloads.push_back(std::move(workload));
  }
}

}  // namespace tracegate::scanner::deploy
