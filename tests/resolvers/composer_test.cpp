// SPDX-License-Identifier: Apache-2.0
// Composer semantics: every fixtures/versions/composer-*.txt line (answers taken from
// composer/semver 3.3.2 on PHP 8.2), then properties on generated input with a fixed seed: the
// streamed order against PHP's version_compare, compiled sets against composer's own
// per-constraint matching, and the set algebra against membership.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "resolvers/composer.hpp"
#include "tests/resolvers/version_fixture.hpp"

namespace tracegate::resolvers::composer {
namespace {

using fixture::read_fixture;
using fixture::unquote;

/// A fixture line's tab-separated fields, unquoted.
std::vector<std::string> fields(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto tab = text.find('\t', start);
    out.push_back(unquote(std::string_view(text).substr(start, tab == std::string::npos ? tab : tab - start)));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

std::string normalized_or_invalid(std::string_view text) {
  const auto v = normalize(text);
  return v ? *v : "invalid";
}

TEST(ComposerNormalize, Fixture) {
  for (const auto& line : read_fixture("composer-normalize.txt")) {
    SCOPED_TRACE(line.where());
    const auto f = fields(line.text);
    ASSERT_EQ(f.size(), 2u);
    EXPECT_EQ(normalized_or_invalid(f[0]), f[1]);
  }
}

TEST(ComposerNormalize, ErrorNamesTheInput) {
  const auto v = normalize("foo");
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message.find("\"foo\""), std::string::npos);
}

TEST(ComposerVersionCompare, Fixture) {
  for (const auto& line : read_fixture("composer-version-compare.txt")) {
    SCOPED_TRACE(line.where());
    const auto f = fields(line.text);
    ASSERT_EQ(f.size(), 3u);
    // No reverse check: PHP's order is not antisymmetric around empty parts.
    EXPECT_EQ(std::to_string(php_version_compare(f[0], f[1])), f[2]);
  }
}

TEST(ComposerCompare, Fixture) {
  for (const auto& line : read_fixture("composer-compare.txt")) {
    SCOPED_TRACE(line.where());
    const auto f = fields(line.text);
    ASSERT_EQ(f.size(), 3u);
    const auto a = normalize(f[0]), b = normalize(f[1]);
    std::string answer = "invalid";
    if (a && b) {
      switch (compare(*a, *b)) {
        case Relation::less: answer = "-1"; break;
        case Relation::equal: answer = "0"; break;
        case Relation::greater: answer = "1"; break;
        case Relation::unrelated: answer = "none"; break;
      }
    }
    EXPECT_EQ(answer, f[2]);
  }
}

TEST(ComposerConstraint, ParsedForm) {
  for (const auto& line : read_fixture("composer-constraints.txt")) {
    SCOPED_TRACE(line.where());
    const auto f = fields(line.text);
    ASSERT_EQ(f.size(), 2u);
    const auto c = parse_constraint(f[0]);
    EXPECT_EQ(c ? to_string(*c) : "invalid", f[1]);
  }
}

TEST(ComposerSatisfies, Fixture) {
  for (const auto& line : read_fixture("composer-satisfies.txt")) {
    SCOPED_TRACE(line.where());
    const auto f = fields(line.text);
    ASSERT_EQ(f.size(), 3u);
    const auto answer = satisfies(f[0], f[1]);
    EXPECT_EQ(!answer ? "invalid" : *answer ? "true" : "false", f[2]);
  }
}

TEST(ComposerStability, ParseFixture) {
  for (const auto& line : read_fixture("composer-stability.txt")) {
    SCOPED_TRACE(line.where());
    const auto f = fields(line.text);
    ASSERT_EQ(f.size(), 2u);
    EXPECT_EQ(to_string(parse_stability(f[0])), f[1]);
  }
}

TEST(ComposerStability, FlagsFollowTheRootPackageLoader) {
  EXPECT_EQ(stability_flag("^1.0", Stability::stable), std::nullopt);
  EXPECT_EQ(stability_flag("^1.0@beta", Stability::stable), Stability::beta);
  EXPECT_EQ(stability_flag("^1.0@beta || ^2.0@dev", Stability::stable), Stability::dev);
  EXPECT_EQ(stability_flag("^1.0@stable", Stability::dev), Stability::stable);
  EXPECT_EQ(stability_flag("1.0.0-beta2", Stability::stable), Stability::beta);
  EXPECT_EQ(stability_flag("1.0.0-beta2", Stability::dev), std::nullopt);  // minimum already admits it
  EXPECT_EQ(stability_flag("dev-master", Stability::stable), Stability::dev);
  EXPECT_EQ(stability_flag("1.0.x-dev as 1.0.0", Stability::stable), Stability::dev);
  EXPECT_EQ(stability_flag(">=1.0 <2.0-beta", Stability::stable), Stability::beta);
  EXPECT_EQ(stability_flag("^1.0@beta dev-master", Stability::stable), Stability::beta);  // explicit flags win
}

TEST(ComposerStability, FilterIsSeparateFromSatisfies) {
  // "^1.0" contains 1.1.0-beta1, but minimum-stability stable keeps the solver away from it.
  EXPECT_TRUE(*satisfies("1.1.0-beta1", "^1.0"));
  EXPECT_FALSE(stability_allows("1.1.0.0-beta1", stability_flag("^1.0", Stability::stable), Stability::stable));
  EXPECT_TRUE(stability_allows("1.1.0.0-beta1", stability_flag("^1.0@beta", Stability::stable), Stability::stable));
  EXPECT_FALSE(stability_allows("1.1.0.0-alpha1", stability_flag("^1.0@beta", Stability::stable), Stability::stable));
  EXPECT_TRUE(stability_allows("1.1.0.0-RC1", std::nullopt, Stability::rc));
  EXPECT_TRUE(stability_allows("dev-master", std::nullopt, Stability::dev));
  EXPECT_FALSE(stability_allows("dev-master", std::nullopt, Stability::alpha));
  // An explicit @stable restricts even under minimum-stability dev.
  EXPECT_FALSE(stability_allows("1.1.0.0-beta1", stability_flag("^1.0@stable", Stability::dev), Stability::dev));
  EXPECT_TRUE(stability_allows("1.0.0.0-patch1", std::nullopt, Stability::stable));
  EXPECT_EQ(stability_from_name("rc"), Stability::rc);
  EXPECT_EQ(stability_from_name("nightly"), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// Generated input

/// Version texts as composer writes them, odd ones included.
std::string random_version_text(std::mt19937& rng) {
  const auto pick = [&](std::initializer_list<const char*> options) {
    return std::string(options.begin()[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng)]);
  };
  const auto number = [&] { return pick({"0", "1", "2", "3", "10", "01", "99999", "123456"}); };
  if (std::uniform_int_distribution<int>(0, 9)(rng) == 0) return "dev-" + pick({"master", "x", "feature/a"});
  std::string v = number();
  for (int i = std::uniform_int_distribution<int>(0, 3)(rng); i > 0; --i) v += "." + number();
  switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
    case 0: v += pick({"-beta", "-alpha1", "-RC2", "-patch1", "-b.2", "a3", "-stable", "-STABLE"}); break;
    case 1: v += pick({"-dev", ".x-dev", "-beta1-dev"}); break;
    default: break;
  }
  return v;
}

std::string random_constraint_text(std::mt19937& rng) {
  const auto pick = [&](std::initializer_list<const char*> options) {
    return std::string(options.begin()[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng)]);
  };
  std::string text;
  const int groups = std::uniform_int_distribution<int>(1, 3)(rng);
  for (int g = 0; g < groups; ++g) {
    if (g > 0) text += pick({" || ", "|"});
    const int parts = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int p = 0; p < parts; ++p) {
      if (p > 0) text += pick({" ", ","});
      switch (std::uniform_int_distribution<int>(0, 5)(rng)) {
        case 0: text += pick({"^", "~", ""}) + random_version_text(rng); break;
        case 1: text += pick({"*", "dev-master", "!=dev-x", "1.*", "0.*", "*@dev"}); break;
        case 2: text += random_version_text(rng) + " - " + random_version_text(rng); break;
        default: text += pick({">=", "<", "<=", ">", "!=", "==", "<>"}) + random_version_text(rng); break;
      }
      if (std::uniform_int_distribution<int>(0, 12)(rng) == 0) text += pick({"@beta", "@dev", "@RC"});
    }
  }
  return text;
}

