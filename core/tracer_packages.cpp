// SPDX-License-Identifier: Apache-2.0
#include "core/tracer_packages.hpp"

#include <array>

namespace tracegate::core {

namespace {
// Sources: pypi.org/project/ddtrace, packagist.org/packages/datadog/dd-trace,
// central.sonatype.com com.datadoghq (dd-java-agent, dd-trace-api, dd-trace-ot).
constexpr std::array kTracerPackages{
    TracerPackage{Ecosystem::pypi, "ddtrace", "ddtrace"},
    TracerPackage{Ecosystem::packagist, "datadog/dd-trace", "dd-trace-php"},
    TracerPackage{Ecosystem::maven, "com.datadoghq:dd-java-agent", "dd-trace-java"},
    TracerPackage{Ecosystem::maven, "com.datadoghq:dd-trace-api", "dd-trace-java"},
    TracerPackage{Ecosystem::maven, "com.datadoghq:dd-trace-ot", "dd-trace-java"},
};
}  // namespace

std::optional<TracerPackage> find_tracer_package(Ecosystem ecosystem, std::string_view normalized_name) {
  for (const auto& package : kTracerPackages) {
    if (package.ecosystem == ecosystem && package.normalized_name == normalized_name) return package;
  }
  return std::nullopt;
}

}  // namespace tracegate::core
