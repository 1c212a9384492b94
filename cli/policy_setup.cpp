// SPDX-License-Identifier: Apache-2.0
#include "cli/policy_setup.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "reports/check_catalog.hpp"

namespace tracegate::cli {

void add_policy_options(CLI::App& command, std::string& today, std::string* baseline) {
  if (baseline) {
    command.add_option("--baseline", *baseline, "findings recorded by `tracegate baseline write` do not fail the run")
        ->type_name("FILE");
  }
  command.add_option("--today", today, "the date suppressions expire against (default: today, UTC)")->type_name("YYYY-MM-DD");
}

bool is_known_check(std::string_view id) { return reports::find_check(id) != nullptr; }

PolicySetup setup_policy(const Config& config, const scanner::RepositorySnapshot* snapshot, bool from_repository,
                         const std::string& fail_on_flag, const std::string& baseline_flag, const std::string& today_flag) {
  PolicySetup setup;
  if (!fail_on_flag.empty()) {
    const auto level = core::parse_severity(fail_on_flag);
    if (!level) throw core::Fatal(fmt::format("--fail-on '{}': expected error, warning or note", fail_on_flag));
    setup.fail_on = *level;
  } else if (config.fail_on) {
    setup.fail_on = *config.fail_on;
  }
  if (today_flag.empty()) {
    setup.today = core::today_utc();
  } else {
    const auto today = core::parse_today(today_flag);
    if (!today) throw core::Fatal(today.error().message);
    setup.today = *today;
  }
  setup.policy.severity = config.severity;
  setup.policy.suppressions = config.suppressions;
  if (from_repository && snapshot) setup.policy.config_source = snapshot->ref();
  for (auto& diagnostic : validate_check_ids(config, is_known_check)) {
    if (from_repository && snapshot) diagnostic.repository = snapshot->ref().repository;
    setup.diagnostics.push_back(std::move(diagnostic));
  }

  if (!baseline_flag.empty()) {
    auto baseline = rules::read_baseline(baseline_flag);
    if (!baseline) throw core::Fatal(core::to_string(baseline.error()));
    setup.policy.baseline = std::move(*baseline);
  } else if (config.baseline) {
    if (from_repository && snapshot) {
      // The repository's own baseline, at the same commit as its tracegate.toml.
      auto text = snapshot->read(*config.baseline, 64u << 20);
      auto baseline = text ? rules::parse_baseline(*text, *config.baseline) : core::Result<rules::Baseline>(std::unexpected(text.error()));
      if (baseline) {
        setup.policy.baseline = std::move(*baseline);
      } else {
        setup.diagnostics.push_back({baseline.error().where.value_or(core::SourceLocation{*config.baseline}),
                                     "baseline: " + baseline.error().message, core::Diagnostic::Level::error,
                                     snapshot->ref().repository});
      }
    } else {
      auto baseline = rules::read_baseline(*config.baseline);
      if (!baseline) throw core::Fatal(core::to_string(baseline.error()));
      setup.policy.baseline = std::move(*baseline);
    }
  }
  return setup;
}

}  // namespace tracegate::cli
