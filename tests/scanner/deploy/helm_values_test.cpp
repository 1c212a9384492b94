// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "scanner/deploy/chart_defaults.hpp"
#include "tests/scanner/deploy/deploy_fixture.hpp"

namespace tracegate::scanner::deploy {
namespace {

using testing::at;
using testing::read_deploy_fixture;

TEST(HelmValues, PortDisabledAsInTheIncident) {
  const auto result = read_deploy_fixture("incident/datadog/values.yaml");
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.agent_settings.size(), 1u);
  const auto& s = result.agent_settings[0];
  EXPECT_EQ(at(s.where), "incident/datadog/values.yaml:2");
  ASSERT_TRUE(s.apm_port_enabled);
  EXPECT_FALSE(s.apm_port_enabled->value);
  EXPECT_FALSE(s.apm_port_enabled->defaulted);
  EXPECT_EQ(at(s.apm_port_enabled->where), "incident/datadog/values.yaml:7");
  EXPECT_TRUE(s.apm_socket_enabled->value);
  EXPECT_EQ(s.agent_image_tag->value, "7.52.0");
  EXPECT_FALSE(s.agent_image_tag->defaulted);
  EXPECT_EQ(s.admission_config_mode->value, "socket");  // derived: socketEnabled
  EXPECT_TRUE(s.admission_config_mode->defaulted);
  ASSERT_EQ(s.tags.size(), 1u);
  EXPECT_EQ(s.tags[0].value, "team:platform");
  EXPECT_TRUE(s.chart_version_assumed);
}

TEST(HelmValues, PortEnabled) {
  const auto result = read_deploy_fixture("port-enabled/values.yaml");
  ASSERT_EQ(result.agent_settings.size(), 1u);
  const auto& s = result.agent_settings[0];
  EXPECT_TRUE(s.apm_port_enabled->value);
  EXPECT_EQ(at(s.apm_port_enabled->where), "port-enabled/values.yaml:4");
  EXPECT_EQ(s.admission_config_mode->value, "hostip");
  EXPECT_FALSE(s.admission_config_mode->defaulted);
  EXPECT_FALSE(s.admission_mutate_unlabelled->value);
  ASSERT_EQ(s.agent_env.size(), 1u);
  EXPECT_EQ(s.agent_env[0].name, "DD_APM_MAX_TPS");
  EXPECT_EQ(at(s.agent_env[0].where), "port-enabled/values.yaml:7");
}

TEST(HelmValues, NothingSetTakesTheCurrentChartDefaultsAndSaysSo) {
  const auto result = read_deploy_fixture("defaults/values.yaml");
  ASSERT_EQ(result.agent_settings.size(), 1u);
  const auto& s = result.agent_settings[0];
  EXPECT_FALSE(s.apm_port_enabled->value);
  EXPECT_TRUE(s.apm_port_enabled->defaulted);
  EXPECT_EQ(at(s.apm_port_enabled->where), "../shared/data/agent-connectivity.md:15");
  EXPECT_TRUE(s.apm_socket_enabled->value);
  EXPECT_EQ(s.apm_port->value, 8126);
  EXPECT_EQ(s.host_socket_path->value, "/var/run/datadog");
  EXPECT_EQ(s.agent_image_tag->value, "7.81.1");
  EXPECT_TRUE(s.admission_enabled->value);
  EXPECT_EQ(s.admission_config_mode->value, "socket");
  EXPECT_TRUE(s.chart_version_assumed);
  EXPECT_EQ(s.chart_version, "3.240.0");
  EXPECT_TRUE(s.defaults_note.starts_with("assumed chart 3.240.0 defaults (no datadog chart version found"))
      << s.defaults_note;
  EXPECT_NE(s.defaults_note.find("portEnabled false, useLocalService false"), std::string::npos) << s.defaults_note;
}

TEST(HelmValues, UmbrellaChartPinnedBeforeUdsByDefault) {
  core::DeployInventory inventory;
  add_to_inventory(inventory, read_deploy_fixture("chart/Chart.yaml"));
  add_to_inventory(inventory, read_deploy_fixture("chart/values.yaml"));
  add_to_inventory(inventory, read_deploy_fixture("chart/templates/deployment.yaml"));
  finish_inventory(inventory);
  EXPECT_TRUE(inventory.diagnostics.empty());
  ASSERT_EQ(inventory.chart_pins.size(), 1u);
  EXPECT_EQ(inventory.chart_pins[0].version, "2.20.3");
  EXPECT_EQ(at(inventory.chart_pins[0].where), "chart/Chart.yaml:9");
  ASSERT_EQ(inventory.agent_settings.size(), 1u);
  const auto& s = inventory.agent_settings[0];
  EXPECT_FALSE(s.chart_version_assumed);
  EXPECT_EQ(s.chart_version, "2.20.3");
  EXPECT_EQ(at(s.chart_version_where), "chart/Chart.yaml:9");
  EXPECT_TRUE(s.legacy_apm_enabled->value);
  EXPECT_EQ(at(s.legacy_apm_enabled->where), "chart/values.yaml:6");
  EXPECT_TRUE(s.use_host_network->value);
  EXPECT_FALSE(s.apm_socket_enabled->value);  // before 2.21.0
  EXPECT_FALSE(s.admission_enabled->value);   // before 2.35.0
  EXPECT_EQ(s.admission_config_mode->value, "hostip");
  EXPECT_FALSE(s.agent_image_tag);  // that chart's default tag is not in the facts
  EXPECT_TRUE(s.defaults_note.starts_with("chart 2.20.3 defaults (dependency of the chart in this directory at "
                                          "chart/Chart.yaml:9:14)"))
      << s.defaults_note;
}

TEST(HelmValues, FluxHelmReleaseInlineValuesAndVersion) {
  const auto result = read_deploy_fixture("flux/helmrelease.yaml");
  ASSERT_EQ(result.chart_pins.size(), 1u);
  EXPECT_EQ(result.chart_pins[0].version, "3.69.3");
  ASSERT_EQ(result.agent_settings.size(), 1u);
  const auto& s = result.agent_settings[0];
  EXPECT_EQ(s.origin, core::DatadogAgentSettings::Origin::helm_release);
  EXPECT_EQ(s.chart_version, "3.69.3");
  EXPECT_TRUE(s.apm_port_enabled->value);
  EXPECT_EQ(at(s.apm_port_enabled->where), "flux/helmrelease.yaml:19");
  EXPECT_EQ(s.admission_config_mode->value, "socket");  // socketEnabled defaults true, checked first
}

TEST(HelmValues, HelmfilePinsItsValuesFile) {
  core::DeployInventory inventory;
  add_to_inventory(inventory, read_deploy_fixture("helmfile/helmfile.yaml"));
  add_to_inventory(inventory, read_deploy_fixture("helmfile/values/datadog.yaml"));
  add_to_inventory(inventory, read_deploy_fixture("defaults/values.yaml"));
  finish_inventory(inventory);
  ASSERT_EQ(inventory.chart_pins.size(), 1u);
  EXPECT_EQ(inventory.chart_pins[0].values_files, std::vector<std::string>{"helmfile/values/datadog.yaml"});
  ASSERT_EQ(inventory.agent_settings.size(), 2u);
  EXPECT_EQ(inventory.agent_settings[0].chart_version, "3.22.0");
  EXPECT_EQ(inventory.agent_settings[0].admission_config_mode->value, "hostip");
  // The only pin in the repository applies to the other values file too, saying so.
  EXPECT_EQ(inventory.agent_settings[1].chart_version, "3.22.0");
  EXPECT_NE(inventory.agent_settings[1].defaults_note.find("the only datadog chart version pinned"), std::string::npos);
}

TEST(HelmValues, ApplicationValuesEnvBlocks) {
  const auto result = read_deploy_fixture("app-values/values.yaml");
  EXPECT_TRUE(result.agent_settings.empty());
  ASSERT_EQ(result.values_env.size(), 2u);
  EXPECT_EQ(result.values_env[0].key_path, "env");
  ASSERT_EQ(result.values_env[0].env.size(), 2u);
  EXPECT_EQ(result.values_env[0].env[0].value_from.field_path, "status.hostIP");
  EXPECT_EQ(at(result.values_env[0].env[0].where), "app-values/values.yaml:6");
  EXPECT_EQ(result.values_env[1].key_path, "worker.extraEnv");
  EXPECT_EQ(result.values_env[1].env[0].name, "DD_SERVICE");
  EXPECT_EQ(result.values_env[1].env[0].value, "payments-worker");
  EXPECT_EQ(at(result.values_env[1].env[0].where), "app-values/values.yaml:15");
}

TEST(ChartVersion, Parses) {
  EXPECT_EQ(parse_chart_version("3.69.3")->numbers, (std::array<int, 3>{3, 69, 3}));
  EXPECT_TRUE(parse_chart_version("v3.69.3")->exact);
  EXPECT_FALSE(parse_chart_version("^3.0.0")->exact);
  EXPECT_FALSE(parse_chart_version("3.x")->exact);
  EXPECT_EQ(parse_chart_version(">=2.21.0 <3")->numbers, (std::array<int, 3>{2, 21, 0}));
  EXPECT_FALSE(parse_chart_version("latest"));
}

}  // namespace
}  // namespace tracegate::scanner::deploy
