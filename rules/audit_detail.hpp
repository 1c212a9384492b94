// SPDX-License-Identifier: Apache-2.0
// Internal to the audit: pieces shared by audit.cpp and audit_requirements.cpp.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/service.hpp"
#include "resolvers/version_set.hpp"
#include "rules/audit.hpp"

namespace tracegate::rules::audit_detail {

/// The Python minor versions ("3.11") a service may run on: its exact runtime, the minors its
/// declared range admits up to the newest Python the knowledge base knows, or, without any
/// runtime, the minors the target release declares.
std::vector<std::string> python_minors(const core::Service& service, const Tracer& tracer, const Release& target);

/// The set a service's constraint string admits (PEP 440 or Poetry syntax); nullopt when the
/// syntax is not one of those or it does not parse.
std::optional<resolvers::VersionSet> constraint_set(std::string_view constraint, core::ConstraintSyntax syntax);

/// A release's requirements that apply on at least one of `minors`, by normalized name.
struct AppliedRequirement {
  std::string name;  ///< normalized
  std::string text;  ///< as published
  resolvers::VersionSet set;
  std::set<std::string> minors;  ///< where its marker holds
};
std::vector<AppliedRequirement> applied_requirements(const Release& release, std::string_view package,
                                                     const std::vector<std::string>& minors);

/// A finding about `service` with the common fields filled in.
core::Finding make_finding(const core::Service& service, std::string_view check, core::Severity severity,
                           std::string subject, core::SourceLocation where, std::string message);

/// "pyproject.toml:8".
std::string short_location(const core::SourceLocation& where);

void check_requirements(const core::Service& service, const UpgradeTarget& target, const Release& current,
                        const std::vector<std::string>& minors, std::vector<core::Finding>& out);

void check_dropped_dependencies(const core::Service& service, const UpgradeTarget& target, const Release& current,
                                const std::vector<std::string>& minors, const std::vector<ServiceFile>& files,
                                const KnowledgeBase& base, std::vector<core::Finding>& out);

}  // namespace tracegate::rules::audit_detail
