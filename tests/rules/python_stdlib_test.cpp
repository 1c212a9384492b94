// SPDX-License-Identifier: Apache-2.0
// The standard library per Python 3 minor version.

#include <gtest/gtest.h>

#include <string_view>

#include "rules/python_imports.hpp"
#include "rules/python_stdlib.hpp"

namespace tracegate::rules {
namespace {

TEST(PythonStdlib, CommonModulesInEveryVersion) {
  for (int minor = kOldestKnownPythonMinor; minor <= kNewestKnownPythonMinor; ++minor) {
    for (const std::string_view name : {"os", "sys", "json", "typing", "asyncio", "__future__", "_thread",
                                        "collections", "importlib", "xml", "contextvars", "dataclasses", "cProfile"}) {
      EXPECT_TRUE(is_stdlib_module(name, minor)) << name << " 3." << minor;
    }
  }
}

TEST(PythonStdlib, ThirdPartyIsNot) {
  for (int minor = 0; minor <= 20; ++minor) {
    for (const std::string_view name : {"six", "requests", "ddtrace", "yaml", "google", "typing_extensions", "",
                                        "OS", "json.decoder", "__main__", "_testcapi", "test"}) {
      EXPECT_FALSE(is_stdlib_module(name, minor)) << name << " 3." << minor;
    }
  }
}

TEST(PythonStdlib, AdditionsPerVersion) {
  EXPECT_FALSE(is_stdlib_module("zoneinfo", 8));
  EXPECT_TRUE(is_stdlib_module("zoneinfo", 9));
  EXPECT_FALSE(is_stdlib_module("graphlib", 8));
  EXPECT_TRUE(is_stdlib_module("graphlib", 9));
  EXPECT_FALSE(is_stdlib_module("tomllib", 10));
  EXPECT_TRUE(is_stdlib_module("tomllib", 11));
  EXPECT_TRUE(is_stdlib_module("tomllib", 14));
  EXPECT_FALSE(is_stdlib_module("annotationlib", 13));
  EXPECT_TRUE(is_stdlib_module("annotationlib", 14));
  EXPECT_FALSE(is_stdlib_module("compression", 13));
  EXPECT_TRUE(is_stdlib_module("compression", 14));
  EXPECT_TRUE(is_stdlib_module("_sha2", 12));
  EXPECT_FALSE(is_stdlib_module("_sha2", 11));
}

TEST(PythonStdlib, RemovalsPerVersion) {
  for (const std::string_view name : {"distutils", "asynchat", "asyncore", "imp", "smtpd"}) {
    EXPECT_TRUE(is_stdlib_module(name, 7)) << name;
    EXPECT_TRUE(is_stdlib_module(name, 11)) << name;
    EXPECT_FALSE(is_stdlib_module(name, 12)) << name;
    EXPECT_FALSE(is_stdlib_module(name, 14)) << name;
  }
  // PEP 594's 19 "dead batteries" and lib2to3.
  for (const std::string_view name : {"aifc", "audioop", "cgi", "cgitb", "chunk", "crypt", "imghdr", "mailcap",
                                      "msilib", "nis", "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau",
                                      "telnetlib", "uu", "xdrlib", "lib2to3"}) {
    EXPECT_TRUE(is_stdlib_module(name, 12)) << name;
    EXPECT_FALSE(is_stdlib_module(name, 13)) << name;
  }
  EXPECT_TRUE(is_stdlib_module("macpath", 7));
  EXPECT_FALSE(is_stdlib_module("macpath", 8));
  EXPECT_TRUE(is_stdlib_module("dummy_threading", 8));
  EXPECT_FALSE(is_stdlib_module("dummy_threading", 9));
  EXPECT_TRUE(is_stdlib_module("_peg_parser", 9));
  EXPECT_FALSE(is_stdlib_module("_peg_parser", 10));
  EXPECT_TRUE(is_stdlib_module("parser", 9));
  EXPECT_FALSE(is_stdlib_module("parser", 10));
  EXPECT_TRUE(is_stdlib_module("binhex", 10));
  EXPECT_FALSE(is_stdlib_module("binhex", 11));
}

TEST(PythonStdlib, PlatformModulesCount) {
  for (const std::string_view name : {"winreg", "msvcrt", "_winapi", "nt", "posix", "_scproxy", "fcntl"}) {
    EXPECT_TRUE(is_stdlib_module(name, 7)) << name;
    EXPECT_TRUE(is_stdlib_module(name, 14)) << name;
  }
}

TEST(PythonStdlib, OutOfRangeUsesNearest) {
  EXPECT_TRUE(is_stdlib_module("distutils", 2));
  EXPECT_FALSE(is_stdlib_module("zoneinfo", 6));
  EXPECT_TRUE(is_stdlib_module("compression", 15));
  EXPECT_FALSE(is_stdlib_module("distutils", 99));
}

TEST(PythonStdlib, TopLevelOfAnImport) {
  EXPECT_TRUE(is_stdlib_module(top_level("xml.etree.ElementTree"), 11));
  EXPECT_FALSE(is_stdlib_module(top_level("six.moves.urllib"), 11));
}

}  // namespace
}  // namespace tracegate::rules
