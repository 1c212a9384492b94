// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "resolvers/interval_set.hpp"

/// Composer (packagist) versions exactly as composer/semver 3.3.2 running on PHP 8.2 treats
/// them: VersionParser::normalize, PHP's version_compare, Comparator, parseConstraints and
/// Semver::satisfies, plus the stability filter Composer's solver adds on top. See
/// docs/versions-composer.md.
namespace tracegate::resolvers::composer {

// ---------------------------------------------------------------------------------------------
// Versions

/// VersionParser::normalize: "1.2" -> "1.2.0.0", "v2.0-rc1" -> "2.0.0.0-RC1", "2.x-dev" ->
/// "2.9999999.9999999.9999999-dev", "master" -> "dev-master", "1.0 as 2.0" -> "1.0.0.0".
/// Error: composer would throw UnexpectedValueException.
core::Result<std::string> normalize(std::string_view version);
/// The same into a reused buffer, without an error message (the query hot path).
bool normalize_into(std::string_view version, std::string& out);

/// A normalized version naming a branch ("dev-…"): outside the order, equal only to itself.
inline bool is_branch(std::string_view normalized) { return normalized.starts_with("dev-"); }

/// PHP's version_compare(a, b) on any two strings: -1, 0 or 1.
int php_version_compare(std::string_view a, std::string_view b);

/// version_compare restricted to normalized non-branch versions and the bound versions
/// constraints build from them, computed on the fly without PHP's canonical strings.
int compare_versions(std::string_view a, std::string_view b);

enum class Relation : std::uint8_t { less, equal, greater, unrelated };

/// Comparator::lessThan / equalTo / greaterThan on two normalized versions. A branch sorts
/// below every numbered version; two different branches are `unrelated`.
Relation compare(std::string_view a, std::string_view b);

// ---------------------------------------------------------------------------------------------
// Constraints

/// Constraint operators; `any` is MatchAllConstraint (`*`), which alone admits every branch.
enum class Op : std::uint8_t { any, eq, ne, lt, le, gt, ge };

/// One composer Constraint: operator and normalized version ("1.0.0.0-dev", "dev-master").
struct Atom {
  Op op = Op::any;
  std::string version;
};

/// parseConstraints' result as an OR of AND groups, after MultiConstraint::create merged
/// touching ranges. Group g holds atoms [group_ends[g-1], group_ends[g]).
struct Constraint {
  std::vector<Atom> atoms;
  std::vector<std::uint32_t> group_ends;
};

/// VersionParser::parseConstraints. Error: composer would throw.
core::Result<Constraint> parse_constraint(std::string_view text);
/// The same into a reused object, without an error message.
bool parse_constraint_into(std::string_view text, Constraint& out);

/// Composer's string form: "[>= 1.0.0.0-dev < 2.0.0.0-dev] || == 3.0.0.0", "*".
std::string to_string(const Constraint& constraint);

// ---------------------------------------------------------------------------------------------
// Version sets

/// A normalized non-branch version as a point of the order.
struct Version {
  std::string text;
};
struct VersionOrder {
  int operator()(const Version& a, const Version& b) const { return compare_versions(a.text, b.text); }
};
using OrderedSet = IntervalSet<Version, VersionOrder>;

/// The branches of a set: finitely many names, or (`cofinite`) every branch but those.
struct BranchSet {
  bool cofinite = false;
  std::vector<std::string> names;  ///< sorted, distinct

  bool contains(std::string_view branch) const;
  bool is_empty() const { return !cofinite && names.empty(); }
  BranchSet intersect(const BranchSet& other) const;
  BranchSet unite(const BranchSet& other) const;
  BranchSet complement() const { return {!cofinite, names}; }
};

/// The exact set of normalized versions a constraint admits: an interval set over the
/// version_compare order plus the branches. Range operators never admit a branch; `*`, `!=`
/// and `==dev-x` do.
class VersionSet {
 public:
  static VersionSet all() { return {OrderedSet::all(), {true, {}}}; }
  static VersionSet none() { return {}; }
  /// The set Semver::satisfies tests `constraint` against.
  static VersionSet from_constraint(const Constraint& constraint);

  VersionSet() = default;
  VersionSet(OrderedSet ordered, BranchSet branches) : ordered_(std::move(ordered)), branches_(std::move(branches)) {}

  /// Membership of a normalized version.
  bool contains(std::string_view normalized) const;
  bool contains(const Version& normalized) const;
  bool is_empty() const { return ordered_.is_empty() && branches_.is_empty(); }
  VersionSet intersect(const VersionSet& other) const;
  VersionSet unite(const VersionSet& other) const;
  VersionSet complement() const;

  const OrderedSet& ordered() const { return ordered_; }
  const BranchSet& branches() const { return branches_; }

