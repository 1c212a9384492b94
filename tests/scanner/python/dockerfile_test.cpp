// SPDX-License-Identifier: Apache-2.0
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "scanner/readers.hpp"
#include "tests/support/fake_source_view.hpp"
#include "tests/support/read_result.hpp"

namespace tracegate::scanner {
namespace {

using testing::messages;

ReadResult read_dockerfile(std::string_view contents, std::string_view path = "services/api/Dockerfile") {
  const auto reader = make_dockerfile_reader();
  return reader->read(ManifestFile{path, contents}, tracegate::testing::FakeSourceView{});
}

ReadResult read_dockerfile_fixture(const std::string& name) {
  const auto contents = tracegate::testing::read_fixture("python/dockerfile/" + name);
  return read_dockerfile(contents);
}

/// `version@path:line:col` for each hint, so a failure shows everything at once.
std::vector<std::string> hints(const ReadResult& result) {
  std::vector<std::string> out;
  for (const auto& hint : result.runtime_hints) {
    out.push_back(fmt::format("{}@{}", hint.version, core::to_string(hint.origin)));
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(DockerfileReader, NameAndRole) {
  const auto reader = make_dockerfile_reader();
  EXPECT_EQ(reader->name(), "python/dockerfile");
  EXPECT_FALSE(reader->is_primary("Dockerfile"));
}

TEST(DockerfileReader, AcceptsDockerfileNames) {
  struct Case {
    std::string_view path;
    bool accepted;
  };
  const Case cases[] = {
      {"Dockerfile", true},
      {"services/api/Dockerfile", true},
      {"dockerfile", true},
      {"Dockerfile.prod", true},
      {"deploy/Dockerfile.worker", true},
      {"api.Dockerfile", true},
      {"docker/worker.dockerfile", true},
      {"Containerfile", true},
      {"build/Containerfile.dev", true},
      {"Dockerfile/x", false},             // name as directory
      {"Dockerfile/Makefile", false},      // name as directory
      {"Dockerfile.dockerignore", false},  // extra suffix: BuildKit's ignore file
      {"api.Dockerfile.dockerignore", false},
      {"NotADockerfile.txt", false},  // substring
      {"MyDockerfile", false},
      {"frontend/dockerfile.go", false},  // the prefix form is case-sensitive
      {"Dockerfiles", false},
      {"Dockerfile.", false},
      {".dockerfile", false},
      {"docker-compose.yml", false},
      {".dockerignore", false},
      {"", false},
  };
  const auto reader = make_dockerfile_reader();
  for (const auto& c : cases) {
    EXPECT_EQ(reader->accepts(c.path), c.accepted) << c.path;
  }
}

TEST(DockerfileReader, ReadsPythonVersionOfFinalStage) {
  struct Case {
    std::string fixture;
    std::string hint;
  };
  const Case cases[] = {
      {"one-stage.Dockerfile", "3.11@services/api/Dockerfile:1:6"},
      {"slim-bookworm.Dockerfile", "3.11.4@services/api/Dockerfile:2:6"},
      {"multi-stage.Dockerfile", "3.11@services/api/Dockerfile:7:6"},
      {"stage-alias.Dockerfile", "3.11@services/api/Dockerfile:1:6"},
      {"arg-version.Dockerfile", "3.11@services/api/Dockerfile:4:6"},
      {"arg-dollar.Dockerfile", "3.12.2@services/api/Dockerfile:2:6"},
      {"arg-default-form.Dockerfile", "3.10@services/api/Dockerfile:2:6"},
      {"platform-flag.Dockerfile", "3.11@services/api/Dockerfile:4:33"},
      {"distroless.Dockerfile", "3.11@services/api/Dockerfile:4:6"},
      {"escape-backtick.Dockerfile", "3.11@services/api/Dockerfile:8:5"},
      {"heredoc.Dockerfile", "3.12@services/api/Dockerfile:1:6"},
      {"continuation.Dockerfile", "3.10.13@services/api/Dockerfile:3:3"},
      {"lowercase-instructions.Dockerfile", "3.9@services/api/Dockerfile:1:6"},
      {"uv.Dockerfile", "3.12@services/api/Dockerfile:1:6"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.fixture);
    const auto result = read_dockerfile_fixture(c.fixture);
    EXPECT_EQ(hints(result), Strings{c.hint});
    EXPECT_EQ(messages(result), Strings{});
  }
}

TEST(DockerfileReader, HintIsAnExactPep440VersionFromTheDockerfile) {
  const auto result = read_dockerfile("FROM python:3.11-slim\n");
  ASSERT_EQ(result.runtime_hints.size(), 1U);
  const auto& hint = result.runtime_hints.front();
  EXPECT_EQ(hint.language, core::Language::python);
  EXPECT_EQ(hint.version, "3.11");
  EXPECT_FALSE(hint.is_range);
  EXPECT_EQ(hint.syntax, core::ConstraintSyntax::pep440);
  EXPECT_EQ(hint.source, core::RuntimeSource::dockerfile);
  EXPECT_EQ(hint.origin, (core::SourceLocation{"services/api/Dockerfile", 1, 6}));
}

TEST(DockerfileReader, RecognisesPythonImageReferences) {
  struct Case {
    std::string_view image;
    std::string_view version;
  };
  const Case cases[] = {
      {"python:3.11", "3.11"},
      {"python:3.11.4-slim-bookworm", "3.11.4"},
      {"python:3.12-alpine3.19", "3.12"},
      {"python:3", "3"},
      {"python:3.13.0rc1-slim", "3.13.0rc1"},
      {"python:3.11-windowsservercore-ltsc2022", "3.11"},
      {"docker.io/library/python:3.10", "3.10"},
      {"index.docker.io/library/python:3.10-slim", "3.10"},
      {"public.ecr.aws/docker/library/python:3.12-slim", "3.12"},
      {"mirror.gcr.io/library/python:3.9", "3.9"},
      {"localhost:5000/python:3.11", "3.11"},
      {"python:3.11@sha256:4c6c3a7d3b0e5a1b9f2d8e7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a", "3.11"},
      {"tiangolo/uvicorn-gunicorn-fastapi:python3.11", "3.11"},
      {"tiangolo/uwsgi-nginx-flask:python3.12-2024-03-11", "3.12"},
      {"ghcr.io/astral-sh/uv:python3.12-bookworm-slim", "3.12"},
      {"ghcr.io/astral-sh/uv:0.4.0-python3.12-bookworm", "3.12"},
      {"apache/airflow:2.8.1-python3.11", "3.11"},
      {"jupyter/scipy-notebook:python-3.11", "3.11"},
      {"nikolaik/python-nodejs:python3.11-nodejs20", "3.11"},
      {"cimg/python:3.11", "3.11"},
      {"cimg/python:3.11.4-browsers", "3.11.4"},
      {"circleci/python:3.9", "3.9"},
      {"bitnami/python:3.11", "3.11"},
      {"bitnami/python:3.11.4-debian-11-r0", "3.11.4"},
      {"mcr.microsoft.com/devcontainers/python:1-3.11-bookworm", "3.11"},
      {"mcr.microsoft.com/azure-functions/python:4-python3.11", "3.11"},
      {"public.ecr.aws/lambda/python:3.12", "3.12"},
      {"public.ecr.aws/lambda/python:3.12.2024.01.05.10", "3.12"},
      {"pypy:3.10-7.3.12-slim", "3.10"},
      {"gcr.io/distroless/python3-debian11", "3.9"},
      {"gcr.io/distroless/python3-debian12:nonroot", "3.11"},
      {"registry.access.redhat.com/ubi9/python-311", "3.11"},
      {"registry.access.redhat.com/ubi8/python-39:1-117", "3.9"},
  };
  for (const auto& c : cases) {
    const auto result = read_dockerfile(fmt::format("FROM {} AS app\n", c.image));
    EXPECT_EQ(hints(result), Strings{fmt::format("{}@services/api/Dockerfile:1:6", c.version)}) << c.image;
    EXPECT_EQ(messages(result), Strings{}) << c.image;
  }
}

TEST(DockerfileReader, WarnsOnPythonImageWithoutVersionTag) {
  for (const std::string_view image :
       {"python:latest", "python", "python:slim", "python:alpine", "python:slim-bookworm", "cimg/python",
        "python@sha256:4c6c3a7d3b0e5a1b9f2d8e7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a"}) {
    const auto result = read_dockerfile(fmt::format("FROM {}\n", image));
    EXPECT_EQ(hints(result), Strings{}) << image;
    EXPECT_EQ(messages(result),
              Strings{fmt::format("services/api/Dockerfile:1:6: warning: python image without a version tag ('{}'); "
                                  "runtime unknown",
                                  std::string(image.substr(0, 60)) + (image.size() > 60 ? "..." : ""))})
        << image;
  }
}

TEST(DockerfileReader, LatestFixtureWarns) {
  EXPECT_EQ(messages(read_dockerfile_fixture("latest.Dockerfile")),
            Strings{"services/api/Dockerfile:1:6: warning: python image without a version tag ('python:latest'); "
                    "runtime unknown"});
  EXPECT_EQ(messages(read_dockerfile_fixture("untagged.Dockerfile")),
            Strings{"services/api/Dockerfile:1:6: warning: python image without a version tag ('python'); "
                    "runtime unknown"});
}

TEST(DockerfileReader, WarnsOnPythonImageTagWithoutPythonVersion) {
  const auto result = read_dockerfile("FROM python:20240101\n");
  EXPECT_EQ(hints(result), Strings{});
  EXPECT_EQ(messages(result),
            Strings{"services/api/Dockerfile:1:6: warning: no Python version in the tag of 'python:20240101'; "
                    "runtime unknown"});
}

TEST(DockerfileReader, IgnoresNonPythonImages) {
  for (const std::string_view image : {"ubuntu:22.04", "node:20-slim", "scratch", "gcr.io/distroless/static-debian12",
                                       "localhost:5000/app:3.11", "golang:1.22"}) {
    const auto result = read_dockerfile(fmt::format("FROM {}\nRUN true\n", image));
    EXPECT_EQ(hints(result), Strings{}) << image;
    EXPECT_EQ(messages(result), Strings{}) << image;
  }
  const auto result = read_dockerfile_fixture("not-python.Dockerfile");
  EXPECT_EQ(hints(result), Strings{});
  EXPECT_EQ(messages(result), Strings{});
}

TEST(DockerfileReader, FollowsStageAliasToPythonBase) {
  const auto result = read_dockerfile(
      "FROM python:3.11-slim AS base\n"
      "RUN pip install flask\n"
      "FROM base AS final\n");
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:1:6"});
}

TEST(DockerfileReader, StageNamesAreCaseInsensitive) {
  const auto result = read_dockerfile("FROM python:3.10 AS Builder\nFROM builder\n");
  EXPECT_EQ(hints(result), Strings{"3.10@services/api/Dockerfile:1:6"});
}

TEST(DockerfileReader, StageAliasMustBeDeclaredEarlier) {
  // `base` is not yet a stage on line 1, so it is an image from Docker Hub, not Python.
  const auto result = read_dockerfile("FROM base\nFROM python:3.11 AS base\nFROM ubuntu:22.04 AS final\n");
  EXPECT_EQ(hints(result), Strings{});
}

TEST(DockerfileReader, CopyFromStageIsNotTheRunningStage) {
  const auto result = read_dockerfile_fixture("copy-from-not-final.Dockerfile");
  EXPECT_EQ(hints(result), Strings{});
  EXPECT_EQ(messages(result), Strings{});
}

TEST(DockerfileReader, GivesOneHintPerDockerfile) {
  const auto result = read_dockerfile("FROM python:3.12\nFROM python:3.11\nFROM python:3.10\n");
  EXPECT_EQ(hints(result), Strings{"3.10@services/api/Dockerfile:3:6"});
}

TEST(DockerfileReader, ArgDefaultMaySubstituteWholeImage) {
  const auto result = read_dockerfile("ARG BASE_IMAGE=python:3.11-slim\nFROM ${BASE_IMAGE}\n");
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:2:6"});
}

TEST(DockerfileReader, ArgDefaultMayUseEarlierArg) {
  const auto result = read_dockerfile("ARG PY_MINOR=12\nARG PY=\"3.${PY_MINOR}\"\nFROM python:${PY}-slim\n");
  EXPECT_EQ(hints(result), Strings{"3.12@services/api/Dockerfile:3:6"});
}

TEST(DockerfileReader, ArgSubstitutionMayNameStage) {
  const auto result = read_dockerfile("ARG TARGET=prod\nFROM python:3.11 AS prod\nFROM ${TARGET}\n");
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:2:6"});
}

TEST(DockerfileReader, ArgOperatorForms) {
  struct Case {
    std::string_view text;
    std::string_view version;
  };
  const Case cases[] = {
      {"ARG V=3.11\nFROM python:${V:-3.9}\n", "3.11"},
      {"ARG V\nFROM python:${V:-3.9}\n", "3.9"},
      {"ARG V=\nFROM python:${V:-3.9}\n", "3.9"},
      {"ARG V=\nFROM python:3.8${V-.1}\n", "3.8"},
      {"FROM python:${UNDECLARED:-3.9}\n", "3.9"},
      {"ARG SLIM=1\nFROM python:3.12${SLIM:+-slim}\n", "3.12"},
      {"ARG SLIM\nFROM python:3.12${SLIM+-slim}\n", "3.12"},
      {"ARG MINOR=11\nFROM python:${PY:-3.${MINOR}}\n", "3.11"},
  };
  for (const auto& c : cases) {
    const auto result = read_dockerfile(c.text);
    ASSERT_EQ(result.runtime_hints.size(), 1U) << c.text;
    EXPECT_EQ(result.runtime_hints.front().version, c.version) << c.text;
    EXPECT_EQ(messages(result), Strings{}) << c.text;
  }
}

TEST(DockerfileReader, WarnsWhenArgHasNoDefault) {
  const auto result = read_dockerfile_fixture("arg-without-default.Dockerfile");
  EXPECT_EQ(hints(result), Strings{});
  EXPECT_EQ(messages(result),
            Strings{"services/api/Dockerfile:2:6: warning: cannot resolve FROM image 'python:${PYTHON_VERSION}-slim': "
                    "ARG PYTHON_VERSION (line 1) has no default; runtime unknown"});
}

TEST(DockerfileReader, WarnsWhenFromUsesArgDeclaredInsideStage) {
  const auto result = read_dockerfile_fixture("arg-in-stage.Dockerfile");
  EXPECT_EQ(hints(result), Strings{});
  EXPECT_EQ(messages(result),
            Strings{"services/api/Dockerfile:5:6: warning: cannot resolve FROM image 'python:${PYTHON_VERSION}-slim': "
                    "ARG PYTHON_VERSION (line 2) is declared inside a stage, and FROM sees only ARGs declared before "
                    "the first FROM; runtime unknown"});
}

TEST(DockerfileReader, WarnsWhenFromUsesUndeclaredArg) {
  const auto result = read_dockerfile("FROM python:$PYTHON_VERSION\n");
  EXPECT_EQ(messages(result),
            Strings{"services/api/Dockerfile:1:6: warning: cannot resolve FROM image 'python:$PYTHON_VERSION': "
                    "PYTHON_VERSION is not declared by an ARG before the first FROM; runtime unknown"});
}

TEST(DockerfileReader, WarnsWhenArgDefaultCannotBeSubstituted) {
  const auto result = read_dockerfile("ARG MINOR\nARG PY=3.$MINOR\nFROM python:$PY\n");
  EXPECT_EQ(messages(result),
            Strings{"services/api/Dockerfile:3:6: warning: cannot resolve FROM image 'python:$PY': the default of "
                    "ARG PY (line 2) cannot be substituted: ARG MINOR (line 1) has no default; runtime unknown"});
}

TEST(DockerfileReader, WarnsOnUnsupportedSubstitution) {
  const auto result = read_dockerfile("ARG V=3.11.4\nFROM python:${V%.*}\n");
  EXPECT_EQ(messages(result),
            Strings{"services/api/Dockerfile:2:6: warning: cannot resolve FROM image 'python:${V%.*}': unsupported "
                    "substitution '${V%.*}'; runtime unknown"});
}

TEST(DockerfileReader, WarnsOnUnterminatedSubstitution) {
  const auto result = read_dockerfile("FROM python:${V\n");
  EXPECT_EQ(messages(result),
            Strings{"services/api/Dockerfile:1:6: warning: cannot resolve FROM image 'python:${V': unterminated "
                    "'${' in 'python:${V'; runtime unknown"});
}

TEST(DockerfileReader, UnresolvedArgInEarlierStageIsNotReported) {
  const auto result = read_dockerfile("FROM node:${NODE_VERSION} AS assets\nFROM python:3.11-slim\n");
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:2:6"});
  EXPECT_EQ(messages(result), Strings{});
}

TEST(DockerfileReader, SkipsHeredocBodies) {
  // The heredoc writes `FROM python:2.7` into a file; it is not an instruction.
  const auto result = read_dockerfile_fixture("heredoc.Dockerfile");
  EXPECT_EQ(hints(result), Strings{"3.12@services/api/Dockerfile:1:6"});
  EXPECT_EQ(messages(result), Strings{});
}

TEST(DockerfileReader, SkipsSeveralHeredocsOfOneInstruction) {
  const auto result = read_dockerfile(
      "FROM python:3.12\n"
      "RUN <<A cat >/a && 3<<'B' cat >/b\n"
      "FROM python:2.6\n"
      "A\n"
      "FROM python:2.5\n"
      "B\n");
  EXPECT_EQ(hints(result), Strings{"3.12@services/api/Dockerfile:1:6"});
  EXPECT_EQ(messages(result), Strings{});
}

TEST(DockerfileReader, QuotedHeredocMarkerIsText) {
  const auto result = read_dockerfile("FROM python:3.12\nRUN echo \"<<EOF\"\nFROM python:3.11\n");
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:3:6"});
}

TEST(DockerfileReader, UnterminatedHeredocIsAnError) {
  const auto result = read_dockerfile("FROM python:3.12\nRUN  <<EOF\necho hi\n");
  EXPECT_EQ(hints(result), Strings{"3.12@services/api/Dockerfile:1:6"});
  EXPECT_EQ(messages(result),
            Strings{"services/api/Dockerfile:2:6: error: unterminated heredoc '<<EOF': no line 'EOF' closes it"});
}

TEST(DockerfileReader, HonoursEscapeDirective) {
  // With a backtick escape, a trailing backslash (a Windows path) does not continue the line.
  const auto result = read_dockerfile(
      "# escape=`\n"
      "FROM python:3.11-windowsservercore AS base\n"
      "WORKDIR C:\\\n"
      "FROM base\n");
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:2:6"});
  EXPECT_EQ(messages(result), Strings{});
}

TEST(DockerfileReader, DirectivesEndAtFirstComment) {
  // The escape line follows a comment, so it is a comment too and `\` still continues lines.
  const auto result = read_dockerfile("# a comment\n# escape=`\nFROM \\\n python:3.10\n");
  EXPECT_EQ(hints(result), Strings{"3.10@services/api/Dockerfile:4:2"});
}

TEST(DockerfileReader, InvalidEscapeDirectiveIsAnError) {
  const auto result = read_dockerfile("#escape = x\nFROM python:3.11\n");
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:2:6"});
  EXPECT_EQ(messages(result),
            Strings{"services/api/Dockerfile:1:11: error: invalid escape directive 'x': expected '\\' or '`'"});
}

TEST(DockerfileReader, FromWithoutImageIsAnError) {
  const auto result = read_dockerfile_fixture("invalid-syntax.Dockerfile");
  EXPECT_EQ(hints(result), Strings{});
  EXPECT_EQ(messages(result), Strings{"services/api/Dockerfile:3:1: error: FROM without an image"});
}

TEST(DockerfileReader, FromWithOnlyFlagsIsAnError) {
  const auto result = read_dockerfile("  from --platform=linux/amd64\n");
  EXPECT_EQ(messages(result), Strings{"services/api/Dockerfile:1:3: error: FROM without an image"});
}

TEST(DockerfileReader, UnexpectedWordsAfterImageAreAnError) {
  const auto result = read_dockerfile("FROM python:3.11 base\n");
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:1:6"});
  EXPECT_EQ(messages(result),
            Strings{"services/api/Dockerfile:1:18: error: unexpected 'base' after the image in FROM; expected "
                    "'AS <name>'"});
}

TEST(DockerfileReader, ContinuationAtEndOfFileIsAnError) {
  const auto result = read_dockerfile_fixture("unterminated-continuation.Dockerfile");
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:1:6"});
  EXPECT_EQ(messages(result), Strings{"services/api/Dockerfile:2: error: line continuation at end of file"});
}

TEST(DockerfileReader, EmptyFileHasNoFrom) {
  const auto result = read_dockerfile_fixture("empty.Dockerfile");
  EXPECT_EQ(hints(result), Strings{});
  EXPECT_EQ(messages(result), Strings{"services/api/Dockerfile: error: no FROM instruction"});
}

TEST(DockerfileReader, HandlesCrlfAndByteOrderMark) {
  const auto result = read_dockerfile(
      "\xEF\xBB\xBF"
      "FROM python:3.11 AS base\r\nRUN true \\\r\n  && true\r\nFROM base\r\n");
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:1:6"});
  EXPECT_EQ(messages(result), Strings{});
}

TEST(DockerfileReader, BinaryFileIsAnError) {
  const auto result = read_dockerfile(std::string("FROM python:3.11\n\0\0\0", 20));
  EXPECT_EQ(hints(result), Strings{});
  EXPECT_EQ(messages(result), Strings{"services/api/Dockerfile: error: binary file, not a Dockerfile"});
}

TEST(DockerfileReader, NulBytesPastBinarySniffAreText) {
  std::string contents = "FROM python:3.11\n";
  contents += "# " + std::string(9000, 'x') + "\n";
  contents += std::string("RUN echo \0\0\n", 12);
  const auto result = read_dockerfile(contents);
  EXPECT_EQ(hints(result), Strings{"3.11@services/api/Dockerfile:1:6"});
}

TEST(DockerfileReader, SurvivesOneMegabyteLine) {
  EXPECT_EQ(messages(read_dockerfile(std::string(1 << 20, 'x'))),
            Strings{"services/api/Dockerfile: error: no FROM instruction"});

  const auto long_tag = read_dockerfile("FROM python:3.11-" + std::string(1 << 20, 'x') + "\n");
  EXPECT_EQ(hints(long_tag), Strings{"3.11@services/api/Dockerfile:1:6"});

  const auto long_words = read_dockerfile("FROM python:3.11 " + std::string(1 << 20, 'a') + " b c\n");
  EXPECT_EQ(messages(long_words),
            Strings{fmt::format("services/api/Dockerfile:1:18: error: unexpected '{}...' after the image in FROM; "
                                "expected 'AS <name>'",
                                std::string(60, 'a'))});
}

TEST(DockerfileReader, SurvivesHundredThousandLines) {
  std::string contents;
  for (int i = 0; i < 100'000; ++i) contents += "RUN echo step \\\n  && true\n";
  contents += "FROM python:3.11\n";
  EXPECT_EQ(hints(read_dockerfile(contents)), Strings{"3.11@services/api/Dockerfile:200001:6"});

  std::string continued = "FROM \\\n";
  for (int i = 0; i < 100'000; ++i) continued += "# comment\n\\\n";
  continued += "python:3.10\n";
  EXPECT_EQ(hints(read_dockerfile(continued)), Strings{"3.10@services/api/Dockerfile:200002:1"});
}

TEST(DockerfileReader, SurvivesLongStageChain) {
  std::string contents = "FROM python:3.11 AS s0\n";
  for (int i = 1; i < 100'000; ++i) contents += fmt::format("FROM s{} AS s{}\n", i - 1, i);
  EXPECT_EQ(hints(read_dockerfile(contents)), Strings{"3.11@services/api/Dockerfile:1:6"});
}

TEST(DockerfileReader, LimitsNestedSubstitutions) {
  std::string image = "python:";
  for (int i = 0; i < 100'000; ++i) image += "${A:-";
  image += "3.11" + std::string(100'000, '}');
  const auto result = read_dockerfile("FROM " + image + "\n");
  EXPECT_EQ(hints(result), Strings{});
  EXPECT_EQ(messages(result),
            Strings{fmt::format("services/api/Dockerfile:1:6: warning: cannot resolve FROM image '{}...': "
                                "substitutions nested too deeply; runtime unknown",
                                image.substr(0, 60))});
}

}  // namespace
}  // namespace tracegate::scanner
