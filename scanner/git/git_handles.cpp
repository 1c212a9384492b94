// SPDX-License-Identifier: Apache-2.0
#include "scanner/git/git_handles.hpp"

#include <mutex>

#include <fmt/format.h>

namespace tracegate::scanner::git {

void ensure_initialized() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // Corrupt objects still fail to inflate and are reported; re-hashing every blob read
    // (SHA-1 with collision detection) cost a fifth of a fleet scan and guards only against
    // deliberately forged objects, which a read-only scan of one's own repositories does not face.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  });
}

std::string describe_error(std::string_view action) {
  const git_error* error = git_error_last();
  return fmt::format("{}: {}", action, error && error->message ? error->message : "unknown libgit2 error");
}

}  // namespace tracegate::scanner::git
