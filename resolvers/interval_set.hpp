// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tracegate::resolvers {

/// A set of versions as a union of disjoint intervals over one ecosystem's total order: the
/// algebra Composer, Maven and Gradle constraints compile into (PEP 440 has its own VersionSet,
/// whose pre-release and local-label rules do not fit a plain order). `Order` is a stateless
/// functor `int operator()(const Version&, const Version&)` returning <0, 0 or >0; versions that
/// compare equal (Maven's `1` and `1.0`) are the same point.
///
/// An interval between two different versions counts as non-empty: in these orders there is a
/// version between almost any two distinct ones (1.0 < 1.0-sp < 1.0.1), so is_empty() can only
/// err towards "non-empty" for a gap no real version fits in.
template <class Version, class Order>
class IntervalSet {
 public:
  /// A cut in the order. `before v` as a lower bound is `>=v`, as an upper bound `<v`;
  /// `after v` is `>v` / `<=v`.
  struct Bound {
    enum class Kind : std::uint8_t { negative_infinity, before, after, positive_infinity };
    Kind kind = Kind::negative_infinity;
    Version version{};
  };
  struct Interval {
    Bound lower;
    Bound upper;
  };

  static Bound minus_infinity() { return {Bound::Kind::negative_infinity, {}}; }
  static Bound plus_infinity() { return {Bound::Kind::positive_infinity, {}}; }
  static Bound before(Version v) { return {Bound::Kind::before, std::move(v)}; }
  static Bound after(Version v) { return {Bound::Kind::after, std::move(v)}; }

  static IntervalSet all() { return from_interval(minus_infinity(), plus_infinity()); }
  static IntervalSet none() { return {}; }
  static IntervalSet exactly(const Version& v) { return from_interval(before(v), after(v)); }
  static IntervalSet at_least(const Version& v) { return from_interval(before(v), plus_infinity()); }
  static IntervalSet greater_than(const Version& v) { return from_interval(after(v), plus_infinity()); }
  static IntervalSet at_most(const Version& v) { return from_interval(minus_infinity(), after(v)); }
  static IntervalSet less_than(const Version& v) { return from_interval(minus_infinity(), before(v)); }
  /// Everything except `v`.
  static IntervalSet except(const Version& v) { return exactly(v).complement(); }
  /// The versions between two cuts; empty when `lower` is not below `upper`.
  static IntervalSet from_interval(Bound lower, Bound upper) {
    IntervalSet set;
    if (compare_cuts(lower, upper) < 0) set.intervals_.push_back({std::move(lower), std::move(upper)});
    return set;
  }

  bool contains(const Version& v) const {
    // Binary search for the first interval whose upper cut lies above v.
    auto it = std::partition_point(intervals_.begin(), intervals_.end(),
                                   [&](const Interval& i) { return !cut_below_or_at(v, i.upper); });
    return it != intervals_.end() && cut_below(it->lower, v);
  }
  bool is_empty() const { return intervals_.empty(); }
  bool is_all() const {
    return intervals_.size() == 1 && intervals_[0].lower.kind == Bound::Kind::negative_infinity &&
           intervals_[0].upper.kind == Bound::Kind::positive_infinity;
  }
  const std::vector<Interval>& intervals() const { return intervals_; }

  IntervalSet intersect(const IntervalSet& other) const {
    IntervalSet out;
    std::size_t i = 0, j = 0;
    while (i < intervals_.size() && j < other.intervals_.size()) {
      const auto& a = intervals_[i];
      const auto& b = other.intervals_[j];
      const Bound& lower = compare_cuts(a.lower, b.lower) >= 0 ? a.lower : b.lower;
      const bool a_ends_first = compare_cuts(a.upper, b.upper) <= 0;
      const Bound& upper = a_ends_first ? a.upper : b.upper;
      if (compare_cuts(lower, upper) < 0) out.intervals_.push_back({lower, upper});
      if (a_ends_first) ++i; else ++j;
    }
    return out;
  }

