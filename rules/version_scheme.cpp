// SPDX-License-Identifier: Apache-2.0
#include "rules/version_scheme.hpp"

#include <fmt/format.h>

#include "core/package_name.hpp"
#include "resolvers/composer.hpp"
#include "resolvers/maven.hpp"
#include "resolvers/pep440.hpp"
#include "resolvers/pep508.hpp"

namespace tracegate::rules {

namespace {

namespace pep440 = resolvers::pep440;
namespace pep508 = resolvers::pep508;
namespace composer = resolvers::composer;
namespace maven = resolvers::maven;

class Pep440Scheme final : public VersionScheme {
 public:
  core::Result<void> check_version(std::string_view version) const override {
    auto parsed = pep440::parse_version(version);
    if (!parsed) return core::fail(parsed.error().message);
    return {};
  }
  int compare(std::string_view a, std::string_view b) const override {
    const auto order = pep440::compare(*pep440::parse_version(a), *pep440::parse_version(b));
    return order < 0 ? -1 : order > 0 ? 1 : 0;
  }
  core::Result<void> check_constraint(std::string_view constraint) const override {
    auto parsed = pep440::parse_specifier_set(constraint);
    if (!parsed) return core::fail(parsed.error().message);
    return {};
  }
  bool contains(std::string_view constraint, std::string_view version) const override {
    const auto set = pep440::parse_specifier_set(constraint);
    const auto v = pep440::parse_version(version);
    return set && v && pep440::contains(*set, *v);
  }
  core::Result<void> check_requirement(std::string_view requirement) const override {
    auto parsed = pep508::parse_requirement(requirement);
    if (!parsed) return core::fail(parsed.error().message);
    return {};
  }
  std::string requirement_name(std::string_view requirement) const override {
    const auto parsed = pep508::try_parse_requirement(requirement);
    return parsed ? core::normalize_package_name(core::Ecosystem::pypi, parsed->name) : std::string(requirement);
  }
};

/// "vendor/package constraint": the name, then the rest.
std::pair<std::string_view, std::string_view> split_name(std::string_view requirement) {
  const auto space = requirement.find(' ');
  if (space == std::string_view::npos) return {requirement, {}};
  auto rest = requirement.substr(space + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return {requirement.substr(0, space), rest};
}

class ComposerScheme final : public VersionScheme {
 public:
  core::Result<void> check_version(std::string_view version) const override {
    auto normalized = composer::normalize(version);
    if (!normalized) return core::fail(normalized.error().message);
    if (composer::is_branch(*normalized)) return core::fail(fmt::format("'{}' is a branch, not a release", version));
    return {};
  }
  int compare(std::string_view a, std::string_view b) const override {
    return composer::compare_versions(*composer::normalize(a), *composer::normalize(b));
  }
  core::Result<void> check_constraint(std::string_view constraint) const override {
    auto parsed = composer::parse_constraint(constraint);
    if (!parsed) return core::fail(parsed.error().message);
    return {};
  }
  bool contains(std::string_view constraint, std::string_view version) const override {
    const auto result = composer::satisfies(version, constraint);
    return result && *result;
  }
  core::Result<void> check_requirement(std::string_view requirement) const override {
    const auto [name, constraint] = split_name(requirement);
    if (name.empty() || constraint.empty()) {
      return core::fail(fmt::format("'{}' is not \"vendor/package constraint\"", requirement));
    }
    return check_constraint(constraint);
  }
  std::string requirement_name(std::string_view requirement) const override {
    return core::normalize_package_name(core::Ecosystem::packagist, split_name(requirement).first);
  }
};

class MavenScheme final : public VersionScheme {
 public:
  core::Result<void> check_version(std::string_view version) const override {
    if (version.empty() || version.find_first_of("[](), ") != std::string_view::npos) {
      return core::fail(fmt::format("'{}' is not a Maven version", version));
    }
    return {};
  }
  int compare(std::string_view a, std::string_view b) const override {
    return maven::compare(maven::Version(a), maven::Version(b));
  }
  core::Result<void> check_constraint(std::string_view constraint) const override {
    auto parsed = maven::parse_range(constraint);
    if (!parsed) return core::fail(parsed.error().message);
    return {};
  }
  bool contains(std::string_view constraint, std::string_view version) const override {
    const auto range = maven::parse_range(constraint);
    return range && maven::contains(*range, maven::Version(version));
  }
  core::Result<void> check_requirement(std::string_view requirement) const override {
    // group:artifact:version-or-range; the range may itself hold a comma and colons do not.
    const auto first = requirement.find(':');
    const auto second = first == std::string_view::npos ? first : requirement.find(':', first + 1);
    if (first == 0 || second == std::string_view::npos || second == first + 1 || second + 1 >= requirement.size()) {
      return core::fail(fmt::format("'{}' is not \"group:artifact:version-or-range\"", requirement));
    }
    return check_constraint(requirement.substr(second + 1));
  }
  std::string requirement_name(std::string_view requirement) const override {
    const auto first = requirement.find(':');
    const auto second = first == std::string_view::npos ? first : requirement.find(':', first + 1);
    return std::string(requirement.substr(0, second));
  }
};

}  // namespace

const VersionScheme& version_scheme(core::Ecosystem ecosystem) {
  static const Pep440Scheme pep440_scheme;
  static const ComposerScheme composer_scheme;
  static const MavenScheme maven_scheme;
  switch (ecosystem) {
    case core::Ecosystem::pypi: return pep440_scheme;
    case core::Ecosystem::packagist: return composer_scheme;
    case core::Ecosystem::maven: return maven_scheme;
  }
  return pep440_scheme;
}

}  // namespace tracegate::rules
