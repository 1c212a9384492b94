// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/finding.hpp"
#include "core/repository_ref.hpp"
#include "core/suppression_rule.hpp"

namespace tracegate::rules {

/// Fingerprints recorded by `tracegate baseline write FILE` (docs/configuration.md).
struct Baseline {
  std::string path;  ///< as given; named in the suppression of each finding it covers
  std::set<std::string, std::less<>> fingerprints;
};

/// What tracegate.toml (and a baseline) says about findings. Built by the CLI from its Config:
/// `Policy{config.severity, config.suppressions, baseline}`.
struct Policy {
  std::map<std::string, core::SeverityOverride, std::less<>> severity;
  std::vector<core::SuppressionRule> suppressions;
  std::optional<Baseline> baseline;
  /// The repository whose own tracegate.toml this is (suppression-* findings are reported in
  /// it); empty for `--config FILE`.
  core::RepositoryRef config_source;
  /// Report `suppression-unused` (note) for an unexpired suppression that suppressed nothing.
  /// Only meaningful when the run produced every finding the file could be about (the gate
  /// over a whole audit), so it is off unless the caller asks.
  bool report_unused = false;
};

struct PolicyCounts {
  std::size_t suppressed_by_config = 0;
  std::size_t suppressed_by_baseline = 0;
  std::size_t severity_overridden = 0;  ///< findings whose severity [severity] changed
  std::size_t turned_off = 0;           ///< findings dropped by [severity] <check> = "off"
  std::map<std::string, std::size_t> turned_off_by_check;
  std::size_t expired_suppressions = 0;  ///< suppression-expired findings added
  std::size_t unused_suppressions = 0;   ///< suppression-unused findings added
};

struct PolicyResult {
  /// Every finding, suppressed ones included (marked by `suppression`), in input order, then
  /// the suppression-expired and suppression-unused findings in file order. Only findings of a
  /// check turned "off" are missing (counted in `counts`).
  std::vector<core::Finding> findings;
  PolicyCounts counts;
  /// Per Policy::suppressions entry: findings it suppressed; for an expired entry, the
  /// findings it would have suppressed.
  std::vector<std::size_t> suppression_matches;
};

/// True when `rule`'s last day (`expires`) is before `today`; expires == today still holds.
bool is_expired(const core::SuppressionRule& rule, const core::Date& today);

/// Whether every criterion `rule` sets matches `finding` (expiry is not looked at). `service`
/// and `rule` match exactly or as fnmatch(3) globs; `path` matches the repository-relative
/// file or any of its parent directories, exactly or as a glob (so "tests" covers tests/a.py).
bool suppression_matches(const core::SuppressionRule& rule, const core::Finding& finding);

/// Applies `policy` as of `today` (never the clock: the CLI passes --today or today_utc()):
/// 1. [severity] overrides; "off" drops the finding (counted per check). A changed severity
///    adds a cause naming the tracegate.toml line.
/// 2. The first unexpired [[suppress]] entry that matches marks the finding suppressed.
///    An expired entry suppresses nothing and yields one suppression-expired error at its line.
/// 3. Findings not suppressed by the file whose fingerprint is in the baseline are marked
///    suppressed by the baseline.
/// Findings about the configuration itself (suppression-expired, suppression-unused) are
/// never overridden, suppressed or baselined.
PolicyResult apply_policy(std::vector<core::Finding> findings, const Policy& policy, const core::Date& today);

/// True when an unsuppressed finding is at or above `fail_on`.
bool fails(const std::vector<core::Finding>& findings, core::Severity fail_on);
bool fails(const PolicyResult& result, core::Severity fail_on);

/// Writes the baseline of `findings`: one entry per fingerprint, sorted by file, check,
/// service, subject, one entry per line so that it diffs well. Findings suppressed by
/// tracegate.toml and findings about the configuration are left out (when a suppression
/// expires its findings must come back, not hide in the baseline); findings already
/// suppressed by a baseline are kept, so rewriting a baseline keeps it.
void write_baseline(const std::vector<core::Finding>& findings, std::ostream& out);

/// Reads a baseline written by write_baseline. Malformed JSON is an error at `path:line:col`;
/// a wrong schema names the entry ("findings[3]").
core::Result<Baseline> parse_baseline(std::string_view text, std::string_view path);
core::Result<Baseline> read_baseline(const std::string& path);

}  // namespace tracegate::rules
