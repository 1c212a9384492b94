// SPDX-License-Identifier: Apache-2.0
// Where a repository names the version of the Datadog Helm chart it deploys: a Chart.yaml
// dependency, a Flux HelmRelease (`spec.chart.spec.version`, plus its inline `spec.values`), a
// helmfile release (`version`, plus its `values:` files or inline values).
#include "core/repo_path.hpp"
#include "scanner/deploy/reader_units.hpp"

namespace tracegate::scanner::deploy {
namespace {

/// `datadog`, `datadog/datadog`, `oci://registry/charts/datadog`.
bool is_datadog_chart(std::string_view chart) { return core::base_name(chart) == "datadog"; }

std::optional<core::ChartPin> pin_at(YamlWalk& walk, const YAML::Node& version, core::ChartPin::Source source) {
  auto text = walk.text(version);
  if (!text || text->empty()) return std::nullopt;
  return core::ChartPin{source, std::move(*text), {}, walk.at(version)};
}

}  // namespace

void read_chart_yaml(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out) {
  const auto dependencies = walk.child(document, "dependencies");
  if (!dependencies.IsSequence()) return;
  for (const auto& dependency : dependencies) {
    if (!walk.visit(dependency)) break;
    if (!is_datadog_chart(walk.text(walk.child(dependency, "name")).value_or(""))) continue;
    if (auto pin = pin_at(walk, walk.child(dependency, "version"), core::ChartPin::Source::chart_dependency)) {
      out.chart_pins.push_back(std::move(*pin));
    }
  }
}

void read_helm_release(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out) {
  const auto spec = walk.child(document, "spec");
  const auto chart = walk.path_of(spec, {"chart", "spec"});
  if (!is_datadog_chart(walk.text(walk.child(chart, "chart")).value_or(""))) return;
  auto pin = pin_at(walk, walk.child(chart, "version"), core::ChartPin::Source::helm_release);
  if (pin) pin->values_files.push_back(std::string(walk.path()));  // its inline values
  const auto values = walk.child(spec, "values");
  auto settings = read_datadog_values(walk, values.IsMap() ? values : YAML::Node(YAML::NodeType::Map),
                                      core::DatadogAgentSettings::Origin::helm_release);
  settings.where = walk.at(walk.child(document, "kind"));
  out.agent_settings.push_back(std::move(settings));
  if (pin) out.chart_pins.push_back(std::move(*pin));
}

void read_helmfile(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out) {
  const auto releases = walk.child(document, "releases");
  if (!releases.IsSequence()) return;
  const auto dir = core::parent_dir(walk.path());
  for (const auto& release : releases) {
    if (!walk.visit(release)) break;
    if (!is_datadog_chart(walk.text(walk.child(release, "chart")).value_or(""))) continue;
    auto pin = pin_at(walk, walk.child(release, "version"), core::ChartPin::Source::helmfile);
    const auto values = walk.child(release, "values");
    if (values.IsSequence()) {
      for (const auto& item : values) {
        if (!walk.visit(item)) break;
        if (const auto file = walk.text(item)) {
          if (auto inside = core::join_inside(dir, *file); inside && pin) pin->values_files.push_back(*inside);
        } else if (item.IsMap()) {
          auto settings = read_datadog_values(walk, item, core::DatadogAgentSettings::Origin::helm_values);
          settings.where = walk.at(item);
          out.agent_settings.push_back(std::move(settings));
          if (pin) pin->values_files.push_back(std::string(walk.path()));
        }
      }
    }
    if (pin) out.chart_pins.push_back(std::move(*pin));
  }
}

}  // namespace tracegate::scanner::deploy
