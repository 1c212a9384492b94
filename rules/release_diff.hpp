// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "rules/knowledge_base.hpp"

namespace tracegate::rules {

/// The requirement strings one package name has in each of two releases.
struct RequirementChange {
  std::string name;                 ///< normalized package name
  std::vector<std::string> before;  ///< as published in the older release
  std::vector<std::string> after;
};

/// What changes between two releases of one tracer: requirements grouped by package name
/// (a name whose strings differ in any way, markers included, is `changed`), and every
/// breaking change that takes effect after `from` up to and including `to`.
struct ReleaseDiff {
  std::vector<RequirementChange> added;
  std::vector<RequirementChange> removed;
  std::vector<RequirementChange> changed;
  std::vector<const BreakingChange*> breaking;
};

/// The requirements compared are those of `package` (see requirements_for).
ReleaseDiff diff_releases(const Tracer& tracer, std::string_view package, const Release& from, const Release& to);

/// The release of `tracer` with exactly this version (per the ecosystem's equality, so
/// `2.11.1` and `v2.11.1` are the same for Composer), or nullptr.
const Release* find_release(const Tracer& tracer, std::string_view version);

/// Whether `version` satisfies `constraint` in the tracer's ecosystem.
bool version_in(const Tracer& tracer, std::string_view constraint, std::string_view version);

}  // namespace tracegate::rules
