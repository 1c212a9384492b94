// SPDX-License-Identifier: Apache-2.0
// Gradle version semantics: the fixtures fixtures/versions/gradle-{order,selectors}.txt (each line
// cites its source), then properties on generated versions and selectors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "resolvers/gradle.hpp"
#include "tests/resolvers/version_fixture.hpp"

namespace gradle = tracegate::resolvers::gradle;

namespace {

// ----- fixtures ------------------------------------------------------------------------------

struct FixtureLine {
  std::string where;
  std::vector<std::string> fields;
};

/// Blank-separated fields; a double-quoted field may hold blanks and \" \\ \t \uXXXX; a `#`
/// outside quotes starts the citation.
std::vector<std::string> split_line(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i == line.size() || line[i] == '#') break;
    std::string field;
    if (line[i] == '"') {
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] != '\\' || i + 1 == line.size()) {
          field.push_back(line[i]);
          continue;
        }
        const char e = line[++i];
        if (e == 't') {
          field.push_back('\t');
        } else if (e == 'u' && i + 4 < line.size()) {
          tracegate::resolvers::fixture::append_utf8(field, static_cast<std::uint32_t>(std::stoul(std::string(line.substr(i + 1, 4)), nullptr, 16)));
          i += 4;
        } else {
          field.push_back(e);
        }
      }
      ++i;  // closing quote
    } else {
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') field.push_back(line[i++]);
    }
    fields.push_back(std::move(field));
  }
  return fields;
}

std::vector<FixtureLine> read_fixture(const std::string& name) {
  const std::string path = std::string(TRACEGATE_FIXTURES_DIR) + "/versions/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::vector<FixtureLine> lines;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto fields = split_line(line);
    if (fields.empty()) continue;
    lines.push_back({path + ":" + std::to_string(number) + ": " + line, std::move(fields)});
  }
  return lines;
}

int sign(int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

TEST(GradleFixtures, Order) {
  const auto lines = read_fixture("gradle-order.txt");
  EXPECT_GT(lines.size(), 100u);
  for (const auto& line : lines) {
    SCOPED_TRACE(line.where);
    const auto& f = line.fields;
    if (f[0] == "cmp" && f.size() == 4) {
      const auto a = gradle::parse_version(f[1]);
      const auto b = gradle::parse_version(f[2]);
      const int expected = std::stoi(f[3]);
      EXPECT_EQ(gradle::compare(a, b), expected);
      EXPECT_EQ(gradle::compare(b, a), -expected);
    } else if (f[0] == "norm" && f.size() == 3) {
      std::string out;
      const bool ok = gradle::normalize_into(gradle::parse_version(f[1]), out);
      EXPECT_EQ(ok ? out : "invalid", f[2]);
      if (ok) {
        EXPECT_EQ(gradle::compare(gradle::parse_version(out), gradle::parse_version(f[1])), 0);
      }
    } else {
      ADD_FAILURE() << "unknown fixture line";
    }
  }
}

TEST(GradleFixtures, Selectors) {
  const auto lines = read_fixture("gradle-selectors.txt");
  EXPECT_GT(lines.size(), 150u);
  for (const auto& line : lines) {
    SCOPED_TRACE(line.where);
    const auto& f = line.fields;
    ASSERT_EQ(f.size(), 4u);
    ASSERT_EQ(f[0], "in");
    const auto constraint = gradle::parse_constraint(f[2]);
    if (f[3] == "invalid") {
      EXPECT_FALSE(constraint.has_value());
      continue;
    }
    ASSERT_TRUE(constraint.has_value()) << constraint.error().message;
    const auto version = gradle::parse_version(f[1]);
    const bool expected = f[3] == "true";
    EXPECT_EQ(gradle::contains(*constraint, version), expected) << "direct";
    const auto set = gradle::compile(*constraint);
    EXPECT_EQ(set.contains(version), expected) << "compiled: " << set.describe();
  }
}

// ----- generated versions --------------------------------------------------------------------

// One spelling per special word: two spellings of one word (RC, rc) make Gradle's comparison
// intransitive (see CaseVariantsOfASpecialWordAreNotTransitive).
const std::vector<std::string> kNumbers = {"0",  "1",   "2",   "3", "10", "01", "007", "9223372036854775807",
                                           "9223372036854775808", "99999999999999999999", "0000000000000000000000"};
const std::vector<std::string> kWords = {"a",  "b",    "A",        "alpha", "Alpha", "beta", "zeta",
                                         "dev", "rc",  "SNAPSHOT", "Final", "ga",    "RELEASE", "sp",
                                         "x y", "é",   "😀",       "\xEE\x80\x80", "!"};
const std::vector<char> kSeparators = {'.', '-', '_', '+'};

std::string random_version(std::mt19937& rng) {
  std::uniform_int_distribution<int> parts(1, 5), coin(0, 9);
  const int n = parts(rng);
  std::string text;
  bool last_digit = false, has_last = false;
  for (int i = 0; i < n; ++i) {
    const bool digits = coin(rng) < 6;
    const auto& pool = digits ? kNumbers : kWords;
    const auto& part = pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng)];
    // Same-kind neighbours need a separator (they would merge); others may go without one.
    if (has_last && (digits == last_digit || coin(rng) < 7)) text.push_back(kSeparators[coin(rng) % 4]);
    if (coin(rng) == 0) text.push_back('.');  // now and then an empty part
    text += part;
    last_digit = digits;
    has_last = true;
  }
  if (coin(rng) == 0) text += "-SNAPSHOT";
  return text;
}

