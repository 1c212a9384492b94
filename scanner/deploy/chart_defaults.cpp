// SPDX-License-Identifier: Apache-2.0
#include "scanner/deploy/chart_defaults.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "core/repo_path.hpp"
#include "core/text.hpp"

namespace tracegate::scanner::deploy {
namespace {

constexpr std::string_view kFacts = "../shared/data/agent-connectivity.md";

// Chart versions where a default changed (agent-connectivity.md:49-63).
constexpr ChartVersion kUdsByDefault{{2, 21, 0}};        // :53-54 socketEnabled true, portEnabled false
constexpr ChartVersion kAdmissionByDefault{{2, 35, 0}};  // :59 admission controller enabled by default
constexpr ChartVersion kConfigModeDerived{{3, 22, 0}};   // :61 configMode derived from socket/port

template <class T>
void reset_default(std::optional<core::Located<T>>& field) {
  if (field && field->defaulted) field.reset();
}

class DefaultsWriter {
 public:
  explicit DefaultsWriter(core::DatadogAgentSettings& settings) : settings_(settings) {}

  template <class T>
  void set(std::optional<core::Located<T>>& field, std::string_view name, T value, int facts_line) {
    if (field) return;
    field = core::Located<T>{std::move(value), core::SourceLocation{std::string(kFacts), facts_line}, true};
    settings_.defaulted.push_back(std::string(name));
    if constexpr (std::is_same_v<T, bool>) {
      applied_.push_back(fmt::format("{} {}", name, field->value ? "true" : "false"));
    } else {
      applied_.push_back(fmt::format("{} {}", name, field->value));
    }
  }
  std::string applied() const { return fmt::format("{}", fmt::join(applied_, ", ")); }

