// SPDX-License-Identifier: Apache-2.0
#include "cli/rules_command.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/config.hpp"
#include "cli/exit_code.hpp"
#include "cli/knowledge_loading.hpp"
#include "core/error.hpp"
#include "rules/knowledge_base.hpp"
#include "rules/release_diff.hpp"

namespace tracegate::cli {

namespace {

using rules::KnowledgeBase;
using rules::Release;
using rules::Tracer;
using json = nlohmann::ordered_json;

struct RulesFlags {
  std::vector<std::string> directories;
  std::string config;
  std::string format = "text";
  std::string target;
  std::string since;
};

/// The built-in knowledge plus the directories from --config's [rules] paths and the command line.
rules::LoadedKnowledge load(const RulesFlags& flags) {
  std::vector<std::string> directories;
  if (!flags.config.empty()) {
    auto config = load_config_file(flags.config);
    if (!config) throw core::Fatal(core::to_string(config.error()));
    directories = config->rules.paths;
  }
  directories.insert(directories.end(), flags.directories.begin(), flags.directories.end());
  return load_knowledge_with(directories);
}

void check_format(const std::string& format) {
  if (format != "text" && format != "json") throw core::Fatal(fmt::format("unknown format '{}' (known: text, json)", format));
}

int validate(const RulesFlags& flags) {
  const auto loaded = load(flags);
  for (const auto& error : loaded.errors) std::cout << core::to_string(error) << '\n';
  std::size_t releases = 0, breaking = 0;
  for (const auto& tracer : loaded.base.tracers) {
    releases += tracer.releases.size();
    breaking += tracer.breaking.size();
  }
  std::cout << fmt::format("{} tracer(s), {} release(s), {} breaking change(s), {} import map(s): {} error(s)\n",
                           loaded.base.tracers.size(), releases, breaking, loaded.base.imports.size(), loaded.errors.size());
  return loaded.errors.empty() ? kClean : kFindings;
}

int list(const RulesFlags& flags) {
  check_format(flags.format);
  const auto loaded = load(flags);
  const auto& base = require_clean(loaded);
  json out = {{"schema_version", 1}, {"tracers", json::array()}};
  for (const auto& tracer : base.tracers) {
    json entry = {{"id", tracer.id}, {"name", tracer.name}, {"ecosystem", core::to_string(tracer.ecosystem)},
                  {"packages", tracer.packages}, {"releases", tracer.releases.size()},
                  {"oldest", tracer.releases.empty() ? "" : tracer.releases.front().version},
                  {"newest", tracer.releases.empty() ? "" : tracer.releases.back().version},
                  {"breaking_changes", tracer.breaking.size()}, {"files", tracer.files}};
    out["tracers"].push_back(std::move(entry));
  }
  if (flags.format == "json") {
    std::cout << out.dump(2) << '\n';
    return kClean;
  }
  for (const auto& tracer : out["tracers"]) {
    std::cout << fmt::format("{:<14} {:<10} {:>4} releases {:>8} .. {:<8} {:>3} breaking changes   {}\n",
                             tracer["id"].get<std::string>(), tracer["ecosystem"].get<std::string>(),
                             tracer["releases"].get<std::size_t>(), tracer["oldest"].get<std::string>(),
                             tracer["newest"].get<std::string>(), tracer["breaking_changes"].get<std::size_t>(),
                             fmt::join(tracer["packages"].get<std::vector<std::string>>(), ", "));
  }
  return kClean;
}

/// "PKG@VERSION", split at the last '@' (Maven coordinates and composer names hold none).
std::pair<std::string, std::string> split_target(const std::string& target) {
  const auto at = target.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == target.size()) {
    throw core::Fatal(fmt::format("'{}': expected PACKAGE@VERSION, e.g. ddtrace@2.11.1", target));
  }
  return {target.substr(0, at), target.substr(at + 1)};
}

const Release& release_or_fail(const Tracer& tracer, const std::string& version) {
  if (const auto* release = rules::find_release(tracer, version)) return *release;
  std::string known;
  if (!tracer.releases.empty()) known = fmt::format(" (known: {} .. {})", tracer.releases.front().version, tracer.releases.back().version);
  throw core::Fatal(fmt::format("{} {} is not a release the knowledge base knows{}", tracer.id, version, known));
}

json release_json(const Tracer& tracer, const Release& release, const std::string& package) {
  json extras = json::object();
  for (const auto& [name, items] : release.extras) extras[name] = items;
  json agent = {{"min_version", release.min_agent}, {"endpoints", release.agent_endpoints}};
  for (const auto& endpoint : tracer.trace_endpoints) {
    if (rules::version_in(tracer, endpoint.versions, release.version)) {
      agent["trace_endpoint"] = {{"endpoint", endpoint.endpoint}, {"encoding", endpoint.encoding},
                                 {"override", endpoint.override_setting}, {"source", endpoint.source}};
    }
  }
  for (const auto& rule : tracer.agent_urls) {
    if (!rules::version_in(tracer, rule.versions, release.version)) continue;
    json order = json::array();
    for (const auto& step : rule.order) {
      json s = {{"from", step.from}};
      if (!step.variables.empty()) s["variables"] = step.variables;
      if (!step.host.empty()) s["host"] = step.host;
      if (!step.port.empty()) s["port"] = step.port;
      if (!step.selected_by.empty()) s["selected_by"] = step.selected_by;
      if (!step.default_host.empty()) s["default_host"] = step.default_host;
      if (step.default_port != 0) s["default_port"] = step.default_port;
      if (!step.path.empty()) s["path"] = step.path;
      if (!step.condition.empty()) s["condition"] = step.condition;
      if (!step.url.empty()) s["url"] = step.url;
      order.push_back(std::move(s));
    }
    agent["url_order"] = std::move(order);
    agent["url_source"] = rule.source;
  }
  return {{"tracer", tracer.id}, {"package", package}, {"version", release.version}, {"date", release.date},
          {"runtime", release.runtime}, {"runtime_classifiers", release.runtime_classifiers},
          {"requires", rules::requirements_for(release, package)}, {"extras", std::move(extras)}, {"agent", std::move(agent)},
          {"source", release.source}};
}

json change_json(const rules::RequirementChange& change) {
  return {{"name", change.name}, {"before", change.before}, {"after", change.after}};
}

void print_text(const json& out) {
  std::cout << fmt::format("{} {} ({}), released {}\n", out["tracer"].get<std::string>(), out["version"].get<std::string>(),
                           out["package"].get<std::string>(), out["date"].get<std::string>());
  std::cout << fmt::format("  runtime: {}", out["runtime"].get<std::string>());
  if (!out["runtime_classifiers"].empty()) {
    std::cout << fmt::format(" (classifiers: {})", fmt::join(out["runtime_classifiers"].get<std::vector<std::string>>(), ", "));
  }
  std::cout << "\n  requires:\n";
  for (const auto& requirement : out["requires"]) std::cout << "    " << requirement.get<std::string>() << '\n';
  for (const auto& [name, items] : out["extras"].items()) {
    std::cout << fmt::format("  extra [{}]: {}\n", name, fmt::join(items.get<std::vector<std::string>>(), ", "));
  }
  if (out["agent"].contains("trace_endpoint")) {
    std::cout << fmt::format("  trace endpoint: {} ({})\n", out["agent"]["trace_endpoint"]["endpoint"].get<std::string>(),
                             out["agent"]["trace_endpoint"]["encoding"].get<std::string>());
  }
  if (out["agent"].contains("url_order")) {
    std::cout << "  agent URL, first that applies:\n";
    for (const auto& step : out["agent"]["url_order"]) std::cout << "    " << step.dump() << '\n';
  }
  std::cout << "  source: " << out["source"].get<std::string>() << '\n';
  if (!out.contains("since")) return;
  const auto& since = out["since"];
  std::cout << fmt::format("\nsince {}:\n", since["version"].get<std::string>());
  for (const auto* group : {"removed", "added", "changed"}) {
    for (const auto& change : since["requirements"][group]) {
      std::cout << fmt::format("  {:<8} {:<24} {} -> {}\n", group, change["name"].get<std::string>(),
                               change["before"].empty() ? "-" : fmt::format("{}", fmt::join(change["before"].get<std::vector<std::string>>(), " | ")),
                               change["after"].empty() ? "-" : fmt::format("{}", fmt::join(change["after"].get<std::vector<std::string>>(), " | ")));
    }
  }
  for (const auto& change : since["breaking_changes"]) {
    std::cout << fmt::format("  breaking {} ({}): {}\n           fix: {}\n", change["id"].get<std::string>(),
                             change["since"].get<std::string>(), change["message"].get<std::string>(),
                             change["fix"].get<std::string>());
  }
}

int show(const RulesFlags& flags) {
  check_format(flags.format);
  const auto [package, version] = split_target(flags.target);
  const auto loaded = load(flags);
  const auto& base = require_clean(loaded);
  const auto* tracer = base.find_tracer(package);
  if (!tracer) throw core::Fatal(fmt::format("'{}' is not a tracer package the knowledge base knows; see `tracegate rules list`", package));
  const auto& release = release_or_fail(*tracer, version);
  json out = release_json(*tracer, release, package);
  if (!flags.since.empty()) {
    const auto& from = release_or_fail(*tracer, flags.since);
    const auto diff = rules::diff_releases(*tracer, package, from, release);
    json requirements = {{"removed", json::array()}, {"added", json::array()}, {"changed", json::array()}};
    for (const auto& change : diff.removed) requirements["removed"].push_back(change_json(change));
    for (const auto& change : diff.added) requirements["added"].push_back(change_json(change));
    for (const auto& change : diff.changed) requirements["changed"].push_back(change_json(change));
    json breaking = json::array();
    for (const auto* change : diff.breaking) {
      breaking.push_back({{"id", change->id}, {"since", change->since}, {"kind", change->kind},
                          {"identifier", change->identifier}, {"message", change->message}, {"fix", change->fix},
                          {"source", change->source}});
    }
    out["since"] = {{"version", from.version}, {"requirements", std::move(requirements)}, {"breaking_changes", std::move(breaking)}};
  }
  if (flags.format == "json") {
    std::cout << out.dump(2) << '\n';
  } else {
    print_text(out);
  }
  return kClean;
}

}  // namespace

