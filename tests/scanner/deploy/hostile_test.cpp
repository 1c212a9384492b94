// SPDX-License-Identifier: Apache-2.0
#include <string>

#include <gtest/gtest.h>

#include "tests/scanner/deploy/deploy_fixture.hpp"

namespace tracegate::scanner::deploy {
namespace {

using testing::at;
using testing::read_deploy_fixture;

std::string only_message(const DeployReadResult& result) {
  EXPECT_EQ(result.diagnostics.size(), 1u);
  return result.diagnostics.empty() ? std::string() : at(result.diagnostics[0].where) + ": " + result.diagnostics[0].message;
}

TEST(DeployHostile, AliasBombInValuesIsCutOffByTheVisitBudget) {
  const auto result = read_deploy_fixture("hostile/values-alias-bomb.yaml");
  EXPECT_EQ(only_message(result).rfind("hostile/values-alias-bomb.yaml:1: more than 1000000 YAML nodes to visit", 0), 0u)
      << only_message(result);
}

TEST(DeployHostile, AliasBombInConfigMapDataIsNotExpanded) {
  const auto result = read_deploy_fixture("hostile/alias-bomb.yaml");
  ASSERT_EQ(result.config_maps.size(), 1u);  // `data:` is a sequence, not a map: nothing to read
  EXPECT_TRUE(result.config_maps[0].data.empty());
}

TEST(DeployHostile, DeepNestingIsRefusedBeforeParsing) {
  EXPECT_EQ(only_message(read_deploy_fixture("hostile/deep.yaml")),
            "hostile/deep.yaml:1: YAML nested deeper than 256 levels; not read");
  EXPECT_EQ(only_message(read_deploy_fixture("hostile/deep-values.yaml")),
            "hostile/deep-values.yaml:1: YAML nested deeper than 256 levels; not read");
}

TEST(DeployHostile, DeepBlockNestingHitsTheParserLimit) {
  std::string text;
  for (int depth = 0; depth < 2100; ++depth) text += std::string(static_cast<std::size_t>(depth), ' ') + "k:\n";
  const auto result = read_deploy_file("values.yaml", text);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_NE(result.diagnostics[0].message.find("malformed YAML"), std::string::npos) << result.diagnostics[0].message;
  EXPECT_GT(result.diagnostics[0].where.line, 0);
}

TEST(DeployHostile, BinaryFile) {
  EXPECT_EQ(only_message(read_deploy_fixture("hostile/binary.yaml")), "hostile/binary.yaml:1: binary file, not YAML");
}

TEST(DeployHostile, HugeFile) {
  const std::string text((8u << 20) + 1, '#');
  EXPECT_EQ(only_message(read_deploy_file("k8s/huge.yaml", text)).rfind("k8s/huge.yaml:1: file of 8388609 bytes", 0), 0u);
}

TEST(DeployHostile, TabIndentationNamesTheLine) {
  const auto message = only_message(read_deploy_fixture("hostile/malformed-tab.yaml"));
  EXPECT_EQ(message.rfind("hostile/malformed-tab.yaml:6: malformed YAML", 0), 0u) << message;
}

TEST(DeployHostile, TemplateOutsideTemplatesIsTriedAndDiagnosed) {
  const auto message = only_message(read_deploy_fixture("hostile/template-outside.yaml"));
  EXPECT_EQ(message.rfind("hostile/template-outside.yaml:4: the file holds '{{'", 0), 0u) << message;
  EXPECT_NE(message.find("'{{'"), std::string::npos) << message;
}

TEST(DeployHostile, UnparsableTemplateNamesTheLine) {
  const auto result = read_deploy_file("k8s/app.yaml", "kind: Pod\nmetadata:\n  name: {{ .Values.name }}-{{ x }}\n");
  const auto message = only_message(result);
  EXPECT_EQ(message.rfind("k8s/app.yaml:3: malformed YAML", 0), 0u) << message;
  EXPECT_NE(message.find("a template, not plain YAML?"), std::string::npos) << message;
}

TEST(DeployHostile, WrongTypesAreDiagnosedNotThrown) {
  const auto result = read_deploy_file("values.yaml", R"(datadog:
  apiKey: x
  apm:
    portEnabled: maybe
    port: [1]
    socketEnabled: {a: b}
  env: notalist
agents: {image: [1, 2]}
)");
  ASSERT_EQ(result.agent_settings.size(), 1u);
  EXPECT_TRUE(result.agent_settings[0].apm_port_enabled->defaulted);
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(at(result.diagnostics[0].where), "values.yaml:4");
  EXPECT_EQ(result.diagnostics[0].message, "datadog.apm.portEnabled is 'maybe', not true or false; ignored");
  EXPECT_EQ(at(result.diagnostics[1].where), "values.yaml:7");
}

TEST(DeployHostile, YamlThatIsNoDeployFileIsOnlyAWarning) {
  // An Ansible task file: Jinja expressions, one of them unquoted (not valid YAML).
  const auto broken = read_deploy_file("ansible/roles/web/tasks/main.yml", "- name: install\n  apt: name={{ pkg }} state=present\n"
                                                                          "- debug: msg={{ item }}: done\n");
  ASSERT_EQ(broken.diagnostics.size(), 1u);
  EXPECT_EQ(broken.diagnostics[0].level, core::Diagnostic::Level::warning) << broken.diagnostics[0].message;
  // Valid YAML with templates but nothing of ours: not a word.
  const auto valid = read_deploy_file("ansible/site.yml", "- hosts: web\n  vars:\n    port: \"{{ http_port }}\"\n");
  EXPECT_TRUE(valid.diagnostics.empty());
  // A named deploy file that does not parse stays an error.
  const auto values = read_deploy_file("values.yaml", "datadog:\n  apm: {portEnabled: true\n");
  ASSERT_FALSE(values.diagnostics.empty());
  EXPECT_EQ(values.diagnostics[0].level, core::Diagnostic::Level::error);
}

}  // namespace
}  // namespace tracegate::scanner::deploy
