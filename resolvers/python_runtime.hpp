// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include "core/ecosystem.hpp"
#include "core/error.hpp"

namespace tracegate::resolvers {

/// Whether some Python release of the line `version` ("3.8" means any 3.8.x, "3.11.4" exactly
/// that) satisfies `constraint` (a requires-python style specifier set, or a Poetry constraint).
/// Only final-release versions are understood; anything else is an error, so a caller can stay
/// silent rather than guess. Full PEP 440 semantics live in pep440.hpp (next issue).
core::Result<bool> python_line_may_satisfy(std::string_view version, std::string_view constraint,
                                           core::ConstraintSyntax syntax);

}  // namespace tracegate::resolvers
