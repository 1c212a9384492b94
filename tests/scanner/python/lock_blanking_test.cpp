// SPDX-License-Identifier: Apache-2.0
#include "scanner/python/lock_blanking.hpp"

#include <gtest/gtest.h>

namespace tracegate::scanner::python {
namespace {

TEST(BlankUnreadArrays, DropsNamedArraysButKeepsTheirLines) {
  const std::string entry = "    {file = \"a].whl\", hash = \"sha256:1\"}, # ]";
  const std::string text = "[[package]]\nname = \"a\"\nfiles = [\n" + entry + "\n]\nversion = \"1\"\n";
  EXPECT_EQ(blank_unread_arrays(text, {"files"}, ""),
            std::string("[[package]]\nname = \"a\"\nfiles = [\n\n]\nversion = \"1\"\n"));
}

TEST(BlankUnreadArrays, BlanksEveryArrayOfASection) {
  const std::string entry = "  {hash = \"x\"},";
  const std::string text = "[metadata.files]\nsix = [\n" + entry + "\n]\n\"a.b\" = []\n[other]\nk = [1]\n";
  EXPECT_EQ(blank_unread_arrays(text, {}, "metadata.files"),
            std::string("[metadata.files]\nsix = [\n\n]\n\"a.b\" = []\n[other]\nk = [1]\n"));
}

TEST(BlankUnreadArrays, LeavesOtherKeysIndentedKeysAndOddShapesAlone) {
  const std::string other = "dependencies = [\n  {name = \"x\"},\n]\n  files = [1]\n";
  EXPECT_EQ(blank_unread_arrays(other, {"files"}, ""), other);
  const std::string multiline = "files = [\"\"\"\n]\n\"\"\"]\n";
  EXPECT_EQ(blank_unread_arrays(multiline, {"files"}, ""), multiline);
  const std::string unclosed = "files = [\n  {file = \"a\"},\n";
  EXPECT_EQ(blank_unread_arrays(unclosed, {"files"}, ""), unclosed);
}

}  // namespace
}  // namespace tracegate::scanner::python
