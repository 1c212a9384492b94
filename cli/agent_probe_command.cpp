// SPDX-License-Identifier: Apache-2.0
// `tracegate agent probe URL [--tracer PKG@VERSION]` (issue 7 part 5, docs/agent-probe.md):
// the tracer's profile from the knowledge base, its conversation replayed against the agent,
// the verdicts written with the audit report's writers.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/agent_command.hpp"
#include "cli/exit_code.hpp"
#include "cli/findings_output.hpp"
#include "cli/knowledge_loading.hpp"
#include "cli/output_targets.hpp"
#include "connectivity/agent_probe.hpp"
#include "connectivity/tracer_conversation.hpp"
#include "core/error.hpp"
#include "reports/audit_report.hpp"
#include "reports/report_formats.hpp"
#include "rules/release_diff.hpp"

namespace tracegate::cli {

namespace {

struct ProbeFlags {
  std::string url;
  std::string tracer;
  int timeout_ms = 3000;
  std::vector<std::string> formats;
  std::string output;
  std::string fail_on = "error";
};

/// The tracer to impersonate and how it was chosen (a line for the report).
struct ChosenTracer {
  connectivity::TracerProfile profile;
  std::string tracer_id;  ///< knowledge-base id, or "dd-trace-js"
  std::string origin;
  bool from_knowledge_base = true;
};

bool looks_like_version(std::string_view text) {
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front())) != 0 &&
         std::ranges::all_of(text, [](unsigned char c) { return std::isalnum(c) != 0 || c == '.' || c == '-' || c == '+'; });
}

std::string language_of(core::Language language) {
  switch (language) {
    case core::Language::python: return "python";
    case core::Language::php: return "php";
    case core::Language::jvm: return "java";
  }
  return "python";
}

ChosenTracer from_release(const rules::Tracer& tracer, const rules::Release& release, std::string package) {
  ChosenTracer chosen;
  chosen.tracer_id = tracer.id;
  auto& profile = chosen.profile;
  profile.language = language_of(tracer.language);
  profile.package = std::move(package);
  profile.version = release.version;
  profile.min_agent = release.min_agent;
  for (const auto& entry : tracer.trace_endpoints) {
    if (!rules::version_in(tracer, entry.versions, release.version)) continue;
    profile.trace_endpoint = entry.endpoint;
    if (!connectivity::parse_encoding_name(entry.encoding, profile.encoding)) {
      profile.encoding = connectivity::encoding_for_endpoint(entry.endpoint);
    }
    break;
  }
  // agent_endpoints lists what the release uses, preferred first: ["/v0.5/traces", "/v0.4/traces"]
  // is v0.5 with a v0.4 fallback.
  const auto& used = release.agent_endpoints;
  if (used.size() >= 2 && used.front() == profile.trace_endpoint) {
    profile.fallback_endpoint = used[1];
    profile.fallback_encoding = connectivity::encoding_for_endpoint(used[1]);
  }
  return chosen;
}

