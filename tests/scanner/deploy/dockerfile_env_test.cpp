// SPDX-License-Identifier: Apache-2.0
// Dockerfile ENV as a deploy reader (scanner/deploy/dockerfile_env.cpp), fixtures/deploy/dockerfile/.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/scanner/deploy/deploy_fixture.hpp"

namespace tracegate::scanner::deploy {
namespace {

using testing::at;
using testing::read_deploy_fixture;

/// name=value@line:column, one per entry, in order.
std::vector<std::string> entries(const core::ImageEnv& image) {
  std::vector<std::string> out;
  for (const auto& variable : image.env) {
    out.push_back(variable.name + "=" + variable.value.value_or("<none>") + "@" + std::to_string(variable.where.line) +
                  ":" + std::to_string(variable.where.column));
  }
  return out;
}

std::vector<std::string> messages(const DeployReadResult& result) {
  std::vector<std::string> out;
  for (const auto& diagnostic : result.diagnostics) out.push_back(at(diagnostic.where) + ": " + diagnostic.message);
  return out;
}

const core::ImageEnv& only_image(const DeployReadResult& result) {
  EXPECT_EQ(result.image_env.size(), 1u);
  static const core::ImageEnv kNone;
  return result.image_env.empty() ? kNone : result.image_env.front();
}

using Entries = std::vector<std::string>;

TEST(DockerfileEnv, ClassifiesDockerfileNamesLikeThePythonReader) {
  EXPECT_EQ(classify_deploy_path("Dockerfile"), DeployFileKind::dockerfile);
  EXPECT_EQ(classify_deploy_path("svc/dockerfile"), DeployFileKind::dockerfile);
  EXPECT_EQ(classify_deploy_path("docker/Dockerfile.prod"), DeployFileKind::dockerfile);
  EXPECT_EQ(classify_deploy_path("api.Dockerfile"), DeployFileKind::dockerfile);
  EXPECT_EQ(classify_deploy_path("api.dockerfile"), DeployFileKind::dockerfile);
  EXPECT_EQ(classify_deploy_path("Containerfile"), DeployFileKind::dockerfile);
  EXPECT_EQ(classify_deploy_path("build/Containerfile.dev"), DeployFileKind::dockerfile);
  EXPECT_EQ(classify_deploy_path("Dockerfile.dockerignore"), DeployFileKind::none);
  EXPECT_EQ(classify_deploy_path("pkg/dockerfile.go"), DeployFileKind::none);
  EXPECT_EQ(classify_deploy_path("docs/Dockerfiles.md"), DeployFileKind::none);
  EXPECT_EQ(classify_deploy_path("k8s/app.yaml"), DeployFileKind::kubernetes);
}

TEST(DockerfileEnv, BothFormsQuotesAndEscapes) {
  const auto result = read_deploy_fixture("dockerfile/forms/Dockerfile");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  const auto& image = only_image(result);
  EXPECT_EQ(image.file, "dockerfile/forms/Dockerfile");
  EXPECT_EQ(at(image.where), "dockerfile/forms/Dockerfile:1");
  EXPECT_EQ(entries(image), (Entries{
                                "DD_AGENT_HOST=datadog-agent@2:5",
                                "DD_TRACE_AGENT_PORT=8126@2:33",
                                "DD_TRACE_AGENT_URL=unix:///var/run/datadog/apm.socket@3:5",
                                "DD_ENV=prod@4:5",
                                "DD_SERVICE=api@4:17",
                                "GREETING=hello   big   world@5:5",
                                "QUOTED=a b@6:5",
                                "SINGLE=$HOME stays@6:18",
                                "ESCAPED=a b\"c@6:39",
                                "EMPTY=@6:55",
                                "DOLLAR=$HOME@6:62",
                            }));
  EXPECT_TRUE(result.workloads.empty());
}

TEST(DockerfileEnv, OnlyTheFinalStageCounts) {
  const auto result = read_deploy_fixture("dockerfile/multi-stage/Dockerfile");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  const auto& image = only_image(result);
  EXPECT_EQ(at(image.where), "dockerfile/multi-stage/Dockerfile:6");
  EXPECT_EQ(entries(image), (Entries{"DD_SERVICE=payments@7:5", "DD_ENV=prod@7:25"}));
}

TEST(DockerfileEnv, InheritsFromTheStagesItBuildsOn) {
  const auto result = read_deploy_fixture("dockerfile/inherit/Dockerfile");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  const auto& image = only_image(result);
  EXPECT_EQ(at(image.where), "dockerfile/inherit/Dockerfile:10");
  // base -> App (`FROM app`: stage names are case-insensitive) -> final; not `tools`.
  EXPECT_EQ(entries(image), (Entries{"DD_AGENT_HOST=base-host@2:5", "DD_ENV=staging@2:29", "DD_SERVICE=api@5:5",
                                     "DD_ENV=prod@11:5"}));
}

TEST(DockerfileEnv, ContinuationLinesKeepTheirLineNumbers) {
  const auto result = read_deploy_fixture("dockerfile/continuation/Dockerfile");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  EXPECT_EQ(entries(only_image(result)), (Entries{
                                             "DD_AGENT_HOST=172.17.0.1@3:5",
                                             "DD_TRACE_AGENT_PORT=8126@4:5",
                                             "DD_SERVICE=checkout api@6:5",
                                             "DD_VERSION=1.2.3@8:2",
                                             "DD_LOGS_INJECTION=true@12:5",  // the heredoc body is not an ENV
                                         }));
}

TEST(DockerfileEnv, BacktickEscapeDirective) {
  const auto result = read_deploy_fixture("dockerfile/escape/Dockerfile");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  EXPECT_EQ(at(only_image(result).where), "dockerfile/escape/Dockerfile:2");
  EXPECT_EQ(entries(only_image(result)), (Entries{
                                             "DD_TRACE_AGENT_URL=http://localhost:8126@3:5",
                                             "APP_DIR=C:\\app@4:5",
                                             "QUOTE=say \"hi\"@5:5",
                                             "DD_SERVICE=win-api@6:5",
                                         }));
}

TEST(DockerfileEnv, ArgAndEnvExpansion) {
  const auto result = read_deploy_fixture("dockerfile/args/Dockerfile");
  EXPECT_TRUE(result.diagnostics.empty()) << ::testing::PrintToString(messages(result));
  const auto& image = only_image(result);
  EXPECT_EQ(at(image.where), "dockerfile/args/Dockerfile:8");  // `FROM ${BASE}` is the stage `base`
  EXPECT_EQ(entries(image), (Entries{
                                "DD_SERVICE=orders@6:5",
                                // a global ARG is not visible in a stage that does not declare it again
                                "DD_TRACE_AGENT_PORT=$AGENT_PORT@6:32",
                                // DD_AGENT_HOST is unknown (the base image's, or unset): kept as written
                                "DD_TRACE_AGENT_URL=http://${DD_AGENT_HOST:-localhost}:8126@12:5",
                                "DD_VERSION=${VERSION}@13:5",  // ARG without a default: a --build-arg
                                "PATH=/app/bin:$PATH@14:5",
                                "DD_PROFILING_ENABLED=false@15:5",  // `:-` on an empty ARG
                                "DD_ENV=prod@16:5",
                                "DD_TAGS=env:$DD_ENV@16:17",  // same instruction: the earlier (unknown) DD_ENV
                                "DD_VERSION_TAG=env:prod@17:5",
                            }));
}

TEST(DockerfileEnv, EmptyAndMalformedEnvAreDiagnosed) {
  const auto result = read_deploy_fixture("dockerfile/empty/Dockerfile");
  EXPECT_EQ(entries(only_image(result)), (Entries{"DD_SERVICE=api@3:5", "NOVALUE=@5:5", "OK=1@5:14"}));
  EXPECT_EQ(messages(result), (std::vector<std::string>{
                                  "dockerfile/empty/Dockerfile:2: ENV without a name and value",
                                  "dockerfile/empty/Dockerfile:4: ENV LONELY has no value: write 'ENV LONELY=' for "
                                  "an empty one; ignored",
                                  "dockerfile/empty/Dockerfile:5: 'bare' in ENV is not NAME=value; ignored",
                              }));
}

TEST(DockerfileEnv, NoFromNoImageEnv) {
  const auto result = read_deploy_file("Dockerfile", "# nothing\nENV A=1\n");
  EXPECT_TRUE(result.image_env.empty());
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"Dockerfile:2: ENV before the first FROM belongs to no stage; ignored"}));
  EXPECT_TRUE(read_deploy_file("Dockerfile", "").image_env.empty());
  EXPECT_TRUE(read_deploy_file("Dockerfile", "").diagnostics.empty());
}

