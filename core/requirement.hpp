// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "core/ecosystem.hpp"
#include "core/source_location.hpp"

namespace tracegate::core {

/// Which install a requirement belongs to.
enum class Scope { main, dev, optional };
std::string_view to_string(Scope scope);

/// One dependency as a manifest states it, with where it was stated.
struct Requirement {
  Ecosystem ecosystem = Ecosystem::pypi;
  std::string name;             ///< as written
  std::string normalized_name;  ///< per the ecosystem (PEP 503 for pypi)
  std::string constraint;       ///< raw, e.g. ">=2.1,<3" or "^2.1"; empty = any version
  ConstraintSyntax syntax = ConstraintSyntax::pep440;
  std::vector<std::string> extras;
  std::string markers;  ///< PEP 508 marker expression, raw; empty = always
  Scope scope = Scope::main;
  std::string group;  ///< dev/optional group name ("test", "docs"), empty for main
  /// False when a compiled file (pip-tools `# via x`) pins it only because something else needs it.
  bool declared = true;
  /// From a constraints file (`-c`): limits the version if installed, installs nothing.
  bool constraint_only = false;
  std::vector<std::string> via;  ///< pip-tools `# via` annotations, as written
  std::string url;               ///< direct reference (URL, VCS, local path), credentials intact
  bool editable = false;
  /// False for URL/VCS/path requirements: no registry version to reason about.
  bool resolvable = true;
  SourceLocation origin;
};

}  // namespace tracegate::core
