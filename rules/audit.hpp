// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/service.hpp"
#include "rules/knowledge_base.hpp"
#include "rules/source_masking.hpp"
#include "rules/usage_matcher.hpp"

namespace tracegate::rules {

/// The upgrade being audited: a tracer release from the knowledge base.
struct UpgradeTarget {
  const Tracer* tracer = nullptr;
  const Release* release = nullptr;
  std::string package;  ///< as the user wrote it (`ddtrace`, `com.datadoghq:dd-trace-ot`)
};

/// A text file of the service the analysis reads: its code, Dockerfiles, .env and YAML files.
struct ServiceFile {
  std::string path;  ///< repository-relative
  FileKind kind = FileKind::python;
  std::string text;
};

/// Everything the audit needs beyond the service: the knowledge base and the breaking-change
/// patterns of the target's tracer, compiled once per run.
class UpgradeAudit {
 public:
  /// Error when a pattern of the tracer's rules does not compile (the base was validated, so
  /// only user rules can get here).
  static core::Result<UpgradeAudit> prepare(const KnowledgeBase& base, UpgradeTarget target);

  /// The findings for one service. `files` are the service's own text files (nested services'
  /// files excluded). A service that does not use the target's tracer gets a tracer-not-found
  /// note when it is written in the tracer's language, nothing otherwise.
  /// `from` replaces the service's current release as the starting point (the gate: the
  /// release the base side ran, when the pull request changes the tracer version).
  std::vector<core::Finding> audit(const core::Service& service, const std::vector<ServiceFile>& files,
                                   const Release* from = nullptr) const;

  /// The service as it is, on the target release: its runtime and everything it declares and
  /// locks checked against the target's requirements (no upgrade, so nothing dropped and no
  /// breaking change). The gate without --upgrade, with the target = the service's release.
  std::vector<core::Finding> check_state(const core::Service& service) const;

  const UpgradeTarget& target() const { return target_; }

  /// The release a service runs now: its locked version, else the highest release its declared
  /// constraint allows; nullptr when neither is known.
  const Release* current_release(const core::Service& service) const;

 private:
  UpgradeAudit(const KnowledgeBase& base, UpgradeTarget target, UsageMatcher matcher,
               std::vector<const BreakingChange*> changes);

  const KnowledgeBase* base_;
  UpgradeTarget target_;
  UsageMatcher matcher_;
  std::vector<const BreakingChange*> changes_;  ///< index = UsagePattern::rule
};

/// The release a service runs now of `tracer`: its locked version, else the highest release its
/// declared constraint allows; nullptr when neither is known.
const Release* current_release(const Tracer& tracer, const core::Service& service);

/// The check ids the audit reports; each has docs/checks/<id>.md.
namespace checks {
inline constexpr std::string_view kConflict = "tracer-requirement-conflict";
inline constexpr std::string_view kLockRefresh = "lock-refresh-required";
inline constexpr std::string_view kDroppedDependency = "dropped-implicit-dependency";
inline constexpr std::string_view kRuntimeUnsupported = "runtime-unsupported";
inline constexpr std::string_view kRuntimePartly = "runtime-partly-unsupported";
inline constexpr std::string_view kRuntimeNewer = "runtime-newer-than-tested";
inline constexpr std::string_view kBreakingChange = "breaking-change";
inline constexpr std::string_view kTracerNotFound = "tracer-not-found";
inline constexpr std::string_view kDowngrade = "tracer-downgrade";
}  // namespace checks

}  // namespace tracegate::rules
