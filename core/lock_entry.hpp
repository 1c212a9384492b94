// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "core/ecosystem.hpp"
#include "core/source_location.hpp"

namespace tracegate::core {

/// A dependency edge a lockfile records for a locked package (poetry.lock, uv.lock keep these).
struct LockedDependency {
  std::string name;
  std::string normalized_name;
  std::string constraint;
  std::string markers;
};

/// One package version pinned by a lockfile.
struct LockEntry {
  Ecosystem ecosystem = Ecosystem::pypi;
  std::string name;
  std::string normalized_name;
  std::string version;
  std::vector<std::string> groups;  ///< lock categories/groups ("main", "dev"), when the lock says
  std::vector<LockedDependency> dependencies;
  SourceLocation origin;
};

}  // namespace tracegate::core
