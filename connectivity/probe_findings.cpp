// SPDX-License-Identifier: Apache-2.0
// The probe's verdicts: a run of a tracer's conversation turned into findings. Meanings of the
// agent's answers: ../shared/data/agent-protocol.md ("The agent's side", "How clients fail") and
// agent-connectivity.md §3; the pages users read are docs/checks/agent-*.md.
#include <fmt/format.h>

#include <algorithm>

#include "connectivity/agent_probe.hpp"
#include "connectivity/agent_simulator.hpp"
#include "connectivity/agent_versions.hpp"

namespace tracegate::connectivity {

namespace {

using Kind = HttpOutcome::Kind;

bool is_success(const HttpOutcome& outcome) {
  return outcome.kind == Kind::kOk && outcome.status >= 200 && outcome.status < 300;
}

std::string where(const AgentAddress& address) {
  if (address.kind == AgentAddress::Kind::kUnixSocket) return address.socket_path;
  return address.host + ":" + std::to_string(address.port);
}

/// The first line of an answer's body, short enough for a cause line.
std::string excerpt(std::string_view body) {
  body = body.substr(0, body.find_first_of("\r\n"));
  if (body.size() > 120) return std::string(body.substr(0, 117)) + "...";
  return std::string(body);
}

std::string describe(const StepResult& result) {
  const auto& request = result.step->request;
  std::string text = fmt::format("{} {}", request.method, request.path);
  if (!result.sent) return text + " " + result.skipped;
  const auto& outcome = result.outcome;
  if (outcome.kind != Kind::kOk) return fmt::format("{} → {} ({})", text, to_string(outcome.kind), outcome.error);
  const std::string body = excerpt(outcome.body);
  return body.empty() ? fmt::format("{} → {}", text, outcome.status) : fmt::format("{} → {} \"{}\"", text, outcome.status, body);
}

/// The lowest agent version agent_versions.cpp models as serving `path`, when it is newer than
/// "as old as anything modelled" (6.0.0). Scanned rather than copied so the thresholds live in one place.
std::optional<AgentVersion> first_agent_serving(std::string_view path) {
  const auto serves = [&](const AgentVersion& version) { return serves_path(advertised_endpoints(version), path); };
  for (int major = 6; major <= 7; ++major) {
    for (int minor = 0; minor < 200; ++minor) {
      if (!serves({major, minor, 99})) continue;
      for (int patch = 0; patch <= 99; ++patch) {
        if (!serves({major, minor, patch})) continue;
        const AgentVersion found{major, minor, patch};
        if (found == AgentVersion{6, 0, 0}) return std::nullopt;
        return found;
      }
    }
  }
  return std::nullopt;
}

/// What the user sees in the tracer's own output when the agent cannot be reached (agent-protocol.md).
std::string tracer_symptom(const TracerProfile& profile, const std::string& url, const AgentAddress& address) {
  if (profile.language == "python") {
    const bool old = !profile.version.empty() && profile.version.front() >= '0' && profile.version.front() <= '2' &&
                     (profile.version.size() < 2 || profile.version[1] == '.');
    // 0.x-2.x wording; the newest releases say "…to intake at …" (the release that changed it is not known).
    return old ? fmt::format(" (ddtrace logs 'failed to send traces to Datadog Agent at {}')", url)
               : fmt::format(" (ddtrace logs 'failed to send traces to intake at {}' or, in older releases, '…to "
                             "Datadog Agent at …')",
                             url);
  }
  if (profile.language == "nodejs") {
    return fmt::format(" (dd-trace logs 'DATADOG TRACER DIAGNOSTIC - Agent Error: connect ECONNREFUSED {}')", where(address));
  }
  if (profile.language == "php") return " (`php --ri=ddtrace` shows agent_error => Couldn't connect to server)";
  return "";
}

std::string consequence(const ConversationStep& step) {
  return step.breaks_tracing ? "the tracer's traces are dropped" : step.degrades + " stops working";
}

struct Verdict {
  std::string message;
  std::string fix;
};

Verdict unreachable_verdict(const HttpOutcome& outcome, const ConversationStep& step, const AgentAddress& address,
                            const Conversation& conversation, const ClientTimeouts& timeouts) {
  const bool socket = address.kind == AgentAddress::Kind::kUnixSocket;
  const std::string url = display_url(address, step.request.path);
  const std::string what = consequence(step);
  const std::string symptom = step.breaks_tracing ? tracer_symptom(conversation.profile, url, address) : "";
  switch (outcome.kind) {
    case Kind::kRefused:
      if (socket) {
        return {fmt::format("Connection refused on {}: the socket file exists but no agent listens on it — {}{}",
                            address.socket_path, what, symptom),
                "Start the trace-agent (DD_APM_ENABLED=true) with DD_APM_RECEIVER_SOCKET at this path, or remove the "
                "stale socket file; check the agent pod is running on this node"};
      }
      return {fmt::format("Connection refused: nothing listens on {} — {}{}", where(address), what, symptom),
              "Make the agent listen where the tracer sends: with the Datadog Helm chart and DD_AGENT_HOST from "
              "status.hostIP set datadog.apm.portEnabled=true (hostPort 8126); or send over the socket "
              "(DD_TRACE_AGENT_URL=unix:///var/run/datadog/apm.socket with hostPath /var/run/datadog mounted); or "
              "point DD_AGENT_HOST at the agent's local Service"};
    case Kind::kNoSocket:
      return {fmt::format("No Unix socket at {}: the agent's socket is not there — {}{}", address.socket_path, what, symptom),
              "Mount the agent's socket directory into the pod: hostPath /var/run/datadog (type DirectoryOrCreate) at "
              "/var/run/datadog, as the admission controller's socket mode does; keep datadog.apm.socketEnabled=true "
              "on the agent; or send over TCP (datadog.apm.portEnabled=true and DD_AGENT_HOST=status.hostIP)"};
    case Kind::kTimeout:
      return {fmt::format("No answer from {} within {} ms: the agent is overloaded, or something in between drops the "
                          "traffic — {}",
                          url, timeouts.total.count(), what),
              "Check the agent is healthy (`agent status`, its CPU and memory limits) and that no NetworkPolicy or "
              "firewall silently drops traffic to the agent's port; if the network is only slow, probe again with a "
              "larger --timeout"};
    case Kind::kReset:
      return {fmt::format("{} reset the connection without answering: what listens there is not a working trace agent "
                          "(a proxy, a sidecar, an agent restarting) — {}",
                          url, what),
              fmt::format("Check what listens at {}: `curl {}` must return the agent's JSON; a service-mesh sidecar "
                          "that intercepts the agent port needs an exclusion for it",
                          where(address), display_url(address, "/info"))};
    case Kind::kDns:
      return {fmt::format("Host '{}' does not resolve — {}{}", address.host, what, symptom),
              "Set DD_AGENT_HOST (or DD_TRACE_AGENT_URL) to a name that resolves in the pod: the node IP "
              "(valueFrom fieldRef status.hostIP) or the agent's local Service <release>.<namespace>.svc.cluster.local"};
    default:
      return {fmt::format("Cannot reach {}: {} — {}", url, outcome.error, what),
              "Check the address, the permissions on the socket and the network path to the agent"};
  }
}

std::string needed_agent(const Conversation& conversation, std::string_view path) {
  const auto first = first_agent_serving(path);
  std::string needed = first ? to_string(*first) : "";
  const std::string& min_agent = conversation.profile.min_agent;
  if (!min_agent.empty()) {
    const auto minimum = parse_agent_version(min_agent);
    if (minimum && (!first || *minimum > *first)) needed = min_agent;
  }
  return needed;
}

std::vector<std::string> endpoint_causes(const Conversation& conversation, const ProbeRun& run, std::string_view path) {
  std::vector<std::string> causes;
  if (run.info) {
    const bool listed = serves_path(run.info->endpoints, path);
    causes.push_back(fmt::format("/info: agent {} lists {} endpoints; {} is {}among them",
                                 run.info->version.empty() ? "(version unknown)" : run.info->version,
                                 run.info->endpoints.size(), path, listed ? "" : "not "));
  } else {
    const auto info = std::ranges::find_if(run.steps, [](const StepResult& r) { return r.step->kind == StepKind::kInfo; });
    if (info != run.steps.end() && info->sent && info->outcome.kind == Kind::kOk && info->outcome.status == 404) {
      causes.emplace_back("/info answered 404 as well: current trace agents always serve it, so this is probably not a "
                          "Datadog agent (wrong host or port?)");
    }
  }
  if (const auto first = first_agent_serving(path)) {
    causes.push_back(fmt::format("agent {} or newer serves {} (connectivity/agent_versions.cpp)", to_string(*first), path));
  }
  if (!conversation.profile.min_agent.empty()) {
    causes.push_back(fmt::format("{} {} needs agent {} or newer", conversation.profile.package,
                                 conversation.profile.version, conversation.profile.min_agent));
  }
  return causes;
}

std::string missing_fix(const Conversation& conversation, const ConversationStep& step) {
  const std::string needed = needed_agent(conversation, step.request.path);
  const std::string upgrade =
      needed.empty() ? "upgrade the agent" : fmt::format("upgrade the agent to {} or newer", needed);
  switch (step.kind) {
    case StepKind::kRemoteConfig:
      return fmt::format("To use remote configuration, {} (Helm: agents.image.tag) with remote configuration "
                         "enabled on the agent; otherwise set DD_REMOTE_CONFIGURATION_ENABLED=false in the service",
                         upgrade);
    case StepKind::kTelemetry:
      return fmt::format("{} (Helm: agents.image.tag) with telemetry enabled; or set "
                         "DD_INSTRUMENTATION_TELEMETRY_ENABLED=false in the service",
                         upgrade);
    case StepKind::kInfo:
      return fmt::format("Check the URL points at the trace agent (port 8126, not DogStatsD's 8125); {}", upgrade);
    case StepKind::kTraces: break;
  }
  return fmt::format("Check the URL points at the Datadog trace agent (port 8126, not DogStatsD's 8125) and {} "
                     "(Helm: agents.image.tag)",
                     upgrade);
}

Verdict status_verdict(const StepResult& result, const ProbeRun& run, const Conversation& conversation,
                       const AgentAddress& address) {
  const auto& step = *result.step;
  const long status = result.outcome.status;
  const std::string head = fmt::format("{} {} answered {}", step.request.method, step.request.path, status);
  const std::string what = consequence(step);
  const std::string encoding(encoding_name(encoding_for_endpoint(step.request.path)));
  const std::string agent_log = "Read the trace-agent's log at the time of the probe (kubectl logs <agent pod> -c trace-agent)";
  if (status == 400) {
    return {fmt::format("{} Bad Request: the agent could not decode the payload; the probe sent a valid {} payload, so "
                        "the agent or a proxy in between rejects it — {}",
                        head, encoding, what),
            agent_log + "; remove any proxy that rewrites request bodies between the tracer and the agent"};
  }
  if (status == 408) {
    return {fmt::format("{} Request Timeout: the agent gave up reading the request (its receiver_timeout) — {}", head, what),
            "Check the network between the tracer and the agent, and the agent's load (CPU and memory limits)"};
  }
  if (status == 413) {
    const long long limit = run.info && run.info->max_request_bytes ? *run.info->max_request_bytes
                                                                    : static_cast<long long>(kDefaultMaxRequestBytes);
    const std::string source = run.info ? " per /info" : ", the default";
    if (step.request.body.empty()) {
      return {fmt::format("{} Payload Too Large to a request without a body: not the agent's max_request_bytes ({}{}) "
                          "but a limit in front of it — {}",
                          head, limit, source, what),
              "Find what answers for the agent (a proxy or gateway with a request-size limit) and remove it from the "
              "path, or raise its limit"};
    }
    return {fmt::format("{} Payload Too Large: the {}-byte payload is over the agent's max_request_bytes ({}{}) or a "
                        "proxy's body limit — {}",
                        head, step.request.body.size(), limit, source, what),
            "Raise apm_config.max_request_bytes on the agent (default 26214400) or the body-size limit of the proxy "
            "in between; the tracer drops every payload the agent refuses"};
  }
  if (status == 415) {
    return {fmt::format("{} Unsupported Media Type: the agent does not read {} on this endpoint — {}", head, encoding, what),
            "Upgrade the agent, or make the tracer send msgpack v0.4 to /v0.4/traces (ddtrace: DD_TRACE_API_VERSION=v0.4)"};
  }
  if (status == 429) {
    return {fmt::format("{} Too Many Requests: the agent is overloaded and sheds payloads — {} (an agent answers 429 only "
                        "with feature '429' or to clients sending Datadog-Send-Real-Http-Status; by default an "
                        "overloaded agent answers 200 and drops the payload silently)",
                        head, what),
            "Give the trace-agent more CPU and memory (container limits, apm_config max_cpu / max_memory), lower the "
            "trace volume (sampling rules), or spread the load over more agents"};
  }
  if (status >= 500) {
    std::string symptom;
    if (step.breaks_tracing && conversation.profile.language == "nodejs") {
      symptom = fmt::format(" (dd-trace sends once, without retry, and logs 'DATADOG TRACER DIAGNOSTIC - Agent Error: "
                            "Error from {}: {}')",
                            display_url(address, step.request.path), status);
    }
    return {fmt::format("{}: the agent (or a proxy in front of it) failed handling the request — {}{}", head, what, symptom),
            agent_log + "; restart or upgrade the agent if it keeps failing"};
  }
  return {fmt::format("{}, not a success — {}", head, what),
          "Check that the URL points at the Datadog trace agent directly, not at a proxy or another service"};
}

class Judge {
 public:
  Judge(const AgentAddress& address, const Conversation& conversation, const ProbeRun& run, const ClientTimeouts& timeouts)
      : address_(address), conversation_(conversation), run_(run), timeouts_(timeouts) {}

