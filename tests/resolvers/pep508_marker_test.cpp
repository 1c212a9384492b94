// SPDX-License-Identifier: Apache-2.0
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "resolvers/pep508.hpp"

namespace tracegate::resolvers::pep508 {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) {
      return fields;
    }
    start = tab + 1;
  }
}

/// "true" / "false" / "error" / "invalid", as the fixture spells the outcome.
std::string outcome(std::string_view text, std::string_view python_version, std::string* printed = nullptr) {
  auto marker = parse_marker(text);
  if (!marker) {
    return "invalid";
  }
  if (printed != nullptr) {
    *printed = to_string(*marker);
  }
  auto value = evaluate(*marker, reference_environment(python_version));
  if (!value) {
    return "error";
  }
  return *value ? "true" : "false";
}

// fixtures/versions/pep508-markers.txt: MARKER<TAB>PY<TAB>expected[<TAB>str(Marker)]
TEST(Pep508Marker, Fixture) {
  const std::string path = TRACEGATE_FIXTURES_DIR "/versions/pep508-markers.txt";
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
    const auto fields = split_tabs(line);
    ASSERT_TRUE(fields.size() == 3 || fields.size() == 4) << line;
    std::string printed;
    EXPECT_EQ(outcome(fields[0], fields[1], &printed), fields[2]) << fields[0];
    if (fields.size() == 4) {
      EXPECT_EQ(printed, fields[3]) << fields[0];
    }
    ++checked;
  }
  EXPECT_GT(checked, 200);
}

// Cases the tab-separated fixture cannot hold (answers from packaging 23.0 all the same).
TEST(Pep508Marker, TabsNewlinesAndEscapes) {
  std::string printed;
  EXPECT_EQ(outcome("\tos_name\t==\t\"posix\"\t", "3.11", &printed), "true");
  EXPECT_EQ(printed, "os_name == \"posix\"");
  EXPECT_EQ(outcome("os_name == \"posix\"\tand\tos_name == \"posix\"", "3.11"), "true");
  EXPECT_EQ(outcome("os_name not\tin \"posix\"", "3.11"), "false");
  // A string literal goes through ast.literal_eval: escapes are decoded ...
  EXPECT_EQ(outcome("os_name == \"\\t\"", "3.11", &printed), "false");
  EXPECT_EQ(printed, "os_name == \"\t\"");
  EXPECT_EQ(outcome("os_name == \"\\777\"", "3.11", &printed), "false");
  EXPECT_EQ(printed, "os_name == \"\xC7\xBF\"");  // U+01FF
  EXPECT_EQ(outcome("os_name == \"\\ud800\"", "3.11", &printed), "false");
  EXPECT_EQ(printed, "os_name == \"\xED\xA0\x80\"");  // a lone surrogate, kept as Python keeps it
  EXPECT_EQ(outcome("os_name == \"a\\\nb\"", "3.11", &printed), "false");  // line continuation
  EXPECT_EQ(printed, "os_name == \"ab\"");
  // ... a raw newline ends the literal too early, and \r is a newline to Python's tokenizer
  EXPECT_EQ(outcome("os_name == 'a\rb'", "3.11"), "invalid");
  EXPECT_EQ(outcome("os_name == 'a\nb'", "3.11"), "invalid");
  EXPECT_EQ(outcome(std::string_view("os_name == 'a\0b'", 16), "3.11"), "invalid");
  // Only spaces and tabs are whitespace between tokens; what follows the expression is ignored
  EXPECT_EQ(outcome("os_name\n== \"posix\"", "3.11"), "invalid");
  EXPECT_EQ(outcome("os_name ==\xC2\xA0\"posix\"", "3.11"), "invalid");
  EXPECT_EQ(outcome("os_name == \"posix\"\n", "3.11"), "true");
  EXPECT_EQ(outcome("os_name == \"posix\"\r", "3.11"), "true");
}

// `\b` is Unicode-aware: "and" followed by a letter is not the keyword (the rest is ignored),
// followed by another character it is (and then an operand must follow).
TEST(Pep508Marker, UnicodeWordBoundaries) {
  std::string printed;
  EXPECT_EQ(outcome("os_name == \"posix\" and\xC3\xA9 os_name == \"a\"", "3.11", &printed), "true");  // andé
  EXPECT_EQ(printed, "os_name == \"posix\"");
  EXPECT_EQ(outcome("os_name == \"posix\" and\xE2\x86\x92 os_name == \"a\"", "3.11"), "invalid");  // and→
}