  IntervalSet unite(const IntervalSet& other) const {
    std::vector<Interval> merged;
    merged.reserve(intervals_.size() + other.intervals_.size());
    std::merge(intervals_.begin(), intervals_.end(), other.intervals_.begin(), other.intervals_.end(),
               std::back_inserter(merged),
               [](const Interval& a, const Interval& b) { return compare_cuts(a.lower, b.lower) < 0; });
    IntervalSet out;
    for (auto& interval : merged) {
      // Touching intervals ([1,2) and [2,3)) join: the cuts are the same point of the order.
      if (!out.intervals_.empty() && compare_cuts(interval.lower, out.intervals_.back().upper) <= 0) {
        auto& last = out.intervals_.back();
        if (compare_cuts(interval.upper, last.upper) > 0) last.upper = std::move(interval.upper);
      } else {
        out.intervals_.push_back(std::move(interval));
      }
    }
    return out;
  }

  IntervalSet complement() const {
    IntervalSet out;
    Bound cursor = minus_infinity();
    for (const auto& interval : intervals_) {
      if (compare_cuts(cursor, interval.lower) < 0) out.intervals_.push_back({cursor, interval.lower});
      cursor = interval.upper;
    }
    if (compare_cuts(cursor, plus_infinity()) < 0) out.intervals_.push_back({cursor, plus_infinity()});
    return out;
  }

  IntervalSet minus(const IntervalSet& other) const { return intersect(other.complement()); }

  /// A short human form such as ">=1.0,<2.0 || ==3.0 || *"; `show` renders one version.
  template <class Show>
  std::string describe(Show show) const {
    if (intervals_.empty()) return "<none>";
    std::string text;
    for (const auto& i : intervals_) {
      if (!text.empty()) text += " || ";
      const bool from_bottom = i.lower.kind == Bound::Kind::negative_infinity;
      const bool to_top = i.upper.kind == Bound::Kind::positive_infinity;
      if (from_bottom && to_top) {
        text += "*";
      } else if (i.lower.kind == Bound::Kind::before && i.upper.kind == Bound::Kind::after &&
                 Order{}(i.lower.version, i.upper.version) == 0) {
        text += "==" + show(i.lower.version);
      } else {
        if (!from_bottom) text += (i.lower.kind == Bound::Kind::before ? ">=" : ">") + show(i.lower.version);
        if (!from_bottom && !to_top) text += ",";
        if (!to_top) text += (i.upper.kind == Bound::Kind::before ? "<" : "<=") + show(i.upper.version);
      }
    }
    return text;
  }

  /// The order of cuts: by version, and `before v` < `after v` for the same version.
  static int compare_cuts(const Bound& a, const Bound& b) {
    if (a.kind != b.kind) {
      if (a.kind == Bound::Kind::negative_infinity || b.kind == Bound::Kind::positive_infinity) return -1;
      if (a.kind == Bound::Kind::positive_infinity || b.kind == Bound::Kind::negative_infinity) return 1;
    } else if (a.kind == Bound::Kind::negative_infinity || a.kind == Bound::Kind::positive_infinity) {
      return 0;
    }
    const int order = Order{}(a.version, b.version);
    if (order != 0) return order < 0 ? -1 : 1;
    if (a.kind == b.kind) return 0;
    return a.kind == Bound::Kind::before ? -1 : 1;
  }

 private:
  /// Whether `v` lies above the cut.
  static bool cut_below(const Bound& cut, const Version& v) {
    switch (cut.kind) {
      case Bound::Kind::negative_infinity: return true;
      case Bound::Kind::positive_infinity: return false;
      case Bound::Kind::before: return Order{}(cut.version, v) <= 0;
      case Bound::Kind::after: return Order{}(cut.version, v) < 0;
    }
    return false;
  }
  /// Whether `v` lies below the cut.
  static bool cut_below_or_at(const Version& v, const Bound& cut) { return !cut_below(cut, v); }

  std::vector<Interval> intervals_;  ///< sorted, disjoint, non-empty, not touching
};

}  // namespace tracegate::resolvers