TEST(DockerfileEnv, FinalStageWithoutEnvGivesAnEmptyImageEnv) {
  const auto result = read_deploy_file("Containerfile", "FROM a AS x\nENV A=1\nFROM scratch\n");
  ASSERT_EQ(result.image_env.size(), 1u);
  EXPECT_TRUE(result.image_env[0].env.empty());
  EXPECT_EQ(at(result.image_env[0].where), "Containerfile:3");
}

TEST(DockerfileEnv, ValueEnvOverridesArgAndLaterEntriesFollow) {
  const auto result = read_deploy_file("Dockerfile", "FROM x\nENV A=env\nARG A=arg\nENV B=$A C=${A:+set} D=${A#e}\n");
  EXPECT_EQ(entries(only_image(result)), (Entries{"A=env@2:5", "B=env@4:5", "C=set@4:10", "D=${A#e}@4:22"}));
}

TEST(DockerfileEnv, UnterminatedQuoteKeepsTheValueAsWritten) {
  const auto result = read_deploy_file("Dockerfile", "FROM x\nENV A=\"open B=1\n");
  EXPECT_EQ(entries(only_image(result)), (Entries{"A=\"open B=1@2:5"}));
  EXPECT_EQ(messages(result), (std::vector<std::string>{"Dockerfile:2: cannot expand the value of ENV A: unterminated "
                                                        "double quote; kept as written"}));
}

