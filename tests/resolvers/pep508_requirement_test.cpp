// SPDX-License-Identifier: Apache-2.0
#include <fstream>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "resolvers/pep508.hpp"

namespace tracegate::resolvers::pep508 {
namespace {

std::string printed(std::string_view text) {
  auto requirement = parse_requirement(text);
  return requirement ? to_string(*requirement) : std::string("invalid");
}

// fixtures/versions/pep508-requirements.txt: INPUT<TAB>str(Requirement(INPUT)) or invalid
TEST(Pep508Requirement, Fixture) {
  const std::string path = TRACEGATE_FIXTURES_DIR "/versions/pep508-requirements.txt";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string line;
  int number = 0;
  int checked = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line.starts_with('#')) {
      continue;
    }
    SCOPED_TRACE(fmt::format("{}:{}", path, number));
    const std::size_t tab = line.rfind('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    const std::string input = line.substr(0, tab);
    EXPECT_EQ(printed(input), line.substr(tab + 1)) << input;
    ++checked;
  }
  EXPECT_GT(checked, 120);
}

TEST(Pep508Requirement, Parts) {
  auto requirement = parse_requirement("Foo_Bar [b, a, b] (>=1.0, <2) ; python_version >= '3.8' and extra == 'X'");
  ASSERT_TRUE(requirement) << requirement.error().message;
  EXPECT_EQ(requirement->name, "Foo_Bar");
  EXPECT_EQ(requirement->extras, (std::vector<std::string>{"b", "a", "b"}));
  EXPECT_EQ(requirement->specifier.specifiers.size(), 2u);
  EXPECT_EQ(requirement->url, "");
  ASSERT_TRUE(requirement->marker);
  EXPECT_EQ(to_string(*requirement->marker), "python_version >= \"3.8\" and extra == \"X\"");
  EXPECT_EQ(evaluate(*requirement->marker, reference_environment("3.11")), false);
  EXPECT_EQ(to_string(*requirement), "Foo_Bar[a,b]<2,>=1.0; python_version >= \"3.8\" and extra == \"X\"");

  auto url = parse_requirement("pip @ https://example.com/pip.zip ; os_name == 'posix'");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->url, "https://example.com/pip.zip");
  EXPECT_TRUE(url->specifier.specifiers.empty());
  EXPECT_EQ(to_string(*url), "pip@ https://example.com/pip.zip ; os_name == \"posix\"");
}

// Cases the tab-separated fixture cannot hold (answers from packaging 23.0 all the same).
TEST(Pep508Requirement, TabsAndNewlines) {
  EXPECT_EQ(printed("foo\n"), "foo");  // END is `$`: the end, or before a final newline
  EXPECT_EQ(printed("foo \n"), "foo");
  EXPECT_EQ(printed("foo>=1.0\n"), "foo>=1.0");
  EXPECT_EQ(printed("foo ; os_name == \"posix\"\n"), "foo; os_name == \"posix\"");
  EXPECT_EQ(printed("foo\n\n"), "invalid");
  EXPECT_EQ(printed("foo\r"), "invalid");
  EXPECT_EQ(printed("foo\t>=1.0"), "foo>=1.0");
  EXPECT_EQ(printed("foo>=\n1.0"), "foo>=1.0");  // the specifier's own `\s*` takes any whitespace
  // The URL runs to the next space or tab, newline included; urlparse drops it, urlunparse does not
  EXPECT_EQ(printed("foo @ https://x/y\n"), "foo@ https://x/y\n");
  EXPECT_EQ(printed("foo @ file:///x\n"), "invalid");
  EXPECT_EQ(printed("foo @ \x01https://x/"), "foo@ \x01https://x/");
}

// re.IGNORECASE in the specifier rule folds U+017F to "s", U+212A to "k".
TEST(Pep508Requirement, SpecifierIgnoreCase) {
  EXPECT_EQ(printed("foo>=1.0po\xC5\xBFt1"), "foo>=1.0po\xC5\xBFt1");
  EXPECT_EQ(printed("foo==1.0+\xE2\x84\xAA"), "foo==1.0+\xE2\x84\xAA");
  EXPECT_EQ(printed("foo===a,b"), "invalid");  // `===` takes the comma; "b" is then no specifier
  EXPECT_EQ(printed("foo===a,>=1"), "foo===a,>=1");
}

// urllib.parse: a netloc must not change under NFKC into one with / ? # @ :, brackets must hold
// an IPv6 address (or an IPvFuture one).
TEST(Pep508Requirement, UrlHosts) {
  EXPECT_EQ(printed("foo @ https://\xEF\xBD\x85x.com/"), "foo@ https://\xEF\xBD\x85x.com/");  // fullwidth e
  EXPECT_EQ(printed("foo @ https://a\xE2\x84\x80" "b/"), "invalid");                            // U+2100 a/c
  EXPECT_EQ(printed("foo @ https://exa\xE2\x81\x87mple.com/"), "invalid");                      // U+2047 ??
  EXPECT_EQ(printed("foo @ https://[::ffff:1.2.3.4]/"), "foo@ https://[::ffff:1.2.3.4]/");
  EXPECT_EQ(printed("foo @ https://[::1%]/"), "invalid");
  EXPECT_EQ(printed("foo[bar]@file:///x ; extra==\"A\""), "foo[bar]@ file:///x ; extra == \"a\"");
}

TEST(Pep508Requirement, RejectsInvalidUtf8) { EXPECT_FALSE(parse_requirement("foo ; os_name == \"\xC0\x80\"")); }

TEST(Pep508Requirement, MarkerNestingIsBounded) {
  EXPECT_EQ(printed("foo; " + std::string(1'000'000, '(')), "invalid");
}

}  // namespace
}  // namespace tracegate::resolvers::pep508