/// `--tracer PKG@VERSION`, or the newest ddtrace release without it. Node's dd-trace is not in
/// the knowledge base: `dd-trace@X` probes with the conversation agent-protocol.md observed.
ChosenTracer choose_tracer(const rules::KnowledgeBase& base, const std::string& spec) {
  if (spec.empty()) {
    const auto* tracer = base.find_tracer("ddtrace");
    if (tracer == nullptr || tracer->releases.empty()) throw core::Fatal("the knowledge base has no ddtrace release");
    auto chosen = from_release(*tracer, tracer->releases.back(), "ddtrace");
    chosen.origin = fmt::format("ddtrace {} (python), the newest release the knowledge base knows (no --tracer)",
                                chosen.profile.version);
    return chosen;
  }
  const auto at = spec.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == spec.size()) {
    throw core::Fatal(fmt::format("--tracer '{}': expected PACKAGE@VERSION, e.g. ddtrace@2.11.1", spec));
  }
  const std::string package = spec.substr(0, at);
  const std::string version = spec.substr(at + 1);
  const auto* tracer = base.find_tracer(package);
  if (tracer == nullptr && (package == "dd-trace" || package == "dd-trace-js")) {
    if (!looks_like_version(version)) throw core::Fatal(fmt::format("--tracer '{}': '{}' is not a version", spec, version));
    ChosenTracer chosen;
    chosen.tracer_id = "dd-trace-js";
    chosen.from_knowledge_base = false;
    chosen.profile.language = "nodejs";
    chosen.profile.package = package;
    chosen.profile.version = version;
    chosen.origin = fmt::format("{} {} (nodejs), not in the knowledge base: the conversation observed from dd-trace "
                                "4.x-6.x (PUT /v0.4/traces, no fallback)",
                                package, version);
    return chosen;
  }
  if (tracer == nullptr) {
    throw core::Fatal(fmt::format("--tracer: '{}' is not a tracer package the knowledge base knows (see `tracegate "
                                  "rules list`), nor dd-trace (Node.js)",
                                  package));
  }
  const auto* release = rules::find_release(*tracer, version);
  if (release == nullptr) {
    throw core::Fatal(fmt::format("--tracer: {} {} is not a release the knowledge base knows (known: {} .. {})",
                                  tracer->id, version, tracer->releases.front().version,
                                  tracer->releases.back().version));
  }
  auto chosen = from_release(*tracer, *release, package);
  chosen.origin = fmt::format("{} {} ({}) from the knowledge base", package, release->version, chosen.profile.language);
  return chosen;
}

/// `200`, `refused`, `not sent`, `skipped`: the status column of the conversation listing.
std::string step_status(const connectivity::StepResult& result) {
  if (!result.sent) return result.skipped.starts_with("not sent") ? "not sent" : "skipped";
  if (result.outcome.kind != connectivity::HttpOutcome::Kind::kOk) {
    return std::string(connectivity::to_string(result.outcome.kind));
  }
  return std::to_string(result.outcome.status);
}

std::string step_detail(const connectivity::StepResult& result, const connectivity::ProbeRun& run) {
  const auto& step = *result.step;
  std::string detail = step.purpose;
  if (step.kind == connectivity::StepKind::kTraces) {
    detail += fmt::format(": {} trace, {} spans, {} bytes", step.traces, step.spans, step.request.body.size());
  }
  if (!result.sent) detail += fmt::format(" ({})", result.skipped.starts_with("not sent: ") ? result.skipped.substr(10) : result.skipped);
  if (step.kind == connectivity::StepKind::kInfo && run.info) {
    detail += fmt::format(" (agent {}, {} endpoints)", run.info->version.empty() ? "?" : run.info->version,
                          run.info->endpoints.size());
  }
  return detail;
}

std::string verdict_word(const std::vector<core::Finding>& findings) {
  if (findings.empty()) return "passed";
  const bool error = std::ranges::any_of(findings, [](const core::Finding& f) { return f.severity == core::Severity::error; });
  if (error) return "failed";
  const bool warning = std::ranges::any_of(findings, [](const core::Finding& f) { return f.severity == core::Severity::warning; });
  return warning ? "degraded" : "passed with notes";
}

void write_text(std::ostream& out, const reports::AuditReport& report, const ChosenTracer& chosen,
                const connectivity::AgentAddress& address, const connectivity::ProbeRun& run, bool color) {
  out << fmt::format("probe {} → {}\n", chosen.origin, connectivity::display_url(address));
  for (const auto& result : run.steps) {
    const auto& request = result.step->request;
    out << fmt::format("  {:<4} {:<38} {:<9} {}\n", request.method, request.path, step_status(result),
                       step_detail(result, run));
  }
  reports::write_audit_text(report, out, color);
}