TEST(DockerfileEnv, BadSubstitutionKeepsTheValueAsWritten) {
  const auto result = read_deploy_file("Dockerfile", "FROM x\nENV A=${} B=${C D=${E:x}\n");
  EXPECT_EQ(entries(only_image(result)), (Entries{"A=${}@2:5", "B=${C@2:11", "D=${E:x}@2:17"}));
  ASSERT_EQ(result.diagnostics.size(), 3u) << ::testing::PrintToString(messages(result));
}

TEST(DockerfileEnv, DiagnosticsOfTheInstructionSplitterAreKept) {
  const auto result = read_deploy_file("Dockerfile", "FROM x\nENV A=1\nRUN <<EOF\nENV B=2\n");
  EXPECT_EQ(entries(only_image(result)), (Entries{"A=1@2:5"}));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_NE(result.diagnostics[0].message.find("unterminated heredoc"), std::string::npos);
}

TEST(DockerfileEnvHostile, BinaryAndHugeFilesAreNotRead) {
  auto result = read_deploy_file("Dockerfile", std::string("FROM x\nENV A=\0\n", 15));
  EXPECT_TRUE(result.image_env.empty());
  EXPECT_EQ(messages(result), (std::vector<std::string>{"Dockerfile:1: binary file, not a Dockerfile"}));
  result = read_deploy_file("Dockerfile", "FROM x\nENV A=1\n" + std::string(8u << 20, '#'));
  EXPECT_TRUE(result.image_env.empty());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(messages(result)[0].rfind("Dockerfile:1: file of 8388623 bytes is larger than", 0), 0u) << messages(result)[0];
}

TEST(DockerfileEnvHostile, DeepNestingIsCutOff) {
  std::string value;
  for (int i = 0; i < 10000; ++i) value += "${A:-";
  value += "x" + std::string(10000, '}');
  const auto result = read_deploy_file("Dockerfile", "FROM x\nENV A=1 B=" + value + " C=2\n");
  const auto& image = only_image(result);
  ASSERT_EQ(image.env.size(), 3u);
  EXPECT_EQ(image.env[1].value, value);  // kept as written
  EXPECT_EQ(image.env[2].value, "2");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_NE(result.diagnostics[0].message.find("nested deeper than 32 levels"), std::string::npos)
      << result.diagnostics[0].message;
  // Nesting within the limit is expanded.
  EXPECT_EQ(read_deploy_file("Dockerfile", "FROM x\nARG A=\nENV B=${A:-${A:-${A:-deep}}}\n").image_env[0].env[0].value, "deep");
}

TEST(DockerfileEnvHostile, DoublingExpansionHitsTheBudget) {
  std::string text = "FROM x\nENV A=0123456789abcdef\n";
  for (int i = 0; i < 40; ++i) text += "ENV A=$A$A\n";
  const auto result = read_deploy_file("Dockerfile", text);
  const auto& image = only_image(result);
  ASSERT_EQ(image.env.size(), 41u);
  EXPECT_EQ(image.env[19].value->size(), 8u << 20);  // 16 bytes * 2^19
  EXPECT_EQ(image.env[20].value, "$A$A");  // kept as written once the budget is spent
  EXPECT_EQ(image.env.back().value, "$A$A");
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_NE(result.diagnostics[0].message.find("more than 16 MiB"), std::string::npos) << result.diagnostics[0].message;
}

TEST(DockerfileEnvHostile, ManyProblemsAreCapped) {
  std::string text = "FROM x\n";
  for (int i = 0; i < 1000; ++i) text += "ENV\n";
  const auto result = read_deploy_file("Dockerfile", text);
  ASSERT_EQ(result.diagnostics.size(), 101u);
  EXPECT_NE(result.diagnostics.back().message.find("the rest are not reported"), std::string::npos);
}

TEST(DockerfileEnvHostile, LongLinesAndLongChains) {
  const std::string long_value(200000, 'v');
  std::string text = "FROM x AS s0\nENV LONG=" + long_value + "\n";
  for (int i = 1; i < 2000; ++i) text += "FROM s" + std::to_string(i - 1) + " AS s" + std::to_string(i) + "\n";
  text += "ENV LAST=$LONG\n";
  const auto result = read_deploy_file("Dockerfile", text);
  EXPECT_TRUE(result.diagnostics.empty());
  const auto& image = only_image(result);
  ASSERT_EQ(image.env.size(), 2u);
  EXPECT_EQ(image.env[1].value, long_value);
}

TEST(DockerfileEnv, AddToInventoryMovesImageEnv) {
  core::DeployInventory inventory;
  add_to_inventory(inventory, read_deploy_fixture("dockerfile/multi-stage/Dockerfile"));
  add_to_inventory(inventory, read_deploy_fixture("dockerfile/inherit/Dockerfile"));
  finish_inventory(inventory);
  ASSERT_EQ(inventory.image_env.size(), 2u);
  EXPECT_EQ(inventory.image_env[1].file, "dockerfile/inherit/Dockerfile");
}

}  // namespace
}  // namespace tracegate::scanner::deploy