void add_rules_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<RulesFlags>();
  auto* rules = app.add_subcommand("rules", "The knowledge base: tracer releases, requirements and breaking changes (docs/rules.md)");
  rules->require_subcommand(1);
  rules->add_option("--config", flags->config, "tracegate.toml whose [rules] paths add rule directories");

  auto* validate_cmd = rules->add_subcommand("validate", "Check the built-in rules and DIRs; every problem at file:line:column");
  validate_cmd->add_option("dirs", flags->directories, "extra rule directories to check with the built-in ones");
  validate_cmd->callback([flags, &exit_code] { exit_code = validate(*flags); });

  auto* list_cmd = rules->add_subcommand("list", "List the tracers and their releases");
  list_cmd->add_option("--format", flags->format, "text or json");
  list_cmd->callback([flags, &exit_code] { exit_code = list(*flags); });

  auto* show_cmd = rules->add_subcommand("show", "What a release requires; with --since, what changed");
  show_cmd->add_option("target", flags->target, "PACKAGE@VERSION, e.g. ddtrace@2.11.1")->required();
  show_cmd->add_option("--since", flags->since, "an older release to compare with");
  show_cmd->add_option("--format", flags->format, "text or json");
  show_cmd->callback([flags, &exit_code] { exit_code = show(*flags); });
}

}  // namespace tracegate::cli