void write_json(std::ostream& out, const reports::AuditReport& report, const ChosenTracer& chosen,
                const connectivity::AgentAddress& address, const connectivity::ProbeRun& run) {
  std::ostringstream audit;
  reports::write_audit_json(report, audit);
  auto document = nlohmann::ordered_json::parse(audit.str());
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const auto& result : run.steps) {
    const auto& step = *result.step;
    nlohmann::ordered_json entry = {{"method", step.request.method},
                                    {"path", step.request.path},
                                    {"purpose", step.purpose},
                                    {"breaks_tracing", step.breaks_tracing},
                                    {"sent", result.sent}};
    if (result.sent) {
      entry["outcome"] = connectivity::to_string(result.outcome.kind);
      entry["status"] = result.outcome.status;
      if (!result.outcome.error.empty()) entry["error"] = result.outcome.error;
    } else {
      entry["skipped"] = result.skipped;
    }
    steps.push_back(std::move(entry));
  }
  nlohmann::ordered_json agent = nullptr;
  if (run.info) agent = {{"version", run.info->version}, {"endpoints", run.info->endpoints}};
  document["probe"] = {{"url", connectivity::display_url(address)},
                       {"tracer",
                        {{"package", chosen.profile.package},
                         {"version", chosen.profile.version},
                         {"language", chosen.profile.language},
                         {"from_knowledge_base", chosen.from_knowledge_base}}},
                       {"verdict", verdict_word(report.findings)},
                       {"agent", std::move(agent)},
                       {"conversation", std::move(steps)}};
  out << document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

int run_probe(const ProbeFlags& flags) {
  const auto fail_on = core::parse_severity(flags.fail_on);
  if (!fail_on) throw core::Fatal(fmt::format("--fail-on '{}': expected error, warning or note", flags.fail_on));
  const auto targets = findings_targets(flags.formats, flags.output, "agent probe");
  auto address = connectivity::parse_agent_address(flags.url);
  if (!address) throw core::Fatal("agent probe: " + address.error().message);

  const auto loaded = load_knowledge_with({});
  const ChosenTracer chosen = choose_tracer(require_clean(loaded), flags.tracer);
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto conversation = connectivity::conversation_for(
      chosen.profile, std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
  const std::chrono::milliseconds timeout(flags.timeout_ms);
  auto probed = connectivity::probe_agent(*address, conversation, {timeout, timeout});
  if (!probed) throw core::Fatal("agent probe: " + probed.error().message);

  reports::AuditReport report;
  report.tracer = chosen.tracer_id;
  report.package = chosen.profile.package;
  report.target_version = chosen.profile.version;
  report.findings = probed->findings;
  report.command = "agent probe";
  report.fail_on = *fail_on;
  report.headline = fmt::format("probe {}@{} at {}: {}", chosen.profile.package, chosen.profile.version,
                                connectivity::display_url(*address), verdict_word(report.findings));

  for (const auto& target : targets) {
    auto written = write_output(target, [&](std::ostream& out) -> core::Result<void> {
      // text and json carry the conversation too; the other formats are the findings alone.
      if (target.format == "json") {
        write_json(out, report, chosen, *address, probed->run);
      } else if (target.format == "text") {
        write_text(out, report, chosen, *address, probed->run, use_color(target));
      } else {
        return reports::write_report(target.format, report, out, {});
      }
      return {};
    });
    if (!written) throw core::Fatal(written.error().message);
  }
  const bool failing = std::ranges::any_of(report.findings, [&](const core::Finding& f) { return f.severity >= *fail_on; });
  return failing ? kFindings : kClean;
}

}  // namespace

void add_agent_probe_command(CLI::App& agent, int& exit_code) {
  auto flags = std::make_shared<ProbeFlags>();
  auto* probe = agent.add_subcommand(
      "probe", "Replay a tracer's start-up conversation against an agent and report what would fail (docs/agent-probe.md)");
  probe->add_option("url", flags->url, "the agent: http://HOST:PORT or unix:///PATH/TO/apm.socket")->required();
  probe->add_option("--tracer", flags->tracer,
                    "the tracer to impersonate, PACKAGE@VERSION (e.g. ddtrace@2.11.1; default: the newest ddtrace)");
  probe->add_option("--timeout", flags->timeout_ms, "per request, connect included, in milliseconds")
      ->capture_default_str()
      ->check(CLI::Range(1, 600000));
  add_findings_format_option(*probe, flags->formats);
  probe->add_option("--output,-o", flags->output, "write the report to FILE")->type_name("FILE");
  probe->add_option("--fail-on", flags->fail_on, "exit 1 when a finding is at or above: error (default), warning, note");
  probe->callback([flags, &exit_code] { exit_code = run_probe(*flags); });
}

}  // namespace tracegate::cli
