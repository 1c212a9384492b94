// SPDX-License-Identifier: Apache-2.0
#include "cli/config.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>

#include <filesystem>
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
    } else {
      return core::fail(fmt::format("unknown key '{}' (known: scan, rules)", key.str()), where(key, path));
    }
  }
  return config;
}

}  // namespace tracegate::cli
