// SPDX-License-Identifier: Apache-2.0
// The defaults of the Datadog Helm chart, per chart version, and of the Datadog Operator,
// applied to the values a repository leaves out. Sources: ../shared/data/agent-connectivity.md
// (line numbers in chart_defaults.cpp and docs/readers/deploy.md).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/deployment.hpp"

namespace tracegate::scanner::deploy {

/// The newest chart the facts were collected from (agent-connectivity.md:8).
inline constexpr std::string_view kCurrentChartVersion = "3.240.0";

/// `3.69.0`, `v3.69`, `^3.0.0`, `~2.30`, `3.x`, `>=3.1.0 <4` → its (lower-bound) numbers, and whether it was exact.
struct ChartVersion {
  std::array<int, 3> numbers{};
  bool exact = true;
  friend auto operator<=>(const ChartVersion& a, const ChartVersion& b) { return a.numbers <=> b.numbers; }
  friend bool operator==(const ChartVersion& a, const ChartVersion& b) { return a.numbers == b.numbers; }
};
std::optional<ChartVersion> parse_chart_version(std::string_view text);

/// Fills what `settings` leaves unset with the defaults of the chart `pin` names (the current
/// chart when null), or the Operator's for a DatadogAgent; records which and why. Idempotent:
/// defaults applied earlier are dropped first.
void apply_defaults(core::DatadogAgentSettings& settings, const core::ChartPin* pin, std::string_view why_this_pin);

/// apply_defaults for every settings entry of the inventory, choosing its pin: the pin listing
/// its file, else a Chart.yaml dependency in its directory, else the only pin in the inventory.
void apply_defaults(core::DeployInventory& inventory);

}  // namespace tracegate::scanner::deploy