  std::vector<core::Finding> findings() {
    unreachable();
    for (std::size_t i = 0; i < run_.steps.size(); ++i) answer(i);
    return std::move(findings_);
  }

 private:
  core::Finding& add(std::string check, core::Severity severity, const ConversationStep& step, Verdict verdict,
                     std::vector<std::string> causes) {
    core::Finding finding;
    finding.check_id = std::move(check);
    finding.severity = severity;
    finding.service = conversation_.profile.package;
    finding.source.repository = display_url(address_);
    finding.subject = display_url(address_, step.request.path);
    finding.message = std::move(verdict.message);
    finding.causes = std::move(causes);
    finding.fix = std::move(verdict.fix);
    return findings_.emplace_back(std::move(finding));
  }

  /// One agent-unreachable finding for every request that got no answer.
  void unreachable() {
    const StepResult* primary = nullptr;
    bool traces_lost = false;
    std::vector<std::string> causes;
    for (const auto& result : run_.steps) {
      const bool failed = result.sent && result.outcome.kind != Kind::kOk;
      const bool cut_off = !result.sent && result.skipped.starts_with("not sent: the agent is unreachable");
      if (!failed && !cut_off) continue;
      causes.push_back(describe(result));
      if (!failed) {
        traces_lost = traces_lost || result.step->breaks_tracing;
        continue;
      }
      if (primary == nullptr || (result.step->breaks_tracing && !primary->step->breaks_tracing)) primary = &result;
      traces_lost = traces_lost || result.step->breaks_tracing;
    }
    if (primary == nullptr) return;
    const ConversationStep* subject = primary->step;
    if (traces_lost && !subject->breaks_tracing) {  // name the trace request the failure costs
      for (const auto& result : run_.steps) {
        if (result.step->breaks_tracing) {
          subject = result.step;
          break;
        }
      }
    }
    add("agent-unreachable", traces_lost ? core::Severity::error : core::Severity::warning, *subject,
        unreachable_verdict(primary->outcome, *subject, address_, conversation_, timeouts_), std::move(causes));
  }

