// SPDX-License-Identifier: Apache-2.0
#include "rules/connectivity_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "connectivity/agent_versions.hpp"
#include "rules/agent_endpoint.hpp"
#include "rules/agent_reachability.hpp"
#include "rules/process_environment.hpp"

namespace tracegate::rules {

namespace {

using core::Finding;
using core::Severity;

const core::Label* label_named(const core::Workload* workload, std::string_view key) {
  if (!workload) return nullptr;
  const auto it = std::ranges::find(workload->labels, key, &core::Label::key);
  return it == workload->labels.end() ? nullptr : &*it;
}

bool tag_in_dd_tags(const EnvSettings& env, std::string_view tag) {
  const auto it = env.find("DD_TAGS");
  if (it == env.end()) return false;
  const std::string_view tags = it->second.value;
  const auto prefix = fmt::format("{}:", tag);
  for (std::size_t at = tags.find(prefix); at != std::string_view::npos; at = tags.find(prefix, at + 1)) {
    if (at == 0 || tags[at - 1] == ',' || tags[at - 1] == ' ') return true;
  }
  return false;
}

/// The unified service tags (env, service, version) the process runs without.
std::vector<std::string> missing_tags(const ProcessEnvironment& process) {
  std::vector<std::string> missing;
  for (const auto& [tag, variable] : {std::pair{"env", "DD_ENV"}, {"service", "DD_SERVICE"}, {"version", "DD_VERSION"}}) {
    const auto it = process.env.find(variable);
    const bool set = it != process.env.end() && !it->second.value.empty();
    const bool labelled = label_named(process.workload, fmt::format("tags.datadoghq.com/{}", tag)) != nullptr ||
                          label_named(process.workload, fmt::format("com.datadoghq.tags.{}", tag)) != nullptr;
    if (!set && !labelled && !tag_in_dd_tags(process.env, tag)) missing.emplace_back(tag);
  }
  return missing;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

class FindingSink {
 public:
  FindingSink(const core::Service& service) : service_(service) {}

  Finding& add(std::string_view check, Severity severity, std::string subject, const core::SourceLocation& where,
               const core::RepositoryRef* source, std::string message) {
    Finding finding;
    finding.check_id = std::string(check);
    finding.severity = severity;
    finding.service = service_.name;
    finding.source = source ? *source : service_.source;
    finding.subject = std::move(subject);
    finding.location = where;
    finding.message = std::move(message);
    // Two containers of one file, or two agent configurations, can give the same finding.
    const auto key = fmt::format("{}\n{}\n{}\n{}:{}", finding.check_id, finding.subject, finding.source.repository,
                                 finding.location.path, finding.location.line);
    if (!seen_.insert(key).second) return scratch_ = std::move(finding);
    findings_.push_back(std::move(finding));
    return findings_.back();
  }

  std::vector<Finding> take() { return std::move(findings_); }

 private:
  const core::Service& service_;
  std::vector<Finding> findings_;
  std::set<std::string> seen_;
  Finding scratch_;
};

std::string describe_endpoint(const Tracer& tracer, const Release& release, const AgentEndpoint& endpoint) {
  if (endpoint.where.path.empty()) {
    return fmt::format("{} {} sends to {} ({})", tracer.id, release.version, endpoint.url(), endpoint.decided_by);
  }
  return fmt::format("{} {} sends to {}, decided by {} at {}:{}", tracer.id, release.version, endpoint.url(),
                     endpoint.decided_by, endpoint.where.path, endpoint.where.line);
}

bool is_compose(const DeployedProcess& process) {
  return process.workload && process.workload->kind == core::Workload::Kind::compose_service;
}

/// The Datadog Agent service of the compose file the process comes from.
const core::Workload* compose_agent(const DeployedProcess& process) {
  for (const auto& workload : process.deploy->inventory.workloads) {
    if (workload.kind != core::Workload::Kind::compose_service || workload.file != process.workload->file) continue;
    if (std::ranges::any_of(workload.containers, [](const core::Container& c) { return is_agent_container(c); })) return &workload;
  }
  return nullptr;
}

}  // namespace

ConnectivityChecks::ConnectivityChecks(const Tracer& tracer, const Release& release, const std::vector<RepositoryDeploy>& fleet)
    : tracer_(&tracer), release_(&release), fleet_(&fleet) {
  for (const auto& deploy : fleet) {
    for (const auto& settings : deploy.inventory.agent_settings) agents_.push_back({&deploy, &settings});
  }
}

std::vector<Finding> ConnectivityChecks::check(const core::Service& service, const std::vector<core::Service>& services) const {
  FindingSink sink(service);
  const auto deployment = find_service_deployment(service, services, *fleet_);
  if (deployment.processes.empty()) {
    const auto where = service.tracer ? service.tracer->origin : core::SourceLocation{};
    auto& note = sink.add(checks::kConnectivityUnknown, Severity::note, "deployment", where, &service.source,
                          fmt::format("no deployment of {} was found in the scanned repositories (Kubernetes manifests, Helm "
                                      "values, compose files): agent reachability and unified service tagging were not checked",
                                      service.name));
    note.fix = "scan the repository that deploys the service too, or name the workload after the service "
               "(metadata.name or the tags.datadoghq.com/service label)";
    return sink.take();
  }

  bool agent_used = false;
  for (const auto& process : deployment.processes) {
    const bool compose = is_compose(process);
    std::vector<const Agent*> agents;
    if (!compose) {
      for (const auto& agent : agents_) agents.push_back(&agent);
    }
    if (agents.empty()) agents.push_back(nullptr);
    bool tags_checked = false;
    for (const auto* agent : agents) {
      const auto* settings = agent ? agent->settings : nullptr;
      const auto env = process_environment(process, deployment, *fleet_, settings);
      const auto* compose_agent_service = compose ? compose_agent(process) : nullptr;
      const bool socket_exists =
          compose_agent_service
              ? compose_socket_shared(env, *compose_agent_service, kDefaultSocketPath)
              : env.socket_mount && (!settings || (settings->apm_socket_enabled.value_or(core::Located<bool>{true}).value &&
                                                   agent_socket_visible(*env.socket_mount, *settings, kDefaultSocketPath)));
      const auto endpoint = resolve_agent_endpoint(*tracer_, release_->version, env.env, socket_exists);
      if (!tags_checked) {
        tags_checked = true;
        if (const auto missing = missing_tags(env); !missing.empty()) {
          const bool no_env = std::ranges::find(missing, "env") != missing.end();
          auto& finding = sink.add(
              checks::kUnifiedTaggingMissing, no_env ? Severity::warning : Severity::note, "unified service tags", env.where,
              env.source,
              no_env ? fmt::format("{} runs without an env tag (its traces show env:none); missing: {}", service.name, joined(missing))
                     : fmt::format("{} runs without unified service tags: {}", service.name, joined(missing)));
          for (const auto& tag : missing) {
            auto variable = "DD_" + tag;
            std::ranges::transform(variable, variable.begin(), [](unsigned char c) { return std::toupper(c); });
            finding.causes.push_back(fmt::format("no {} in the container's environment, no tags.datadoghq.com/{} label and no {}: in DD_TAGS",
                                                 variable, tag, tag));
          }
          finding.fix = "label the Deployment and its pod template with tags.datadoghq.com/env, /service and /version, and set "
                        "DD_ENV, DD_SERVICE and DD_VERSION from them (valueFrom.fieldRef: metadata.labels['tags.datadoghq.com/env'])";
        }
      }
      if (!endpoint) continue;
      if (endpoint->kind == AgentEndpoint::Kind::invalid) {
        const auto& where = endpoint->where.path.empty() ? env.where : endpoint->where;
        const auto setting = env.env.find(endpoint->decided_by);
        auto& finding = sink.add(checks::kAgentUrlInvalid, Severity::error, endpoint->decided_by, where,
                                 setting != env.env.end() && setting->second.source ? setting->second.source : env.source,
                                 endpoint->error + ": the tracer cannot send traces");
        finding.fix = "set DD_TRACE_AGENT_URL to http://HOST:PORT or unix:///var/run/datadog/apm.socket";
        continue;
      }
      if (compose_agent_service) {
        if (env.unknown.contains(endpoint->decided_by)) continue;
        const auto verdict = judge_compose_reachability(*endpoint, env, *compose_agent_service);
        if (verdict.kind != Reachability::Kind::unreachable) continue;
        auto& finding = sink.add(checks::kAgentUnreachable, Severity::error, verdict.subject, verdict.where, verdict.source,
                                 verdict.message);
        finding.causes.push_back(describe_endpoint(*tracer_, *release_, *endpoint));
        for (const auto& cause : verdict.causes) finding.causes.push_back(cause);
        finding.fix = verdict.fix;
        continue;
      }
      if (!settings) {
        if (!compose) {
          auto& note = sink.add(checks::kConnectivityUnknown, Severity::note, "agent configuration", env.where, env.source,
                                fmt::format("no Datadog Agent configuration (Datadog Helm chart values, HelmRelease, DatadogAgent) "
                                            "was found in the scanned repositories: whether {} reaches the agent was not checked",
                                            endpoint->url()));
          note.causes.push_back(describe_endpoint(*tracer_, *release_, *endpoint));
          note.fix = "scan the repository that deploys the Datadog Agent together with this one";
        }
        continue;
      }
      agent_used = true;
      if (env.unknown.contains(endpoint->decided_by)) continue;  // a Secret's value: not ours to judge
      const auto verdict = judge_reachability(*endpoint, env, *settings, agent->deploy->source);
      if (verdict.kind != Reachability::Kind::unreachable) continue;
      auto& finding = sink.add(checks::kAgentUnreachable, Severity::error, verdict.subject, verdict.where, verdict.source,
                               verdict.message);
      finding.causes.push_back(describe_endpoint(*tracer_, *release_, *endpoint));
      for (const auto& cause : verdict.causes) finding.causes.push_back(cause);
      if (env.admission && !endpoint->where.path.empty() && endpoint->where == env.admission->opted_in) {
        finding.causes.push_back(fmt::format("injected by the admission controller in '{}' mode ({})", env.admission->mode,
                                             env.admission->mode_from));
      }
      if (agents_.size() > 1) finding.causes.push_back(fmt::format("with the agent of {}", settings->file));
      finding.fix = verdict.fix;
    }
  }

  if (agent_used) {
    for (const auto& agent : agents_) {
      const auto& settings = *agent.settings;
      if (!settings.agent_image_tag || release_->min_agent.empty()) continue;
      const auto running = connectivity::parse_agent_version(settings.agent_image_tag->value);
      const auto minimum = connectivity::parse_agent_version(release_->min_agent);
      if (!running || !minimum) continue;  // `latest`, a digest: nothing to compare
      const auto& tag = *settings.agent_image_tag;
      const auto& where = tag.defaulted ? settings.where : tag.where;
      const auto served = connectivity::advertised_endpoints(*running);
      std::vector<std::string> unserved;
      for (const auto& path : release_->agent_endpoints) {
        if (!connectivity::serves_path(served, path)) unserved.push_back(path);
      }
      const bool none_served = !release_->agent_endpoints.empty() && unserved.size() == release_->agent_endpoints.size();
      if (*running >= *minimum && !none_served) continue;
      auto& finding = sink.add(
          checks::kAgentTooOld, Severity::error, "datadog-agent", where, &agent.deploy->source,
          *running < *minimum
              ? fmt::format("the Datadog Agent {} is older than {}, the oldest agent {} {} supports", tag.value,
                            release_->min_agent, tracer_->id, release_->version)
              : fmt::format("the Datadog Agent {} serves none of the trace endpoints {} {} sends to ({})", tag.value,
                            tracer_->id, release_->version, joined(unserved)));
      if (tag.defaulted) finding.causes.push_back(fmt::format("agents.image.tag {} is {}", tag.value, settings.defaults_note));
      finding.causes.push_back(fmt::format("the knowledge base gives Agent {} as the minimum for {} {}", release_->min_agent,
                                           tracer_->id, release_->version));
      const auto& repository = agent.deploy->source.name;
      finding.fix = fmt::format("upgrade the agent (agents.image.tag in {}{}) to {} or newer", repository.empty() ? "" : repository + "/",
                                settings.file, release_->min_agent);
    }
  }
  return sink.take();
}

}  // namespace tracegate::rules
