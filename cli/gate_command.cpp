// SPDX-License-Identifier: Apache-2.0
// `tracegate gate`: the findings a pull request introduces. docs/gate.md.
#include "cli/gate_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <set>

#include "cli/affected_services.hpp"
#include "cli/config.hpp"
#include "cli/deploy_files.hpp"
#include "cli/exit_code.hpp"
#include "cli/findings_output.hpp"
#include "cli/knowledge_loading.hpp"
#include "cli/output_targets.hpp"
#include "cli/policy_setup.hpp"
#include "cli/scan_pipeline.hpp"
#include "cli/service_analysis.hpp"
#include "cli/upgrade_target.hpp"
#include "core/error.hpp"
#include "reports/audit_report.hpp"
#include "reports/report_formats.hpp"
#include "rules/finding_policy.hpp"
#include "rules/runtime_consistency.hpp"
#include "scanner/git/change_set.hpp"
#include "scanner/scan.hpp"

namespace tracegate::cli {

namespace {

struct GateFlags {
  std::string base;
  std::string head = "HEAD";
  std::string upgrade;
  std::string path = ".";
  std::vector<std::string> formats;
  std::string output;
  std::string config;
  std::string fail_on;
  std::string baseline;
  std::string today;
};

/// One side of the pull request, read from the object database.
struct Side {
  std::unique_ptr<scanner::RepositorySnapshot> snapshot;
  std::vector<core::Service> services;
  std::vector<rules::RepositoryDeploy> fleet;  ///< this repository's deploy files
  std::vector<core::Diagnostic> diagnostics;
};

Side read_side(std::unique_ptr<scanner::RepositorySnapshot> snapshot, const Config& config) {
  Side side;
  side.snapshot = std::move(snapshot);
  auto scan = scanner::scan_snapshot(*side.snapshot, options_from(config));
  for (auto& service : scan.services) rules::check_runtime_consistency(service);
  side.services = std::move(scan.services);
  side.diagnostics = std::move(scan.diagnostics);
  side.fleet.push_back(read_repository_deploy(*side.snapshot, side.diagnostics));
  return side;
}

/// The base side's counterpart of a head service: the same directory, else the same name.
const core::Service* counterpart(const Side& base, const core::Service& service) {
  for (const auto& candidate : base.services) {
    if (candidate.path == service.path) return &candidate;
  }
  for (const auto& candidate : base.services) {
    if (candidate.name == service.name) return &candidate;
  }
  return nullptr;
}

int run_gate(const GateFlags& flags) {
  const auto loaded = load_knowledge_with({});
  const auto& base_knowledge = require_clean(loaded);
  std::optional<rules::UpgradeTarget> upgrade;
  if (!flags.upgrade.empty()) upgrade = resolve_upgrade(base_knowledge, flags.upgrade);

  auto changes = scanner::changes_between(flags.path, flags.base, flags.head);
  if (!changes) throw core::Fatal(changes.error().message);

  // Head's configuration applies to both sides: the pull request may change it, and its
  // rules are the ones the merge will live under.
  std::vector<core::Diagnostic> config_diagnostics;
  auto head_snapshot = scanner::open_git_ref(flags.path, changes->head_commit);
  if (!head_snapshot) throw core::Fatal(head_snapshot.error().message);
  Config config;
  if (!flags.config.empty()) {
    auto loaded_config = load_config_file(flags.config);
    if (!loaded_config) throw core::Fatal(core::to_string(loaded_config.error()));
    config = *loaded_config;
  } else {
    config = repository_config(**head_snapshot, config_diagnostics);
  }
  auto policy = setup_policy(config, head_snapshot->get(), flags.config.empty(), flags.fail_on, flags.baseline, flags.today);
  std::ranges::move(policy.diagnostics, std::back_inserter(config_diagnostics));
  const auto targets = findings_targets(flags.formats, flags.output, "gate");

  auto base_snapshot = scanner::open_git_ref(flags.path, changes->merge_base);
  if (!base_snapshot) throw core::Fatal(base_snapshot.error().message);
  Side head = read_side(std::move(*head_snapshot), config);
  Side base = read_side(std::move(*base_snapshot), config);
  const auto affected = affected_services(head.services, changes->changed_paths, head.fleet);
  const ServiceAnalysis analysis(base_knowledge, upgrade);

  reports::AuditReport report;
  if (upgrade) {
    report.tracer = upgrade->tracer->id;
    report.package = upgrade->package;
    report.target_version = upgrade->release->version;
  }
  std::vector<core::Finding> findings;
  std::vector<core::Diagnostic> analysis_diagnostics;
  for (const auto& [index, changed_file, why] : affected) {
    const auto& service = head.services[index];
    const auto* before = counterpart(base, service);
    const rules::Release* from = nullptr;
    if (!upgrade && before) {
      // The pull request changes the tracer's version: judge that change itself.
      const auto* was = analysis.current_release(*before);
      const auto* now = analysis.current_release(service);
      if (was && now && was != now) from = was;
    }
    auto at_head = analysis.analyze(*head.snapshot, head.services, index, head.fleet, from, analysis_diagnostics);
    std::set<std::string> known;
    if (before) {
      std::vector<core::Diagnostic> ignored;  // the base side's unreadable files are not this change's doing
      const auto base_index = static_cast<std::size_t>(before - base.services.data());
      for (const auto& finding : analysis.analyze(*base.snapshot, base.services, base_index, base.fleet, nullptr, ignored)) {
        known.insert(core::fingerprint(finding));
      }
    }
    for (auto& finding : at_head) {
      if (!known.contains(core::fingerprint(finding))) findings.push_back(std::move(finding));
    }
    std::ranges::copy(service.diagnostics, std::back_inserter(head.diagnostics));
    reports::AuditedService entry{service.name, service.source, service.path, service.tracer.has_value(), "",
                                  report.target_version};
    if (const auto* current = analysis.current_release(service)) entry.current = current->version;
    report.services.push_back(std::move(entry));
  }
  // The policy over what is new; findings about the configuration (an expired suppression)
  // come from the file itself and are always reported.
  auto applied = rules::apply_policy(std::move(findings), policy.policy, policy.today);
  report.findings = std::move(applied.findings);
  // Like findings, input problems count when the pull request brings them: files it changed.
  std::erase_if(head.diagnostics, [&](const core::Diagnostic& d) {
    return !d.where.path.empty() && !std::ranges::binary_search(changes->changed_paths, d.where.path);
  });
  for (auto* diagnostics : {&config_diagnostics, &head.diagnostics, &analysis_diagnostics}) {
    for (auto& diagnostic : *diagnostics) {
      if (diagnostic.repository.empty()) diagnostic.repository = head.snapshot->ref().repository;
      if (std::ranges::find(report.diagnostics, diagnostic) == report.diagnostics.end()) report.diagnostics.push_back(diagnostic);
    }
  }
  report.headline = fmt::format("gate {}...{} ({}): {} of {} service(s) affected, {} new finding(s)", flags.base, flags.head,
                                changes->merge_base.substr(0, 12), affected.size(), head.services.size(),
                                report.findings.size());

  report.command = "gate";
  report.fail_on = policy.fail_on;
  write_findings_report(targets, report);
  if (rules::fails(report.findings, policy.fail_on)) return kFindings;
  const bool unreadable = std::ranges::any_of(report.diagnostics, [](const core::Diagnostic& d) {
    return d.level == core::Diagnostic::Level::error;
  });
  return unreadable ? kDiagnostics : kClean;
}

}  // namespace

void add_gate_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<GateFlags>();
  auto* gate = app.add_subcommand("gate", "The findings a pull request introduces: head compared with its merge-base with base (docs/gate.md)");
  gate->add_option("--base", flags->base, "the branch the pull request goes into (e.g. origin/main)")->required();
  gate->add_option("--head", flags->head, "the pull request's commit (default HEAD)");
  gate->add_option("--upgrade", flags->upgrade, "audit this upgrade on both sides, PACKAGE@VERSION; without it each service's own release");
  gate->add_option("path", flags->path, "the repository (default .)");
  add_findings_format_option(*gate, flags->formats);
  gate->add_option("--output,-o", flags->output, "write the report to FILE")->type_name("FILE");
  gate->add_option("--fail-on", flags->fail_on, "exit 1 when a new finding is at or above: error (default, or fail_on in tracegate.toml), warning, note");
  add_policy_options(*gate, flags->today, &flags->baseline);
  gate->add_option("--config", flags->config, "configuration file instead of the head's tracegate.toml")->type_name("FILE");
  gate->callback([flags, &exit_code] { exit_code = run_gate(*flags); });
}

}  // namespace tracegate::cli
