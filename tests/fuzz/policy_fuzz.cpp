// SPDX-License-Identifier: Apache-2.0
// Fuzz target: tracegate.toml (with its [severity], [[suppress]] and baseline keys) and the
// baseline file, on arbitrary bytes; a configuration that parses is applied to a few findings.
// Whatever the input, the result is a value or an error with file:line: never a crash, a throw
// or an unbounded allocation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cli/config.hpp"
#include "core/date.hpp"
#include "rules/finding_policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)tracegate::rules::parse_baseline(text, "baseline.json");
  const auto config = tracegate::cli::parse_config(text, "tracegate.toml");
  if (!config) return 0;
  (void)tracegate::cli::validate_check_ids(*config, [](std::string_view id) { return id.size() % 2 == 0; });
  std::vector<tracegate::core::Finding> findings(3);
  findings[0].check_id = "tracer-requirement-conflict";
  findings[0].service = "api";
  findings[0].location.path = "requirements.txt";
  findings[1].check_id = "agent-unreachable";
  findings[1].service = "payments";
  findings[1].location.path = "deploy/deployment.yaml";
  findings[2].check_id = "breaking-change";
  findings[2].rule_id = "ddtrace.module-removed.opentracer";
  tracegate::rules::Policy policy{config->severity, config->suppressions, {}, {}, true};
  (void)tracegate::rules::apply_policy(findings, policy, *tracegate::core::make_date(2026, 11, 25));
  return 0;
}
