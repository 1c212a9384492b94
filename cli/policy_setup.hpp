// SPDX-License-Identifier: Apache-2.0
// tracegate.toml's policy (fail_on, [severity], [[suppress]], baseline) and the flags that
// complete it (--baseline, --today), ready for rules::apply_policy.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/config.hpp"
#include "core/date.hpp"
#include "core/diagnostic.hpp"
#include "core/finding.hpp"
#include "rules/finding_policy.hpp"
#include "scanner/snapshot.hpp"

namespace tracegate::cli {

struct PolicySetup {
  rules::Policy policy;
  core::Date today;
  core::Severity fail_on = core::Severity::error;
  /// Unknown check ids in the file, an unreadable repository baseline: reported, never fatal.
  std::vector<core::Diagnostic> diagnostics;
};

/// `config` came from the repository of `snapshot` when `from_repository` (its baseline path is
/// then read from the same snapshot), else from --config (paths on disk). `fail_on_flag`,
/// `baseline_flag` and `today_flag` win over the file; errors in the flags are fatal (exit 2).
PolicySetup setup_policy(const Config& config, const scanner::RepositorySnapshot* snapshot, bool from_repository,
                         const std::string& fail_on_flag, const std::string& baseline_flag, const std::string& today_flag);

/// Adds `--today YYYY-MM-DD` and, when `baseline` is given, `--baseline FILE` to a command.
void add_policy_options(CLI::App& command, std::string& today, std::string* baseline = nullptr);

/// Whether a check id is one the catalog (docs/checks/) knows.
bool is_known_check(std::string_view id);

}  // namespace tracegate::cli
