// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "resolvers/interval_set.hpp"

/// Gradle's own version semantics: the ordering of DefaultVersionComparator /
/// StaticVersionComparator, the selectors of DefaultVersionSelectorScheme (exact, prefix `1.+`,
/// `latest.<status>`, ranges with `[`/`]`/`(`/`)` bounds) and rich versions (`strictly`,
/// `require`, `prefer`, `reject`, `!!`). docs/versions-gradle.md has the rules and sources.
namespace tracegate::resolvers::gradle {

// ---------------------------------------------------------------------------------------------
// Versions and their order
// ---------------------------------------------------------------------------------------------

/// One part of a version as Gradle's VersionParser splits it (on `.`, `-`, `_`, `+` and at every
/// digit/non-digit boundary).
struct Part {
  std::uint32_t offset = 0;  ///< into Version::text
  std::uint32_t length = 0;
  /// ASCII digits whose value fits a signed 64-bit integer (Guava's Longs.tryParse); longer
  /// digit runs are compared as strings, like any non-numeric part.
  bool numeric = false;
  /// For a non-numeric part, its special meaning (case-insensitive): dev -1, rc 1, snapshot 2,
  /// final 3, ga 4, release 5, sp 6; 0 for any other string.
  std::int8_t special = 0;
  std::int64_t value = 0;  ///< when numeric
};

/// Versions built by tracegate as bounds, never parsed from text (see prefix_infimum).
enum class Limit : std::uint8_t {
  none,      ///< a real version
  dev_tail,  ///< the parts followed by infinitely many `dev` parts: just below every extension
  zero_run,  ///< the last part is the infinite string "000…" (an infimum of overflowing numbers)
};

/// A version. Gradle keeps the text as written (`toString()` is the source), so two spellings
/// that compare equal (`1.0`, `1-0`, `01.0`) are still different versions to exact selectors.
struct Version {
  std::string text;
  std::vector<Part> parts;
  Limit limit = Limit::none;

