// SPDX-License-Identifier: Apache-2.0
// VersionRange.createFromVersionSpec / Restriction (maven-artifact 3.8.7), compiled into a
// VersionSet whose contains() is VersionRange.containsVersion.
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "resolvers/maven.hpp"

namespace tracegate::resolvers::maven {

namespace {

enum class SpecError { none, unbounded, overlap, multiple_sets, single_version, defies_ordering };

/// String.trim(): drops every char <= U+0020 at both ends.
std::string_view java_trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  return s;
}

/// One Restriction; a bound is absent (unbounded) when its pointer is null.
struct Restriction {
  Version* lower = nullptr;
  bool lower_inclusive = false;
  Version* upper = nullptr;
  bool upper_inclusive = false;
};

/// Parsed bound versions and restrictions, reused between specs so parsing does not allocate
/// once warm (a deque: restrictions keep pointers into it while it grows).
class VersionPool {
 public:
  Version* next(std::string_view text) {
    if (used_ == versions_.size()) versions_.emplace_back();
    Version* v = &versions_[used_++];
    v->assign(text);
    return v;
  }
  void reset() {
    used_ = 0;
    restrictions.clear();
  }

  std::vector<Restriction> restrictions;

 private:
  std::deque<Version> versions_;
  std::size_t used_ = 0;
};

/// VersionRange.parseRestriction on "[...]" / "(...)" (both ends included in `spec`).
SpecError parse_restriction(std::string_view spec, VersionPool& pool, Restriction& out) {
  out.lower_inclusive = spec.front() == '[';
  out.upper_inclusive = spec.back() == ']';
  const std::string_view inside = java_trim(spec.substr(1, spec.size() - 2));
  const auto comma = inside.find(',');
  if (comma == std::string_view::npos) {
    if (!out.lower_inclusive || !out.upper_inclusive) return SpecError::single_version;
    out.lower = out.upper = pool.next(inside);
    return SpecError::none;
  }
  const std::string_view lower = java_trim(inside.substr(0, comma));
  const std::string_view upper = java_trim(inside.substr(comma + 1));
  out.lower = lower.empty() ? nullptr : pool.next(lower);
  out.upper = upper.empty() ? nullptr : pool.next(upper);
  if (out.lower != nullptr && out.upper != nullptr) {
    const int order = compare(*out.upper, *out.lower);
    if (order < 0 || (order == 0 && (!out.lower_inclusive || !out.upper_inclusive))) {
      return SpecError::defies_ordering;
    }
  }
  return SpecError::none;
}

/// The restriction's interval. Its versions are moved out of the pool (the one version of
/// `[v]` is copied): the spec has been checked, nothing reads them afterwards. (Written so that
/// every Bound and Version is built in place: each move copies a version's items.)
VersionSet to_set(const Restriction& r) {
  const bool shared = r.lower == r.upper;  // the order the two bounds are built in is unspecified
  auto take = [shared](Version* v) -> Version { return shared ? Version(*v) : std::move(*v); };
  auto lower = [&]() -> VersionSet::Bound {
    if (r.lower == nullptr) return VersionSet::minus_infinity();
    return r.lower_inclusive ? VersionSet::before(take(r.lower)) : VersionSet::after(take(r.lower));
  };
  auto upper = [&]() -> VersionSet::Bound {
    if (r.upper == nullptr) return VersionSet::plus_infinity();
    return r.upper_inclusive ? VersionSet::after(take(r.upper)) : VersionSet::before(take(r.upper));
  };
  return VersionSet::from_interval(lower(), upper());
}

/// VersionRange.createFromVersionSpec. `recommended` receives the soft requirement's text;
/// `culprit` the text an exception message names (the restriction for parseRestriction's).
SpecError compile(std::string_view spec, VersionPool& pool, VersionSet& out, std::string_view* recommended,
                  std::string_view* culprit) {
  pool.reset();
  out = VersionSet::none();
  std::string_view process = spec;
  const Version* previous_upper = nullptr;  // the upper bound of the restriction before
  while (!process.empty() && (process.front() == '[' || process.front() == '(')) {
    // The first ')' or ']' ends this restriction, whichever bracket opened it.
    std::size_t close = 1;
    while (close < process.size() && process[close] != ')' && process[close] != ']') ++close;
    if (close == process.size()) return SpecError::unbounded;
    Restriction restriction;
    const std::string_view text = process.substr(0, close + 1);
    if (const auto error = parse_restriction(text, pool, restriction); error != SpecError::none) {
      if (culprit != nullptr) *culprit = text;
      return error;
    }
    // Only against the previous restriction, and only when that one had an upper bound.
    if (previous_upper != nullptr &&
        (restriction.lower == nullptr || compare(*restriction.lower, *previous_upper) < 0)) {
      return SpecError::overlap;
    }
    pool.restrictions.push_back(restriction);
    previous_upper = restriction.upper;
    process = java_trim(process.substr(close + 1));
    if (!process.empty() && process.front() == ',') process = java_trim(process.substr(1));
  }
  if (!process.empty()) {
    if (!pool.restrictions.empty()) return SpecError::multiple_sets;
    // A bare version is a soft requirement: recommended, and Restriction.EVERYTHING.
    if (recommended != nullptr) *recommended = process;  // never empty
    out = VersionSet::all();
    return SpecError::none;
  }
  // VersionRange.containsVersion: any restriction. (An empty spec has none: it contains nothing.)
  for (const Restriction& restriction : pool.restrictions) {
    out = out.is_empty() ? to_set(restriction) : out.unite(to_set(restriction));
  }
  return SpecError::none;
}

VersionPool& thread_pool() {
  thread_local VersionPool pool;
  return pool;
}

}  // namespace

core::Result<Range> parse_range(std::string_view spec) {
  Range range;
  std::string_view recommended;
  std::string_view culprit;
  switch (compile(spec, thread_pool(), range.set, &recommended, &culprit)) {
    case SpecError::none: break;
    case SpecError::unbounded: return core::fail("Unbounded range: " + std::string(spec));
    case SpecError::overlap: return core::fail("Ranges overlap: " + std::string(spec));
    case SpecError::multiple_sets:
      return core::fail("Only fully-qualified sets allowed in multiple set scenario: " + std::string(spec));
    case SpecError::single_version:
      return core::fail("Single version must be surrounded by []: " + std::string(culprit));
    case SpecError::defies_ordering: return core::fail("Range defies version ordering: " + std::string(culprit));
  }
  if (!recommended.empty()) range.recommended.emplace(recommended);
  return range;
}

bool parse_range_into(std::string_view spec, VersionSet& out) {
  return compile(spec, thread_pool(), out, nullptr, nullptr) == SpecError::none;
}

}  // namespace tracegate::resolvers::maven
