// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

/// PEP 440 exactly as Python's `packaging` (23.x, the reference pip vendors) implements it.
namespace tracegate::resolvers::pep440 {

/// A parsed version. Every number is kept as decimal digits without leading zeros ("0" for
/// zero), so arbitrarily large integers compare exactly.
struct Version {
  std::string epoch = "0";
  std::vector<std::string> release;  ///< at least one component
  /// Pre-release: kind is "a", "b" or "rc" (every spelling normalized), and its number.
  std::optional<std::pair<std::string, std::string>> pre;
  std::optional<std::string> post;
  std::optional<std::string> dev;
  /// Local label segments, lowercased, separators normalized; numeric segments have no leading zeros.
  std::vector<std::string> local;
  /// packaging quirk: re.IGNORECASE lets U+017F match the `s` of "post", and packaging then keeps
  /// "poſt" as the post label, which sorts after "post". Printing ignores it, so re-parsing
  /// (`public_part`, like packaging's `Version(v.public)`) drops it. False for every real version.
  bool post_long_s = false;

  bool is_prerelease() const { return pre.has_value() || dev.has_value(); }
  bool is_postrelease() const { return post.has_value(); }
};

/// Parses `text` as packaging.version.Version does (surrounding whitespace, a leading `v`, every
/// pre/post/dev spelling, implicit post releases `1.0-1`). Error: not a PEP 440 version.
core::Result<Version> parse_version(std::string_view text);

/// `str(Version(text))` as packaging prints it: "1.0.0" stays "1.0.0", "1.0-1" -> "1.0.post1".
std::string to_string(const Version& version);

/// packaging's ordering (`_cmpkey`): epoch, release with trailing zeros ignored, dev < pre <
/// final < post, local labels last.
std::strong_ordering compare(const Version& a, const Version& b);

/// The version without its local label ("1.0+abc" -> "1.0").
Version public_part(const Version& version);

enum class Operator { compatible, equal, not_equal, less_equal, greater_equal, less, greater, arbitrary };

/// One clause such as `>=1.0`, `==1.0.*`, `~=2.2`, `===foo`.
struct Specifier {
  Operator op = Operator::equal;
  std::string version_text;        ///< as written, whitespace removed ("1.0.*" keeps its ".*")
  std::optional<Version> version;  ///< parsed operand (without ".*"); absent only for `===` on a non-version
  bool wildcard = false;           ///< `==X.*` / `!=X.*`
};

/// Parses one specifier as packaging.specifiers.Specifier does; invalid ones (`~=1`, `<1.*`,
/// `==1.0+abc.*`, `>=1.0+local`) are errors.
core::Result<Specifier> parse_specifier(std::string_view text);

/// `str(Specifier(text))`: operator then operand, no spaces.
std::string to_string(const Specifier& specifier);

/// Specifier.contains(version, prereleases). With `prereleases` unset, a pre-release is
/// contained only when the specifier itself names a pre-release. Where packaging raises
/// InvalidVersion instead of answering (`===` on a non-version with `prereleases` unset; a
/// candidate whose printed form does not re-parse), the answer is false.
bool contains(const Specifier& specifier, const Version& version, std::optional<bool> prereleases = std::nullopt);

/// Whether the specifier names a pre-release (packaging's Specifier.prereleases).
bool admits_prereleases(const Specifier& specifier);

/// A comma-separated specifier set (possibly empty).
struct SpecifierSet {
  std::vector<Specifier> specifiers;
};

/// Parses `text` as packaging.specifiers.SpecifierSet does; any invalid clause is an error.
core::Result<SpecifierSet> parse_specifier_set(std::string_view text);

/// `str(SpecifierSet(text))`: clauses sorted by their string form, joined with ",".
std::string to_string(const SpecifierSet& set);

/// Whether any clause names a pre-release (SpecifierSet.prereleases with no override).
bool admits_prereleases(const SpecifierSet& set);

/// SpecifierSet.contains(version, prereleases) exactly: with `prereleases` unset, a
/// pre-release is contained only when the set admits pre-releases; the empty set contains
/// every final release.
bool contains(const SpecifierSet& set, const Version& version, std::optional<bool> prereleases = std::nullopt);

// Allocation-free entry points for hot loops (`tracegate versions` answers millions of queries):
// they parse into caller-owned objects whose buffers are reused from one call to the next, and
// report failure without building an error message.

/// parse_version into `out`; false (with `out` unspecified) when `text` is not a version.
bool parse_version_into(std::string_view text, Version& out);

/// parse_specifier into `out`; false (with `out` unspecified) when `text` is not a specifier.
bool parse_specifier_into(std::string_view text, Specifier& out);

/// Storage for a parsed SpecifierSet that keeps every clause's buffers between parses.
struct SpecifierSetScratch {
  std::vector<Specifier> storage;  ///< the first `count` are the set; the rest are spare
  std::size_t count = 0;
  std::span<const Specifier> specifiers() const { return {storage.data(), count}; }
};

/// parse_specifier_set into `out`; false when any clause is invalid.
bool parse_specifier_set_into(std::string_view text, SpecifierSetScratch& out);

/// parse_specifier_set into `out` (its clauses' buffers are reused); false when any clause is
/// invalid.
bool parse_specifier_set_into(std::string_view text, SpecifierSet& out);

/// contains(SpecifierSet, version) with pre-releases as packaging decides.
bool contains(const SpecifierSetScratch& set, const Version& version);

}  // namespace tracegate::resolvers::pep440