 private:
  OrderedSet ordered_;
  BranchSet branches_;
};

/// ">=1.0.0.0-dev,<2.0.0.0-dev || dev-master", "every branch except dev-x", "<none>".
std::string to_string(const VersionSet& set);

/// Semver::satisfies(version, constraint), answered from the compiled set. No stability
/// filtering: "2.0.0-beta1" satisfies "^2.0@dev" and "^2.0" alike. Error: either is invalid.
core::Result<bool> satisfies(std::string_view version, std::string_view constraint);

// ---------------------------------------------------------------------------------------------
// Stability: the solver's filter, separate from satisfies

/// Composer's stabilities; a larger value is less stable (BasePackage::$stabilities).
enum class Stability : std::uint8_t { stable = 0, rc = 5, beta = 10, alpha = 15, dev = 20 };

/// VersionParser::parseStability: "1.0.0.0-RC1" -> rc, "dev-x" and "1.x-dev" -> dev,
/// "1.0-patch1" -> stable.
Stability parse_stability(std::string_view version);
/// "stable", "RC", "beta", "alpha", "dev".
std::string_view to_string(Stability stability);
/// VersionParser::normalizeStability + lookup; nullopt for an unknown name.
std::optional<Stability> stability_from_name(std::string_view name);

/// The stability flag a root requirement gives its package (RootPackageLoader::
/// extractStabilityFlags for one requirement): the least stable explicit `@flag` of any part
/// ("^1.0@beta || ^2.0@dev" -> dev), else the least stable version named explicitly without a
/// flag when it is less stable than `minimum` ("1.0.0-beta2" -> beta), else none.
std::optional<Stability> stability_flag(std::string_view constraint, Stability minimum);

/// Whether the solver may choose `normalized_version` for a package (Pool's
/// isPackageAcceptable): with a flag, its stability must not be less stable than the flag
/// (a flag also restricts: "@stable" excludes betas under minimum-stability dev); without one,
/// not less stable than `minimum`. Applied after satisfies, never inside it.
bool stability_allows(std::string_view normalized_version, std::optional<Stability> flag, Stability minimum);

// ---------------------------------------------------------------------------------------------

namespace detail {

/// PCRE's `\s` (no UTF mode): space, \t, \n, \v, \f, \r.
inline bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
/// Whether `s` holds `word` at `pos` (ASCII case-insensitively when `ci`).
bool has_at(std::string_view s, std::size_t pos, std::string_view word, bool ci);
/// PHP trim(): " \t\n\r\0\x0B" from both ends.
std::string_view php_trim(std::string_view s);
/// `^([^,\s]++) ++as ++([^,\s]++)$`: the aliased version of "1.0 as 2.0", or nothing.
std::optional<std::string_view> alias_source(std::string_view s);

/// The captures of composer's `$modifierRegex`:
/// `[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?`.
struct Modifier {
  std::string_view word;    ///< group 1 as written ("" when absent)
  std::string_view number;  ///< group 2 ("", ".1", "-2.3")
  std::string_view dev;     ///< group 3 ("", "dev", "-dev")
  std::size_t end = 0;
};

/// `word` at `pos` as the modifier pattern compares it: case-insensitively (the /i flag), or,
/// for a pattern without /i run on strtolower(s) (`lowered`), lower(s) against the word as
/// written, so "RC" never matches there.
inline bool word_at(std::string_view s, std::size_t pos, std::string_view word, bool lowered) {
  if (pos > s.size() || s.size() - pos < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(s[pos + i]) != (lowered ? word[i] : lower(word[i]))) return false;
  }
  return true;
}

/// Matches the modifier at `pos`, trying alternatives in PCRE's backtracking order, and
/// returns the first one whose end `rest` accepts (the rest of the pattern).
template <class Rest>
bool match_modifier(std::string_view s, std::size_t pos, bool lowered, Modifier& m, Rest&& rest) {
  static constexpr std::array<std::string_view, 9> kWords = {"stable", "beta", "b",     "RC", "alpha",
                                                              "a",      "patch", "pl", "p"};
  const auto try_dev = [&](std::size_t at) {
    if (at < s.size() && (s[at] == '.' || s[at] == '-') && word_at(s, at + 1, "dev", lowered) && rest(at + 4)) {
      m.dev = s.substr(at, 4), m.end = at + 4;
      return true;
    }
    if (word_at(s, at, "dev", lowered) && rest(at + 3)) return m.dev = s.substr(at, 3), m.end = at + 3, true;
    if (rest(at)) return m.dev = {}, m.end = at, true;
    return false;
  };
  const bool separator = pos < s.size() && (s[pos] == '.' || s[pos] == '_' || s[pos] == '-');
  for (std::size_t start = pos + (separator ? 1 : 0);; --start) {
    // Only a letter can start a word.
    const char first = start < s.size() ? lower(s[start]) : '\0';
    if (first >= 'a' && first <= 'z') {
      for (const auto word : kWords) {
        if (first != lower(word[0]) || !word_at(s, start, word, lowered)) continue;
        // `((?:[.-]?\d+)*+)?` is possessive: one way to match, as many numbers as follow.
        const std::size_t after_word = start + word.size();
        std::size_t p = after_word;
        for (;;) {
          if (p + 1 < s.size() && (s[p] == '.' || s[p] == '-') && is_digit(s[p + 1])) ++p;
          else if (p >= s.size() || !is_digit(s[p])) break;
          while (p < s.size() && is_digit(s[p])) ++p;
        }
        m.word = s.substr(start, word.size());
        m.number = s.substr(after_word, p - after_word);
        if (try_dev(p)) return true;
      }
    }
    m.word = m.number = {};
    if (try_dev(start)) return true;
    if (start == pos) return false;
  }
}

/// Appends normalize's suffix for modifier captures ("-beta2", "-RC1-dev", "-patch1"); false
/// when a lower-case "stable" ends the version there, dropping even a "-dev".
bool append_modifier(const Modifier& m, std::string& out);

}  // namespace detail

}  // namespace tracegate::resolvers::composer
