// SPDX-License-Identifier: Apache-2.0
// VersionSet::from_poetry against fixtures/versions/poetry-constraints.txt (poetry-core's parser
// and allows(), https://python-poetry.org/docs/dependency-specification/).

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "resolvers/pep440.hpp"
#include "resolvers/version_set.hpp"
#include "tests/resolvers/version_fixture.hpp"

namespace tracegate::resolvers {
namespace {

using pep440::Version;
using fixture::FixtureLine;
using fixture::read_fixture;
using fixture::unquote;

/// Splits `left <sep> right` at the first `sep` outside double quotes.
bool split_at(std::string_view text, std::string_view sep, std::string& left, std::string& right) {
  bool quoted = false;
  for (std::size_t i = 0; i + sep.size() <= text.size(); ++i) {
    if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) quoted = !quoted;
    if (!quoted && text.substr(i, sep.size()) == sep) {
      left = unquote(text.substr(0, i));
      right = unquote(text.substr(i + sep.size()));
      return true;
    }
  }
  return false;
}

/// Versions near every version named in `texts`, plus a fixed spread.
std::vector<Version> probes(const std::vector<std::string>& texts) {
  std::vector<std::string> raw{"0", "0.0.dev0", "0.1", "0.9.9", "1.0a1", "1!0", "1!1.0", "1!2.5", "2!0", "100"};
  static const std::vector<std::string> suffixes{"", ".dev0", ".dev5", "a0", "a1", "rc2", "a1.post1", ".post0",
                                                 ".post1", ".post1.dev0", "+local", ".post1+local", "a1+x", ".0",
                                                 ".0.1", ".1", ".9"};
  for (const std::string& text : texts) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') continue;
      std::size_t j = i;
      while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || text[j] == '.' || text[j] == '!')) ++j;
      std::string release = text.substr(i, j - i);
      while (!release.empty() && release.back() == '.') release.pop_back();
      for (const std::string& s : suffixes) raw.push_back(release + s);
      // the neighbouring releases
      const auto dot = release.rfind('.');
      const std::string head = dot == std::string::npos ? "" : release.substr(0, dot + 1);
      const std::string last = dot == std::string::npos ? release : release.substr(dot + 1);
      if (last.find('!') == std::string::npos) {
        const int n = std::stoi(last);
        for (int d : {-1, 1}) {
          if (n + d < 0) continue;
          for (const std::string& s : suffixes) raw.push_back(head + std::to_string(n + d) + s);
        }
      }
      i = j;
    }
  }
  std::vector<Version> out;
  for (const std::string& r : raw) {
    if (auto v = pep440::parse_version(r)) out.push_back(*v);
  }
  return out;
}

TEST(PoetryConstraint, Fixture) {
  const auto lines = read_fixture("poetry-constraints.txt");
  ASSERT_GT(lines.size(), 40u);
  int equivalences = 0;
  for (const FixtureLine& line : lines) {
    SCOPED_TRACE(line.where());
    std::string left;
    std::string right;
    if (split_at(line.text, " -> ", left, right)) {
      auto set = VersionSet::from_poetry(left);
      if (right == "invalid") {
        EXPECT_FALSE(set.has_value()) << set->to_string();
        continue;
      }
      ASSERT_TRUE(set.has_value()) << set.error().message;
      auto spec = pep440::parse_specifier_set(right);
      ASSERT_TRUE(spec.has_value()) << right;
      auto expected = VersionSet::from_specifiers(*spec);
      ASSERT_TRUE(expected.has_value());
      for (const Version& v : probes({left, right})) {
        EXPECT_EQ(set->contains(v), expected->contains(v))
            << pep440::to_string(v) << ": poetry " << set->to_string() << " vs pep440 " << expected->to_string();
      }
      ++equivalences;
      continue;
    }
    const bool negated = split_at(line.text, " not in ", left, right);
    ASSERT_TRUE(negated || split_at(line.text, " in ", left, right)) << "unrecognized fixture line";
    auto version = pep440::parse_version(left);
    ASSERT_TRUE(version.has_value()) << left;
    auto set = VersionSet::from_poetry(right);
    ASSERT_TRUE(set.has_value()) << set.error().message;
    EXPECT_EQ(set->contains(*version), !negated) << set->to_string();
  }
  EXPECT_GT(equivalences, 20);
}

TEST(PoetryConstraint, ErrorNamesTheConstraint) {
  auto set = VersionSet::from_poetry(">=1.0, ~~2");
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().message, "invalid Poetry constraint '>=1.0, ~~2': could not parse '~~2'");
  auto local = VersionSet::from_poetry(">1.0+abc");
  ASSERT_FALSE(local.has_value());
}

TEST(PoetryConstraint, DisjointWithPep440) {
  const VersionSet poetry = *VersionSet::from_poetry("^0.5");
  const VersionSet pep = *VersionSet::from_specifiers(*pep440::parse_specifier_set("==0.4.0"));
  EXPECT_EQ(explain_disjoint(poetry, "^0.5", pep, "==0.4.0"), "no version is both ^0.5 and ==0.4.0");
  EXPECT_EQ(poetry.to_string(), ">=0.5,<0.6");
}

}  // namespace
}  // namespace tracegate::resolvers
