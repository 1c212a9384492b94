// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "resolvers/pep440.hpp"

namespace tracegate::resolvers {

/// Exactly the set of versions a constraint accepts, as a union of intervals, with PEP 440's
/// pre-release and local-version behaviour built in: set operations are true set operations
/// (the intersection of `>=1.0a1` and `<2` does not contain 1.5a1, though packaging's
/// SpecifierSet(">=1.0a1,<2") does; that one is built with from_specifiers on the whole set).
/// Shared by every ecosystem; Composer and Maven compile into it too.
class VersionSet {
 public:
  struct Bound;     ///< an endpoint: a version or ±infinity, open or closed
  struct Interval;  ///< [lower, upper] plus which pre-releases and local versions inside it count

  static VersionSet all();
  static VersionSet none();
  /// The set SpecifierSet.contains() accepts (prereleases=None), clause interplay included.
  static core::Result<VersionSet> from_specifiers(const pep440::SpecifierSet& set);
  /// Poetry's constraint syntax (`^`, `~`, `*`, bare version = `==`, `||`, `,`/space lists), as
  /// poetry-core defines it.
  static core::Result<VersionSet> from_poetry(std::string_view constraint);

  bool contains(const pep440::Version& version) const;
  VersionSet intersect(const VersionSet& other) const;
  VersionSet unite(const VersionSet& other) const;
  bool is_empty() const;
  /// A short human form, e.g. ">=0.5,<0.6 || ==0.8".
  std::string to_string() const;

  const std::vector<Interval>& intervals() const { return intervals_; }

 private:
  std::vector<Interval> intervals_;
};

/// "no version is both >=0.5,<0.6 and ==0.4.0", or empty when the two sets share a version.
std::string explain_disjoint(const VersionSet& a, std::string_view a_text, const VersionSet& b, std::string_view b_text);

}  // namespace tracegate::resolvers
