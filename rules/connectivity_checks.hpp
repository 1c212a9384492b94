// SPDX-License-Identifier: Apache-2.0
// The connectivity checks: whether a tracer release, run with the environment a service's
// deployment gives it, reaches the Datadog Agent the scanned repositories deploy; whether that
// agent is new enough; and whether the service carries unified service tags. docs/connectivity.md.
#pragma once

#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "core/service.hpp"
#include "rules/knowledge_base.hpp"
#include "rules/service_deployment.hpp"

namespace tracegate::rules {

namespace checks {
inline constexpr std::string_view kAgentUnreachable = "agent-unreachable";
inline constexpr std::string_view kAgentUrlInvalid = "agent-url-invalid";
inline constexpr std::string_view kAgentTooOld = "agent-too-old";
inline constexpr std::string_view kUnifiedTaggingMissing = "unified-tagging-missing";
inline constexpr std::string_view kConnectivityUnknown = "connectivity-unknown";
}  // namespace checks

class ConnectivityChecks {
 public:
  /// `release` is the tracer release whose behaviour is checked (the upgrade's target);
  /// `fleet` every scanned repository's deploy files (the agent is usually deployed elsewhere).
  ConnectivityChecks(const Tracer& tracer, const Release& release, const std::vector<RepositoryDeploy>& fleet);

  /// The findings for one service using the tracer; `services` is every scanned service.
  std::vector<core::Finding> check(const core::Service& service, const std::vector<core::Service>& services) const;

 private:
  struct Agent {
    const RepositoryDeploy* deploy;
    const core::DatadogAgentSettings* settings;
  };

  const Tracer* tracer_;
  const Release* release_;
  const std::vector<RepositoryDeploy>* fleet_;
  std::vector<Agent> agents_;
};

}  // namespace tracegate::rules
