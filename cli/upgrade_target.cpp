// SPDX-License-Identifier: Apache-2.0
#include "cli/upgrade_target.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "rules/release_diff.hpp"

namespace tracegate::cli {

rules::UpgradeTarget resolve_upgrade(const rules::KnowledgeBase& base, const std::string& upgrade) {
  const auto at = upgrade.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == upgrade.size()) {
    throw core::Fatal(fmt::format("--upgrade '{}': expected PACKAGE@VERSION, e.g. ddtrace@2.11.1", upgrade));
  }
  const std::string package = upgrade.substr(0, at);
  const std::string version = upgrade.substr(at + 1);
  const auto* tracer = base.find_tracer(package);
  if (!tracer) throw core::Fatal(fmt::format("--upgrade: '{}' is not a tracer package the knowledge base knows; see `tracegate rules list`", package));
  const auto* release = rules::find_release(*tracer, version);
  if (!release) {
    throw core::Fatal(fmt::format("--upgrade: {} {} is not a release the knowledge base knows (known: {} .. {})", tracer->id,
                                  version, tracer->releases.front().version, tracer->releases.back().version));
  }
  return {tracer, release, package};
}

}  // namespace tracegate::cli
