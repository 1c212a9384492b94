// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "core/requirement.hpp"

namespace tracegate::scanner::python {

/// Parses one PEP 508 requirement string found at `origin` into a pypi Requirement
/// (name normalized, URL form marked unresolvable). The error names `origin` and the column.
core::Result<core::Requirement> parse_pypi_requirement(std::string_view text, const core::SourceLocation& origin);

/// A pypi Requirement for `name` with a constraint in `syntax` (Poetry tables, Pipfile entries).
core::Requirement make_pypi_requirement(std::string_view name, std::string_view constraint,
                                        core::ConstraintSyntax syntax, const core::SourceLocation& origin);

}  // namespace tracegate::scanner::python
