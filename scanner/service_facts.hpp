// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/service.hpp"

namespace tracegate::scanner {

/// The hint the service most likely runs on: an exact version stated in the service's own
/// directory (its Dockerfile's final stage, then a version file), then one stated in a
/// subdirectory (docker/Dockerfile), then the declared range; among equals, the shallowest and
/// first by path. `service_dir` is repository-relative ("" or "." for the root).
std::optional<core::Runtime> choose_runtime(const std::vector<core::RuntimeHint>& hints, std::string_view service_dir);

/// The tracer package the service declares (or only locks), its constraint and locked version.
std::optional<core::TracerUse> find_tracer(const core::Service& service);

}  // namespace tracegate::scanner