  /// The finding for step `index`'s answer or skip, if any.
  void answer(std::size_t index) {
    const StepResult& result = run_.steps[index];
    const ConversationStep& step = *result.step;
    if (!result.sent) {
      if (result.skipped.starts_with("not listed")) {
        Verdict verdict{fmt::format("{} {} is not listed in the agent's /info (agent {}): the tracer does not use it, "
                                    "so {} stops working",
                                    step.request.method, step.request.path, run_.info ? run_.info->version : "?",
                                    step.degrades),
                        missing_fix(conversation_, step)};
        add("agent-endpoint-missing", step.breaks_tracing ? core::Severity::error : core::Severity::warning, step,
            std::move(verdict), endpoint_causes(conversation_, run_, step.request.path));
      }
      return;
    }
    const HttpOutcome& outcome = result.outcome;
    if (outcome.kind != Kind::kOk || is_success(outcome)) return;
    const StepResult* fallback = fallback_of(index);
    if (step.fallback && handled_fallback_) return;
    const bool wants_fallback = step.kind == StepKind::kTraces && !step.fallback && fallback != nullptr;
    if (wants_fallback) {
      if (fallback->sent && is_success(fallback->outcome)) {
        auto causes = std::vector<std::string>{describe(result), describe(*fallback)};
        add("agent-endpoint-missing", core::Severity::note, step,
            {fmt::format("{} {} answered {}: the agent does not take {} there; the tracer falls back to {}, which "
                         "works — nothing is lost",
                         step.request.method, step.request.path, outcome.status,
                         encoding_name(encoding_for_endpoint(step.request.path)), fallback->step->request.path),
             fmt::format("Nothing to do for tracing; {} to have {} served", missing_fix_short(step), step.request.path)},
            std::move(causes));
        return;
      }
      if (fallback->sent && fallback->outcome.kind == Kind::kOk && fallback->outcome.status == 404) {
        handled_fallback_ = true;
        auto causes = endpoint_causes(conversation_, run_, step.request.path);
        causes.insert(causes.begin(), {describe(result), describe(*fallback)});
        add("agent-endpoint-missing", core::Severity::error, step,
            {fmt::format("{} and its fallback {} answered 404: the agent is too old for these endpoints, or what "
                         "answers is not a Datadog agent — the tracer's traces are dropped",
                         step.request.path, fallback->step->request.path),
             missing_fix(conversation_, step)},
            std::move(causes));
        return;
      }
      return;  // the fallback's own answer (or its transport failure) is the verdict
    }
    if (outcome.status == 404) {
      auto causes = endpoint_causes(conversation_, run_, step.request.path);
      causes.insert(causes.begin(), describe(result));
      std::string tail = consequence(step);
      if (step.breaks_tracing && conversation_.profile.language == "nodejs") tail += " silently (dd-trace logs nothing)";
      add("agent-endpoint-missing", step.breaks_tracing ? core::Severity::error : core::Severity::warning, step,
          {fmt::format("{} {} answered 404: the agent is too old for this endpoint, or what answers is not a Datadog "
                       "agent — {}",
                       step.request.method, step.request.path, tail),
           missing_fix(conversation_, step)},
          std::move(causes));
      return;
    }
    add("agent-request-failed", step.breaks_tracing ? core::Severity::error : core::Severity::warning, step,
        status_verdict(result, run_, conversation_, address_), {describe(result)});
  }

  std::string missing_fix_short(const ConversationStep& step) const {
    const std::string needed = needed_agent(conversation_, step.request.path);
    return needed.empty() ? "upgrade the agent" : fmt::format("upgrade the agent to {} or newer", needed);
  }

  /// The fallback step that followed trace step `index`, if it was run.
  const StepResult* fallback_of(std::size_t index) const {
    if (index + 1 < run_.steps.size() && run_.steps[index + 1].step->fallback) return &run_.steps[index + 1];
    return nullptr;
  }

  const AgentAddress& address_;
  const Conversation& conversation_;
  const ProbeRun& run_;
  const ClientTimeouts& timeouts_;
  std::vector<core::Finding> findings_;
  bool handled_fallback_ = false;
};

}  // namespace

std::vector<core::Finding> judge_probe(const AgentAddress& address, const Conversation& conversation,
                                       const ProbeRun& run, const ClientTimeouts& timeouts) {
  return Judge(address, conversation, run, timeouts).findings();
}

}  // namespace tracegate::connectivity
