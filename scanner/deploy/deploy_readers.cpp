// SPDX-License-Identifier: Apache-2.0
#include "scanner/deploy/deploy_readers.hpp"

#include <fmt/format.h>

#include "core/repo_path.hpp"
#include "core/text.hpp"
#include "scanner/deploy/chart_defaults.hpp"
#include "scanner/deploy/reader_units.hpp"
#include "scanner/dockerfile_instructions.hpp"

namespace tracegate::scanner::deploy {
namespace {

bool has_component(std::string_view path, std::string_view component) {
  for (std::size_t begin = 0; begin < path.size();) {
    const auto end = std::min(path.find('/', begin), path.size());
    if (path.substr(begin, end - begin) == component && end < path.size()) return true;
    begin = end + 1;
  }
  return false;
}

bool is_yaml_name(std::string_view name) {
  return name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".yaml.gotmpl");
}

bool is_compose_document(YamlWalk& walk, const YAML::Node& document) {
  const auto services = walk.child(document, "services");
  if (!services.IsMap()) return false;
  for (const auto& entry : services) {
    if (!walk.visit(entry.second)) return false;
    if (walk.child(entry.second, "image").IsDefined() || walk.child(entry.second, "build").IsDefined()) return true;
  }
  return false;
}

void read_values_document(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out) {
  if (looks_like_datadog_values(walk, document)) {
    out.agent_settings.push_back(read_datadog_values(walk, document, core::DatadogAgentSettings::Origin::helm_values));
  } else {
    read_application_values(walk, document, out);
  }
}

void read_document(DeployFileKind kind, YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out) {
  if (!document.IsMap()) return;
  switch (kind) {
    case DeployFileKind::service_catalog:
      read_service_catalog_document(walk, document, out);
      break;
    case DeployFileKind::chart_yaml:
      read_chart_yaml(walk, document, out);
      break;
    case DeployFileKind::helmfile:
      read_helmfile(walk, document, out);
      break;
    case DeployFileKind::compose:
      read_compose_document(walk, document, out);
      break;
    case DeployFileKind::helm_values:
      if (!read_kubernetes_document(walk, document, out)) read_values_document(walk, document, out);
      break;
    case DeployFileKind::kubernetes:
      if (read_kubernetes_document(walk, document, out)) break;
      if (is_compose_document(walk, document)) {
        read_compose_document(walk, document, out);
      } else if (looks_like_datadog_values(walk, document)) {
        out.agent_settings.push_back(
            read_datadog_values(walk, document, core::DatadogAgentSettings::Origin::helm_values));
      }
      break;
    case DeployFileKind::none:
    case DeployFileKind::helm_template:
    case DeployFileKind::dockerfile:
      break;
  }
}

/// Whether the file gave the inventory anything.
std::size_t read_so_far(const DeployReadResult& out) {
  return out.workloads.size() + out.config_maps.size() + out.agent_settings.size() + out.chart_pins.size() +
         out.values_env.size() + out.catalog_entries.size();
}

void read_documents(DeployFileKind kind, std::string_view path, std::string_view text, DeployReadResult& out) {
  // Any YAML is tried as Kubernetes by content; one that is not (Ansible, Jinja, CI files)
  // must not count as an unreadable input, only be mentioned.
  const bool by_content = kind == DeployFileKind::kubernetes;
  auto documents = load_documents(path, text);
  if (!documents) {
    auto message = std::move(documents.error().message);
    if (text.find("{{") != std::string_view::npos) message += " (the file holds '{{': a template, not plain YAML?)";
    out.diagnostics.push_back(core::Diagnostic{documents.error().where.value_or(core::SourceLocation{std::string(path)}),
                                               message,
                                               by_content ? core::Diagnostic::Level::warning : core::Diagnostic::Level::error});
    return;
  }
  const auto before = read_so_far(out);
  const auto diagnostics_before = out.diagnostics.size();
  YamlWalk walk(path, out.diagnostics);
  for (const auto& document : *documents) {
    if (walk.exhausted()) break;
    read_document(kind, walk, document, out);
  }
  const auto braces = text.find("{{");
  if (braces == std::string_view::npos || (by_content && read_so_far(out) == before)) return;
  const auto where = core::line_column_at(text, braces);
  out.diagnostics.insert(out.diagnostics.begin() + static_cast<std::ptrdiff_t>(diagnostics_before),
                         core::Diagnostic{core::SourceLocation{std::string(path), where.line, where.column},
                                          "the file holds '{{' outside a Helm chart's templates/: template expressions "
                                          "were read as plain YAML, values there may be missing",
                                          core::Diagnostic::Level::warning});
}

}  // namespace

