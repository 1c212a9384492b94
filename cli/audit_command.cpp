// SPDX-License-Identifier: Apache-2.0
#include "cli/audit_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/config.hpp"
#include "cli/deploy_files.hpp"
#include "cli/findings_output.hpp"
#include "cli/policy_setup.hpp"
#include "cli/exit_code.hpp"
#include "cli/knowledge_loading.hpp"
#include "cli/output_targets.hpp"
#include "cli/scan_pipeline.hpp"
#include "cli/service_files.hpp"
#include "cli/upgrade_target.hpp"
#include "core/error.hpp"
#include "core/package_name.hpp"
#include "reports/audit_report.hpp"
#include "reports/report_formats.hpp"
#include "rules/audit.hpp"
#include "rules/connectivity_checks.hpp"
#include "rules/finding_policy.hpp"
#include "rules/release_diff.hpp"

namespace tracegate::cli {

namespace {

struct AuditFlags {
  std::string upgrade;
  std::vector<std::string> paths;
  std::vector<std::string> discover;
  std::string ref;
  std::vector<std::string> formats;
  std::string output;
  std::string config;
  std::string fail_on;
  std::string baseline;
  std::string today;
  int jobs = 0;
};

/// The audit's findings with each audited service's connectivity findings after its own, in
/// the inventory's service order.
using IndexedFindings = std::vector<std::pair<std::size_t, core::Finding>>;

IndexedFindings with_connectivity_findings(core::Inventory& inventory, const rules::KnowledgeBase& base,
                                           const rules::UpgradeTarget& target,
                                           const std::vector<rules::RepositoryDeploy>& fleet) {
  const rules::ConnectivityChecks connectivity(*target.tracer, *target.release, fleet);
  const auto service_index = [&](const core::Finding& finding) {
    for (std::size_t i = 0; i < inventory.services.size(); ++i) {
      const auto& service = inventory.services[i];
      if (service.name == finding.service && service.source.repository == finding.source.repository) return i;
    }
    return inventory.services.size();
  };
  IndexedFindings ordered;
  for (auto& finding : inventory.findings) {
    const auto index = service_index(finding);
    ordered.emplace_back(index, std::move(finding));
  }
  for (std::size_t i = 0; i < inventory.services.size(); ++i) {
    const auto& service = inventory.services[i];
    if (!service.tracer || base.find_tracer(service.tracer->package) != target.tracer) continue;
    for (auto& finding : connectivity.check(service, inventory.services)) ordered.emplace_back(i, std::move(finding));
  }
  std::ranges::stable_sort(ordered, {}, &std::pair<std::size_t, core::Finding>::first);
  return ordered;
}

/// Each repository's findings under its policy (its own tracegate.toml, or --config's), in
/// order; the policy's own findings (an expired suppression) after the repository's.
std::vector<core::Finding> apply_policies(IndexedFindings ordered, const core::Inventory& inventory,
                                          const std::map<std::string, PolicySetup>& policies) {
  std::vector<core::Finding> findings;
  for (std::size_t begin = 0; begin < ordered.size();) {
    const auto repository_of = [&](const std::pair<std::size_t, core::Finding>& entry) {
      return entry.first < inventory.services.size() ? inventory.services[entry.first].source.repository
                                                     : entry.second.source.repository;
    };
    const auto repository = repository_of(ordered[begin]);
    std::vector<core::Finding> group;
    std::size_t end = begin;
    for (; end < ordered.size() && repository_of(ordered[end]) == repository; ++end) group.push_back(std::move(ordered[end].second));
    begin = end;
    const auto policy = policies.find(repository);
    if (policy == policies.end()) {
      std::ranges::move(group, std::back_inserter(findings));
      continue;
    }
    std::ranges::move(rules::apply_policy(std::move(group), policy->second.policy, policy->second.today).findings,
                      std::back_inserter(findings));
  }
  // A repository without findings still gets its expired suppressions reported.
  for (const auto& [repository, policy] : policies) {
    const bool seen = std::ranges::any_of(ordered, [&](const auto& entry) {
      return entry.first < inventory.services.size() && inventory.services[entry.first].source.repository == repository;
    });
    if (seen) continue;
    std::ranges::move(rules::apply_policy({}, policy.policy, policy.today).findings, std::back_inserter(findings));
  }
  return findings;
}

int run_audit(const AuditFlags& flags) {
  const auto targets = findings_targets(flags.formats, flags.output, "audit");

  ScanRequest request;
  request.paths = flags.paths;
  request.discover_dirs = flags.discover;
  if (request.paths.empty() && request.discover_dirs.empty()) request.paths.push_back(".");
  if (!flags.ref.empty()) request.ref = flags.ref;
  std::vector<std::string> rule_directories;
  if (!flags.config.empty()) {
    auto config = load_config_file(flags.config);
    if (!config) throw core::Fatal(core::to_string(config.error()));
    request.config = *config;
    rule_directories = config->rules.paths;
  }
  request.jobs = flags.jobs > 0 ? flags.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  const auto loaded = load_knowledge_with(rule_directories);
  const auto& base = require_clean(loaded);
  auto audit = rules::UpgradeAudit::prepare(base, resolve_upgrade(base, flags.upgrade));
  if (!audit) throw core::Fatal(audit.error().message);

  // Flags that name files or dates fail the run (exit 2) here, before any repository is read.
  const auto global_policy = setup_policy(request.config.value_or(Config{}), nullptr, false, flags.fail_on, flags.baseline, flags.today);
  const auto fail_on = global_policy.fail_on;
  std::map<std::string, PolicySetup> policies;

  std::mutex diagnostics_mutex;
  std::vector<core::Diagnostic> file_diagnostics;
  std::vector<rules::RepositoryDeploy> fleet;
  request.analyze = [&](const scanner::RepositorySnapshot& snapshot, const std::vector<core::Service>& services,
                        const Config& config) {
    // --baseline and --config's baseline were read once above; a repository's own is read here,
    // from its snapshot.
    const bool own = !request.config.has_value();
    const bool read_above = !own || !flags.baseline.empty();
    Config repository = config;
    if (read_above) repository.baseline.reset();
    auto policy = setup_policy(repository, &snapshot, own, "", "", flags.today);
    if (read_above) policy.policy.baseline = global_policy.policy.baseline;
    std::vector<core::Finding> findings;
    std::vector<core::Diagnostic> diagnostics;
    for (const auto& service : services) {
      const auto files = read_service_files(snapshot, service, services, diagnostics);
      std::ranges::move(audit->audit(service, files), std::back_inserter(findings));
    }
    auto deploy = read_repository_deploy(snapshot, diagnostics);
    const std::lock_guard lock(diagnostics_mutex);
    std::ranges::move(diagnostics, std::back_inserter(file_diagnostics));
    std::ranges::move(policy.diagnostics, std::back_inserter(file_diagnostics));
    policies.emplace(snapshot.ref().repository, std::move(policy));
    fleet.push_back(std::move(deploy));
    return findings;
  };
  auto inventory = build_inventory(request);
  if (!inventory) throw core::Fatal(core::to_string(inventory.error()));
  // The agent is usually deployed from another repository than the services: the connectivity
  // checks run once every repository is read. Workers finish in any order; the result must not.
  std::ranges::sort(fleet, {}, [](const rules::RepositoryDeploy& d) { return d.source.repository; });
  inventory->findings = apply_policies(with_connectivity_findings(*inventory, base, audit->target(), fleet), *inventory, policies);

  reports::AuditReport report;
  report.tracer = audit->target().tracer->id;
  report.package = audit->target().package;
  report.target_version = audit->target().release->version;
  for (const auto& service : inventory->services) {
    reports::AuditedService entry{service.name, service.source, service.path, false, "", report.target_version};
    if (service.tracer && base.find_tracer(service.tracer->package) == audit->target().tracer) {
      entry.uses_tracer = true;
      if (const auto* current = audit->current_release(service)) entry.current = current->version;
    }
    report.services.push_back(std::move(entry));
    for (const auto& diagnostic : service.diagnostics) {
      report.diagnostics.push_back(diagnostic);
      if (report.diagnostics.back().repository.empty()) report.diagnostics.back().repository = service.source.repository;
    }
  }
  report.findings = std::move(inventory->findings);
  std::ranges::move(inventory->diagnostics, std::back_inserter(report.diagnostics));
  std::ranges::move(file_diagnostics, std::back_inserter(report.diagnostics));
  // A Dockerfile is read by the Python runtime reader and by the deploy reader (its ENV): a
  // problem of its syntax is reported by both.
  std::vector<core::Diagnostic> unique;
  for (auto& diagnostic : report.diagnostics) {
    if (std::ranges::find(unique, diagnostic) == unique.end()) unique.push_back(std::move(diagnostic));
  }
  report.diagnostics = std::move(unique);

  report.command = "audit";
  report.fail_on = fail_on;
  write_findings_report(targets, report);
  if (rules::fails(report.findings, fail_on)) return kFindings;
  return has_error_diagnostics(*inventory) ? kDiagnostics : kClean;
}

}  // namespace

void add_audit_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<AuditFlags>();
  auto* audit = app.add_subcommand("audit", "What breaks when services upgrade their tracer (docs/checks/)");
  audit->add_option("--upgrade", flags->upgrade, "the target release, PACKAGE@VERSION (e.g. ddtrace@2.11.1)")->required();
  audit->add_option("paths", flags->paths, "repositories or directories to audit (default: .)");
  audit->add_option("--ref", flags->ref, "read this git ref from the object database (branch, tag, sha, HEAD~n)");
  audit->add_option("--discover", flags->discover, "audit every git repository below DIR")->type_name("DIR")->allow_extra_args(false);
  add_findings_format_option(*audit, flags->formats);
  audit->add_option("--output,-o", flags->output, "write the report to FILE")->type_name("FILE");
  audit->add_option("--fail-on", flags->fail_on, "exit 1 when an unsuppressed finding is at or above: error (default, or --config's fail_on), warning, note");
  add_policy_options(*audit, flags->today, &flags->baseline);
  audit->add_option("--config", flags->config, "configuration file (scan settings and [rules] paths)")->type_name("FILE");
  audit->add_option("--jobs,-j", flags->jobs, "repositories audited in parallel (default: CPU count)")->check(CLI::Range(1, 1024));
  audit->callback([flags, &exit_code] { exit_code = run_audit(*flags); });
}

}  // namespace tracegate::cli
