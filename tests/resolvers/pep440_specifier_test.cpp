// SPDX-License-Identifier: Apache-2.0
// Data-driven tests for PEP 440 specifiers: fixtures/versions/pep440-contains.txt, every expected
// answer produced by packaging 23.0.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "resolvers/pep440.hpp"
#include "tests/resolvers/version_fixture.hpp"

namespace tracegate::resolvers::pep440 {
namespace {

using fixture::FixtureLine;
using fixture::read_fixture;
using fixture::unquote;

TEST(Pep440Specifier, ContainsFixture) {
  const auto lines = read_fixture("pep440-contains.txt");
  EXPECT_GT(lines.size(), 100u);
  for (const FixtureLine& line : lines) {
    SCOPED_TRACE(line.where());
    std::string_view text = line.text;

    // `<set> -> <printed>` / `invalid` / `(empty)`
    if (const auto arrow = text.rfind(" -> "); arrow != std::string_view::npos) {
      const std::string input = unquote(text.substr(0, arrow));
      const std::string_view expected = text.substr(arrow + 4);
      const auto set = parse_specifier_set(input);
      if (expected == "invalid") {
        EXPECT_FALSE(set.has_value()) << "parsed as " << to_string(*set);
        if (!set) {
          EXPECT_NE(set.error().message.find(input), std::string::npos) << set.error().message;
        }
      } else {
        ASSERT_TRUE(set.has_value()) << set.error().message;
        EXPECT_EQ(to_string(*set), expected == "(empty)" ? "" : expected);
        // The printed form parses back to the same set.
        const auto again = parse_specifier_set(to_string(*set));
        ASSERT_TRUE(again.has_value());
        EXPECT_EQ(to_string(*again), to_string(*set));
      }
      continue;
    }

    // `<version> in|not in <set>[ with prereleases| without prereleases]`
    std::optional<bool> prereleases;
    for (const auto& [suffix, value] : {std::pair{std::string_view(" with prereleases"), true},
                                        std::pair{std::string_view(" without prereleases"), false}}) {
      if (text.ends_with(suffix)) {
        prereleases = value;
        text.remove_suffix(suffix.size());
      }
    }
    const auto space = text.find(' ');
    ASSERT_NE(space, std::string_view::npos);
    const std::string version_text(text.substr(0, space));
    std::string_view rest = text.substr(space + 1);
    bool expected = true;
    if (rest.starts_with("not in ")) {
      expected = false;
      rest.remove_prefix(7);
    } else {
      ASSERT_TRUE(rest.starts_with("in "));
      rest.remove_prefix(3);
    }
    const std::string set_text = unquote(rest);
    const auto version = parse_version(version_text);
    ASSERT_TRUE(version.has_value()) << version.error().message;
    const auto set = parse_specifier_set(set_text);
    ASSERT_TRUE(set.has_value()) << set.error().message;
    EXPECT_EQ(contains(*set, *version, prereleases), expected);
    // A one-clause set and its clause agree.
    if (set->specifiers.size() == 1) {
      EXPECT_EQ(contains(set->specifiers.front(), *version, prereleases), expected);
    }
  }
}

TEST(Pep440Specifier, ParsedFields) {
  const auto spec = parse_specifier("  ==  V1.0.*\t");
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->op, Operator::equal);
  EXPECT_EQ(spec->version_text, "V1.0.*");
  EXPECT_TRUE(spec->wildcard);
  ASSERT_TRUE(spec->version.has_value());
  EXPECT_EQ(to_string(*spec->version), "1.0");
  EXPECT_EQ(to_string(*spec), "==V1.0.*");
  EXPECT_FALSE(admits_prereleases(*spec));

  const auto arbitrary = parse_specifier("=== foo");
  ASSERT_TRUE(arbitrary.has_value());
  EXPECT_EQ(arbitrary->op, Operator::arbitrary);
  EXPECT_EQ(arbitrary->version_text, "foo");
  EXPECT_FALSE(arbitrary->version.has_value());

  const auto pre = parse_specifier(">=1.0rc1");
  ASSERT_TRUE(pre.has_value());
  EXPECT_TRUE(admits_prereleases(*pre));
  const auto v = parse_version("1.1a1");
  ASSERT_TRUE(v.has_value());
  EXPECT_TRUE(contains(*pre, *v));
  const auto plain = parse_specifier(">=1.0");
  ASSERT_TRUE(plain.has_value());
  EXPECT_FALSE(contains(*plain, *v));
  EXPECT_TRUE(contains(*plain, *v, true));
}

TEST(Pep440Specifier, ErrorsNameTheInputAndTheReason) {
  const auto message = [](std::string_view text) {
    const auto spec = parse_specifier(text);
    return spec ? std::string("parsed") : spec.error().message;
  };
  EXPECT_EQ(message("~=1"), "'~=1' is not a valid specifier: ~= needs at least two release segments");
  EXPECT_NE(message("<1.*").find("'<1.*'"), std::string::npos);
  EXPECT_NE(message("<1.*").find("wildcard"), std::string::npos);
  EXPECT_NE(message(">=1.0+local").find("local"), std::string::npos);
  EXPECT_NE(message("==1.0+abc.*").find("wildcard"), std::string::npos);
  EXPECT_NE(message("1.0").find("'1.0'"), std::string::npos);
  EXPECT_NE(message("===a b").find("whitespace"), std::string::npos);
  const auto set = parse_specifier_set(">=1.0, ~=2");
  ASSERT_FALSE(set.has_value());
  EXPECT_NE(set.error().message.find("'>=1.0, ~=2'"), std::string::npos);
  EXPECT_NE(set.error().message.find("'~=2'"), std::string::npos);
}

}  // namespace
}  // namespace tracegate::resolvers::pep440
