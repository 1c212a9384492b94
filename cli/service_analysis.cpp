// SPDX-License-Identifier: Apache-2.0
#include "cli/service_analysis.hpp"

#include <fmt/format.h>

#include "cli/service_files.hpp"
#include "rules/connectivity_checks.hpp"

namespace tracegate::cli {

ServiceAnalysis::ServiceAnalysis(const rules::KnowledgeBase& base, std::optional<rules::UpgradeTarget> upgrade)
    : base_(&base), upgrade_(std::move(upgrade)) {}

core::Result<const rules::UpgradeAudit*> ServiceAnalysis::audit_for(const rules::Tracer& tracer, const rules::Release& release,
                                                                    const std::string& package) const {
  const std::lock_guard lock(mutex_);
  if (const auto it = audits_.find(&release); it != audits_.end()) return it->second.get();
  auto prepared = rules::UpgradeAudit::prepare(*base_, rules::UpgradeTarget{&tracer, &release, package});
  if (!prepared) return std::unexpected(prepared.error());
  auto& slot = audits_[&release];
  slot = std::make_unique<rules::UpgradeAudit>(std::move(*prepared));
  return slot.get();
}

const rules::Release* ServiceAnalysis::current_release(const core::Service& service) const {
  if (!service.tracer) return nullptr;
  const auto* tracer = base_->find_tracer(service.tracer->package);
  return tracer ? rules::current_release(*tracer, service) : nullptr;
}

std::vector<core::Finding> ServiceAnalysis::analyze(const scanner::RepositorySnapshot& snapshot,
                                                    const std::vector<core::Service>& services, std::size_t index,
                                                    const std::vector<rules::RepositoryDeploy>& fleet,
                                                    const rules::Release* from,
                                                    std::vector<core::Diagnostic>& diagnostics) const {
  const auto& service = services[index];
  const rules::Tracer* tracer = nullptr;
  const rules::Release* target = nullptr;
  std::string package;
  if (upgrade_) {
    tracer = upgrade_->tracer;
    target = upgrade_->release;
    package = upgrade_->package;
  } else {
    if (!service.tracer) return {};
    tracer = base_->find_tracer(service.tracer->package);
    target = current_release(service);
    package = service.tracer->package;
    if (!tracer || !target) return {};
  }
  std::vector<core::Finding> findings;
  const auto audit = audit_for(*tracer, *target, package);
  if (!audit) {
    diagnostics.push_back({{}, audit.error().message, core::Diagnostic::Level::error, service.source.repository});
    return findings;
  }
  const auto files = read_service_files(snapshot, service, services, diagnostics);
  // Without an upgrade and without a version change there is no "before": the state itself.
  findings = upgrade_ || from ? (*audit)->audit(service, files, from) : (*audit)->check_state(service);
  if (service.tracer && base_->find_tracer(service.tracer->package) == tracer) {
    const rules::ConnectivityChecks connectivity(*tracer, *target, fleet);
    for (auto& finding : connectivity.check(service, services)) findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace tracegate::cli
