// SPDX-License-Identifier: Apache-2.0
// Maven versions and ranges: fixtures/versions/maven-*.txt (every expected answer produced by
// maven-artifact 3.8.7 itself) plus the cases a fixture line cannot carry (invalid UTF-8,
// error messages, copies of long versions). tests/differential/ compares whole generated
// query streams with the library.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "resolvers/maven.hpp"
#include "tests/resolvers/version_fixture.hpp"

namespace tracegate::resolvers::maven {
namespace {

using fixture::FixtureLine;
using fixture::read_fixture;
using fixture::unquote;

/// Splits a fixture line on spaces outside double quotes, and unquotes each token.
std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = i;
    if (text[i] == '"') {
      for (end = i + 1; end < text.size() && text[end] != '"'; ++end) {
        if (text[end] == '\\') ++end;
      }
      ++end;
    } else {
      while (end < text.size() && text[end] != ' ') ++end;
    }
    out.push_back(unquote(text.substr(i, end - i)));
    i = end;
  }
  return out;
}

int sign(int order) { return order < 0 ? -1 : order > 0 ? 1 : 0; }

std::string canonical(std::string_view text) { return Version(text).canonical(); }

TEST(MavenVersion, CompareFixture) {
  const auto lines = read_fixture("maven-compare.txt");
  EXPECT_GT(lines.size(), 60u);
  for (const FixtureLine& line : lines) {
    SCOPED_TRACE(line.where());
    const auto t = tokens(line.text);
    ASSERT_EQ(t.size(), 3u);
    const int want = t[1] == "<" ? -1 : t[1] == ">" ? 1 : 0;
    ASSERT_TRUE(t[1] == "<" || t[1] == ">" || t[1] == "==") << t[1];
    const Version a(t[0]);
    const Version b(t[2]);
    EXPECT_EQ(sign(compare(a, b)), want);
    EXPECT_EQ(sign(compare(b, a)), -want);
  }
}

TEST(MavenVersion, NormalizeFixture) {
  const auto lines = read_fixture("maven-normalize.txt");
  EXPECT_GT(lines.size(), 50u);
  Version reused;  // assign() into one object must give what a fresh parse gives
  for (const FixtureLine& line : lines) {
    SCOPED_TRACE(line.where());
    const auto t = tokens(line.text);
    ASSERT_EQ(t.size(), 3u);
    ASSERT_EQ(t[1], "->");
    EXPECT_EQ(canonical(t[0]), t[2]);
    reused.assign(t[0]);
    EXPECT_EQ(reused.canonical(), t[2]);
  }
}

TEST(MavenVersion, CanonicalFormIsNotAlwaysTheSameVersion) {
  // getCanonical() prints values, not item kinds: the printed form can parse differently.
  EXPECT_EQ(canonical("1.ga.1"), "1..1");  // a release qualifier prints as nothing...
  EXPECT_EQ(canonical("1..1"), "1.0.1");   // ...and an empty part reads as 0
  EXPECT_LT(compare(Version("1.ga.1"), Version("1..1")), 0);
  EXPECT_EQ(canonical("1.0000000000.1"), "1.0.1");  // a long 0 is above any int
  EXPECT_GT(compare(Version("1.0000000000.1"), Version("1.0.1")), 0);
}

TEST(MavenRange, RangesFixture) {
  const auto lines = read_fixture("maven-ranges.txt");
  EXPECT_GT(lines.size(), 60u);
  for (const FixtureLine& line : lines) {
    SCOPED_TRACE(line.where());
    const auto t = tokens(line.text);
    VersionSet set;
    if (t.size() == 3 && t[1] == "->") {
      ASSERT_EQ(t[2], "invalid");
      EXPECT_FALSE(parse_range(t[0]).has_value());
      EXPECT_FALSE(parse_range_into(t[0], set));
      continue;
    }
    const bool want = t.size() == 3;
    ASSERT_TRUE(want ? t[1] == "in" : t.size() == 4 && t[1] == "not" && t[2] == "in");
    const std::string& spec = t.back();
    const auto range = parse_range(spec);
    ASSERT_TRUE(range.has_value()) << range.error().message;
    EXPECT_EQ(contains(*range, Version(t[0])), want);
    ASSERT_TRUE(parse_range_into(spec, set));
    EXPECT_EQ(set.contains(Version(t[0])), want);
  }
}

