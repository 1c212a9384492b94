// SPDX-License-Identifier: Apache-2.0
// Running a conversation; the verdicts are in probe_findings.cpp.
#include "connectivity/agent_probe.hpp"

#include <nlohmann/json.hpp>

#include "connectivity/agent_versions.hpp"

namespace tracegate::connectivity {

namespace {

/// Failures that every later request would meet the same way.
bool unreachable_for_good(HttpOutcome::Kind kind) {
  return kind == HttpOutcome::Kind::kRefused || kind == HttpOutcome::Kind::kNoSocket ||
         kind == HttpOutcome::Kind::kDns || kind == HttpOutcome::Kind::kOtherTransport;
}

bool asks_for_fallback(const HttpOutcome& outcome) {
  return outcome.kind == HttpOutcome::Kind::kOk && (outcome.status == 404 || outcome.status == 415);
}

}  // namespace

std::optional<AgentInfo> parse_agent_info(std::string_view body) {
  const auto document = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) return std::nullopt;
  AgentInfo info;
  if (const auto it = document.find("version"); it != document.end() && it->is_string()) info.version = *it;
  if (const auto it = document.find("endpoints"); it != document.end() && it->is_array()) {
    for (const auto& endpoint : *it) {
      if (endpoint.is_string()) info.endpoints.push_back(endpoint.get<std::string>());
    }
  } else {
    return std::nullopt;  // no endpoint list: not the trace agent's /info
  }
  if (const auto config = document.find("config"); config != document.end() && config->is_object()) {
    if (const auto it = config->find("max_request_bytes"); it != config->end() && it->is_number_integer()) {
      info.max_request_bytes = it->get<long long>();
    }
  }
  return info;
}

ProbeRun run_conversation(HttpClient& client, const Conversation& conversation) {
  ProbeRun run;
  std::optional<HttpOutcome> last_traces;  // the answer to the trace step before, when it was sent
  std::string gone;  // set once the agent is unreachable for good
  for (const auto& step : conversation.steps) {
    StepResult result;
    result.step = &step;
    if (step.fallback && (!last_traces || !asks_for_fallback(*last_traces))) continue;  // not needed
    if (!gone.empty()) {
      result.skipped = gone;
    } else if (step.if_advertised && run.info && !serves_path(run.info->endpoints, step.request.path)) {
      result.skipped = "not listed in the agent's /info endpoints";
    } else {
      result.sent = true;
      result.outcome = client.send(step.request);
      if (step.kind == StepKind::kInfo && result.outcome.kind == HttpOutcome::Kind::kOk &&
          result.outcome.status == 200) {
        run.info = parse_agent_info(result.outcome.body);
      }
      if (unreachable_for_good(result.outcome.kind)) gone = "not sent: the agent is unreachable";
    }
    if (step.kind == StepKind::kTraces) {
      last_traces = result.sent ? std::optional<HttpOutcome>(result.outcome) : std::nullopt;
    }
    run.steps.push_back(std::move(result));
  }
  return run;
}

core::Result<ProbeReport> probe_agent(const AgentAddress& address, const Conversation& conversation,
                                      const ClientTimeouts& timeouts) {
  auto client = HttpClient::create(address, timeouts);
  if (!client) return std::unexpected(client.error());
  ProbeReport report;
  report.run = run_conversation(*client, conversation);
  report.findings = judge_probe(address, conversation, report.run, timeouts);
  return report;
}

}  // namespace tracegate::connectivity