  std::string_view part_text(std::size_t i) const {
    return std::string_view(text).substr(parts[i].offset, parts[i].length);
  }
};

/// Splits `text` into `out` (buffers reused). Gradle accepts every string as a version, the
/// empty one included (it has no parts).
void parse_version_into(std::string_view text, Version& out);
Version parse_version(std::string_view text);

/// StaticVersionComparator: -1, 0 or 1. Part by part: equal texts are equal; numeric > non-numeric;
/// numbers by value (leading zeros ignored); two strings by special meaning when either has one,
/// else by Java's String.compareTo (UTF-16 code units, case-sensitive). Past the common length an
/// extra numeric part makes a version higher, an extra non-numeric part lower. Separators are not
/// compared. Quirk kept from Gradle: two different spellings of the same special word (`RC`, `rc`)
/// make the whole comparison 0 at once, so `1.RC.1` = `1.rc.2` while `1.rc.1` < `1.rc.2` (the order
/// is not transitive there). Limit versions compare as the part sequences they stand for.
int compare(const Version& a, const Version& b);

struct Order {
  int operator()(const Version& a, const Version& b) const { return compare(a, b); }
};

/// Appends a canonical spelling: the parts joined with `.`, numbers without leading zeros, special
/// words lower-cased, one more `.` when the last part is empty (`1..` keeps its empty part). It
/// compares equal to the original. False (nothing appended) for the empty version.
bool normalize_into(const Version& version, std::string& out);

/// The status Gradle infers for a module version from a Maven repository (MavenVersionUtils):
/// `integration` when the version ends with `SNAPSHOT` (case-sensitive, any separator) or is a
/// timestamped snapshot `X-yyyyMMdd.HHmmss-N`; `release` otherwise. Without metadata this is the
/// status tracegate assumes for `latest.<status>`.
enum class Status : std::uint8_t { release = 0, integration = 1 };
Status maven_status(std::string_view version);

/// The greatest lower bound (a Limit version) of the versions whose text starts with the non-empty
/// `prefix`, in the order above: what `require P+` cannot go below.
Version prefix_infimum(std::string_view prefix);

// ---------------------------------------------------------------------------------------------
// Selectors (DefaultVersionSelectorScheme.parseSelector) and what they accept
// ---------------------------------------------------------------------------------------------

enum class SelectorKind : std::uint8_t {
  exact,   ///< the text itself (string equality; the empty selector accepts everything)
  prefix,  ///< ends with `+`: versions whose text starts with what precedes it
  latest,  ///< `latest.<status>`: versions whose status is at least <status>
  range,   ///< `[a,b]`, `[a,b)`, `]a,b[`, `(,b]`, `[a,)`, ...
};

struct Selector {
  SelectorKind kind = SelectorKind::exact;
  std::string text;  ///< exact: the version; prefix: the prefix; latest: the status
  bool has_lower = false, has_upper = false;
  bool lower_inclusive = true, upper_inclusive = true;
  /// Range: the bounds as written inside the brackets. Exact: `lower` is the parsed version;
  /// prefix: `lower` is prefix_infimum(text) (both only used by at_least_accepted).
  Version lower, upper;
};

/// Every string is a selector for Gradle: ranges first, then a trailing `+`, then `latest.`,
/// else an exact version. `[1.0]` and `[1.0,1.0]` are the exact selector `1.0`.
Selector parse_selector(std::string_view text);

/// VersionSelector.accept. Exact: string equality. Prefix: String.startsWith. Range: compare(),
/// and an exclusive upper bound U also rejects every version whose text starts with U
/// (`[1.0,2.0)` rejects 2.0-SNAPSHOT). latest.S: the candidate's status (maven_status) is at or
/// above S in the default scheme integration < milestone < release; an unknown S accepts nothing.
bool accepts(const Selector& selector, const Version& version);

/// `require`: the versions that are not lower than some version the selector accepts (conflict
/// resolution may pick a higher one). Exact X: >= X; prefix P: above prefix_infimum(P); range: from
/// its lower bound on (everything when it has none; nothing when the range is empty); latest.S:
/// everything when S is a known status.
bool at_least_accepted(const Selector& selector, const Version& version);

// ---------------------------------------------------------------------------------------------
// Constraints as the CLI writes them
// ---------------------------------------------------------------------------------------------

/// A rich version, as Gradle's resolved VersionConstraint holds it (docs/versions-gradle.md):
/// `strictly=S;require=R;prefer=P;reject=A,B`, or Gradle's shorthand `S!!P`.
struct RichVersion {
  std::string strictly, require, prefer;
  std::vector<std::string> rejects;
};

/// A `tracegate versions` selector: either a plain Gradle selector (what it accepts) or a rich
/// version (the versions the module may end up resolved to under it).
struct Constraint {
  bool rich = false;
  Selector selector;  ///< plain
  RichVersion version;  ///< rich
};

/// Parses the CLI form. Errors: `!!` at the start (Gradle's StrictVersionParser rejects it), a
/// clause that is not `strictly=`/`require=`/`prefer=`/`reject=`, a repeated clause.
core::Result<Constraint> parse_constraint(std::string_view text);

/// Direct evaluation, without sets. Plain: accepts(). Rich: with a non-empty `strictly` S, S
/// accepts it; else at_least_accepted(R) (an empty R accepts everything); and no `reject` accepts
/// it. `prefer` never changes membership.
bool contains(const Constraint& constraint, const Version& version);

// ---------------------------------------------------------------------------------------------
// Version sets
// ---------------------------------------------------------------------------------------------

using Intervals = IntervalSet<Version, Order>;

/// A set of versions that is exact under Gradle's rules, including the parts that are not
/// intervals of the order: string prefixes (`1.+`, the prefix exclusion of `[a,b)`), exact
/// spellings (`1.0` but not `1.00`) and the status inferred from the version text.
///
/// One layer per status. A layer is a base IntervalSet plus refinements: a refinement names a key
/// (a prefix, or an exact text) and the IntervalSet that decides membership for versions matching
/// that key. A version is decided by the most specific refinement it matches (longest key; exact
/// before prefix of the same key), or by the base. This form is closed under intersection, union
/// and complement: the result's keys are the union of the operands' keys.
class VersionSet {
 public:
  struct Refinement {
    std::string key;
    bool exact = false;
    Intervals members;
  };
  struct Layer {
    Intervals base;
    std::vector<Refinement> refinements;  ///< sorted by (key, exact)
  };

  static VersionSet all();
  static VersionSet none();
  /// The same intervals for every version.
  static VersionSet uniform(const Intervals& intervals);
  /// The version spelled exactly `text` (every version when `text` is empty).
  static VersionSet exact_text(std::string_view text);
  /// The versions whose text starts with `prefix`.
  static VersionSet with_prefix(std::string_view prefix);
  /// The versions whose inferred status is `status`.
  static VersionSet with_status(Status status);

  bool contains(const Version& version) const;
  /// True only when no interval is left anywhere; a set no real version fits can still answer
  /// false (as IntervalSet's own is_empty).
  bool is_empty() const;
  VersionSet intersect(const VersionSet& other) const;
  VersionSet unite(const VersionSet& other) const;
  VersionSet complement() const;
  VersionSet minus(const VersionSet& other) const { return intersect(other.complement()); }

  const Layer& layer(Status status) const { return layers_[static_cast<std::size_t>(status)]; }
  /// E.g. `>=1.0,<2.0; "2.0"*: <none>` (`"k"*` a prefix key, `"k"` an exact one); the two layers
  /// are shown separately (`release: ... | integration: ...`) when they differ.
  std::string describe() const;

 private:
  std::array<Layer, 2> layers_;
};

/// The set of versions a selector accepts: compile(s).contains(v) == accepts(s, v).
VersionSet compile(const Selector& selector);
/// The set at_least_accepted describes.
VersionSet compile_at_least(const Selector& selector);
/// compile(c).contains(v) == contains(c, v).
VersionSet compile(const Constraint& constraint);

}  // namespace tracegate::resolvers::gradle