// canonicalize_name uses Python's str.lower(): full case mapping and the final sigma.
TEST(Pep508Marker, ExtraNormalizationIsPythonLower) {
  auto printed = [](std::string_view text) {
    auto marker = parse_marker(text);
    return marker ? to_string(*marker) : std::string("invalid");
  };
  // ΑΣ -> ας, ΑΣ.Β -> ας-β (final sigma), ΣΑ -> σα
  EXPECT_EQ(printed("extra == \"\xCE\x91\xCE\xA3\""), "extra == \"\xCE\xB1\xCF\x82\"");
  EXPECT_EQ(printed("extra == \"\xCE\x91\xCE\xA3.\xCE\x92\""), "extra == \"\xCE\xB1\xCF\x82-\xCE\xB2\"");
  EXPECT_EQ(printed("extra == \"\xCE\xA3\xCE\x91\""), "extra == \"\xCF\x83\xCE\xB1\"");
  EXPECT_EQ(printed("extra == \"\xC4\xB0\""), "extra == \"i\xCC\x87\"");                                  // İ -> i̇
  EXPECT_EQ(printed("extra == \"\xE2\x84\xAA\""), "extra == \"k\"");                                      // Kelvin sign
}

// Python looks `\N{...}` names up in its Unicode database, which tracegate does not carry:
// packaging accepts `os_name == "\N{DIGIT ONE}"` (as "1"); tracegate reports it invalid.
TEST(Pep508Marker, KnownDifferenceNamedUnicodeEscape) {
  EXPECT_EQ(outcome("os_name == \"\\N{DIGIT ONE}\"", "3.11"), "invalid");
}

TEST(Pep508Marker, NestingIsBounded) {
  auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '(') + "os_name == \"posix\"" +
           std::string(static_cast<std::size_t>(depth), ')');
  };
  std::string printed;
  EXPECT_EQ(outcome(nested(256), "3.11", &printed), "true");  // packaging parses this too
  EXPECT_EQ(printed, "os_name == \"posix\"");
  // packaging itself gives up (RecursionError) somewhere near 495 levels
  EXPECT_EQ(outcome(nested(257), "3.11"), "invalid");
  EXPECT_EQ(outcome(std::string(1'000'000, '('), "3.11"), "invalid");
}

TEST(Pep508Marker, RejectsInvalidUtf8) { EXPECT_FALSE(parse_marker("os_name == \"\xFF\"")); }

TEST(Pep508Marker, ErrorsNameTheColumn) {
  auto marker = parse_marker("os_name == posix");
  ASSERT_FALSE(marker);
  EXPECT_NE(marker.error().message.find("column 12"), std::string::npos) << marker.error().message;
}

TEST(Pep508Marker, MissingEnvironmentEntryIsAnError) {
  auto marker = parse_marker("os_name == \"posix\" or python_version >= \"3\"");
  ASSERT_TRUE(marker);
  Environment environment = reference_environment("3.11");
  EXPECT_EQ(evaluate(*marker, environment), true);
  environment.erase("python_version");
  EXPECT_FALSE(evaluate(*marker, environment));  // every comparison is evaluated, no short circuit
}

TEST(Pep508Marker, ReferenceEnvironment) {
  const Environment environment = reference_environment("3.11");
  EXPECT_EQ(environment.size(), 12u);
  EXPECT_EQ(environment.at("python_version"), "3.11");
  EXPECT_EQ(environment.at("python_full_version"), "3.11.0");
  EXPECT_EQ(reference_environment("3.11.4").at("python_full_version"), "3.11.4");
  EXPECT_EQ(reference_environment("3").at("python_full_version"), "3.0");
  EXPECT_EQ(environment.at("implementation_name"), "cpython");
  EXPECT_EQ(environment.at("implementation_version"), "3.11.2");
  EXPECT_EQ(environment.at("os_name"), "posix");
  EXPECT_EQ(environment.at("platform_machine"), "x86_64");
  EXPECT_EQ(environment.at("platform_release"), "6.1.0");
  EXPECT_EQ(environment.at("platform_system"), "Linux");
  EXPECT_EQ(environment.at("platform_version"), "#1 SMP Debian 6.1.0");
  EXPECT_EQ(environment.at("platform_python_implementation"), "CPython");
  EXPECT_EQ(environment.at("sys_platform"), "linux");
  EXPECT_EQ(environment.at("extra"), "");
}

TEST(Pep508Marker, ValueSemantics) {
  Marker empty;
  EXPECT_EQ(to_string(empty), "");
  EXPECT_EQ(evaluate(empty, reference_environment("3.11")), true);
  auto parsed = parse_marker("python_version >= \"3.8\"");
  ASSERT_TRUE(parsed);
  Marker copy = *parsed;
  Marker moved = std::move(*parsed);
  EXPECT_EQ(to_string(copy), to_string(moved));
  EXPECT_EQ(evaluate(copy, reference_environment("3.7")), false);
}

}  // namespace
}  // namespace tracegate::resolvers::pep508
