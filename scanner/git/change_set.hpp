// SPDX-License-Identifier: Apache-2.0
// What a pull request changes: the files that differ between the merge-base of two refs and the
// head, as `git diff base...head` lists them, read from the object database (no checkout).
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace tracegate::scanner {

struct ChangeSet {
  std::string base_commit;  ///< full sha of --base
  std::string head_commit;  ///< full sha of --head
  std::string merge_base;   ///< full sha of their merge-base
  /// Repository-relative paths added, modified, deleted or renamed (both names), sorted, unique.
  std::vector<std::string> changed_paths;
};

/// Errors name the ref. In a shallow clone, a base commit or merge-base that is not in the
/// object database gets a message asking for full history (`fetch-depth: 0`).
core::Result<ChangeSet> changes_between(const std::string& repository, const std::string& base_ref,
                                        const std::string& head_ref);

}  // namespace tracegate::scanner
