// SPDX-License-Identifier: Apache-2.0
#include "cli/config.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>

namespace tracegate::cli {

namespace {

core::SourceLocation where(const toml::node& node, std::string_view path) {
  const auto& begin = node.source().begin;
  return {std::string(path), static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

core::SourceLocation where(const toml::key& key, std::string_view path) {
  const auto& begin = key.source().begin;
  return {std::string(path), static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

core::Result<void> read_scan(const toml::table& table, std::string_view path, Config::Scan& scan) {
  for (const auto& [key, node] : table) {
    if (key == "exclude") {
      const auto* array = node.as_array();
      if (!array) return core::fail("scan.exclude must be an array of strings", where(node, path));
      for (const auto& item : *array) {
        const auto* pattern = item.as_string();
        if (!pattern) return core::fail("scan.exclude must be an array of strings", where(item, path));
        scan.exclude.push_back(pattern->get());
      }
    } else if (key == "max_file_size") {
      const auto* value = node.as_integer();
      if (!value || value->get() <= 0) return core::fail("scan.max_file_size must be a positive integer (bytes)", where(node, path));
      scan.max_file_size = static_cast<std::uint64_t>(value->get());
    } else if (key == "jobs") {
      const auto* value = node.as_integer();
      if (!value || value->get() <= 0 || value->get() > 1024) return core::fail("scan.jobs must be an integer from 1 to 1024", where(node, path));
      scan.jobs = static_cast<int>(value->get());
    } else {
      return core::fail(fmt::format("unknown key 'scan.{}' (known: exclude, max_file_size, jobs)", key.str()),
                        where(key, path));
    }
  }
  return {};
}

core::Result<void> read_rules(const toml::table& table, std::string_view path, Config::Rules& rules) {
  // Relative rule directories are relative to the configuration file, as users expect.
  const auto base = std::filesystem::path(path).parent_path();
  for (const auto& [key, node] : table) {
    if (key == "paths") {
      const auto* array = node.as_array();
      if (!array) return core::fail("rules.paths must be an array of strings", where(node, path));
      for (const auto& item : *array) {
        const auto* directory = item.as_string();
        if (!directory || directory->get().empty()) return core::fail("rules.paths must be an array of directory names", where(item, path));
        const std::filesystem::path given(directory->get());
        rules.paths.push_back(given.is_absolute() ? given.string() : (base / given).lexically_normal().string());
      }
    } else {
      return core::fail(fmt::format("unknown key 'rules.{}' (known: paths)", key.str()), where(key, path));
    }
  }
  return {};
}

/// Relative paths in the file are relative to the file's directory, as users expect.
std::string resolve_relative(std::string_view config_path, const std::string& given_text) {
  const std::filesystem::path given(given_text);
  if (given.is_absolute()) return given.string();
  return (std::filesystem::path(config_path).parent_path() / given).lexically_normal().string();
}

core::Result<void> read_severity(const toml::table& table, std::string_view path, Config& config) {
  for (const auto& [key, node] : table) {
    const std::string check(key.str());
    if (core::is_configuration_check(check)) {
      return core::fail(fmt::format("severity.{}: findings about tracegate.toml itself are always reported; "
                                    "their severity cannot be changed",
                                    check),
                        where(key, path));
    }
    const auto* value = node.as_string();
    const auto severity = value ? core::parse_severity(value->get()) : std::nullopt;
    if (!value || (!severity && value->get() != "off")) {
      return core::fail(fmt::format("severity.{} must be \"error\", \"warning\", \"note\" or \"off\"", check),
                        where(node, path));
    }
    config.severity[check] = core::SeverityOverride{severity, where(key, path)};
  }
  return {};
}

core::Result<std::string> read_nonempty_string(const toml::node& node, std::string_view path, std::string_view name) {
  const auto* value = node.as_string();
  if (!value || core::trim(value->get()).empty()) {
    return core::fail(fmt::format("suppress.{} must be a non-empty string", name), where(node, path));
  }
  return value->get();
}

core::Result<core::Date> read_expires(const toml::node& node, std::string_view path) {
  const auto bad = [&] {
    return core::fail("suppress.expires must be a date: expires = 2025-06-30 or \"2025-06-30\"", where(node, path));
  };
  if (const auto* date = node.as_date()) {
    const auto& value = date->get();
    const auto parsed = core::make_date(value.year, value.month, value.day);
    if (!parsed) return bad();
    return *parsed;
  }
  if (const auto* text = node.as_string()) {
    const auto parsed = core::parse_date(text->get());
    if (!parsed) {
      return core::fail(fmt::format("suppress.expires: '{}' is not a date YYYY-MM-DD that exists", text->get()),
                        where(node, path));
    }
    return *parsed;
  }
  return bad();
}

core::Result<core::SuppressionRule> read_suppression(const toml::table& table, std::string_view path) {
  core::SuppressionRule rule;
  rule.where = where(table, path);
  rule.where.column = 0;  // the entry's line; the column of `[[` says nothing
  bool has_check = false;
  bool has_reason = false;
  for (const auto& [key, node] : table) {
    if (key == "check") {
      const auto* value = node.as_string();
      if (!value || core::trim(value->get()).empty()) {
        return core::fail("suppress.check must be a check id or \"*\"", where(node, path));
      }
      if (core::is_configuration_check(value->get())) {
        return core::fail(fmt::format("suppress.check: findings about tracegate.toml itself ({}) are always "
                                      "reported and cannot be suppressed",
                                      value->get()),
                          where(node, path));
      }
      rule.check = value->get();
      rule.check_where = where(node, path);
      has_check = true;
    } else if (key == "service") {
      auto value = read_nonempty_string(node, path, "service");
      if (!value) return std::unexpected(value.error());
      rule.service = std::move(*value);
    } else if (key == "path") {
      auto value = read_nonempty_string(node, path, "path");
      if (!value) return std::unexpected(value.error());
      rule.path = std::move(*value);
    } else if (key == "rule") {
      auto value = read_nonempty_string(node, path, "rule");
      if (!value) return std::unexpected(value.error());
      rule.rule = std::move(*value);
    } else if (key == "reason") {
      auto value = read_nonempty_string(node, path, "reason");
      if (!value) {
        return core::fail("suppress.reason must say why (a non-empty string)", where(node, path));
      }
      rule.reason = std::move(*value);
      has_reason = true;
    } else if (key == "expires") {
      auto value = read_expires(node, path);
      if (!value) return std::unexpected(value.error());
      rule.expires = *value;
    } else {
      return core::fail(fmt::format("unknown key 'suppress.{}' (known: check, service, path, rule, reason, expires)",
                                    key.str()),
                        where(key, path));
    }
  }
  if (!has_check) return core::fail("[[suppress]] needs check = \"<check id>\" (or \"*\")", rule.where);
  if (!has_reason) return core::fail("[[suppress]] needs a reason = \"...\" saying why", rule.where);
  if (rule.check == "*" && !rule.service && !rule.path && !rule.rule) {
    return core::fail("[[suppress]] with check = \"*\" needs a service, path or rule: it would suppress everything",
                      rule.where);
  }
  return rule;
}

core::Result<void> read_suppressions(const toml::node& node, std::string_view path, Config& config) {
  const auto* array = node.as_array();
  if (!array) return core::fail("'suppress' must be an array of tables ([[suppress]])", where(node, path));
  for (const auto& item : *array) {
    const auto* table = item.as_table();
    if (!table) return core::fail("'suppress' must be an array of tables ([[suppress]])", where(item, path));
    auto rule = read_suppression(*table, path);
    if (!rule) return std::unexpected(rule.error());
    config.suppressions.push_back(std::move(*rule));
  }
  return {};
}

}  // namespace

core::Result<Config> load_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail(fmt::format("{}: cannot read configuration file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path);
}

core::Result<Config> parse_config(std::string_view text, std::string_view path) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    return core::fail(std::string(error.description()),
                      {std::string(path), static_cast<int>(begin.line), static_cast<int>(begin.column)});
  }
  Config config;
  for (const auto& [key, node] : root) {
    if (key == "scan") {
      const auto* table = node.as_table();
      if (!table) return core::fail("'scan' must be a table", where(node, path));
      TRACEGATE_TRY(read_scan(*table, path, config.scan));
    } else if (key == "rules") {
      const auto* table = node.as_table();
      if (!table) return core::fail("'rules' must be a table", where(node, path));
      TRACEGATE_TRY(read_rules(*table, path, config.rules));
    } else if (key == "fail_on") {
      const auto* value = node.as_string();
      const auto severity = value ? core::parse_severity(value->get()) : std::nullopt;
      if (!severity) return core::fail("fail_on must be \"error\", \"warning\" or \"note\"", where(node, path));
      config.fail_on = severity;
    } else if (key == "severity") {
      const auto* table = node.as_table();
      if (!table) return core::fail("'severity' must be a table: [severity] <check id> = \"warning\"", where(node, path));
      TRACEGATE_TRY(read_severity(*table, path, config));
    } else if (key == "suppress") {
      TRACEGATE_TRY(read_suppressions(node, path, config));
    } else if (key == "baseline") {
      const auto* value = node.as_string();
      if (!value || core::trim(value->get()).empty()) {
        return core::fail("baseline must be the path of a baseline file (tracegate baseline write FILE)", where(node, path));
      }
      config.baseline = resolve_relative(path, value->get());
    } else {
      return core::fail(fmt::format("unknown key '{}' (known: fail_on, severity, suppress, baseline, scan, rules)", key.str()),
                        where(key, path));
    }
  }
  return config;
}

std::vector<core::Diagnostic> validate_check_ids(const Config& config,
                                                 const std::function<bool(std::string_view)>& is_known) {
  std::vector<core::Diagnostic> errors;
  for (const auto& [check, override_] : config.severity) {
    if (!is_known(check)) {
      errors.push_back({override_.where, fmt::format("severity.{}: unknown check id", check)});
    }
  }
  for (const auto& rule : config.suppressions) {
    if (rule.check != "*" && !is_known(rule.check)) {
      errors.push_back({rule.check_where, fmt::format("suppress.check: unknown check id '{}'", rule.check)});
    }
  }
  std::ranges::stable_sort(errors, {}, [](const core::Diagnostic& error) {
    return std::pair(error.where.line, error.where.column);
  });
  return errors;
}

}  // namespace tracegate::cli
