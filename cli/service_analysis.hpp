// SPDX-License-Identifier: Apache-2.0
// The analysis the gate runs on each side of a pull request: the audit of a service and its
// connectivity checks, either against one upgrade target or, without one, against the
// service's own tracer release (its state as it is: requirements, runtime, deployment).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/service.hpp"
#include "rules/audit.hpp"
#include "rules/knowledge_base.hpp"
#include "rules/service_deployment.hpp"
#include "scanner/snapshot.hpp"

namespace tracegate::cli {

class ServiceAnalysis {
 public:
  /// `upgrade`: every service is audited against it. Without: each against its own release.
  ServiceAnalysis(const rules::KnowledgeBase& base, std::optional<rules::UpgradeTarget> upgrade);

  /// The release `service` runs: its lock, else the highest its constraint allows; null when
  /// it uses no known tracer or matches no known release.
  const rules::Release* current_release(const core::Service& service) const;

  /// The audit and connectivity findings of `services[index]` read from `snapshot`. `from`
  /// overrides the starting release (the base side's release when the tracer version changed).
  std::vector<core::Finding> analyze(const scanner::RepositorySnapshot& snapshot, const std::vector<core::Service>& services,
                                     std::size_t index, const std::vector<rules::RepositoryDeploy>& fleet,
                                     const rules::Release* from, std::vector<core::Diagnostic>& diagnostics) const;

 private:
  /// The prepared audit for a target release (patterns compiled once per release).
  core::Result<const rules::UpgradeAudit*> audit_for(const rules::Tracer& tracer, const rules::Release& release,
                                                     const std::string& package) const;

  const rules::KnowledgeBase* base_;
  std::optional<rules::UpgradeTarget> upgrade_;
  mutable std::mutex mutex_;
  mutable std::map<const rules::Release*, std::unique_ptr<rules::UpgradeAudit>> audits_;
};

}  // namespace tracegate::cli