TEST(MavenVersion, QualifierOrder) {
  const std::vector<std::string> ascending = {
      "1-alpha", "1-beta", "1-milestone", "1-rc", "1-snapshot", "1", "1-sp", "1-abc", "1-zzz", "1-1", "1.1"};
  for (std::size_t i = 0; i < ascending.size(); ++i) {
    for (std::size_t j = 0; j < ascending.size(); ++j) {
      SCOPED_TRACE(ascending[i] + " vs " + ascending[j]);
      EXPECT_EQ(sign(compare(Version(ascending[i]), Version(ascending[j]))), i < j ? -1 : i > j ? 1 : 0);
    }
  }
}

TEST(MavenVersion, NotTransitive) {
  // ComparableVersion itself: a zero and a qualifier both equal "nothing" at a position, but
  // not each other. tracegate keeps the cycle rather than inventing an order Maven lacks.
  const Version a("1.0.alpha.1"), b("1"), c("1.sp.1");
  EXPECT_LT(compare(a, b), 0);
  EXPECT_LT(compare(b, c), 0);
  EXPECT_LT(compare(c, a), 0);
}

TEST(MavenRange, KnownDifferenceOnNonTransitiveUnions) {
  // docs/versions-maven.md: maven-artifact tests each restriction of a union, a VersionSet needs
  // a transitive order to sort its intervals. With the cycle above, Java answers true here
  // (1.sp.1 > 1); the set, ordered by 1.0.alpha.1 < 1, answers false. A single restriction
  // compares the same pairs as Java and is exact.
  const auto range = parse_range("[1.0.alpha.1],(1,)");
  ASSERT_TRUE(range.has_value());
  EXPECT_FALSE(contains(*range, Version("1.sp.1")));
  EXPECT_TRUE(contains(*parse_range("(1,)"), Version("1.sp.1")));
}

TEST(MavenVersion, JavaDecodesInvalidUtf8) {
  // new String(bytes, UTF_8): what Java 17 makes of malformed input, as U+FFFD.
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(canonical("1-\xED\xA0\x80"), "1-" + r);                  // a surrogate: one for three bytes
  EXPECT_EQ(canonical("1-\xE0\x80\x80"), "1-" + r + r + r);          // overlong: one per byte
  EXPECT_EQ(canonical("1-\xF0\x9F\x98"), "1-" + r);                  // truncated at the end
  EXPECT_EQ(canonical("1-\xE1\x80" "a"), "1-" + r + "a");            // truncated before ASCII
  EXPECT_EQ(canonical("1-\xC0\x80"), "1-" + r + r);                  // C0/C1 never start a sequence
  EXPECT_EQ(canonical("1-\xF8\x88\x80\x80\x80"), "1-" + r + r + r + r + r);
  EXPECT_EQ(canonical("\xFF" "1"), r + "-1");
}

