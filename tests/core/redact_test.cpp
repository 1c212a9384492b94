// SPDX-License-Identifier: Apache-2.0
#include "core/redact.hpp"

#include <gtest/gtest.h>

namespace tracegate::core {
namespace {

TEST(RedactCredentials, RemovesUserInfoOfEveryUrl) {
  EXPECT_EQ(redact_credentials("--index-url https://user:token@pypi.example.com/simple"),
            "--index-url https://***@pypi.example.com/simple");
  EXPECT_EQ(redact_credentials("git+https://ghp_abc@github.com/a/b.git@v1 and http://u:p@x/"),
            "git+https://***@github.com/a/b.git@v1 and http://***@x/");
  EXPECT_EQ(redact_credentials("no url user@example.com"), "no url user@example.com");
  EXPECT_EQ(redact_credentials("https://github.com/a/b.git@v1"), "https://github.com/a/b.git@v1");
}

}  // namespace
}  // namespace tracegate::core
