// SPDX-License-Identifier: Apache-2.0
#include "scanner/git/git_handles.hpp"

#include <mutex>

#include <fmt/format.h>

namespace tracegate::scanner::git {

void ensure_initialized() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // Hostile repositories: verify objects' hashes and refuse to follow odd paths.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
  });
}

std::string describe_error(std::string_view action) {
  const git_error* error = git_error_last();
  return fmt::format("{}: {}", action, error && error->message ? error->message : "unknown libgit2 error");
}

}  // namespace tracegate::scanner::git
