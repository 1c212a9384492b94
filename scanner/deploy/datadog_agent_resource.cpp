// SPDX-License-Identifier: Apache-2.0
// The Datadog Operator's DatadogAgent (datadoghq.com/v2alpha1): APM host port and socket,
// admission controller, node agent image and host network. Defaults are the Operator's
// (../shared/data/agent-connectivity.md:65-71), applied in chart_defaults.cpp.
#include <fmt/format.h>

#include "scanner/deploy/reader_units.hpp"

namespace tracegate::scanner::deploy {

void read_datadog_agent_resource(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out) {
  core::DatadogAgentSettings settings;
  settings.origin = core::DatadogAgentSettings::Origin::operator_resource;
  settings.file = std::string(walk.path());
  settings.where = walk.at(walk.child(document, "kind"));
  const auto api_version = walk.text(walk.child(document, "apiVersion")).value_or("");
  if (api_version.ends_with("/v1alpha1")) {
    walk.warn(walk.child(document, "apiVersion"),
              "DatadogAgent datadoghq.com/v1alpha1 is not read (only v2alpha1); agent settings unknown");
    return;
  }
  const auto spec = walk.child(document, "spec");
  const auto apm = walk.path_of(spec, {"features", "apm"});
  settings.apm_port_enabled =
      walk.located_boolean(walk.path_of(apm, {"hostPortConfig", "enabled"}), "hostPortConfig.enabled");
  settings.apm_port = walk.located_integer(walk.path_of(apm, {"hostPortConfig", "hostPort"}), "hostPortConfig.hostPort");
  settings.apm_socket_enabled = walk.located_boolean(walk.path_of(apm, {"unixDomainSocketConfig", "enabled"}),
                                                     "unixDomainSocketConfig.enabled");
  settings.socket_path = walk.located_text(walk.path_of(apm, {"unixDomainSocketConfig", "path"}));
  settings.apm_enabled = walk.located_boolean(walk.child(apm, "enabled"), "features.apm.enabled");
  const auto admission = walk.path_of(spec, {"features", "admissionController"});
  settings.admission_enabled = walk.located_boolean(walk.child(admission, "enabled"), "admissionController.enabled");
  settings.admission_mutate_unlabelled =
      walk.located_boolean(walk.child(admission, "mutateUnlabelled"), "admissionController.mutateUnlabelled");
  settings.admission_config_mode = walk.located_text(walk.child(admission, "agentCommunicationMode"));
  const auto node_agent = walk.path_of(spec, {"override", "nodeAgent"});
  settings.agent_image_tag = walk.located_text(walk.path_of(node_agent, {"image", "tag"}));
  settings.use_host_network = walk.located_boolean(walk.child(node_agent, "hostNetwork"), "nodeAgent.hostNetwork");
  const auto tags = walk.path_of(spec, {"global", "tags"});
  if (tags.IsSequence()) {
    for (const auto& tag : tags) {
      if (!walk.visit(tag)) break;
      if (auto value = walk.located_text(tag)) settings.tags.push_back(std::move(*value));
    }
  }
  out.agent_settings.push_back(std::move(settings));
}

}  // namespace tracegate::scanner::deploy
