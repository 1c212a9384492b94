// SPDX-License-Identifier: Apache-2.0
// Kubernetes manifests: workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
// CronJob, Pod), ConfigMaps, `kind: List`, and the Datadog-specific kinds handed on
// (DatadogAgent, HelmRelease).
#include <array>
#include <utility>

#include "scanner/deploy/reader_units.hpp"

namespace tracegate::scanner::deploy {
namespace {

using Kind = core::Workload::Kind;

std::optional<Kind> workload_kind(std::string_view kind) {
  static constexpr std::array<std::pair<std::string_view, Kind>, 7> kKinds{{
      {"Deployment", Kind::deployment},
      {"StatefulSet", Kind::stateful_set},
      {"DaemonSet", Kind::daemon_set},
      {"ReplicaSet", Kind::replica_set},
      {"Job", Kind::job},
      {"CronJob", Kind::cron_job},
      {"Pod", Kind::pod},
  }};
  for (const auto& [name, value] : kKinds) {
    if (name == kind) return value;
  }
  return std::nullopt;
}

void read_labels(YamlWalk& walk, const YAML::Node& labels, bool on_pod_template, core::Workload& workload) {
  if (!labels.IsMap() || !walk.visit(labels)) return;
  for (const auto& entry : labels) {
    if (!walk.visit(entry.second)) break;
    const auto key = walk.text(entry.first);
    const auto value = walk.text(entry.second);
    if (key) workload.labels.push_back({*key, value.value_or(""), on_pod_template, walk.at(entry.first)});
  }
}

/// The pod template and the pod spec of a workload: `spec.template`, CronJob
/// `spec.jobTemplate.spec.template`, or the Pod itself.
std::pair<YAML::Node, YAML::Node> pod_template(YamlWalk& walk, const YAML::Node& document, Kind kind) {
  const auto spec = walk.child(document, "spec");
  switch (kind) {
    case Kind::pod:
      return {YAML::Node(YAML::NodeType::Undefined), spec};
    case Kind::cron_job: {
      const auto pod = walk.path_of(spec, {"jobTemplate", "spec", "template"});
      return {walk.child(pod, "metadata"), walk.child(pod, "spec")};
    }
    default: {
      const auto pod = walk.child(spec, "template");
      return {walk.child(pod, "metadata"), walk.child(pod, "spec")};
    }
  }
}

void read_workload(YamlWalk& walk, const YAML::Node& document, Kind kind, core::DeployInventory& out) {
  core::Workload workload;
  workload.kind = kind;
  workload.file = std::string(walk.path());
  workload.where = walk.at(walk.child(document, "kind"));
  const auto metadata = walk.child(document, "metadata");
  workload.name = walk.text(walk.child(metadata, "name")).value_or("");
  workload.namespace_ = walk.text(walk.child(metadata, "namespace")).value_or("");
  read_labels(walk, walk.child(metadata, "labels"), kind == Kind::pod, workload);
  const auto [template_metadata, pod_spec] = pod_template(walk, document, kind);
  read_labels(walk, walk.child(template_metadata, "labels"), true, workload);
  read_pod_spec(walk, pod_spec, workload);
  out.workloads.push_back(std::move(workload));
}

void read_config_map(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out) {
  core::ConfigMap map;
  map.file = std::string(walk.path());
  map.where = walk.at(walk.child(document, "kind"));
  const auto metadata = walk.child(document, "metadata");
  map.name = walk.text(walk.child(metadata, "name")).value_or("");
  map.namespace_ = walk.text(walk.child(metadata, "namespace")).value_or("");
  const auto data = walk.child(document, "data");
  if (data.IsMap()) {
    for (const auto& entry : data) {
      if (!walk.visit(entry.second)) break;
      const auto key = walk.text(entry.first);
      const auto value = walk.text(entry.second);
      if (key) map.data.insert_or_assign(*key, core::Located<std::string>{value.value_or(""), walk.at(entry.first)});
    }
  }
  out.config_maps.push_back(std::move(map));
}

bool read_document(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out, int depth) {
  const auto kind = walk.text(walk.child(document, "kind"));
  if (!kind) return false;
  if (const auto workload = workload_kind(*kind)) {
    read_workload(walk, document, *workload, out);
  } else if (*kind == "ConfigMap") {
    read_config_map(walk, document, out);
  } else if (*kind == "DatadogAgent") {
    read_datadog_agent_resource(walk, document, out);
  } else if (*kind == "HelmRelease") {
    read_helm_release(walk, document, out);
  } else if (*kind == "List" && depth == 0) {
    const auto items = walk.child(document, "items");
    if (!items.IsSequence()) return true;
    for (const auto& item : items) {
      if (!walk.visit(item)) break;
      read_document(walk, item, out, depth + 1);
    }
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool read_kubernetes_document(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out) {
  return read_document(walk, document, out, 0);
}

}  // namespace tracegate::scanner::deploy
