// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/service.hpp"

namespace tracegate::rules {

/// Adds a warning diagnostic to `service` for every runtime hint that contradicts the one
/// chosen (Dockerfile says 3.8, requires-python says >=3.10; .python-version 3.10 vs
/// Dockerfile 3.11). Hints whose versions it cannot read are left alone.
void check_runtime_consistency(core::Service& service);

}  // namespace tracegate::rules
