// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/ecosystem.hpp"
#include "core/finding.hpp"
#include "core/lock_entry.hpp"
#include "core/repository_ref.hpp"
#include "core/requirement.hpp"
#include "core/runtime.hpp"

namespace tracegate::core {

/// Which tracer a service uses, as declared and as locked.
struct TracerUse {
  std::string package;     ///< normalized package name, e.g. "ddtrace"
  std::string constraint;  ///< declared constraint, raw ("" = any)
  ConstraintSyntax syntax = ConstraintSyntax::pep440;
  std::optional<std::string> locked_version;
  SourceLocation origin;  ///< the declaration, else the lock entry
  std::optional<SourceLocation> lock_origin;
};


/// A deployable unit: a directory holding a primary manifest.
struct Service {
  std::string name;
  RepositoryRef source;
  std::string path;  ///< directory inside the repository, "." for the root
  Language language = Language::python;
  std::vector<std::string> files;  ///< every file read for this service, repository-relative
  std::vector<Requirement> requirements;
  std::vector<LockEntry> lock_entries;
  std::vector<RuntimeHint> runtime_hints;
  std::optional<Runtime> runtime;
  std::optional<TracerUse> tracer;
  std::vector<Diagnostic> diagnostics;
};

/// Everything a scan found, across repositories.
struct Inventory {
  std::vector<RepositoryRef> repositories;  ///< every repository scanned, services or not
  std::vector<Service> services;
  /// Problems that belong to no service (unreadable repository parts, bad files outside services).
  std::vector<Diagnostic> diagnostics;
  /// What an analysis run alongside the scan found (the audit); empty for a plain scan.
  std::vector<Finding> findings;
};

}  // namespace tracegate::core
