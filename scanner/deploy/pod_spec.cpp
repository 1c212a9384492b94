// SPDX-License-Identifier: Apache-2.0
// A Kubernetes pod spec: containers (env, envFrom, volumeMounts, ports), volumes, hostNetwork.
#include <fmt/format.h>

#include "scanner/deploy/reader_units.hpp"

namespace tracegate::scanner::deploy {
namespace {

using core::EnvValueFrom;

EnvValueFrom read_value_from(YamlWalk& walk, const YAML::Node& value_from) {
  EnvValueFrom out;
  if (const auto field = walk.child(value_from, "fieldRef"); field.IsDefined()) {
    out.kind = EnvValueFrom::Kind::field_ref;
    out.field_path = walk.text(walk.child(field, "fieldPath")).value_or("");
  } else if (const auto map_key = walk.child(value_from, "configMapKeyRef"); map_key.IsDefined()) {
    out.kind = EnvValueFrom::Kind::config_map_key;
    out.map_name = walk.text(walk.child(map_key, "name")).value_or("");
    out.key = walk.text(walk.child(map_key, "key")).value_or("");
  } else if (const auto secret_key = walk.child(value_from, "secretKeyRef"); secret_key.IsDefined()) {
    out.kind = EnvValueFrom::Kind::secret_key;
    out.map_name = walk.text(walk.child(secret_key, "name")).value_or("");
    out.key = walk.text(walk.child(secret_key, "key")).value_or("");
  } else if (const auto resource = walk.child(value_from, "resourceFieldRef"); resource.IsDefined()) {
    out.kind = EnvValueFrom::Kind::resource_field;
    out.field_path = walk.text(walk.child(resource, "resource")).value_or("");
  }
  return out;
}

std::vector<core::EnvFrom> read_env_from(YamlWalk& walk, const YAML::Node& list) {
  std::vector<core::EnvFrom> out;
  if (!list.IsSequence()) return out;
  for (const auto& item : list) {
    if (!walk.visit(item)) break;
    const auto prefix = walk.text(walk.child(item, "prefix")).value_or("");
    if (const auto ref = walk.child(item, "configMapRef"); ref.IsDefined()) {
      out.push_back({core::EnvFrom::Kind::config_map, walk.text(walk.child(ref, "name")).value_or(""), prefix,
                     walk.at(item)});
    } else if (const auto secret = walk.child(item, "secretRef"); secret.IsDefined()) {
      out.push_back({core::EnvFrom::Kind::secret, walk.text(walk.child(secret, "name")).value_or(""), prefix,
                     walk.at(item)});
    }
  }
  return out;
}

std::vector<core::VolumeMount> read_volume_mounts(YamlWalk& walk, const YAML::Node& list) {
  std::vector<core::VolumeMount> out;
  if (!list.IsSequence()) return out;
  for (const auto& item : list) {
    if (!walk.visit(item)) break;
    out.push_back({walk.text(walk.child(item, "name")).value_or(""),
                   walk.text(walk.child(item, "mountPath")).value_or(""),
                   walk.boolean(walk.child(item, "readOnly"), "readOnly").value_or(false), walk.at(item)});
  }
  return out;
}

std::vector<core::ContainerPort> read_ports(YamlWalk& walk, const YAML::Node& list) {
  std::vector<core::ContainerPort> out;
  if (!list.IsSequence()) return out;
  for (const auto& item : list) {
    if (!walk.visit(item)) break;
    out.push_back({walk.integer(walk.child(item, "containerPort"), "containerPort").value_or(0),
                   walk.integer(walk.child(item, "hostPort"), "hostPort"),
                   walk.text(walk.child(item, "name")).value_or(""), walk.at(item)});
  }
  return out;
}

void read_containers(YamlWalk& walk, const YAML::Node& list, bool init, core::Workload& workload) {
  if (!list.IsSequence()) return;
  for (const auto& item : list) {
    if (!walk.visit(item) || !item.IsMap()) continue;
    core::Container container;
    container.name = walk.text(walk.child(item, "name")).value_or("");
    container.image = walk.text(walk.child(item, "image")).value_or("");
    container.init = init;
    container.env = read_env_list(walk, walk.child(item, "env"));
    container.env_from = read_env_from(walk, walk.child(item, "envFrom"));
    container.volume_mounts = read_volume_mounts(walk, walk.child(item, "volumeMounts"));
    container.ports = read_ports(walk, walk.child(item, "ports"));
    container.where = walk.at(item);
    workload.containers.push_back(std::move(container));
  }
}

void read_volumes(YamlWalk& walk, const YAML::Node& list, core::Workload& workload) {
  if (!list.IsSequence()) return;
  for (const auto& item : list) {
    if (!walk.visit(item) || !item.IsMap()) continue;
    core::Volume volume;
    volume.name = walk.text(walk.child(item, "name")).value_or("");
    volume.host_path = walk.text(walk.path_of(item, {"hostPath", "path"}));
    volume.config_map = walk.text(walk.path_of(item, {"configMap", "name"}));
    volume.csi_driver = walk.text(walk.path_of(item, {"csi", "driver"}));
    volume.where = walk.at(item);
    workload.volumes.push_back(std::move(volume));
  }
}

}  // namespace

std::vector<core::EnvVar> read_env_list(YamlWalk& walk, const YAML::Node& list) {
  std::vector<core::EnvVar> out;
  if (!list.IsDefined() || list.IsNull()) return out;
  if (!list.IsSequence()) {
    walk.warn(list, "env is not a list of name/value entries; not read");
    return out;
  }
  for (const auto& item : list) {
    if (!walk.visit(item)) break;
    if (!item.IsMap()) continue;
    core::EnvVar var;
    const auto name = walk.child(item, "name");
    var.name = walk.text(name).value_or("");
    var.value = walk.text(walk.child(item, "value"));
    if (const auto value_from = walk.child(item, "valueFrom"); value_from.IsDefined()) {
      var.value_from = read_value_from(walk, value_from);
    }
    // The `- name:` line; the mapping's mark is its first key, which is `name` as usually written.
    var.where = walk.at(name.IsDefined() ? name : item);
    if (name.IsDefined()) var.where.column = walk.at(item).column;
    out.push_back(std::move(var));
  }
  return out;
}

void read_pod_spec(YamlWalk& walk, const YAML::Node& spec, core::Workload& workload) {
  if (!spec.IsMap()) return;
  read_containers(walk, walk.child(spec, "initContainers"), true, workload);
  read_containers(walk, walk.child(spec, "containers"), false, workload);
  read_volumes(walk, walk.child(spec, "volumes"), workload);
  workload.host_network = walk.located_boolean(walk.child(spec, "hostNetwork"), "hostNetwork");
}

}  // namespace tracegate::scanner::deploy