std::vector<std::string> random_versions(std::mt19937& rng, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(random_version(rng));
  return out;
}

/// Non-empty prefixes of the generated versions: the prefixes `P+` selects by.
std::vector<std::string> prefixes_of(const std::vector<std::string>& versions, std::mt19937& rng, std::size_t count) {
  std::vector<std::string> out;
  while (out.size() < count) {
    const auto& v = versions[std::uniform_int_distribution<std::size_t>(0, versions.size() - 1)(rng)];
    const auto len = std::uniform_int_distribution<std::size_t>(1, v.size())(rng);
    auto prefix = v.substr(0, len);
    // Do not cut a UTF-8 sequence.
    while (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0xC0) == 0x80) prefix.pop_back();
    if (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0x80) != 0) prefix.pop_back();
    if (!prefix.empty()) out.push_back(prefix);
  }
  return out;
}

TEST(GradleOrder, TotalPreorderOnGeneratedVersions) {
  std::mt19937 rng(20240611);
  const auto texts = random_versions(rng, 150);
  std::vector<gradle::Version> versions;
  for (const auto& t : texts) versions.push_back(gradle::parse_version(t));
  // Infima of prefixes take part in the same order (they are interval bounds).
  for (const auto& p : prefixes_of(texts, rng, 50)) versions.push_back(gradle::prefix_infimum(p));

  const auto n = versions.size();
  std::vector<int> c(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) c[i * n + j] = gradle::compare(versions[i], versions[j]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(c[i * n + i], 0) << versions[i].text;
    for (std::size_t j = 0; j < n; ++j) {
      ASSERT_EQ(sign(c[i * n + j]), -sign(c[j * n + i])) << versions[i].text << " vs " << versions[j].text;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (c[i * n + j] > 0) continue;  // i <= j
      for (std::size_t k = 0; k < n; ++k) {
        if (c[j * n + k] > 0) continue;  // j <= k
        ASSERT_LE(c[i * n + k], 0) << versions[i].text << " <= " << versions[j].text << " <= " << versions[k].text;
        if (c[i * n + j] < 0 || c[j * n + k] < 0) {
          ASSERT_LT(c[i * n + k], 0) << versions[i].text << " ; " << versions[j].text << " ; " << versions[k].text;
        }
      }
    }
  }
}

TEST(GradleOrder, CaseVariantsOfASpecialWordAreNotTransitive) {
  // StaticVersionComparator returns sm1 - sm2 as soon as two different spellings of one special
  // word meet: RC == rc decides the whole comparison.
  const auto a = gradle::parse_version("1.rc.1");
  const auto b = gradle::parse_version("1.RC.5");
  const auto c = gradle::parse_version("1.rc.9");
  EXPECT_EQ(gradle::compare(a, b), 0);
  EXPECT_EQ(gradle::compare(b, c), 0);
  EXPECT_LT(gradle::compare(a, c), 0);
}

TEST(GradleOrder, NormalizedFormIsStableAndEqual) {
  std::mt19937 rng(7);
  for (const auto& text : random_versions(rng, 2000)) {
    SCOPED_TRACE(text);
    const auto version = gradle::parse_version(text);
    std::string once, twice;
    ASSERT_TRUE(gradle::normalize_into(version, once));
    ASSERT_TRUE(gradle::normalize_into(gradle::parse_version(once), twice));
    EXPECT_EQ(once, twice);
    EXPECT_EQ(gradle::compare(gradle::parse_version(once), version), 0);
  }
  std::string out;
  EXPECT_FALSE(gradle::normalize_into(gradle::parse_version(""), out));
  EXPECT_TRUE(out.empty());
}

