// SPDX-License-Identifier: Apache-2.0
// Data-driven tests for PEP 440 versions: fixtures/versions/pep440-compare.txt and
// pep440-normalize.txt, every expected answer produced by packaging 23.0.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "resolvers/pep440.hpp"
#include "tests/resolvers/version_fixture.hpp"

namespace tracegate::resolvers::pep440 {
namespace {

using fixture::FixtureLine;
using fixture::read_fixture;
using fixture::unquote;

std::string where(const FixtureLine& line) { return line.where(); }

TEST(Pep440Version, CompareFixture) {
  const auto lines = read_fixture("pep440-compare.txt");
  EXPECT_GT(lines.size(), 50u);
  for (const FixtureLine& line : lines) {
    SCOPED_TRACE(where(line));
    // `<a> <op> <b>` where op is <, ==, >.
    const auto sp1 = line.text.find(' ');
    const auto sp2 = line.text.find(' ', sp1 + 1);
    ASSERT_NE(sp2, std::string::npos);
    const std::string a = line.text.substr(0, sp1);
    const std::string op = line.text.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string b = line.text.substr(sp2 + 1);
    const auto va = parse_version(a);
    const auto vb = parse_version(b);
    ASSERT_TRUE(va.has_value()) << va.error().message;
    ASSERT_TRUE(vb.has_value()) << vb.error().message;
    const auto got = compare(*va, *vb);
    const auto back = compare(*vb, *va);
    if (op == "<") {
      EXPECT_TRUE(got < 0);
      EXPECT_TRUE(back > 0);
    } else if (op == "==") {
      EXPECT_TRUE(got == 0);
      EXPECT_TRUE(back == 0);
    } else if (op == ">") {
      EXPECT_TRUE(got > 0);
      EXPECT_TRUE(back < 0);
    } else {
      ADD_FAILURE() << "unknown operator " << op;
    }
  }
}

TEST(Pep440Version, NormalizeFixture) {
  const auto lines = read_fixture("pep440-normalize.txt");
  EXPECT_GT(lines.size(), 50u);
  for (const FixtureLine& line : lines) {
    SCOPED_TRACE(where(line));
    // `<input> -> <normalized>` or `<input> -> invalid`; input may be quoted to keep spaces.
    const auto arrow = line.text.rfind(" -> ");
    ASSERT_NE(arrow, std::string::npos);
    const std::string input = unquote(line.text.substr(0, arrow));
    const std::string expected = line.text.substr(arrow + 4);
    const auto parsed = parse_version(input);
    if (expected == "invalid") {
      EXPECT_FALSE(parsed.has_value()) << "parsed as " << to_string(*parsed);
      if (!parsed) {
        EXPECT_NE(parsed.error().message.find(input), std::string::npos);
      }
    } else {
      ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
      EXPECT_EQ(to_string(*parsed), expected);
      // The printed form parses back to an equal version (packaging's "poſt" label is not printed,
      // so that one comes back as an ordinary, smaller post-release, as in packaging).
      const auto again = parse_version(to_string(*parsed));
      ASSERT_TRUE(again.has_value());
      EXPECT_EQ(compare(*again, *parsed) == 0, !parsed->post_long_s);
    }
  }
}

TEST(Pep440Version, Basics) {
  const auto v = parse_version("  V1!01.2.3-RC.4.Post-5.DEV_6+Abc-007.x_Y\n");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->epoch, "1");
  EXPECT_EQ(v->release, (std::vector<std::string>{"1", "2", "3"}));
  ASSERT_TRUE(v->pre.has_value());
  EXPECT_EQ(v->pre->first, "rc");
  EXPECT_EQ(v->pre->second, "4");
  EXPECT_EQ(v->post, "5");
  EXPECT_EQ(v->dev, "6");
  EXPECT_EQ(v->local, (std::vector<std::string>{"abc", "7", "x", "y"}));
  EXPECT_TRUE(v->is_prerelease());
  EXPECT_TRUE(v->is_postrelease());
  EXPECT_EQ(to_string(*v), "1!1.2.3rc4.post5.dev6+abc.7.x.y");
  EXPECT_EQ(to_string(public_part(*v)), "1!1.2.3rc4.post5.dev6");

  const auto bad = parse_version("1.0.x");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("'1.0.x'"), std::string::npos);

  // Numbers of any size.
  const auto big = parse_version("99999999999999999999999999999.0");
  const auto bigger = parse_version("100000000000000000000000000000");
  ASSERT_TRUE(big && bigger);
  EXPECT_TRUE(compare(*big, *bigger) < 0);
}

/// Replays a command file against this implementation, for tests/resolvers/pep440_oracle_check.py:
/// set PEP440_ORACLE_INPUT (and PEP440_ORACLE_OUTPUT). Skipped otherwise.
std::string unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}
std::string tohex(std::string_view text) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (const char c : text) {
    out.push_back(digits[static_cast<unsigned char>(c) >> 4]);
    out.push_back(digits[static_cast<unsigned char>(c) & 15]);
  }
  return out;
}

std::optional<bool> tri(std::string_view s) {
  if (s == "T") return true;
  if (s == "F") return false;
  return std::nullopt;
}

TEST(Pep440Oracle, Replay) {
  const char* input = std::getenv("PEP440_ORACLE_INPUT");
  const char* output = std::getenv("PEP440_ORACLE_OUTPUT");
  if (input == nullptr || output == nullptr) GTEST_SKIP() << "PEP440_ORACLE_INPUT/OUTPUT not set";
  std::ifstream in(input);
  std::ofstream out(output);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::size_t i = 0;
    for (;;) {
      const auto sp = line.find(' ', i);
      f.push_back(line.substr(i, sp == std::string::npos ? sp : sp - i));
      if (sp == std::string::npos) break;
      i = sp + 1;
    }
    const std::string& cmd = f[0];
    if (cmd == "V") {  // normalize
      const auto v = parse_version(unhex(f[1]));
      out << (v ? tohex(to_string(*v)) : "!") << '\n';
    } else if (cmd == "C") {  // compare
      const auto a = parse_version(unhex(f[1]));
      const auto b = parse_version(unhex(f[2]));
      const auto c = compare(*a, *b);
      out << (c < 0 ? -1 : c > 0 ? 1 : 0) << '\n';
    } else if (cmd == "S") {  // specifier: str and prereleases
      const auto s = parse_specifier(unhex(f[1]));
      if (!s) {
        out << "!\n";
      } else {
        out << tohex(to_string(*s)) << ' ' << (admits_prereleases(*s) ? 'T' : 'F') << '\n';
      }
    } else if (cmd == "SS") {  // specifier set: str and prereleases
      const auto s = parse_specifier_set(unhex(f[1]));
      if (!s) {
        out << "!\n";
      } else {
        out << tohex(to_string(*s)) << ' ' << (admits_prereleases(*s) ? 'T' : 'F') << '\n';
      }
    } else if (cmd == "K") {  // Specifier.contains
      const auto s = parse_specifier(unhex(f[1]));
      const auto v = parse_version(unhex(f[2]));
      out << (contains(*s, *v, tri(f[3])) ? 'T' : 'F') << '\n';
    } else if (cmd == "KK") {  // SpecifierSet.contains
      const auto s = parse_specifier_set(unhex(f[1]));
      const auto v = parse_version(unhex(f[2]));
      out << (contains(*s, *v, tri(f[3])) ? 'T' : 'F') << '\n';
    } else {
      out << "?\n";
    }
  }
}

}  // namespace
}  // namespace tracegate::resolvers::pep440
