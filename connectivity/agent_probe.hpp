// SPDX-License-Identifier: Apache-2.0
// `tracegate agent probe`: replays a tracer's conversation (tracer_conversation.hpp) against an
// agent, real or simulated, and says in findings what would fail and why (docs/agent-probe.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "connectivity/http_client.hpp"
#include "connectivity/tracer_conversation.hpp"
#include "core/error.hpp"
#include "core/finding.hpp"

namespace tracegate::connectivity {

/// What happened to one step of the conversation.
struct StepResult {
  const ConversationStep* step = nullptr;  ///< into the Conversation that was run
  bool sent = false;
  std::string skipped;  ///< why it was not sent ("not advertised by /info", "agent unreachable"); empty when sent
  HttpOutcome outcome;  ///< when sent
};

/// What `/info` said, when it answered 200 with the agent's JSON.
struct AgentInfo {
  std::string version;
  std::vector<std::string> endpoints;
  std::optional<long long> max_request_bytes;
};

struct ProbeRun {
  std::vector<StepResult> steps;
  std::optional<AgentInfo> info;
};

/// Sends the conversation's steps in order over one client. A fallback step goes only after a
/// 404/415 from the trace step before it; an `if_advertised` step is skipped when /info answered
/// without listing its path; after a refusal, a missing socket or an unresolvable host nothing
/// more is sent (every request would fail the same way). `conversation` must outlive the result.
ProbeRun run_conversation(HttpClient& client, const Conversation& conversation);

/// The findings for a run (check ids agent-unreachable, agent-endpoint-missing,
/// agent-request-failed; docs/checks/). None when every step the tracer needs succeeded.
/// `timeouts` only words the timeout message.
std::vector<core::Finding> judge_probe(const AgentAddress& address, const Conversation& conversation,
                                       const ProbeRun& run, const ClientTimeouts& timeouts);

struct ProbeReport {
  ProbeRun run;
  std::vector<core::Finding> findings;
};

/// Connects, runs and judges. Fails only when no client can be made (libcurl init).
core::Result<ProbeReport> probe_agent(const AgentAddress& address, const Conversation& conversation,
                                      const ClientTimeouts& timeouts);

/// Parses an /info body; nullopt when it is not the agent's JSON object.
std::optional<AgentInfo> parse_agent_info(std::string_view body);

}  // namespace tracegate::connectivity
