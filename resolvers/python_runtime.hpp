// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include "core/ecosystem.hpp"
#include "core/error.hpp"

namespace tracegate::resolvers {

/// Whether some Python release of the line `version` ("3.8" means any 3.8.x, "3.11.4" exactly
/// that) satisfies `constraint` (a requires-python style specifier set, or a Poetry constraint).
/// Both sides go through the PEP 440 / Poetry version sets. A hint that is not a final release
/// ("3.13-dev") or a constraint that does not parse is an error, so a caller can stay silent
/// rather than guess.
core::Result<bool> python_line_may_satisfy(std::string_view version, std::string_view constraint,
                                           core::ConstraintSyntax syntax);

}  // namespace tracegate::resolvers
