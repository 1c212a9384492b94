// SPDX-License-Identifier: Apache-2.0
#include "scanner/python/pypi_requirement.hpp"

#include <fmt/format.h>

#include "core/package_name.hpp"
#include "core/pep508_syntax.hpp"

namespace tracegate::scanner::python {

core::Result<core::Requirement> parse_pypi_requirement(std::string_view text, const core::SourceLocation& origin) {
  auto parts = core::split_pep508(text);
  if (!parts) {
    auto where = origin;
    if (parts.error().where && parts.error().where->column > 0 && where.column > 0) {
      where.column += parts.error().where->column - 1;
    }
    return core::fail(fmt::format("invalid requirement '{}': {}", text, parts.error().message), where);
  }
  core::Requirement requirement;
  requirement.ecosystem = core::Ecosystem::pypi;
  requirement.name = parts->name;
  requirement.normalized_name = core::normalize_pypi_name(parts->name);
  requirement.constraint = parts->specifier;
  requirement.syntax = core::ConstraintSyntax::pep440;
  requirement.extras = parts->extras;
  requirement.markers = parts->markers;
  requirement.url = parts->url;
  requirement.resolvable = parts->url.empty();
  requirement.origin = origin;
  return requirement;
}

core::Requirement make_pypi_requirement(std::string_view name, std::string_view constraint,
                                        core::ConstraintSyntax syntax, const core::SourceLocation& origin) {
  core::Requirement requirement;
  requirement.ecosystem = core::Ecosystem::pypi;
  requirement.name = std::string(name);
  requirement.normalized_name = core::normalize_pypi_name(name);
  requirement.constraint = std::string(constraint);
  requirement.syntax = syntax;
  requirement.origin = origin;
  return requirement;
}

}  // namespace tracegate::scanner::python