/// Constraint::matchSpecific for a `==` provider, the way composer evaluates one constraint,
/// with PHP's version_compare: independent of the set compilation and the streamed order.
bool matches(const Atom& atom, const std::string& v) {
  if (atom.op == Op::any) return true;
  const bool a_branch = is_branch(v), b_branch = is_branch(atom.version);
  if (atom.op == Op::ne && (a_branch || b_branch)) return v != atom.version;
  if (a_branch && b_branch) return atom.op == Op::eq && v == atom.version;
  if (a_branch || b_branch) return false;
  const int c = php_version_compare(v, atom.version);
  switch (atom.op) {
    case Op::eq: return c == 0;
    case Op::ne: return c != 0;
    case Op::lt: return c < 0;
    case Op::le: return c <= 0;
    case Op::gt: return c > 0;
    case Op::ge: return c >= 0;
    case Op::any: break;
  }
  return true;
}

bool matches(const Constraint& constraint, const std::string& v) {
  std::size_t begin = 0;
  for (const auto end : constraint.group_ends) {
    bool all = true;
    for (std::size_t i = begin; i < end && all; ++i) all = matches(constraint.atoms[i], v);
    if (all) return true;
    begin = end;
  }
  return false;
}

/// Versions to probe a constraint with: random ones plus every bound it names.
std::vector<std::string> probes(const Constraint& constraint, std::mt19937& rng) {
  std::vector<std::string> out;
  for (const auto& atom : constraint.atoms) {
    if (atom.op != Op::any) out.push_back(atom.version);
  }
  for (int i = 0; i < 12; ++i) {
    if (const auto v = normalize(random_version_text(rng))) out.push_back(*v);
  }
  return out;
}

