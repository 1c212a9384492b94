// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <cstdint>
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
/// Shared by every ecosystem; Composer and Maven compile into it too. See docs/version-sets.md.
class VersionSet {
 public:
  /// A cut in the total PEP 440 order: it separates the versions below it from those above it,
  /// so an interval needs no separate open/closed flag. `before 1.0` as a lower bound is `>=1.0`,
  /// as an upper bound `<1.0`; `after 1.0` is `>1.0` / `<=1.0` (strict order, local labels
  /// included). `after_release` lies above every version of one epoch and release, whatever its
  /// pre, post, dev or local part (`>1.0` in PEP 440 starts there).
  struct Bound {
    enum class Kind : std::uint8_t { negative_infinity, before, after, after_release, positive_infinity };
    Kind kind = Kind::negative_infinity;
    /// `before`/`after`: the version; `after_release`: only its epoch and release count.
    pep440::Version version;
  };

  /// Which versions of an interval are members, by kind: bit `1 << k` with
  /// k = (pre-release ? 1 : 0) | (post-release ? 2 : 0) | (local label ? 4 : 0); a pre-release
  /// is anything with a pre or dev segment (packaging's is_prerelease).
  enum KindMask : std::uint8_t {
    all_kinds = 0xFF,
    no_prereleases = 0x55,
    no_postreleases = 0x33,
    no_locals = 0x0F,
  };
  static std::uint8_t kind_bit(const pep440::Version& version);

  /// The versions strictly between `lower` and `upper` whose kind bit is in `kinds`.
  struct Interval {
    Bound lower;
    Bound upper;
    std::uint8_t kinds = all_kinds;
  };

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
  /// The complement of the interval part (`===` members are dropped, not complemented).
  VersionSet complement() const;
  bool is_empty() const;
  /// A short human form, e.g. ">=0.5,<0.6 || ==0.8".
  std::string to_string() const;

  const std::vector<Interval>& intervals() const { return intervals_; }
  /// Members added by `===`: normalized version strings, matched by string equality.
  const std::vector<std::string>& literals() const { return literals_; }

  /// Internal: builds a set from sorted, disjoint intervals (normalizes them).
  static VersionSet from_intervals(std::vector<Interval> intervals, std::vector<std::string> literals = {});

 private:
  std::vector<Interval> intervals_;  ///< sorted, disjoint, each with at least one member
  std::vector<std::string> literals_;  ///< sorted, none of them inside intervals_
};

/// Building blocks shared by version_set.cpp and the ecosystem compilers (poetry_constraint.cpp).
namespace vset_detail {
std::string increment(std::string_view number);
/// The smallest public version above `public_version` and all its local versions.
pep440::Version successor(const pep440::Version& public_version);
VersionSet::Bound before(pep440::Version version);  ///< normalizes "before 0.dev0" to -infinity
VersionSet::Bound after(pep440::Version version);
VersionSet::Bound after_release(const pep440::Version& version);
VersionSet::Bound minus_infinity();
VersionSet::Bound plus_infinity();
std::strong_ordering compare_cuts(const VersionSet::Bound& a, const VersionSet::Bound& b);
/// Whether `version` lies above `cut`.
bool cut_below(const VersionSet::Bound& cut, const pep440::Version& version);
/// The kinds (mask bits) that have at least one version strictly between the two cuts.
std::uint8_t present_kinds(const VersionSet::Bound& lower, const VersionSet::Bound& upper);
std::string ascii_lower(std::string_view text);
}  // namespace vset_detail

/// "no version is both >=0.5,<0.6 and ==0.4.0", or empty when the two sets share a version.
std::string explain_disjoint(const VersionSet& a, std::string_view a_text, const VersionSet& b, std::string_view b_text);

}  // namespace tracegate::resolvers