TEST(GradleOrder, PrefixInfimumIsBelowEveryVersionWithThePrefix) {
  std::mt19937 rng(99);
  const auto texts = random_versions(rng, 300);
  const auto prefixes = prefixes_of(texts, rng, 300);
  for (const auto& p : prefixes) {
    const auto infimum = gradle::prefix_infimum(p);
    for (int k = 0; k < 20; ++k) {
      // Members: the prefix itself, extended by digits, letters, separators and generated tails.
      const std::string member = p + (k % 4 == 0 ? std::string() : k % 4 == 1 ? "0" : k % 4 == 2 ? "a" : ".") +
                                 (k < 10 ? std::string() : random_version(rng));
      ASSERT_GT(gradle::compare(gradle::parse_version(member), infimum), 0) << "prefix '" << p << "' member " << member;
    }
  }
  // And it is the greatest such bound on these cases: members come arbitrarily close.
  EXPECT_GT(gradle::compare(gradle::prefix_infimum("1."), gradle::parse_version("0.99")), 0);
  EXPECT_LT(gradle::compare(gradle::prefix_infimum("1."), gradle::parse_version("1.dev.dev.dev.dev")), 0);
  EXPECT_LT(gradle::compare(gradle::prefix_infimum("1.1"), gradle::parse_version("1.10000000000000000000.dev")), 0);
  EXPECT_GT(gradle::compare(gradle::prefix_infimum("1.1"), gradle::parse_version("1.0999999999999999999999")), 0);
  EXPECT_LT(gradle::compare(gradle::prefix_infimum("1.0"),
                            gradle::parse_version("1.000000000000000000000000009999999999999999999")),
            0);
  EXPECT_LT(gradle::compare(gradle::prefix_infimum("1.0"), gradle::parse_version("1.")), 0);  // 1. is 1, above it
}

// ----- generated selectors and set algebra ---------------------------------------------------

/// Versions usable as range bounds (no blanks, commas, brackets).
bool bound_safe(std::string_view v) {
  return !v.empty() && v.find_first_of(" \t,[]()") == std::string_view::npos;
}

std::string pick(const std::vector<std::string>& pool, std::mt19937& rng) {
  return pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng)];
}

std::string random_selector(std::mt19937& rng, const std::vector<std::string>& bounds,
                            const std::vector<std::string>& prefixes, const std::vector<std::string>& versions) {
  std::uniform_int_distribution<int> kind(0, 11), coin(0, 1);
  auto range = [&] {
    const auto a = pick(bounds, rng), b = pick(bounds, rng);
    switch (kind(rng) % 6) {
      case 0: return "[" + a + "," + b + "]";
      case 1: return "[" + a + "," + b + ")";
      case 2: return "]" + a + "," + b + "[";
      case 3: return "(," + b + (coin(rng) ? "]" : ")");
      case 4: return (coin(rng) ? "[" : "(") + a + ",)";
      default: return "(" + a + ", " + b + "]";
    }
  };
  auto plain = [&]() -> std::string {
    switch (kind(rng) % 6) {
      case 0: return pick(versions, rng);
      case 1: return pick(prefixes, rng) + "+";
      case 2: return coin(rng) ? "latest.release" : "latest.integration";
      default: return range();
    }
  };
  switch (kind(rng)) {
    case 0: return "require=" + plain();
    case 1: return "strictly=" + plain() + ";reject=" + plain();
    case 2: return "require=" + plain() + ";reject=" + plain() + "," + plain();
    case 3: return pick(bounds, rng) + "!!" + pick(bounds, rng);
    default: return plain();
  }
}

struct Generated {
  std::vector<std::string> selectors;
  std::vector<gradle::Version> versions;
};

Generated generate(std::uint32_t seed, std::size_t selector_count) {
  std::mt19937 rng(seed);
  auto texts = random_versions(rng, 150);
  std::vector<std::string> bounds;
  for (const auto& t : texts) {
    if (bound_safe(t)) bounds.push_back(t);
  }
  const auto prefixes = prefixes_of(texts, rng, 40);
  Generated g;
  for (std::size_t i = 0; i < selector_count; ++i) g.selectors.push_back(random_selector(rng, bounds, prefixes, texts));
  // Candidates near every bound: the bound, its spellings and neighbours, and its prefixes.
  for (const auto& b : bounds) {
    for (const char* suffix : {"", "-SNAPSHOT", "-dev", ".0", "-rc1", "a", ".1"}) texts.push_back(b + suffix);
    texts.push_back("0" + b);
  }
  for (const auto& p : prefixes) texts.push_back(p);
  for (const auto& t : texts) g.versions.push_back(gradle::parse_version(t));
  return g;
}