TEST(ComposerOrder, StreamedOrderIsVersionCompare) {
  std::mt19937 rng(20240);
  std::vector<std::string> versions;
  while (versions.size() < 400) {
    const auto v = normalize(random_version_text(rng));
    if (v && !is_branch(*v)) versions.push_back(*v);
  }
  // The bounds constraints build: -dev suffixes, raw flags and PHP floats.
  for (const char* extra : {"1.0.0.0-RC1-dev", "1.0.0.0-beta", "1.0.0.0-STABLE", "1.0E+20.0.0.0-dev",
                            "9.2233720368548E+18.0.0.0-dev", "9223372036854775807-dev", "0.0.0.0-dev"}) {
    versions.push_back(extra);
  }
  for (const auto& a : versions) {
    for (const auto& b : versions) {
      ASSERT_EQ(compare_versions(a, b), php_version_compare(a, b)) << a << " vs " << b;
    }
  }
}

TEST(ComposerSet, CompiledSetMatchesComposersEvaluation) {
  std::mt19937 rng(4242);
  int checked = 0;
  for (int i = 0; i < 4000; ++i) {
    const auto text = random_constraint_text(rng);
    const auto constraint = parse_constraint(text);
    if (!constraint) continue;
    const auto set = VersionSet::from_constraint(*constraint);
    for (const auto& v : probes(*constraint, rng)) {
      ASSERT_EQ(set.contains(v), matches(*constraint, v)) << text << " / " << v << " / " << to_string(set);
      ++checked;
    }
  }
  EXPECT_GT(checked, 20000);
}

TEST(ComposerSet, AlgebraMatchesMembership) {
  std::mt19937 rng(777);
  for (int i = 0; i < 1500; ++i) {
    const auto a = parse_constraint(random_constraint_text(rng));
    const auto b = parse_constraint(random_constraint_text(rng));
    if (!a || !b) continue;
    const auto sa = VersionSet::from_constraint(*a), sb = VersionSet::from_constraint(*b);
    const auto both = sa.intersect(sb), either = sa.unite(sb), not_a = sa.complement();
    auto versions = probes(*a, rng);
    const auto more = probes(*b, rng);
    versions.insert(versions.end(), more.begin(), more.end());
    for (const auto& v : versions) {
      SCOPED_TRACE(to_string(sa) + " / " + to_string(sb) + " / " + v);
      EXPECT_EQ(both.contains(v), sa.contains(v) && sb.contains(v));
      EXPECT_EQ(either.contains(v), sa.contains(v) || sb.contains(v));
      EXPECT_EQ(not_a.contains(v), !sa.contains(v));
    }
    if (both.is_empty()) {
      for (const auto& v : versions) EXPECT_FALSE(sa.contains(v) && sb.contains(v)) << v;
    }
  }
}

VersionSet set_of(std::string_view text) { return VersionSet::from_constraint(*parse_constraint(text)); }

TEST(ComposerSet, Describe) {
  EXPECT_EQ(to_string(set_of("^1.2")), ">=1.2.0.0-dev,<2.0.0.0-dev");
  EXPECT_EQ(to_string(set_of("^1.2 || ^3.0")), ">=1.2.0.0-dev,<2.0.0.0-dev || >=3.0.0.0-dev,<4.0.0.0-dev");
  EXPECT_EQ(to_string(set_of("1.0")), "==1.0.0.0");
  EXPECT_EQ(to_string(set_of("*")), "* || every branch");
  EXPECT_EQ(to_string(set_of("*.*")), ">=0.0.0.0-dev");
  EXPECT_EQ(to_string(set_of("!=dev-x")), "* || every branch except dev-x");
  EXPECT_EQ(to_string(set_of("dev-master || dev-main")), "dev-main || dev-master");
  EXPECT_EQ(to_string(set_of(">=2 <1")), "<none>");
}

TEST(ComposerSet, ConflictsAreEmptyIntersections) {
  EXPECT_TRUE(set_of("^1.0").intersect(set_of("^2.0")).is_empty());
  EXPECT_FALSE(set_of("^1.0").intersect(set_of(">=1.5 <3")).is_empty());
  EXPECT_TRUE(set_of("dev-master").intersect(set_of(">=1.0")).is_empty());
  EXPECT_FALSE(set_of("dev-master").intersect(set_of("!=1.0")).is_empty());
  EXPECT_TRUE(set_of("dev-master").intersect(set_of("!=dev-master")).is_empty());
  EXPECT_TRUE(VersionSet::all().complement().is_empty());
  EXPECT_TRUE(set_of("*").complement().is_empty());
  // "*.*" leaves the branches out, so its complement holds them.
  EXPECT_TRUE(set_of("*.*").complement().contains("dev-master"));
}

}  // namespace
}  // namespace tracegate::resolvers::composer
