// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tests/scanner/deploy/deploy_fixture.hpp"

namespace tracegate::scanner::deploy {
namespace {

using testing::at;
using testing::read_deploy_fixture;

TEST(DockerCompose, AgentAndApp) {
  const auto result = read_deploy_fixture("compose/docker-compose.yml");
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.workloads.size(), 3u);
  const auto& agent = result.workloads[0];
  EXPECT_EQ(agent.kind, core::Workload::Kind::compose_service);
  EXPECT_EQ(agent.name, "datadog-agent");
  ASSERT_EQ(agent.containers.size(), 1u);
  EXPECT_EQ(agent.containers[0].image, "gcr.io/datadoghq/agent:7.52.0");
  ASSERT_EQ(agent.containers[0].env.size(), 3u);
  EXPECT_EQ(agent.containers[0].env[1].name, "DD_APM_ENABLED");
  EXPECT_EQ(agent.containers[0].env[1].value, "true");
  EXPECT_EQ(at(agent.containers[0].env[1].where), "compose/docker-compose.yml:6");
  ASSERT_EQ(agent.containers[0].ports.size(), 1u);
  EXPECT_EQ(agent.containers[0].ports[0].container_port, 8126);
  EXPECT_EQ(agent.containers[0].ports[0].host_port, 8126);
  ASSERT_EQ(agent.volumes.size(), 2u);
  EXPECT_EQ(agent.volumes[1].host_path, "/var/run/datadog");
  EXPECT_TRUE(agent.containers[0].volume_mounts[0].read_only);

  const auto& web = result.workloads[1];
  ASSERT_EQ(web.containers[0].env.size(), 3u);
  EXPECT_EQ(web.containers[0].env[0].name, "DD_AGENT_HOST");
  EXPECT_EQ(web.containers[0].env[0].value, "datadog-agent");
  EXPECT_EQ(at(web.containers[0].env[0].where), "compose/docker-compose.yml:16");
  EXPECT_FALSE(web.containers[0].env[2].value);  // `DD_SERVICE:` comes from the shell
  ASSERT_TRUE(web.host_network);
  EXPECT_FALSE(web.host_network->value);
  ASSERT_EQ(web.labels.size(), 1u);

  const auto& worker = result.workloads[2];
  ASSERT_TRUE(worker.host_network);
  EXPECT_TRUE(worker.host_network->value);
  EXPECT_EQ(at(worker.host_network->where), "compose/docker-compose.yml:24");
  ASSERT_EQ(worker.containers[0].volume_mounts.size(), 1u);
  EXPECT_EQ(worker.containers[0].volume_mounts[0].mount_path, "/var/run/datadog");
  EXPECT_TRUE(worker.containers[0].volume_mounts[0].read_only);
}

TEST(ServiceCatalog, SchemaV2) {
  const auto result = read_deploy_fixture("catalog/v2/service.datadog.yaml");
  ASSERT_EQ(result.catalog_entries.size(), 1u);
  const auto& entry = result.catalog_entries[0];
  EXPECT_EQ(entry.schema_version, "v2.2");
  EXPECT_EQ(entry.service.value, "checkout-api");
  EXPECT_EQ(at(entry.service.where), "catalog/v2/service.datadog.yaml:2");
  EXPECT_EQ(entry.team->value, "shop-backend");
  EXPECT_EQ(entry.tier->value, "1");
  ASSERT_EQ(entry.contacts.size(), 2u);
  EXPECT_EQ(entry.contacts[1].value, "email: shop-backend@example.com");
}

TEST(ServiceCatalog, SchemaV3SkipsNonServices) {
  const auto result = read_deploy_fixture("catalog/v3/service.datadog.yaml");
  ASSERT_EQ(result.catalog_entries.size(), 1u);
  const auto& entry = result.catalog_entries[0];
  EXPECT_EQ(entry.schema_version, "v3");
  EXPECT_EQ(entry.service.value, "orders");
  EXPECT_EQ(at(entry.service.where), "catalog/v3/service.datadog.yaml:9");
  EXPECT_EQ(entry.team->value, "team-orders");
  EXPECT_EQ(at(entry.team->where), "catalog/v3/service.datadog.yaml:10");
  EXPECT_EQ(entry.tier->value, "critical");
  ASSERT_EQ(entry.contacts.size(), 1u);
  EXPECT_EQ(entry.contacts[0].value, "email: orders-oncall@example.com");
}

}  // namespace
}  // namespace tracegate::scanner::deploy
