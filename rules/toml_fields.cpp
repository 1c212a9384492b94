// SPDX-License-Identifier: Apache-2.0
#include "rules/toml_fields.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tracegate::rules {

core::SourceLocation location_of(const toml::node& node, std::string_view path) {
  const auto& begin = node.source().begin;
  return {std::string(path), static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

core::SourceLocation location_of(const toml::key& key, std::string_view path) {
  const auto& begin = key.source().begin;
  return {std::string(path), static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

TomlFields::TomlFields(const toml::table& table, std::string context, std::string_view path,
                       std::vector<core::Diagnostic>& errors)
    : table_(table), context_(std::move(context)), path_(path), errors_(errors) {}

void TomlFields::error(const core::SourceLocation& where, std::string message) {
  errors_.push_back({where, std::move(message), core::Diagnostic::Level::error, {}});
}

core::SourceLocation TomlFields::where(std::string_view key) const {
  const auto* found = table_.get(key);
  return found ? location_of(*found, path_) : where();
}

const toml::node* TomlFields::lookup(std::string_view key, bool required) {
  known_.emplace_back(key);
  const auto* found = table_.get(key);
  if (!found && required) {
    error(where(), fmt::format("{}missing required key '{}'", context_.empty() ? "" : context_ + ": ", key));
  }
  return found;
}

const toml::node* TomlFields::node(std::string_view key) { return lookup(key, false); }

std::optional<std::string> TomlFields::string(std::string_view key, bool required) {
  const auto* found = lookup(key, required);
  if (!found) return std::nullopt;
  if (const auto* value = found->as_string()) {
    if (required && value->get().empty()) {
      error(location_of(*found, path_), fmt::format("'{}' must not be empty", key));
      return std::nullopt;
    }
    return value->get();
  }
  error(location_of(*found, path_), fmt::format("'{}' must be a string", key));
  return std::nullopt;
}

std::vector<std::string> TomlFields::strings(std::string_view key, bool required) {
  std::vector<std::string> out;
  const auto* found = lookup(key, required);
  if (!found) return out;
  const auto* items = found->as_array();
  if (!items) {
    error(location_of(*found, path_), fmt::format("'{}' must be an array of strings", key));
    return out;
  }
  for (const auto& item : *items) {
    if (const auto* value = item.as_string()) {
      out.push_back(value->get());
    } else {
      error(location_of(item, path_), fmt::format("'{}' must be an array of strings", key));
    }
  }
  if (required && out.empty() && items->empty()) error(location_of(*found, path_), fmt::format("'{}' must not be empty", key));
  return out;
}

std::optional<std::int64_t> TomlFields::integer(std::string_view key, bool required) {
  const auto* found = lookup(key, required);
  if (!found) return std::nullopt;
  if (const auto* value = found->as_integer()) return value->get();
  error(location_of(*found, path_), fmt::format("'{}' must be an integer", key));
  return std::nullopt;
}

bool TomlFields::boolean(std::string_view key, bool fallback) {
  const auto* found = lookup(key, false);
  if (!found) return fallback;
  if (const auto* value = found->as_boolean()) return value->get();
  error(location_of(*found, path_), fmt::format("'{}' must be true or false", key));
  return fallback;
}

const toml::table* TomlFields::table(std::string_view key, bool required) {
  const auto* found = lookup(key, required);
  if (!found) return nullptr;
  if (const auto* value = found->as_table()) return value;
  error(location_of(*found, path_), fmt::format("'{}' must be a table", key));
  return nullptr;
}

const toml::array* TomlFields::array(std::string_view key, bool required) {
  const auto* found = lookup(key, required);
  if (!found) return nullptr;
  if (const auto* value = found->as_array()) return value;
  error(location_of(*found, path_), fmt::format("'{}' must be an array", key));
  return nullptr;
}

void TomlFields::finish() {
  for (const auto& [key, value] : table_) {
    if (std::find(known_.begin(), known_.end(), key.str()) != known_.end()) continue;
    std::string known;
    for (const auto& name : known_) known += (known.empty() ? "" : ", ") + name;
    error(location_of(key, path_), fmt::format("unknown key '{}{}' (known: {})", context_.empty() ? "" : context_ + ".",
                                               key.str(), known));
  }
}

}  // namespace tracegate::rules