 private:
  core::DatadogAgentSettings& settings_;
  std::vector<std::string> applied_;
};

void clear_defaults(core::DatadogAgentSettings& s) {
  reset_default(s.apm_enabled);
  reset_default(s.apm_port_enabled);
  reset_default(s.apm_port);
  reset_default(s.apm_socket_enabled);
  reset_default(s.host_socket_path);
  reset_default(s.socket_path);
  reset_default(s.use_local_service);
  reset_default(s.legacy_apm_enabled);
  reset_default(s.legacy_use_socket_volume);
  reset_default(s.agent_image_tag);
  reset_default(s.use_host_network);
  reset_default(s.admission_enabled);
  reset_default(s.admission_config_mode);
  reset_default(s.admission_mutate_unlabelled);
  s.defaulted.clear();
  s.defaults_note.clear();
  s.chart_version.clear();
  s.chart_version_where = {};
  s.chart_version_assumed = true;
}

void apply_operator_defaults(core::DatadogAgentSettings& s) {
  DefaultsWriter w(s);
  // agent-connectivity.md:65-71 (datadog-operator defaults/datadogagent_default.go).
  w.set(s.apm_enabled, "features.apm.enabled", true, 67);
  w.set(s.apm_port_enabled, "hostPortConfig.enabled", false, 68);
  w.set(s.apm_port, "hostPortConfig.hostPort", 8126, 68);
  w.set(s.apm_socket_enabled, "unixDomainSocketConfig.enabled", true, 69);
  w.set(s.socket_path, "unixDomainSocketConfig.path", std::string("/var/run/datadog/apm.socket"), 69);
  w.set(s.admission_enabled, "admissionController.enabled", true, 71);
  w.set(s.admission_mutate_unlabelled, "admissionController.mutateUnlabelled", false, 71);
  s.chart_version_assumed = false;
  s.defaults_note = fmt::format("Datadog Operator defaults ({}:65-71): {}", kFacts, w.applied());
}

bool on(const std::optional<core::Located<bool>>& field) { return field && field->value; }

/// configMode when unset (agent-connectivity.md:30-33, 61).
std::string derived_config_mode(const core::DatadogAgentSettings& s, const ChartVersion& version) {
  if (version < kConfigModeDerived) return "hostip";
  if (on(s.apm_socket_enabled) || on(s.legacy_use_socket_volume)) return "socket";
  if (on(s.apm_port_enabled) || on(s.legacy_apm_enabled)) return "hostip";
  if (on(s.use_local_service)) return "service";
  return "hostip";
}

void apply_chart_defaults(core::DatadogAgentSettings& s, const core::ChartPin* pin, std::string_view why) {
  const auto current = *parse_chart_version(kCurrentChartVersion);
  auto version = current;
  std::string pinned_note;
  if (pin) {
    if (const auto parsed = parse_chart_version(pin->version)) {
      version = *parsed;
      s.chart_version = pin->version;
      s.chart_version_where = pin->where;
      s.chart_version_assumed = false;
      pinned_note = fmt::format("chart {} defaults ({} {}{})", pin->version, why, core::to_string(pin->where),
                                parsed->exact ? "" : "; not an exact version: its lower bound assumed");
    } else {
      pinned_note = fmt::format("assumed chart {} defaults (the pin '{}' at {} is not a version)", kCurrentChartVersion,
                                pin->version, core::to_string(pin->where));
    }
  }
  if (s.chart_version.empty()) {
    s.chart_version = std::string(kCurrentChartVersion);
    s.chart_version_assumed = true;
  }
  DefaultsWriter w(s);
  const bool uds_era = version >= kUdsByDefault;
  // agent-connectivity.md:14-27 (chart 3.240.0 values.yaml) and :49-63 (history).
  w.set(s.apm_socket_enabled, "socketEnabled", uds_era, uds_era ? 14 : 53);
  w.set(s.apm_port_enabled, "portEnabled", false, 15);
  w.set(s.use_local_service, "useLocalService", false, 16);
  w.set(s.legacy_apm_enabled, "apm.enabled", false, 17);
  w.set(s.apm_port, "port", 8126, 18);
  w.set(s.legacy_use_socket_volume, "useSocketVolume", false, 19);
  w.set(s.socket_path, "socketPath", std::string("/var/run/datadog/apm.socket"), 20);
  w.set(s.host_socket_path, "hostSocketPath", std::string("/var/run/datadog"), 21);
  if (version == current) w.set(s.agent_image_tag, "agents.image.tag", std::string("7.81.1"), 23);
  w.set(s.use_host_network, "useHostNetwork", false, 24);
  const bool admission_era = version >= kAdmissionByDefault;
  w.set(s.admission_enabled, "admissionController.enabled", admission_era, admission_era ? 25 : 59);
  w.set(s.admission_mutate_unlabelled, "mutateUnlabelled", false, 26);
  w.set(s.admission_config_mode, "configMode", derived_config_mode(s, version), version < kConfigModeDerived ? 33 : 31);
  const auto assumed = pinned_note.empty()
                           ? fmt::format("assumed chart {} defaults (no datadog chart version found in the repository; "
                                         "the current chart, {}:8)",
                                         kCurrentChartVersion, kFacts)
                           : pinned_note;
  s.defaults_note = fmt::format("{}: {}", assumed, w.applied());
  if (!s.agent_image_tag) s.defaults_note += "; agent image tag unknown (default of this chart version not recorded)";
}

}  // namespace

std::optional<ChartVersion> parse_chart_version(std::string_view text) {
  text = core::trim(text);
  ChartVersion out;
  const auto start = text.find_first_of("0123456789");
  if (start == std::string_view::npos) return std::nullopt;
  const auto prefix = text.substr(0, start);
  if (!(prefix.empty() || prefix == "v" || prefix == "=")) out.exact = false;
  auto rest = text.substr(start);
  std::size_t parts = 0;
  while (parts < 3) {
    if (!rest.empty() && (rest.front() == 'x' || rest.front() == 'X' || rest.front() == '*')) {
      out.exact = false;
      rest.remove_prefix(1);
    } else {
      const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), out.numbers[parts]);
      if (ec != std::errc()) break;
      rest.remove_prefix(static_cast<std::size_t>(ptr - rest.data()));
    }
    ++parts;
    if (rest.empty() || rest.front() != '.') break;
    rest.remove_prefix(1);
  }
  if (parts == 0) return std::nullopt;
  if (parts < 3 || !rest.empty()) out.exact = false;
  return out;
}

void apply_defaults(core::DatadogAgentSettings& settings, const core::ChartPin* pin, std::string_view why_this_pin) {
  clear_defaults(settings);
  if (settings.origin == core::DatadogAgentSettings::Origin::operator_resource) {
    apply_operator_defaults(settings);
  } else {
    apply_chart_defaults(settings, pin, why_this_pin);
  }
}

void apply_defaults(core::DeployInventory& inventory) {
  for (auto& settings : inventory.agent_settings) {
    const core::ChartPin* pin = nullptr;
    std::string_view why;
    for (const auto& candidate : inventory.chart_pins) {
      if (std::ranges::find(candidate.values_files, settings.file) != candidate.values_files.end()) {
        pin = &candidate;
        why = "pinned for this values file at";
        break;
      }
    }
    if (!pin) {
      for (const auto& candidate : inventory.chart_pins) {
        if (candidate.source == core::ChartPin::Source::chart_dependency &&
            core::parent_dir(candidate.where.path) == core::parent_dir(settings.file)) {
          pin = &candidate;
          why = "dependency of the chart in this directory at";
          break;
        }
      }
    }
    if (!pin && inventory.chart_pins.size() == 1) {
      pin = &inventory.chart_pins.front();
      why = "the only datadog chart version pinned in the repository, at";
    }
    apply_defaults(settings, pin, why);
  }
}

}  // namespace tracegate::scanner::deploy
