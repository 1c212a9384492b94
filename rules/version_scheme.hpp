// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/ecosystem.hpp"
#include "core/error.hpp"

namespace tracegate::rules {

/// The version questions the knowledge base asks, answered with each ecosystem's resolvers:
/// PEP 440 for pypi, composer/semver for packagist, maven-artifact for maven.
class VersionScheme {
 public:
  virtual ~VersionScheme() = default;
  /// Error (with the resolver's message) when `version` is not a release version.
  virtual core::Result<void> check_version(std::string_view version) const = 0;
  /// <0, 0, >0; both must be valid versions.
  virtual int compare(std::string_view a, std::string_view b) const = 0;
  /// Error when `constraint` does not parse.
  virtual core::Result<void> check_constraint(std::string_view constraint) const = 0;
  /// Whether `version` satisfies `constraint` (both valid).
  virtual bool contains(std::string_view constraint, std::string_view version) const = 0;
  /// Error when `requirement` is not a dependency in this ecosystem's written form (PEP 508;
  /// "vendor/package constraint"; "group:artifact:version-or-range").
  virtual core::Result<void> check_requirement(std::string_view requirement) const = 0;
  /// The normalized package name a requirement is about.
  virtual std::string requirement_name(std::string_view requirement) const = 0;
};

const VersionScheme& version_scheme(core::Ecosystem ecosystem);

}  // namespace tracegate::rules
