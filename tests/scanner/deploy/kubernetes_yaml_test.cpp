// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tests/scanner/deploy/deploy_fixture.hpp"

namespace tracegate::scanner::deploy {
namespace {

using testing::at;
using testing::read_deploy_fixture;
using Kind = core::EnvValueFrom::Kind;

TEST(KubernetesYaml, IncidentDeploymentTakesTheAgentHostFromTheNodeIp) {
  const auto result = read_deploy_fixture("incident/k8s/checkout-api.yaml");
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.workloads.size(), 1u);  // the Service is not a workload
  const auto& workload = result.workloads[0];
  EXPECT_EQ(workload.kind, core::Workload::Kind::deployment);
  EXPECT_EQ(workload.name, "checkout-api");
  EXPECT_EQ(workload.namespace_, "shop");
  EXPECT_EQ(at(workload.where), "incident/k8s/checkout-api.yaml:12");
  ASSERT_EQ(workload.containers.size(), 1u);
  const auto& container = workload.containers[0];
  EXPECT_EQ(container.name, "api");
  EXPECT_EQ(container.image, "registry.example.com/shop/checkout-api:2024.06.1");
  ASSERT_EQ(container.env.size(), 5u);
  const auto& host = container.env[0];
  EXPECT_EQ(host.name, "DD_AGENT_HOST");
  EXPECT_FALSE(host.value);
  EXPECT_EQ(host.value_from.kind, Kind::field_ref);
  EXPECT_EQ(host.value_from.field_path, "status.hostIP");
  EXPECT_EQ(at(host.where), "incident/k8s/checkout-api.yaml:35");
  EXPECT_EQ(host.where.column, 15);  // the `name` key after `- `
  EXPECT_EQ(container.env[1].name, "DD_SERVICE");
  EXPECT_EQ(container.env[1].value, "checkout-api");
  EXPECT_EQ(at(container.env[1].where), "incident/k8s/checkout-api.yaml:39");
  EXPECT_EQ(container.env[3].value_from.kind, Kind::secret_key);
  EXPECT_EQ(container.env[3].value_from.map_name, "checkout-db");
  EXPECT_EQ(container.env[4].value_from.kind, Kind::config_map_key);
  EXPECT_EQ(container.env[4].value_from.map_name, "checkout-api-config");
  EXPECT_EQ(container.env[4].value_from.key, "LOG_LEVEL");
  EXPECT_EQ(at(container.env[4].where), "incident/k8s/checkout-api.yaml:48");
  ASSERT_EQ(container.env_from.size(), 1u);
  EXPECT_EQ(container.env_from[0].kind, core::EnvFrom::Kind::config_map);
  EXPECT_EQ(container.env_from[0].name, "checkout-api-config");
  EXPECT_EQ(at(container.env_from[0].where), "incident/k8s/checkout-api.yaml:54");
  ASSERT_EQ(container.ports.size(), 1u);
  EXPECT_EQ(container.ports[0].container_port, 8000);
  EXPECT_FALSE(container.ports[0].host_port);
  EXPECT_FALSE(workload.host_network);

  ASSERT_EQ(result.config_maps.size(), 1u);
  const auto& map = result.config_maps[0];
  EXPECT_EQ(map.name, "checkout-api-config");
  ASSERT_TRUE(map.data.contains("LOG_LEVEL"));
  EXPECT_EQ(map.data.at("LOG_LEVEL").value, "info");
  EXPECT_EQ(at(map.data.at("LOG_LEVEL").where), "incident/k8s/checkout-api.yaml:9");
}

TEST(KubernetesYaml, AdmissionLabelAndUnifiedTagsWithoutSocketMount) {
  const auto result = read_deploy_fixture("admission/deployment.yaml");
  ASSERT_EQ(result.workloads.size(), 1u);
  const auto& workload = result.workloads[0];
  const auto find = [&](std::string_view key, bool on_pod) -> const core::Label* {
    for (const auto& label : workload.labels) {
      if (label.key == key && label.on_pod_template == on_pod) return &label;
    }
    return nullptr;
  };
  const auto* admission = find("admission.datadoghq.com/enabled", true);
  ASSERT_NE(admission, nullptr);
  EXPECT_EQ(admission->value, "true");
  EXPECT_EQ(at(admission->where), "admission/deployment.yaml:13");
  ASSERT_NE(find("tags.datadoghq.com/env", false), nullptr);
  EXPECT_EQ(at(find("tags.datadoghq.com/env", false)->where), "admission/deployment.yaml:6");
  ASSERT_NE(find("tags.datadoghq.com/version", true), nullptr);
  EXPECT_EQ(find("tags.datadoghq.com/version", true)->value, "1.4.2");
  EXPECT_TRUE(workload.volumes.empty());
  ASSERT_EQ(workload.containers.size(), 1u);
  EXPECT_TRUE(workload.containers[0].volume_mounts.empty());
  ASSERT_EQ(workload.containers[0].env.size(), 1u);
  EXPECT_EQ(workload.containers[0].env[0].value, "unix:///var/run/datadog/apm.socket");
  EXPECT_EQ(at(workload.containers[0].env[0].where), "admission/deployment.yaml:22");
}

TEST(KubernetesYaml, HostPathSocketCronJobAndPod) {
  const auto result = read_deploy_fixture("socket/statefulset.yaml");
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.workloads.size(), 3u);
  const auto& ledger = result.workloads[0];
  EXPECT_EQ(ledger.kind, core::Workload::Kind::stateful_set);
  ASSERT_EQ(ledger.volumes.size(), 1u);
  EXPECT_EQ(ledger.volumes[0].name, "apmsocketpath");
  EXPECT_EQ(ledger.volumes[0].host_path, "/var/run/datadog/");
  ASSERT_EQ(ledger.containers[0].volume_mounts.size(), 1u);
  EXPECT_EQ(ledger.containers[0].volume_mounts[0].mount_path, "/var/run/datadog");
  EXPECT_TRUE(ledger.containers[0].volume_mounts[0].read_only);
  ASSERT_TRUE(ledger.host_network);
  EXPECT_FALSE(ledger.host_network->value);