TEST(GradleSets, CompiledSetsMatchDirectEvaluation) {
  const auto g = generate(31337, 400);
  for (const auto& text : g.selectors) {
    SCOPED_TRACE(text);
    const auto constraint = gradle::parse_constraint(text);
    ASSERT_TRUE(constraint.has_value());
    const auto set = gradle::compile(*constraint);
    for (const auto& v : g.versions) {
      ASSERT_EQ(set.contains(v), gradle::contains(*constraint, v)) << v.text << " in " << set.describe();
    }
  }
}

TEST(GradleSets, IntersectUniteComplementFollowMembership) {
  const auto g = generate(4242, 160);
  std::vector<gradle::VersionSet> sets;
  for (const auto& text : g.selectors) sets.push_back(gradle::compile(*gradle::parse_constraint(text)));
  std::mt19937 rng(5);
  std::uniform_int_distribution<std::size_t> any(0, sets.size() - 1);
  for (int round = 0; round < 500; ++round) {
    const auto i = any(rng), j = any(rng);
    SCOPED_TRACE(g.selectors[i] + "  vs  " + g.selectors[j]);
    const auto& a = sets[i];
    const auto& b = sets[j];
    const auto both = a.intersect(b);
    const auto either = a.unite(b);
    const auto not_a = a.complement();
    const auto a_not_b = a.minus(b);
    const auto again = not_a.complement();
    bool any_member = false;
    for (const auto& v : g.versions) {
      const bool in_a = a.contains(v), in_b = b.contains(v);
      ASSERT_EQ(both.contains(v), in_a && in_b) << v.text;
      ASSERT_EQ(either.contains(v), in_a || in_b) << v.text;
      ASSERT_EQ(not_a.contains(v), !in_a) << v.text;
      ASSERT_EQ(a_not_b.contains(v), in_a && !in_b) << v.text;
      ASSERT_EQ(again.contains(v), in_a) << v.text;
      any_member = any_member || (in_a && in_b);
    }
    // is_empty never claims emptiness for a set that holds a version.
    if (any_member) {
      ASSERT_FALSE(both.is_empty());
    }
  }
}

TEST(GradleSets, RequireIsAtLeastExactIsOneSpelling) {
  const auto exact = gradle::compile(*gradle::parse_constraint("1.0"));
  const auto require = gradle::compile(*gradle::parse_constraint("require=1.0"));
  EXPECT_TRUE(exact.contains(gradle::parse_version("1.0")));
  EXPECT_FALSE(exact.contains(gradle::parse_version("1.00")));
  EXPECT_FALSE(exact.contains(gradle::parse_version("2.0")));
  EXPECT_TRUE(require.contains(gradle::parse_version("1.00")));
  EXPECT_TRUE(require.contains(gradle::parse_version("2.0")));
  EXPECT_EQ(require.describe(), ">=1.0");
  EXPECT_EQ(exact.describe(), "release: <none>; \"1.0\": * | integration: <none>");
  EXPECT_EQ(gradle::compile(*gradle::parse_constraint("[1.0,2.0)")).describe(), ">=1.0,<2.0; \"2.0\"*: <none>");
  EXPECT_EQ(gradle::compile(*gradle::parse_constraint("1.+")).describe(), "<none>; \"1.\"*: *");
  EXPECT_EQ(gradle::compile(*gradle::parse_constraint("require=1.+")).describe(), ">1.dev…");
  EXPECT_EQ(gradle::compile(*gradle::parse_constraint("latest.release")).describe(), "release: * | integration: <none>");
  EXPECT_TRUE(gradle::compile(*gradle::parse_constraint("strictly=1.5;reject=1.5")).is_empty());
  EXPECT_TRUE(gradle::compile(*gradle::parse_constraint("1.0-SNAPSHOT")).intersect(
                  gradle::compile(*gradle::parse_constraint("latest.release"))).is_empty());
}

TEST(GradleStatus, MavenRule) {
  EXPECT_EQ(gradle::maven_status("1.0"), gradle::Status::release);
  EXPECT_EQ(gradle::maven_status("1.0-SNAPSHOT"), gradle::Status::integration);
  EXPECT_EQ(gradle::maven_status("SNAPSHOT"), gradle::Status::integration);
  EXPECT_EQ(gradle::maven_status("1.0-snapshot"), gradle::Status::release);
  EXPECT_EQ(gradle::maven_status("1.0-20150201.131010-1"), gradle::Status::integration);
  EXPECT_EQ(gradle::maven_status("1.0-20150201.131010-"), gradle::Status::release);
  EXPECT_EQ(gradle::maven_status("1.0-2015020.131010-1"), gradle::Status::release);
  EXPECT_EQ(gradle::maven_status("a\n-20150201.131010-1"), gradle::Status::release);  // `.` stops at \n
}

}  // namespace
