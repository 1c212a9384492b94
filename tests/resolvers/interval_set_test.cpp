// SPDX-License-Identifier: Apache-2.0
// IntervalSet over a plain integer order: the set algebra checked as properties against
// point-wise membership on generated sets (fixed seed), plus the bound and describe() forms.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "resolvers/interval_set.hpp"

namespace tracegate::resolvers {
namespace {

struct IntOrder {
  int operator()(int a, int b) const { return a < b ? -1 : a > b ? 1 : 0; }
};
using Set = IntervalSet<int, IntOrder>;

// Sets are built on even numbers; odd numbers probe the gaps between them.
constexpr int kLow = -2;
constexpr int kHigh = 22;

Set random_set(std::mt19937& rng) {
  Set set = Set::none();
  const int pieces = std::uniform_int_distribution<int>(0, 3)(rng);
  for (int i = 0; i < pieces; ++i) {
    auto point = [&] { return 2 * std::uniform_int_distribution<int>(0, 10)(rng); };
    Set piece;
    switch (std::uniform_int_distribution<int>(0, 6)(rng)) {
      case 0: piece = Set::exactly(point()); break;
      case 1: piece = Set::at_least(point()); break;
      case 2: piece = Set::greater_than(point()); break;
      case 3: piece = Set::at_most(point()); break;
      case 4: piece = Set::less_than(point()); break;
      case 5: piece = Set::except(point()); break;
      default: {
        const int a = point(), b = point();
        piece = Set::from_interval(Set::before(std::min(a, b)), Set::after(std::max(a, b)));
      }
    }
    piece = std::uniform_int_distribution<int>(0, 1)(rng) ? set.unite(piece) : set.intersect(piece);
    set = piece;
  }
  return set;
}

bool well_formed(const Set& set) {
  const auto& intervals = set.intervals();
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    if (Set::compare_cuts(intervals[i].lower, intervals[i].upper) >= 0) return false;
    if (i > 0 && Set::compare_cuts(intervals[i - 1].upper, intervals[i].lower) >= 0) return false;
  }
  return true;
}

TEST(IntervalSet, BoundsMeanWhatTheirNamesSay) {
  EXPECT_TRUE(Set::at_least(4).contains(4));
  EXPECT_FALSE(Set::greater_than(4).contains(4));
  EXPECT_TRUE(Set::greater_than(4).contains(5));
  EXPECT_TRUE(Set::at_most(4).contains(4));
  EXPECT_FALSE(Set::less_than(4).contains(4));
  EXPECT_TRUE(Set::exactly(4).contains(4));
  EXPECT_FALSE(Set::exactly(4).contains(3));
  EXPECT_FALSE(Set::except(4).contains(4));
  EXPECT_TRUE(Set::except(4).contains(5));
  EXPECT_TRUE(Set::all().is_all());
  EXPECT_TRUE(Set::none().is_empty());
  EXPECT_TRUE(Set::from_interval(Set::after(4), Set::before(4)).is_empty());
  EXPECT_TRUE(Set::from_interval(Set::before(4), Set::before(4)).is_empty());
}

TEST(IntervalSet, TouchingIntervalsJoin) {
  const auto joined = Set::less_than(4).unite(Set::at_least(4));
  EXPECT_TRUE(joined.is_all());
  const auto split = Set::less_than(4).unite(Set::greater_than(4));
  EXPECT_EQ(split.intervals().size(), 2u);
  EXPECT_EQ(split.describe([](int v) { return std::to_string(v); }), "<4 || >4");
}

TEST(IntervalSet, DescribeForms) {
  auto show = [](int v) { return std::to_string(v); };
  EXPECT_EQ(Set::none().describe(show), "<none>");
  EXPECT_EQ(Set::all().describe(show), "*");
  EXPECT_EQ(Set::exactly(3).describe(show), "==3");
  EXPECT_EQ(Set::at_least(2).intersect(Set::less_than(6)).unite(Set::exactly(8)).describe(show), ">=2,<6 || ==8");
  EXPECT_EQ(Set::greater_than(2).intersect(Set::at_most(6)).describe(show), ">2,<=6");
}

TEST(IntervalSet, AlgebraAgreesWithMembershipOnGeneratedSets) {
  std::mt19937 rng(20261125);
  for (int round = 0; round < 3000; ++round) {
    const Set a = random_set(rng);
    const Set b = random_set(rng);
    const Set both = a.intersect(b), either = a.unite(b), not_a = a.complement(), a_not_b = a.minus(b);
    ASSERT_TRUE(well_formed(a) && well_formed(both) && well_formed(either) && well_formed(not_a));
    bool any = false;
    for (int v = kLow; v <= kHigh; ++v) {
      const bool in_a = a.contains(v), in_b = b.contains(v);
      any = any || in_a;
      ASSERT_EQ(both.contains(v), in_a && in_b) << round << " v=" << v;
      ASSERT_EQ(either.contains(v), in_a || in_b) << round << " v=" << v;
      ASSERT_EQ(not_a.contains(v), !in_a) << round << " v=" << v;
      ASSERT_EQ(a_not_b.contains(v), in_a && !in_b) << round << " v=" << v;
    }
    // Every interval of these sets spans at least one probe, so emptiness is exact here.
    ASSERT_EQ(a.is_empty(), !any) << round;
    ASSERT_TRUE(not_a.complement().intervals().size() == a.intervals().size());
  }
}

}  // namespace
}  // namespace tracegate::resolvers
