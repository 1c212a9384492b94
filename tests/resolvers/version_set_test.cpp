// SPDX-License-Identifier: Apache-2.0
// VersionSet: exact agreement with pep440::contains (packaging 23.0) for specifier sets, and the
// set algebra (intersection, union, complement, emptiness) checked as properties over generated
// sets and versions with a fixed seed, plus the examples from the issue.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "resolvers/pep440.hpp"
#include "resolvers/version_set.hpp"
#include "tests/resolvers/version_fixture.hpp"

namespace tracegate::resolvers {
namespace {

using pep440::Version;

Version V(std::string_view text) {
  auto v = pep440::parse_version(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v ? *v : Version{};
}

pep440::SpecifierSet S(std::string_view text) {
  auto s = pep440::parse_specifier_set(text);
  EXPECT_TRUE(s.has_value()) << text;
  return s ? *s : pep440::SpecifierSet{};
}

VersionSet VS(std::string_view text) {
  auto s = VersionSet::from_specifiers(S(text));
  EXPECT_TRUE(s.has_value()) << text << ": " << (s ? "" : s.error().message);
  return s ? *s : VersionSet::none();
}

// ---------------------------------------------------------------------------------------------
// Generators (fixed seed).

class Gen {
 public:
  explicit Gen(std::uint32_t seed) : rng_(seed) {}

  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
  }

  std::string number() { return pick(std::vector<std::string>{"0", "0", "1", "1", "2", "3", "10"}); }

  std::string release(int max_parts = 4) {
    std::string out = number();
    const int parts = 1 + below(max_parts);
    for (int i = 1; i < parts; ++i) out += "." + number();
    return out;
  }

  std::string epoch() { return chance(12) ? pick(std::vector<std::string>{"1!", "2!", "0!"}) : ""; }

  std::string suffixes(bool allow_local) {
    std::string out;
    if (chance(30)) out += pick(std::vector<std::string>{"a", "b", "rc"}) + pick(std::vector<std::string>{"0", "1", "2"});
    if (chance(25)) out += ".post" + pick(std::vector<std::string>{"0", "1", "2"});
    if (chance(25)) out += ".dev" + pick(std::vector<std::string>{"0", "1", "2"});
    if (allow_local && chance(20)) out += "+" + pick(std::vector<std::string>{"abc", "1", "a.1", "0a", "z"});
    return out;
  }

  std::string version() { return epoch() + release() + suffixes(true); }

  /// A version near `v`: same release with other suffixes, extra zeros, or a neighbour release.
  std::string near(const Version& v) {
    std::string e = v.epoch == "0" ? (chance(10) ? "1!" : "") : v.epoch + "!";
    std::string r;
    for (std::size_t i = 0; i < v.release.size(); ++i) r += (i ? "." : "") + v.release[i];
    switch (below(5)) {
      case 0: r += ".0"; break;
      case 1: r += "." + number(); break;
      case 2: {
        const auto dot = r.rfind('.');
        if (dot != std::string::npos && chance(50)) r.erase(dot);
        break;
      }
      default: break;
    }
    return e + r + suffixes(true);
  }

  std::string clause() {
    static const std::vector<std::string> ops{"==", "!=", "<=", ">=", "<", ">", "~=", "===", "==*", "!=*"};
    const std::string op = pick(ops);
    if (op == "==*" || op == "!=*") return op.substr(0, 2) + epoch() + release(3) + ".*";
    if (op == "~=") return op + epoch() + release(3) + ".0" + suffixes(false);
    if (op == "===") return op + (chance(50) ? release(2) : version());
    return op + epoch() + release() + suffixes(op == "==" || op == "!=");
  }

  std::string specifier_set() {
    std::string out;
    const int n = below(4);
    for (int i = 0; i < n; ++i) out += (i ? "," : "") + clause();
    return out;
  }

 private:
  std::mt19937 rng_;
};

/// The versions named by a specifier set's clauses, for probing near its bounds.
std::vector<Version> named_versions(const pep440::SpecifierSet& set) {
  std::vector<Version> out;
  for (const auto& s : set.specifiers) {
    if (s.version) out.push_back(*s.version);
  }
  return out;
}

std::vector<Version> probes(Gen& gen, const std::vector<Version>& anchors, int random_count) {
  std::vector<Version> out;
  for (int i = 0; i < random_count; ++i) {
    if (auto v = pep440::parse_version(gen.version())) out.push_back(*v);
  }
  for (const Version& a : anchors) {
    out.push_back(a);
    for (int i = 0; i < 12; ++i) {
      if (auto v = pep440::parse_version(gen.near(a))) out.push_back(*v);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

TEST(VersionSet, IssueExamples) {
  // 1.5a1 is in >=1.0a1 but not in <2; packaging's SpecifierSet(">=1.0a1,<2") contains it.
  const VersionSet at_least = VS(">=1.0a1");
  const VersionSet below_two = VS("<2");
  EXPECT_TRUE(at_least.contains(V("1.5a1")));
  EXPECT_FALSE(below_two.contains(V("1.5a1")));
  EXPECT_FALSE(at_least.intersect(below_two).contains(V("1.5a1")));
  EXPECT_TRUE(at_least.intersect(below_two).contains(V("1.5")));
  EXPECT_TRUE(VS(">=1.0a1,<2").contains(V("1.5a1")));

  const VersionSet a = VS(">=0.5,<0.6");
  const VersionSet b = VS("==0.4.0");
  EXPECT_TRUE(a.intersect(b).is_empty());
  EXPECT_EQ(explain_disjoint(a, ">=0.5,<0.6", b, "==0.4.0"), "no version is both >=0.5,<0.6 and ==0.4.0");
  EXPECT_EQ(explain_disjoint(a, ">=0.5,<0.6", VS("==0.5.3"), "==0.5.3"), "");
  EXPECT_EQ(a.to_string(), ">=0.5,<0.6");
  EXPECT_EQ(a.unite(VS("==0.8")).to_string(), ">=0.5,<0.6 || ==0.8");
}

TEST(VersionSet, LocalAndPostRules) {
  EXPECT_TRUE(VS("==1.0").contains(V("1.0+abc")));
  EXPECT_FALSE(VS("==1.0+abc").contains(V("1.0")));
  EXPECT_TRUE(VS("==1.0+abc").contains(V("1.0.0+ABC")));
  EXPECT_TRUE(VS("<=1.0").contains(V("1.0+local")));
  EXPECT_FALSE(VS("<1.0").contains(V("1.0+local")));
  EXPECT_FALSE(VS("<1.0").contains(V("1.0rc1")));
  EXPECT_TRUE(VS("<1.0rc2,>=0a0").contains(V("1.0rc1")));
  EXPECT_FALSE(VS(">1.0").contains(V("1.0.post1")));
  EXPECT_FALSE(VS(">1.0").contains(V("1.0+local")));
  EXPECT_TRUE(VS(">1.0").contains(V("1.0.0.1")));
  EXPECT_TRUE(VS(">1.0.post1").contains(V("1.0.post2")));
  EXPECT_FALSE(VS(">1.0.post1").contains(V("1.0.post2+local")));
  EXPECT_TRUE(VS("<1.0.post1").contains(V("1.0")));
  EXPECT_FALSE(VS("<1.0.post1").contains(V("1.0.post0.dev1")));
  EXPECT_TRUE(VS("!=1.0").contains(V("1.0.post1")));
  EXPECT_FALSE(VS("!=1.0").contains(V("1.0+x")));
  EXPECT_TRUE(VS("==1.*").contains(V("1.9.9")));
  EXPECT_FALSE(VS("==1.*").contains(V("2.0")));
  EXPECT_TRUE(VS("~=2.2").contains(V("2.9")));
  EXPECT_FALSE(VS("~=2.2").contains(V("3.0")));
  EXPECT_TRUE(VS("===1.0").contains(V("1.0")));
  EXPECT_FALSE(VS("===1.0").contains(V("1.0.0")));
  EXPECT_FALSE(VS("===1.0").is_empty());
  EXPECT_TRUE(VS("===1.0,>=2").is_empty());
  EXPECT_TRUE(VS("===1.0-1").is_empty());  // str(Version("1.0-1")) is "1.0.post1"
  EXPECT_TRUE(VS(">1.0,<1.0.post5").is_empty());
  EXPECT_FALSE(VS(">1.0.post1,<1.0.post5").is_empty());
}

TEST(VersionSet, EpochWildcardQuirks) {
  // packaging 23.0 glues a non-zero epoch to the first release item of `==X.*`.
  EXPECT_FALSE(VS("==1!1.0.*").contains(V("1!1.0")));
  EXPECT_TRUE(VS("==1!1.0.*").contains(V("1!1.0.5")));
  EXPECT_TRUE(VS("==0.*").contains(V("1!5.3")));
  EXPECT_FALSE(VS("==1!1.*,>=0a0").contains(V("1!1a1")));
  EXPECT_TRUE(VS("==1!1.*,>=0a0").contains(V("1!1.1a1")));
  EXPECT_FALSE(VS("~=1!1.0.0").contains(V("1!1.0")));
}

TEST(VersionSet, AllNoneAndEmptiness) {
  EXPECT_TRUE(VersionSet::none().is_empty());
  EXPECT_FALSE(VersionSet::all().is_empty());
  EXPECT_TRUE(VersionSet::all().contains(V("1.0a1+x")));
  EXPECT_EQ(VersionSet::none().to_string(), "<none>");
  EXPECT_TRUE(VS("<1.0").intersect(VS(">=1.0")).is_empty());
  EXPECT_TRUE(VS("<1.0").intersect(VS("==1.0.*")).is_empty());
  EXPECT_TRUE(VS("<1.0").unite(VS(">=1.0")).contains(V("1.0")));
  EXPECT_TRUE(VS(">=1.0").complement().intersect(VS(">=1.0")).is_empty());
  EXPECT_TRUE(VS("==1.0.0").intersect(VS("==1.0")).contains(V("1.0")));
  // Only pre-releases of 1.0 lie between these, and the set admits none.
  EXPECT_TRUE(VS(">=1.0.dev0,<1.0").is_empty());
  EXPECT_FALSE(VS(">=1.0.dev0,<1.0a1").is_empty());
}

/// Every (version, set) pair of fixtures/versions/pep440-contains.txt, crossed.
TEST(VersionSet, AgreesWithPep440ContainsOnFixtureCrossProduct) {
  const auto lines = fixture::read_fixture("pep440-contains.txt");
  std::vector<Version> versions;
  std::vector<std::pair<std::string, pep440::SpecifierSet>> sets;
  for (const auto& line : lines) {
    const auto sep = line.text.find(" not in ") != std::string::npos ? line.text.find(" not in ") : line.text.find(" in ");
    if (sep == std::string::npos || line.text.find(" -> ") != std::string::npos) continue;
    // Non-ASCII spellings (U+017F in "post") keep packaging quirks the algebra does not model.
    if (std::any_of(line.text.begin(), line.text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }) ||
        line.text.find("\\u") != std::string::npos) {
      continue;
    }
    if (auto v = pep440::parse_version(fixture::unquote(line.text.substr(0, sep)))) versions.push_back(*v);
    std::string rest = line.text.substr(line.text.find(" in ", sep) + 4);
    for (std::string_view tail : {" with prereleases", " without prereleases"}) {
      if (rest.ends_with(tail)) rest.erase(rest.size() - tail.size());
    }
    const std::string text = fixture::unquote(rest);
    if (auto s = pep440::parse_specifier_set(text)) sets.emplace_back(text, *s);
  }
  ASSERT_GT(versions.size(), 20u);
  ASSERT_GT(sets.size(), 20u);
  int checked = 0;
  for (const auto& [text, set] : sets) {
    auto vs = VersionSet::from_specifiers(set);
    ASSERT_TRUE(vs.has_value()) << text;
    for (const Version& v : versions) {
      ASSERT_EQ(vs->contains(v), pep440::contains(set, v)) << "set " << text << " version " << pep440::to_string(v)
                                                          << " vset " << vs->to_string();
      ++checked;
    }
  }
  RecordProperty("pairs", checked);
}

struct Sample {
  std::string text;
  pep440::SpecifierSet set;
  VersionSet vset;
};

std::vector<Sample> generate_sets(Gen& gen, int count) {
  std::vector<Sample> out;
  while (static_cast<int>(out.size()) < count) {
    const std::string text = gen.specifier_set();
    auto set = pep440::parse_specifier_set(text);
    if (!set) continue;
    bool arbitrary_non_version = false;
    for (const auto& s : set->specifiers) arbitrary_non_version |= !s.version.has_value();
    if (arbitrary_non_version) continue;
    auto vs = VersionSet::from_specifiers(*set);
    EXPECT_TRUE(vs.has_value()) << text;
    if (!vs) continue;
    out.push_back({text, *set, *vs});
  }
  return out;
}

TEST(VersionSetProperty, FromSpecifiersMatchesPep440Contains) {
  Gen gen(20240611);
  const std::vector<Sample> samples = generate_sets(gen, 3000);
  long checked = 0;
  for (const Sample& s : samples) {
    for (const Version& v : probes(gen, named_versions(s.set), 20)) {
      ASSERT_EQ(s.vset.contains(v), pep440::contains(s.set, v))
          << "set '" << s.text << "' version " << pep440::to_string(v) << " vset " << s.vset.to_string();
      ++checked;
    }
  }
  EXPECT_GT(checked, 100000);
  RecordProperty("checks", static_cast<int>(checked));
  std::printf("from_specifiers vs pep440::contains: %zu sets, %ld checks\n", samples.size(), checked);
}

TEST(VersionSetProperty, IntersectionUnionComplementAreSetOperations) {
  Gen gen(7);
  const std::vector<Sample> samples = generate_sets(gen, 2400);
  long checked = 0;
  int empty_intersections = 0;
  for (std::size_t i = 0; i + 1 < samples.size(); i += 2) {
    const Sample& a = samples[i];
    const Sample& b = samples[i + 1];
    const VersionSet both = a.vset.intersect(b.vset);
    const VersionSet either = a.vset.unite(b.vset);
    const VersionSet not_a = a.vset.complement();
    const VersionSet not_not_a = not_a.complement();
    std::vector<Version> anchors = named_versions(a.set);
    for (const Version& v : named_versions(b.set)) anchors.push_back(v);
    if (both.is_empty()) ++empty_intersections;
    for (const Version& v : probes(gen, anchors, 30)) {
      const bool in_a = a.vset.contains(v);
      const bool in_b = b.vset.contains(v);
      SCOPED_TRACE("A='" + a.text + "' B='" + b.text + "' v=" + pep440::to_string(v));
      ASSERT_EQ(both.contains(v), in_a && in_b) << both.to_string();
      ASSERT_EQ(either.contains(v), in_a || in_b) << either.to_string();
      if (a.vset.literals().empty()) {
        ASSERT_EQ(not_a.contains(v), !in_a) << not_a.to_string();
        ASSERT_EQ(not_not_a.contains(v), in_a) << not_not_a.to_string();
      }
      if (both.is_empty()) {
        ASSERT_FALSE(in_a && in_b);
      }
      ++checked;
    }
    // Algebraic identities that do not depend on sampling.
    ASSERT_EQ(both.is_empty(), b.vset.intersect(a.vset).is_empty());
    ASSERT_EQ(either.is_empty(), a.vset.is_empty() && b.vset.is_empty());
    ASSERT_EQ(a.vset.intersect(a.vset).intervals().size(), a.vset.intervals().size());
    if (a.vset.literals().empty()) {
      ASSERT_TRUE(a.vset.intersect(not_a).is_empty()) << a.text;
      ASSERT_TRUE(not_not_a.intersect(not_a).is_empty()) << a.text;
      ASSERT_FALSE(a.vset.unite(not_a).complement().intersect(VersionSet::all()).contains(V("1.0"))) << a.text;
    }
  }
  EXPECT_GT(checked, 50000);
  EXPECT_GT(empty_intersections, 10);
  RecordProperty("checks", static_cast<int>(checked));
  std::printf("set algebra: %zu pairs, %ld checks, %d empty intersections\n", samples.size() / 2, checked,
              empty_intersections);
}

/// A non-empty set has a member: every interval's kinds are ones present between its bounds, so
/// some version near a bound is a member. Probe near the bounds until one is found.
TEST(VersionSetProperty, NonEmptySetsHaveAProbedMember) {
  Gen gen(99);
  const std::vector<Sample> samples = generate_sets(gen, 1500);
  int nonempty = 0;
  int found = 0;
  for (std::size_t i = 0; i + 1 < samples.size(); i += 2) {
    const VersionSet s = samples[i].vset.intersect(samples[i + 1].vset);
    if (s.is_empty()) continue;
    ++nonempty;
    std::vector<Version> anchors = named_versions(samples[i].set);
    for (const Version& v : named_versions(samples[i + 1].set)) anchors.push_back(v);
    for (const auto& in : s.intervals()) {
      if (in.lower.kind == VersionSet::Bound::Kind::before || in.lower.kind == VersionSet::Bound::Kind::after) {
        anchors.push_back(in.lower.version);
      }
    }
    bool hit = false;
    for (int round = 0; round < 4 && !hit; ++round) {
      for (const Version& v : probes(gen, anchors, 40)) {
        if (s.contains(v)) {
          hit = true;
          break;
        }
      }
    }
    if (hit) ++found;
  }
  // Probing is not a proof; most non-empty sets must still show a member.
  EXPECT_GT(nonempty, 50);
  EXPECT_GE(found * 100, nonempty * 95) << found << " of " << nonempty;
}

}  // namespace
}  // namespace tracegate::resolvers