TEST(MavenVersion, CopiesAndReuse) {
  // More items than fit inline, unknown qualifiers and BigIntegers (which keep text).
  const std::string long_text = "1.2.3.4.5.6.7.8.9.10-foo-12345678901234567890-bar.0.1";
  Version v(long_text);
  const std::string want = v.canonical();
  EXPECT_EQ(want, "1.2.3.4.5.6.7.8.9.10-foo-12345678901234567890-bar.0.1");
  Version copy = v;
  EXPECT_EQ(copy.canonical(), want);
  EXPECT_EQ(compare(copy, v), 0);
  Version moved = std::move(copy);
  EXPECT_EQ(moved.canonical(), want);
  Version small("2.0-jre");
  small = moved;  // inline <- heap
  EXPECT_EQ(small.canonical(), want);
  moved = Version("3");  // heap <- inline
  EXPECT_EQ(moved.canonical(), "3");
  // Re-parsing into the same object: non-ASCII, then ASCII, then a short one.
  v.assign("1.0-\xC3\x84LPHA-\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0"
           "\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA1");
  EXPECT_EQ(v.canonical(), "1-\xC3\xA4lpha-1");
  v.assign("1.0-Foo");
  EXPECT_EQ(v.canonical(), "1-foo");
  v.assign("1");
  EXPECT_EQ(v.canonical(), "1");
  std::vector<Version> many(20, Version(long_text));
  many.emplace_back("0");
  EXPECT_EQ(many.front().canonical(), want);
}

TEST(MavenRange, RecommendedAndEmpty) {
  const auto soft = parse_range("1.0");
  ASSERT_TRUE(soft.has_value());
  ASSERT_TRUE(soft->recommended.has_value());
  EXPECT_EQ(soft->recommended->canonical(), "1");
  EXPECT_TRUE(soft->set.is_all());

  const auto empty = parse_range("");
  ASSERT_TRUE(empty.has_value());
  EXPECT_FALSE(empty->recommended.has_value());
  EXPECT_TRUE(empty->set.is_empty());

  const auto hard = parse_range("[1.0,2.0),[3.0]");
  ASSERT_TRUE(hard.has_value());
  EXPECT_FALSE(hard->recommended.has_value());
  auto show = [](const Version& v) { return v.canonical(); };
  EXPECT_EQ(hard->set.describe(show), ">=1,<2 || ==3");
  EXPECT_EQ(parse_range("(,1.0],[1.2,)")->set.describe(show), "<=1 || >=1.2");
  // Touching restrictions are one interval.
  EXPECT_EQ(parse_range("[1,2),[2,3]")->set.describe(show), ">=1,<=3");
}

TEST(MavenRange, ErrorMessages) {
  auto message = [](std::string_view spec) {
    const auto range = parse_range(spec);
    return range ? std::string("accepted") : range.error().message;
  };
  EXPECT_EQ(message("[1.0"), "Unbounded range: [1.0");
  EXPECT_EQ(message("[1.0,2.0),[1.5,3.0)"), "Ranges overlap: [1.0,2.0),[1.5,3.0)");
  EXPECT_EQ(message("[1.0],1.5"), "Only fully-qualified sets allowed in multiple set scenario: [1.0],1.5");
  EXPECT_EQ(message("[1.0],(2.0)"), "Single version must be surrounded by []: (2.0)");
  EXPECT_EQ(message("[1.0],[3.0,2.0]"), "Range defies version ordering: [3.0,2.0]");
}

TEST(MavenRange, MatchesRestrictionArithmetic) {
  // Every bracket form against versions around its bounds, with Restriction.containsVersion
  // spelled out on compare().
  const std::vector<std::string> versions = {"0.9", "1.0-SNAPSHOT", "1.0", "1",    "1.0-sp",
                                             "1.5", "2.0-rc1",      "2",   "2.0.1"};
  for (const char* left : {"[", "("}) {
    for (const char* right : {"]", ")"}) {
      for (const char* lower : {"", "1.0"}) {
        for (const char* upper : {"", "2.0"}) {
          const std::string spec = std::string(left) + lower + "," + upper + right;
          SCOPED_TRACE(spec);
          const auto range = parse_range(spec);
          ASSERT_TRUE(range.has_value());
          for (const auto& text : versions) {
            const Version v(text);
            bool want = true;
            if (*lower) {
              const int c = compare(Version(lower), v);
              want = want && (c < 0 || (c == 0 && *left == '['));
            }
            if (*upper) {
              const int c = compare(Version(upper), v);
              want = want && (c > 0 || (c == 0 && *right == ']'));
            }
            EXPECT_EQ(contains(*range, v), want) << text;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace tracegate::resolvers::maven