DeployFileKind classify_deploy_path(std::string_view path) {
  const auto name = core::base_name(path);
  // The names python/dockerfile reads (scanner/dockerfile_instructions.hpp), `Dockerfile.yaml` too.
  if (is_dockerfile_name(name)) return DeployFileKind::dockerfile;
  if (!is_yaml_name(name)) return DeployFileKind::none;
  if (has_component(path, "templates")) return DeployFileKind::helm_template;
  if (name == "service.datadog.yaml" || name == "service.datadog.yml" || name == "entity.datadog.yaml" ||
      name == "entity.datadog.yml") {
    return DeployFileKind::service_catalog;
  }
  if (name == "Chart.yaml" || name == "Chart.yml") return DeployFileKind::chart_yaml;
  if (name.starts_with("helmfile.") || has_component(path, "helmfile.d")) return DeployFileKind::helmfile;
  if (name.starts_with("docker-compose") || name.starts_with("compose.") || name.starts_with("compose-")) {
    return DeployFileKind::compose;
  }
  if (name.ends_with(".gotmpl")) return DeployFileKind::none;
  if (name.starts_with("values") || name.find("-values.") != std::string_view::npos ||
      name.find(".values.") != std::string_view::npos || name.find("_values.") != std::string_view::npos ||
      has_component(path, "values")) {
    return DeployFileKind::helm_values;
  }
  return DeployFileKind::kubernetes;
}

DeployReadResult read_deploy_file(std::string_view path, std::string_view text) {
  DeployReadResult out;
  const auto kind = classify_deploy_path(path);
  if (kind == DeployFileKind::none || kind == DeployFileKind::helm_template) return out;
  try {
    if (kind == DeployFileKind::dockerfile) {
      read_dockerfile_env(path, text, out);
      return out;
    }
    read_documents(kind, path, text, out);
    apply_defaults(out);
  } catch (const YAML::Exception& error) {
    out.diagnostics.push_back(
        core::Diagnostic{location_of(path, error.mark), fmt::format("cannot read YAML: {}", error.msg)});
  } catch (const std::exception& error) {
    out.diagnostics.push_back(core::Diagnostic{
        core::SourceLocation{std::string(path)},
        fmt::format("cannot read {}: {}", kind == DeployFileKind::dockerfile ? "Dockerfile" : "YAML", error.what())});
  }
  return out;
}

void add_to_inventory(core::DeployInventory& inventory, DeployReadResult&& result) {
  const auto move_all = [](auto& into, auto& from) {
    into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  move_all(inventory.workloads, result.workloads);
  move_all(inventory.config_maps, result.config_maps);
  move_all(inventory.agent_settings, result.agent_settings);
  move_all(inventory.chart_pins, result.chart_pins);
  move_all(inventory.values_env, result.values_env);
  move_all(inventory.catalog_entries, result.catalog_entries);
  move_all(inventory.image_env, result.image_env);
  move_all(inventory.diagnostics, result.diagnostics);
}

void finish_inventory(core::DeployInventory& inventory) { apply_defaults(inventory); }

}  // namespace tracegate::scanner::deploy
