// SPDX-License-Identifier: Apache-2.0
#include "resolvers/python_runtime.hpp"

#include <fmt/format.h>

#include "resolvers/pep440.hpp"
#include "resolvers/version_set.hpp"

namespace tracegate::resolvers {

namespace {

/// The releases a runtime hint stands for: "3.8" is every 3.8.x, "3.11.4" exactly that one.
core::Result<VersionSet> line_set(std::string_view version) {
  const auto parsed = pep440::parse_version(version);
  if (!parsed || parsed->is_prerelease() || parsed->is_postrelease() || !parsed->local.empty() ||
      parsed->epoch != "0") {
    return core::fail(fmt::format("'{}' is not a final release version", version));
  }
  const auto text = pep440::to_string(*parsed);
  const auto set = pep440::parse_specifier_set(parsed->release.size() >= 3 ? "==" + text : "==" + text + ".*");
  if (!set) return std::unexpected(set.error());
  return VersionSet::from_specifiers(*set);
}

core::Result<VersionSet> constraint_set(std::string_view constraint, core::ConstraintSyntax syntax) {
  if (syntax == core::ConstraintSyntax::poetry) return VersionSet::from_poetry(constraint);
  const auto set = pep440::parse_specifier_set(constraint);
  if (!set) return std::unexpected(set.error());
  return VersionSet::from_specifiers(*set);
}

}  // namespace

core::Result<bool> python_line_may_satisfy(std::string_view version, std::string_view constraint,
                                           core::ConstraintSyntax syntax) {
  auto line = line_set(version);
  if (!line) return std::unexpected(line.error());
  auto allowed = constraint_set(constraint, syntax);
  if (!allowed) return std::unexpected(allowed.error());
  return !line->intersect(*allowed).is_empty();
}

}  // namespace tracegate::resolvers