  const auto& cron = result.workloads[1];
  EXPECT_EQ(cron.kind, core::Workload::Kind::cron_job);
  ASSERT_EQ(cron.labels.size(), 1u);
  EXPECT_EQ(cron.labels[0].key, "tags.datadoghq.com/service");
  ASSERT_EQ(cron.containers.size(), 1u);
  EXPECT_EQ(cron.containers[0].env[0].value, "datadog-agent.datadog.svc.cluster.local");
  EXPECT_EQ(at(cron.containers[0].env[0].where), "socket/statefulset.yaml:42");

  const auto& pod = result.workloads[2];
  EXPECT_EQ(pod.kind, core::Workload::Kind::pod);
  ASSERT_TRUE(pod.host_network);
  EXPECT_TRUE(pod.host_network->value);
  EXPECT_TRUE(pod.labels[0].on_pod_template);
}

TEST(KubernetesYaml, DatadogOperatorResource) {
  const auto result = read_deploy_fixture("operator/datadogagent.yaml");
  ASSERT_EQ(result.agent_settings.size(), 1u);
  const auto& settings = result.agent_settings[0];
  EXPECT_EQ(settings.origin, core::DatadogAgentSettings::Origin::operator_resource);
  ASSERT_TRUE(settings.apm_port_enabled);
  EXPECT_TRUE(settings.apm_port_enabled->value);
  EXPECT_FALSE(settings.apm_port_enabled->defaulted);
  EXPECT_EQ(at(settings.apm_port_enabled->where), "operator/datadogagent.yaml:14");
  EXPECT_EQ(settings.apm_port->value, 8126);
  EXPECT_FALSE(settings.apm_socket_enabled->value);
  EXPECT_EQ(settings.agent_image_tag->value, "7.50.3");
  ASSERT_TRUE(settings.admission_enabled);
  EXPECT_TRUE(settings.admission_enabled->defaulted);  // Operator default
  EXPECT_TRUE(settings.socket_path->defaulted);
  EXPECT_EQ(settings.socket_path->value, "/var/run/datadog/apm.socket");
  EXPECT_NE(settings.defaults_note.find("Datadog Operator defaults"), std::string::npos);
  ASSERT_EQ(settings.tags.size(), 1u);
  EXPECT_EQ(settings.tags[0].value, "env:prod");
}

TEST(KubernetesYaml, ListKindAndEmptyDocuments) {
  const auto result = read_deploy_file("k8s/list.yaml", R"(---
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers: [{name: c, image: i, env: [{name: X, value: "1"}]}]
)");
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.workloads.size(), 1u);
  EXPECT_EQ(result.workloads[0].name, "a");
  EXPECT_EQ(at(result.workloads[0].containers[0].env[0].where), "k8s/list.yaml:10");
}

TEST(KubernetesYaml, HelmTemplatesAreNotRead) {
  const auto result = read_deploy_fixture("chart/templates/deployment.yaml");
  EXPECT_TRUE(result.workloads.empty());
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(classify_deploy_path("chart/templates/deployment.yaml"), DeployFileKind::helm_template);
  EXPECT_EQ(classify_deploy_path("README.md"), DeployFileKind::none);
}

}  // namespace
}  // namespace tracegate::scanner::deploy
