// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace tracegate::rules {

core::SourceLocation location_of(const toml::node& node, std::string_view path);
core::SourceLocation location_of(const toml::key& key, std::string_view path);

/// Reads the keys of one TOML table for a schema: every accessor names a key the schema
/// allows (whether or not it is present) and reports a missing required key or a wrong type
/// at file:line:column; finish() then reports every key no accessor asked for.
class TomlFields {
 public:
  TomlFields(const toml::table& table, std::string context, std::string_view path, std::vector<core::Diagnostic>& errors);

  std::optional<std::string> string(std::string_view key, bool required);
  std::vector<std::string> strings(std::string_view key, bool required);
  std::optional<std::int64_t> integer(std::string_view key, bool required);
  bool boolean(std::string_view key, bool fallback);
  const toml::table* table(std::string_view key, bool required);
  const toml::array* array(std::string_view key, bool required);
  /// The node itself, any type (for keys with more than one allowed type).
  const toml::node* node(std::string_view key);

  /// Reports unknown keys. Call after every accessor.
  void finish();

  void error(const core::SourceLocation& where, std::string message);
  core::SourceLocation where() const { return location_of(table_, path_); }
  core::SourceLocation where(std::string_view key) const;
  std::string_view path() const { return path_; }
  const std::string& context() const { return context_; }
  std::vector<core::Diagnostic>& errors() { return errors_; }

 private:
  const toml::node* lookup(std::string_view key, bool required);

  const toml::table& table_;
  std::string context_;  ///< "release", "tracer.install": prefixes key names in messages
  std::string path_;
  std::vector<core::Diagnostic>& errors_;
  std::vector<std::string> known_;
};

}  // namespace tracegate::rules
