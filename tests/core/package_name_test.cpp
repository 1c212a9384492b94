// SPDX-License-Identifier: Apache-2.0
#include "core/package_name.hpp"

#include <gtest/gtest.h>

namespace tracegate::core {
namespace {

TEST(NormalizePypiName, Pep503) {
  EXPECT_EQ(normalize_pypi_name("Django"), "django");
  EXPECT_EQ(normalize_pypi_name("python_dateutil"), "python-dateutil");
  EXPECT_EQ(normalize_pypi_name("zope.interface"), "zope-interface");
  EXPECT_EQ(normalize_pypi_name("A__B--C..d"), "a-b-c-d");
  EXPECT_EQ(normalize_package_name(Ecosystem::packagist, "DataDog/DD-Trace"), "datadog/dd-trace");
}

TEST(IsValidPypiName, LettersDigitsAndInnerSeparators) {
  EXPECT_TRUE(is_valid_pypi_name("ddtrace"));
  EXPECT_TRUE(is_valid_pypi_name("a.b-c_d"));
  EXPECT_FALSE(is_valid_pypi_name("-a"));
  EXPECT_FALSE(is_valid_pypi_name("a-"));
  EXPECT_FALSE(is_valid_pypi_name(""));
  EXPECT_FALSE(is_valid_pypi_name("a b"));
}

}  // namespace
}  // namespace tracegate::core
