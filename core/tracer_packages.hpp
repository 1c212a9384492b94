// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

#include "core/ecosystem.hpp"

namespace tracegate::core {

/// A package that is (or carries) a tracer.
struct TracerPackage {
  Ecosystem ecosystem;
  std::string_view normalized_name;
  std::string_view tracer;  ///< the tracer it belongs to: "ddtrace", "dd-trace-php", "dd-trace-java"
};

/// Built-in list until the knowledge base (rules/data) provides it.
std::optional<TracerPackage> find_tracer_package(Ecosystem ecosystem, std::string_view normalized_name);

}  // namespace tracegate::core
