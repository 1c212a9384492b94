// SPDX-License-Identifier: Apache-2.0
#include "cli/baseline_command.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "cli/config.hpp"
#include "cli/deploy_files.hpp"
#include "cli/exit_code.hpp"
#include "cli/knowledge_loading.hpp"
#include "cli/output_targets.hpp"
#include "cli/policy_setup.hpp"
#include "cli/scan_pipeline.hpp"
#include "cli/service_analysis.hpp"
#include "cli/upgrade_target.hpp"
#include "core/error.hpp"
#include "rules/finding_policy.hpp"
#include "rules/runtime_consistency.hpp"
#include "scanner/scan.hpp"

namespace tracegate::cli {

namespace {

struct BaselineFlags {
  std::string file;
  std::string upgrade;
  std::string ref = "HEAD";
  std::string path = ".";
  std::string config;
  std::string today;
};

int run_baseline_write(const BaselineFlags& flags) {
  const auto loaded = load_knowledge_with({});
  const auto& knowledge = require_clean(loaded);
  std::optional<rules::UpgradeTarget> upgrade;
  if (!flags.upgrade.empty()) upgrade = resolve_upgrade(knowledge, flags.upgrade);

  auto snapshot = scanner::open_git_ref(flags.path, flags.ref);
  if (!snapshot) throw core::Fatal(snapshot.error().message);
  std::vector<core::Diagnostic> diagnostics;
  Config config;
  if (!flags.config.empty()) {
    auto file = load_config_file(flags.config);
    if (!file) throw core::Fatal(core::to_string(file.error()));
    config = *file;
  } else {
    config = repository_config(**snapshot, diagnostics);
  }
  // The baseline records what the gate would report: the same analysis, the same suppressions.
  auto policy = setup_policy(config, snapshot->get(), flags.config.empty(), "", "", flags.today);
  policy.policy.baseline.reset();  // rewriting a baseline must not depend on the old one
  auto scan = scanner::scan_snapshot(**snapshot, options_from(config));
  for (auto& service : scan.services) rules::check_runtime_consistency(service);
  const std::vector<rules::RepositoryDeploy> fleet{read_repository_deploy(**snapshot, diagnostics)};
  const ServiceAnalysis analysis(knowledge, upgrade);
  std::vector<core::Finding> findings;
  for (std::size_t i = 0; i < scan.services.size(); ++i) {
    for (auto& finding : analysis.analyze(**snapshot, scan.services, i, fleet, nullptr, diagnostics)) {
      findings.push_back(std::move(finding));
    }
  }
  const auto applied = rules::apply_policy(std::move(findings), policy.policy, policy.today);
  auto written = write_output({"baseline", flags.file == "-" ? "" : flags.file}, [&](std::ostream& out) -> core::Result<void> {
    rules::write_baseline(applied.findings, out);
    return {};
  });
  if (!written) throw core::Fatal(written.error().message);
  std::cerr << fmt::format("tracegate: baseline of {} finding(s) in {} service(s) at {} written to {}\n", applied.findings.size(),
                           scan.services.size(), (*snapshot)->ref().commit.substr(0, 12), flags.file);
  for (const auto& diagnostic : diagnostics) std::cerr << core::to_string(diagnostic) << '\n';
  return kClean;
}

}  // namespace

void add_baseline_command(CLI::App& app, int& exit_code) {
  auto* baseline = app.add_subcommand("baseline", "Record current findings so the gate does not fail on them (docs/gate.md)");
  baseline->require_subcommand(1);
  auto flags = std::make_shared<BaselineFlags>();
  auto* write = baseline->add_subcommand("write", "Write the findings of every service at --ref to FILE (- for stdout)");
  write->add_option("file", flags->file, "the baseline file to write")->required();
  write->add_option("path", flags->path, "the repository (default .)");
  write->add_option("--ref", flags->ref, "the commit to record (default HEAD)");
  write->add_option("--upgrade", flags->upgrade, "record the findings of this upgrade audit, PACKAGE@VERSION, as the gate with --upgrade sees them");
  write->add_option("--config", flags->config, "configuration file instead of the repository's tracegate.toml")->type_name("FILE");
  add_policy_options(*write, flags->today);
  write->callback([flags, &exit_code] { exit_code = run_baseline_write(*flags); });
}

}  // namespace tracegate::cli
